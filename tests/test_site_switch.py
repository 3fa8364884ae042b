"""Switching a finished build in whole, and never over files the builder did not make."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.site.switch import switch_in
from timeline.site.target import ForeignFolder, mark


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(folder: Path, text: str) -> Path:
    mark(folder)
    (folder / "index.html").write_text(text)
    return folder


def test_a_built_folder_is_replaced_whole_and_kept_for_the_next_build(tmp_path: Path) -> None:
    out, staging = _build(tmp_path / "out", "old"), _build(tmp_path / "staging", "new")
    switch_in(staging, out)
    assert (out / "index.html").read_text() == "new"
    assert (staging / "index.html").read_text() == "old"  # the build before, where the next build writes its changes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "staging"]


def test_a_link_is_switched_in_one_rename(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first, second = _build(tmp_path / "b1", "one"), _build(tmp_path / "b2", "two")
    out.symlink_to(first.name)
    switch_in(second, out)
    assert out.is_symlink() and (out / "index.html").read_text() == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b1", "b2", "out"]


def test_a_folder_the_builder_did_not_make_is_never_switched_out(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "precious.txt").write_text("the only copy")
    with pytest.raises(ForeignFolder):
        switch_in(_build(tmp_path / "staging", "new"), out)
    assert _tree(out) == {"precious.txt": b"the only copy"}


def test_a_foreign_folder_at_the_spare_name_is_never_deleted(tmp_path: Path) -> None:
    spare = tmp_path / ".out.swap"
    spare.mkdir()
    (spare / "precious.txt").write_text("the only copy")
    with pytest.raises(ForeignFolder):
        switch_in(_build(tmp_path / "staging", "new"), _build(tmp_path / "out", "old"))
    assert _tree(spare) == {"precious.txt": b"the only copy"}
    assert (tmp_path / "out" / "index.html").read_text() == "old"
