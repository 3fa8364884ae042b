"""QR codes that let a kiosk visitor take an entry home: the phone opens the same entry on the public site.

Pure and free of Streamlit: a URL goes in, SVG text or PNG bytes come out. Codes are drawn with whole
pixels per module (an integer scale) and the standard four-module quiet zone, so a phone camera reads
them at arm's length and nothing is smoothed into grey.
"""

from __future__ import annotations

import base64
import io

import segno

QUIET_ZONE = 4  # modules of light border the QR standard asks for
ERROR_LEVEL = "m"  # 15 % of the code may be scuffed or glared and still read
TARGET_PX = 240  # on screen: large enough for an older phone camera at 40 cm, small beside the story
DARK, LIGHT = "#111111", "#FFFFFF"


def _code(url: str) -> segno.QRCode:
    return segno.make(url, error=ERROR_LEVEL, micro=False, boost_error=False)


def module_scale(modules: int, target_px: int = TARGET_PX) -> int:
    """Whole pixels per module that bring a code of ``modules`` (quiet zone included) nearest ``target_px``."""
    return max(1, round(target_px / modules))


def qr_svg(url: str, target_px: int = TARGET_PX, label: str = "") -> str:
    """A standalone SVG document of ``url`` (no XML declaration), about ``target_px`` wide, titled ``label``.

    Standalone (with its namespace) so it also works as an ``<img>`` data URI, which HTML sanitisers keep
    while they drop inline ``<svg>``.
    """
    code = _code(url)
    modules = code.symbol_size(scale=1, border=QUIET_ZONE)[0]
    out = io.BytesIO()
    code.save(out, kind="svg", xmldecl=False, svgns=True, scale=module_scale(modules, target_px), border=QUIET_ZONE,
              dark=DARK, light=LIGHT, title=label or None, svgclass="qr-code", lineclass=None, nl=False)
    return out.getvalue().decode("utf-8")


def qr_svg_data_uri(url: str, target_px: int = TARGET_PX, label: str = "") -> str:
    """``qr_svg`` as a base64 ``data:`` URI for an ``<img src>``."""
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(url, target_px, label).encode()).decode("ascii")


def qr_png(url: str, target_px: int = TARGET_PX) -> bytes:
    """PNG bytes of ``url``: one colour per pixel block, for places that cannot take SVG."""
    code = _code(url)
    modules = code.symbol_size(scale=1, border=QUIET_ZONE)[0]
    out = io.BytesIO()
    code.save(out, kind="png", scale=module_scale(modules, target_px), border=QUIET_ZONE, dark=DARK, light=LIGHT)
    return out.getvalue()
