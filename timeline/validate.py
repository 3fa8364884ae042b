"""Turn a read table into Entries, collecting every problem at once.

Rules are applied per record and then across records (unique ids, related
ids). A row with an error produces no Entry, so visitors never see a half-
understood row; a draft may be incomplete (its gaps are warnings) but is
only placed on the timeline once it has a date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from timeline.dates import HistDate, make_span, parse_date
from timeline.problems import Finding, Problem, make_problem
from timeline.reader import Record, Table
from timeline.richtext import images, is_web_address, looks_like_address, unlinked
from timeline.schema import COLUMN_NAMES, COLUMNS, COLUMNS_BY_NAME, TEXT_LONG, Entry, Kind, Status, split_list
from timeline.wording import counted

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Device names Windows reserves in every folder: entries/con/ cannot be made on Windows or on a Windows (SMB) share,
# where a museum may build its site, so an id that could only be published on some machines is refused everywhere.
RESERVED_IDS = frozenset({"con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(10))})
FEATURED_VALUES = {"": False, "yes": True, "no": False}
MAX_VALUE_SHOWN = 80
_LIMITED = tuple(column for column in COLUMNS if column.max_chars)
_TOO_LONG_CODES = {"title": "title-too-long"}  # the title's code is older than the other columns' limits

ImageCheck = Callable[[str], Finding | None]
"""Checks an image cell (a file name) against the media folder; None when it is fine."""


@dataclass
class _RowState:
    """What one record's checks have found so far."""

    record: Record
    kind: Kind = Kind.EVENT
    status: Status = Status.PUBLISHED
    problems: list[Problem] = field(default_factory=list)

    def cell(self, name: str) -> str:
        return self.record.cells.get(name, "")

    def report(self, code: str, column: str, message: str, hint: str | None = None) -> None:
        self.problems.append(make_problem(code, message, hint, row=self.record.row, column=column,
                                          value=_shortened(self.cell(column)), line=self._line()))

    def place(self, finding: Finding, column: str) -> None:
        self.problems.append(finding.at(self.record.row, column, self.cell(column), self._line()))

    def _line(self) -> int | None:
        return self.record.line if self.record.line != self.record.row else None

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


def validate_table(table: Table, check_image: ImageCheck | None = None,
                   categories: Sequence[str] = ()) -> tuple[tuple[Entry, ...], tuple[Problem, ...]]:
    """Entries that passed, and every problem in the table (file-level ones first)."""
    problems: list[Problem] = list(table.problems)
    entries: list[Entry] = []
    first_row_of: dict[str, int] = {}
    known_categories = frozenset(categories)
    for record in table.records:
        state = _RowState(record)
        entry = _check_record(state, check_image, known_categories)
        _check_unique_id(state, first_row_of)
        problems.extend(state.problems)
        if entry is not None and not state.has_errors:
            entries.append(entry)
    problems.extend(_check_related(table.records, first_row_of))
    return tuple(entries), tuple(problems)


def _check_record(state: _RowState, check_image: ImageCheck | None,
                  known_categories: frozenset[str]) -> Entry | None:
    _check_choices(state)
    _check_id(state)
    _check_required(state)
    date = _check_dates(state)
    _check_lengths(state)
    _check_links(state)
    if check_image is not None and state.cell("image"):
        finding = check_image(state.cell("image"))
        if finding is not None:
            state.place(finding, "image")
    category = state.cell("category")
    if known_categories and category and category not in known_categories:
        state.report("category-unknown", "category", f"The category {_quoted(category)} is not in the exhibit "
                     "settings, so it gets its own lane and a neutral colour.")
    if date is None or not state.cell("id") or not state.cell("title"):
        return None
    return _entry_from(state, date)


def _check_choices(state: _RowState) -> None:
    kind = state.cell("kind").lower() or Kind.EVENT
    if kind in Kind.__members__.values():
        state.kind = Kind(kind)
    else:
        state.report("kind-value", "kind", f"The kind {_quoted(state.cell('kind'))} is not event, quote or era.")
    status = state.cell("status").lower() or Status.PUBLISHED
    if status in Status.__members__.values():
        state.status = Status(status)
    else:
        state.report("status-value", "status",
                     f"The status {_quoted(state.cell('status'))} is not published or draft.")
    if state.cell("featured").lower() not in FEATURED_VALUES:
        state.report("featured-value", "featured",
                     f"The featured value {_quoted(state.cell('featured'))} is not yes or no.")


