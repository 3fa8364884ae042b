"""Historical dates as their own type, and the parser for what curators type.

``datetime`` cannot say "the 1940s" or "about 1947", so a ``HistDate`` keeps a
year, an optional month and day, a precision, an approximate flag and an
optional end. It is placed on a numeric year axis (``start_year`` to
``end_year``) and written back as EDTF, the archival standard.

``parse_date`` reads a cell through two tables of (regex, builder) forms:
whole-cell forms first (mostly Excel damage and day/month orders that need a
precise rejection), then point forms for each end of a span. It never raises
for curator text; a problem comes back as a ``Finding``. A cell longer than
``DATE_MAX_CHARS`` is refused before any form is tried, and qualifier words
("early early 1947") are taken off in a loop, so no cell can exhaust the stack.

The EDTF it reads (Library of Congress EDTF, ISO 8601-2), exactly:

- Level 0: ``1947``, ``1947-09``, ``1947-09-15`` and intervals of them, ``1947/1955``. Not times of day.
- Level 1, read: approximate ``~`` (``1947~``, ``1947-09~``, on either end of an interval); unspecified digits
  at the end of a year, ``194X`` (a decade), ``19XX`` (1900–1999) and ``1XXX`` (1000–1999); an unspecified month
  or day, ``1947-XX`` (the year), ``1947-XX-XX`` (the year), ``1947-09-XX`` (the month); seasons 21–24, read as
  approximate spans of months: spring ``1947-21`` March–May 1947, summer ``-22`` June–August, autumn ``-23``
  September–November, winter ``-24`` December 1947–February 1948 (EDTF orders a year's seasons spring to winter,
  so winter starts at that year's end).
- Level 1, refused with a reason: uncertain ``?`` and ``%`` (the timeline draws no uncertainty: write ``~``);
  open (``1947/..``) and unknown (``1947/``) interval ends (nothing to draw the end at: give the end, or only
  the start); years beyond four digits (``Y170000``) and negative years, outside the years the exhibit shows
  (``-1947`` is read as a span without its start, which is what a curator typing it means).
- Level 2 (seasons 25–41, sets, digits unspecified inside a year, qualifiers per part): refused.

The PyPI ``edtf`` package (ixc/python-edtf, 5.0.2, maintained) was considered for the strict layer and not used:
its pyparsing grammar took about 28 ms a date here (a 10,000-entry check must take under a second), it raises
TypeError for open ends, reads an unknown end ``1947/`` as ten years, and winter as December alone; and its
ParseException cannot say which number is wrong, which our messages do.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from functools import cached_property, lru_cache

from timeline.problems import PROBLEM_TYPES, Finding

FIRST_YEAR, LAST_YEAR = 1000, 2999
DATE_MAX_CHARS = 100  # the longest friendly form, "approximately 15 September 1947 to approximately 30 ...", is 67
DATE_SHOWN_CHARS = 30  # how much of a longer cell a message quotes
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    DECADE = "decade"


@dataclass(frozen=True)
class HistDate:
    """A date as precise as the source: a day, a month, a year or a decade, perhaps approximate, perhaps a span.

    A decade keeps its first year (1940 for the 1940s). A span's ``approximate`` flag covers the whole span, so
    its ``end`` is never approximate and has no end of its own. Inconsistent fields raise ``ValueError``: that is
    a programming mistake, never a curator's.
    """

    year: int
    month: int | None = None
    day: int | None = None
    precision: Precision = Precision.YEAR
    approximate: bool = False
    end: HistDate | None = None

    def __post_init__(self) -> None:
        wants_month, wants_day = self.precision in (Precision.MONTH, Precision.DAY), self.precision is Precision.DAY
        if (self.month is not None) != wants_month or (self.day is not None) != wants_day:
            raise ValueError(f"{self.precision} precision does not fit month={self.month}, day={self.day}")
        if self.precision is Precision.DECADE and self.year % 10:
            raise ValueError(f"a decade starts at a year ending in 0, not {self.year}")
        if self.month is not None and _impossible(self.year, self.month, self.day):
            raise ValueError(f"no such date: {self.year}-{self.month}-{self.day}")
        if self.end is not None and (self.end.end is not None or self.end.approximate):
            raise ValueError("a span's end has no end of its own and is not approximate by itself")

    @property
    def is_span(self) -> bool:
        return self.end is not None

    @cached_property  # a frozen value, read for every entry whenever a chart is laid out, fitted or sorted
    def start_year(self) -> float:
        """Decimal year where the date starts. Months are equal twelfths, so 1947-07-01 is exactly 1947.5."""
        months = (self.month or 1) - 1
        days = ((self.day or 1) - 1) / _days_in(self.year, self.month) if self.day else 0.0
        return self.year + (months + days) / 12

    @cached_property
    def end_year(self) -> float:
        """Decimal year where the covered range ends: 1947 ends at 1948.0, 1947-09 at 1947.75, 194X at 1950.0."""
        if self.end is not None:
            return self.end.end_year
        return self.start_year + _WIDTH[self.precision](self)

    @cached_property
    def sort_key(self) -> tuple[float, float, bool, str]:
        """Order by start, then the wider range first (the 1940s, 1947, 1947-01, 1947-01-01; a span before its
        start alone), then exact before approximate. The EDTF text makes the order total."""
        return (self.start_year, -self.end_year, self.approximate, self.to_edtf())

    @property
    def label(self) -> str:
        """What a visitor reads: "15 September 1947", "about the 1940s", "1945–1966", "September 1947 – 1948"."""
        about = "about " if self.approximate else ""
        if self.end is None:
            return about + _LABEL[self.precision](self)
        start, end = _span_label(self), _span_label(self.end)
        dash = " – " if " " in start + end else "–"
        return f"{about}{start}{dash}{end}"

    def to_edtf(self) -> str:
        """Canonical EDTF: 1947, 1947-09, 1947-09-15, 194X; ~ marks approximate (on both ends of a span)."""
        mark = "~" if self.approximate else ""
        text = _EDTF[self.precision](self) + mark
        return text if self.end is None else f"{text}/{_EDTF[self.end.precision](self.end)}{mark}"


_WIDTH: dict[Precision, Callable[[HistDate], float]] = {
    Precision.DAY: lambda d: 1 / (12 * _days_in(d.year, d.month)),
    Precision.MONTH: lambda d: 1 / 12,
    Precision.YEAR: lambda d: 1.0,
    Precision.DECADE: lambda d: 10.0,
}
_EDTF: dict[Precision, Callable[[HistDate], str]] = {
    Precision.DAY: lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}",
    Precision.MONTH: lambda d: f"{d.year:04d}-{d.month:02d}",
    Precision.YEAR: lambda d: f"{d.year:04d}",
    Precision.DECADE: lambda d: f"{d.year // 10:03d}X",
}
_LABEL: dict[Precision, Callable[[HistDate], str]] = {
    Precision.DAY: lambda d: f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}",
    Precision.MONTH: lambda d: f"{MONTH_NAMES[d.month - 1]} {d.year}",
    Precision.YEAR: lambda d: str(d.year),
    Precision.DECADE: lambda d: f"the {d.year}s",
}


def _span_label(d: HistDate) -> str:
    """One end of a span, without "about" and "the", which read badly mid-span ("the 1940s–the 1950s")."""
    return f"{d.year}s" if d.precision is Precision.DECADE else _LABEL[d.precision](d)


def _days_in(year: int, month: int | None) -> int:
    return calendar.monthrange(year, month)[1] if month else 365


def _impossible(year: int, month: int, day: int | None) -> bool:
    return not 1 <= month <= 12 or (day is not None and not 1 <= day <= _days_in(year, month))


def make_span(start: HistDate, end: HistDate) -> HistDate | Finding:
    """Join the date and end_date columns into one span; either end being approximate makes the span approximate."""
    for name, part in (("date", start), ("end_date", end)):
        if part.is_span:
            return Finding("date-unrecognised",
                           f"The {name} {part.to_edtf()} is already a span, and both date and end_date are given.",
                           "Use one or the other: write the span in date (e.g. 1945/1966) and leave end_date empty, "
                           "or write only the start in date and the end in end_date.")
    return _join(start, end, f"The end date {end.label} is before the start date {start.label}.")


def _join(start: HistDate, end: HistDate, reversed_message: str) -> HistDate | Finding:
    if end.end_year <= start.start_year:
        return Finding("date-span-reversed", reversed_message,
                       f"Swap them ({end.to_edtf()}/{start.to_edtf()}), or check both against the source.")
    return replace(start, approximate=start.approximate or end.approximate, end=replace(end, approximate=False))


@lru_cache(maxsize=8192)
def parse_date(text: str) -> HistDate | Finding:
    """Read one date cell. Empty text is a ``date-unrecognised`` Finding here; callers report an empty required
    cell as ``value-required`` before asking. Results are cached: the same cell text repeats across rows."""
    value = text.strip()
    if not value:
        return _unrecognised(value, "The date is empty.")
    if len(value) > DATE_MAX_CHARS:
        return _unrecognised(value, f"The date “{value[:DATE_SHOWN_CHARS]}…” is {len(value):,} characters long; a "
                                    f"date has at most {DATE_MAX_CHARS}.",
                             "Write only the date here (e.g. 1947, c. 1947 or 1945/1966) and any wording around it "
                             "in display_date, which shows it as the label.")
    for pattern, build in _WHOLE_FORMS:
        if match := pattern.fullmatch(value):
            return build(match, value)
    parts = _SPAN_SEPARATOR.split(value)
    if len(parts) > 2:
        return _unrecognised(value, f"“{value}” has more than one separator (/, -, – or “to”); a span has two ends.")
    if len(parts) == 1:
        return _parse_point(value)
    if missing := next((side for side, part in zip(("start", "end"), parts, strict=True) if part in ("", "..")), None):
        return _unrecognised(value, f"“{value}” is a span without its {missing}: an open or unknown {missing} "
                                    "cannot be drawn on the timeline.",
                             "Write both ends (1947/1955), or only the date (1947) and say the rest in the text.")
    points = [_parse_point(part) for part in parts]
    for part, point in zip(parts, points, strict=True):
        if isinstance(point, Finding):  # name the whole cell too: the curator looks for what they typed
            return replace(point, message=f"In “{value}”: {point.message}") if value not in point.message else point
        if point.is_span:
            return _unrecognised(value, f"“{part}” in “{value}” is already a span ({point.label}), so it cannot be "
                                        "one end of another.", f"Write the span's ends as years or months, e.g. "
                                        f"{point.to_edtf().replace('~', '')}.")
    start, end = points
    return _join(start, end, f"The span “{value}” ends ({end.label}) before it starts ({start.label}).")


def _parse_point(text: str) -> HistDate | Finding:
    """One end of a span: an optional "c." / "about" prefix, the date, an optional EDTF "~"."""
    prefix = _APPROX_PREFIX.match(text)
    core = text[prefix.end():] if prefix else text
    tilde = core.endswith("~")
    core = core[:-1].rstrip() if tilde else core
    if core.endswith(("?", "%")):
        return _unrecognised(text, f"“{text}” uses EDTF's “{core[-1]}” (uncertain), which this timeline does not "
                                   "show.", "Write an uncertain date as approximate: 1947~ or c. 1947.")
    for pattern, build in _POINT_FORMS:
        if match := pattern.fullmatch(core):
            point = build(match, text)
            return replace(point, approximate=True) if (prefix or tilde) and isinstance(point, HistDate) else point
    return _unrecognised(text)


def _make(value: str, year: int, month: int | None = None, day: int | None = None) -> HistDate | Finding:
    """A point from numbers, or the Finding that says which number is wrong."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return _unrecognised(value, f"The year {year} in “{value}” is outside the years this timeline handles "
                                    f"({FIRST_YEAR}–{LAST_YEAR}).", "Check the year; write it with four digits.")
    if month is not None and day is None and 25 <= month <= 41:
        return _unrecognised(value, f"“{value}” uses EDTF's code {month} (a season of one hemisphere, a quarter or "
                                    "a half-year), which this timeline does not read; it reads the seasons 21–24.",
                             f"Write the months as a span, e.g. {year}-01/{year}-03.")
    if month is not None and not 1 <= month <= 12:
        return Finding("date-impossible", f"“{value}” has month {month:02d}; months run from 01 to 12.",
                       _month_hint(year, month, day))
    if day is not None and _impossible(year, month, day):
        leap = f" ({year} is not a leap year)" if month == 2 and day == 29 else ""
        why = f"{MONTH_NAMES[month - 1]} {year} has {_days_in(year, month)} days{leap}" if day else "days start at 01"
        return Finding("date-impossible", f"“{value}” is not a real date: {why}.", "Check the day against the source.")
    precision = Precision.DAY if day is not None else Precision.MONTH if month is not None else Precision.YEAR
    return HistDate(year, month, day, precision)


