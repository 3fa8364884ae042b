"""Where keyboard focus goes after an action that replaces what the visitor was on, and what scrolls into view.

Opening an entry replaces the list with the entry, and "Back to the list" replaces the entry with the
list: the button that had focus is gone, so the browser would drop focus to the top of the page and a
keyboard or screen-reader visitor would have to start again. A tiny script of ours (``timeline/static/focus.js``; never
curator text: the target is one of our own selectors around a validated slug) moves focus to where the
visitor's attention now is. After a search or a filter change focus stays where the visitor typed or
chose, and the same script only scrolls the page just enough for the results to be in view.
"""

from __future__ import annotations

import streamlit as st

from timeline.ui import compat
from timeline.ui.page_files import script_html
from timeline.ui.state import KEYS

_LIST = compat.key_selector("event-list")
_CARD_LINK = ".entry-title a"
LIST_LINKS = f"{_LIST} {_CARD_LINK}"  # every entry's link in the list (templates/ui/web.html, entry_list_page)


def request_focus(selector: str) -> None:
    st.session_state[KEYS.focus] = (selector, False)


def request_reveal(selector: str) -> None:
    """Scroll the page just enough that ``selector`` is wholly on screen (not at all when it already is)."""
    st.session_state.setdefault(KEYS.focus, (selector, True))  # a focus request (which also scrolls) wins


def detail_heading() -> str:
    return f"{compat.key_selector('event-detail')} h2"


def list_item(entry_id: str) -> str:
    """The link on the entry's card in the list (``entry_id`` is a validated slug: nothing in it to quote)."""
    return f'{_LIST} [data-entry-id="{entry_id}"] {_CARD_LINK}'


def list_heading() -> str:
    return f"{_LIST} h2"


def focus_script(selector: str, reveal: bool) -> str:
    """The script for one request; a fresh run number, so the same request twice in a row still runs twice."""
    return script_html("focus.js", {"selector": selector, "reveal": reveal, "run": compat.fresh_run()})


def apply_focus() -> None:
    """Run at the end of a run: emit the focus script once for a pending request."""
    request = st.session_state.pop(KEYS.focus, None)
    if request:
        with st.container(key="focus-mover"):
            compat.run_in_page(focus_script(*request))
