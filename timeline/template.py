"""The events CSV template: the contract's header and one example row per kind, built from ``COLUMNS``.

Every example value comes from the ``example`` of its column in schema.COLUMNS, so the template cannot drift from
the contract; ``OWN_VALUES`` lists the few cells a kind must say differently (a quote's own id, an era's span). Image
columns are left empty because no example file exists in media/, and the checker rightly refuses a missing image.
The rows are drafts, so a template published by mistake shows visitors nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from timeline.schema import COLUMN_NAMES, COLUMNS, Kind, Status

_IMAGE_FILE_COLUMNS = frozenset({"image", "image_alt", "image_caption", "image_credit"})
_ANY_KIND = frozenset({"id", "kind", "date", "title", "status"})
_USES: Mapping[Kind, frozenset[str]] = {  # the columns each kind's example fills; Column.required_for is a subset
    Kind.EVENT: frozenset(COLUMN_NAMES) - _IMAGE_FILE_COLUMNS - {"attribution", "end_date", "display_date"},
    Kind.QUOTE: _ANY_KIND | {"text", "attribution", "category", "people", "related"},
    Kind.ERA: _ANY_KIND | {"end_date", "text"},
}
OWN_VALUES: Mapping[Kind, Mapping[str, str]] = {  # cells whose column example would be wrong for the kind
    Kind.EVENT: {"related": "homer-phillips-remembered"},
    Kind.QUOTE: {"id": "homer-phillips-remembered", "date": "1990", "title": "A doctor remembers the hospital",
                 "text": "“The quotation itself, word for word as the source gives it.”", "people": "James Whittico",
                 "related": "homer-phillips-opens"},
    Kind.ERA: {"id": "homer-phillips-years", "date": "1937", "end_date": "1979",
               "title": "The Homer G. Phillips Hospital years", "text": "An era is drawn as a band behind the events."},
}


def template_rows() -> tuple[Mapping[str, str], ...]:
    """One example row per kind, every column present (empty where the kind does not use it)."""
    return tuple(MappingProxyType(_row(kind)) for kind in (Kind.EVENT, Kind.QUOTE, Kind.ERA))


def _row(kind: Kind) -> dict[str, str]:
    own = {"kind": kind.value, "status": Status.DRAFT.value, **OWN_VALUES[kind]}
    return {c.name: own.get(c.name, c.example) if c.name in _USES[kind] else "" for c in COLUMNS}
