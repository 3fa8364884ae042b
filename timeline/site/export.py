"""The published entries and eras as downloads (CSV and JSON): museums publish their data, and researchers ask for it.

The CSV keeps the exhibit's own columns, so it reads back through ``python -m timeline check``: the eras that
entries relate to travel with them. Curator-only columns (notes and the like) and drafts never leave the building;
the visitors' catalogue has already taken drafts out of every ``related``.
"""

from __future__ import annotations

import csv
import io
import json

from timeline.catalog import Catalog
from timeline.schema import COLUMN_NAMES, Entry
from timeline.settings import Settings

EXPORT_COLUMNS = tuple(c for c in COLUMN_NAMES if c not in ("end_date", "status"))  # spans travel in date (EDTF)
# OWASP's CSV-injection advice: Excel and LibreOffice run a cell that starts with one of these as a formula
# (=HYPERLINK(...) opens a page, -2+3+cmd|... once ran programs). Wider than the checker's own warning, which lets
# a curator's "-1950" and "- note" be: a download is opened by strangers, and no exported date or id starts so.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(cell: str) -> str:
    """The cell as a spreadsheet shows it as text: a formula-leading value gets a leading apostrophe."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _row(entry: Entry) -> dict[str, str]:
    return {
        "id": entry.id, "kind": str(entry.kind), "date": entry.date.to_edtf(), "display_date": entry.display_date,
        "title": entry.title, "text": entry.text, "attribution": entry.attribution, "category": entry.category,
        "themes": "; ".join(entry.themes), "people": "; ".join(entry.people), "place": entry.place,
        "image": entry.image, "image_alt": entry.image_alt, "image_caption": entry.image_caption,
        "image_credit": entry.image_credit, "image_description": entry.image_description,
        "content_note": entry.content_note, "sources": "; ".join(entry.sources),
        "related": "; ".join(entry.related), "featured": "yes" if entry.featured else "",
    }


def entries_csv(catalog: Catalog) -> str:
    """The visitors' catalogue (pass ``catalog.visible``), entries and eras in date order, safe to open in Excel."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    rows = sorted((*catalog.entries, *catalog.eras), key=lambda e: (e.date.sort_key, e.row))
    writer.writerows({k: spreadsheet_text(v) for k, v in _row(e).items()} for e in rows)
    return out.getvalue()


def entries_json(catalog: Catalog, settings: Settings, pages: dict[str, str]) -> str:
    """Entries and eras with their dates as EDTF and decimal years; an entry's ``url`` is its page (``pages``)."""
    data = {"exhibit": settings.title, "entries": [_json_row(e, pages.get(e.id, "")) for e in catalog.entries],
            "eras": [_json_row(e) for e in catalog.eras]}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _json_row(entry: Entry, url: str | None = None) -> dict[str, object]:
    row: dict[str, object] = {k: v for k, v in _row(entry).items() if v}
    row.update(themes=list(entry.themes), people=list(entry.people), sources=list(entry.sources),
               related=list(entry.related), featured=entry.featured, date_label=entry.date_label,
               start_year=round(entry.date.start_year, 4), end_year=round(entry.date.end_year, 4))
    if url is not None:  # eras have no page of their own
        row["url"] = url
    return row
