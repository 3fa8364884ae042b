"""Problems found in curator files, as values.

Every problem the project can report has a stable code declared once in
``PROBLEM_TYPES``. The checker, the curator guide and the tests are all
derived from (or tested against) that table, so a new kind of mistake is
added here first, with the advice a curator needs to fix it.

Nothing in the core prints or raises for a curator mistake: readers and
validators return ``Problem`` values and the command line turns them into
text and an exit status.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """Errors make a file unpublishable; warnings never do."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class ProblemType:
    """One kind of problem: what it means and how a curator fixes it (used by docs)."""

    code: str
    severity: Severity
    meaning: str
    fix: str


E, W = Severity.ERROR, Severity.WARNING

_TYPES = (
    # --- the file as a whole (reader) ---
    ProblemType("file-missing", E, "The events file does not exist at the configured path.",
                "Check the path, or set TIMELINE_DATA to the right file."),
    ProblemType("file-unreadable", E, "The file exists but could not be opened (permissions, a folder, a lock).",
                "Close the file in other programs and check it is a file you may read."),
    ProblemType("file-empty", E, "The file has no header row or no entries.",
                "Restore the file from a backup or the template (`python -m timeline template`)."),
    ProblemType("file-binary", E, "The file contains NUL bytes or other binary data, so it is not a text CSV.",
                "Open it in Excel or LibreOffice and save it again as \"CSV UTF-8 (Comma delimited)\"."),
    ProblemType("file-workbook", E, "The file is an Excel or LibreOffice workbook saved under a .csv name.",
                "Use File > Save As and choose \"CSV UTF-8 (Comma delimited) (*.csv)\"."),
    ProblemType("file-truncated", E, "The file ends inside a quoted cell: it was cut off or a quote is unbalanced.",
                "Check the last row named; close the quote or save the file again completely."),
    ProblemType("quote-stray", E, "A quoted cell has more text after its closing quote, so its quotes do not pair up.",
                "Inside a quoted cell write each \" as two (\"\"), or retype the cell in the spreadsheet and save."),
    ProblemType("encoding-utf16", E, "The file is UTF-16 (Excel's \"Unicode Text\"), which this exhibit does not read.",
                "Save it again as \"CSV UTF-8 (Comma delimited)\"."),
    ProblemType("encoding-unknown", E, "The file is neither UTF-8 nor Windows-1252 text.",
                "Save it again as \"CSV UTF-8 (Comma delimited)\"."),
    ProblemType("encoding-windows-1252", W, "The file was read as Windows-1252 (older Excel \"CSV\"), not UTF-8.",
                "Check accented letters and curly quotes look right, then save as \"CSV UTF-8\" next time."),
    ProblemType("delimiter", W, "The cells are separated by semicolons or tabs instead of commas.",
                "Save as \"CSV UTF-8 (Comma delimited)\"; regional Excel settings may use ';'."),
    ProblemType("delimiter-unknown", E, "No comma, semicolon or tab separates the header's columns.",
                "Save the sheet as \"CSV UTF-8 (Comma delimited)\" with the header row first."),
    ProblemType("column-missing", E, "A required column is not in the header row.",
                "Add the column with exactly the name given (see the column table)."),
    ProblemType("column-duplicate", E, "Two header cells have the same name, so it is unclear which to use.",
                "Delete or rename one of the two columns."),
    ProblemType("column-unknown", W, "A header cell is not one of the exhibit's columns; it is kept for curators only.",
                "Fine for notes; otherwise check the spelling against the column table."),
    ProblemType("column-blank", E, "A header cell is empty but the column below it has values.",
                "Give the column a name from the column table, or delete it."),
    ProblemType("field-count", E, "A row has more or fewer cells than the header, usually an unquoted comma; the "
                "message names the cell that most likely holds it when it can tell.",
                "Put the cell in double quotes, or remove the extra comma or cell."),
    ProblemType("formula", W, "A cell starts like a spreadsheet formula (=, +, -, @).",
                "Type the value as text; a leading ' in Excel stops it being a formula."),
    # --- one entry (validation) ---
    ProblemType("value-required", E, "A required cell is empty for this kind of entry.",
                "Fill in the cell; see the column table for what each kind needs."),
    ProblemType("draft-incomplete", W, "A draft entry lacks a value it will need before it can be published.",
                "Fill in the cell before changing status to published."),
    ProblemType("id-format", E, "An id may use only lowercase letters a-z, digits 0-9 and hyphens.",
                "Rewrite the id, e.g. 'homer-phillips-opens'; it appears in links, so keep it stable."),
    ProblemType("id-reserved", E, "The id is a device name Windows reserves (con, prn, aux, nul, com0-com9, "
                "lpt0-lpt9), so no file or folder can have it on Windows or a Windows file share.",
                "Add a word to the id, e.g. 'con-1950'."),
    ProblemType("id-duplicate", E, "Two rows share one id.",
                "Give one of the rows a new id; the message names the row that used it first."),
    ProblemType("kind-value", E, "The kind is not one of event, quote or era.",
                "Use event, quote or era (or leave it empty for event)."),
    ProblemType("status-value", E, "The status is not published or draft.",
                "Use published or draft (or leave it empty for published)."),
    ProblemType("featured-value", E, "The featured cell is not yes or no.",
                "Use yes to show the entry on the kiosk's attract screen, or leave it empty."),
    ProblemType("title-too-long", E, "The title is longer than 120 characters.",
                "Shorten the title; move detail into the text."),
    ProblemType("value-too-long", E, "A cell is longer than its column allows (the column table gives each limit).",
                "Shorten the cell; the message says what belongs in the column. A very long cell is often text "
                "pasted into the wrong cell, or several cells run together by a missing quote."),
    ProblemType("text-long", W, "The text is long for a wall-side screen.",
                "Consider shortening it; visitors read a few short paragraphs."),
    ProblemType("category-unknown", W, "The category is not listed in the exhibit settings.",
                "Check its spelling, or add it to the categories in data/exhibit.toml."),
    ProblemType("date-unrecognised", E, "The date is not in a form the exhibit understands.",
                "Write it as 1947, 1947-09, 1947-09-15, 1947~, c. 1947, 1940s or 1945/1966."),
    ProblemType("date-ambiguous", E, "A date like 03/04/1950 could mean March or April.",
                "Write it as year-month-day, e.g. 1950-04-03."),
    ProblemType("date-impossible", E, "The month or day does not exist (for example 30 February).",
                "Check the date against the source."),
    ProblemType("date-excel-serial", E, "Excel turned the date into a serial number.",
                "Format the column as Text in Excel, then type the date again."),
    ProblemType("date-excel-artefact", E, "Excel changed the date into something else (1947.0, #VALUE!, Sep-47).",
                "Format the column as Text in Excel, then type the date again."),
    ProblemType("date-span-reversed", E, "A span ends before it starts.",
                "Swap the start and end, or check them against the source."),
    ProblemType("era-without-end", E, "An era needs both a start and an end to be drawn as a band.",
                "Give the era an end_date, or write the date as an interval such as 1937/1955."),
    ProblemType("related-unknown", E, "A related id does not match any entry's id.",
                "Check the spelling of the id, or remove it from related."),
    ProblemType("related-repeated", W, "A related cell names the same id more than once.",
                "Delete the repeats; the entry is shown once among the related entries either way."),
    ProblemType("link-scheme", E, "A link is not an http:// or https:// address.",
                "Use a full web address starting with https://, or cite the archive reference as text."),
    ProblemType("link-unrendered", W, "Something written as a link cannot become one, so visitors see it as typed.",
                "Write a link as [label](https://example.org), and a source's address alone, without spaces."),
    ProblemType("text-picture", W, "The text holds a picture written as ![description](address); visitors see it "
                "as typed, because pictures come from the image column.",
                "Put the picture in media/ and its file name in the image column (with image_alt and image_credit), "
                "and delete the ![...](...) from the text."),
    ProblemType("image-path", E, "The image must be a plain file name inside the media folder.",
                "Put the file in media/ and write just its name, e.g. hgp-1937.jpg."),
    ProblemType("image-missing", W, "The image file named is not in the media folder; visitors see a placeholder card.",
                "Copy the file into media/, or correct the name (it is case-sensitive)."),
    ProblemType("image-unreadable", E, "The image file is damaged, cut off or not an image.",
                "Export the image again as JPEG or PNG and replace the file."),
    ProblemType("image-format", E, "The image is not a raster format the exhibit can show (for example SVG or PDF).",
                "Export it as JPEG or PNG."),
    ProblemType("image-too-large", E, "The image has too many pixels to process safely.",
                "Make a copy at most 8,000 pixels on its long side and use that."),
    # --- narration: the pronunciation file and recorded narration (python -m timeline check) ---
    ProblemType("pronunciation-header", E, "The pronunciation file's header row lacks the word or say column.",
                "Make the first row read word,say: the word as written, then how to say it."),
    ProblemType("pronunciation-value", E, "A row of the pronunciation file has an empty word or say cell.",
                "Fill in both cells, or delete the row."),
    ProblemType("pronunciation-repeated", E, "The pronunciation file lists the same word twice (case aside).",
                "Keep one row for the word and delete the other."),
    ProblemType("audio-format", E, "A recorded narration in media/audio/ is not a WAV, Ogg Opus or MP3 file, or "
                "is damaged.", "Export the recording again as MP3, WAV or Ogg Opus, named by the entry's id."),
    ProblemType("audio-duration", E, "A recorded narration is shorter than a second or longer than 20 minutes.",
                "Check that the right file was exported, whole; split a very long reading into shorter entries."),
    ProblemType("audio-captions", E, "The captions (.vtt) beside a recorded narration are not valid WebVTT, or "
                "outlast the recording.", "Fix the line named (times as 00:01.500 --> 00:04.000, in order), or "
                "delete the .vtt: the recording then plays without captions."),
    ProblemType("audio-unused", W, "A file in media/audio/ is not named by the id of any entry, so no entry uses it.",
                "Rename it to the entry's id (e.g. homer-phillips-opens.mp3), or remove it."),
)

