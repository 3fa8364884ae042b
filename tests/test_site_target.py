"""What the site builder may build over and delete: only folders it marked as its own, or empty ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.site.target import (
    MANIFEST,
    ForeignFolder,
    is_built_site,
    mark,
    out_dir_problem,
    remove_built,
    set_aside,
)


def test_only_a_marked_folder_or_an_empty_one_is_deleted(tmp_path: Path) -> None:
    built, empty, foreign, file = tmp_path / "built", tmp_path / "empty", tmp_path / "foreign", tmp_path / "x.csv"
    mark(built)
    (built / "index.html").write_text("site")
    empty.mkdir()
    foreign.mkdir()
    (foreign / "precious.txt").write_text("the only copy")
    file.write_text("id,kind")
    remove_built(built)
    remove_built(empty)
    remove_built(tmp_path / "missing")
    for kept in (foreign, file):
        with pytest.raises(ForeignFolder, match="was not made by python -m timeline site"):
            remove_built(kept)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["foreign", "x.csv"]
    assert (foreign / "precious.txt").read_text() == "the only copy"


def test_a_link_is_never_followed_into_a_deletion(tmp_path: Path) -> None:
    site = tmp_path / "site"
    mark(site)
    (tmp_path / "link").symlink_to("site")
    with pytest.raises(ForeignFolder):
        remove_built(tmp_path / "link")
    assert is_built_site(site)


def test_a_folder_built_before_the_marker_existed_is_recognised_by_its_manifest(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / MANIFEST).write_text("{}")
    assert is_built_site(tmp_path / "old")
    assert out_dir_problem(tmp_path / "old", force=False) == ""


def test_a_built_site_behind_a_link_may_be_rebuilt(tmp_path: Path) -> None:
    mark(tmp_path / ".site.builds" / "a")
    (tmp_path / "site").symlink_to(".site.builds/a")
    assert out_dir_problem(tmp_path / "site", force=False) == ""
    assert set_aside(tmp_path / "site") is None and (tmp_path / "site").is_symlink()


def test_a_foreign_folder_needs_force_and_is_then_moved_aside_whole(tmp_path: Path) -> None:
    out = tmp_path / "www"
    out.mkdir()
    (out / "precious.txt").write_text("the only copy")
    assert "--force" in out_dir_problem(out, force=False)
    assert out_dir_problem(out, force=True) == ""
    first = set_aside(out)
    out.mkdir()
    (out / "other.txt").write_text("a second")
    second = set_aside(out)  # the same second: a name of its own
    assert first is not None and second is not None and first != second
    assert first.name.startswith("www.kept-") and (first / "precious.txt").read_text() == "the only copy"
    assert (second / "other.txt").read_text() == "a second" and not out.exists()


def test_a_folder_holding_an_input_is_refused_even_with_force(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "events.csv").write_text("id")
    assert "which the build reads" in out_dir_problem(data, force=True, keep_clear=(data / "events.csv",))
    assert "which the build reads" in out_dir_problem(tmp_path, force=True, keep_clear=(data / "events.csv",))
