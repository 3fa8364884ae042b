"""Tests for timeline/dates.py: accepted forms, precise rejections, the year axis, ordering and round trips."""

from __future__ import annotations

import calendar
import random
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from timeline.dates import DATE_MAX_CHARS, FIRST_YEAR, LAST_YEAR, HistDate, Precision, make_span, parse_date
from timeline.problems import PROBLEM_TYPES, Finding

D, M, Y, X = Precision.DAY, Precision.MONTH, Precision.YEAR, Precision.DECADE


def year(y: int, approximate: bool = False, end: HistDate | None = None) -> HistDate:
    return HistDate(y, precision=Y, approximate=approximate, end=end)


ACCEPTED = [
    # text, expected date, label, canonical EDTF
    ("1947", year(1947), "1947", "1947"),
    ("  1947 ", year(1947), "1947", "1947"),
    ("1947-09", HistDate(1947, 9, precision=M), "September 1947", "1947-09"),
    ("1947-9", HistDate(1947, 9, precision=M), "September 1947", "1947-09"),
    ("1947-09-15", HistDate(1947, 9, 15, D), "15 September 1947", "1947-09-15"),
    ("1948-02-29", HistDate(1948, 2, 29, D), "29 February 1948", "1948-02-29"),
    ("1947~", year(1947, True), "about 1947", "1947~"),
    ("1947-09~", HistDate(1947, 9, precision=M, approximate=True), "about September 1947", "1947-09~"),
    ("194X", HistDate(1940, precision=X), "the 1940s", "194X"),
    ("194X~", HistDate(1940, precision=X, approximate=True), "about the 1940s", "194X~"),
    ("1947/1955", year(1947, end=year(1955)), "1947–1955", "1947/1955"),
    ("1947-09/1948", HistDate(1947, 9, precision=M, end=year(1948)), "September 1947 – 1948", "1947-09/1948"),
    ("1947-09-15/1947-10", HistDate(1947, 9, 15, D, end=HistDate(1947, 10, precision=M)),
     "15 September 1947 – October 1947", "1947-09-15/1947-10"),
    ("1945~/1966", year(1945, True, year(1966)), "about 1945–1966", "1945~/1966~"),
    ("c. 1947", year(1947, True), "about 1947", "1947~"),
    ("c.1947", year(1947, True), "about 1947", "1947~"),
    ("C. 1947", year(1947, True), "about 1947", "1947~"),
    ("ca. 1947", year(1947, True), "about 1947", "1947~"),
    ("circa 1947", year(1947, True), "about 1947", "1947~"),
    ("about 1947", year(1947, True), "about 1947", "1947~"),
    ("1940s", HistDate(1940, precision=X), "the 1940s", "194X"),
    ("the 1940s", HistDate(1940, precision=X), "the 1940s", "194X"),
    ("1940's", HistDate(1940, precision=X), "the 1940s", "194X"),
    ("c. 1940s", HistDate(1940, precision=X, approximate=True), "about the 1940s", "194X~"),
    ("1940s-1950s", HistDate(1940, precision=X, end=HistDate(1950, precision=X)), "1940s–1950s", "194X/195X"),
    ("1945-1966", year(1945, end=year(1966)), "1945–1966", "1945/1966"),
    ("1945–1966", year(1945, end=year(1966)), "1945–1966", "1945/1966"),
    ("1945 - 1966", year(1945, end=year(1966)), "1945–1966", "1945/1966"),
    ("1945 to 1966", year(1945, end=year(1966)), "1945–1966", "1945/1966"),
    ("c. 1945-1966", year(1945, True, year(1966)), "about 1945–1966", "1945~/1966~"),
    ("September 1947", HistDate(1947, 9, precision=M), "September 1947", "1947-09"),
    ("Sept. 15, 1947", HistDate(1947, 9, 15, D), "15 September 1947", "1947-09-15"),
    ("15-Sep-1947", HistDate(1947, 9, 15, D), "15 September 1947", "1947-09-15"),
    ("1947/1947", year(1947, end=year(1947)), "1947–1947", "1947/1947"),
    # EDTF level 1: seasons as approximate spans of months, unspecified digits as the precision they leave
    ("1947-21", HistDate(1947, 3, precision=M, approximate=True, end=HistDate(1947, 5, precision=M)),
     "about March 1947 – May 1947", "1947-03~/1947-05~"),
    ("1947-23", HistDate(1947, 9, precision=M, approximate=True, end=HistDate(1947, 11, precision=M)),
     "about September 1947 – November 1947", "1947-09~/1947-11~"),
    ("1947-24", HistDate(1947, 12, precision=M, approximate=True, end=HistDate(1948, 2, precision=M)),
     "about December 1947 – February 1948", "1947-12~/1948-02~"),
    ("19XX", year(1900, end=year(1999)), "1900–1999", "1900/1999"),
    ("1XXX", year(1000, end=year(1999)), "1000–1999", "1000/1999"),
    ("194x", HistDate(1940, precision=X), "the 1940s", "194X"),
    ("1947-XX", year(1947), "1947", "1947"),
    ("1947-XX-XX", year(1947), "1947", "1947"),
    ("1947-09-XX", HistDate(1947, 9, precision=M), "September 1947", "1947-09"),
    ("1947-XX~", year(1947, True), "about 1947", "1947~"),
]


