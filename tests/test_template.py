"""The CSV template: derived from COLUMNS, one example per kind, and clean under the checker."""

from __future__ import annotations

import csv
import io

import pytest

from timeline.catalog import build_catalog
from timeline.schema import COLUMN_NAMES, COLUMNS, Kind
from timeline.template import OWN_VALUES, template_rows

ROWS = template_rows()


def template_bytes() -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMN_NAMES)
    writer.writeheader()
    writer.writerows(ROWS)
    return out.getvalue().encode("utf-8")


def test_one_row_per_kind_with_every_column():
    assert [row["kind"] for row in ROWS] == ["event", "quote", "era"]
    assert all(tuple(row) == COLUMN_NAMES for row in ROWS)


def test_the_checker_finds_nothing_at_all():
    catalog = build_catalog(template_bytes(), "events-template.csv")
    assert [(p.row, p.column, p.code) for p in catalog.problems] == []
    assert sorted(e.id for e in (*catalog.entries, *catalog.eras)) == sorted(row["id"] for row in ROWS)


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row["kind"])
def test_values_come_from_the_contract(row):
    """Every filled cell is the column's example, unless the kind states its own value (so no drift)."""
    own = {"kind", "status", *OWN_VALUES[Kind(row["kind"])]}
    drifted = [c.name for c in COLUMNS if row[c.name] and c.name not in own and row[c.name] != c.example]
    assert drifted == []


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row["kind"])
def test_each_example_fills_what_its_kind_requires(row):
    kind = Kind(row["kind"])
    assert [c.name for c in COLUMNS if kind in c.required_for and not row[c.name]] == []


def test_examples_are_drafts_so_a_template_published_by_mistake_shows_nothing():
    assert {row["status"] for row in ROWS} == {"draft"}
    assert build_catalog(template_bytes()).visible.entries == ()
