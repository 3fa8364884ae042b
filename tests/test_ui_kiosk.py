"""Kiosk mode through AppTest: attract first, explore, entry, no typing, no links, QR codes, resets.

AppTest cannot tap the chart or run the page's idle script (the browser tests do); it drives the buttons
and pills and reads the HTML the kiosk sends.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.html_parts import Elements
from timeline.kiosk_state import LAST_TOUCH, SERVER_FALLBACK_FACTOR, STRIP_PAGE, TAP_PARAM
from timeline.qr import qr_svg
from timeline.settings import load_settings
from timeline.ui.kiosk import page as kiosk

FIXTURES = Path(__file__).parent / "fixtures" / "kiosk"
ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
ALL_IDS = ["first", "linked", "quoted", "later"]  # the fixture's entries in time order
TYPING_WIDGETS = ("text_input", "text_area", "number_input", "chat_input", "date_input", "time_input")


pytestmark = pytest.mark.usefixtures("fresh_app_state")  # tests/conftest.py: no registry of one test reaches the next


@pytest.fixture
def exhibit(tmp_path, monkeypatch) -> Path:
    """The fixture exhibit in a folder of its own (the published state is written beside the CSV)."""
    data = tmp_path / "data"
    data.mkdir()
    (tmp_path / "media").mkdir()
    shutil.copyfile(FIXTURES / "events.csv", data / "events.csv")
    shutil.copyfile(FIXTURES / "exhibit.toml", data / "exhibit.toml")
    monkeypatch.setenv("TIMELINE_MODE", "kiosk")
    monkeypatch.setenv("TIMELINE_DATA", str(data / "events.csv"))
    monkeypatch.setenv("TIMELINE_MEDIA", str(tmp_path / "media"))
    monkeypatch.delenv("TIMELINE_IDLE_SECONDS", raising=False)
    return data


def start(exhibit: Path) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def act(changed) -> AppTest:
    """Run after a change (a clicked button, a set widget, or the AppTest itself) and check nothing failed."""
    at = changed.run()
    assert not at.exception, at.exception
    return at


def keys(at: AppTest, prefix: str) -> list[str]:
    return [b.key.removeprefix(prefix) for b in at.button if b.key and b.key.startswith(prefix)]


def html(at: AppTest) -> str:
    """The HTML the kiosk shows (the stylesheet left out: it names every class)."""
    return "\n".join(h.value for h in at.html if not h.value.startswith("<style>"))


def entered(exhibit: Path) -> AppTest:
    at = start(exhibit)
    return act(at.button(key="kiosk-enter").click())


def opened(exhibit: Path, entry_id: str) -> AppTest:
    return act(entered(exhibit).button(key=f"kiosk-open-{entry_id}").click())


def no_typing(at: AppTest) -> None:
    for kind in TYPING_WIDGETS:
        assert not list(getattr(at, kind)), f"the kiosk shows a {kind}"


def test_starts_on_the_attract_screen(exhibit):
    at = start(exhibit)
    assert keys(at, "kiosk-") == ["enter", "reset"]
    assert at.button(key="kiosk-enter").label == "Touch anywhere to explore"
    page = html(at)
    assert 'class="kiosk-attract-title">Kiosk test exhibit<' in page
    assert re.findall(r'class="kiosk-slide-title">([^<]+)<', page) == ["First event", "Linked event"]  # featured
    assert re.findall(r'class="kiosk-slide-category">([^<]+)<', page) == ["A", "B"]  # short names, as the lanes
    no_typing(at)


def test_a_touch_enters_the_timeline(exhibit):
    at = entered(exhibit)
    assert keys(at, "kiosk-open-") == ALL_IDS
    assert keys(at, "kiosk-era-") == ["0", "1"]
    assert at.button(key="kiosk-era-0").proto.type == "primary"  # "All years" is the starting choice
    assert at.button_group(key="kiosk-categories").value == []
    assert "kiosk-attract-title" not in html(at)
    no_typing(at)


def test_era_buttons_carry_the_numbers_the_chart_tags_its_bands_with_and_a_text_key_replaces_the_legend(exhibit):
    at = entered(exhibit)
    layout = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]
    tags = [a["text"] for a in layout["annotations"]]
    eras = [at.button(key=f"kiosk-era-{i}").label for i in range(1, len(keys(at, "kiosk-era-")))]
    assert [label.split(" ", 1)[0] for label in eras] == [f"`{tag}`" for tag in tags] == ["`1`"]
    assert layout["showlegend"] is False
    assert 'class="chart-key"' in html(at)
    assert ".st-key-kiosk-era-1 { --era: " in "".join(h.value for h in at.html if h.value.startswith("<style>"))


@pytest.mark.parametrize(("era", "categories", "expected"), [
    (None, ["Hospital A"], ["first", "quoted"]),
    (None, ["Hospital A", "Hospital B"], ALL_IDS),
    ("1", [], ["first", "linked", "quoted"]),  # the early years, 1900–1930
    ("1", ["Hospital B"], ["linked"]),
])
def test_eras_and_institutions_filter_the_strip(exhibit, era, categories, expected):
    at = entered(exhibit)
    if era:
        at = act(at.button(key=f"kiosk-era-{era}").click())
    at = act(at.button_group(key="kiosk-categories").set_value(categories))
    assert keys(at, "kiosk-open-") == expected
    assert re.search(rf"<p class=\"kiosk-count\">{len(expected)} entr", html(at))


def test_an_entry_shows_its_story_sources_as_text_and_a_qr_code(exhibit):
    at = opened(exhibit, "first")
    page = html(at)
    assert '<h2 class="kiosk-title">First event</h2>' in page
    assert "<li>example.org</li>" in page and "<li>Archive Box 12 Folder 3</li>" in page
    uri = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', page)
    assert uri and base64.b64decode(uri[1]).decode() == qr_svg(
        "https://example.org/timeline/?event=first", label="Continue on your phone")
    assert "Continue on your phone" in page
    assert keys(at, "kiosk-") == ["previous", "back", "next", "reset"]
    no_typing(at)


def test_curator_links_and_markup_stay_text(exhibit):
    page = html(opened(exhibit, "linked"))
    assert [tag for tag, attrs in Elements(page).tags if tag == "a" or "href" in attrs] == []
    assert "Read the report or www.example.com and https://evil.example/x for $5 and $10. # not a heading" in page
    assert "<li>example.org</li>" in page  # two pages of one site read as one host


def test_a_quote_is_a_quotation(exhibit):
    page = html(opened(exhibit, "quoted"))
    assert re.search(r'<blockquote class="kiosk-quote"><p>“We were there, and we stayed.”</p>'
                     r"<footer>— A nurse, oral history, 1990</footer></blockquote>", page)


def test_previous_and_next_walk_the_filtered_strip(exhibit):
    at = entered(exhibit)
    at = act(at.button_group(key="kiosk-categories").set_value(["Hospital A"]))
    at = act(at.button(key="kiosk-open-first").click())
    assert at.button(key="kiosk-previous").disabled
    at = act(at.button(key="kiosk-next").click())
    assert '<h2 class="kiosk-title">A quotation</h2>' in html(at)
    assert at.button(key="kiosk-next").disabled  # "later" is Hospital B: outside the chosen strip
    at = act(at.button(key="kiosk-back").click())
    assert keys(at, "kiosk-open-") == ["first", "quoted"]  # the visitor's choice survives the visit


def test_no_qr_code_without_a_public_url(exhibit):
    settings = exhibit / "exhibit.toml"
    settings.write_text(settings.read_text().replace('public_url = "https://example.org/timeline/"', ""))
    page = html(opened(exhibit, "first"))
    assert "kiosk-qr" not in page and "data:image/svg" not in page and "Continue on your phone" not in page


def test_the_reset_button_clears_everything(exhibit):
    at = entered(exhibit)
    at = act(at.button(key="kiosk-era-1").click())
    at = act(at.button_group(key="kiosk-categories").set_value(["Hospital B"]))
    at = act(at.button(key="kiosk-open-linked").click())
    at = act(at.button(key="kiosk-reset").click())  # what the page's idle timer clicks
    assert keys(at, "kiosk-") == ["enter", "reset"]
    at = act(at.button(key="kiosk-enter").click())
    assert keys(at, "kiosk-open-") == ALL_IDS
    assert at.button(key="kiosk-era-0").proto.type == "primary"


@pytest.mark.parametrize(("idle_for", "expected"), [
    (90 * SERVER_FALLBACK_FACTOR + 5, ["enter", "reset"]),  # the browser's timer died: the server resets
    (90 + 5, ["previous", "back", "next", "reset"]),  # inside the margin: a visitor who only panned stays
])
def test_server_fallback_resets_a_long_idle_session(exhibit, idle_for, expected):
    at = opened(exhibit, "first")
    at.session_state[LAST_TOUCH] = time.monotonic() - idle_for
    assert keys(act(at), "kiosk-") == expected


@pytest.mark.parametrize(("env", "seconds", "prompt"), [(None, 90, 10), ("5", 5, 2), ("30", 30, 10)])
def test_idle_timer_takes_the_environment_override(exhibit, monkeypatch, env, seconds, prompt):
    if env:
        monkeypatch.setenv("TIMELINE_IDLE_SECONDS", env)
    page = html(entered(exhibit))
    timers = [json.loads(s["data-config"]) for s in Elements(page).find("script") if "seconds" in s["data-config"]]
    assert [(timer["seconds"], timer["prompt"]) for timer in timers] == [(seconds, prompt)]
    assert "Still exploring?" in page


@pytest.fixture
def big_exhibit(tmp_path, monkeypatch) -> Path:
    """5,000 generated entries (no images) with the bundled exhibit's settings."""
    data = tmp_path / "data"
    data.mkdir()
    (tmp_path / "media").mkdir()
    csv = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "5000"], check=True,
                         capture_output=True, text=True).stdout
    (data / "events.csv").write_text(csv, encoding="utf-8")
    shutil.copyfile(ROOT / "data" / "exhibit.toml", data / "exhibit.toml")
    monkeypatch.setenv("TIMELINE_MODE", "kiosk")
    monkeypatch.setenv("TIMELINE_DATA", str(data / "events.csv"))
    monkeypatch.setenv("TIMELINE_MEDIA", str(tmp_path / "media"))
    return data


