"""Whether a folder may receive the static site, and the one rule for what the builder may delete.

A build replaces OUT_DIR whole and keeps the build before last beside it as its next staging folder, so a
wrong OUT_DIR (the events CSV typed by analogy with ``check``, a web root holding other files) would be moved
aside and then deleted by the build after. So the builder marks every folder it makes, deletes only a marked
folder (or an empty one), and refuses to build over anything else. ``--force`` never deletes either: it moves
the foreign folder, whole and untouched, to a visible ``NAME.kept-...`` beside it, which no build touches again.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

MARKER = ".timeline-site"  # written first into every folder the builder makes
MARKER_TEXT = ("Built by python -m timeline site. This folder is replaced whole by the next build; "
               "put nothing else in it.\n")
MANIFEST = ".site-manifest.json"  # in each build folder: path -> what it holds, so a rebuild writes only changes


class ForeignFolder(Exception):
    """A path the builder would replace or delete holds something it did not make; the message says what to do."""


def is_built_site(folder: Path) -> bool:
    """A real folder (not a link) carrying the builder's marker, or the manifest every earlier build wrote."""
    return folder.is_dir() and not folder.is_symlink() and ((folder / MARKER).is_file() or
                                                            (folder / MANIFEST).is_file())


def is_empty_folder(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink() and next(path.iterdir(), None) is None


def is_ours(path: Path) -> bool:
    """Nothing there, an empty folder, or a built site, directly or through a link: nothing anyone would miss."""
    real = path.resolve()
    return not real.exists() or is_empty_folder(real) or is_built_site(real)


def mark(folder: Path) -> None:
    """Make ``folder`` (created if needed) one the builder may replace and delete later."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def remove_built(path: Path) -> None:
    """Delete ``path`` if it is nothing, an empty folder or a folder the builder made; else raise ForeignFolder.

    Every deletion the builder makes goes through here, so no flag and no stale name can reach anything else.
    """
    if not os.path.lexists(path):
        return
    if not (is_built_site(path) or is_empty_folder(path)):
        raise ForeignFolder(f"{path} was not made by python -m timeline site, so it was left as it is and "
                            f"nothing was built. Move it away (it may hold files someone needs), then build again.")
    shutil.rmtree(path)


def out_dir_problem(out_dir: Path, force: bool, keep_clear: tuple[Path, ...] = ()) -> str:
    """Why the site may not be built at ``out_dir`` ("" when it may).

    Refused always: a path ending in ``.csv`` (``site data/events.csv``, typed as ``check`` takes its file), an
    existing file, and a folder holding any of ``keep_clear`` (the events file, the media folder, the working
    folder), which ``--force`` would move away from under the build. Refused unless ``force``: a folder, or a
    link to one, that holds files and was not made by this builder.
    """
    if out_dir.suffix.lower() == ".csv":
        return (f"{out_dir} looks like an events file, not a folder: site takes the folder to build into, and the "
                f"events file with --data. Nothing was written. Did you mean: python -m timeline site _site "
                f"--data {out_dir}")
    if out_dir.is_file():
        return f"{out_dir} is a file, not a folder; nothing was written. Give the folder to build the site into."
    if out_dir.exists():
        real = out_dir.resolve()
        held = [p for p in keep_clear if p.resolve() == real or p.resolve().is_relative_to(real)]
        if held:
            return (f"{out_dir} holds {held[0]}, which the build reads; nothing was written. Build the site into "
                    "a folder of its own.")
    if force or is_ours(out_dir):
        return ""
    return (f"{out_dir} already exists and holds files this tool did not make; nothing was written. Choose another "
            "folder, or add --force to build there anyway: what it holds is moved, untouched, to a folder "
            f"named {out_dir.name}.kept-DATE beside it (never deleted).")


def set_aside(out_dir: Path) -> Path | None:
    """Move a foreign ``out_dir`` (a folder, or a link to one) to ``NAME.kept-YYYYMMDD-HHMMSS`` beside it.

    Returns where it went, or None when there was nothing to move (missing, empty or built by this tool).
    """
    if is_ours(out_dir):
        return None
    stamp = time.strftime("%Y%m%d-%H%M%S")
    kept = out_dir.parent / f"{out_dir.name}.kept-{stamp}"
    n = 1
    while os.path.lexists(kept):
        n += 1
        kept = out_dir.parent / f"{out_dir.name}.kept-{stamp}-{n}"
    os.rename(out_dir, kept)
    return kept
