"""The list of entries: the keyboard and screen-reader path through the exhibit (chart points cannot be tabbed to).

Each entry is the exhibit's card (templates/entry_card.html, as on the static site) around a real button whose
accessible name is "Open: <title>, <date>": the label carries hidden "Open:" and date parts (see
safe_text.code_span and the CSS that hides them), the visible part is the title. Entries are grouped by the
decade they start in, with each era named where it begins.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import streamlit as st

from timeline.entry_views import card_view
from timeline.image_urls import web_picture
from timeline.listing import Page, groups, page_of
from timeline.render import render_macro
from timeline.schema import Entry
from timeline.settings import Settings
from timeline.ui.focus import list_heading, request_focus
from timeline.ui.safe_text import code_span
from timeline.ui.state import KEYS

OpenEntry = Callable[[str], None]
CARD = "entry_card.html"
PARTS = "ui/web.html"


def open_label(entry: Entry) -> str:
    """The button label: "Open:" (hidden), the title (shown), ", date" (hidden); each part shown literally.

    Code spans need a separator between them, so the name reads "Open: <title> , <date>" (the same when spoken).
    """
    return f"{code_span('Open:')} {code_span(entry.title)} {code_span(', ' + entry.date_label)}"


def _item(entry: Entry, media_dir: Path, settings: Settings, on_open: OpenEntry) -> None:
    color = settings.color_for(entry.category)
    card = card_view(entry, settings, web_picture(entry, media_dir, "card", color)[0])
    with st.container(key=f"item-{entry.id}", horizontal=True, gap="small", vertical_alignment="top"):
        st.html(render_macro(CARD, "card_visual", card), width="content")
        with st.container(gap=None):
            st.html(render_macro(CARD, "card_meta", card))
            st.button(open_label(entry), key=f"open-{entry.id}", type="tertiary", on_click=on_open, args=(entry.id,))
            st.html(render_macro(CARD, "card_summary", card))


def _page_to(number: int) -> None:
    st.session_state[KEYS.page] = number
    request_focus(list_heading())


def _pager(page: Page) -> None:
    if page.count < 2:
        return
    with st.container(key="pager", horizontal=True, vertical_alignment="center", gap="medium"):
        st.button("← Previous page", key="page-previous", disabled=page.number == 0,
                  on_click=_page_to, args=(page.number - 1,))
        st.html(render_macro(PARTS, "pager_caption", f"Page {page.number + 1} of {page.count}"), width="content")
        st.button("Next page →", key="page-next", disabled=page.number >= page.count - 1,
                  on_click=_page_to, args=(page.number + 1,))


def render_list(entries: Sequence[Entry], eras: Sequence[Entry], media_dir: Path, settings: Settings,
                on_open: OpenEntry, on_clear: Callable[[], None]) -> None:
    with st.container(key="event-list"):
        st.html(render_macro("ui/common.html", "section_title", "Entries"))
        if not entries:
            st.html(render_macro(PARTS, "no_matches"))
            st.button("Clear filters", key="clear-filters", on_click=on_clear)
            return
        page = page_of(entries, st.session_state.get(KEYS.page, 0))
        st.html(render_macro(PARTS, "pager_caption", page.caption))
        for group in groups(page.entries, eras, eras_alone=False):
            st.html(render_macro("entry_list.html", "decade_heading", group))
            for entry in group.entries:
                _item(entry, media_dir, settings, on_open)
        _pager(page)
