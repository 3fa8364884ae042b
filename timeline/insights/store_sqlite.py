"""The insights database as one SQLite file: the default, for one kiosk or one web server.

WAL mode lets the kiosk, the web page and curator mode read while one of them writes. A writer blocked by
another's lock waits ``busy_seconds`` and then gives up with StoreBusy: the recorder's thread keeps the events and
tries again, so nobody waits on a visitor's behalf.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from timeline.insights.store import Store, StoreBusy, StoreUnavailable

_BUSY = ("locked", "busy")


class SqliteStore(Store):
    def __init__(self, path: Path, busy_seconds: float = 0.05) -> None:
        super().__init__()
        self.path = Path(path)
        self.busy_seconds = busy_seconds

    def _connect(self) -> sqlite3.Connection:
        if not self.path.parent.is_dir():
            raise StoreUnavailable(f"the folder {self.path.parent} does not exist")
        connection = sqlite3.connect(self.path, timeout=self.busy_seconds, isolation_level=None,
                                     check_same_thread=False)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")  # WAL stays consistent; a power cut may lose the last
        except sqlite3.Error:
            connection.close()
            raise
        return connection

    def _apply(self, work: Any, writes: bool) -> Any:
        cursor = self._connection.cursor()
        cursor.execute("BEGIN IMMEDIATE" if writes else "BEGIN")  # a writer takes the lock now, not half way
        try:
            result = work(cursor)
            cursor.execute("COMMIT")
            return result
        except BaseException:
            if self._connection.in_transaction:
                self._connection.rollback()
            raise

    def _translate(self, error: Exception) -> Exception | None:
        if isinstance(error, sqlite3.OperationalError) and any(word in str(error) for word in _BUSY):
            return StoreBusy(str(error))
        if isinstance(error, sqlite3.DatabaseError | OSError):
            return StoreUnavailable(f"{self.path}: {error}")
        return None

    def __repr__(self) -> str:
        return f"SqliteStore({str(self.path)!r})"