def _month_hint(year: int, month: int, day: int | None) -> str:
    later = year // 100 * 100 + month
    if day is None and later > year:  # "1945-66": a span with a shortened end year
        return f"Check the month against the source; if you meant the years {year} to {later}, write {year}/{later}."
    return "Check the month against the source."


def _unrecognised(value: str, message: str = "", hint: str = "") -> Finding:
    return Finding("date-unrecognised", message or f"“{value}” is not a date form this timeline understands.",
                   hint or PROBLEM_TYPES["date-unrecognised"].fix)


# --- point forms: each end of a span, after the approximate prefix and "~" are taken off ---

_MONTHS_BY_NAME = {name.lower(): i for i, full in enumerate(MONTH_NAMES, 1) for name in (full, full[:3])} | {"sept": 9}
_QUALIFIERS = ("early", "mid", "late", "spring", "summer", "fall", "autumn", "winter")


def _named(match: re.Match[str], value: str) -> HistDate | Finding:
    month = _MONTHS_BY_NAME.get(match["mon"].lower())
    if month is None:
        return _unrecognised(value, f"“{match['mon']}” in “{value}” is not the name of a month.")
    return _make(value, int(match["y"]), month, int(match["d"]) if match["d"] else None)


def _decade(match: re.Match[str], value: str) -> HistDate | Finding:
    start = _make(value, int(match["y"]) * 10)
    return start if isinstance(start, Finding) else replace(start, precision=Precision.DECADE)


