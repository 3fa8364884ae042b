"""The insights database on a PostgreSQL server, for several kiosks and web servers reporting to one place.

``TIMELINE_INSIGHTS=postgresql://user@host/db``. The driver (psycopg 3) is needed only then, so it is imported
here and its absence is said in plain words: ``pip install "psycopg[binary]"``.
"""

from __future__ import annotations

from typing import Any

from timeline.insights.store import Store, StoreBusy, StoreUnavailable

DRIVER_HINT = 'a postgresql:// insights database needs the psycopg driver: pip install "psycopg[binary]"'
_SCHEMA_LOCK = 7_341_905  # any fixed number: two processes creating the tables at once take turns


class PostgresStore(Store):
    param = "%s"

    def __init__(self, url: str, connect_seconds: int = 3) -> None:
        super().__init__()
        self.url = url
        self.connect_seconds = connect_seconds

    def _connect(self) -> Any:
        try:
            import psycopg
        except ImportError:
            raise StoreUnavailable(DRIVER_HINT) from None
        return psycopg.connect(self.url, connect_timeout=self.connect_seconds)

    def _apply(self, work: Any, writes: bool) -> Any:
        try:
            with self._connection.cursor() as cursor:
                result = work(cursor)
            self._connection.commit()
            return result
        except BaseException:
            if not self._connection.closed:
                self._connection.rollback()
            raise

    def _create_tables(self, cursor: Any) -> None:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
        super()._create_tables(cursor)

    def _translate(self, error: Exception) -> Exception | None:
        import psycopg

        if isinstance(error, psycopg.errors.LockNotAvailable | psycopg.errors.DeadlockDetected
                      | psycopg.errors.SerializationFailure):
            return StoreBusy(str(error))
        if isinstance(error, psycopg.OperationalError | psycopg.InterfaceError
                      | psycopg.errors.InsufficientPrivilege):
            return StoreUnavailable(f"{_without_password(self.url)}: {error}")
        return None

    def __repr__(self) -> str:
        return f"PostgresStore({_without_password(self.url)!r})"


def _without_password(url: str) -> str:
    """The URL as logs and curator mode may show it: a password never leaves the settings."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))
