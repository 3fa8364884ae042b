"""Read the curator's events CSV without letting a library guess.

pandas turns ``NA`` into nothing and ``007`` into 7.0, and shifts every column when one row has an unquoted comma
(checked with pandas 3.1). This module reads with the ``csv`` module and checks everything itself, so each
cell reaches the validator as the text the curator typed (stripped of surrounding spaces), or not at all:

- A row with more or fewer cells than the header is reported (``field-count``) and **not returned**, so the
  validator never sees shifted data. Empty cells beyond the header (Excel writes ``,,,``) are ignored.
- A row whose cells are all empty is skipped silently but still counted: ``row`` is the number the spreadsheet shows.
- A column with a blank header cell is dropped (``column-blank`` if it holds values). Of two columns with the same
  name the first is returned (``column-duplicate`` makes the file unpublishable anyway). Unknown columns such as
  ``notes`` are returned in ``cells`` under the name as written: they are for curators and never shown.
- A cell starting with ``=``, ``+``, ``@``, or ``-`` followed by a letter or ``(`` is flagged as a possible formula;
  ``-1950`` and ``- a note`` are not.
- A cell of any length is read whole (``csv`` stops at 131,072 characters unless told otherwise); the validator
  holds each column to its own limit.
- ``csv`` in its default, lenient mode returns a short record when the file ends inside a quoted cell; strict mode
  raises instead, so we read strictly and turn that into ``file-truncated``, and text after a closing quote
  (``"a"b``) into ``quote-stray``. ``skipinitialspace`` lets a hand-typed ``a, "b, c"`` keep its quoted comma.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import BinaryIO

from timeline.dates import HistDate, parse_date
from timeline.encoding import decode_text
from timeline.problems import Problem, make_problem, quoted
from timeline.schema import COLUMN_NAMES, REQUIRED_HEADER, Kind, Status
from timeline.wording import counted


@dataclass(frozen=True)
class Record:
    """One non-blank row with exactly the header's cells."""

    row: int  # spreadsheet row: header = 1; blank rows count, as the spreadsheet shows them
    line: int  # text line where the record starts (later than row once a quoted cell spans lines)
    cells: Mapping[str, str]  # column name -> stripped text, otherwise verbatim ("NA", "007" stay text)


@dataclass(frozen=True)
class Table:
    """What a CSV file holds. ``encoding`` and ``delimiter`` are "" when the file could not be read as text."""

    columns: tuple[str, ...]  # canonical names for contract columns, others as written; blank header cells left out
    records: tuple[Record, ...]
    encoding: str  # "utf-8", "utf-8-sig" (with BOM) or "windows-1252"
    delimiter: str
    problems: tuple[Problem, ...]
    letters: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # column name -> "D"


# Files that are not CSV text at all, recognised by their first bytes.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the line ends csv reads; str.splitlines knows more (e.g. U+2028)
_VISIBLE = re.compile(r"\S")
_DELIMITER_NAMES = {";": "semicolons ';'", "\t": "tabs"}
_CANONICAL = {name.lower(): name for name in COLUMN_NAMES}
_FORMULA_START = r"[=+@]|-(?:[^\W\d_]|\()"  # -1950 is a year, "- note" a dash; -A1 and -(1) are formulas
_FORMULA = re.compile(_FORMULA_START)
_ANY_FORMULA = re.compile(rf"\0(?:{_FORMULA_START})")  # a formula start right after a cell boundary


def read_table(fp: BinaryIO) -> Table:
    """Read a CSV from a binary file object. Never raises for any bytes: every mistake is a Problem."""
    data = fp.read()
    text, encoding, problems = decode_text(data)
    if text is None:
        return Table((), (), "", "", tuple(problems))
    delimiter = _find_delimiter(text, problems)
    if delimiter is None:
        return Table((), (), encoding, "", tuple(problems))
    rows = _rows(text, delimiter, problems)
    first = next((item for item in rows if any(cell.strip() for cell in item[2])), None)
    if first is None:
        problems.append(make_problem("file-empty", "The file has only empty cells: there is no header row."))
        return Table((), (), encoding, delimiter, tuple(problems))
    header = _Header.read(*first, problems)
    records = _read_records(rows, header, problems)
    if not records and not any(p.row and p.row > first[0] for p in problems):
        problems.append(make_problem("file-empty", f"The file has a header row but no entries: nothing is below "
                                     f"row {first[0]}.", "Add entries below the header, or restore the file from a "
                                     "backup."))
    problems.sort(key=lambda p: p.row or 0)
    return Table(header.columns, tuple(records), encoding, delimiter, tuple(problems),
                 MappingProxyType(header.letters))


