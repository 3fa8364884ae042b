"""Odd catalogues and odd links in every mode: a visitor gets a page, never a traceback.

Each fixture under tests/fixtures/edge/ is a shape a real exhibit passes through (a first install with
no file, a file cut to its header, eras typed before any event, a single entry, everything still in
draft). Each runs in web, kiosk and curator mode, and the flows a visitor can take on it are driven
as far as they go: open the first entry in the list, or enter the kiosk and open its first card.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.web_list import follow_list_link, list_links
from timeline.settings import PROJECT_ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "edge"
MODES = ("web", "kiosk", "curator")
# fixture (None: no file at all) -> ids visitors may open in web mode, in list order
CATALOGUES: dict[str | None, tuple[str, ...]] = {
    None: (),
    "empty.csv": (),
    "header_only.csv": (),
    "only_eras.csv": (),
    "only_quotes.csv": ("words-a", "words-b"),
    "one_entry.csv": ("only-one",),
    "all_drafts.csv": (),
    "related_repeat.csv": ("names-twice", "other-one"),  # "other-one; other-one" in related: one button, no crash
}
HOSTILE_LINKS = (
    {"event": "no-such-entry"},
    {"event": "era-early"},
    {"event": "</script><script>alert(1)</script>"},
    {"from": "abc", "to": "-99999999999"},
    {"from": "2100", "to": "1800"},
    {"q": "x" * 5000, "category": "Nowhere", "kind": "era"},
    {"theme": ["a"] * 80},
)


@pytest.fixture
def exhibit(tmp_path, monkeypatch, fresh_app_state):
    """Point the app at a copy of a fixture (or at no file) in a folder of its own, in a given mode."""
    data = tmp_path / "events.csv"
    (tmp_path / "media").mkdir()
    monkeypatch.setenv("TIMELINE_DATA", str(data))
    monkeypatch.setenv("TIMELINE_MEDIA", str(tmp_path / "media"))
    monkeypatch.delenv("TIMELINE_SETTINGS", raising=False)
    monkeypatch.delenv("TIMELINE_IDLE_SECONDS", raising=False)

    def make(fixture: str | None, mode: str) -> AppTest:
        if fixture is not None:
            shutil.copyfile(FIXTURES / fixture, data)
        monkeypatch.setenv("TIMELINE_MODE", mode)
        return AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=30)

    return make


def run(changed) -> AppTest:
    """Run an AppTest, or the AppTest behind a clicked widget, and check that nothing failed."""
    at = changed.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def button_keys(at: AppTest, prefix: str) -> list[str]:
    return [b.key for b in at.button if b.key and b.key.startswith(prefix)]


def detail_title(at: AppTest) -> str | None:
    for element in at.get("html"):
        found = re.search(r'<h2 class="(?:entry-heading|kiosk-title)"[^>]*>(.*?)</h2>', element.proto.body)
        if found:
            return found.group(1)
    return None


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("fixture", list(CATALOGUES))
def test_every_mode_draws_every_odd_catalogue_and_opens_what_it_lists(exhibit, fixture, mode):
    at = run(exhibit(fixture, mode))
    if mode == "kiosk":
        at = run(at.button(key="kiosk-enter").click())
        cards = button_keys(at, "kiosk-open-")
        if cards:
            at = run(at.button(key=cards[0]).click())
            assert detail_title(at)
        return
    listed = list(list_links(at))
    if mode == "web":
        assert tuple(listed) == CATALOGUES[fixture]
    if listed:
        at = run(follow_list_link(at, listed[0]))
        assert detail_title(at)


@pytest.mark.parametrize("mode", ("web", "curator"))
def test_an_entry_alone_in_the_visitors_order_opens_without_previous_or_next(exhibit, mode):
    at = exhibit("one_entry.csv", mode)
    at.query_params["event"] = "only-one"
    at = run(at)
    assert detail_title(at) == "The only entry"
    assert at.button(key="previous-entry").disabled and at.button(key="next-entry").disabled


def test_curator_mode_lists_and_opens_drafts_when_every_entry_is_a_draft(exhibit):
    at = run(exhibit("all_drafts.csv", "curator"))
    assert list(list_links(at)) == ["draft-a"]
    at = run(follow_list_link(at, "draft-a"))
    assert detail_title(at) == "A draft"


@pytest.mark.parametrize("params", HOSTILE_LINKS)
@pytest.mark.parametrize("fixture", ["one_entry.csv", "only_eras.csv", None])
def test_hostile_links_give_the_normal_page(exhibit, fixture, params):
    at = exhibit(fixture, "web")
    for name, value in params.items():
        at.query_params[name] = value
    at = run(at)
    assert detail_title(at) is None
    bodies = [element.proto.body for element in at.get("html")]
    assert not any("<script>alert" in body for body in bodies)  # repeated back, if at all, as text
    assert any('class="notice"' in body for body in bodies)


@pytest.mark.parametrize("content", [None, b"id,date,title,text,category,sources\na,03/04/1950,T,X,C,S\n",
                                     b"id,date,title,text,category,sources\na," + b"early " * 400 + b"1947,T,X,C,S\n"],
                         ids=["no-file", "broken-file", "400-word-date"])
def test_nothing_published_yet_is_a_calm_notice(exhibit, content):
    """No last good copy and no good file (a first install, or a broken first save): a notice, no empty filters."""
    at = exhibit(None, "web")
    if content is not None:
        Path(os.environ["TIMELINE_DATA"]).write_bytes(content)
    at = run(at)
    bodies = " ".join(element.proto.body for element in at.get("html"))
    assert "The exhibit’s entries are being prepared and will appear here soon." in bodies
    assert "No entries match" not in bodies and "All 0 entries" not in bodies
