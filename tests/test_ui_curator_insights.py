"""Curator mode's visitor-insights view through AppTest: off until asked for, then sessions, entries by title
(those never opened too), unanswered searches, machines and a suppressed CSV; an unreadable database is a warning."""

from __future__ import annotations

import time

import pytest

from tests.test_ui_curator import exhibit, put, run_app, table  # noqa: F401  (exhibit is a fixture)
from timeline.insights import events as ev
from timeline.insights.events import Event, Kind, Mode, Reached
from timeline.insights.store_sqlite import SqliteStore

pytestmark = pytest.mark.usefixtures("fresh_app_state")
NOW = time.time()


@pytest.fixture
def visits(tmp_path, monkeypatch):
    path = tmp_path / "insights.sqlite3"
    monkeypatch.setenv("TIMELINE_INSIGHTS", str(path))
    events = []
    for i in range(7):
        session = f"v{i}"
        events += [ev.session_start(session, Mode.KIOSK, NOW - 3600 + i),
                   ev.opened(session, Mode.KIOSK, "hospital-opens", Reached.CHART, NOW - 3550 + i),
                   ev.searched(session, Mode.KIOSK, "Tuskegee", 0, NOW - 3540 + i),
                   ev.session_end(session, Mode.KIOSK, "idle", NOW - 3400 + i)]
    SqliteStore(path).write([*events, Event(NOW - 30, Mode.KIOSK, Kind.HEARTBEAT, machine="kiosk-east")])
    return path


def show(at):
    at.toggle(key="insights-show").set_value(True).run()
    assert not at.exception, at.exception
    return at


def test_the_view_reads_nothing_until_it_is_turned_on(exhibit, visits, monkeypatch):  # noqa: F811
    put("good.csv", exhibit[0])
    at = run_app("curator", monkeypatch)
    assert at.toggle(key="insights-show").value is False
    assert not [t for t in at.dataframe if t.proto.alt == "The most opened entries"]


def test_the_view_names_the_opened_entries_and_those_never_opened(exhibit, visits, monkeypatch):  # noqa: F811
    put("good.csv", exhibit[0])
    at = show(run_app("curator", monkeypatch))
    most = table(at, "The most opened entries")
    assert [(row["title"], row["opens"]) for row in most] == [("Hospital opens its doors", 7),
                                                              ("First students admitted", 0)]
    least = table(at, "The least opened entries, never opened first")
    assert least[0]["title"] == "First students admitted" and least[0]["opens"] == 0
    assert "Nursing school plans (work in progress)" not in {row["title"] for row in most}  # drafts: not visitors'
    gaps = table(at, "Searches that found nothing, most frequent first")
    assert gaps == [{"Search": "tuskegee", "Times": 7}]
    machines = table(at, "When each kiosk and web server was last heard from")
    assert {(row["machine"], row["state"]) for row in machines} >= {("kiosk-east", "alive")}
    assert [m.label for m in at.metric][:1] == ["kiosk sessions"] and at.metric[0].value == "7"
    assert len(at.get("plotly_chart")) >= 4  # the timeline, per day, hours, eras, institutions


def test_an_unreadable_database_is_a_warning_for_the_curator_only(exhibit, tmp_path, monkeypatch):  # noqa: F811
    put("good.csv", exhibit[0])
    monkeypatch.setenv("TIMELINE_INSIGHTS", str(tmp_path / "missing" / "insights.sqlite3"))
    at = show(run_app("curator", monkeypatch))
    assert any("cannot be read just now" in w.value for w in at.warning)
