"""The list of entries: the keyboard and screen-reader path through the exhibit (chart points cannot be tabbed to).

Each entry is a real button whose accessible name is "Open: <title>, <date>": the label carries hidden
"Open:" and date parts (see safe_text.code_span and the CSS that hides them), the visible part is the title.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import streamlit as st

from timeline.schema import Entry, Kind
from timeline.ui.curator_status import draft_badge
from timeline.ui.focus import list_heading, request_focus
from timeline.ui.images import web_image
from timeline.ui.listing import Page, page_of, sections
from timeline.ui.safe_text import code_span, escape
from timeline.ui.state import KEYS

OpenEntry = Callable[[str], None]


def open_label(entry: Entry) -> str:
    """The button label: "Open:" (hidden), the title (shown), ", date" (hidden); each part shown literally.

    Code spans need a separator between them, so the name reads "Open: <title> , <date>" (the same when spoken).
    """
    return f"{code_span('Open:')} {code_span(entry.title)} {code_span(', ' + entry.date_label)}"


def item_meta(entry: Entry) -> str:
    where = entry.category or ("Quotation" if entry.kind is Kind.QUOTE else "")
    parts = [escape(entry.date_label), *([escape(where)] if where else [])]
    return f'<p class="item-meta">{" · ".join(parts)}{draft_badge(entry)}</p>'


def _item(entry: Entry, media_dir: Path, on_open: OpenEntry) -> None:
    image = web_image(entry, media_dir, "thumbnail")
    alt = "" if image.is_placeholder else escape(image.alt)  # a card only repeats the date and title beside it
    with st.container(key=f"item-{entry.id}", horizontal=True, gap="small", vertical_alignment="center"):
        st.html(f'<img class="thumb" src="{escape(image.url)}" alt="{alt}" width="84" height="56" loading="lazy">',
                width=84)
        with st.container(gap=None):
            st.html(item_meta(entry))
            st.button(open_label(entry), key=f"open-{entry.id}", type="tertiary", on_click=on_open, args=(entry.id,))


def _page_to(number: int) -> None:
    st.session_state[KEYS.page] = number
    request_focus(list_heading())


def _pager(page: Page) -> None:
    if page.count < 2:
        return
    with st.container(key="pager", horizontal=True, vertical_alignment="center", gap="medium"):
        st.button("← Previous page", key="page-previous", disabled=page.number == 0,
                  on_click=_page_to, args=(page.number - 1,))
        st.html(f'<p class="pager-caption">Page {page.number + 1} of {page.count}</p>', width="content")
        st.button("Next page →", key="page-next", disabled=page.number >= page.count - 1,
                  on_click=_page_to, args=(page.number + 1,))


def render_list(entries: Sequence[Entry], eras: Sequence[Entry], media_dir: Path, on_open: OpenEntry,
                on_clear: Callable[[], None]) -> None:
    with st.container(key="event-list"):
        st.html('<h2 class="section-title">Entries</h2>')
        if not entries:
            st.html('<p class="prose">No entries match these filters. Try fewer filters or another search.</p>')
            st.button("Clear filters", key="clear-filters", on_click=on_clear)
            return
        page = page_of(entries, st.session_state.get(KEYS.page, 0))
        st.html(f'<p class="pager-caption">{page.caption}</p>')
        for section in sections(page.entries, eras):
            dates = f'<p class="list-era-dates">{escape(section.subtitle)}</p>' if section.subtitle else ""
            st.html(f'<h3 class="list-era">{escape(section.title)}</h3>{dates}')
            for decade in section.decades:
                st.html(f'<h4 class="list-decade">{decade.label}</h4>')
                for entry in decade.entries:
                    _item(entry, media_dir, on_open)
        _pager(page)
