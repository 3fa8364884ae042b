"""Which insights database to use: ``TIMELINE_INSIGHTS`` names it, a file path or a ``postgresql://`` URL.

The default is a SQLite file in ``data/`` that git ignores. Relative paths resolve from the project folder, as every
other path of the exhibit does.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from timeline.insights.store import Store
from timeline.insights.store_postgres import PostgresStore
from timeline.insights.store_sqlite import SqliteStore
from timeline.settings import PROJECT_ROOT

ENV_NAME = "TIMELINE_INSIGHTS"
DEFAULT_INSIGHTS = PROJECT_ROOT / "data" / "insights.sqlite3"
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def insights_target(environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    return env.get(ENV_NAME, "").strip() or str(DEFAULT_INSIGHTS)


def open_store(target: str) -> Store:
    """A store for ``target``; nothing is opened until it is first used (on the recorder's thread)."""
    if target.startswith(POSTGRES_SCHEMES):
        return PostgresStore(target)
    path = os.path.expanduser(target)
    return SqliteStore(path if os.path.isabs(path) else PROJECT_ROOT / path)