def _unspecified_year(match: re.Match[str], value: str) -> HistDate | Finding:
    """194X is a decade; 19XX and 1XXX, which have no precision of their own, the span of years they cover."""
    if len(match["x"]) == 1:
        return _decade(match, value)
    width = 10 ** len(match["x"])
    return _made_span(value, (int(match["y"]) * width,), (int(match["y"]) * width + width - 1,))


def _made_span(value: str, start: tuple[int, ...], end: tuple[int, ...], approximate: bool = False
               ) -> HistDate | Finding:
    """A span from the numbers of its two ends, or the Finding that says which number is wrong."""
    first, last = _make(value, *start), _make(value, *end)
    if isinstance(first, Finding):
        return first
    return last if isinstance(last, Finding) else replace(first, approximate=approximate, end=last)


# EDTF's seasons as the months they cover: (first month, last month, years the last month is after the first).
_SEASONS = {21: (3, 5, 0), 22: (6, 8, 0), 23: (9, 11, 0), 24: (12, 2, 1)}


def _season(match: re.Match[str], value: str) -> HistDate | Finding:
    first, last, later = _SEASONS[int(match["s"])]
    year = int(match["y"])
    return _made_span(value, (year, first), (year + later, last), approximate=True)


def _unplaceable(match: re.Match[str], value: str) -> Finding:
    return _unrecognised(value, f"“{value}” leaves digits unspecified (X) where the timeline cannot place it: it "
                                "reads X only at the end of a year (194X, 19XX) and as a whole month or day "
                                "(1947-XX, 1947-09-XX).", "Write the part you know, e.g. 1947 or 194X.")


