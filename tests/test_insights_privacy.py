"""Privacy: after a visit is recorded and an access log imported, no stored file holds the test's addresses or
browser signature, and no two sessions share anything that links them."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from timeline.insights import events as ev
from timeline.insights.events import Mode, Reached
from timeline.insights.log_import import import_log
from timeline.insights.recorder import Recorder
from timeline.insights.session import VisitorSession
from timeline.insights.store_sqlite import SqliteStore

LOG = Path(__file__).parent / "fixtures" / "insights" / "access.log"
ADDRESSES = sorted(set(re.findall(r"^(\S+) ", LOG.read_text(encoding="utf-8"), re.M)) - {"this"})
SIGNATURES = ["Mozilla/5.0", "iPhone OS 18_0", "Chrome/140.0", "Firefox/140.0", "Googlebot", "social.example"]


def test_no_stored_file_holds_an_address_or_a_browser_signature(tmp_path):
    path = tmp_path / "insights.sqlite3"
    recorder = Recorder(SqliteStore(path), machine="kiosk-east")
    for _ in range(3):
        visit = VisitorSession(Mode.KIOSK)
        recorder.record(visit.begin())
        recorder.record(ev.opened(visit.id, Mode.KIOSK, "first-nurses", Reached.QR))
        recorder.record(ev.searched(visit.id, Mode.KIOSK, "Tuskegee airmen", 0))
        recorder.record(visit.end("idle"))
    assert recorder.flush()
    import_log(SqliteStore(path), LOG)
    stored = b"".join(p.read_bytes() for p in tmp_path.iterdir())  # the database, its WAL and shared memory
    assert len(ADDRESSES) >= 5
    for secret in [*ADDRESSES, *SIGNATURES]:
        assert secret.encode() not in stored, secret
    assert b"tuskegee airmen" in stored  # the check can find what is there
    with sqlite3.connect(path) as db:
        sessions = [s for (s,) in db.execute("SELECT DISTINCT session FROM events WHERE session <> ''")]
    assert len(sessions) == 3  # three visitors, three unrelated ids
    recorder.close()
