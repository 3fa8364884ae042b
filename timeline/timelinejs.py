"""Knight Lab's TimelineJS as a format: its sheet and JSON read as rows, and our published catalogue written as JSON.

Curators who already keep a TimelineJS Google Sheet can move their work in (``importer.py`` maps the rows onto our
contract) and out (``export_timeline``). Both TimelineJS forms, the sheet and the JSON, are read into the same
``SheetRecord`` rows so one mapping serves both. For JSON, rows are numbered as in the equivalent sheet: header 1,
the title slide 2 (when there is one), then the events in order, then the eras.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from timeline.catalog import Catalog
from timeline.dates import HistDate, Precision
from timeline.reader import Table
from timeline.richtext import is_web_address, text_to_html
from timeline.schema import Entry, Kind
from timeline.settings import Settings

# The TimelineJS Google Sheets template, in its order; "Alt Text" is in newer templates only.
SHEET_COLUMNS: tuple[str, ...] = (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date", "Headline",
    "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group", "Background", "Alt Text",
)
SHEET_KEYS = frozenset(name.lower() for name in SHEET_COLUMNS) | {"unique id"}  # unique id: only from JSON
REQUIRED_SHEET_KEYS = ("year", "headline")


@dataclass(frozen=True)
class SheetRecord:
    """One TimelineJS row: cells keyed by the lower-case sheet column name ("end year", "media credit")."""

    row: int
    cells: Mapping[str, str]

    def get(self, key: str) -> str:
        return self.cells.get(key, "")


def sheet_key(header: str) -> str:
    """A header cell as a key: case and runs of spaces do not matter ("End  year" is "end year")."""
    return " ".join(header.split()).lower()


def records_from_table(table: Table) -> tuple[tuple[SheetRecord, ...], str | None]:
    """The rows of a sheet read by timeline.reader, or a message saying why this is not a TimelineJS sheet."""
    keys = {sheet_key(name) for name in table.columns}
    missing = [k for k in REQUIRED_SHEET_KEYS if k not in keys]
    if missing:
        found = ", ".join(table.columns[:6]) or "nothing"
        return (), (f"This is not a TimelineJS sheet: its header row has no {' or '.join(missing).title()} column "
                    f"(it starts with {found}).")
    records = tuple(SheetRecord(r.row, MappingProxyType({sheet_key(k): v for k, v in r.cells.items()}))
                    for r in table.records)
    return records, None


def records_from_json(data: object) -> tuple[tuple[SheetRecord, ...], str | None]:
    """The slides of TimelineJS JSON as sheet rows, or a message saying why this is not TimelineJS JSON."""
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        return (), "This is not TimelineJS JSON: it needs an object with a list of \"events\"."
    title = data.get("title")
    slides = [("title", title)] if isinstance(title, dict) else []
    slides += [("", event) for event in data["events"]]
    slides += [("era", era) for era in _list(data.get("eras"))]
    return tuple(SheetRecord(row, MappingProxyType(_json_cells(kind, slide)))
                 for row, (kind, slide) in enumerate(slides, start=2)), None


def _json_cells(kind: str, slide: object) -> dict[str, str]:
    slide = _dict(slide)
    start, end, text, media = (_dict(slide.get(k)) for k in ("start_date", "end_date", "text", "media"))
    background = _dict(slide.get("background"))
    cells = {
        "type": kind, "year": _str(start.get("year")), "month": _str(start.get("month")),
        "day": _str(start.get("day")), "time": _time(start), "end year": _str(end.get("year")),
        "end month": _str(end.get("month")), "end day": _str(end.get("day")), "end time": _time(end),
        "display date": _str(slide.get("display_date") or start.get("display_date")),
        "headline": _str(text.get("headline")), "text": _str(text.get("text")), "media": _str(media.get("url")),
        "media credit": _str(media.get("credit")), "media caption": _str(media.get("caption")),
        "media thumbnail": _str(media.get("thumbnail")), "alt text": _str(media.get("alt")),
        "group": _str(slide.get("group")), "background": _str(background.get("url") or background.get("color")),
        "unique id": _str(slide.get("unique_id")),
    }
    return {key: value for key, value in cells.items() if value}


def _dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list:
    return value if isinstance(value, list) else []


def _str(value: object) -> str:
    """JSON scalars as the text a sheet cell would hold; anything else (objects, lists, null) as empty."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() if isinstance(value, str | int | float) else ""


def _time(date: Mapping[str, object]) -> str:
    hour = _str(date.get("hour"))
    return f"{hour}:{_str(date.get('minute')) or '00'}" if hour else ""


# --- export ----------------------------------------------------------------------------------------------------


def export_timeline(catalog: Catalog, settings: Settings) -> dict[str, object]:
    """TimelineJS JSON for visitors' entries (pass ``catalog.visible``); every curator string is escaped HTML."""
    title: dict[str, object] = {"text": {"headline": html.escape(settings.title),
                                         "text": text_to_html(settings.introduction)}}
    return {
        "title": title,
        "events": [_event(entry) for entry in catalog.entries],
        "eras": [_era(era) for era in catalog.eras],
    }


def _event(entry: Entry) -> dict[str, object]:
    event: dict[str, object] = {
        "unique_id": entry.id,
        **_dates(entry.date),
        "display_date": html.escape(entry.date_label),
        "text": {"headline": html.escape(entry.title), "text": _body(entry)},
    }
    if entry.image:
        event["media"] = {"url": f"media/{entry.image}", "caption": html.escape(entry.image_caption),
                          "credit": html.escape(entry.image_credit), "alt": html.escape(entry.image_alt)}
    if entry.category:
        event["group"] = html.escape(entry.category)
    return event


def _era(era: Entry) -> dict[str, object]:
    return {**_dates(era.date), "text": {"headline": html.escape(era.title), "text": text_to_html(era.text)}}


def _body(entry: Entry) -> str:
    """The slide's text: a quote in <blockquote> with its attribution; sources as a last paragraph, linked."""
    body = text_to_html(entry.text)
    if entry.kind is Kind.QUOTE:
        attribution = f"<p>{ATTRIBUTION_MARK} {html.escape(entry.attribution)}</p>" if entry.attribution else ""
        body = f"<blockquote>{body}</blockquote>{attribution}"
    return body + sources_html(entry.sources)


SOURCES_LABEL = "Sources:"  # the importer reads a last paragraph that starts with this back into sources
ATTRIBUTION_MARK = "—"  # and a paragraph after a <blockquote> that starts with this into a quote's attribution


def sources_html(sources: Sequence[str]) -> str:
    if not sources:
        return ""
    cited = "; ".join(f'<a href="{html.escape(s)}">{html.escape(s)}</a>' if is_web_address(s) else html.escape(s)
                      for s in sources)
    return f"<p>{SOURCES_LABEL} {cited}</p>"


def _dates(date: HistDate) -> dict[str, object]:
    out: dict[str, object] = {"start_date": _date(date)}
    if date.end is not None:
        out["end_date"] = _date(date.end, last=True)
    return out


def _date(date: HistDate, last: bool = False) -> dict[str, int]:
    """TimelineJS has no decades: a decade starts at its first year and, as the end of a span, ends at its last."""
    year = date.year + 9 if last and date.precision is Precision.DECADE else date.year
    parts = {"year": year, "month": date.month, "day": date.day}
    return {key: value for key, value in parts.items() if value is not None}
