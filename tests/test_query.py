"""Filters, search, their description in words, and their round trip through URL parameters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.dates import HistDate, Precision
from timeline.query import (
    MAX_TEXT,
    MAX_VALUES,
    PARAM_ORDER,
    SHOWN_CHARS,
    Facets,
    Query,
    ResultCount,
    apply_query,
    clean_text,
    describe,
    facets_of,
    fold,
    query_from_params,
    query_to_params,
)
from timeline.schema import Entry, Kind, Status

HGP, WU, CITY = "Homer G. Phillips Hospital", "Washington University", "City of St. Louis"


def entry(id: str, date: HistDate, category: str = "", kind: Kind = Kind.EVENT, **fields) -> Entry:
    return Entry(id=id, kind=kind, date=date, title=fields.pop("title", id), row=2, category=category, **fields)


ENTRIES = (
    entry("hgp-opens", HistDate(1937, 2, 22, Precision.DAY), HGP, themes=("patients",),
          title="Homer G. Phillips Hospital opens", place="2601 N. Whittier St."),
    entry("nursing-school", HistDate(1940, precision=Precision.DECADE), HGP, themes=("nursing", "students"),
          title="The nursing school grows", text="Nurses trained here served the whole city."),
    entry("wu-admits", HistDate(1947, 9, precision=Precision.MONTH), WU, themes=("students",),
          people=("Hélène Dupré",), title="Washington University admits Black medical students",
          display_date="Fall 1947"),
    entry("hospitals-desegregate", HistDate(1955, end=HistDate(1966)), CITY, themes=("patients", "activism"),
          title="City hospitals desegregate", text="Costs rose to $1.5 million (estimate)."),
    entry("whittico-quote", HistDate(1990), kind=Kind.QUOTE, people=("James Whittico",),
          title="On training at Homer G. Phillips", text="We were the best-trained doctors .* anywhere.",
          attribution="Dr. James Whittico, oral history, 1990"),
)
IDS = tuple(e.id for e in ENTRIES)
ORDER = (WU, HGP, "A category with no entries")
FACETS = facets_of(ENTRIES, category_order=ORDER)


# --- apply_query ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "expected"), [
    (Query(), IDS),
    (Query(categories=frozenset({HGP})), ("hgp-opens", "nursing-school")),
    (Query(categories=frozenset({HGP, WU})), ("hgp-opens", "nursing-school", "wu-admits")),  # OR within a facet
    (Query(themes=frozenset({"patients"})), ("hgp-opens", "hospitals-desegregate")),
    (Query(themes=frozenset({"activism", "nursing"})), ("nursing-school", "hospitals-desegregate")),
    (Query(people=frozenset({"James Whittico"})), ("whittico-quote",)),
    (Query(kinds=frozenset({Kind.QUOTE})), ("whittico-quote",)),
    (Query(kinds=frozenset({Kind.EVENT, Kind.QUOTE})), IDS),
    (Query(categories=frozenset({HGP}), themes=frozenset({"students"})), ("nursing-school",)),  # AND across
    (Query(categories=frozenset({WU}), kinds=frozenset({Kind.QUOTE})), ()),
    # years: anything an entry covers counts, so spans and decades are found by any of their years
    (Query(year_from=1945, year_to=1945), ("nursing-school",)),
    (Query(year_from=1960, year_to=1960), ("hospitals-desegregate",)),
    (Query(year_from=1966), ("hospitals-desegregate", "whittico-quote")),
    (Query(year_from=1967), ("whittico-quote",)),
    (Query(year_to=1940), ("hgp-opens", "nursing-school")),
    (Query(year_to=1939), ("hgp-opens",)),
    (Query(year_to=1936), ()),
    (Query(year_from=1937, year_to=1937), ("hgp-opens",)),
    (Query(year_from=1950, year_to=1954), ()),
    (Query(year_from=1940, year_to=1950, themes=frozenset({"students"})), ("nursing-school", "wu-admits")),
])
def test_apply_facets(query: Query, expected: tuple[str, ...]) -> None:
    assert tuple(e.id for e in apply_query(query, ENTRIES)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("nurse", ("nursing-school",)),  # the narrative
    ("NURSING", ("nursing-school",)),  # case
    ("helene", ("wu-admits",)),  # accents, both ways
    ("HÉLÈNE dupre", ("wu-admits",)),
    ("fall 1947", ("wu-admits",)),  # the label visitors read
    ("whittier", ("hgp-opens",)),  # place
    ("oral history", ("whittico-quote",)),  # attribution; several words must all match
    ("homer phillips", ("hgp-opens", "nursing-school", "whittico-quote")),  # words anywhere, category too
    ("phillips activism", ()),
    ("activism", ("hospitals-desegregate",)),  # themes
    (".*", ("whittico-quote",)),  # literal, never a regex
    ("(", ("hospitals-desegregate",)),
    ("$1.5", ("hospitals-desegregate",)),
    ("1.5 (estimate)", ("hospitals-desegregate",)),
    ("1x5", ()),
    ("  students   ", ("nursing-school", "wu-admits")),
    ("zebra", ()),
])
def test_apply_text(text: str, expected: tuple[str, ...]) -> None:
    assert tuple(e.id for e in apply_query(Query(text=text), ENTRIES)) == expected


def test_apply_keeps_given_order_and_returns_a_tuple() -> None:
    result = apply_query(Query(themes=frozenset({"students", "patients"})), ENTRIES[::-1])
    assert result == tuple(e for e in ENTRIES[::-1] if e.id != "whittico-quote")


def test_search_sees_an_edited_entry_with_the_same_id() -> None:
    before = entry("edited", HistDate(1950), title="Clinic opens")
    after = entry("edited", HistDate(1950), title="Dispensary opens")
    assert apply_query(Query(text="clinic"), (before,)) == (before,)
    assert apply_query(Query(text="clinic"), (after,)) == ()
    assert apply_query(Query(text="dispensary"), (after,)) == (after,)
    reloaded = entry("edited", HistDate(1950), title="Dispensary opens")  # equal value, another object
    assert apply_query(Query(text="dispensary"), (reloaded,)) == (reloaded,)


@pytest.mark.parametrize(("raw", "expected"), [
    ("  a \t b\n", "a b"),
    ("nurse\x00s\x1b[1m", "nurses[1m"),
    ("right\u202eto\u200bleft", "righttoleft"),
    ("x" * 300, "x" * 300),
])
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [("Hélène", "helene"), ("STRASSE", "strasse"), ("Straße", "strasse"),
                                               ("ﬁ", "fi"), ("İstanbul", "istanbul")])
def test_fold(raw: str, expected: str) -> None:
    assert fold(raw) == expected


def test_query_text_is_cleaned_and_capped() -> None:
    assert Query(text=" a\x00  b ").text == "a b"
    assert len(Query(text="word " * 60).text) == MAX_TEXT - 1  # the cut lands on a space, which is dropped
    assert Query(text=" \n ").is_empty
    assert not Query(year_to=1950).is_empty


# --- facets -----------------------------------------------------------------------------------------------------

def test_facets_of() -> None:
    assert facets_of(ENTRIES, ORDER) == Facets(
        categories=(WU, HGP, CITY),  # the exhibit's order, then others; none that are absent
        themes=("activism", "nursing", "patients", "students"),
        people=("Hélène Dupré", "James Whittico"),
        year_min=1937,
        year_max=1990,
        ids=frozenset(IDS),
    )


def test_facets_of_nothing() -> None:
    assert facets_of((), ()) == Facets((), (), (), 0, 0, frozenset())


# --- describe ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "count", "expected"), [
    (Query(), ResultCount(61, 61), "All 61 entries"),
    (Query(), ResultCount(1, 1), "1 entry"),
    (Query(categories=frozenset({HGP}), year_from=1930, year_to=1960, text="nurse"), ResultCount(12, 61),
     "12 of 61 entries · Homer G. Phillips Hospital · 1930–1960 · “nurse”"),
    (Query(categories=frozenset({WU, HGP})), ResultCount(1, 61),
     "1 of 61 entries · Homer G. Phillips Hospital or Washington University"),
    (Query(themes=frozenset({"nursing"}), people=frozenset({"Helen E. Nash"})), ResultCount(0, 61),
     "0 of 61 entries · theme: nursing · person: Helen E. Nash"),
    (Query(kinds=frozenset({Kind.QUOTE})), ResultCount(3, 61), "3 of 61 entries · quotes"),
    (Query(year_from=1947), ResultCount(5, 61), "5 of 61 entries · from 1947"),
    (Query(year_to=1947), ResultCount(5, 61), "5 of 61 entries · until 1947"),
    (Query(year_from=1947, year_to=1947), ResultCount(5, 61), "5 of 61 entries · 1947"),
    # A curator's count: published entries as everywhere, drafts named apart (eras' drafts too, unfiltered).
    (Query(), ResultCount(45, 45, 14, 16), "All 45 entries · 16 drafts"),
    (Query(), ResultCount(1, 1, 1, 1), "1 entry · 1 draft"),
    (Query(text="nurse"), ResultCount(12, 45, 3, 16), "12 of 45 entries · 3 drafts · “nurse”"),
    (Query(text="nurse"), ResultCount(12, 45, 0, 16), "12 of 45 entries · 0 drafts · “nurse”"),
])
def test_describe(query: Query, count: ResultCount, expected: str) -> None:
    assert describe(query, count) == expected


def test_a_result_count_tells_published_entries_from_drafts() -> None:
    draft = entry("draft", HistDate(1950), status=Status.DRAFT)
    assert ResultCount.of((ENTRIES[0], draft, draft), published=45, drafts=16) == ResultCount(1, 45, 2, 16)


# --- URL parameters ---------------------------------------------------------------------------------------------

FULL = Query(categories=frozenset({HGP, WU}), themes=frozenset({"students"}), kinds=frozenset({Kind.EVENT}),
             year_from=1940, year_to=1960, text="nurse")


def test_query_to_params_is_canonical() -> None:
    params = query_to_params(FULL, "wu-admits")
    assert list(params.items()) == [
        ("event", ["wu-admits"]), ("category", [HGP, WU]), ("theme", ["students"]), ("kind", ["event"]),
        ("from", ["1940"]), ("to", ["1960"]), ("q", ["nurse"]),
    ]
    assert query_to_params(Query(), None) == {}


HUGE = "x" * 5000


@pytest.mark.parametrize(("params", "query", "event", "notices"), [
    ({}, Query(), None, ()),
    ({"utm_source": ["newsletter"], "embed": ["true"], "": [""]}, Query(), None, ()),  # unknown names: silent
    ({"event": [""], "q": [""], "category": ["", " "]}, Query(), None, ()),  # empty values: silent
    ({"event": ["wu-admits"]}, Query(), "wu-admits", ()),
    ({"event": "wu-admits"}, Query(), "wu-admits", ()),  # a bare string, not a list
    ({"event": ["foo-bar"]}, Query(), None, ("We couldn't find the entry “foo-bar”; showing the timeline instead.",)),
    ({"event": ["foo-bar", "wu-admits", "hgp-opens"]}, Query(), "wu-admits", (
        "We couldn't find the entry “foo-bar”; showing the timeline instead.",
        "The link named more than one entry; we used the first.")),
    ({"event": [HUGE]}, Query(), None, ("The entry in the link was too long to use, so it was left out.",)),
    ({"event": ["a" * 150]}, Query(), None,
     (f"We couldn't find the entry “{'a' * (SHOWN_CHARS - 1)}…”; showing the timeline instead.",)),
    ({"event": ["x\x00\x1b[31my\u202e\nz"]}, Query(), None,
     ("We couldn't find the entry “x[31my z”; showing the timeline instead.",)),
    ({"category": [HGP, WU]}, Query(categories=frozenset({HGP, WU})), None, ()),  # repeated keys: several values
    ({"category": ["homer g. phillips hospital"]}, Query(categories=frozenset({HGP})), None, ()),  # forgiving case
    ({"theme": ["Nursing", "STUDENTS"]}, Query(themes=frozenset({"nursing", "students"})), None, ()),
    ({"person": ["Helene Dupre"]}, Query(people=frozenset({"Hélène Dupré"})), None, ()),
    ({"category": ["Nowhere", HGP]}, Query(categories=frozenset({HGP})), None,
     ("We couldn't find “Nowhere” among the categories, so it was left out.",)),
    ({"theme": ["a", "b", "c", "d", "e"]}, Query(), None,
     ("We couldn't find “a”, “b”, “c” and 2 more among the themes, so they were left out.",)),
    ({"kind": ["quote", "Event"]}, Query(kinds=frozenset({Kind.QUOTE, Kind.EVENT})), None, ()),
    ({"kind": ["era"]}, Query(), None, ("We couldn't find “era” among the kinds of entry, so it was left out.",)),
    ({"theme": ["students"] * 60}, Query(themes=frozenset({"students"})), None,
     (f"The link held too many values for “theme”; we used the first {MAX_VALUES}.",)),
    ({"from": ["1940"], "to": ["1960"]}, Query(year_from=1940, year_to=1960), None, ()),
    ({"from": [" 1940 "]}, Query(year_from=1940), None, ()),
    ({"from": ["1960"], "to": ["1940"]}, Query(year_from=1940, year_to=1960), None,
     ("The years were the wrong way round, so we show 1940–1960.",)),
    ({"from": ["abc", "1950", "1960"]}, Query(year_from=1950), None, (
        "“abc” isn't a year we can use, so the start year was left out.",
        "The link named more than one start year; we used the first.")),
    ({"to": ["19.5"], "from": ["1e3"]}, Query(), None, (
        "“1e3” isn't a year we can use, so the start year was left out.",
        "“19.5” isn't a year we can use, so the end year was left out.")),
    ({"to": ["99999999999999999999"]}, Query(), None, (
        "“99999999999999999999” isn't a year we can use, so the end year was left out.",)),
    ({"from": ["1800"], "to": ["2200"]}, Query(year_from=1937, year_to=1990), None, ()),  # harmless: clamped
    ({"from": ["2100"]}, Query(), None, ("The timeline ends in 1990, so the start year 2100 was left out.",)),
    ({"to": ["1900"]}, Query(), None, ("The timeline begins in 1937, so the end year 1900 was left out.",)),
    ({"q": ["nurse", "doctor"]}, Query(text="nurse"), None,
     ("The link held more than one search; we used the first.",)),
    ({"q": ["(.*"]}, Query(text="(.*"), None, ()),
    ({"q": ["y" * 150]}, Query(text="y" * MAX_TEXT), None,
     (f"Searches are limited to {MAX_TEXT} characters, so yours was shortened.",)),
    ({"q": [HUGE]}, Query(), None, ("The search in the link was too long to use, so it was left out.",)),
])
def test_query_from_params(params, query: Query, event: str | None, notices: tuple[str, ...]) -> None:
    assert query_from_params(params, FACETS) == (query, event, notices)


def test_notices_never_echo_huge_or_control_values() -> None:
    hostile = HUGE + "\x00"
    params = {name: [hostile, "z" * 199 + "\x07", "<script>\x1b\u202e"] for name in
              ("event", "category", "theme", "person", "kind", "from", "to", "q")}
    _, _, notices = query_from_params(params, FACETS)
    assert notices
    for notice in notices:
        assert "x" * SHOWN_CHARS not in notice and "z" * SHOWN_CHARS not in notice
        assert not any(ord(ch) < 32 or ch == "\u202e" for ch in notice)


@st.composite
def facet_queries(draw: st.DrawFn) -> tuple[Query, str | None]:
    years = sorted(draw(st.lists(st.integers(FACETS.year_min, FACETS.year_max), min_size=2, max_size=2)))
    query = Query(
        categories=draw(st.frozensets(st.sampled_from(FACETS.categories))),
        themes=draw(st.frozensets(st.sampled_from(FACETS.themes))),
        people=draw(st.frozensets(st.sampled_from(FACETS.people))),
        kinds=draw(st.frozensets(st.sampled_from((Kind.EVENT, Kind.QUOTE)))),
        year_from=draw(st.sampled_from((None, years[0]))),
        year_to=draw(st.sampled_from((None, years[1]))),
        text=draw(st.text(max_size=2 * MAX_TEXT)),
    )
    return query, draw(st.none() | st.sampled_from(sorted(FACETS.ids)))


@given(facet_queries())
def test_params_round_trip(query_and_event: tuple[Query, str | None]) -> None:
    query, event = query_and_event
    params = query_to_params(query, event)
    assert list(params) == [name for name in PARAM_ORDER if name in params]  # canonical: stable keys...
    assert all(values == sorted(values) and values for values in params.values())  # ...sorted values, none empty
    assert query_from_params(params, FACETS) == (query, event, ())