@pytest.mark.parametrize(("text", "expected", "label", "edtf"), ACCEPTED)
def test_accepted_forms(text: str, expected: HistDate, label: str, edtf: str) -> None:
    parsed = parse_date(text)
    assert parsed == expected
    assert (parsed.label, parsed.to_edtf()) == (label, edtf)
    assert parse_date(edtf) == expected  # the canonical form reads back as the same date


REJECTED = [
    # text, code, phrase that must appear in the message or hint
    ("03/04/1950", "date-ambiguous", "could be 3 April or 4 March 1950"),
    ("03/04/1950", "date-ambiguous", "1950-04-03 for 3 April, or 1950-03-04 for 4 March"),
    ("3/4/1950", "date-ambiguous", "could be 3 April or 4 March 1950"),
    ("03-04-1950", "date-ambiguous", "1950-04-03"),
    ("03.04.1950", "date-ambiguous", "1950-03-04"),
    ("25/12/1950", "date-unrecognised", "Write it as 1950-12-25"),
    ("12/25/1950", "date-unrecognised", "Write it as 1950-12-25"),
    ("04/04/1950", "date-unrecognised", "Write it as 1950-04-04"),
    ("31/02/1950", "date-impossible", "either order"),
    ("1950-02-30", "date-impossible", "February 1950 has 28 days"),
    ("1950-02-29", "date-impossible", "1950 is not a leap year"),
    ("1950-13", "date-impossible", "month 13"),
    ("1950-00-10", "date-impossible", "month 00"),
    ("1950-01-00", "date-impossible", "days start at 01"),
    ("1945-66", "date-impossible", "write 1945/1966"),
    ("17410", "date-excel-serial", "Format the date column as Text"),
    ("1947.0", "date-excel-artefact", "type 1947 again"),
    ("1947.00", "date-excel-artefact", "stored by Excel as a number"),
    ("#VALUE!", "date-excel-artefact", "Excel error value"),
    ("#REF!", "date-excel-artefact", "Excel error value"),
    ("#NAME?", "date-excel-artefact", "Excel error value"),
    ("#N/A", "date-excel-artefact", "Excel error value"),
    ("########", "date-excel-artefact", "too narrow"),
    ("Sep-47", "date-excel-artefact", "it could be 1947-09 or 1847-09"),
    ("47-Sep", "date-excel-artefact", "which century"),
    ("Sep 47", "date-excel-artefact", "e.g. 1947-09 (or 1847-09)"),
    ("15-Sep-47", "date-excel-artefact", "1947-09-15 or 1847-09-15"),
    ("Sep-25", "date-excel-artefact", "2025-09 or 1925-09"),
    ("1947-09-15 00:00:00", "date-excel-artefact", "write just the date, 1947-09-15"),
    ("1966/1945", "date-span-reversed", "ends (1945) before it starts (1966)"),
    ("1966-1945", "date-span-reversed", "Swap them (1945/1966)"),
    ("1950/1940s", "date-span-reversed", "before it starts"),
    ("", "date-unrecognised", "empty"),
    ("   ", "date-unrecognised", "empty"),
    ("hello", "date-unrecognised", "“hello” is not a date form"),
    ("947", "date-unrecognised", "four digits"),
    ("0947", "date-unrecognised", "outside the years"),
    ("3000", "date-unrecognised", "1000–2999"),
    ("123456", "date-unrecognised", "not a year"),
    ("99999", "date-unrecognised", "five-digit number"),
    ("1947?", "date-unrecognised", "1947~ or c. 1947"),
    ("Fall 1947", "date-unrecognised", "“Fall 1947” in display_date"),
    ("late 1940s", "date-unrecognised", "Write 194X in date"),
    ("Foo 1947", "date-unrecognised", "not the name of a month"),
    ("1950/04/03", "date-unrecognised", "Use hyphens: 1950-04-03"),
    ("1945/1950/1955", "date-unrecognised", "more than one separator"),
    ("1947s", "date-unrecognised", "not a date form"),
    ("cat 1947", "date-unrecognised", "not the name of a month"),
    # a span with an end left out (EDTF's open or unknown ends): the whole cell is quoted, never “”
    ("to 1947", "date-unrecognised", "span without its start"),
    ("1947–", "date-unrecognised", "span without its end"),
    ("-1947", "date-unrecognised", "span without its start"),
    ("1947/", "date-unrecognised", "span without its end"),
    ("1947/..", "date-unrecognised", "span without its end"),
    ("../1947", "date-unrecognised", "span without its start"),
    ("1947/hello", "date-unrecognised", "“hello” is not a date form"),
    ("1950-13/1960", "date-impossible", "month 13"),
    ("1947-21/1950", "date-unrecognised", "already a span"),
    ("19XX/1950", "date-unrecognised", "already a span"),
    ("1947-25", "date-unrecognised", "seasons 21–24"),
    ("1947-41", "date-unrecognised", "1947-01/1947-03"),
    ("1947-XX-15", "date-unrecognised", "digits unspecified"),
    ("19X7", "date-unrecognised", "only at the end of a year"),
    ("XXXX", "date-unrecognised", "Write the part you know"),
    ("0XXX", "date-unrecognised", "outside the years"),
]


