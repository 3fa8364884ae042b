"""Validation rules, asserted as flattened (row, column, code) lists over small fixture files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from timeline.problems import PROBLEM_TYPES, Finding
from timeline.reader import read_table
from timeline.schema import Kind, Status
from timeline.validate import validate_table

FIXTURES = Path(__file__).parent / "fixtures" / "validate"
CATEGORIES = ("Washington University", "Homer G. Phillips Hospital")


def flat(problems):
    return [(p.row, p.column, p.code) for p in problems if p.code != "column-unknown"]


def validate(name: str, check_image=None):
    return validate_table(read_table(io.BytesIO((FIXTURES / name).read_bytes())), check_image, CATEGORIES)


@pytest.mark.parametrize(("fixture", "expected"), [
    ("ids.csv", [(2, "id", "id-format"), (4, "id", "id-duplicate"), (5, "id", "value-required")]),
    ("required.csv", [
        (2, "text", "value-required"), (2, "category", "value-required"), (2, "sources", "value-required"),
        (3, "text", "value-required"), (3, "attribution", "value-required"),
        (4, "title", "value-required"),
        (5, "text", "draft-incomplete"), (5, "category", "draft-incomplete"), (5, "sources", "draft-incomplete"),
    ]),
    ("choices.csv", [(2, "kind", "kind-value"), (3, "status", "status-value"), (4, "featured", "featured-value"),
                     (5, "category", "category-unknown")]),
    ("dates.csv", [(2, "date", "date-ambiguous"), (3, "date", "date-impossible"), (4, "date", "date-excel-serial"),
                   (5, "date", "date-excel-artefact"), (6, "end_date", "date-span-reversed"),
                   (7, "date", "era-without-end"), (8, "end_date", "date-excel-artefact")]),
    ("lengths_links.csv", [(2, "title", "title-too-long"), (2, "text", "text-long"),
                           (3, "sources", "link-scheme"), (3, "sources", "link-scheme"),
                           (3, "sources", "link-scheme"), (3, "text", "link-scheme"),
                           (7, "sources", "link-unrendered"), (7, "text", "link-unrendered"),
                           (4, "related", "related-unknown"), (5, "related", "related-repeated")]),
])
def test_fixture_problems(fixture, expected):
    _, problems = validate(fixture)
    assert flat(problems) == expected


def test_good_file_builds_entries_and_keeps_curator_columns():
    entries, problems = validate("good.csv")
    assert not [p for p in problems if p.is_error]
    assert [e.id for e in entries] == ["hgp-opens", "q-one", "hgp-years"]
    first = entries[0]
    assert first.themes == ("patients", "nurses")
    assert first.featured is True
    assert first.related == ("q-one",)
    assert first.extra == {"notes": "curator note"}
    assert entries[1].kind is Kind.QUOTE and entries[1].date.approximate
    assert entries[2].kind is Kind.ERA and entries[2].date.is_span


def test_undated_draft_is_a_warning_and_not_placed():
    entries, problems = validate("good.csv")
    draft_problems = [(p.row, p.column, p.code) for p in problems if p.row == 5]
    assert draft_problems == [(5, "date", "draft-incomplete"), (5, "text", "draft-incomplete"),
                              (5, "sources", "draft-incomplete")]
    assert "draft-one" not in {e.id for e in entries}
    assert all(not p.is_error for p in problems)


def test_rows_with_errors_produce_no_entry():
    entries, _ = validate("dates.csv")
    assert entries == ()


def test_duplicate_message_names_first_row():
    _, problems = validate("ids.csv")
    duplicate = next(p for p in problems if p.code == "id-duplicate")
    assert "row 3" in duplicate.message and "row 3" in duplicate.hint


def test_image_check_is_placed_at_the_image_cell(tmp_path):
    csv_text = ("id,date,title,text,category,sources,image,image_alt,image_credit\n"
                "a,1950,T,X,Washington University,Becker,scan.tif,,\n")
    seen = []

    def check(name):
        seen.append(name)
        return Finding("image-missing", f"no {name}", "copy it")

    path = tmp_path / "images.csv"
    path.write_text(csv_text, encoding="utf-8")
    table = read_table(io.BytesIO(path.read_bytes()))
    _, problems = validate_table(table, check, CATEGORIES)
    assert seen == ["scan.tif"]
    assert flat(problems) == [(2, "image_alt", "value-required"), (2, "image_credit", "value-required"),
                              (2, "image", "image-missing")]


def test_every_problem_has_a_message_and_hint_and_a_declared_code():
    for fixture in ["ids.csv", "required.csv", "choices.csv", "dates.csv", "lengths_links.csv"]:
        _, problems = validate(fixture)
        for p in problems:
            assert p.code in PROBLEM_TYPES
            assert p.message and p.hint
            assert p.severity is PROBLEM_TYPES[p.code].severity


def test_a_repeated_related_id_is_kept_once():
    entries, _ = validate("lengths_links.csv")
    assert next(e for e in entries if e.id == "twice").related == ("links", "rel")


def test_statuses_default_to_published():
    entries, _ = validate("good.csv")
    assert {e.status for e in entries} == {Status.PUBLISHED}


def test_a_giant_cell_is_named_with_its_row_line_column_and_length_and_later_rows_are_kept():
    giant = "word " * 40_000  # 199,999 characters once stripped: more than csv's own cell limit
    data = (f'id,date,title,text,category,sources\n'
            f'hgp,1937,"Opens\non two lines",Fine,Washington University,Becker\n'
            f'big,1950,Big,"{giant}",Washington University,Becker\n'
            f'after,1951,After,Fine,Washington University,Becker\n').encode()
    entries, problems = validate_table(read_table(io.BytesIO(data)), None, CATEGORIES)
    assert [e.id for e in entries] == ["hgp", "after"]
    (problem,) = problems
    assert (problem.code, problem.row, problem.line, problem.column) == ("value-too-long", 3, 4, "text")
    assert "199,999 characters" in problem.message and "10,000" in problem.message


@pytest.mark.parametrize(("column", "limit", "says"), [
    ("id", 80, "address"), ("display_date", 40, "Fall 1947"), ("attribution", 300, "speaker"),
    ("image_alt", 500, "Screen readers"), ("sources", 5000, "semicolons"),
])
def test_each_text_column_has_its_own_limit_and_message(column, limit, says):
    cells = {"id": "x", "date": "1950", "title": "T", "text": "Fine", "category": "Washington University",
             "sources": "Becker", "attribution": "A", "image_alt": "A", "display_date": "1950"}
    value = ("a-" * limit)[:limit + 1] if column == "id" else "a" * (limit + 1)
    cells[column] = value
    header = ",".join(cells)
    data = f"{header}\n{','.join(cells.values())}\n".encode()
    _, problems = validate_table(read_table(io.BytesIO(data)), None, CATEGORIES)
    too_long = [p for p in problems if p.code == "value-too-long"]
    assert [(p.row, p.column) for p in too_long] == [(2, column)]
    assert f"{limit + 1:,} characters" in too_long[0].message and says in too_long[0].hint
    cells[column] = value[:limit].rstrip("-")
    data = f"{header}\n{','.join(cells.values())}\n".encode()
    _, problems = validate_table(read_table(io.BytesIO(data)), None, CATEGORIES)
    assert not [p for p in problems if p.code == "value-too-long"]


@pytest.mark.parametrize("column", ["id", "kind", "date", "end_date", "title", "category", "related", "status",
                                    "featured"])
def test_a_giant_cell_is_never_quoted_whole(column):
    cells = {"id": "x", "date": "1950", "end_date": "", "title": "T", "text": "Fine", "kind": "",
             "category": "Washington University", "sources": "Becker", "related": "", "status": "", "featured": ""}
    cells[column] = "q" * 150_000
    data = f"{','.join(cells)}\n{','.join(cells.values())}\n".encode()
    _, problems = validate_table(read_table(io.BytesIO(data)), None, CATEGORIES)
    assert problems and all(len(p.message) + len(p.hint) + len(p.value) < 500 for p in problems)


def test_a_markdown_picture_in_the_text_is_a_warning_pointing_at_the_image_column():
    data = (b"id,date,title,text,category,sources\n"
            b"map,1950,Map,See ![a map](https://example.org/map.jpg).,Washington University,Becker\n")
    entries, problems = validate_table(read_table(io.BytesIO(data)), None, CATEGORIES)
    assert [e.id for e in entries] == ["map"]
    assert flat(problems) == [(2, "text", "text-picture")]
    assert "“![a map](https://example.org/map.jpg)”" in problems[0].message and "image column" in problems[0].hint


@pytest.mark.parametrize(("entry_id", "reserved"), [
    ("con", True), ("nul", True), ("aux", True), ("prn", True), ("com1", True), ("com9", True), ("lpt1", True),
    ("lpt9", True), ("con-1950", False), ("com10", False), ("console", False), ("com", False),
])
def test_ids_windows_reserves_for_devices_are_refused(entry_id, reserved):
    data = (f"id,date,title,text,category,sources\n"
            f"{entry_id},1950,T,Text,Washington University,Becker\n").encode()
    entries, problems = validate_table(read_table(io.BytesIO(data)), None, CATEGORIES)
    assert (flat(problems), [e.id for e in entries]) == (([(2, "id", "id-reserved")], []) if reserved
                                                         else ([], [entry_id]))
    if reserved:
        assert f"entries/{entry_id}/" in problems[0].message and f"{entry_id}-1950" in problems[0].hint
