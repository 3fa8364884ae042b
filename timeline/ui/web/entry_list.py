"""The list of entries: the keyboard and screen-reader path through the exhibit (chart points cannot be tabbed to).

Each page of the list is one element: the exhibit's cards (templates/entry_card.html, as on the static site), each
title a real link to the entry's address (the visitor's filters and ``?event=ID``). A plain click or Enter opens
the entry in place without reloading (``chart_touch``'s script follows the link as a chart tap does, and
``state.follow_history`` opens it as for Back, Forward and shared links); a modifier key or a middle click opens it
in a new tab, as links do. One element instead of six Streamlit elements per entry keeps each rerun short. Entries
are grouped by the decade they start in, with each era named where it begins.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import streamlit as st

from timeline.entry_views import card_view
from timeline.image_urls import web_picture
from timeline.listing import Page, groups, page_of
from timeline.query import Query, query_to_params
from timeline.render import render_macro
from timeline.schema import Entry
from timeline.settings import Settings
from timeline.ui.focus import list_heading, request_focus
from timeline.ui.state import KEYS

PARTS = "ui/web.html"


def link_params(query: Query, entry_id: str) -> list[tuple[str, str]]:
    """The address an entry's link goes to, as (name, value) pairs: the view the visitor has, with the entry open
    (the template encodes them, so nothing in a search or a facet can leave the link's query)."""
    return [(name, value) for name, values in query_to_params(query, entry_id).items() for value in values]


def list_page_html(page: Page, eras: Sequence[Entry], query: Query, media_dir: Path, settings: Settings) -> str:
    """The page of the list as one element's markup."""
    cards = {entry.id: card_view(entry, settings, web_picture(entry, media_dir, "card",
                                                              settings.color_for(entry.category))[0])
             for entry in page.entries}
    links = {entry.id: link_params(query, entry.id) for entry in page.entries}
    return render_macro(PARTS, "entry_list_page", page.caption, groups(page.entries, eras, eras_alone=False),
                        cards, links)


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


def render_list(entries: Sequence[Entry], eras: Sequence[Entry], query: Query, media_dir: Path, settings: Settings,
                on_clear: Callable[[], None]) -> None:
    with st.container(key="event-list"):
        if not entries:
            st.html(render_macro("ui/common.html", "section_title", "Entries"))
            st.html(render_macro(PARTS, "no_matches"))
            st.button("Clear filters", key="clear-filters", on_click=on_clear)
            return
        page = page_of(entries, st.session_state.get(KEYS.page, 0))
        st.html(list_page_html(page, eras, query, media_dir, settings))
        _pager(page)
