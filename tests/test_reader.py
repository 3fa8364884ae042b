"""The CSV reader: every case a curator's spreadsheet produces, as small fixture files or bytes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.problems import PROBLEM_TYPES
from timeline.reader import Table, column_letter, read_table

FIXTURES = Path(__file__).parent / "fixtures" / "reader"


def read(data: bytes) -> Table:
    return read_table(io.BytesIO(data))


def flat(table: Table) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.column, p.code) for p in table.problems]


def rows(table: Table) -> list[tuple[int, int, dict[str, str]]]:
    return [(r.row, r.line, dict(r.cells)) for r in table.records]


# --- fixture files: problems ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "expected"), [
    ("utf8.csv", []),
    ("bom.csv", []),
    ("header_case.csv", []),
    ("verbatim.csv", []),
    ("multiline.csv", []),
    ("crlf.csv", []),
    ("cr_only.csv", []),
    ("blank_rows.csv", []),
    ("cp1252.csv", [(None, None, "encoding-windows-1252")]),
    ("semicolon.csv", [(None, None, "delimiter")]),
    ("tab.csv", [(None, None, "delimiter")]),
    ("no_delimiter.csv", [(None, None, "delimiter-unknown")]),
    ("extra_comma.csv", [(3, None, "field-count")]),
    ("short_row.csv", [(2, None, "field-count")]),
    ("truncated.csv", [(3, None, "file-truncated")]),
    ("stray_quote.csv", [(2, None, "quote-stray")]),
    ("duplicate_column.csv", [(1, "date", "column-duplicate")]),
    ("unknown_column.csv", [(1, "notes", "column-unknown"), (1, "titel", "column-unknown")]),
    ("missing_column.csv", [(1, "date", "column-missing")]),
    ("blank_header.csv", [(3, None, "column-blank")]),
    ("header_only.csv", [(None, None, "file-empty")]),
    ("formula.csv", [(2, "title", "formula"), (2, "text", "formula"), (2, "place", "formula"),
                     (2, "people", "formula"), (3, "text", "formula")]),
])
def test_fixture_problems(name: str, expected: list[tuple[int | None, str | None, str]]) -> None:
    assert flat(read((FIXTURES / name).read_bytes())) == expected


# --- fixture files: what is read --------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "encoding", "delimiter", "expected"), [
    ("utf8.csv", "utf-8", ",", [
        (2, 2, {"id": "hgp-opens", "date": "1937-02-22", "title": "Homer G. Phillips Hospital opens",
                "text": "Café society “welcomes” it"}),
        (3, 3, {"id": "nurses", "date": "1941", "title": "Nurses graduate", "text": ""})]),
    ("bom.csv", "utf-8-sig", ",", [(2, 2, {"id": "hgp-opens", "date": "1937", "title": "Opens"})]),
    ("cp1252.csv", "windows-1252", ",", [(2, 2, {"id": "hgp", "date": "1937", "title": "Café “opens” – at last"})]),
    ("semicolon.csv", "utf-8", ";", [(2, 2, {"id": "hgp", "date": "1937", "title": "Opens, then closes"})]),
    ("tab.csv", "utf-8", "\t", [(2, 2, {"id": "hgp", "date": "1937", "title": "Opens, then closes"})]),
    ("verbatim.csv", "utf-8", ",", [
        (2, 2, {"id": "na", "date": "NA", "title": "None", "text": "null", "place": "007"}),
        (3, 3, {"id": "sci", "date": "1e3", "title": "spaced", "text": "quoted, with comma", "place": "-1950"})]),
    ("multiline.csv", "utf-8", ",", [
        (2, 2, {"id": "hgp", "date": "1937", "title": "Opens", "text": "First paragraph.\n\nSecond paragraph."}),
        (3, 5, {"id": "wu", "date": "1947", "title": "Admits", "text": "One line"})]),
    ("crlf.csv", "utf-8", ",", [
        (2, 2, {"id": "hgp", "date": "1937", "title": "Opens"}),
        (3, 3, {"id": "wu", "date": "1947", "title": "Two\r\nlines"}),
        (4, 5, {"id": "last", "date": "1950", "title": "Last"})]),
    ("cr_only.csv", "utf-8", ",", [
        (2, 2, {"id": "hgp", "date": "1937", "title": "Opens"}),
        (3, 3, {"id": "wu", "date": "1947", "title": "Two\rlines"}),
        (4, 5, {"id": "last", "date": "1950", "title": "Last"})]),
    # blank rows (",,,,,", an empty line, spaces, a short ",,") are skipped but counted, as the spreadsheet shows them
    ("blank_rows.csv", "utf-8", ",", [
        (2, 2, {"id": "hgp", "date": "1937", "title": "Opens"}),
        (6, 6, {"id": "wu", "date": "1947", "title": "Admits"})]),
    # the row with an unquoted comma is not returned at all: nothing after it is shifted
    ("extra_comma.csv", "utf-8", ",", [
        (2, 2, {"id": "hgp", "date": "1937", "title": "Opens", "place": "St. Louis"}),
        (4, 4, {"id": "last", "date": "1950", "title": "Last", "place": "Here"})]),
    ("short_row.csv", "utf-8", ",", [(3, 3, {"id": "wu", "date": "1947", "title": "Admits", "place": "St. Louis"})]),
    # never a short record for the cut-off row
    ("truncated.csv", "utf-8", ",", [(2, 2, {"id": "hgp", "date": "1937", "title": "Opens", "text": "Fine"})]),
    ("stray_quote.csv", "utf-8", ",", [(3, 3, {"id": "wu", "date": "1947", "title": "Admits"})]),
    # the first of two same-named columns is used
    ("duplicate_column.csv", "utf-8", ",", [(2, 2, {"id": "hgp", "date": "1937", "title": "Opens"})]),
    ("unknown_column.csv", "utf-8", ",", [
        (2, 2, {"id": "hgp", "date": "1937", "title": "Opens", "notes": "check the source", "titel": "x"})]),
    # a column without a name is dropped
    ("blank_header.csv", "utf-8", ",", [
        (2, 2, {"id": "hgp", "date": "1937", "title": "Opens"}),
        (3, 3, {"id": "wu", "date": "1947", "title": "Admits"})]),
])
def test_fixture_records(name: str, encoding: str, delimiter: str, expected: list) -> None:
    table = read((FIXTURES / name).read_bytes())
    assert (table.encoding, table.delimiter, rows(table)) == (encoding, delimiter, expected)


@pytest.mark.parametrize(("name", "columns", "letters"), [
    ("header_case.csv", ("id", "date", "title", "image_alt", "end_date"), "ABCDE"),
    ("unknown_column.csv", ("id", "date", "title", "notes", "titel"), "ABCDE"),
    ("blank_header.csv", ("id", "date", "title"), "ABD"),
    ("duplicate_column.csv", ("id", "date", "title"), "ABC"),
])
def test_header_names_and_letters(name: str, columns: tuple[str, ...], letters: str) -> None:
    table = read((FIXTURES / name).read_bytes())
    assert table.columns == columns
    assert [table.letters[c] for c in columns] == list(letters)


# --- messages quote what was found -------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "fragments"), [
    ("cp1252.csv", ["Windows-1252", "line 2", "'hgp,1937,Café “opens” – at last'"]),
    ("semicolon.csv", ["semicolons ';'"]),
    ("no_delimiter.csv", ["'id date title'"]),
    ("extra_comma.csv", ["Row 3", "5 cells", "header has 4", "column D", "'St. Louis'", "not read"]),
    ("short_row.csv", ["Row 2", "2 cells", "column C ('title') to column D ('place')"]),
    ("truncated.csv", ["Row 3", "not closed", "end of the file"]),
    ("stray_quote.csv", ["Row 2", "line 2", "'hgp,1937,\"Opens\" today'"]),
    ("duplicate_column.csv", ["Columns B and D", "'date'"]),
    ("unknown_column.csv", ["Column D, 'notes'", "Did you mean 'title'?"]),
    ("blank_header.csv", ["Column C", "row 3", "'stray value'"]),
    ("header_only.csv", ["no entries"]),
    ("formula.csv", ["Row 2, column C, 'title'", "'=HYPERLINK(\"x\")'"]),
])
def test_messages_quote_what_was_found(name: str, fragments: list[str]) -> None:
    message = " ".join(p.message for p in read((FIXTURES / name).read_bytes()).problems)
    assert [f for f in fragments if f not in message] == []


def test_every_problem_has_a_registered_code_and_the_code_severity() -> None:
    problems = [p for f in sorted(FIXTURES.glob("*.csv")) for p in read(f.read_bytes()).problems]
    assert problems
    assert all(p.severity is PROBLEM_TYPES[p.code].severity and p.hint for p in problems)


# --- bytes that are not CSV text ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "expected"), [
    (b"", "file-empty"),
    (b"  \r\n\t\n", "file-empty"),
    (b"\xef\xbb\xbf\n", "file-empty"),
    (b",,,\n,,,\n", "file-empty"),
    ("id,date,title\nhgp,1937,Opens\n".encode("utf-16"), "encoding-utf16"),  # with BOM
    ("id,date,title\nhgp,1937,Opens\n".encode("utf-16-le"), "encoding-utf16"),  # without: NULs every other byte
    ("id,date,title\nhgp,1937,Opens\n".encode("utf-16-be"), "encoding-utf16"),
    (b"id,date,title\nhgp,19\x0037,Opens\n", "file-binary"),
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "file-workbook"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "file-workbook"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "file-binary"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "file-binary"),
    (bytes(range(1, 32)) * 4, "file-binary"),  # control codes, no NUL
    (b"id,date,title\nhgp,\x81,Opens\n", "encoding-unknown"),  # 0x81 is undefined in Windows-1252
    (b"\xef\xbb\xbfid,date,title\nhgp,1937,Caf\xe9\n", "encoding-unknown"),  # UTF-8 marker, then a 1252 byte
])
def test_refused_files(data: bytes, expected: str) -> None:
    table = read(data)
    assert [p.code for p in table.problems] == [expected]
    assert table.records == ()


def test_nul_and_unknown_bytes_name_their_line() -> None:
    assert [p.line for p in read(b"id,date\r\nx,1\r\n\x00\n").problems] == [3]
    assert [p.line for p in read(b"id,date\rx,1\ry,\x8d\n").problems] == [3]


# --- rows and lines ----------------------------------------------------------------------------------------------

def test_rows_count_blank_lines_before_the_header() -> None:
    table = read(b"\n\nid,date,title\nhgp,1937,Opens\n")
    assert (rows(table), flat(table)) == ([(4, 4, {"id": "hgp", "date": "1937", "title": "Opens"})], [])


def test_unclosed_quote_early_in_a_long_file_is_truncation_not_a_giant_cell() -> None:
    body = "".join(f"r{i},1950,Title {i}\n" for i in range(20_000))  # more than csv's 131,072-character cell limit
    table = read(f'id,date,title\nhgp,1937,"Opens\n{body}'.encode())
    assert (rows(table), flat(table)) == ([], [(2, None, "file-truncated")])


def test_a_cell_longer_than_csvs_own_limit_is_read_whole_and_later_rows_are_kept() -> None:
    giant = "x" * 200_000  # csv refuses cells over 131,072 characters by default
    table = read(f'id,date,title,text\nhgp,1937,Opens,"{giant}"\nnext,1950,Later,Short\n'.encode())
    assert [(r.row, len(r.cells["text"])) for r in table.records] == [(2, 200_000), (3, 5)]
    assert flat(table) == []


def test_field_count_problem_keeps_the_extra_values() -> None:
    (problem,) = read(b"id,date,title\nhgp,1937,Opens, at last,,x\n").problems
    assert (problem.row, problem.value) == (2, "at last, x")


@pytest.mark.parametrize(("row", "said"), [
    (b"wu,1947,Washington University, admits,St. Louis", "Most likely the comma is in column C ('title'), whose "
     "text reads on in the next cell: 'Washington University, admits'"),
    (b"wu,1947,It served 1,000 patients,St. Louis", "column C ('title')"),
    (b"wu,1947,Two,Capital,Words", None),  # nothing reads on: no guess
    (b"wu,1947,a,b,c", None),  # several places read on equally well: no guess
])
def test_field_count_names_the_cell_that_most_likely_holds_the_comma(row: bytes, said: str | None) -> None:
    (problem,) = read(b"id,date,title,place\n" + row + b"\n").problems
    assert problem.code == "field-count"
    assert (said in problem.message) if said else ("Most likely" not in problem.message), problem.message


def test_a_comma_before_a_date_is_placed_by_the_dates_shape() -> None:
    (problem,) = read(b"id,title,date,status\nwu,Admits,students,1947,draft\n").problems
    assert "Most likely the comma is in column B ('title')" in problem.message
    assert "Put the whole of column B ('title') in double quotes" in problem.hint


def test_line_is_set_only_where_it_differs_from_row() -> None:
    table = read(b'id,date,title\nhgp,1937,"Two\nlines"\nwu,=1947,Admits,extra\n')
    assert [(p.code, p.row, p.line) for p in table.problems] == [("field-count", 3, 4)]
    table = read(b"id,date,title\nhgp,=1,x\n")
    assert [(p.code, p.row, p.line) for p in table.problems] == [("formula", 2, None)]


def test_quoted_comma_after_a_space_stays_one_cell() -> None:
    assert rows(read(b'id,date,title\nhgp, 1937, "Opens, at last"\n')) == [
        (2, 2, {"id": "hgp", "date": "1937", "title": "Opens, at last"})]


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (3, "D"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"),
                                                (702, "AAA")])
def test_column_letter(index: int, letters: str) -> None:
    assert column_letter(index) == letters


# --- why the reader uses csv in strict mode ----------------------------------------------------------------------

def test_csv_module_lenient_mode_hides_truncation_and_strict_mode_reports_it() -> None:
    cut = 'id,title\nhgp,"Opens in\n'
    assert list(csv.reader(io.StringIO(cut, newline=""))) == [["id", "title"], ["hgp", "Opens in\n"]]
    with pytest.raises(csv.Error, match="unexpected end of data"):
        list(csv.reader(io.StringIO(cut, newline=""), strict=True))


# --- properties --------------------------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_never_raises_for_any_bytes(data: bytes) -> None:
    assert isinstance(read(data), Table)


CSV_ISH = st.text(st.sampled_from(list('ab ,;\t"\r\n=-@é“\ufeff\u2028')) | st.characters(), max_size=300)


@settings(max_examples=300, deadline=None)
@given(CSV_ISH, st.sampled_from(["", "id,date,title\n", "\ufeffid;date;title\r"]), st.sampled_from(["utf-8", "cp1252"]))
def test_never_raises_for_any_text(text: str, header: str, encoding: str) -> None:
    table = read((header + text).encode(encoding, errors="ignore"))
    assert isinstance(table, Table)
    assert all(set(r.cells) <= set(table.columns) for r in table.records)


CELL = st.text(st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from(list('\n\r", ;')), max_size=12)


@settings(max_examples=200, deadline=None)
# Python 3.11's writer leaves a lone \r unquoted when the line ends in \n; spreadsheets quote it, so QUOTE_ALL there
@given(st.lists(st.tuples(CELL, CELL, CELL), max_size=8),
       st.sampled_from([("\r\n", csv.QUOTE_MINIMAL), ("\n", csv.QUOTE_ALL)]))
def test_what_a_spreadsheet_writes_is_read_back(records: list[tuple[str, str, str]], style: tuple[str, int]) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=style[0], quoting=style[1])
    writer.writerow(["id", "date", "title"])
    writer.writerows(records)
    table = read(out.getvalue().encode())
    expected = [(n, dict(zip(("id", "date", "title"), (v.strip() for v in r), strict=True)))
                for n, r in enumerate(records, 2) if any(v.strip() for v in r)]
    assert [(r.row, dict(r.cells)) for r in table.records] == expected
    assert {p.code for p in table.problems} <= {"formula", "file-empty"}
