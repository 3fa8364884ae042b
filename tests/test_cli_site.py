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
