"""``insights import-log FILE``: count an access log into the store, once.

A log is remembered by a digest of the lines counted and how many they were. Importing the same file again
counts nothing; importing it after the server appended to it (or its rotated copy, ``access.log.1``) counts only
the lines after those already counted. A last line without its newline (the server is still writing it) waits
for the next import. The digest covers the whole text, so it names no single request and no address.
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

from timeline.insights.access_log import LogReport, count_lines
from timeline.insights.store import Store

GZIP_MAGIC = b"\x1f\x8b"


def read_log_lines(path: Path) -> list[bytes]:
    """Whole lines (each ending in a newline) of a plain or gzipped log."""
    data = path.read_bytes()
    if data.startswith(GZIP_MAGIC):
        data = gzip.decompress(data)
    lines = data.splitlines(keepends=True)
    if lines and not lines[-1].endswith(b"\n"):
        lines.pop()
    return lines


def already_counted(lines: list[bytes], imported: list[tuple[str, int]]) -> int:
    """How many leading lines an earlier import counted: the longest stored prefix that matches."""
    wanted = sorted((n, digest) for digest, n in imported if 0 < n <= len(lines))
    digest, done, best = hashlib.sha256(), 0, 0
    for n, expected in wanted:
        digest.update(b"".join(lines[done:n]))
        done = n
        if digest.hexdigest() == expected:
            best = n
    return best


def import_log(store: Store, path: Path) -> LogReport:
    lines = read_log_lines(path)
    skip = already_counted(lines, store.imported_logs())
    report = LogReport(already_imported=skip)
    if skip == len(lines):
        report.lines = len(lines)
        return report
    count_lines((line.decode("utf-8", "replace") for line in lines[skip:]), report)
    report.lines += skip
    rows = [(day, entry, kind, count) for (day, entry, kind), count in sorted(report.counts.items())]
    store.add_site_counts(rows, hashlib.sha256(b"".join(lines)).hexdigest(), len(lines))
    return report
