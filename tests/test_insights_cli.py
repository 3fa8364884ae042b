"""``python -m timeline insights``: the summary as JSON with the keys scripts rely on, as text with titles, and
``insights import-log``; other commands do not pay for pandas."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from timeline.cli import EXIT_INVALID, EXIT_MISUSE, EXIT_OK, main
from timeline.insights import events as ev
from timeline.insights.events import Mode, Reached
from timeline.insights.store_sqlite import SqliteStore
from timeline.settings import PROJECT_ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "insights"
NOW = time.time()
JSON_KEYS = {"sessions", "opens", "searches_without_results", "site_views", "qr_arrivals", "median_session_seconds",
             "last_seen"}


@pytest.fixture
def database(tmp_path, monkeypatch):
    path = tmp_path / "insights.sqlite3"
    monkeypatch.setenv("TIMELINE_INSIGHTS", str(path))
    events = []
    for i in range(6):
        events += [ev.session_start(f"s{i}", Mode.KIOSK, NOW - 600 + i), ev.opened(f"s{i}", Mode.KIOSK, "clinic",
                                                                                   Reached.CHART, NOW - 540 + i),
                   ev.searched(f"s{i}", Mode.KIOSK, "Annie Malone", 0, NOW - 550 + i)]
    store = SqliteStore(path)
    store.write([*events, ev.Event(NOW - 60, Mode.KIOSK, ev.Kind.HEARTBEAT, machine="kiosk-east")])
    store.note_trouble("kiosk-east", "Database locked at 2026-03-02 10:00 for 8 s: up to 3 events waited.")
    return path


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out), out.getvalue()


def test_the_json_summary_has_the_documented_keys(database):
    status, text = run("insights", "--format", "json")
    summary = json.loads(text)
    assert status == EXIT_OK and set(summary) >= JSON_KEYS
    assert summary["sessions"] == {"kiosk": 6} and summary["opens"] == {"clinic": 6}
    assert summary["searches_without_results"] == {"annie malone": 6}
    assert summary["median_session_seconds"] == {"kiosk": 60.0}
    assert set(summary["last_seen"]["kiosk"]) == {"", "kiosk-east"}


def test_since_leaves_out_earlier_days(database):
    status, text = run("insights", "--since", "2999-01-01", "--format", "json")
    assert status == EXIT_OK and json.loads(text)["sessions"] == {}


def test_a_since_that_is_not_a_day_is_misuse(database, capsys):
    with pytest.raises(SystemExit) as stop:
        run("insights", "--since", "last week")
    assert stop.value.code == EXIT_MISUSE and "YYYY-MM-DD" in capsys.readouterr().err


def test_the_text_summary_names_entries_and_the_ones_never_opened(database):
    status, text = run("insights", "--data", str(FIXTURES / "events.csv"))
    assert status == EXIT_OK
    assert "kiosk: 6 sessions; median length 1 min 0 s" in text
    assert "The clinic opens (clinic)" in text
    assert "Never opened: 2 published entries, e.g. First nurses; The strike." in text
    assert "annie malone" in text and "Last seen: kiosk kiosk-east" in text
    assert "Recording on kiosk-east: Database locked at 2026-03-02 10:00 for 8 s" in text


def test_import_log_counts_and_a_second_import_adds_nothing(database, tmp_path):
    log = tmp_path / "access.log"
    shutil.copy(FIXTURES / "access.log", log)
    status, text = run("insights", "import-log", str(log))
    assert status == EXIT_OK and "4 visits to entries counted" in text and "3 bot requests" in text
    assert "0 lines already imported" in text
    status, text = run("insights", "import-log", str(log))
    assert "0 visits to entries counted" in text and "13 lines already imported" in text
    assert run("insights", "import-log", str(tmp_path / "missing.log"))[0] == EXIT_INVALID


def test_an_unreadable_database_says_which_and_how_it_is_set(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_INSIGHTS", str(tmp_path / "no-such-folder" / "i.sqlite3"))
    status, text = run("insights")
    assert status == EXIT_INVALID and "no-such-folder" in text and "TIMELINE_INSIGHTS" in text


def test_other_commands_do_not_load_pandas():
    probe = "import sys, timeline.cli; timeline.cli.build_parser(); print('pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=PROJECT_ROOT,
                            check=True)
    assert result.stdout.strip() == "False"
