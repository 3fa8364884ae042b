"""The focus script's one input: a selector handed to timeline/static/focus.js as a setting, never as code."""

from __future__ import annotations

import json

import pytest

from tests.html_parts import Elements
from timeline.ui.focus import detail_heading, focus_script, list_item
from timeline.ui.page_files import page_file


@pytest.mark.parametrize("value", [
    detail_heading(),
    list_item("hospital-opens"),
    "</script><script>alert(1)</script>",
    "<!-- a comment opener",
    'quotes " and \\ backslashes',
])
def test_a_selector_reads_back_exactly_and_leaves_the_script_as_it_is(value):
    element = Elements(focus_script(value, reveal=False))
    assert json.loads(element.find("script")[0]["data-config"])["selector"] == value
    assert element.scripts == [page_file("focus.js")]


def test_the_same_request_twice_is_a_changed_element_each_time():
    """The front end runs a script again only when its element changed: a keyboard visitor who opens the same
    entry twice in a row must land on it twice."""
    assert focus_script(detail_heading(), reveal=False) != focus_script(detail_heading(), reveal=False)


def test_selectors_name_the_parts_by_their_keys():
    assert (detail_heading(), list_item("a-1")) == (".st-key-event-detail h2",
                                                    '.st-key-event-list [data-entry-id="a-1"] .entry-title a')
