"""The focus script's one input: a selector written into a <script> element as a string literal."""

from __future__ import annotations

import json

import pytest

from timeline.ui.focus import detail_heading, list_item, script_literal


@pytest.mark.parametrize("value", [
    detail_heading(),
    list_item("hospital-opens"),
    "</script><script>alert(1)</script>",
    "<!-- a comment opener",
    'quotes " and \\ backslashes',
])
def test_a_selector_reads_back_exactly_and_cannot_end_its_script(value):
    literal = script_literal(value)
    assert json.loads(literal) == value
    assert "<" not in literal