def _iso(match: re.Match[str], value: str) -> HistDate | Finding:
    month, day = (int(match[g]) if match[g] else None for g in ("m", "d"))
    return _make(value, int(match["y"]), month, day)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_Build = Callable[[re.Match[str], str], HistDate | Finding]
_POINT_FORMS: tuple[tuple[re.Pattern[str], _Build], ...] = (
    (_compile(r"(?P<y>\d{4})-(?P<s>2[1-4])"), _season),  # 1947-21: spring 1947 (EDTF level 1)
    (_compile(r"(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?"), _iso),  # 1947, 1947-09, 1947-09-15
    # 1947-XX and 1947-XX-XX are the year, 1947-09-XX the month: an unspecified part is a coarser precision
    (_compile(r"(?P<y>\d{4})-(?:(?P<m>\d{2})-XX|XX(?:-XX)?)(?P<d>)"), _iso),
    (_compile(r"(?=[\dX]{4}$)(?P<y>\d{1,3})(?P<x>X{1,3})"), _unspecified_year),  # 194X, 19XX, 1XXX
    (_compile(r"[\dX]{4}(?:-[\dX]{2}){0,2}"), _unplaceable),  # XXXX, 19X7, 1947-XX-15: digits unspecified elsewhere
    (_compile(r"(?:the\s+)?(?P<y>\d{3})0['’]?s"), _decade),  # 1940s, the 1940s, 1940's
    (_compile(r"(?:(?P<d>\d{1,2})\s+)?(?P<mon>[a-z]{3,9})\.?,?\s+(?P<y>\d{4})"), _named),  # (15) September 1947
    (_compile(r"(?P<mon>[a-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})"), _named),  # Sept. 15, 1947
)
_APPROX_PREFIX = _compile(r"^(?:circa|about|around|approximately|approx\.?|ca\.?|c\.?)(?:\s+|(?<=\.)|(?=\d))")
_SPAN_SEPARATOR = _compile(r"\s*(?:/|–|—|\bto\b|-(?=\s*\d{4}(?!\d)))\s*|\s+-\s+")


