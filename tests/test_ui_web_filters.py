"""The filters' words: the one control's label carries the count, the status line speaks only when filtered."""

from __future__ import annotations

from tests.html_parts import Elements
from timeline.query import Query, ResultCount
from timeline.ui.web.filters import count_html, panel_label


def test_the_control_shows_how_many_entries_the_filters_let_through():
    assert panel_label(Query(), ResultCount(45, 45)) == "Filters · all 45"
    filtered = Query(categories=frozenset({"Homer G. Phillips Hospital"}))
    assert panel_label(filtered, ResultCount(12, 45, 3, 16)) == "Filters · 12 of 45"  # drafts are not entries


def test_unfiltered_the_count_is_for_screen_readers_only_filtered_it_shows():
    quiet = Elements(count_html(Query(), ResultCount(45, 45)))
    assert quiet.find("p", class_="result-count visually-hidden", role="status", aria_live="polite")
    shown = Elements(count_html(Query(text="nurse"), ResultCount(3, 45)))
    assert shown.find("p", class_="result-count", role="status", aria_live="polite")
    assert shown.words == "3 of 45 entries · “nurse”"


def test_a_hostile_search_shows_as_text_in_the_count():
    shown = Elements(count_html(Query(text="<script>alert(1)</script>"), ResultCount(0, 45)))
    assert [tag for tag, _ in shown.tags] == ["p"] and "“<script>alert(1)</script>”" in shown.words
