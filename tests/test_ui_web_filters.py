"""The filters' words: the one control's label carries the count, the status line speaks only when filtered."""

from __future__ import annotations

from timeline.query import Query, ResultCount
from timeline.ui.web.filters import count_html, panel_label


def test_the_control_shows_how_many_entries_the_filters_let_through():
    assert panel_label(Query(), ResultCount(45, 45)) == "Filters · all 45"
    filtered = Query(categories=frozenset({"Homer G. Phillips Hospital"}))
    assert panel_label(filtered, ResultCount(12, 45, 3, 16)) == "Filters · 12 of 45"  # drafts are not entries


def test_unfiltered_the_count_is_for_screen_readers_only_filtered_it_shows():
    assert 'class="result-count visually-hidden"' in count_html(Query(), ResultCount(45, 45))
    shown = count_html(Query(text="nurse"), ResultCount(3, 45))
    assert 'class="result-count"' in shown and 'role="status"' in shown and "3 of 45 entries" in shown
