"""What may be recorded: the constructors allow only the details the table names, and keep search words only for
searches that found nothing."""

from __future__ import annotations

import pytest

from timeline.insights import events as ev
from timeline.insights.events import Kind, Mode, Reached
from timeline.insights.session import VisitorSession


def test_session_ids_are_random_and_unlinked():
    ids = {ev.new_session_id() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(len(i) == 32 and int(i, 16) >= 0 for i in ids)


@pytest.mark.parametrize("reached", [r.value for r in Reached])
def test_every_way_of_reaching_an_entry_is_allowed(reached):
    event = ev.opened("s", Mode.KIOSK, "e1", reached, at=5.0)
    assert (event.kind, event.entry, event.detail, event.at) == (Kind.OPEN, "e1", reached, 5.0)


@pytest.mark.parametrize(("make", "bad"), [
    (lambda bad: ev.opened("s", Mode.WEB, "e1", bad), "address-bar"),
    (lambda bad: ev.session_end("s", Mode.WEB, bad), "crash"),
    (lambda bad: ev.filtered("s", Mode.WEB, bad), "ip"),
    (lambda bad: ev.content_note("s", Mode.WEB, "e1", bad), "maybe"),
    (lambda bad: ev.feature_on("s", Mode.WEB, bad), "dark-mode"),
    (lambda bad: ev.idle_prompt("s", Mode.WEB, bad), "ignored"),
    (lambda bad: ev.opened("s", Mode.WEB, bad, Reached.LIST), ""),
    (lambda bad: ev.opened("s", Mode.WEB, bad, Reached.LIST), "x" * 121),
])
def test_anything_the_table_does_not_name_is_refused(make, bad):
    with pytest.raises(ValueError):
        make(bad)


def test_the_mode_is_web_or_kiosk_only():
    with pytest.raises(ValueError):
        ev.session_start("s", "curator")


@pytest.mark.parametrize(("query", "results", "kept"), [
    ("  Nurses   TRAINING ", 0, "nurses training"),
    ("Homer Phillips", 3, ""),
    ("x" * 200, 0, "x" * ev.QUERY_MAX),
])
def test_search_words_are_kept_only_when_nothing_was_found(query, results, kept):
    event = ev.searched("s", Mode.WEB, query, results)
    assert (event.detail, event.value) == (kept, float(results))


@pytest.mark.parametrize(("share", "detail", "value"), [(1.0, "end", 1.0), (0.97, "end", 0.97), (0.5, "part", 0.5),
                                                        (3.0, "end", 1.0), (-1, "part", 0.0)])
def test_narration_keeps_the_share_and_whether_it_reached_the_end(share, detail, value):
    event = ev.narration("s", Mode.KIOSK, "e1", share)
    assert (event.detail, event.value) == (detail, value)


@pytest.mark.parametrize(("kind", "detail", "active"), [
    (Kind.OPEN, "list", True), (Kind.SESSION_START, "", True), (Kind.SESSION_END, "reset", True),
    (Kind.SESSION_END, "idle", False), (Kind.IDLE_PROMPT, "shown", False), (Kind.IDLE_PROMPT, "unanswered", False),
    (Kind.IDLE_PROMPT, "answered", True), (Kind.HEARTBEAT, "", False),
])
def test_activity_is_what_a_visitor_at_the_screen_does(kind, detail, active):
    assert ev.is_activity(kind, detail) is active


def test_a_kiosk_session_runs_from_the_first_touch_to_the_idle_reset():
    visit = VisitorSession(Mode.KIOSK)
    assert visit.end("idle") is None  # the attract screen timing out with nobody there records nothing
    start = visit.begin(at=10.0)
    assert start is not None and start.kind == Kind.SESSION_START and start.session == visit.id
    assert visit.begin(at=11.0) is None  # later touches belong to the same visitor
    first = visit.id
    end = visit.end("idle", at=100.0)
    assert end is not None and (end.session, end.detail) == (first, "idle") and visit.id == ""
    again = visit.begin(at=200.0)
    assert again is not None and again.session != first  # the next visitor is a stranger


@pytest.mark.parametrize(("params", "reached"), [
    ({"event": "a", "src": "qr"}, Reached.QR), ({"event": ["a"], "src": ["qr"]}, Reached.QR),
    ({"event": "a"}, Reached.DEEP_LINK), ({"event": "a", "src": "newsletter"}, Reached.DEEP_LINK),
])
def test_a_link_arrival_is_a_qr_code_only_with_src_qr(params, reached):
    assert ev.link_arrival(params) is reached
