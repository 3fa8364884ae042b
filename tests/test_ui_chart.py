"""The chart's text key: shapes in words, eras numbered as the figure numbers them, curator text escaped."""

from __future__ import annotations

import re
from dataclasses import replace

from tests.html_parts import Elements
from timeline.dates import HistDate
from timeline.figure import era_number_color, numbered_eras
from timeline.schema import Entry, Kind
from timeline.ui.chart import _Recent, key_html, periods

PAPER = "#FAF6EE"


def era(id_: str, start: int, end: int, title: str) -> Entry:
    return Entry(id_, Kind.ERA, HistDate(start, end=HistDate(end)), title, row=2)


def visible_text(html: str) -> list[str]:
    """Each list item's text as a reader meets it (glyphs and numbers are aria-hidden)."""
    items = re.findall(r"<li[^>]*>(.*?)</li>", html)
    return [re.sub(r"<[^>]+>", "", re.sub(r'<span [^>]*aria-hidden="true"[^>]*>.*?</span>', "", i)) for i in items]


def test_key_names_every_shape_and_lists_eras_in_time_with_their_years():
    html = key_html(numbered_eras([era("late", 1954, 1979, "Integration"), era("early", 1930, 1953, "Segregation")]),
                    PAPER)
    assert visible_text(html) == ["Event", "Quote", "Approximate date", "A span of years",
                                  "Segregation 1930–1953", "Integration 1954–1979"]
    numbers = re.findall(r'class="era-number" aria-hidden="true" style="background:(#[0-9A-F]{6})">(\d)<', html)
    assert numbers == [(era_number_color(1, PAPER), "1"), (era_number_color(2, PAPER), "2")]


def test_key_lists_only_the_eras_drawn_under_the_numbers_the_chart_gives_them():
    html = key_html([(2, era("b", 1950, 1960, "Second")), (3, era("c", 1961, 1970, "Third"))], PAPER)
    assert re.findall(r'<li value="(\d)">', html) == ["2", "3"]
    assert visible_text(html)[-2:] == ["Second 1950–1960", "Third 1961–1970"]


def test_periods_are_all_then_each_era_by_its_number_and_years_with_its_title_for_screen_readers():
    choices = periods([era("late", 1954, 1979, "Integration"), era("early", 1930, 1953, "Segregation")])
    assert [p.label for p in choices] == ["`All`", "`1 · 1930–1953` `Segregation`", "`2 · 1954–1979` `Integration`"]
    assert choices[0].years is None  # "All" fits whatever the filters let through
    low, high = choices[1].years
    assert 1928 < low < 1930 and 1954 < high < 1956


def test_key_without_eras_has_no_era_list():
    assert "<ol" not in key_html([], PAPER)


def test_key_shows_hostile_era_titles_and_dates_as_text():
    hostile = era("x", 1950, 1960, '<img src=x onerror="alert(1)"> & <script>alert(2)</script>')
    key = Elements(key_html([(1, replace(hostile, display_date="<b>1950s</b>"))], PAPER))
    assert [tag for tag, _ in key.tags] == ["ul", *["li", "span"] * 4, "ol", "li", "span", "span", "span"]
    assert not key.scripts
    assert key.words.endswith('1 <img src=x onerror="alert(1)"> & <script>alert(2)</script> <b>1950s</b>')


def test_recent_builds_once_per_key_and_keeps_only_the_last_few():
    recent, made = _Recent(2), []

    def make(key):
        return lambda: made.append(key) or f"value of {key}"

    assert [recent.get(k, make(k)) for k in ("a", "b", "a")] == ["value of a", "value of b", "value of a"]
    recent.get("c", make("c"))  # "b" was used least recently: it goes
    assert recent.get("a", make("a")) == "value of a" and made == ["a", "b", "c"]
    recent.get("b", make("b"))
    assert made == ["a", "b", "c", "b"] and list(recent.values) == ["a", "b"]
