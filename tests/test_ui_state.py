"""Widget values <-> Query, chart selections and share links, without Streamlit running."""

from __future__ import annotations

import pytest

from timeline.query import Facets, Query
from timeline.schema import Kind
from timeline.ui.state import KEYS, query_from_widgets, selected_id_from, widget_values

FACETS = Facets(categories=("City Hospital", "Nursing School"), themes=("nursing", "patients"),
                people=("Ada Example",), year_min=1900, year_max=1970, ids=frozenset({"a", "b"}))


@pytest.mark.parametrize("query", [
    Query(),
    Query(categories=frozenset({"Nursing School"})),
    Query(themes=frozenset({"nursing", "patients"}), people=frozenset({"Ada Example"})),
    Query(kinds=frozenset({Kind.QUOTE})),
    Query(year_from=1920, year_to=1950, text="ward"),
    Query(year_from=1901),
])
def test_widget_values_round_trip(query):
    assert query_from_widgets(widget_values(query, FACETS), FACETS) == query


@pytest.mark.parametrize(("values", "expected"), [
    ({}, Query()),
    ({KEYS.years: (1900, 1970)}, Query()),  # the full range is no filter
    ({KEYS.kinds: ["event", "quote"]}, Query()),  # both kinds is no filter
    ({KEYS.categories: ["Gone Hospital", "City Hospital"]}, Query(categories=frozenset({"City Hospital"}))),
    ({KEYS.themes: ["vanished"]}, Query()),
    ({KEYS.kinds: ["era"]}, Query()),
    ({KEYS.text: "  two   words "}, Query(text="two words")),
])
def test_query_from_widgets_ignores_what_the_catalogue_lacks(values, expected):
    assert query_from_widgets(values, FACETS) == expected


WIDER = Facets(categories=FACETS.categories, themes=FACETS.themes, people=FACETS.people,
               year_min=1890, year_max=1980, ids=FACETS.ids)  # a new catalogue with entries on both sides


@pytest.mark.parametrize(("years", "expected"), [
    ((1900, 1970), Query()),  # untouched: follows the new catalogue's years
    ((1920, 1970), Query(year_from=1920)),  # only the start was narrowed: the end follows
    ((1900, 1950), Query(year_to=1950)),
    ((1920, 1950), Query(year_from=1920, year_to=1950)),
    ((1890, 1980), Query()),  # already drawn with the new range
])
def test_an_untouched_slider_end_follows_a_new_catalogue(years, expected):
    drawn = widget_values(Query(), FACETS)[KEYS.years_span]
    assert query_from_widgets({KEYS.years: years, KEYS.years_span: drawn}, WIDER) == expected


@pytest.mark.parametrize(("years", "expected"), [
    ((1900, 1970), Query()),
    ((1960, 1970), Query(year_from=1960)),
    ((1965, 1970), Query(year_from=1960)),  # beyond a catalogue that now ends in 1960: its last year
])
def test_slider_bounds_are_clamped_to_a_narrower_catalogue(years, expected):
    narrower = Facets(categories=(), themes=(), people=(), year_min=1900, year_max=1960, ids=frozenset())
    assert query_from_widgets({KEYS.years: years, KEYS.years_span: (1900, 1970)}, narrower) == expected


@pytest.mark.parametrize(("event", "expected"), [
    (None, None),
    ({}, None),
    ({"selection": {"points": []}}, None),
    ({"selection": {"points": [{"customdata": ["entry-1", "1947", "Title"]}]}}, "entry-1"),
    ({"selection": {"points": [{"x": 1}, {"customdata": ["entry-2"]}]}}, "entry-2"),
    ({"selection": {"points": [{"customdata": [7]}]}}, None),
    ({"selection": {"points": [{"customdata": "entry-1"}]}}, None),
    ({"selection": None}, None),
])
def test_selected_id_from(event, expected):
    assert selected_id_from(event) == expected
