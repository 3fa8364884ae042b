"""Map TimelineJS rows onto our events contract, saying plainly what could not be carried over.

Nothing a curator typed is silently lost: a value that has no column of ours is reported with its row and kept in
the ``notes`` column. A row that lacks something our contract requires (TimelineJS has no sources at all) becomes a
draft, so the imported file is one the checker can pass and visitors see nothing unfinished.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from timeline.dates import HistDate, make_span, parse_date
from timeline.problems import Finding
from timeline.richtext import html_to_line, html_to_text, paragraphs
from timeline.schema import COLUMN_NAMES, COLUMNS, LIST_SEPARATOR, Kind, Status
from timeline.timelinejs import ATTRIBUTION_MARK, SHEET_KEYS, SOURCES_LABEL, SheetRecord, sheet_key
from timeline.validate import ID_PATTERN

OUTPUT_COLUMNS: tuple[str, ...] = (*COLUMN_NAMES, "notes")
ID_WORDS = 6  # headline words kept in a generated id
_NUMBER = re.compile(r"\d{1,4}")
_URL = re.compile(r"^[a-z][a-z0-9+.\-]*://", re.I)
_FILE_NAME = re.compile(r"^[^/\\<>:\s][^/\\<>:]*\.[A-Za-z0-9]{2,5}$")
_SOURCE_LINK = re.compile(r"\[[^\]]*\]\((https?://[^)\s]+)\)")
_QUOTE = re.compile(r"\s*<blockquote\b", re.I)
_ONE_CELL: Mapping[str, str] = {  # sheet column -> our column, as one line of text
    "group": "category", "media credit": "image_credit",
    "media caption": "image_caption", "alt text": "image_alt",
}
_NOT_MAPPED: Mapping[str, str] = {  # sheet column -> why it has no place in the exhibit
    "time": "the exhibit dates entries to the day at most, so times are not shown",
    "end time": "the exhibit dates entries to the day at most, so times are not shown",
    "background": "the exhibit has no per-entry backgrounds; colours come from the category",
    "media thumbnail": "thumbnails are made from the image by `python -m timeline media`",
}


@dataclass(frozen=True)
class ImportNote:
    """Something the import could not carry over, at a TimelineJS row (header = 1) and column."""

    row: int
    column: str
    message: str


@dataclass(frozen=True)
class TitleSlide:
    """The sheet's title row: the exhibit's title and introduction live in settings, not in the events file."""

    row: int
    headline: str
    text: str


@dataclass(frozen=True)
class SheetImport:
    rows: tuple[Mapping[str, str], ...]  # our columns (OUTPUT_COLUMNS) -> text
    notes: tuple[ImportNote, ...]
    title: TitleSlide | None
    unsourced: int  # rows made drafts only because they have no sources

    @property
    def drafts(self) -> int:
        return sum(row["status"] == Status.DRAFT for row in self.rows)


@dataclass
class _Row:
    """One row being mapped: our cells, the report lines and the notes cell."""

    record: SheetRecord
    cells: dict[str, str] = field(default_factory=lambda: dict.fromkeys(OUTPUT_COLUMNS, ""))
    notes: list[ImportNote] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # unmapped values, for the notes column
    missing: list[str] = field(default_factory=list)  # required columns still empty

    def report(self, column: str, message: str, keep: str = "") -> None:
        self.notes.append(ImportNote(self.record.row, column, message))
        if keep:
            self.kept.append(keep)


def import_records(records: Sequence[SheetRecord], columns: Sequence[str] = ()) -> SheetImport:
    """Our rows from TimelineJS rows; ``columns`` (the sheet's header) lets unknown columns be reported once."""
    notes = [ImportNote(1, name, f"Column '{name}' is not a TimelineJS column; its values are kept in notes.")
             for name in columns if sheet_key(name) not in SHEET_KEYS]
    rows: list[Mapping[str, str]] = []
    taken: set[str] = set()
    title: TitleSlide | None = None
    unsourced = 0
    for record in records:
        kind = record.get("type").lower()
        if kind == "title" and title is None:
            title = TitleSlide(record.row, html_to_line(record.get("headline")), html_to_text(record.get("text")))
            notes.append(ImportNote(record.row, "Type", "The title slide is not an entry: put its headline in "
                                    "data/exhibit.toml as title (and its text as introduction)."))
            continue
        row = _map(record, taken)
        unsourced += "sources" in row.missing
        rows.append(row.cells)
        notes.extend(row.notes)
    return SheetImport(tuple(rows), tuple(notes), title, unsourced)


def _map(record: SheetRecord, taken: set[str]) -> _Row:
    row = _Row(record)
    for step in _STEPS:
        step(row)
    row.cells["id"] = _unique_id(record, row.cells, taken)
    _require(row)
    row.cells["notes"] = " | ".join(row.kept)
    return row


def _kind(row: _Row) -> None:
    value = row.record.get("type")
    row.cells["kind"] = Kind.EVENT
    if value.lower() == "era":
        row.cells["kind"] = Kind.ERA
    elif value.lower() == "title":
        row.report("Type", "A second title row: only the first is the title slide, so this one was imported as an "
                   "event.")
    elif value:
        row.report("Type", f"Type '{value}' is not title or era; the row was imported as an event.")


def _dates(row: _Row) -> None:
    """Date and end date; a Display Date that only repeats the label the dates make (our export writes one for
    every slide) is left out, so the exhibit keeps generating it."""
    start = _date_cell(row, "", "date")
    end = _date_cell(row, "end ", "end_date")
    span = make_span(start, end) if isinstance(start, HistDate) and isinstance(end, HistDate) else start
    if isinstance(span, Finding) and end is not None:
        row.report("End Year", span.message)
    display = html_to_line(row.record.get("display date"))
    if not (isinstance(span, HistDate) and display == span.label):
        row.cells["display_date"] = display
    if row.cells["kind"] == Kind.ERA and not row.cells["end_date"]:
        row.report("End Year", "An era needs an end: fill in end_date (the era is drawn as a band).")


def _date_cell(row: _Row, prefix: str, column: str) -> HistDate | Finding | None:
    """Year, Month and Day as one date cell; a form our parser knows (``c. 1947``) is normalised."""
    year, month, day = (row.record.get(prefix + part) for part in ("year", "month", "day"))
    header = f"{prefix.title()}Year"
    if not year:
        if month or day:
            row.report(header, f"{prefix.title()}Month or Day is given without a year; it was not imported.",
                       f"{header}: {month} {day}".strip())
        return None
    if all(_NUMBER.fullmatch(part) for part in (year, month or "1", day or "1")):
        parts = [f"{int(year):04d}", *(f"{int(p):02d}" for p in (month, day) if p)]
        text = "-".join(parts if month or not day else parts[:1])
        if day and not month:
            row.report(f"{prefix.title()}Day", "A day without a month cannot be placed; only the year was kept.")
    else:
        text = " ".join(p for p in (day, month, year) if p)
    parsed = parse_date(text)
    row.cells[column] = parsed.to_edtf() if isinstance(parsed, HistDate) else text
    if isinstance(parsed, Finding):
        row.report(header, f"{parsed.message} It was kept as typed; {parsed.hint[0].lower()}{parsed.hint[1:]}")
    return parsed


def _text(row: _Row) -> None:
    """Headline and text; the sources paragraph and the quote form our own export writes are read back."""
    row.cells["title"] = html_to_line(row.record.get("headline"))
    markup = row.record.get("text")
    parts = list(paragraphs(html_to_text(markup)))
    if parts and parts[-1].startswith(SOURCES_LABEL):
        cited = parts.pop()[len(SOURCES_LABEL):]
        row.cells["sources"] = "; ".join(_SOURCE_LINK.sub(r"\1", s).strip() for s in cited.split(LIST_SEPARATOR)
                                         if s.strip())
    if _QUOTE.match(markup) and len(parts) > 1 and parts[-1].startswith(ATTRIBUTION_MARK):
        row.cells["kind"], row.cells["attribution"] = Kind.QUOTE, parts.pop()[len(ATTRIBUTION_MARK):].strip()
    row.cells["text"] = "\n\n".join(parts)


def _media(row: _Row) -> None:
    media = row.record.get("media")
    if not media:
        return
    media = media.removeprefix("media/")  # how our export names an image
    if _FILE_NAME.match(media) and not _URL.match(media):
        row.cells["image"] = media
        row.report("Media", f"Copy {media} into media/ (the file name is in the image column).")
    elif _URL.match(media):
        row.report("Media", f"media URL {media} must be downloaded into media/ and its file name put in the image "
                   "column.", f"Media: {media}")
    else:
        row.report("Media", "Media that is not a file name (embed code, a folder path) cannot be shown by the "
                   "exhibit; it is kept in notes.", f"Media: {media}")


def _one_cell_columns(row: _Row) -> None:
    for key, column in _ONE_CELL.items():
        row.cells[column] = html_to_line(row.record.get(key))


def _unmapped_columns(row: _Row) -> None:
    for key, reason in _NOT_MAPPED.items():
        value = row.record.get(key)
        if value:
            name = key.title()
            row.report(name, f"{name} '{value}' not imported: {reason}.", f"{name}: {value}")
    row.kept += [f"{key}: {value}" for key, value in row.record.cells.items() if key not in SHEET_KEYS and value]


_STEPS: tuple[Callable[[_Row], None], ...] = (_kind, _dates, _text, _media, _one_cell_columns, _unmapped_columns)
_SHEET_NAME = {"date": "Year", "title": "Headline", "text": "Text", "category": "Group", "image_alt": "Alt Text",
               "image_credit": "Media Credit"}


def _require(row: _Row) -> None:
    """Make the row a draft when it lacks what our contract requires for its kind."""
    cells, kind = row.cells, Kind(row.cells["kind"])
    needed = [c.name for c in COLUMNS if kind in c.required_for] + (["image_alt", "image_credit"]
                                                                     if cells["image"] else [])
    row.missing = [name for name in needed if not cells[name]]
    if not row.missing:
        return
    cells["status"] = Status.DRAFT
    others = [name for name in row.missing if name != "sources"]
    if others:  # no sources is the rule for TimelineJS rows, so it is counted in the summary, not listed per row
        row.report(_SHEET_NAME.get(others[0], others[0]), f"Imported as a draft: add {', '.join(others)} "
                   "before publishing.")
    row.kept.append(f"add {', '.join(row.missing)} before publishing")


def _unique_id(record: SheetRecord, cells: Mapping[str, str], taken: set[str]) -> str:
    """Our JSON export's unique_id when it is a valid id; otherwise year + headline slug, made unique (-2, -3)."""
    given = record.get("unique id")
    if ID_PATTERN.fullmatch(given) and given not in taken:
        taken.add(given)
        return given
    words = re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", cells["title"]).encode("ascii", "ignore")
                       .decode().lower())
    year = re.match(r"\d{4}", cells["date"])
    base = "-".join(([year[0]] if year else []) + words[:ID_WORDS]) or "entry"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate
