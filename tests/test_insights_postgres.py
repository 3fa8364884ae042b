"""Several machines, one PostgreSQL database: a real server (Debian's package) started for these tests."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.postgres_server import postgres_url, server_binaries
from timeline.insights import events as ev
from timeline.insights.events import Mode, Reached
from timeline.insights.store import StoreUnavailable
from timeline.insights.store_postgres import PostgresStore
from timeline.insights.target import open_store

pytestmark = pytest.mark.skipif(server_binaries() is None, reason="PostgreSQL is not installed")
T0 = 1_772_442_000.0

WRITER = textwrap.dedent("""
    import sys
    from timeline.insights import events as ev
    from timeline.insights.recorder import Recorder
    from timeline.insights.target import open_store
    url, machine, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    recorder = Recorder(open_store(url), machine=machine)
    recorder.record(ev.session_start(machine + "-visitor", "kiosk", at=1772441999.0))
    for i in range(n):
        recorder.record(ev.opened(machine + "-visitor", "kiosk", f"e{i % 7}", "list", at=1772442000.0 + i))
    sys.exit(0 if recorder.flush(timeout=30) else 1)
""")


@pytest.fixture(scope="module")
def url():
    with postgres_url() as address:
        yield address


def test_two_processes_write_to_one_database(url):
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, url, name, "400"], cwd=".")
               for name in ("kiosk-east", "kiosk-west")]
    assert [w.wait(timeout=60) for w in writers] == [0, 0]
    store = open_store(url)
    totals = store.totals()
    assert totals.loc[totals["kind"] == "open", "count"].sum() == 800
    assert store.sessions()["opens"].sum() == 800  # both visitors' sessions were added to, batch by batch
    assert sorted(store.last_seen()["machine"]) == ["kiosk-east", "kiosk-west"]
    store.close()


def test_the_postgres_store_answers_as_sqlite_does(url):
    store = PostgresStore(url)
    store.write([ev.session_start("pg", Mode.WEB, at=T0), ev.opened("pg", Mode.WEB, "x", Reached.QR, at=T0 + 40),
                 ev.session_end("pg", Mode.WEB, "idle", at=T0 + 400)])
    sessions = store.sessions("2026-03-01", "2026-03-31")
    assert sessions[sessions["mode"] == "web"].values.tolist() == [["web", 40.0, 1]]
    store.add_site_counts([("2026-03-02", "x", "view", 3)], "digest-1", 10)
    store.add_site_counts([("2026-03-02", "x", "view", 2)], "digest-2", 12)
    assert store.site_counts()["count"].tolist() == [5]
    assert sorted(store.imported_logs()) == [("digest-1", 10), ("digest-2", 12)]
    assert store.roll_up("2999-01-01") >= 3
    assert store.sessions().empty and not store.totals().empty
    store.close()


def test_a_server_that_is_not_there_is_unavailable():
    with pytest.raises(StoreUnavailable, match="postgres"):
        PostgresStore("postgresql://nobody@/none?host=/nonexistent&port=1", connect_seconds=1).totals()
