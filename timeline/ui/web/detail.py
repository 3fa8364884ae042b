"""One open entry: the exhibit's article (templates/entry_article.html, as on the static site's entry pages),
with its Listen control once its narration is built, then the Streamlit parts around it: related entries and
previous/next as buttons in the visitor's current order, a share link and the way back to the list.

Every curator string is escaped by the template or travels as a code span in a label (see safe_text).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from timeline.entry_views import article_view, placeholder
from timeline.image_urls import web_picture
from timeline.links import entry_url
from timeline.listen import Listen
from timeline.listing import index_of, neighbours
from timeline.narration_urls import web_listen
from timeline.placeholders import UNAVAILABLE
from timeline.render import render_macro
from timeline.schema import Entry, Kind
from timeline.settings import Settings
from timeline.ui import compat
from timeline.ui.page_files import script_html
from timeline.ui.safe_text import code_span
from timeline.ui.state import KEYS

PARTS = "ui/web.html"


@dataclass(frozen=True)
class DetailContext:
    """What the entry view needs besides the entry: the visitor's current order and the ways out."""

    order: Sequence[Entry]  # the filtered, chronological entries: previous/next step through these
    by_id: Mapping[str, Entry]
    media_dir: Path
    settings: Settings
    share_base: str  # the exhibit's public address, else the page's own: entry links start with it
    on_open: Callable[[str], None]
    on_back: Callable[[], None]
    allow_links: bool = True


def article_html(entry: Entry, ctx: DetailContext, show_picture: bool = True, listen: Listen | None = None) -> str:
    """The entry as the static site shows it, its heading an h2 under the page's title."""
    color = ctx.settings.color_for(entry.category)
    found, broken = web_picture(entry, ctx.media_dir, "article", color)
    shown = found or (placeholder(entry, color, UNAVAILABLE) if broken else None)
    article = article_view(entry, ctx.settings, ctx.by_id, shown, listen)
    return render_macro("entry_article.html", "entry_article", article, heading="h2", allow_links=ctx.allow_links,
                        show_picture=show_picture)


def _reveal(entry_id: str) -> None:
    st.session_state[KEYS.revealed] = {*st.session_state.get(KEYS.revealed, ()), entry_id}


def _covered(entry: Entry) -> bool:
    """A content note covers a real photograph until the visitor chooses to see it (a placeholder has nothing to
    hide)."""
    return bool(entry.content_note and entry.image) and entry.id not in st.session_state.get(KEYS.revealed, ())


def _related(entry: Entry, ctx: DetailContext) -> None:
    found = [ctx.by_id[i] for i in dict.fromkeys(entry.related) if i in ctx.by_id]  # a repeated id once
    others = [other for other in found if other.kind is not Kind.ERA]
    if others:
        st.html(render_macro("ui/common.html", "subhead", "Related entries"))
        for other in others:
            st.button(f"{code_span(other.title)} · {code_span(other.date_label)}", key=f"related-{other.id}",
                      type="tertiary", on_click=ctx.on_open, args=(other.id,))


def _neighbours(entry: Entry, ctx: DetailContext) -> None:
    at = index_of(ctx.order, entry.id)
    if at is None:
        st.html(render_macro("ui/common.html", "note", "This entry is outside your current filters, so there is no "
                             "previous or next entry here."))
        st.button("Back to the list", key="back-to-list-end", on_click=ctx.on_back)
        return
    before, after = neighbours(ctx.order, at)
    with st.container(key="neighbours", horizontal=True, vertical_alignment="center", gap="medium"):
        st.button("← Previous", key="previous-entry", disabled=before is None,
                  on_click=ctx.on_open, args=(before.id if before else "",))
        st.html(render_macro(PARTS, "neighbour", f"{at + 1} of {len(ctx.order)}"), width="content")
        st.button("Next →", key="next-entry", disabled=after is None,
                  on_click=ctx.on_open, args=(after.id if after else "",))
        st.button("Back to the list", key="back-to-list-end", on_click=ctx.on_back)
    if before or after:  # an entry alone in the visitor's order has neither, and st.html refuses an empty body
        st.html(render_macro(PARTS, "neighbour_titles", before, after))


def _listen_script() -> None:
    """The Listen control's script (timeline/static/listen.js, shared with the static site): it installs its
    listeners on the page once, so the same element on later runs needs nothing more."""
    compat.serve_narration_types()
    with st.container(key="listen-script"):
        compat.run_in_page(script_html("listen.js", {}))


def render_detail(entry: Entry, ctx: DetailContext) -> None:
    with st.container(key="event-detail"):
        st.button("← Back to the list", key="back-to-list", on_click=ctx.on_back)
        covered = _covered(entry)
        listen = web_listen(entry)
        st.html(article_html(entry, ctx, show_picture=not covered, listen=listen))
        if listen is not None:
            _listen_script()
        if covered:
            st.html(render_macro(PARTS, "image_cover"))
            st.button("Show image", key=f"reveal-{entry.id}", on_click=_reveal, args=(entry.id,))
        _related(entry, ctx)
        _neighbours(entry, ctx)
        link = entry_url(ctx.share_base, entry.id)
        if link is not None:  # None only when neither a public URL nor the browser's address is known
            st.html(render_macro(PARTS, "share_heading"))
            st.code(link, language=None, wrap_lines=True)