@pytest.mark.parametrize(("text", "code", "phrase"), REJECTED)
def test_rejected_forms(text: str, code: str, phrase: str) -> None:
    finding = parse_date(text)
    assert isinstance(finding, Finding)
    assert (finding.code, phrase in f"{finding.message} {finding.hint}") == (code, True), finding
    assert finding.code in PROBLEM_TYPES
    assert text.strip() in finding.message  # the message quotes what the curator typed


@pytest.mark.parametrize("serial", [10000, 17410, 23377, 36526, 45000, 61000, 80000])
def test_excel_serial_names_the_date_excel_showed(serial: int) -> None:
    shown = date(1899, 12, 30) + timedelta(days=serial)  # independent of the parser's 1900-01-01 arithmetic
    finding = parse_date(str(serial))
    assert finding.code == "date-excel-serial"
    assert f"the number {serial}, which it shows as {shown.isoformat()}." in finding.message


@given(st.integers(10000, 80000))
def test_excel_serial_agrees_with_independent_arithmetic(serial: int) -> None:
    assert (date(1899, 12, 30) + timedelta(days=serial)).isoformat() in parse_date(str(serial)).message


AXIS = [
    # EDTF, start_year, end_year
    ("1947", 1947.0, 1948.0),
    ("1947-07-01", 1947.5, 1947.5 + 1 / (12 * 31)),
    ("1947-09", 1947 + 8 / 12, 1947.75),
    ("1947-12", 1947 + 11 / 12, 1948.0),
    ("1947-09-30", 1947 + 8 / 12 + 29 / 360, 1947.75),
    ("1948-02-29", 1948 + 1 / 12 + 28 / (12 * 29), 1948 + 2 / 12),
    ("194X", 1940.0, 1950.0),
    ("1947~", 1947.0, 1948.0),
    ("1947/1955", 1947.0, 1956.0),
    ("1947-09/1948-03", 1947 + 8 / 12, 1948.25),
    ("194X/195X", 1940.0, 1960.0),
]


