"""``site --watch``: a rebuild for each change to any input (events file, settings, images), never a broken one."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PIL import Image

from tests.site_fixture import exhibit_copy
from timeline.catalog import Catalog
from timeline.settings import Settings
from timeline.site.build import build_site
from timeline.site.target import ForeignFolder, mark
from timeline.site.watch import Inputs, adopt_as_link, builds_dir, next_slot, watch
from timeline.store import PublishedStore


@dataclass
class Watched:
    out: Path
    built: list[str] = field(default_factory=list)  # the version of each build
    said: list[str] = field(default_factory=list)

    def index(self) -> str:
        return (self.out / "index.html").read_text(encoding="utf-8")

    def pictures(self) -> set[str]:
        return {p.name for p in (self.out / "media").iterdir()}


@pytest.fixture
def exhibit(tmp_path: Path) -> tuple[Path, Path]:
    return exhibit_copy(tmp_path / "exhibit")


@contextmanager
def _watching(exhibit: tuple[Path, Path], tmp_path: Path) -> Iterator[Watched]:
    csv, media = exhibit
    watched = Watched(tmp_path / "site")
    adopt_as_link(watched.out)

    def build(catalog: Catalog, settings: Settings) -> None:
        build_site(catalog, settings, media, watched.out, tmp_path / "cache", staging=next_slot(watched.out))
        watched.built.append(catalog.version)

    store = PublishedStore(csv, media, state_dir=tmp_path / "state")
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(Inputs(store, csv.parent / "exhibit.toml", media), build, stop,
                                                  watched.said.append), kwargs={"look_every": 0.05})
    thread.start()
    try:
        _wait_for(lambda: len(watched.built) == 1)
        yield watched
        assert thread.is_alive()  # whatever happened, the watcher is still watching
    finally:
        stop.set()
        thread.join(10)


def _wait_for(condition: Callable[[], bool], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_watch_builds_each_newly_published_version_and_never_a_broken_one(exhibit: tuple[Path, Path],
                                                                           tmp_path: Path) -> None:
    csv, _ = exhibit
    with _watching(exhibit, tmp_path) as watched:
        good = csv.read_text(encoding="utf-8")
        csv.write_text(good.replace("Nurses train at the hospital", "Nurses train on the wards"), encoding="utf-8")
        _wait_for(lambda: len(watched.built) == 2)
        assert "Nurses train on the wards" in watched.index()
        csv.write_text(good.replace("1941~", "the year 41"), encoding="utf-8")  # a date error: never published
        time.sleep(1.5)
        assert len(watched.built) == 2 and "Nurses train on the wards" in watched.index()
    assert watched.out.is_symlink() and sorted(p.name for p in builds_dir(watched.out).iterdir()) == ["a", "b"]


def test_a_new_title_in_the_settings_is_built(exhibit: tuple[Path, Path], tmp_path: Path) -> None:
    with _watching(exhibit, tmp_path) as watched:
        _edit(exhibit[0].parent / "exhibit.toml", "A Test Exhibit", "A Renamed Exhibit")
        _wait_for(lambda: len(watched.built) == 2)
        assert "A Renamed Exhibit" in watched.index()
        time.sleep(1.5)
        assert len(watched.built) == 2  # once per change, not once per look


def test_a_replaced_image_is_built(exhibit: tuple[Path, Path], tmp_path: Path) -> None:
    with _watching(exhibit, tmp_path) as watched:
        before = watched.pictures()
        picture = exhibit[1] / "ward.jpg"
        Image.new("RGB", (1500, 1000), (20, 140, 200)).save(picture, quality=90)
        stamp = time.time_ns() + 10**9  # a copy tool keeps the original's time: a new stamp is enough
        os.utime(picture, ns=(stamp, stamp))
        _wait_for(lambda: len(watched.built) == 2)
        assert watched.pictures() != before


def test_a_broken_settings_file_is_reported_the_site_kept_and_the_fix_built(exhibit: tuple[Path, Path],
                                                                            tmp_path: Path) -> None:
    settings = exhibit[0].parent / "exhibit.toml"
    with _watching(exhibit, tmp_path) as watched:
        _edit(settings, 'title = "A Test Exhibit"', 'title = "A Typo Exhibit')  # an unclosed string
        _wait_for(lambda: len(watched.said) == 1)
        assert "exhibit.toml" in watched.said[0] and "not valid TOML" in watched.said[0]
        assert "line 1" in watched.said[0]
        time.sleep(1.0)
        assert len(watched.built) == 1 and "A Test Exhibit" in watched.index()
        _edit(settings, 'title = "A Typo Exhibit', 'title = "A Fixed Exhibit"')
        _wait_for(lambda: len(watched.built) == 2)
        assert "A Fixed Exhibit" in watched.index()
        assert len(watched.said) == 1  # said once, not once a second


def test_a_folder_the_builder_did_not_make_is_never_adopted(tmp_path: Path) -> None:
    out = tmp_path / "www"
    out.mkdir()
    (out / "precious.txt").write_text("the only copy")
    with pytest.raises(ForeignFolder):
        adopt_as_link(out)
    assert not out.is_symlink() and (out / "precious.txt").read_text() == "the only copy"


def test_a_foreign_folder_in_a_slot_is_never_deleted(tmp_path: Path) -> None:
    out, slot = tmp_path / "site", tmp_path / ".site.builds" / "a"
    mark(out)
    slot.mkdir(parents=True)
    (slot / "precious.txt").write_text("the only copy")
    with pytest.raises(ForeignFolder):
        adopt_as_link(out)
    assert (slot / "precious.txt").read_text() == "the only copy" and not out.is_symlink()


def test_a_settings_file_broken_from_the_start_builds_nothing_until_it_is_fixed(exhibit: tuple[Path, Path],
                                                                                tmp_path: Path) -> None:
    csv, media = exhibit
    settings = csv.parent / "exhibit.toml"
    _edit(settings, 'title = "A Test Exhibit"', 'title = "A Typo Exhibit')
    built: list[str] = []
    said: list[str] = []

    def build(catalog: Catalog, settings: Settings) -> None:
        built.append(settings.title)

    stop = threading.Event()
    store = PublishedStore(csv, media, state_dir=tmp_path / "state")
    thread = threading.Thread(target=watch, args=(Inputs(store, settings, media), build, stop, said.append),
                              kwargs={"look_every": 0.05})
    thread.start()
    try:
        _wait_for(lambda: len(said) == 1)
        time.sleep(1.0)
        assert built == []  # the default settings would replace a good site's title and colours
        _edit(settings, 'title = "A Typo Exhibit', 'title = "A Fixed Exhibit"')
        _wait_for(lambda: built == ["A Fixed Exhibit"])
    finally:
        stop.set()
        thread.join(10)
