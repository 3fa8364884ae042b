"""The kiosk's rules as pure functions: idle resets, the strip's filter, previous/next, sources as text."""

from __future__ import annotations

import re

import pytest

from timeline.dates import parse_date
from timeline.kiosk_state import (
    CATEGORIES,
    ENTRY,
    ERA,
    LARGER,
    LAST_TOUCH,
    PAGE,
    STRIP_PAGE,
    VIEW,
    View,
    current_view,
    featured_entries,
    note_touch,
    prompt_window,
    reset_session,
    server_idle_expired,
    source_text,
    source_texts,
    strip_caption,
    strip_entries,
    strip_neighbours,
    tapped_entry,
)
from timeline.listing import page_of
from timeline.schema import Entry, Kind
from timeline.ui.kiosk.styles import rotation_css


def entry(entry_id: str, date: str, category: str = "A", featured: bool = False, kind: Kind = Kind.EVENT) -> Entry:
    return Entry(id=entry_id, kind=kind, date=parse_date(date), title=entry_id, row=2, category=category,
                 featured=featured)


ENTRIES = (entry("a", "1905", "A"), entry("b", "1920", "B"), entry("c", "1929", "A"), entry("d", "1950", "B"))
ERA_1900S = entry("era", "1900", kind=Kind.ERA, category="")
ERA_SPAN = Entry(id="span", kind=Kind.ERA, date=parse_date("1918/1930"), title="span", row=9)


@pytest.mark.parametrize(("last", "now", "idle", "expired"), [
    (None, 1000.0, 90, False),  # a new session has never been touched
    (1000.0, 1000.0, 90, False),
    (1000.0, 1179.0, 90, False),  # inside twice the idle time: the browser's timer is in charge
    (1000.0, 1180.5, 90, True),
    (1000.0, 1011.0, 5, True),
])
def test_server_idle_expired(last, now, idle, expired):
    assert server_idle_expired(last, now, idle) is expired


def test_reset_session_clears_only_the_kiosks_keys():
    state = {VIEW: View.ENTRY, ERA: 2, ENTRY: "a", CATEGORIES: ["A"], LAST_TOUCH: 5.0, PAGE: 3, LARGER: True,
             "live-rendered": object()}
    reset_session(state)
    assert list(state) == ["live-rendered"]
    assert current_view(state) is View.ATTRACT


@pytest.mark.parametrize(("last", "now", "reset"), [(100.0, 150.0, False), (100.0, 400.0, True), (None, 5.0, False)])
def test_note_touch_resets_after_the_fallback_and_records_the_touch(last, now, reset):
    state = {VIEW: View.EXPLORE, CATEGORIES: ["A"], **({} if last is None else {LAST_TOUCH: last})}
    assert note_touch(state, now, idle_seconds=90) is reset
    assert state[LAST_TOUCH] == now
    assert current_view(state) is (View.ATTRACT if reset else View.EXPLORE)
    assert (CATEGORIES in state) is not reset


@pytest.mark.parametrize(("value", "view"), [
    (None, View.ATTRACT), ("explore", View.EXPLORE), (View.ENTRY, View.ENTRY), ("nonsense", View.ATTRACT),
])
def test_current_view(value, view):
    assert current_view({} if value is None else {VIEW: value}) is view


@pytest.mark.parametrize(("idle", "prompt"), [(90, 20), (40, 20), (30, 15), (12, 6), (5, 2), (1, 1)])
def test_prompt_window_gives_20_seconds_but_at_most_half_the_idle_time(idle, prompt):
    assert prompt_window(idle) == prompt


@pytest.mark.parametrize(("era", "categories", "expected"), [
    (None, frozenset(), "abcd"),
    (None, frozenset({"A"}), "ac"),
    (ERA_1900S, frozenset(), ""),  # a year-precision era covers only 1900
    (ERA_SPAN, frozenset(), "bc"),  # 1918–1930 holds 1920 and 1929
    (ERA_SPAN, frozenset({"B"}), "b"),
    (None, frozenset({"nowhere"}), ""),
])
def test_strip_entries(era, categories, expected):
    assert "".join(e.id for e in strip_entries(ENTRIES, era, categories)) == expected


