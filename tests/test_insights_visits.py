"""How the pages' own state becomes what insights record: list routes, changed filters, content-note outcomes."""

from __future__ import annotations

from timeline.insights.events import FILTERS, Reached
from timeline.insights.visits import changed_filters, list_route, note_outcomes
from timeline.query import Query
from timeline.schema import Kind


def test_an_entry_opened_from_a_list_was_reached_by_search_filter_or_the_list():
    assert list_route(Query()) is Reached.LIST
    assert list_route(Query(themes=frozenset({"patients"}))) is Reached.FILTER
    assert list_route(Query(year_from=1920)) is Reached.FILTER
    assert list_route(Query(text="ward", categories=frozenset({"City Hospital"}))) is Reached.SEARCH


def test_changed_filters_names_each_filter_that_changed_and_never_the_search():
    before = Query(themes=frozenset({"patients"}), year_from=1920)
    after = Query(categories=frozenset({"City Hospital"}), themes=frozenset({"patients"}),
                  kinds=frozenset({Kind.QUOTE}), people=frozenset({"Ada Example"}), year_to=1950, text="ward")
    assert changed_filters(before, after) == ("category", "person", "kind", "from", "to")
    assert changed_filters(after, after) == ()
    assert set(changed_filters(Query(), after)) <= FILTERS


def test_a_content_note_is_shown_once_then_continued_or_backed_out_of():
    assert note_outcomes("", "hard", set()) == (("hard", "shown"),)
    assert note_outcomes("hard", "hard", set()) == ()  # the same view drawn again
    assert note_outcomes("hard", "", {"hard"}) == (("hard", "continued"),)
    assert note_outcomes("hard", "", set()) == (("hard", "backed-out"),)
    assert note_outcomes("hard", "other", set()) == (("hard", "backed-out"), ("other", "shown"))
    assert note_outcomes("", "", set()) == ()
