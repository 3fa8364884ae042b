"""The published entries as downloads (CSV and JSON): museums publish their data, and researchers ask for it.

The CSV keeps the exhibit's own columns, so it reads back through ``python -m timeline check``; curator-only
columns (notes and the like) and drafts never leave the building.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from timeline.schema import COLUMN_NAMES, Entry
from timeline.settings import Settings

EXPORT_COLUMNS = tuple(c for c in COLUMN_NAMES if c not in ("end_date", "status"))  # spans travel in date (EDTF)


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


def entries_csv(entries: Sequence[Entry]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(_row(e) for e in entries)
    return out.getvalue()


def entries_json(entries: Sequence[Entry], settings: Settings, pages: dict[str, str]) -> str:
    """Entries with their dates as EDTF and decimal years, and ``url``: the entry's page (``pages`` by id)."""
    items = []
    for entry in entries:
        row: dict[str, object] = {k: v for k, v in _row(entry).items() if v}
        row.update(themes=list(entry.themes), people=list(entry.people), sources=list(entry.sources),
                   related=list(entry.related), featured=entry.featured, date_label=entry.date_label,
                   start_year=round(entry.date.start_year, 4), end_year=round(entry.date.end_year, 4),
                   url=pages.get(entry.id, ""))
        items.append(row)
    data = {"exhibit": settings.title, "entries": items}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