def _check_id(state: _RowState) -> None:
    value = state.cell("id")
    if value and not ID_PATTERN.fullmatch(value):
        suggestion = "-".join(re.findall(r"[a-z0-9]+", value.lower())) or "event-1947"
        state.report("id-format", "id", f"The id {_quoted(value)} may use only a-z, 0-9 and single hyphens.",
                     f"Use an id such as {_quoted(suggestion)}; ids appear in links, so keep them stable once "
                     "published.")
    elif value in RESERVED_IDS:
        year = state.cell("date")[:4]
        state.report("id-reserved", "id", f"The id “{value}” is a device name Windows reserves, so the entry's "
                     f"folder (entries/{value}/) cannot be made on Windows or on a Windows file share.",
                     f"Add a word to the id, e.g. “{value}-{year if year.isdigit() else 'entry'}”.")


def _check_unique_id(state: _RowState, first_row_of: dict[str, int]) -> None:
    value = state.cell("id")
    if not value:
        return
    if value in first_row_of:
        state.report("id-duplicate", "id", f"The id {_quoted(value)} is already used in row {first_row_of[value]}.",
                     f"Give this row a new id; row {first_row_of[value]} keeps {_quoted(value)}.")
    else:
        first_row_of[value] = state.record.row


def _check_required(state: _RowState) -> None:
    needed = [c.name for c in COLUMNS if state.kind in c.required_for]
    if state.cell("image"):
        needed += ["image_alt", "image_credit"]
    for name in needed:
        if state.cell(name):
            continue
        image_column = name in ("image_alt", "image_credit")
        reason = "with an image" if image_column else f"for a{_article(state.kind)} {state.kind}"
        if state.status is Status.DRAFT:
            state.report("draft-incomplete", name, f"This draft has no {name}; it is required {reason} "
                         "before the entry can be published.")
        else:
            state.report("value-required", name, f"The {name} is required {reason} but the cell is empty.",
                         f"Fill in {name} ({_column_help(name)}), or set status to draft while you work on it.")


def _check_dates(state: _RowState) -> HistDate | None:
    start_text, end_text = state.cell("date"), state.cell("end_date")
    if not start_text or _too_long(start_text, "date") or _too_long(end_text, "end_date"):
        return None  # a cell longer than any date is named by _check_lengths, not quoted whole by the date parser
    start = parse_date(start_text)
    if isinstance(start, Finding):
        state.place(start, "date")
        return None
    if end_text:
        end = parse_date(end_text)
        if isinstance(end, Finding):
            state.place(end, "end_date")
            return None
        start = make_span(start, end)
        if isinstance(start, Finding):
            state.place(start, "end_date")
            return None
    if state.kind is Kind.ERA and not start.is_span:
        state.report("era-without-end", "date",
                     f"The era {_quoted(state.cell('title'))} starts at {start.label} but has no end.")
        return None
    return start


def _check_lengths(state: _RowState) -> None:
    """Each column's own limit (schema.COLUMNS); a cell far longer than any entry needs is usually text pasted into
    the wrong cell, or several cells run together by a missing quote."""
    for column in _LIMITED:
        length = len(state.cell(column.name))
        if length > column.max_chars:
            state.report(_TOO_LONG_CODES.get(column.name, "value-too-long"), column.name,
                         f"The {column.name} has {length:,} characters; the limit for {column.name} is "
                         f"{column.max_chars:,}.", column.too_long)
    text = state.cell("text")
    if TEXT_LONG < len(text) <= COLUMNS_BY_NAME["text"].max_chars:
        state.report("text-long", "text", f"The text has {len(text):,} characters; visitors at the wall read about "
                     f"{TEXT_LONG:,} at most.")


def _too_long(value: str, column: str) -> bool:
    return len(value) > COLUMNS_BY_NAME[column].max_chars