def test_a_long_strip_shows_a_page_of_cards_with_big_page_turns_and_makes_no_images(big_exhibit, monkeypatch):
    asked = []
    monkeypatch.setattr(kiosk, "web_image", lambda entry, *_: asked.append(entry.id))
    at = entered(big_exhibit)
    first = keys(at, "kiosk-open-")
    assert len(first) == STRIP_PAGE
    assert not asked  # no entry has an image: no placeholder is made for a card that would not show it
    total = int(re.search(r"Showing the first \d+ of ([\d,]+) entries: choose an era or institution", html(at))[1]
                .replace(",", ""))
    assert total > 10 * STRIP_PAGE
    assert at.button(key="kiosk-page-earlier").disabled and not at.button(key="kiosk-page-later").disabled
    at = act(at.button(key="kiosk-page-later").click())
    second = keys(at, "kiosk-open-")
    assert len(second) == STRIP_PAGE and not set(first) & set(second)
    assert f"Showing {STRIP_PAGE + 1}–{2 * STRIP_PAGE} of {total:,} entries" in html(at)
    institution = load_settings(big_exhibit / "exhibit.toml").categories[0].name
    at = act(at.button_group(key="kiosk-categories").set_value([institution]))  # a new filter: back to page 1
    assert at.button_group(key="kiosk-categories").value == [institution]
    assert at.button(key="kiosk-page-earlier").disabled and len(keys(at, "kiosk-open-")) == STRIP_PAGE
    assert re.search(r"Showing the first \d+ of [\d,]+ entries", html(at))


