"""QR codes for "Continue on your phone": codes a phone can read."""

from __future__ import annotations

import base64
import io
import re
import xml.etree.ElementTree as ET

import pytest
import zxingcpp
from PIL import Image

from timeline.qr import module_scale, qr_png, qr_svg, qr_svg_data_uri

SVG_NS = {"svg": "http://www.w3.org/2000/svg"}


@pytest.mark.parametrize(("modules", "target", "expected"), [
    (37, 240, 6), (45, 240, 5), (29, 240, 8), (177, 240, 1), (500, 240, 1),
])
def test_module_scale_is_whole_pixels_near_the_target(modules, target, expected):
    assert module_scale(modules, target) == expected


URLS = [
    "https://desegregationhistory.med.wustl.edu/?event=homer-g-phillips-hospital-opens",
    "https://example.org/?event=a",
    "https://example.org/a/much/longer/path/for/the/public/site/?lang=en&event=" + "x" * 80,
]


def decoded(png: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


@pytest.mark.parametrize("url", URLS)
def test_png_decodes_to_the_url(url):
    png = qr_png(url)
    assert decoded(png) == [url]
    width, height = Image.open(io.BytesIO(png)).size
    assert width == height and 200 <= width <= 290


@pytest.mark.parametrize("url", URLS)
def test_svg_is_crisp_and_the_promised_size(url):
    svg = qr_svg(url, label="Continue on your phone")
    root = ET.fromstring(svg)  # well-formed: the browser parses it the same way
    size = int(root.get("width"))
    assert root.get("height") == str(size) and 200 <= size <= 290
    assert re.search(r'transform="scale\(\d+\)"', svg), "modules must be whole pixels"
    assert root.tag == "{http://www.w3.org/2000/svg}svg", "standalone, so it works as an <img> source"
    assert root.find("svg:title", SVG_NS).text == "Continue on your phone"


def test_data_uri_carries_the_svg():
    url = URLS[0]
    prefix = "data:image/svg+xml;base64,"
    uri = qr_svg_data_uri(url, label="x")
    assert uri.startswith(prefix)
    assert base64.b64decode(uri.removeprefix(prefix)).decode() == qr_svg(url, label="x")


def test_svg_and_png_carry_the_same_code():
    url = URLS[0]
    svg_size = int(ET.fromstring(qr_svg(url)).get("width"))
    assert Image.open(io.BytesIO(qr_png(url))).size == (svg_size, svg_size)
