"""The kiosk's state and its rules as pure functions: which entries the strip shows, where previous and next
lead, what a source reads as without a link, and when an idle kiosk starts over.

No Streamlit here: ``kiosk.py`` keeps these values in ``st.session_state`` and the tests use a plain dict.
"""

from __future__ import annotations

import math
from collections.abc import Container, MutableMapping, Sequence
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from timeline.listing import Page, index_of, neighbours
from timeline.query import Query, apply_query
from timeline.richtext import is_web_address
from timeline.schema import Entry

PROMPT_SECONDS = 20  # "Still exploring?" shows this long before the reset: WCAG 2.2.1 asks for at least 20 s
# The browser's timer resets the kiosk on time and sees every touch, even pans that never reach the server.
# The server's fallback only catches a browser whose timer died, so it allows double the time: a visitor who
# only panned the chart for a while is not thrown out by their next tap.
SERVER_FALLBACK_FACTOR = 2
FEATURED_MOST = 8  # the attract loop stays short enough to see whole while walking past
# Cards per page of the strip: a few swipes' worth. Each card is a container, its HTML and a button, so a strip of
# thousands made every rerun slow and was no use to a visitor; paging keeps every entry one page turn away.
STRIP_PAGE = 60


class View(StrEnum):
    ATTRACT = "attract"
    EXPLORE = "explore"
    ENTRY = "entry"


# Session-state keys the kiosk owns; an idle reset removes every one of them (larger text too: the next visitor
# starts with the default size).
VIEW, ERA, ENTRY, CATEGORIES, LAST_TOUCH, CHART, PAGE, LARGER = (
    "kiosk-view", "kiosk-era", "kiosk-entry", "kiosk-categories", "kiosk-last-touch", "kiosk-chart", "kiosk-page",
    "kiosk-larger-text")
SESSION_KEYS = (VIEW, ERA, ENTRY, CATEGORIES, LAST_TOUCH, CHART, PAGE, LARGER)
# The query parameter a chart tap arrives in (the chart-tap script writes it): the only way the page can name an entry
# whose card is on another page of the strip. It comes from the browser, so it is checked against the catalogue.
TAP_PARAM = "tap"


def current_view(state: MutableMapping[str, Any]) -> View:
    """The view to draw; a new session (or one after a server restart) starts on the attract screen."""
    try:
        return View(state.get(VIEW, View.ATTRACT))
    except ValueError:
        return View.ATTRACT


def prompt_window(idle_seconds: int) -> int:
    """Seconds of "Still exploring?" before the reset: PROMPT_SECONDS, but never more than half the idle time."""
    return max(1, min(PROMPT_SECONDS, idle_seconds // 2))


def server_idle_expired(last_touch: float | None, now: float, idle_seconds: int) -> bool:
    """True when the session has had no rerun for longer than the fallback allows (see SERVER_FALLBACK_FACTOR)."""
    return last_touch is not None and now - last_touch > idle_seconds * SERVER_FALLBACK_FACTOR


def reset_session(state: MutableMapping[str, Any]) -> None:
    """Back to the attract screen with filters, era and selection cleared: the next visitor starts fresh."""
    for key in SESSION_KEYS:
        state.pop(key, None)


def note_touch(state: MutableMapping[str, Any], now: float, idle_seconds: int) -> bool:
    """Record this rerun as a touch; first reset the session if the fallback says it was idle. True if reset."""
    expired = server_idle_expired(state.get(LAST_TOUCH), now, idle_seconds)
    if expired:
        reset_session(state)
    state[LAST_TOUCH] = now
    return expired


def tapped_entry(value: object, view: View, entry_ids: Container[str]) -> str | None:
    """The entry a chart tap names, or None: only the explore view has a chart, and only an entry's id opens
    (not an era's, nor anything else a URL can say)."""
    if view is not View.EXPLORE or not isinstance(value, str):
        return None
    return value if value in entry_ids else None


def era_query(era: Entry | None, categories: frozenset[str]) -> Query:
    """The strip's filter: the era's years (every year it covers) and the chosen institutions."""
    if era is None:
        return Query(categories=categories)
    last = max(math.floor(era.date.start_year), math.ceil(era.date.end_year) - 1)
    return Query(categories=categories, year_from=math.floor(era.date.start_year), year_to=last)


def strip_entries(entries: Sequence[Entry], era: Entry | None, categories: frozenset[str]) -> tuple[Entry, ...]:
    return apply_query(era_query(era, categories), entries)


def strip_caption(strip: Page) -> str:
    """The line above the strip, in words a visitor reads from arm's length."""
    if not strip.entries:
        return "Nothing here: choose another era or more institutions."
    if strip.count == 1:
        noun = "entry" if strip.total == 1 else "entries"
        return f"{strip.total:,} {noun}. Swipe the row, then touch an entry to open it."
    which = f"the first {len(strip.entries)}" if strip.number == 0 else f"{strip.first:,}–{strip.last:,}"
    return f"Showing {which} of {strip.total:,} entries: choose an era or institution to narrow, or turn the page."


def strip_neighbours(shown: Sequence[Entry], entries: Sequence[Entry],
                     entry_id: str) -> tuple[Entry | None, Entry | None]:
    """Previous and next through the strip the visitor chose, or through every entry when the open one is not on
    it (there is no room on the kiosk to say it is outside the filter, as the web page does)."""
    for order in (shown, entries):
        at = index_of(order, entry_id)
        if at is not None:
            return neighbours(order, at)
    return None, None


def source_text(source: str) -> str:
    """A citation as kiosk text: a web address becomes its host name (no link can be followed here)."""
    text = source.strip()
    if is_web_address(text):
        return str(urlsplit(text).hostname).removeprefix("www.")
    if text.lower().startswith("www."):
        return text[4:].split("/", 1)[0]
    return text


def source_texts(sources: Sequence[str]) -> tuple[str, ...]:
    """Each source once, in the curator's order (several pages of one site read as one host)."""
    return tuple(dict.fromkeys(text for text in map(source_text, sources) if text))


def featured_entries(entries: Sequence[Entry], most: int = FEATURED_MOST) -> tuple[Entry, ...]:
    """The attract loop: entries marked featured; without any, a spread across the whole timeline."""
    chosen = [e for e in entries if e.featured]
    if chosen:
        return tuple(chosen[:most])
    if len(entries) <= most:
        return tuple(entries)
    step = len(entries) / most
    return tuple(entries[int(i * step)] for i in range(most))