PROBLEM_TYPES: dict[str, ProblemType] = {t.code: t for t in _TYPES}


@dataclass(frozen=True)
class Finding:
    """A problem not yet placed in a file: what a date parser or image check knows."""

    code: str
    message: str
    hint: str

    def at(self, row: int | None, column: str | None, value: str = "", line: int | None = None) -> Problem:
        return make_problem(self.code, self.message, self.hint, row=row, column=column, value=value, line=line)


@dataclass(frozen=True)
class Problem:
    """One problem, pointing at the cell a curator sees.

    ``row`` is the spreadsheet row (header = 1, counting records, not text
    lines); ``line`` is the text line where a quoted cell spans lines and
    the two differ. Both are ``None`` for problems with the whole file.
    """

    code: str
    severity: Severity
    message: str
    hint: str
    row: int | None = None
    column: str | None = None
    value: str = ""
    line: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def make_problem(code: str, message: str, hint: str | None = None, *, row: int | None = None,
                 column: str | None = None, value: str = "", line: int | None = None) -> Problem:
    """Build a Problem whose severity (and default hint) come from the code's declaration."""
    kind = PROBLEM_TYPES[code]
    return Problem(code, kind.severity, message, hint or kind.fix, row, column, value, line)


def has_errors(problems: tuple[Problem, ...] | list[Problem]) -> bool:
    return any(p.is_error for p in problems)


def quoted(value: str, limit: int = 60) -> str:
    """A value as messages show it: on one line, in quotes, shortened."""
    flat = " ".join(value.split())
    return f"'{flat[:limit]}…'" if len(flat) > limit else f"'{flat}'"


def format_location(problem: Problem, path: str) -> str:
    """``PATH:ROW: COLUMN`` as curators and editors expect it; parts that do not apply are left out.

    A problem with the whole file that knows its text line (a NUL byte, a stray byte) is ``PATH:LINE``, which
    editors jump to; a row's problem keeps the spreadsheet's row and adds the line in the message (see Problem).
    """
    number = problem.row if problem.row is not None else problem.line
    where = path if number is None else f"{path}:{number}"
    if problem.column:
        where += f": {problem.column}"
    return where


def format_problem(problem: Problem, path: str) -> str:
    """One problem as two lines: where and what, then how to fix it. Used by the checker and curator mode."""
    line = f" (line {problem.line})" if problem.line is not None and problem.row is not None else ""
    return (f"{format_location(problem, path)}: {problem.severity}: {problem.message}{line} [{problem.code}]\n"
            f"    fix: {problem.hint}")