def column_letter(index: int) -> str:
    """The spreadsheet's name for a 0-based column position: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _where(name: str, letters: Mapping[str, str]) -> str:
    return f"column {letters[name]}, '{name}'"


# --- text to rows ----------------------------------------------------------------------------------------------


def _find_delimiter(text: str, problems: list[Problem]) -> str | None:
    """Comma is the contract; regional Excel writes ';' and "Text (Tab delimited)" tabs, which we read but flag."""
    first = _VISIBLE.search(text)
    start = max(text.rfind("\n", 0, first.start()), text.rfind("\r", 0, first.start())) + 1 if first else 0
    header = _LINE_BREAK.split(text[start:start + 10_000], maxsplit=1)[0]
    if "," in header:
        return ","
    delimiter = max(";\t", key=header.count)
    if delimiter in header:
        name = _DELIMITER_NAMES[delimiter]
        problems.append(make_problem("delimiter", f"The header row separates its columns with {name}, not commas; "
                                     f"the file was read with {name}."))
        return delimiter
    problems.append(make_problem("delimiter-unknown", "The header row has no commas, semicolons or tabs between "
                                 f"column names; it reads {quoted(header, 60)}."))
    return None


def _rows(text: str, delimiter: str, problems: list[Problem]) -> Iterator[tuple[int, int, list[str]]]:
    """Yield (spreadsheet row, start line, fields) for every record, blank ones too; quote errors become problems."""
    # csv refuses a cell over its process-wide limit (131,072 characters by default) and cannot go on after it; no
    # cell can be longer than the whole text, so the limit is raised to that and each column's own limit is
    # checked by the validator, which names the cell.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True, skipinitialspace=True)
    row, lines = 0, []
    while True:
        row, line = row + 1, reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if str(error).startswith("unexpected end of data"):
                problems.append(make_problem(
                    "file-truncated", f"Row {row}{_on_line(row, line)} opens a quoted cell that is not closed before "
                    "the end of the file: the file was cut off, or a \" is missing.", row=row, line=_line(row, line)))
                return  # the rest of the file is inside the open quote
            lines = lines or _LINE_BREAK.split(text)  # split only once, and only for a file with this mistake
            bad = lines[reader.line_num - 1] if 0 < reader.line_num <= len(lines) else ""
            problems.append(make_problem(
                "quote-stray", f"Row {row} has text after the closing quote of a quoted cell on line "
                f"{reader.line_num}: {quoted(bad, 80)}. The row was not read.", row=row, line=_line(row, line)))
            continue  # csv drops the rest of the bad line and goes on with the next
        yield row, line, fields


# --- rows to a table -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Header:
    names: tuple[str, ...]  # per position up to the last named one; "" for a blank header cell
    keep: tuple[int, ...]  # positions returned in cells: named, first of duplicates
    letters: dict[str, str]

    @property
    def width(self) -> int:
        return len(self.names)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self.names[i] for i in self.keep)

    @classmethod
    def read(cls, row: int, line: int, fields: list[str], problems: list[Problem]) -> _Header:
        """Match names to the contract ignoring case, spaces and a BOM; report duplicates, unknown and missing ones."""
        names = [cell.strip().strip("\ufeff").strip() for cell in fields]
        names = [_CANONICAL.get(name.lower(), name) for name in names]
        names = names[:max((i + 1 for i, name in enumerate(names) if name), default=0)]
        keep: list[int] = []
        letters: dict[str, str] = {}
        for i, name in enumerate(names):
            if not name:
                continue
            if name in letters:
                problems.append(make_problem("column-duplicate", f"Columns {letters[name]} and {column_letter(i)} "
                                             f"are both named '{name}' in the header row.", row=row, column=name))
                continue
            keep.append(i)
            letters[name] = column_letter(i)
            if name not in _CANONICAL.values():
                problems.append(_unknown_column(name, letters[name], row))
        for name in REQUIRED_HEADER:
            if name not in letters:
                problems.append(make_problem("column-missing", f"The header row (row {row}) has no '{name}' column, "
                                             "which every entry needs.", row=row, column=name))
        return cls(tuple(names), tuple(keep), letters)


def _unknown_column(name: str, letter: str, row: int) -> Problem:
    close = difflib.get_close_matches(name.lower(), COLUMN_NAMES, n=1)
    guess = f" Did you mean '{close[0]}'?" if close else ""
    return make_problem("column-unknown", f"Column {letter}, '{name}', is not one of the exhibit's columns: it is kept "
                        f"for curators and never shown.{guess}", row=row, column=name)


def _read_records(rows: Iterator[tuple[int, int, list[str]]], header: _Header, problems: list[Problem]) -> list[Record]:
    """Records whose cells fit the header; the hot loop, so per cell only strip and a first-character test."""
    names, keep, width = header.columns, header.keep, header.width
    every_position = keep == tuple(range(width))
    blanks = [i for i in range(width) if not header.names[i]]
    blank_values: dict[int, tuple[int, str]] = {}
    records: list[Record] = []
    for row, line, fields in rows:
        if len(fields) != width:
            fields = _fit(fields, header, row, line, problems)
            if fields is None:
                continue
        cells = list(map(str.strip, fields))
        if not any(cells):
            continue
        for i in blanks:
            if cells[i] and i not in blank_values:
                blank_values[i] = (row, cells[i])
        values = cells if every_position else [cells[i] for i in keep]
        if _ANY_FORMULA.search("\0" + "\0".join(values)):  # one C-speed scan per row; NUL never reaches here
            problems.extend(_formula_problems(row, line, names, values, header.letters))
        records.append(Record(row, line, MappingProxyType(dict(zip(names, values, strict=True)))))
    for i, (row, value) in blank_values.items():
        problems.append(make_problem("column-blank", f"Column {column_letter(i)} has no name in the header row but "
                                     f"has values below it, first in row {row}: {quoted(value)}.", value=value,
                                     row=row))
    return records


def _formula_problems(row: int, line: int, names: tuple[str, ...], values: list[str],
                      letters: Mapping[str, str]) -> list[Problem]:
    return [make_problem("formula", f"Row {row}, {_where(name, letters)} starts like a spreadsheet formula: "
                         f"{quoted(cell)}.", row=row, column=name, value=cell, line=_line(row, line))
            for name, cell in zip(names, values, strict=True) if _FORMULA.match(cell)]


def _fit(fields: list[str], header: _Header, row: int, line: int, problems: list[Problem]) -> list[str] | None:
    """Cut empty cells beyond the header; report a row with too many or too few cells (None: not returned)."""
    if not any(cell.strip() for cell in fields):
        return None
    width = header.width
    extra = [cell.strip() for cell in fields[width:]]
    if len(fields) > width and not any(extra):
        return fields[:width]
    found = f"Row {row} has {counted(len(fields), 'cell')} but the header has {width}"
    if extra:
        shown = ", ".join(quoted(cell, 40) for cell in extra if cell)
        detail = f"{found}: beyond column {column_letter(width - 1)} it holds {shown}"
        hint = "Put a cell that contains a comma in double quotes, or remove the extra cells."
        if (at := _comma_cell(fields, header)) is not None:
            # csv dropped the space after each comma (skipinitialspace); a thousands separator never had one
            joined = fields[at] + "".join(("," if cell[:1].isdigit() else ", ") + cell
                                          for cell in fields[at + 1:at + len(fields) - width + 1])
            detail += (f". Most likely the comma is in {_column(at, header)}, whose text reads on in the next cell: "
                       f"{quoted(joined, 80)}")
            hint = f"Put the whole of {_column(at, header)} in double quotes: \"{' '.join(joined.split())[:60]}\"."
    else:
        first, last = len(fields), width - 1
        span = _column(first, header) + ("" if first == last else f" to {_column(last, header)}")
        detail = f"{found}: the cells for {span} are missing"
        hint = "Add the missing cells (they may be empty) or save the file again from the spreadsheet."
    problems.append(make_problem("field-count", f"{detail}. The row was not read, so nothing in it is shifted.",
                                 hint, row=row, line=_line(row, line), value=", ".join(cell for cell in extra if cell)))
    return None


# Columns whose values have a shape, so a row shifted by an unquoted comma shows where its cells moved.
_SHAPES: dict[str, Callable[[str], bool]] = {
    "kind": lambda value: value.lower() in ("", *Kind),
    "status": lambda value: value.lower() in ("", *Status),
    "date": lambda value: not value or isinstance(parse_date(value), HistDate),
    "end_date": lambda value: not value or isinstance(parse_date(value), HistDate),
}


def _comma_cell(fields: list[str], header: _Header) -> int | None:
    """The position of the cell that most likely holds the unquoted comma(s) of a row with too many cells, or None.

    Joining that cell with the cells after it must give every shaped column (kind, status, dates) a value of its
    shape, at least as well as joining anywhere else; and each cell joined onto it must read on from it (start
    with a small letter or a digit: ", and nurses", "1,000"). Only a single such position is named.
    """
    spill = len(fields) - header.width
    ranked: list[tuple[int, int]] = []
    for at in range(header.width):
        if not all(_reads_on(cell) for cell in fields[at + 1:at + spill + 1]):
            continue
        joined = [*fields[:at], ",".join(fields[at:at + spill + 1]), *fields[at + spill + 1:]]
        ranked.append((sum(_SHAPES[name](value.strip()) for name, value in zip(header.names, joined, strict=True)
                           if name in _SHAPES), at))
    best = max((score for score, _ in ranked), default=-1)
    found = [at for score, at in ranked if score == best]
    return found[0] if len(found) == 1 and best == sum(name in _SHAPES for name in header.names) else None


def _reads_on(cell: str) -> bool:
    first = cell.lstrip()[:1]
    return first.islower() or first.isdigit()


def _column(index: int, header: _Header) -> str:
    name = header.names[index]
    return f"column {column_letter(index)}" + (f" ('{name}')" if name else "")


def _on_line(row: int, line: int) -> str:
    return f" (line {line})" if line != row else ""


def _line(row: int, line: int) -> int | None:
    """Problems name the text line only where it differs from the row (see Problem)."""
    return line if line != row else None
