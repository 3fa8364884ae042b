"""Colours that must read: WCAG 2 contrast ratios, nudging a colour until it reaches one, and mixing two.

The figure draws curator-chosen category colours on whatever page it sits on (white in the kiosk, warm paper
on the web), so every colour is checked against that real background rather than trusted.
"""

from __future__ import annotations

from collections.abc import Sequence


def ensure_contrast(color: str, background: str = "#FFFFFF", minimum: float = 3.0) -> str:
    """``color`` as "#RRGGBB", moved toward black (or white on a dark background) until it reaches ``minimum``."""
    rgb, bg = hex_to_rgb(color), hex_to_rgb(background)
    target = (0, 0, 0) if _contrast((0, 0, 0), bg) >= _contrast((255, 255, 255), bg) else (255, 255, 255)
    for step in range(101):
        mixed = _blend(rgb, target, step / 100)
        if _contrast(mixed, bg) >= minimum:
            return _hex(mixed)
    return _hex(target)


def mix(color: str, other: str, share: float) -> str:
    """``color`` with ``share`` (0 to 1) of ``other`` mixed in, as "#RRGGBB"."""
    return _hex(_blend(hex_to_rgb(color), hex_to_rgb(other), min(max(share, 0.0), 1.0)))


def _blend(a: Sequence[int], b: Sequence[int], share: float) -> tuple[int, ...]:
    return tuple(round(x + (y - x) * share) for x, y in zip(a, b, strict=True))


def _hex(rgb: Sequence[int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def contrast_ratio(color: str, background: str = "#FFFFFF") -> float:
    """WCAG 2 contrast ratio of two "#RRGGBB" colours (1 to 21)."""
    return _contrast(hex_to_rgb(color), hex_to_rgb(background))


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    digits = color.strip().removeprefix("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    if len(digits) != 6 or any(d not in "0123456789abcdefABCDEF" for d in digits):
        raise ValueError(f"not a #RRGGBB colour: {color!r}")
    return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def _luminance(rgb: Sequence[float]) -> float:
    linear = [(c / 255) / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: Sequence[float], b: Sequence[float]) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