# --- whole-cell forms: checked first, mostly to reject with a precise reason ---

def _excel_serial(match: re.Match[str], value: str) -> Finding:
    serial = int(value)
    if not 10000 <= serial <= 80000:
        return _unrecognised(value, f"“{value}” is a five-digit number, not a date.")
    # Excel's serial 1 is 1900-01-01 and it counts a 29 February 1900 that never was (serial 60).
    shown = date(1900, 1, 1) + timedelta(days=serial - 1 - (serial > 60))
    return Finding("date-excel-serial", f"Excel turned the date into the number {value}, which it shows as {shown}.",
                   "Format the date column as Text, then type the date again.")


def _excel_artefact(message: str, hint: str = PROBLEM_TYPES["date-excel-artefact"].fix) -> _Build:
    return lambda match, value: Finding("date-excel-artefact", message.format(value=value, **match.groupdict()),
                                        hint.format(**match.groupdict()))


def _two_digit_year(match: re.Match[str], value: str) -> Finding:
    month = _MONTHS_BY_NAME.get(match["mon"].lower())
    if month is None:
        return _unrecognised(value)
    shown = (2000 if int(match["yy"]) < 30 else 1900) + int(match["yy"])  # Excel's reading of a two-digit year
    day = f"-{int(match['d']):02d}" if match["d"] else ""
    first, other = (f"{y}-{month:02d}{day}" for y in (shown, shown - 100))
    return Finding("date-excel-artefact", f"“{value}” has a two-digit year, so it is ambiguous which century it means: "
                                          f"it could be {first} or {other}.",
                   f"Format the column as Text in Excel, then type the full date, e.g. {first} (or {other}).")


