"""One open entry: image with caption and credit, the story or quotation, facts, sources, related entries,
previous/next in the visitor's current order, a share link and the way back to the list.

Every curator string is escaped here or travels as a code span in a label (see safe_text).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from timeline.richtext import LINK_REL, is_web_address
from timeline.schema import Entry, Kind
from timeline.ui.curator_status import draft_badge
from timeline.ui.images import web_image
from timeline.ui.safe_text import code_span, escape, paragraphs_html
from timeline.ui.state import KEYS, share_url


@dataclass(frozen=True)
class DetailContext:
    """What the entry view needs besides the entry: the visitor's current order and the ways out."""

    order: Sequence[Entry]  # the filtered, chronological entries: previous/next step through these
    by_id: Mapping[str, Entry]
    media_dir: Path
    share_base: str
    on_open: Callable[[str], None]
    on_back: Callable[[], None]
    allow_links: bool = True


def source_html(source: str, allow_links: bool = True) -> str:
    """A citation: a link when it is a web address by the rule the checker applies too (and links are allowed),
    otherwise plain text."""
    text = escape(source)
    if allow_links and is_web_address(source):
        return f'<a href="{text}" rel="{LINK_REL}">{text}</a>'
    return text


def facts_html(entry: Entry) -> str:
    rows = (("People", "; ".join(entry.people)), ("Place", entry.place), ("Institution", entry.category),
            ("Themes", "; ".join(entry.themes)))
    items = "".join(f"<dt>{label}</dt><dd>{escape(value)}</dd>" for label, value in rows if value)
    return f'<dl class="detail-facts">{items}</dl>' if items else ""


def body_html(entry: Entry, allow_links: bool = True) -> str:
    """The story, or for a quote the quotation set as one, with its attribution."""
    text = paragraphs_html(entry.text, allow_links)
    if entry.kind is Kind.QUOTE:
        who = f'<p class="attribution">— {escape(entry.attribution)}</p>' if entry.attribution else ""
        return f'<blockquote class="quote prose">{text}</blockquote>{who}'
    return f'<div class="prose">{text}</div>'


def figure_html(entry: Entry, url: str, alt: str) -> str:
    caption = " ".join(part for part in (
        escape(entry.image_caption),
        f"<span class=\"credit\">Credit: {escape(entry.image_credit)}</span>" if entry.image_credit else "",
    ) if part)
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f'<figure class="detail-figure"><img src="{escape(url)}" alt="{escape(alt)}">{figcaption}</figure>'


def has_picture(entry: Entry) -> bool:
    """Events always show a picture (a card until the archive supplies one); a bare quotation stands alone."""
    return entry.kind is not Kind.QUOTE or bool(entry.image or entry.image_description)


def _reveal(entry_id: str) -> None:
    st.session_state[KEYS.revealed] = {*st.session_state.get(KEYS.revealed, ()), entry_id}


def _image(entry: Entry, media_dir: Path) -> None:
    if entry.content_note and entry.id not in st.session_state.get(KEYS.revealed, ()):
        st.html('<div class="image-cover"><p>The image is covered because of the content note. '
                "Choose “Show image” to see it.</p></div>")
        st.button("Show image", key=f"reveal-{entry.id}", on_click=_reveal, args=(entry.id,))
        return
    image = web_image(entry, media_dir, "display")
    st.html(figure_html(entry, image.url, image.alt))


def _related(entry: Entry, ctx: DetailContext) -> None:
    found = [ctx.by_id[i] for i in entry.related if i in ctx.by_id]
    eras = [e for e in found if e.kind is Kind.ERA]
    others = [e for e in found if e.kind is not Kind.ERA]
    if eras:
        periods = "; ".join(f"{escape(e.title)} ({escape(e.date_label)})" for e in eras)
        st.html(f'<p class="detail-meta">Part of: {periods}</p>')
    if others:
        st.html('<h3 class="detail-subhead">Related entries</h3>')
        for other in others:
            st.button(f"{code_span(other.title)} · {code_span(other.date_label)}", key=f"related-{other.id}",
                      type="tertiary", on_click=ctx.on_open, args=(other.id,))


def _neighbours(entry: Entry, ctx: DetailContext) -> None:
    ids = [e.id for e in ctx.order]
    if entry.id not in ids:
        st.html('<p class="detail-meta">This entry is outside your current filters, so there is no '
                "previous or next entry here.</p>")
        st.button("Back to the list", key="back-to-list-end", on_click=ctx.on_back)
        return
    at = ids.index(entry.id)
    before = ctx.order[at - 1] if at > 0 else None
    after = ctx.order[at + 1] if at + 1 < len(ids) else None
    with st.container(key="neighbours", horizontal=True, vertical_alignment="center", gap="medium"):
        st.button("← Previous", key="previous-entry", disabled=before is None,
                  on_click=ctx.on_open, args=(before.id if before else "",))
        st.html(f'<p class="neighbour">{at + 1} of {len(ids)}</p>', width="content")
        st.button("Next →", key="next-entry", disabled=after is None,
                  on_click=ctx.on_open, args=(after.id if after else "",))
        st.button("Back to the list", key="back-to-list-end", on_click=ctx.on_back)
    hints = [f"Previous: {escape(before.title)}" if before else "", f"Next: {escape(after.title)}" if after else ""]
    if before or after:  # an entry alone in the visitor's order has neither, and st.html refuses an empty body
        st.html("".join(f'<p class="neighbour">{hint}</p>' for hint in hints if hint))


def render_detail(entry: Entry, ctx: DetailContext) -> None:
    with st.container(key="event-detail"):
        st.button("← Back to the list", key="back-to-list", on_click=ctx.on_back)
        st.html(f'{draft_badge(entry)}<p class="detail-date">{escape(entry.date_label)}</p>'
                f'<h2 class="detail-title" tabindex="-1">{escape(entry.title)}</h2>')
        if entry.content_note:
            st.html(f'<div class="content-note" role="note"><p><strong>Content note:</strong> '
                    f"{escape(entry.content_note)}</p></div>")
        if has_picture(entry):
            picture, words = st.columns([5, 7], gap="large")
            with picture:
                _image(entry, ctx.media_dir)
        else:
            words = st.container()
        with words:
            st.html(body_html(entry, ctx.allow_links) + facts_html(entry))
            if entry.sources:
                items = "".join(f"<li>{source_html(s, ctx.allow_links)}</li>" for s in entry.sources)
                st.html(f'<h3 class="detail-subhead">Sources</h3><ul class="sources">{items}</ul>')
            _related(entry, ctx)
        _neighbours(entry, ctx)
        st.html('<h3 class="detail-subhead">Share this entry</h3>'
                '<p class="detail-meta">Copy this link to come back to this entry or send it to someone.</p>')
        st.code(share_url(ctx.share_base, entry.id), language=None, wrap_lines=True)
