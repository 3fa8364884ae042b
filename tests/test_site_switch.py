"""Switching a finished build in: one atomic step for a folder and for a link, and never over foreign files."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from timeline.site import switch
from timeline.site.switch import exchange, switch_in
from timeline.site.target import ForeignFolder, mark


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(folder: Path, text: str) -> Path:
    mark(folder)
    (folder / "index.html").write_text(text)
    return folder


@pytest.mark.parametrize("can_exchange", [True, False])
def test_a_built_folder_is_replaced_whole_and_kept_for_the_next_build(tmp_path: Path, can_exchange: bool,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    if not can_exchange:  # macOS, Windows, some network disks: three renames
        monkeypatch.setattr(switch, "exchange", lambda first, second: False)
    out, staging = _build(tmp_path / "out", "old"), _build(tmp_path / "staging", "new")
    switch_in(staging, out)
    assert (out / "index.html").read_text() == "new"
    assert (staging / "index.html").read_text() == "old"  # the build before, where the next build writes its changes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "staging"]


def test_a_folder_is_switched_in_without_a_moment_when_it_is_missing(tmp_path: Path) -> None:
    out, staging = _build(tmp_path / "out", "one"), _build(tmp_path / "staging", "two")
    missing, done = [], threading.Event()

    def read() -> None:  # a web server reading OUT_DIR all the while
        while not done.is_set():
            try:
                (out / "index.html").read_bytes()
            except FileNotFoundError:
                missing.append(1)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for _ in range(3000):
            switch_in(staging, out)
    finally:
        done.set()
        reader.join(10)
    assert missing == []


def test_exchange_swaps_two_folders(tmp_path: Path) -> None:
    first, second = _build(tmp_path / "a", "one"), _build(tmp_path / "b", "two")
    assert exchange(first, second)  # Linux on a local disk, as the tests run
    assert (first / "index.html").read_text() == "two" and (second / "index.html").read_text() == "one"


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


def test_a_foreign_folder_at_the_spare_name_is_never_deleted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(switch, "exchange", lambda first, second: False)
    spare = tmp_path / ".out.swap"
    spare.mkdir()
    (spare / "precious.txt").write_text("the only copy")
    with pytest.raises(ForeignFolder):
        switch_in(_build(tmp_path / "staging", "new"), _build(tmp_path / "out", "old"))
    assert _tree(spare) == {"precious.txt": b"the only copy"}
    assert (tmp_path / "out" / "index.html").read_text() == "old"
