"""Putting a finished build at OUT_DIR in one atomic step, so a web server sees the old site or the new one.

A link (what ``--watch`` keeps) is replaced by one rename. A plain folder is exchanged with the finished build
by one ``renameat2(RENAME_EXCHANGE)`` call, on Linux (3.15 and later, on ext4, xfs, btrfs, tmpfs and most local
disks). Where the system cannot exchange (macOS, Windows, some network disks) it takes three renames, and for
that moment OUT_DIR does not exist: use ``--watch`` there when a server reads OUT_DIR during builds.
"""

from __future__ import annotations

import ctypes
import errno
import os
from functools import cache
from pathlib import Path

from timeline.site.target import ForeignFolder, is_built_site, is_empty_folder, remove_built

_AT_FDCWD = -100  # renameat2's "relative to the working folder"
_RENAME_EXCHANGE = 2
_CANNOT_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV}


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
    if exchange(staging, out_dir):
        return
    spare = out_dir.parent / f".{out_dir.name}.swap"
    remove_built(spare)  # left by a build stopped between the renames below
    os.rename(out_dir, spare)
    os.rename(staging, out_dir)
    os.rename(spare, staging)


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths in one atomic step; False (nothing changed) where the system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in _CANNOT_EXCHANGE:
        return False
    raise OSError(err, os.strerror(err), str(second))


@cache
def _renameat2() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    """The C library's renameat2 (glibc 2.28 and later, musl 1.1.24 and later), or None where there is none."""
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, TypeError, AttributeError):  # no such function, or no C library to ask (Windows)
        return None
    function.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    function.restype = ctypes.c_int
    return function


def staging_for(out_dir: Path) -> Path:
    """Where a plain build is written: the build before last, kept beside OUT_DIR."""
    return out_dir.parent / f".{out_dir.name}.previous"
