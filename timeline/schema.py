"""The events CSV contract, declared once as data, and the Entry it produces.

The validator, the curator guide's column table, the CSV template and the
tests are derived from ``COLUMNS``; change the contract here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from timeline.dates import HistDate


class Kind(StrEnum):
    EVENT = "event"
    QUOTE = "quote"
    ERA = "era"


class Status(StrEnum):
    PUBLISHED = "published"
    DRAFT = "draft"


@dataclass(frozen=True)
class Column:
    """One column of the contract. ``required_for`` names the kinds that must fill it."""

    name: str
    meaning: str
    example: str = ""
    required_for: frozenset[Kind] = frozenset()
    is_list: bool = False  # ';'-separated values


ALL_KINDS = frozenset(Kind)
TEXT_KINDS = frozenset({Kind.EVENT, Kind.QUOTE})

COLUMNS: tuple[Column, ...] = (
    Column("id", "Stable slug of a-z, 0-9 and hyphens, unique; used in links, never shown.",
           "homer-phillips-opens", ALL_KINDS),
    Column("kind", "event (default), quote (a short attributed quotation) or era (a named period drawn as a band).",
           "event"),
    Column("date", "When it started: 1947, 1947-09, 1947-09-15, 1947~, 194X, 1947/1955, c. 1947, 1940s, 1945-1966.",
           "1937-02-22", ALL_KINDS),
    Column("end_date", "End of a span, in the same forms (or give an interval in date).", "1955"),
    Column("display_date", "Label shown instead of the generated one; never moves the entry.", "Fall 1947"),
    Column("title", "Short headline, at most 120 characters.", "Homer G. Phillips Hospital opens", ALL_KINDS),
    Column("text", "The narrative: plain paragraphs, *emphasis* and [links](https://...) only. "
           "For a quote: the quotation.",
           "The city's new hospital for Black patients...", TEXT_KINDS),
    Column("attribution", "Who said or wrote the quote, and when.", "Dr. James Whittico, oral history, 1990",
           frozenset({Kind.QUOTE})),
    Column("category", "The institution or setting; drives colour and the timeline's lanes.",
           "Homer G. Phillips Hospital", frozenset({Kind.EVENT})),
    Column("themes", "';'-separated tags.", "nursing; students", is_list=True),
    Column("people", "';'-separated names.", "Helen E. Nash; Park J. White", is_list=True),
    Column("place", "Building, hospital or neighbourhood.", "2601 N. Whittier St., St. Louis"),
    Column("image", "A file name inside media/ (no folders, no URLs).", "hgp-1937.jpg"),
    Column("image_alt", "What the image shows, for screen readers (required with image).",
           "Nurses in white uniforms on the hospital steps"),
    Column("image_caption", "Caption shown with the image.", "Graduating nurses, 1941"),
    Column("image_credit", "Source and rights of the image (required with image).",
           "Becker Medical Library Archives"),
    Column("image_description", "What archival image belongs here while the file is not yet supplied.",
           "Photograph of the hospital's opening ceremony"),
    Column("content_note", "Advisory shown before a distressing image or story.", "Describes racial violence."),
    Column("sources", "';'-separated citations: URLs or archival references.",
           "https://example.org/page; Becker Archives VF07177", frozenset({Kind.EVENT}), is_list=True),
    Column("related", "';'-separated ids of related entries; each must exist.", "hgp-closes", is_list=True),
    Column("featured", "yes to include in the kiosk's attract loop.", "yes"),
    Column("status", "published (default) or draft (shown only in curator mode).", "published"),
)

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
COLUMNS_BY_NAME: Mapping[str, Column] = MappingProxyType({c.name: c for c in COLUMNS})
REQUIRED_HEADER: tuple[str, ...] = ("id", "date", "title")

TITLE_MAX = 120
TEXT_LONG = 1500  # characters; beyond this a wall-side reader gives up
LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Entry:
    """One validated row. Lists are tuples and the whole value is frozen: never mutate a catalogue."""

    id: str
    kind: Kind
    date: HistDate
    title: str
    row: int
    text: str = ""
    display_date: str = ""
    attribution: str = ""
    category: str = ""
    themes: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    place: str = ""
    image: str = ""
    image_alt: str = ""
    image_caption: str = ""
    image_credit: str = ""
    image_description: str = ""
    content_note: str = ""
    sources: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    featured: bool = False
    status: Status = Status.PUBLISHED
    extra: Mapping[str, str] = field(default_factory=dict, compare=False)  # curator-only columns, e.g. notes

    @property
    def date_label(self) -> str:
        """What visitors read: the curator's display_date, else the date's own label."""
        return self.display_date or self.date.label

    @property
    def is_published(self) -> bool:
        return self.status is Status.PUBLISHED


def split_list(value: str) -> tuple[str, ...]:
    """Split a ';'-separated cell, dropping empty parts and surrounding spaces."""
    return tuple(part.strip() for part in value.split(LIST_SEPARATOR) if part.strip())
