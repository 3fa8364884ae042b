"""Putting a finished build at OUT_DIR whole, so a web server never serves half a site.

A link (what ``--watch`` keeps) is replaced by one atomic rename. A plain folder takes three renames.
"""

from __future__ import annotations

import os
from pathlib import Path

from timeline.site.target import ForeignFolder, is_built_site, is_empty_folder, remove_built


def switch_in(staging: Path, out_dir: Path, as_link: bool = False) -> None:
    """Put the finished ``staging`` at ``out_dir``, keeping the site it replaces as the next build's staging.

    The build before last is kept, never deleted and rewritten whole: deleting and rewriting 14,000 files was
    most of a rebuild with nothing changed. A folder at ``out_dir`` that this builder did not make is never
    moved (``ForeignFolder``): the next build would delete it.
    """
    if out_dir.is_symlink() or (as_link and not out_dir.exists()):
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        link = out_dir.parent / f".{out_dir.name}.link"
        link.unlink(missing_ok=True)
        link.symlink_to(os.path.relpath(staging, out_dir.parent))
        os.replace(link, out_dir)
        return
    if not out_dir.exists():
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        os.rename(staging, out_dir)
        return
    if not (is_built_site(out_dir) or is_empty_folder(out_dir)):
        raise ForeignFolder(f"{out_dir} holds files python -m timeline site did not make; it was left as it is.")
    spare = out_dir.parent / f".{out_dir.name}.swap"
    remove_built(spare)  # left by a build stopped between the renames below
    os.rename(out_dir, spare)
    os.rename(staging, out_dir)
    os.rename(spare, staging)


def staging_for(out_dir: Path) -> Path:
    """Where a plain build is written: the build before last, kept beside OUT_DIR."""
    return out_dir.parent / f".{out_dir.name}.previous"
