"""import timelinejs, export timelinejs and template as curators run them: files, exit codes, the round trip."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from timeline.catalog import build_catalog
from timeline.cli import EXIT_INVALID, EXIT_MISUSE, EXIT_OK, main
from timeline.settings import PROJECT_ROOT
from timeline.timelinejs import SHEET_COLUMNS

FIXTURES = Path(__file__).parent / "fixtures" / "timelinejs"
CATALOGUE = FIXTURES / "catalogue.csv"


@pytest.fixture
def media(tmp_path: Path) -> Path:
    folder = tmp_path / "media"
    folder.mkdir()
    Image.new("RGB", (40, 30), "gray").save(folder / "hgp.jpg")
    return folder


def run(*args: str, cwd: Path = PROJECT_ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "timeline", *args], capture_output=True, text=True, cwd=cwd,
                          env={"PYTHONPATH": str(PROJECT_ROOT), "PATH": "/usr/bin:/bin"}, timeout=60)


# --- import ---


def test_import_writes_our_csv_and_reports(tmp_path, capsys):
    output = tmp_path / "events.csv"
    assert main(["import", "timelinejs", str(FIXTURES / "sheet.csv"), "-o", str(output)]) == EXIT_OK
    report = capsys.readouterr().out
    assert "sheet.csv:7: Media: media URL https://example.org/photo.jpg must be downloaded" in report
    sheet = FIXTURES.relative_to(PROJECT_ROOT) / "sheet.csv"  # named relative to the working folder
    assert f"Imported 9 rows (2 eras, 7 drafts) from {sheet} into {output}" in report
    assert "Without sources (TimelineJS has no such column): 7 rows, kept as drafts" in report
    assert '    title = "Desegregating St. Louis medicine"\n    introduction = "A century of change."\n' in report
    data = output.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,kind,date,end_date,")  # UTF-8 with a BOM, so Excel reads accents
    assert len(build_catalog(data).entries) == 7


def test_import_defaults_to_a_file_beside_the_sheet_and_never_overwrites(tmp_path, capsys):
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes((FIXTURES / "sheet.csv").read_bytes())
    assert main(["import", "timelinejs", str(sheet)]) == EXIT_OK
    written = (tmp_path / "events-imported.csv").read_bytes()
    (tmp_path / "events-imported.csv").write_text("curator's work")
    assert main(["import", "timelinejs", str(sheet)]) == EXIT_MISUSE
    assert "already exists" in capsys.readouterr().out
    assert (tmp_path / "events-imported.csv").read_text() == "curator's work"
    assert main(["import", "timelinejs", str(sheet), "--force"]) == EXIT_OK
    assert (tmp_path / "events-imported.csv").read_bytes() == written


@pytest.mark.parametrize(("content", "message"), [
    (b"", "The file is empty"),
    (b"PK\x03\x04rest of a workbook", "workbook"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image"),
    (b"id,date,title\na,1947,Our own format\n", "not a TimelineJS sheet"),
    (b"Year,Headline\n", "no rows to import"),
    (b'{"events": [', "looks like JSON but cannot be read"),
    (b'{"title": {}}', "not TimelineJS JSON"),
    (b"\xff\xfe\x00\x00garbage", "UTF-16"),
])
def test_unreadable_input_exits_one_and_writes_nothing(tmp_path, capsys, content, message):
    sheet = tmp_path / "in.csv"
    sheet.write_bytes(content)
    assert main(["import", "timelinejs", str(sheet)]) == EXIT_INVALID
    assert message in capsys.readouterr().out
    assert not (tmp_path / "events-imported.csv").exists()


def test_a_missing_sheet_exits_one(tmp_path, capsys):
    assert main(["import", "timelinejs", str(tmp_path / "nope.csv")]) == EXIT_INVALID
    assert "cannot read the file" in capsys.readouterr().out


@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: ("Year,Headline,Text\n" + t).encode()))
@settings(max_examples=60, deadline=None)
def test_garbage_never_raises(tmp_path_factory, content):
    folder = tmp_path_factory.mktemp("garbage")
    sheet = folder / "in.csv"
    sheet.write_bytes(content)
    out = io.StringIO()
    err = sys.stderr
    sys.stderr = io.StringIO()  # main reports an unexpected exception here instead of raising
    try:
        status = main(["import", "timelinejs", str(sheet)], out)
        unexpected = sys.stderr.getvalue()
    finally:
        sys.stderr = err
    assert status in (EXIT_OK, EXIT_INVALID) and unexpected == ""


@pytest.mark.parametrize("args", [
    ["import"], ["import", "excel", "x.csv"], ["import", "timelinejs"], ["export", "timelinejs"],
    ["template", "--bogus"],
])
def test_misuse_exits_two_without_a_traceback(args):
    result = run(*args)
    assert result.returncode == EXIT_MISUSE
    assert "Traceback" not in result.stderr and "--help" in result.stderr


# --- export ---


def test_export_writes_timelinejs_json(tmp_path, media, capsys):
    output = tmp_path / "timeline.json"
    output.write_text("an older export")
    assert main(["export", "timelinejs", str(output), "--csv", str(CATALOGUE), "--media", str(media)]) == EXIT_OK
    assert "4 published entries and 1 era (drafts left out)" in capsys.readouterr().out
    exported = json.loads(output.read_text(encoding="utf-8"))
    assert [e["unique_id"] for e in exported["events"]] == ["hgp-opens", "campaign", "wu-students", "q-one"]
    assert list(tmp_path.glob("*.tmp")) == []


def test_export_refuses_a_file_with_errors(tmp_path, capsys):
    bad = tmp_path / "events.csv"
    bad.write_text("id,date,title,text,category,sources\na,03/04/1950,T,x,C,S\nb,1950,T,x,C,javascript:x\n")
    output = tmp_path / "timeline.json"
    assert main(["export", "timelinejs", str(output), "--csv", str(bad), "--media", str(tmp_path)]) == EXIT_INVALID
    assert f"{bad} has 2 errors" in capsys.readouterr().out
    assert not output.exists()


def test_export_into_a_missing_folder_is_misuse(tmp_path, media, capsys):
    output = tmp_path / "no" / "timeline.json"
    assert main(["export", "timelinejs", str(output), "--csv", str(CATALOGUE), "--media", str(media)]) == EXIT_MISUSE
    assert "does not exist" in capsys.readouterr().out


# --- template ---


def test_template_passes_the_checker_as_curators_run_it(tmp_path):
    result = run("template", "-o", "events.csv", cwd=tmp_path)
    assert result.returncode == EXIT_OK, result.stdout + result.stderr
    checked = run("check", str(tmp_path / "events.csv"), "--media", str(tmp_path))
    assert checked.returncode == EXIT_OK, checked.stdout
    assert "0 errors, 0 warnings" in checked.stdout


def test_template_defaults_to_the_current_folder_and_never_overwrites(tmp_path):
    assert run("template", cwd=tmp_path).returncode == EXIT_OK
    written = (tmp_path / "events-template.csv").read_bytes()
    again = run("template", cwd=tmp_path)
    assert again.returncode == EXIT_MISUSE and "already exists" in again.stdout
    assert run("template", "--force", cwd=tmp_path).returncode == EXIT_OK
    assert (tmp_path / "events-template.csv").read_bytes() == written


# --- round trip ---


def seen(data: bytes) -> list[tuple]:
    """What visitors see of each entry: position, label, words, lane, image."""
    catalog = build_catalog(data).visible
    return [(e.kind, e.title, e.date.start_year, e.date.end_year, e.date_label, e.category, e.text, e.attribution,
             e.sources, e.image, e.image_alt, e.image_caption, e.image_credit)
            for e in (*catalog.entries, *catalog.eras)]


def json_to_sheet(exported: dict) -> bytes:
    """What a curator gets by pasting TimelineJS JSON into the Google Sheets template and saving it as CSV."""
    out = io.StringIO()
    writer = csv.DictWriter(out, SHEET_COLUMNS)
    writer.writeheader()
    for kind, slides in (("", exported["events"]), ("era", exported["eras"])):
        for slide in slides:
            start, end = slide["start_date"], slide.get("end_date", {})
            media = slide.get("media", {})
            writer.writerow({"Year": start["year"], "Month": start.get("month", ""), "Day": start.get("day", ""),
                             "End Year": end.get("year", ""), "End Month": end.get("month", ""),
                             "End Day": end.get("day", ""), "Display Date": slide.get("display_date", ""),
                             "Headline": slide["text"]["headline"], "Text": slide["text"]["text"],
                             "Media": media.get("url", ""), "Media Credit": media.get("credit", ""),
                             "Media Caption": media.get("caption", ""), "Alt Text": media.get("alt", ""),
                             "Type": kind, "Group": slide.get("group", "")})
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize("via", ["json", "sheet"])
def test_round_trip_keeps_what_visitors_see(tmp_path, media, via):
    exported = tmp_path / "timeline.json"
    assert main(["export", "timelinejs", str(exported), "--csv", str(CATALOGUE), "--media", str(media)]) == EXIT_OK
    source = exported
    if via == "sheet":
        source = tmp_path / "sheet.csv"
        source.write_bytes(json_to_sheet(json.loads(exported.read_text(encoding="utf-8"))))
    back = tmp_path / "back.csv"
    assert main(["import", "timelinejs", str(source), "-o", str(back)]) == EXIT_OK
    assert seen(back.read_bytes()) == seen(CATALOGUE.read_bytes())
    ids = [e.id for e in build_catalog(back.read_bytes()).entries]
    assert ids == (["hgp-opens", "campaign", "wu-students", "q-one"] if via == "json" else
                   ["1937-homer-g-phillips-hospital-opens", "1940-years-of-campaigning",
                    "1947-first-black-students-at-the-medical", "1990-a-doctor-remembers"])