def chart_ids(at: AppTest) -> list[str]:
    """The entry ids the chart's markers carry, as the page script reads them on a tap."""
    data = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    return [row[0] for trace in data for row in trace.get("customdata") or () if row and isinstance(row[0], str)]


def tapped(at: AppTest, value: str) -> AppTest:
    """What a tap does in the browser: the marker's id in the URL's query string, and a rerun."""
    at.query_params[TAP_PARAM] = value
    return act(at)


def test_a_chart_tap_opens_an_entry_whose_card_is_on_a_later_page_once(big_exhibit):
    at = entered(big_exhibit)
    first_page = set(keys(at, "kiosk-open-"))
    late = [i for i in chart_ids(at) if i not in first_page]
    assert len(first_page) == STRIP_PAGE and late  # markers whose cards are on later pages
    at = tapped(at, late[-1])
    assert at.session_state["kiosk-entry"] == late[-1] and at.session_state["kiosk-view"] == "entry"
    assert at.button(key="kiosk-back") and TAP_PARAM not in at.query_params  # honoured once, then gone
    at = act(at.button(key="kiosk-back").click())
    assert at.button(key="kiosk-page-later")  # back on the timeline: the tap did not reopen the entry


@pytest.mark.parametrize("value", ["no-such-entry", "", "<script>", "kiosk-reset"])
def test_a_tap_naming_no_entry_changes_nothing(exhibit, value):
    at = tapped(entered(exhibit), value)
    assert keys(at, "kiosk-open-") == ALL_IDS and TAP_PARAM not in at.query_params


def test_a_tapped_id_in_the_url_does_not_skip_the_attract_screen(exhibit):
    at = tapped(start(exhibit), "first")
    assert at.button(key="kiosk-enter") and TAP_PARAM not in at.query_params
