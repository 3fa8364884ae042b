"""What the visitor pages record (timeline/ui/recording.py), through AppTest: the web page's arrivals by link and
QR code, opens and how they were reached, searches, filters and content notes; the kiosk's sessions from the first
touch to the idle reset; and nothing at all in curator mode.

The events are read back from the test's own database once the recorder has written them.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.fixture_edits import give_hard_times_a_photo
from tests.web_list import follow_list_link
from timeline.insights.recorder import shared_recorder
from timeline.kiosk_state import LAST_TOUCH, SERVER_FALLBACK_FACTOR
from timeline.settings import PROJECT_ROOT

FIXTURES = Path(__file__).parent / "fixtures"
SETTINGS = 'title = "A test exhibit"\npublic_url = "https://exhibit.example/"\n'

pytestmark = pytest.mark.usefixtures("fresh_app_state")  # the recorder too: each test writes its own database


@pytest.fixture
def database(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "insights.sqlite3"
    monkeypatch.setenv("TIMELINE_INSIGHTS", str(path))
    return path


def run_app(tmp_path: Path, monkeypatch, mode: str, folder: str) -> AppTest:
    data = tmp_path / "events.csv"
    shutil.copy(FIXTURES / folder / "events.csv", data)
    (tmp_path / "exhibit.toml").write_text(SETTINGS, encoding="utf-8")
    (tmp_path / "media").mkdir(exist_ok=True)
    monkeypatch.setenv("TIMELINE_MODE", mode)
    monkeypatch.setenv("TIMELINE_DATA", str(data))
    monkeypatch.setenv("TIMELINE_MEDIA", str(tmp_path / "media"))
    monkeypatch.delenv("TIMELINE_SETTINGS", raising=False)
    monkeypatch.delenv("TIMELINE_IDLE_SECONDS", raising=False)
    return AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=30)


def act(at: AppTest) -> AppTest:
    at = at.run()
    assert not at.exception, at.exception
    return at


def stored(path: Path) -> list[tuple[str, str, str, str, str]]:
    """(mode, session, kind, entry, detail) of every visitor event, in order (heartbeats left out)."""
    assert shared_recorder().flush()
    with sqlite3.connect(path) as db:
        return db.execute("SELECT mode, session, kind, entry, detail FROM events WHERE kind <> 'heartbeat' "
                          "ORDER BY at, rowid").fetchall()


def kinds(path: Path) -> list[tuple[str, str, str]]:
    return [(kind, entry, detail) for _, _, kind, entry, detail in stored(path)]


# --- the web page -------------------------------------------------------------------------------------------------


def test_a_web_visit_by_a_shared_link_is_a_deep_link_arrival(tmp_path, monkeypatch, database):
    at = run_app(tmp_path, monkeypatch, "web", "ui")
    at.query_params["event"] = "nurses-train"
    at = act(at)
    at = act(at)  # a later run of the same visit opens nothing again
    events = stored(database)
    assert [(mode, kind, entry, detail) for mode, _, kind, entry, detail in events] == [
        ("web", "session-start", "", ""), ("web", "open", "nurses-train", "deep-link")]
    assert len({session for _, session, *_ in events}) == 1


def test_a_web_visit_from_a_kiosk_qr_code_is_a_qr_arrival(tmp_path, monkeypatch, database):
    at = run_app(tmp_path, monkeypatch, "web", "ui")
    at.query_params.update({"event": "nurses-train", "src": "qr"})
    act(at)
    assert ("open", "nurses-train", "qr") in kinds(database)


def test_web_opens_say_how_the_entry_was_reached(tmp_path, monkeypatch, database):
    at = act(run_app(tmp_path, monkeypatch, "web", "ui"))
    at = act(follow_list_link(at, "hospital-opens"))
    at = act(at.button(key="related-nurses-train").click())
    at = act(at.button(key="next-entry").click())
    at = act(at.button(key="back-to-list").click())
    at.text_input(key="filter-text").input("ward")
    at = act(at)
    at = act(follow_list_link(at, "hospital-opens"))
    opens = [(entry, detail) for kind, entry, detail in kinds(database) if kind == "open"]
    assert opens == [("hospital-opens", "list"), ("nurses-train", "related"), ("a-quote", "previous-next"),
                     ("hospital-opens", "search")]


def test_a_search_keeps_its_words_only_when_it_found_nothing(tmp_path, monkeypatch, database):
    at = act(run_app(tmp_path, monkeypatch, "web", "ui"))
    at.text_input(key="filter-text").input("ward")
    at = act(at)
    at.text_input(key="filter-text").input("  Zeppelin  Hangar ")
    at = act(at)
    assert shared_recorder().flush()
    with sqlite3.connect(database) as db:
        searches = db.execute("SELECT detail, value FROM events WHERE kind = 'search' ORDER BY rowid").fetchall()
    assert searches[0][0] == "" and searches[0][1] > 0
    assert searches[1] == ("zeppelin hangar", 0)


def test_web_filters_are_recorded_by_name_and_a_reset_once(tmp_path, monkeypatch, database):
    at = act(run_app(tmp_path, monkeypatch, "web", "ui"))
    at.multiselect(key="filter-themes").select("patients")
    at = act(at)
    at = act(at.button(key="reset-filters").click())
    assert [(kind, detail) for kind, _, detail in kinds(database) if kind == "filter"] == [
        ("filter", "theme"), ("filter", "reset")]


def test_a_content_note_is_shown_then_continued_or_backed_out_of(tmp_path, monkeypatch, database):
    at = run_app(tmp_path, monkeypatch, "web", "ui")
    give_hard_times_a_photo(tmp_path)
    at.query_params["event"] = "hard-times"
    at = act(at)
    at = act(at.button(key="reveal-hard-times").click())
    at = act(at.button(key="back-to-list").click())
    notes = [(entry, detail) for kind, entry, detail in kinds(database) if kind == "content-note"]
    assert notes == [("hard-times", "shown"), ("hard-times", "continued")]
    at = act(follow_list_link(at, "hard-times"))  # revealed already in this visit: no note to answer
    at = act(run_app(tmp_path, monkeypatch, "web", "ui"))  # a new visitor
    at = act(follow_list_link(at, "hard-times"))
    at = act(at.button(key="back-to-list").click())
    notes = [(entry, detail) for kind, entry, detail in kinds(database) if kind == "content-note"]
    assert notes[2:] == [("hard-times", "shown"), ("hard-times", "backed-out")]


def test_curator_mode_records_nothing(tmp_path, monkeypatch, database):
    at = run_app(tmp_path, monkeypatch, "curator", "ui")
    at.query_params["event"] = "nurses-train"
    at = act(at)
    at.text_input(key="filter-text").input("zeppelin")
    act(at)
    assert not database.exists() or stored(database) == []


# --- the kiosk ----------------------------------------------------------------------------------------------------


def test_a_kiosk_visit_runs_from_the_first_touch_to_the_idle_reset(tmp_path, monkeypatch, database):
    at = act(run_app(tmp_path, monkeypatch, "kiosk", "kiosk"))
    at = act(at)  # the attract screen records nothing
    at = act(at.button(key="kiosk-enter").click())
    at = act(at.button(key="kiosk-open-first").click())
    at = act(at.button(key="kiosk-next").click())
    at = act(at.button(key="kiosk-back").click())
    at = act(at.button(key="kiosk-era-1").click())
    at = act(at.button_group(key="kiosk-categories").set_value(["Hospital A"]))
    at = act(at.button(key="kiosk-larger").click())
    at = act(at.button(key="kiosk-open-first").click())
    at = act(at.button(key="kiosk-idle-reset").click())
    at = act(at.button(key="kiosk-idle-reset").click())  # the attract screen timing out again: no visitor
    at = act(at.button(key="kiosk-enter").click())
    at = act(at.button(key="kiosk-reset").click())  # the Home key
    events = stored(database)
    first = [(kind, entry, detail) for mode, session, kind, entry, detail in events if session == events[0][1]]
    assert first == [("session-start", "", ""), ("open", "first", "list"), ("open", "linked", "previous-next"),
                     ("filter", "", "from"), ("filter", "", "to"), ("filter", "", "category"),
                     ("feature", "", "larger-text"), ("open", "first", "filter"), ("session-end", "", "idle")]
    second = [(kind, detail) for _, session, kind, _, detail in events if session != events[0][1]]
    assert second == [("session-start", ""), ("session-end", "reset")]
    assert {mode for mode, *_ in events} == {"kiosk"}


def test_the_kiosk_server_fallback_ends_the_visit_as_idle(tmp_path, monkeypatch, database):
    at = act(run_app(tmp_path, monkeypatch, "kiosk", "kiosk"))
    at = act(at.button(key="kiosk-enter").click())
    at.session_state[LAST_TOUCH] = time.monotonic() - 90 * SERVER_FALLBACK_FACTOR - 5
    act(at)
    assert [(kind, detail) for kind, _, detail in kinds(database)] == [("session-start", ""), ("session-end", "idle")]


def test_the_kiosk_beats_once_a_minute(tmp_path, monkeypatch, database):
    act(run_app(tmp_path, monkeypatch, "kiosk", "kiosk"))
    assert shared_recorder().flush()
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT mode, session FROM events WHERE kind = 'heartbeat'").fetchall() == [("kiosk", "")]