@pytest.mark.parametrize(("edtf", "start", "end"), AXIS)
def test_year_axis(edtf: str, start: float, end: float) -> None:
    parsed = parse_date(edtf)
    assert (parsed.start_year, parsed.end_year) == (pytest.approx(start), pytest.approx(end))


CHRONOLOGICAL = ["1939-12-31", "194X/195X", "194X", "194X~", "1940", "1940-01", "1940-01-01", "1947/1955", "1947",
                 "1947~", "1947-01", "1947-03", "1947-03-02", "1947-12", "1948", "195X"]


def test_sort_key_orders_by_start_then_wider_first() -> None:
    shuffled = CHRONOLOGICAL[:]
    random.Random(7).shuffle(shuffled)
    assert [d.to_edtf() for d in sorted(map(parse_date, shuffled), key=lambda d: d.sort_key)] == CHRONOLOGICAL


SPANS = [
    # start, end, expected EDTF
    ("1945", "1966", "1945/1966"),
    ("c. 1945", "1966", "1945~/1966~"),
    ("1945", "1966~", "1945~/1966~"),
    ("1947-09", "1947", "1947-09/1947"),
    ("1947-09-15", "1947-09-15", "1947-09-15/1947-09-15"),
]


@pytest.mark.parametrize(("start", "end", "edtf"), SPANS)
def test_make_span(start: str, end: str, edtf: str) -> None:
    span = make_span(parse_date(start), parse_date(end))
    assert (span.to_edtf(), span.end.approximate, span.end.end) == (edtf, False, None)


@pytest.mark.parametrize(("start", "end", "code", "phrase"), [
    ("1966", "1945", "date-span-reversed", "The end date 1945 is before the start date 1966."),
    ("1947-09-16", "1947-09-15", "date-span-reversed", "Swap them (1947-09-15/1947-09-16)"),
    ("1945/1950", "1966", "date-unrecognised", "Use one or the other"),
    ("1945", "1950/1966", "date-unrecognised", "end_date 1950/1966 is already a span"),
])
def test_make_span_rejects(start: str, end: str, code: str, phrase: str) -> None:
    finding = make_span(parse_date(start), parse_date(end))
    assert (finding.code, phrase in f"{finding.message} {finding.hint}") == (code, True), finding


@pytest.mark.parametrize("fields", [
    {"year": 1947, "month": 9},  # month given, precision left at year
    {"year": 1947, "precision": M},  # month precision without a month
    {"year": 1947, "month": 9, "precision": D},  # day precision without a day
    {"year": 1947, "precision": X},  # a decade must start at a year ending in 0
    {"year": 1947, "month": 13, "precision": M},
    {"year": 1950, "month": 2, "day": 29, "precision": D},
    {"year": 1947, "end": HistDate(1950, end=HistDate(1955))},
    {"year": 1947, "end": HistDate(1950, approximate=True)},
])
def test_inconsistent_fields_are_a_programming_error(fields: dict) -> None:
    with pytest.raises(ValueError):
        HistDate(**fields)


