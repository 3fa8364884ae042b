"""``python -m timeline site OUT_DIR --watch``: rebuild the site each time a new version is published.

It follows the same last-known-good store as the running app (``PublishedStore``), with the same settle rule,
so the site changes exactly when the app's visitors would see a change, and never for a save with errors.
Each build goes to its own folder and OUT_DIR, a symbolic link, is switched to it in one atomic rename.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from timeline.catalog import Catalog
from timeline.site.target import ForeignFolder, is_built_site, is_empty_folder, remove_built
from timeline.store import PublishedStore

LOOK_EVERY_SECONDS = 1.0
SETTLE_SECONDS = 1.0  # as the app's live publishing: a changed file is judged once it has stayed the same this long


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


def watch(store: PublishedStore, build: Callable[[Catalog], None], stop: threading.Event,
          order: Callable[[], tuple[str, ...]] = tuple, look_every: float = LOOK_EVERY_SECONDS) -> int:
    """Build once now and again per newly published version until ``stop`` is set; returns how many builds ran."""
    built_version, builds = None, 0
    while not stop.is_set():
        current = store.refresh(SETTLE_SECONDS, order()).current
        if current.version and current.version != built_version:
            build(current)
            built_version, builds = current.version, builds + 1
        stop.wait(look_every)
    return builds