@pytest.mark.parametrize(("count", "page", "cards", "at", "pages", "caption"), [
    (0, None, (0, 0), 0, 1, "Nothing here: choose another era or more institutions."),
    (1, None, (0, 1), 0, 1, "1 entry. Swipe the row, then touch an entry to open it."),
    (STRIP_PAGE, 0, (0, STRIP_PAGE), 0, 1, f"{STRIP_PAGE} entries. Swipe the row, then touch an entry to open it."),
    (2 * STRIP_PAGE + 10, None, (0, STRIP_PAGE), 0, 3,
     f"Showing the first {STRIP_PAGE} of {2 * STRIP_PAGE + 10} entries: choose an era or institution to narrow, "
     "or turn the page."),
    (2 * STRIP_PAGE + 10, 1, (STRIP_PAGE, 2 * STRIP_PAGE), 1, 3,
     f"Showing {STRIP_PAGE + 1}–{2 * STRIP_PAGE} of {2 * STRIP_PAGE + 10} entries: choose an era or institution "
     "to narrow, or turn the page."),
    (2 * STRIP_PAGE + 10, 9, (2 * STRIP_PAGE, 2 * STRIP_PAGE + 10), 2, 3, None),  # past the end: the last page
    (4753, None, (0, STRIP_PAGE), 0, 80, None),
])
def test_the_strip_shows_one_page_and_says_which(count, page, cards, at, pages, caption):
    shown = tuple(entry(f"e{i}", str(1900 + i % 100)) for i in range(count))
    strip = page_of(shown, page, STRIP_PAGE)
    assert strip.entries == shown[slice(*cards)]
    assert (strip.number, strip.count, strip.total) == (at, pages, count)
    if caption:
        assert strip_caption(strip) == caption


def test_a_long_strip_says_its_size_with_thousands_separated():
    shown = tuple(entry(f"e{i}", "1950") for i in range(4753))
    assert strip_caption(page_of(shown, 79, STRIP_PAGE)).startswith("Showing 4,741–4,753 of 4,753 entries")


@pytest.mark.parametrize(("shown", "entry_id", "expected"), [
    ("abcd", "a", (None, "b")), ("abcd", "b", ("a", "c")), ("abcd", "d", ("c", None)),
    ("ac", "c", ("a", None)),  # within the strip the visitor chose
    ("ac", "b", ("a", "c")),  # a tapped entry outside it steps through every entry
    ("ac", "missing", (None, None)),
])
def test_previous_and_next_follow_the_strip(shown, entry_id, expected):
    strip = [e for e in ENTRIES if e.id in shown]
    previous, following = strip_neighbours(strip, ENTRIES, entry_id)
    assert (previous and previous.id, following and following.id) == expected


@pytest.mark.parametrize(("source", "text"), [
    ("https://desegregationhistory.med.wustl.edu/endless-timeline", "desegregationhistory.med.wustl.edu"),
    ("http://www.example.org/a?b=c", "example.org"),
    ("HTTPS://Example.org", "example.org"),
    ("www.example.com/page", "example.com"),
    ("Becker Archives VF07177", "Becker Archives VF07177"),
    ("  St. Louis American, 12 May 1950 ", "St. Louis American, 12 May 1950"),
    ("https://[a.b/", "https://[a.b/"),  # urlsplit would raise on it: not a web address, so shown as typed
    ("mailto:someone@example.org", "mailto:someone@example.org"),  # not a web address: left as the curator wrote it
])
def test_source_text_never_keeps_a_web_address(source, text):
    assert source_text(source) == text


def test_source_texts_keep_order_and_drop_repeats():
    sources = ("https://a.org/1", "Box 3", "https://a.org/2", "https://b.org/")
    assert source_texts(sources) == ("a.org", "Box 3", "b.org")


def test_featured_entries_prefer_the_curators_choice():
    chosen = (entry("x", "1900", featured=True), entry("y", "1901"), entry("z", "1902", featured=True))
    assert [e.id for e in featured_entries(chosen)] == ["x", "z"]


@pytest.mark.parametrize(("count", "most", "expected"), [
    (3, 8, [0, 1, 2]), (16, 4, [0, 4, 8, 12]), (10, 4, [0, 2, 5, 7]),
])
def test_featured_entries_without_a_choice_spread_over_the_timeline(count, most, expected):
    plain = tuple(entry(str(i), str(1900 + i)) for i in range(count))
    assert [int(e.id) for e in featured_entries(plain, most)] == expected


@pytest.mark.parametrize(("slides", "delays"), [(1, []), (3, [0, 7, 14]), (4, [0, 7, 14, 21])])
def test_rotation_shows_each_slide_in_turn(slides, delays):
    css = rotation_css(slides)
    assert [int(d) for d in re.findall(r"animation-delay: (\d+)s", css)] == delays
    if slides > 1:
        assert f"--cycle: {7 * slides}s" in css


@pytest.mark.parametrize(("value", "view", "opened"), [
    ("c", View.EXPLORE, "c"),
    ("d", View.EXPLORE, "d"),
    ("zz", View.EXPLORE, None),  # not in the catalogue
    ("era", View.EXPLORE, None),  # an era is not an entry to open
    ("", View.EXPLORE, None),
    ("c ", View.EXPLORE, None),  # no trimming or guessing: the id as it is or nothing
    ("C", View.EXPLORE, None),
    ("a', b", View.EXPLORE, None),
    (None, View.EXPLORE, None),
    (["c"], View.EXPLORE, None),
    ("c", View.ATTRACT, None),  # a URL cannot skip the attract screen
    ("c", View.ENTRY, None),  # nor replace the entry being read: only the explore view has a chart
])
def test_a_chart_tap_opens_only_an_entry_of_the_catalogue_from_the_explore_view(value, view, opened):
    assert tapped_entry(value, view, {e.id for e in ENTRIES}) == opened