@st.composite
def points(draw: st.DrawFn) -> HistDate:
    precision = draw(st.sampled_from(Precision))
    if precision is X:
        return HistDate(draw(st.integers(FIRST_YEAR // 10, LAST_YEAR // 10)) * 10, precision=X)
    y = draw(st.integers(FIRST_YEAR, LAST_YEAR))
    if precision is Y:
        return HistDate(y)
    m = draw(st.integers(1, 12))
    if precision is M:
        return HistDate(y, m, precision=M)
    return HistDate(y, m, draw(st.integers(1, calendar.monthrange(y, m)[1])), D)


@st.composite
def hist_dates(draw: st.DrawFn) -> HistDate:
    start, approximate = draw(points()), draw(st.booleans())
    if draw(st.booleans()):
        end = draw(points())
        assume(end.end_year > start.start_year)
        return HistDate(start.year, start.month, start.day, start.precision, approximate, end)
    return HistDate(start.year, start.month, start.day, start.precision, approximate)


@given(hist_dates())
def test_edtf_and_label_round_trip(d: HistDate) -> None:
    assert parse_date(d.to_edtf()) == d
    assert parse_date(d.label) == d


@given(hist_dates())
def test_covered_range_is_positive_and_spans_cover_their_ends(d: HistDate) -> None:
    assert d.start_year < d.end_year
    if d.is_span:
        assert d.end_year == d.end.end_year and d.end.start_year < d.end_year


@given(hist_dates(), hist_dates())
def test_sort_key_puts_earlier_starts_first(a: HistDate, b: HistDate) -> None:
    if a.start_year < b.start_year:
        assert a.sort_key < b.sort_key
    assert (a.sort_key == b.sort_key) == (a == b)


# --- hostile input: whatever a cell holds, the parser answers with a date or a Finding, never an exception ---

QUALIFIERS = ("early", "mid", "late", "spring", "summer", "fall", "autumn", "winter", "Early", "LATE")


@given(st.text(max_size=300))
def test_any_text_is_a_date_or_a_finding(text: str) -> None:
    assert isinstance(parse_date(text), HistDate | Finding)


@st.composite
def qualifier_words(draw: st.DrawFn) -> list[str]:
    """A few qualifier words, or hundreds: the recursive parser this replaced ran out of stack at about 330 (about
    800 under Hypothesis, which raises the recursion limit)."""
    count = draw(st.one_of(st.integers(1, 20), st.integers(300, 2000)))
    return draw(st.lists(st.sampled_from(QUALIFIERS), min_size=count, max_size=count))


@given(qualifier_words(), st.sampled_from(("1947", "1940s", "194X")), st.sampled_from((" ", "-", "  ", " - ")))
def test_deeply_qualified_dates_are_findings(words: list[str], rest: str, gap: str) -> None:
    text = gap.join([*words, rest])
    parse_date.cache_clear()  # else the shorter cells tried before are cached and shorten the recursion being tested
    finding = parse_date(text)
    assert isinstance(finding, Finding) and finding.code == "date-unrecognised"
    if len(text) <= DATE_MAX_CHARS and not gap.strip():  # the hint names the date the qualifiers were put on
        assert f"“{words[0]}” is not a date" in finding.message and "Write 194" in finding.hint


@given(st.text(min_size=1).map(lambda t: t.strip() or "x"), st.integers(DATE_MAX_CHARS + 1, 20_000))
def test_a_date_longer_than_the_limit_says_so(text: str, length: int) -> None:
    long = (text * (length // len(text) + 1))[:length].strip()
    assume(len(long) > DATE_MAX_CHARS)
    finding = parse_date(long)
    assert isinstance(finding, Finding) and finding.code == "date-unrecognised"
    assert f"{len(long):,} characters long" in finding.message and str(DATE_MAX_CHARS) in finding.message


def test_four_hundred_qualifiers_are_refused_for_their_length() -> None:
    text = "early " * 400 + "1947"
    finding = parse_date(text)
    assert isinstance(finding, Finding)
    assert finding.message.startswith("The date “early early") and "2,404 characters long" in finding.message
    assert len(finding.message) < 200  # the cell is not quoted whole


def test_the_longest_friendly_form_fits_the_limit() -> None:
    text = "approximately 15 September 1947 to approximately 30 September 1955"
    assert len(text) <= DATE_MAX_CHARS and isinstance(parse_date(text), HistDate)
