"""``python -m timeline site OUT_DIR --watch``: rebuild the site whenever an input of the build changes.

The inputs are the events file, the settings file and the images the published entries show. The events file
is followed through the same last-known-good store as the running app (``PublishedStore``), with the same
settle rule, so the site changes when the app's visitors would see a change, and never for a save with errors.
The settings are read as the app reads them: a broken file is reported and the last good settings stay until
it is fixed. An image is judged once it has stayed the same for the settle time, like the events file. Each
build goes to its own folder and OUT_DIR, a symbolic link, is switched to it in one atomic rename.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from timeline.catalog import Catalog
from timeline.media import resolve_image
from timeline.publishing import SettingsRead, Stamp, file_stamp, next_settings
from timeline.schema import Entry
from timeline.settings import Settings, load_settings
from timeline.site.target import ForeignFolder, is_built_site, is_empty_folder, remove_built
from timeline.store import PublishedStore

LOOK_EVERY_SECONDS = 1.0
SETTLE_SECONDS = 1.0  # as the app's live publishing: a changed file is judged once it has stayed the same this long
ImageStamps = tuple[tuple[str, Stamp | None], ...]


@dataclass(frozen=True)
class Inputs:
    """Where a build's inputs live: the events file (through its store), the settings file and the media folder."""

    store: PublishedStore
    settings: Path
    media: Path


def builds_dir(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.builds"


def next_slot(out_dir: Path) -> Path:
    """The build folder OUT_DIR does not point at: two slots, so each build rewrites only what changed since the
    build before last, while the other slot stays whole for the web server."""
    builds = builds_dir(out_dir)
    serving = out_dir.resolve() if out_dir.is_symlink() else None
    return builds / ("b" if serving == (builds / "a").resolve() else "a")


def adopt_as_link(out_dir: Path) -> None:
    """Make ``out_dir`` a link to a build folder, moving a folder built earlier (or an empty one) into place first.

    A folder holding anything else raises ``ForeignFolder``: it would become a slot, and slots are rewritten.
    """
    builds = builds_dir(out_dir)
    builds.mkdir(parents=True, exist_ok=True)
    if out_dir.is_symlink() or not out_dir.exists():
        return
    if not (is_built_site(out_dir) or is_empty_folder(out_dir)):
        raise ForeignFolder(f"{out_dir} holds files python -m timeline site did not make; it was left as it is.")
    adopted = builds / "a"
    remove_built(adopted)
    out_dir.rename(adopted)
    out_dir.symlink_to(adopted.relative_to(out_dir.parent))


def image_stamps(entries: Sequence[Entry], media_dir: Path) -> ImageStamps:
    """Each shown image's file stamp: a replaced picture changes it though the events file does not change."""
    stamps = []
    for entry in entries:
        if entry.image:
            path = resolve_image(media_dir, entry.image)
            stamps.append((entry.image, file_stamp(path) if isinstance(path, Path) else None))
    return tuple(stamps)


def _settled(stamps: ImageStamps, now: float) -> bool:
    return all(stamp is None or not 0 <= now - stamp[0] / 1e9 < SETTLE_SECONDS for _, stamp in stamps)


def watch(inputs: Inputs, build: Callable[[Catalog, Settings], None], stop: threading.Event,
          report: Callable[[str], None], look_every: float = LOOK_EVERY_SECONDS) -> int:
    """Build once now and again whenever the published version, the settings or a shown image changes, until
    ``stop`` is set; ``report`` hears what is wrong with the settings file. Returns how many builds ran.

    Nothing is built before the settings file has been read once: a site built with the default settings
    (another title, grey categories) would replace a good one; the site online stays until the file is fixed.
    """
    read: SettingsRead | None = None
    built, builds, said, readable = None, 0, "", False
    while not stop.is_set():
        read = next_settings(read, file_stamp(inputs.settings), time.time(), lambda: load_settings(inputs.settings))
        readable = readable or not read.problem
        if read.problem != said:
            said = read.problem
            if said:
                report(f"{inputs.settings}: {said}")
        current = inputs.store.refresh(SETTLE_SECONDS, read.settings.category_order()).current
        images = image_stamps(current.visible.entries, inputs.media)
        key = (current.version, read.settings, images)
        if readable and current.version and key != built and _settled(images, time.time()):
            build(current, read.settings)
            built, builds = key, builds + 1
        stop.wait(look_every)
    return builds