def _day_month_order(match: re.Match[str], value: str) -> Finding:
    """03/04/1950 and friends: read both orders and say which are real dates."""
    year, a, b = int(match["y"]), int(match["a"]), int(match["b"])
    readings = {(year, month, day) for day, month in ((a, b), (b, a)) if not _impossible(year, month, day)}
    named = [(f"{d} {MONTH_NAMES[m - 1]}", f"{y:04d}-{m:02d}-{d:02d}") for y, m, d in sorted(readings, reverse=True)]
    if len(named) == 2:
        (first, first_iso), (second, second_iso) = named
        return Finding("date-ambiguous", f"“{value}” could be {first} or {second} {year}.",
                       f"Write it as year-month-day: {first_iso} for {first}, or {second_iso} for {second}.")
    if named:
        return _unrecognised(value, f"“{value}” means {named[0][0]} {year}, but is not written year-month-day.",
                             f"Write it as {named[0][1]}.")
    return Finding("date-impossible", f"“{value}” is not a real date in either order (day/month or month/day).",
                   "Check the date against the source and write it as year-month-day, e.g. 1950-04-03.")


def _year_first_slashes(match: re.Match[str], value: str) -> HistDate | Finding:
    point = _make(value, int(match["y"]), int(match["m"]), int(match["d"]))
    if isinstance(point, Finding):
        return point
    return _unrecognised(value, f"“{value}” separates year, month and day with “{match['sep']}”.",
                         f"Use hyphens: {point.to_edtf()}.")


def _qualified(match: re.Match[str], value: str) -> Finding:
    rest = match["rest"]
    while inner := _QUALIFIED.fullmatch(rest):  # "early early 1947": every word off in a loop, never recursion
        rest = inner["rest"]
    dated = parse_date(rest)  # no longer qualified, so this never comes back here
    example = dated.to_edtf() if isinstance(dated, HistDate) else "1947"
    return _unrecognised(value, f"“{value}” cannot be placed on the timeline: “{match['word']}” is not a date.",
                         f"Write {example} in date and “{value}” in display_date, which shows it as the label.")


_QUALIFIED = _compile(rf"(?P<word>{'|'.join(_QUALIFIERS)})[\s-]+(?P<rest>.+)")
_WHOLE_FORMS: tuple[tuple[re.Pattern[str], _Build], ...] = (
    (_compile(r"#(?:VALUE!|REF!|NAME\?|N/A|DIV/0!|NUM!|NULL!)"),
     _excel_artefact("“{value}” is an Excel error value, not a date.")),
    (_compile(r"#+"), _excel_artefact("Excel wrote “{value}” because the column was too narrow to show the date.",
                                      "Widen the date column until the dates show, check them, and save again.")),
    (_compile(r"(?P<y>\d{4})\.0+"), _excel_artefact("“{value}” is the year {y} stored by Excel as a number.",
                                                    "Format the column as Text in Excel, then type {y} again.")),
    (_compile(r"(?P<iso>\d{4}-\d{2}-\d{2})[ T]00:00(?::00)?"),
     _excel_artefact("“{value}” has a time of day added; write just the date, {iso}.")),
    (_compile(r"(?:(?P<d>\d{1,2})-)?(?P<mon>[a-z]{3,9})[-\s](?P<yy>\d{2})"), _two_digit_year),  # Sep-47, 15-Sep-47
    (_compile(r"(?P<yy>\d{2})-(?P<mon>[a-z]{3,9})(?P<d>)"), _two_digit_year),  # 47-Sep
    (_compile(r"(?:(?P<d>\d{1,2})-)?(?P<mon>[a-z]{3,9})-(?P<y>\d{4})"), _named),  # Excel's 15-Sep-1947, Sep-1947
    (_compile(r"\d{5}"), _excel_serial),
    (_compile(r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})"), _day_month_order),
    (_compile(r"(?P<y>\d{4})(?P<sep>[/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"), _year_first_slashes),
    (_QUALIFIED, _qualified),
    (_compile(r"\d{1,3}|\d{6,}"), lambda match, value: _unrecognised(
        value, f"“{value}” is not a year: years have four digits ({FIRST_YEAR}–{LAST_YEAR}).")),
)
