"""The events CSV contract, declared once as data, and the Entry it produces.

The validator, the curator guide's column table, the CSV template and the
tests are derived from ``COLUMNS``; change the contract here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from timeline.dates import DATE_MAX_CHARS, HistDate


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
    max_chars: int = 0  # longest value accepted; 0 for columns whose values are checked as choices or dates
    too_long: str = ""  # why the limit, and what to do instead, for the message about a longer value


ALL_KINDS = frozenset(Kind)
TEXT_KINDS = frozenset({Kind.EVENT, Kind.QUOTE})

_LABEL = "It is shown as a label beside other text: keep it to a few words and put the rest in text."
_DATE = "Write the date in one of the forms the curator guide lists; words about it belong in display_date or text."
_LIST = "Check that the cell holds only this column's items, separated by semicolons, and not text meant elsewhere."

COLUMNS: tuple[Column, ...] = (
    Column("id", "Stable slug of a-z, 0-9 and hyphens, unique; used in links, never shown.",
           "homer-phillips-opens", ALL_KINDS, max_chars=80,
           too_long="An id is part of the entry's address and of a folder name: a few words are enough."),
    Column("kind", "event (default), quote (a short attributed quotation) or era (a named period drawn as a band).",
           "event"),
    Column("date", "When it started: 1947, 1947-09, 1947-09-15, 1947~, 194X, 1947/1955, c. 1947, 1940s, 1945-1966.",
           "1937-02-22", ALL_KINDS, max_chars=DATE_MAX_CHARS, too_long=_DATE),
    Column("end_date", "End of a span, in the same forms (or give an interval in date).", "1955",
           max_chars=DATE_MAX_CHARS, too_long=_DATE),
    Column("display_date", "Label shown instead of the generated one; never moves the entry.", "Fall 1947",
           max_chars=40, too_long="It replaces the date on cards and the timeline: write a short label such as "
           "'Fall 1947' and put the story in text."),
    Column("title", "Short headline, at most 120 characters.", "Homer G. Phillips Hospital opens", ALL_KINDS,
           max_chars=120, too_long="Shorten the title; move detail into the text."),
    Column("text", "The narrative: plain paragraphs, *emphasis* and [links](https://...) only. "
           "For a quote: the quotation.",
           "The city's new hospital for Black patients...", TEXT_KINDS, max_chars=10_000,
           too_long="Visitors read a few short paragraphs: shorten the text, or split it into several entries."),
    Column("attribution", "Who said or wrote the quote, and when.", "Dr. James Whittico, oral history, 1990",
           frozenset({Kind.QUOTE}), max_chars=300, too_long="Name the speaker and the source in a line."),
    Column("category", "The institution or setting; drives colour and the timeline's lanes.",
           "Homer G. Phillips Hospital", frozenset({Kind.EVENT}), max_chars=100, too_long=_LABEL),
    Column("themes", "';'-separated tags.", "nursing; students", is_list=True, max_chars=500, too_long=_LIST),
    Column("people", "';'-separated names.", "Helen E. Nash; Park J. White", is_list=True, max_chars=1000,
           too_long=_LIST),
    Column("place", "Building, hospital or neighbourhood.", "2601 N. Whittier St., St. Louis", max_chars=200,
           too_long=_LABEL),
    Column("image", "A file name inside media/ (no folders, no URLs).", "hgp-1937.jpg", max_chars=200,
           too_long="Give the file in media/ a shorter name, and write that name here."),
    Column("image_alt", "What the image shows, for screen readers (required with image).",
           "Nurses in white uniforms on the hospital steps", max_chars=500,
           too_long="Screen readers read it in one go: say what the picture shows in a sentence or two."),
    Column("image_caption", "Caption shown with the image.", "Graduating nurses, 1941", max_chars=500,
           too_long="Keep the caption to a sentence or two and put the story in text."),
    Column("image_credit", "Source and rights of the image (required with image).",
           "Becker Medical Library Archives", max_chars=500,
           too_long="Name the archive or photographer and the rights in a line."),
    Column("image_description", "What archival image belongs here while the file is not yet supplied.",
           "Photograph of the hospital's opening ceremony", max_chars=1000,
           too_long="Describe the picture that belongs here in a sentence or two."),
    Column("content_note", "Advisory shown before a distressing image or story.", "Describes racial violence.",
           max_chars=500, too_long="A content note is read before the entry: say what it contains in a sentence."),
    Column("sources", "';'-separated citations: URLs or archival references.",
           "https://example.org/page; Becker Archives VF07177", frozenset({Kind.EVENT}), is_list=True,
           max_chars=5000, too_long=_LIST),
    Column("related", "';'-separated ids of related entries; each must exist.", "hgp-closes", is_list=True,
           max_chars=2000, too_long=_LIST),
    Column("featured", "yes to include in the kiosk's attract loop.", "yes"),
    Column("status", "published (default) or draft (shown only in curator mode).", "published"),
)

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
COLUMNS_BY_NAME: Mapping[str, Column] = MappingProxyType({c.name: c for c in COLUMNS})
REQUIRED_HEADER: tuple[str, ...] = ("id", "date", "title")

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
