"""A throw-away PostgreSQL server for tests: Debian's own binaries, a fresh cluster in a temporary folder, run as
the ``postgres`` user (the server refuses root) and listening on a Unix socket only."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

USER = "postgres"


def server_binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_postgres(*command: str) -> None:
    prefix = ["runuser", "-u", USER, "--"] if os.geteuid() == 0 else []
    subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=60)


@contextmanager
def postgres_url() -> Iterator[str]:
    """Start a server and yield its ``postgresql://`` URL (database ``postgres``, trust authentication)."""
    binaries = server_binaries()
    if binaries is None:
        raise RuntimeError("PostgreSQL is not installed: apt-get install postgresql")
    folder = Path(tempfile.mkdtemp(prefix="insights-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, USER, USER)
    data, port = folder / "data", _free_port()
    try:
        _as_postgres(str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", USER, "--no-sync")
        _as_postgres(str(binaries / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w", "-o",
                     f"-p {port} -k {folder} -c listen_addresses='' -c fsync=off", "start")
        try:
            yield f"postgresql://{USER}@/postgres?host={folder}&port={port}"
        finally:
            _as_postgres(str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
