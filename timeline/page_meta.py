"""What a page says about itself to link previews, search engines and browser tabs.

One entry gives one ``PageMeta``: the static site's entry pages and the Streamlit page served for
``?event=ID`` both write their ``<head>`` from it (templates/head_meta.html), so a shared link previews the
same way whichever of the two a visitor shares. Everything here is plain text; the template escapes it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from timeline.query import LIST_KINDS, linked_event
from timeline.render import render
from timeline.richtext import html_to_line, text_to_html
from timeline.schema import Entry, Kind
from timeline.settings import Settings

DESCRIPTION_CHARS = 160  # search engines show about this much before they cut; previews cut sooner
DATE_CHARS = 40  # a date label's share of a description (a display_date is at most this long, schema.COLUMNS)
SUMMARY_CHARS = 150  # a list card's one or two lines at phone width
ELLIPSIS = "…"
QUOTE_MARKS = ("“", "\"", "‘", "'")
_TITLE = re.compile(r"<title\b[^>]*>.*?</title\s*>[ \t]*\n?", re.I | re.S)
_HEAD_END = re.compile(r"</head\s*>", re.I)


@dataclass(frozen=True)
class PageMeta:
    """The head of one page. URLs are absolute when the site's address is known, else empty (tags left out)."""

    title: str  # the tab title: "Entry title · Exhibit title"
    description: str
    site_name: str
    og_type: str  # "article" for an entry, "website" for the timeline
    url: str = ""
    image: str = ""
    image_alt: str = ""
    image_width: int = 0
    image_height: int = 0


@lru_cache(maxsize=50_000)  # a site build asks for each entry's words for its card, its page and its head
def plain_text(text: str) -> str:
    """Curator text (paragraphs, *emphasis*, [links](...)) as one line of plain words, markup gone."""
    return html_to_line(text_to_html(text, allow_links=False))


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word and marked with an ellipsis, so a cut is never hidden."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-–—")
    return cut + ELLIPSIS


def summary(entry: Entry, limit: int = SUMMARY_CHARS) -> str:
    """The entry's story in a line or two, at most ``limit`` characters whatever the cells hold; a quotation keeps
    its quotation marks and its speaker (given at most a third of the room)."""
    words = plain_text(entry.text)
    if entry.kind is Kind.QUOTE:
        speaker = f" — {shorten(entry.attribution, limit // 3)}" if entry.attribution else ""
        quoted = shorten(words, limit - len(speaker) - 2)
        if not quoted.startswith(QUOTE_MARKS):  # curators often type the marks themselves
            quoted = f"“{quoted}”"
        return shorten(quoted + speaker, limit)
    return shorten(words, limit)


@dataclass(frozen=True)
class PreviewImage:
    """The picture a link preview shows: an absolute URL, its alt text and its size."""

    url: str = ""
    alt: str = ""
    size: tuple[int, int] = (0, 0)


def _with_image(meta: PageMeta, image: PreviewImage) -> PageMeta:
    if not image.url:
        return meta
    return replace(meta, image=image.url, image_alt=image.alt, image_width=image.size[0],
                   image_height=image.size[1])


def entry_meta(entry: Entry, settings: Settings, url: str = "", image: PreviewImage = PreviewImage()) -> PageMeta:
    date = shorten(entry.date_label, DATE_CHARS)
    description = summary(entry, DESCRIPTION_CHARS - len(date) - 2)
    return _with_image(PageMeta(title=f"{entry.title} · {settings.title}",
                                description=f"{date}: {description}" if date else description,
                                site_name=settings.title, og_type="article", url=url), image)


def exhibit_meta(settings: Settings, url: str = "", image: PreviewImage = PreviewImage()) -> PageMeta:
    return _with_image(PageMeta(title=settings.title,
                                description=shorten(plain_text(settings.introduction), DESCRIPTION_CHARS),
                                site_name=settings.title, og_type="website", url=url), image)


def linked_entry(event_values: Sequence[str], published: Mapping[str, Entry]) -> Entry | None:
    """The entry a link's ``event`` values open, by the web page's own rule (``linked_event``): an event or a
    quote of ``published``, never an era, which is a band and has no view of its own. Anything else opens none."""
    found = linked_event(event_values, lambda i: i in published and published[i].kind in LIST_KINDS)
    return published[found] if found else None


def head_tags(meta: PageMeta) -> str:
    return render("head_meta.html", meta=meta)


def inject_head(page: str, meta: PageMeta) -> str:
    """``page`` with its ``<title>`` replaced by the tags of ``meta``, or with them added at the end of its head.

    The HTML of an app shell (Streamlit's ``index.html``) goes in, the same HTML with this page's head comes out,
    so link previews and search engines, which run no JavaScript, read the entry's own title and description.
    Every value is escaped by the template; nothing of ``page`` but its title changes.
    """
    tags = head_tags(meta)
    if _TITLE.search(page):
        return _TITLE.sub(lambda _: tags, page, count=1)
    end = _HEAD_END.search(page)
    if end is None:
        raise ValueError("the page has neither a <title> nor a </head> to put the link-preview tags in")
    return page[: end.start()] + tags + page[end.start():]
