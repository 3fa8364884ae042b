"""The access-log import: common and combined formats, bots, errors and malformed lines dropped, entries and QR
arrivals counted by the log's own day, and a re-import that adds only what is new."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from timeline.insights.access_log import arrivals, count_lines, is_bot, parse_line
from timeline.insights.log_import import import_log
from timeline.insights.store import LAST_DAY
from timeline.insights.store_sqlite import SqliteStore

LOG = Path(__file__).parent / "fixtures" / "insights" / "access.log"
COMMON = '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /entries/a-b/ HTTP/1.0" 200 2326'


def test_the_common_format_is_read():
    line = parse_line(COMMON)
    assert line is not None
    assert (line.day, line.method, line.target, line.status, line.agent) == ("2000-10-10", "GET", "/entries/a-b/",
                                                                             200, None)


def test_the_combined_format_is_read_with_escaped_quotes():
    line = parse_line(COMMON + ' "https://x.example/?q=\\"a\\"" "Mozilla/5.0 (X11; \\"quoted\\")"')
    assert line is not None and line.agent == 'Mozilla/5.0 (X11; \\"quoted\\")'


@pytest.mark.parametrize("text", [
    "", "garbage", COMMON.replace("[10/Oct/2000:13:55:36 -0700]", "[yesterday]"),
    COMMON.replace('"GET /entries/a-b/ HTTP/1.0"', '"\\x16\\x03"'), COMMON.replace(" 200 ", " OK "),
])
def test_malformed_lines_are_none(text):
    assert parse_line(text) is None


@pytest.mark.parametrize(("agent", "bot"), [
    (None, False), ("Mozilla/5.0 (iPhone) Safari/604.1", False), ("Googlebot/2.1", True), ("-", True),
    ("facebookexternalhit/1.1", True), ("curl/8.5", True), ("python-requests/2.32", True),
    ("Mozilla/5.0 HeadlessChrome/140", True), ("WhatsApp/2.24", True),
])
def test_bots_are_known_by_their_agent(agent, bot):
    assert is_bot(agent) is bot


@pytest.mark.parametrize(("target", "found"), [
    ("/entries/first-nurses/", [("first-nurses", "view")]),
    ("/exhibit/entries/first-nurses/index.html", [("first-nurses", "view")]),
    ("/exhibit/?event=first-nurses", [("first-nurses", "event")]),
    ("/?event=first-nurses&src=qr", [("first-nurses", "event"), ("first-nurses", "qr")]),
    ("/entries/caf%C3%A9/?src=qr", [("café", "view"), ("café", "qr")]),
    ("/entries/first-nurses/photo.jpg", []), ("/", []), ("/?event=", []), ("/?event=a/../b", []),
])
def test_what_a_request_counts_as(target, found):
    assert arrivals(target) == found


def test_the_fixture_log_counts_people_and_drops_the_rest():
    report = count_lines(LOG.read_text(encoding="utf-8").splitlines())
    assert (report.lines, report.counted, report.bots, report.errors, report.malformed, report.other) == (
        13, 4, 3, 2, 3, 1)
    assert dict(report.counts) == {
        ("2026-03-02", "first-nurses", "view"): 1, ("2026-03-02", "first-nurses", "event"): 1,
        ("2026-03-02", "first-nurses", "qr"): 1,  # 23:59:59 in the log's own zone is still the 2nd
        ("2026-03-03", "first-nurses", "view"): 1, ("2026-03-03", "homer-phillips-opens", "event"): 1,
    }


def site(store, day="2000-10-10"):
    """The store's site counts for one day, or for all days when ``day`` is empty."""
    return {(e, k): c for e, k, c in store.site_counts(day, day or LAST_DAY).itertuples(index=False)}


def test_a_reimport_does_not_double_count_and_an_appended_log_adds_only_the_new_lines(tmp_path):
    store = SqliteStore(tmp_path / "i.sqlite3")
    log = tmp_path / "access.log"
    shutil.copy(LOG, log)
    first = import_log(store, log)
    assert first.counted == 4 and first.already_imported == 0
    counted = site(store, "")
    assert sum(counted.values()) == 5
    assert site(store, "2026-03-02") == {("first-nurses", "view"): 1, ("first-nurses", "event"): 1,
                                         ("first-nurses", "qr"): 1}
    again = import_log(store, log)
    assert (again.counted, again.already_imported) == (0, 13)
    assert site(store, "") == counted
    with log.open("a", encoding="utf-8") as more:
        more.write(COMMON + "\n" + COMMON.replace("a-b", "c"))  # the last line is still being written
    appended = import_log(store, log)
    assert (appended.counted, appended.already_imported) == (1, 13)
    assert site(store) == {("a-b", "view"): 1}
    rotated = tmp_path / "access.log.1.gz"  # the rotated copy, compressed, with the finished last line
    rotated.write_bytes(gzip.compress(log.read_bytes() + b"\n"))
    assert import_log(store, rotated).counted == 1
    assert site(store) == {("a-b", "view"): 1, ("c", "view"): 1}
