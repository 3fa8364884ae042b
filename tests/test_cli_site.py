"""``python -m timeline site``: exit 0 built, 1 the file has errors (the built site untouched), 2 misuse."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.site_fixture import exhibit_copy
from timeline.cli import EXIT_INVALID, EXIT_MISUSE, EXIT_OK, main


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def exhibit(tmp_path: Path) -> tuple[Path, Path]:
    return exhibit_copy(tmp_path / "exhibit")


def _site(args: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    return main(["site", *args], out), out.getvalue()


def test_a_publishable_file_builds_the_site_and_says_what_it_made(exhibit: tuple[Path, Path],
                                                                  tmp_path: Path) -> None:
    csv, media = exhibit
    status, said = _site([str(tmp_path / "out"), "--data", str(csv), "--media", str(media),
                          "--base-url", "https://example.org/ex"])
    assert status == EXIT_OK, said
    assert "4/4 pages written" in said
    assert "Site built in" in said and "4 entry pages, 1 picture" in said
    assert "https://example.org/ex/entries/quote-ada/" in (tmp_path / "out" / "sitemap.xml").read_text()


def test_a_file_with_errors_leaves_the_built_site_exactly_as_it_was(exhibit: tuple[Path, Path],
                                                                     tmp_path: Path) -> None:
    csv, media = exhibit
    out = tmp_path / "out"
    assert _site([str(out), "--data", str(csv), "--media", str(media)])[0] == EXIT_OK
    before = _tree(out)
    csv.write_text(csv.read_text(encoding="utf-8").replace("1941~", "03/04/1941"), encoding="utf-8")
    status, said = _site([str(out), "--data", str(csv), "--media", str(media)])
    assert status == EXIT_INVALID
    assert "events.csv:4: date: error" in said
    assert "the site was not built" in said and "left exactly as it was" in said
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exhibit", "out"]  # nothing was built beside it


@pytest.mark.parametrize("url", ["example.org", "ftp://example.org/", "https://example.org/?a=1", "javascript:x"])
def test_a_base_url_that_is_not_a_web_address_is_misuse(url: str, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["site", str(tmp_path / "out"), "--base-url", url])
    assert stop.value.code == EXIT_MISUSE
    assert "is not a web address" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def _args(exhibit: tuple[Path, Path], *extra: str) -> list[str]:
    return [*extra, "--data", str(exhibit[0]), "--media", str(exhibit[1])]


def test_a_folder_the_tool_did_not_build_is_refused_and_survives_any_number_of_builds(
        exhibit: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "www"
    out.mkdir()
    (out / "precious.txt").write_text("the only copy", encoding="utf-8")
    for _ in range(3):
        status, said = _site(_args(exhibit, str(out)))
        assert status == EXIT_MISUSE
        assert "holds files this tool did not make; nothing was written" in said and "--force" in said
    assert _tree(out) == {"precious.txt": b"the only copy"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exhibit", "www"]


def test_force_moves_a_foreign_folder_aside_untouched_and_no_later_build_deletes_it(
        exhibit: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "www"
    (out / "old").mkdir(parents=True)
    (out / "precious.txt").write_text("the only copy", encoding="utf-8")
    (out / "old" / "page.html").write_text("<p>kept</p>", encoding="utf-8")
    status, said = _site(_args(exhibit, str(out), "--force"))
    assert status == EXIT_OK, said
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("www.kept-")]
    assert len(kept) == 1 and f"moved, untouched, to {kept[0]}" in said
    for _ in range(3):  # the build before last is deleted by each build: never the kept folder
        assert _site(_args(exhibit, str(out)))[0] == EXIT_OK
    assert _tree(kept[0]) == {"precious.txt": b"the only copy", "old/page.html": b"<p>kept</p>"}
    assert (out / "index.html").is_file()


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_the_events_file_given_as_out_dir_is_refused_and_left_byte_for_byte(exhibit: tuple[Path, Path],
                                                                             force: list[str]) -> None:
    csv, media = exhibit
    before = csv.read_bytes()
    for _ in range(2):
        status, said = _site([str(csv), "--media", str(media), *force])  # typed as `check data/events.csv` is
        assert status == EXIT_MISUSE
        assert "looks like an events file, not a folder" in said and "--data" in said
    assert csv.read_bytes() == before
    assert sorted(p.name for p in csv.parent.iterdir()) == ["events.csv", "exhibit.toml"]


def test_a_path_ending_in_csv_is_refused_even_when_it_does_not_exist(exhibit: tuple[Path, Path],
                                                                    tmp_path: Path) -> None:
    status, said = _site(_args(exhibit, str(tmp_path / "new.CSV")))
    assert status == EXIT_MISUSE and "looks like an events file" in said
    assert not (tmp_path / "new.CSV").exists()


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_file_given_as_out_dir_is_refused(exhibit: tuple[Path, Path], tmp_path: Path, force: list[str]) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a folder", encoding="utf-8")
    status, said = _site(_args(exhibit, str(notes), *force))
    assert status == EXIT_MISUSE and "is a file, not a folder" in said
    assert notes.read_text(encoding="utf-8") == "not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exhibit", "notes.txt"]


def test_a_folder_holding_the_events_file_is_refused_even_with_force(exhibit: tuple[Path, Path]) -> None:
    csv, _ = exhibit
    before = _tree(csv.parent)
    status, said = _site(_args(exhibit, str(csv.parent), "--force"))
    assert status == EXIT_MISUSE and "which the build reads" in said
    assert _tree(csv.parent) == before


def test_a_site_the_tool_built_and_an_empty_folder_are_rebuilt_without_force(exhibit: tuple[Path, Path],
                                                                             tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()  # made by the operator with the right owner: empty, so nothing can be lost
    for _ in range(3):
        status, said = _site(_args(exhibit, str(out)))
        assert status == EXIT_OK, said
    assert (out / ".timeline-site").is_file() and (out / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.previous", "exhibit", "out"]


def test_a_foreign_folder_at_the_staging_name_is_never_deleted(exhibit: tuple[Path, Path], tmp_path: Path) -> None:
    out, staging = tmp_path / "out", tmp_path / ".out.previous"
    staging.mkdir()
    (staging / "precious.txt").write_text("the only copy", encoding="utf-8")
    status, said = _site(_args(exhibit, str(out)))
    assert status == EXIT_MISUSE and "was not made by python -m timeline site" in said
    assert _tree(staging) == {"precious.txt": b"the only copy"}


def test_without_a_base_url_no_sitemap_is_written_and_the_output_says_why(exhibit: tuple[Path, Path],
                                                                          tmp_path: Path) -> None:
    status, said = _site(_args(exhibit, str(tmp_path / "out")))
    assert status == EXIT_OK, said
    assert "No sitemap.xml was written" in said and "--base-url" in said
    assert not (tmp_path / "out" / "sitemap.xml").exists()
    assert "Sitemap:" not in (tmp_path / "out" / "robots.txt").read_text(encoding="utf-8")


def test_watch_refuses_a_foreign_folder_before_it_starts(exhibit: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "www"
    out.mkdir()
    (out / "precious.txt").write_text("the only copy", encoding="utf-8")
    status, said = _site(_args(exhibit, str(out), "--watch"))
    assert status == EXIT_MISUSE and "holds files this tool did not make" in said
    assert not out.is_symlink() and _tree(out) == {"precious.txt": b"the only copy"}
