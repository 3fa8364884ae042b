"""The checker's text and JSON output and exit codes, run as curators run it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from timeline.cli import (
    COMMANDS,
    EXIT_BROKEN_PIPE,
    EXIT_CRASH,
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    EXIT_MISUSE,
    EXIT_OK,
    main,
)
from timeline.settings import PROJECT_ROOT

GOOD = "id,date,title,text,category,sources\na,1950,First,Text,Washington University,Becker Archives\n"
BAD = "id,date,title,text,category,sources\na,03/04/1950,First,Text,Washington University,Becker Archives\n"


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "timeline", *args], capture_output=True, text=True,
                          cwd=PROJECT_ROOT, env=env, timeout=60)


def write(tmp_path: Path, text: str | bytes, name: str = "events.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_bundled_data_is_publishable():
    result = run("check")
    assert result.returncode == EXIT_OK, result.stdout + result.stderr
    assert "0 errors" in result.stdout and "publishable" in result.stdout
    # run from the project folder, the default file is named as a curator would type it, not by its absolute path
    assert re.match(r"data/events\.csv: \d+ published entries", result.stdout.splitlines()[-1]), result.stdout


def test_a_path_outside_the_working_folder_stays_as_typed(tmp_path):
    path = write(tmp_path, GOOD)
    assert run("check", str(path), "--media", str(tmp_path)).stdout.startswith(f"{path}: ")
    relative = subprocess.run([sys.executable, "-m", "timeline", "check", "events.csv", "--media", "."],
                              capture_output=True, text=True, cwd=tmp_path, timeout=60,
                              env={"PYTHONPATH": str(PROJECT_ROOT), "PATH": "/usr/bin:/bin"})
    assert relative.stdout.startswith("events.csv: 1 published entry"), relative.stdout + relative.stderr


def test_output_cut_short_by_a_closed_pipe_ends_quietly(tmp_path):
    rows = "".join(f"r{i},03/04/1950,T,X,Washington University,Becker\n" for i in range(3000))
    path = write(tmp_path, GOOD.splitlines()[0] + "\n" + rows)
    process = subprocess.Popen([sys.executable, "-m", "timeline", "check", str(path), "--format", "json"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=PROJECT_ROOT)
    assert process.stdout.readline().strip() == b"{"  # `| head -1`
    process.stdout.close()
    assert process.wait(timeout=60) == EXIT_BROKEN_PIPE
    assert process.stderr.read() == b""
    process.stderr.close()


def test_a_file_level_problem_that_knows_its_line_is_named_path_colon_line(tmp_path, capsys):
    path = write(tmp_path, b"id,date,title\na,1950,T\nb,19\x0050,T\n")
    assert main(["check", str(path), "--media", str(tmp_path)]) == EXIT_INVALID
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(f"{path}:3: error: ") and "(line 3)" not in first, first


def test_text_output_points_at_row_and_column_with_a_fix(tmp_path, capsys):
    path = write(tmp_path, BAD)
    assert main(["check", str(path), "--media", str(tmp_path)]) == EXIT_INVALID
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{path}:2: date: error: ")
    assert "[date-ambiguous]" in lines[0]
    assert lines[1].strip().startswith("fix: ")
    assert "1 error," in lines[-1] and "NOT publishable" in lines[-1] and "UTF-8" in lines[-1]


def test_good_file_exits_zero_with_summary(tmp_path, capsys):
    path = write(tmp_path, GOOD)
    assert main(["check", str(path), "--media", str(tmp_path)]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.strip() == (f"{path}: 1 published entry, 0 drafts, 0 eras; 0 errors, 0 warnings; "
                           "read as UTF-8; publishable.")


def test_json_output(tmp_path, capsys):
    path = write(tmp_path, BAD)
    assert main(["check", str(path), "--media", str(tmp_path), "--format", "json"]) == EXIT_INVALID
    report = json.loads(capsys.readouterr().out)
    assert report["publishable"] is False
    assert {k: report[k] for k in ("published_entries", "drafts", "eras", "errors", "warnings")} == {
        "published_entries": 0, "drafts": 0, "eras": 0, "errors": 1, "warnings": 0}
    assert [(p["row"], p["column"], p["code"]) for p in report["problems"]] == [(2, "date", "date-ambiguous")]
    assert report["problems"][0]["value"] == "03/04/1950"


@pytest.mark.parametrize("args", [["nonsense"], ["check", "--format", "xml"], [], ["check", "a.csv", "b.csv"],
                                  ["publish", "a.csv", "b.csv"], ["publish", "--anyway=yes"]])
def test_misuse_exits_two_without_traceback(args):
    result = run(*args)
    assert result.returncode == EXIT_MISUSE
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("content", [
    b"", b"\xff\xfei\x00d\x00", b"PK\x03\x04rest", b"\x00\x01\x02", b"id,date\n\x81\x8d", b'id,title\n"open',
    b"id;date;title\n1;2;3\n", b"\xef\xbb\xbf", b"\n\n\n",
])
def test_hostile_files_never_traceback(tmp_path, content):
    path = write(tmp_path, content)
    result = run("check", str(path), "--media", str(tmp_path))
    assert result.returncode == EXIT_INVALID, result.stdout
    assert "Traceback" not in result.stderr + result.stdout
    assert str(path) in result.stdout


def test_an_io_error_exits_three_not_two_and_says_what_could_not_be_written(tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    Image.new("RGB", (20, 20)).save(media / "p.png")
    path = write(tmp_path, GOOD.replace("sources\n", "sources,image,image_alt,image_credit\n").rstrip("\n")
                 + ",p.png,A square,Ours\n")
    (tmp_path / "not-a-folder").write_text("x")
    result = run("media", str(path), "--media", str(media), "--out", str(tmp_path / "not-a-folder"))
    assert result.returncode == EXIT_CRASH
    assert "could not read or write" in result.stderr and "not-a-folder" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize(("raised", "status", "said"), [
    (ValueError("a bug"), EXIT_CRASH, "unexpected problem: ValueError: a bug"),
    (PermissionError(13, "Permission denied", "data/events.csv"), EXIT_CRASH,
     "could not read or write data/events.csv: Permission denied"),
    (KeyboardInterrupt(), EXIT_INTERRUPTED, ""),
])
def test_a_crash_has_its_own_status_never_the_mistyped_commands(monkeypatch, capsys, raised, status, said):
    def crash(args, out):
        raise raised

    monkeypatch.setitem(COMMANDS, "check", crash)
    assert main(["check"]) == status
    assert status != EXIT_MISUSE and said in capsys.readouterr().err


def test_missing_file_is_reported_not_raised(tmp_path):
    result = run("check", str(tmp_path / "absent.csv"))
    assert result.returncode == EXIT_INVALID
    assert "file-missing" in result.stdout


def test_environment_variables_set_the_defaults(tmp_path):
    path = write(tmp_path, BAD)
    env = {"PATH": "/usr/bin:/bin", "TIMELINE_DATA": str(path), "TIMELINE_MEDIA": str(tmp_path)}
    result = run("check", env=env)
    assert result.returncode == EXIT_INVALID
    assert f"{path}:2: date" in result.stdout


@pytest.mark.parametrize(("image", "code", "status"), [
    ("missing.jpg", "image-missing", EXIT_OK),  # a warning: visitors see a placeholder card until it is copied in
    ("broken.jpg", "image-unreadable", EXIT_INVALID),
    ("drawing.svg", "image-format", EXIT_INVALID),
    ("../outside.jpg", "image-path", EXIT_INVALID),
])
def test_images_are_reported_at_their_row(tmp_path, image, code, status, capsys):
    media = tmp_path / "media"
    media.mkdir()
    Image.new("RGB", (64, 48), "navy").save(media / "ok.jpg")
    good_bytes = (media / "ok.jpg").read_bytes()
    (media / "broken.jpg").write_bytes(good_bytes[: len(good_bytes) // 2])
    (media / "drawing.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    rows = ("id,date,title,text,category,sources,image,image_alt,image_credit\n"
            "fine,1950,T,X,Washington University,Becker,ok.jpg,Alt,Credit\n"
            f"bad,1951,T,X,Washington University,Becker,{image},Alt,Credit\n")
    path = write(tmp_path, rows)
    assert main(["check", str(path), "--media", str(media), "--format", "json"]) == status
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert [(p["row"], p["column"], p["code"]) for p in problems] == [(3, "image", code)]


def test_a_missing_image_is_a_warning_and_media_reports_it_once(tmp_path, capsys):
    rows = ("id,date,title,text,category,sources,image,image_alt,image_credit\n"
            "gone,1950,T,X,Washington University,Becker,gone.jpg,Alt,Credit\n")
    path = write(tmp_path, rows)
    assert main(["check", str(path), "--media", str(tmp_path)]) == EXIT_OK
    out = capsys.readouterr().out
    assert f"{path}:2: image: warning: 'gone.jpg' is not in the media folder." in out and "1 published entry" in out
    assert main(["media", str(path), "--media", str(tmp_path), "--out", str(tmp_path / "derived")]) == EXIT_INVALID
    out = capsys.readouterr().out
    assert out.count("gone.jpg") == 1 and "1 placeholder card, 1 image problem" in out


def test_a_date_of_four_hundred_qualifiers_is_an_error_not_a_crash(tmp_path):
    path = write(tmp_path, "id,date,title,text,category,sources\n"
                           f"a,{'early ' * 400}1947,First,Text,Washington University,Becker\n")
    result = run("check", str(path), "--media", str(tmp_path))
    assert result.returncode == EXIT_INVALID, result.stdout + result.stderr
    assert f"{path}:2: date: error: The date has 2,404 characters; the limit for date is 100." in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_media_builds_derivatives_and_reports_broken_images_at_their_row(tmp_path, capsys):
    media = tmp_path / "media"
    media.mkdir()
    Image.new("RGB", (900, 600), "maroon").save(media / "ok.jpg")
    (media / "bad.jpg").write_bytes(b"no image here")
    rows = ("id,date,title,text,category,sources,image,image_alt,image_credit\n"
            "fine,1950,T,X,Washington University,Becker,ok.jpg,Alt,Credit\n"
            "card,1951,T,X,Washington University,Becker,,,\n")
    path = write(tmp_path, rows)
    out_dir = tmp_path / "derived"
    assert main(["media", str(path), "--media", str(media), "--out", str(out_dir)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "3 derivatives made" in out and "1 placeholder card," in out and "0 image problems" in out
    assert len(list(out_dir.glob("*-thumbnail.jpg"))) == 1
    path.write_text(rows.replace("ok.jpg", "bad.jpg"), encoding="utf-8")
    assert main(["media", str(path), "--media", str(media), "--out", str(out_dir)]) == EXIT_INVALID
    assert f"{path}:2: image: error:" in capsys.readouterr().out


@pytest.mark.parametrize("rows", [BAD, GOOD + "b,1951,Second,Text, with a comma,Washington University,Becker\n"])
def test_media_exits_one_when_the_file_has_errors_that_are_not_about_images(tmp_path, capsys, rows):
    path = write(tmp_path, rows)
    assert main(["media", str(path), "--media", str(tmp_path), "--out", str(tmp_path / "derived")]) == EXIT_INVALID
    assert "1 other error" in capsys.readouterr().out


def test_media_prune_deletes_files_no_entry_uses_and_only_when_the_file_passes(tmp_path, capsys):
    media = tmp_path / "media"
    media.mkdir()
    out_dir = tmp_path / "derived"
    path = write(tmp_path, GOOD)
    assert main(["media", str(path), "--media", str(media), "--out", str(out_dir)]) == EXIT_OK
    old_cards = set(out_dir.iterdir())
    path.write_text(GOOD.replace("First", "Renamed"), encoding="utf-8")  # the card shows the title: a new card
    assert main(["media", str(path), "--media", str(media), "--out", str(out_dir), "--prune"]) == EXIT_OK
    assert "2 unused files deleted" in capsys.readouterr().out
    assert not old_cards & set(out_dir.iterdir()) and len(list(out_dir.iterdir())) == 2
    kept = set(out_dir.iterdir())
    path.write_text(BAD, encoding="utf-8")
    assert main(["media", str(path), "--media", str(media), "--out", str(out_dir), "--prune"]) == EXIT_INVALID
    assert "not pruning: the file has 1 error" in capsys.readouterr().out
    assert set(out_dir.iterdir()) == kept


def test_publish_publishes_holds_back_a_cut_off_save_and_publishes_it_anyway(tmp_path, capsys):
    rows = [f"e{n},{1900 + n},Entry {n},Text,Washington University,Becker\n" for n in range(8)]
    path = write(tmp_path, "id,date,title,text,category,sources\n" + "".join(rows))
    publish = ["publish", str(path), "--media", str(tmp_path)]
    assert main(publish) == EXIT_OK
    assert capsys.readouterr().out.endswith(": published (8 published entries). Open exhibit pages show it within "
                                            "seconds.\n")
    assert main(publish) == EXIT_OK
    assert "already published at" in capsys.readouterr().out
    write(tmp_path, "id,date,title,text,category,sources\n" + "".join(rows[:5]))
    assert main(publish) == EXIT_INVALID
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == ["would remove: e5 — Entry 5", "would remove: e6 — Entry 6", "would remove: e7 — Entry 7"]
    assert "held back. The file on disk would take 3 of the 8 published entries away" in out[3]
    assert f"python -m timeline publish {path} --anyway" in out[3]
    assert "Visitors keep the version published at" in out[3]
    assert main([*publish, "--anyway"]) == EXIT_OK
    assert "published (5 published entries)" in capsys.readouterr().out
    assert main(publish) == EXIT_OK  # the published copy now is the 5-entry file


def test_publish_never_publishes_a_file_with_errors(tmp_path, capsys):
    path = write(tmp_path, BAD)
    assert main(["publish", str(path), "--media", str(tmp_path), "--anyway"]) == EXIT_INVALID
    out = capsys.readouterr().out
    assert "[date-ambiguous]" in out
    assert out.splitlines()[-1] == (f"{path}: not published: the file has 1 error, listed above. Visitors see no "
                                    "entries until a version passes.")