def _check_links(state: _RowState) -> None:
    """Name each citation and text link that visitors would see as typed instead of as a link.

    The text is asked of the renderer itself (richtext.unlinked), so the checker and the page cannot disagree.
    """
    for part in split_list(state.cell("sources")):
        if looks_like_address(part) and not is_web_address(part):
            _report_unlinked(state, "sources", f"The source “{part[:60]}”", part)
    for item in unlinked(state.cell("text")):
        if item.address:
            _report_unlinked(state, "text", f"The link “{item.address[:60]}” in the text", item.address)
        else:
            state.report("link-unrendered", "text", f"“{item.written}” in the text looks like a link, but its "
                         "brackets do not form one, so visitors see it as typed.",
                         "Write a link as [label](https://example.org): the label in square brackets, then the "
                         "address in parentheses right after it, with nothing in between.")
    for written in images(state.cell("text")):
        state.report("text-picture", "text", f"{_quoted(written)} in the text is written as a picture; the text shows "
                     "it as typed, because pictures come from the image column.")


def _report_unlinked(state: _RowState, column: str, what: str, address: str) -> None:
    if address.lower().startswith(("http:", "https:")):
        state.report("link-unrendered", column, f"{what} starts like a web address but is not one, so visitors see "
                     "it as typed.", "A web address has a host with a dot (example.org) and no spaces: put the address "
                     "alone, and any other words in a separate source or outside the link.")
    else:
        state.report("link-scheme", column, f"{what} is not an http(s) address.", _link_hint(address))


def _link_hint(target: str) -> str:
    if target.lower().startswith("www."):
        return f"Write the full address: https://{target[:60]}"
    return "Only web addresses starting with https:// (or http://) can be links; cite other sources as plain text."


def _related_ids(cell: str) -> tuple[str, ...]:
    """The ids of a related cell, each once: the entry view keys one button per id."""
    return tuple(dict.fromkeys(split_list(cell)))


def _check_related(records: Iterable[Record], first_row_of: Mapping[str, int]) -> list[Problem]:
    problems = []
    for record in records:
        cell = record.cells.get("related", "")
        line = record.line if record.line != record.row else None
        named = split_list(cell)
        for target in _related_ids(cell):
            if target not in first_row_of:
                problems.append(make_problem(
                    "related-unknown", f"The related id {_quoted(target)} does not match any entry's id.",
                    row=record.row, column="related", value=_shortened(target), line=line))
            if (times := named.count(target)) > 1:
                problems.append(make_problem(
                    "related-repeated",
                    f"The related id {_quoted(target)} is listed {counted(times, 'time')}; it is shown once.",
                    f"Delete the repeats of {_quoted(target)} from related.", row=record.row, column="related",
                    value=_shortened(target), line=line))
    return problems


def _entry_from(state: _RowState, date: HistDate) -> Entry:
    cell = state.cell
    extra = {k: v for k, v in state.record.cells.items() if k not in COLUMN_NAMES and v}
    return Entry(
        id=cell("id"), kind=state.kind, date=date, title=cell("title"), row=state.record.row, text=cell("text"),
        display_date=cell("display_date"), attribution=cell("attribution"), category=cell("category"),
        themes=split_list(cell("themes")), people=split_list(cell("people")), place=cell("place"),
        image=cell("image"), image_alt=cell("image_alt"), image_caption=cell("image_caption"),
        image_credit=cell("image_credit"), image_description=cell("image_description"),
        content_note=cell("content_note"), sources=split_list(cell("sources")), related=_related_ids(cell("related")),
        featured=FEATURED_VALUES.get(cell("featured").lower(), False), status=state.status, extra=extra,
    )


def _shortened(value: str) -> str:
    """A cell's value as problems show it: whole when short, else cut (a cell may hold a whole pasted page)."""
    return value if len(value) <= MAX_VALUE_SHOWN else value[: MAX_VALUE_SHOWN - 1] + "…"


def _quoted(value: str) -> str:
    return f"“{_shortened(value)}”"


def _article(kind: Kind) -> str:
    return "n" if kind is Kind.EVENT or kind is Kind.ERA else ""


def _column_help(name: str) -> str:
    return next(c.meaning for c in COLUMNS if c.name == name).rstrip(".")
