"""What the entry card and the entry article show, as plain values: the one input of their templates.

The static site and the Streamlit web page both turn an Entry into these views and render the same templates
(templates/entry_card.html, templates/entry_article.html), so a change to what a card says shows in both.
Pictures arrive already prepared (URLs and pixel sizes), because where files live differs between the two.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from timeline.dates import Precision
from timeline.listen import Listen
from timeline.page_meta import summary
from timeline.placeholders import TO_BE_ADDED
from timeline.richtext import is_web_address
from timeline.schema import Entry, Kind
from timeline.settings import Settings

TILE_MARK = "Image to come"
DRAFT_LABEL = "Draft — not public"  # only curator mode lists drafts


@dataclass(frozen=True)
class Picture:
    """An image ready for ``<img>`` (``srcset`` of derivative URLs with their widths), or a placeholder card."""

    src: str = ""
    srcset: str = ""
    width: int = 0
    height: int = 0
    alt: str = ""
    caption: str = ""
    credit: str = ""
    placeholder: bool = False
    status: str = ""  # a placeholder's line: the image is still to be added, or could not be shown
    description: str = ""  # a placeholder's image_description: what archival image belongs here
    color: str = ""


@dataclass(frozen=True)
class ImageFiles:
    """One entry's web copies: (URL or path, width, height), smallest first, with what the CSV says of them."""

    files: tuple[tuple[str, int, int], ...]
    alt: str
    caption: str = ""
    credit: str = ""


def picture(files: ImageFiles | None, root: str, color: str, largest: int) -> Picture | None:
    """The ``<img>`` for a slot ``largest`` pixels wide at most: ``src`` is the biggest copy within it (for
    browsers without ``srcset``); ``srcset`` offers every copy, so a browser takes what its screen needs."""
    if files is None or not files.files:
        return None
    src = ([f for f in files.files if f[1] <= largest] or [files.files[0]])[-1]
    return Picture(src=root + src[0], srcset=", ".join(f"{root}{p} {w}w" for p, w, _ in files.files),
                   width=src[1], height=src[2], alt=files.alt, caption=files.caption, credit=files.credit,
                   color=color)


@dataclass(frozen=True)
class Source:
    text: str
    url: str = ""  # set only for an http(s) address, the only links visitors get


@dataclass(frozen=True)
class CardView:
    id: str
    kind: str
    title: str
    date_label: str
    year: str  # the tile's big figure: "1937", "c. 1937", "1940s"
    where: str  # the institution, or "Quotation" for a quote without one
    summary: str
    color: str
    picture: Picture | None  # None: the card shows a designed tile instead of shrinking a placeholder card
    draft_label: str = ""  # DRAFT_LABEL for a draft
    tile_mark: str = TILE_MARK


@dataclass(frozen=True)
class ArticleView:
    id: str
    kind: str
    title: str
    date_label: str
    where: str
    text: str
    attribution: str
    content_note: str
    facts: tuple[tuple[str, str], ...]
    eras: tuple[str, ...]
    sources: tuple[Source, ...]
    picture: Picture | None
    color: str
    draft_label: str = ""
    listen: Listen | None = None  # the Listen control, once the entry's narration is built


def tile_year(entry: Entry) -> str:
    """The year a tile shows in large type: as precise as the date, and marked when approximate."""
    date = entry.date
    year = f"{date.year}s" if date.precision is Precision.DECADE else str(math.floor(date.start_year))
    return f"c. {year}" if date.approximate else year


def where(entry: Entry) -> str:
    return entry.category or ("Quotation" if entry.kind is Kind.QUOTE else "")


def source_of(citation: str) -> Source:
    """A citation links only when it is a web address by the rule the checker applies too; else it stays text."""
    return Source(citation, citation if is_web_address(citation) else "")


def placeholder(entry: Entry, color: str, status: str = TO_BE_ADDED) -> Picture:
    return Picture(placeholder=True, status=status, description=entry.image_description, color=color,
                   alt=f"Placeholder: {status.lower()} for {entry.title}")


def card_view(entry: Entry, settings: Settings, picture: Picture | None = None) -> CardView:
    return CardView(
        id=entry.id, kind=str(entry.kind), title=entry.title, date_label=entry.date_label, year=tile_year(entry),
        where=where(entry), summary=summary(entry), color=settings.color_for(entry.category),
        picture=picture if picture is not None and not picture.placeholder else None,
        draft_label="" if entry.is_published else DRAFT_LABEL,
    )


def facts(entry: Entry) -> tuple[tuple[str, str], ...]:
    rows = (("People", "; ".join(entry.people)), ("Place", entry.place), ("Institution", entry.category),
            ("Themes", "; ".join(entry.themes)))
    return tuple((label, value) for label, value in rows if value)


def has_picture(entry: Entry) -> bool:
    """Events always show a picture (a card until the archive supplies one); a bare quotation stands alone."""
    return entry.kind is not Kind.QUOTE or bool(entry.image or entry.image_description)


def article_view(entry: Entry, settings: Settings, by_id: Mapping[str, Entry],
                 picture: Picture | None = None, listen: Listen | None = None) -> ArticleView:
    color = settings.color_for(entry.category)
    if picture is None and has_picture(entry):
        picture = placeholder(entry, color)
    eras = tuple(f"{by_id[i].title} ({by_id[i].date_label})" for i in entry.related
                 if i in by_id and by_id[i].kind is Kind.ERA)
    return ArticleView(
        id=entry.id, kind=str(entry.kind), title=entry.title, date_label=entry.date_label, where=where(entry),
        text=entry.text, attribution=entry.attribution, content_note=entry.content_note, facts=facts(entry),
        eras=eras, sources=tuple(source_of(s) for s in entry.sources), picture=picture if has_picture(entry) else None,
        color=color, draft_label="" if entry.is_published else DRAFT_LABEL, listen=listen,
    )
