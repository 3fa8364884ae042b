"""Files named by their content, and their pre-compressed twins.

A content-named file never changes, so a host may cache it forever (``Cache-Control: immutable``); a new version
gets a new name and the pages that use it change with it. Text files also get a ``.gz`` beside them, compressed
once at build time (``gzip_static`` in nginx, and most CDNs, serve it as is). gzip's header carries no time or
name here, so the same input gives the same bytes.
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import PurePosixPath

COMPRESSED_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".xml", ".txt", ".csv", ".svg"})
MIN_COMPRESS = 256  # bytes; smaller files gain nothing from a .gz twin


def content_name(folder: str, name: str, data: bytes) -> str:
    """``assets/site.3f2a9c1b7d4e.css`` for ``name="site.css"``: the hash sits before the suffix."""
    path = PurePosixPath(name)
    digest = hashlib.sha256(data).hexdigest()[:12]
    return f"{folder}/{path.stem}.{digest}{path.suffix}"


def wants_gzip(path: str, size: int) -> bool:
    return PurePosixPath(path).suffix in COMPRESSED_SUFFIXES and size >= MIN_COMPRESS


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)
