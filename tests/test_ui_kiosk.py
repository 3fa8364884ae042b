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
from timeline.dates import parse_date
from timeline.image_urls import WebImage
from timeline.kiosk_state import LAST_TOUCH, SERVER_FALLBACK_FACTOR, STRIP_PAGE, TAP_PARAM, source_texts
from timeline.qr import qr_svg
from timeline.render import render_macro
from timeline.schema import Entry, Kind
from timeline.settings import load_settings
from timeline.ui import chart
from timeline.ui.kiosk import page as kiosk
from timeline.ui.kiosk.keys import KEY_MAP
from timeline.ui.page_files import page_file

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
    assert keys(at, "kiosk-") == ["enter", "reset", "idle-reset"]
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
        "https://example.org/timeline/?event=first&src=qr", label="Continue on your phone")
    assert "Continue on your phone" in page
    assert keys(at, "kiosk-") == ["previous", "back", "larger", "next", "reset", "idle-reset"]
    no_typing(at)


def test_curator_links_and_markup_stay_text(exhibit):
    page = html(opened(exhibit, "linked"))
    assert [tag for tag, attrs in Elements(page).tags if tag == "a" or "href" in attrs] == []
    assert "Read the report or www.example.com and https://evil.example/x for $5 and $10. # not a heading" in page
    assert "<li>example.org</li>" in page  # two pages of one site read as one host


HOSTILE = "<script>alert(1)</script>"


def hostile_entry(kind: Kind) -> Entry:
    """Every field the kiosk shows, written as an attacker would, with links of each kind in the story."""
    return Entry("x", kind, parse_date("1947"), f"{HOSTILE} title", row=2,
                 text='A [link](https://evil.example/x), [js](javascript:alert(1)), <a href="https://evil.example">raw</a>',
                 attribution=f"{HOSTILE} said", category="Hospital <b>A</b>", place=f"{HOSTILE} place",
                 image="x.jpg", image_caption=f"{HOSTILE} caption", image_credit="<i>credit</i>",
                 content_note=f"{HOSTILE} note", sources=("https://evil.example/s", f"{HOSTILE} box"))


@pytest.mark.parametrize("kind", [Kind.EVENT, Kind.QUOTE])
def test_every_kiosk_part_shows_hostile_text_as_text_and_links_nowhere(kind):
    entry = hostile_entry(kind)
    image = WebImage('app/static/x.jpg?"onerror=x', f"{HOSTILE} alt", is_placeholder=False)
    parts = {name: Elements(render_macro(kiosk.PARTS, name, *args)) for name, args in {
        "attract": (HOSTILE, [(entry, image, entry.category)]),
        "heading": (HOSTILE,),
        "count": (HOSTILE,),
        "card": (entry, None, '"red" onclick=x', entry.category),
        "entry_image": (entry, image),
        "story": (entry, source_texts(entry.sources)),
        "qr": ("data:image/svg+xml;base64,AAAA", f"{HOSTILE} label"),
    }.items()}
    for name, page in parts.items():
        assert not [tag for tag, attrs in page.tags if tag in ("script", "a", "b", "i") or "href" in attrs], name
        assert not [attrs for _, attrs in page.tags if "onclick" in attrs or "onerror" in attrs], name
        assert HOSTILE in page.words, name
    story = parts["story"]
    assert story.find("div", class_="kiosk-story", aria_label=f"{HOSTILE} title")
    assert 'A link, [js](javascript:alert(1)), <a href="https://evil.example">raw</a>' in story.words
    assert f"— {HOSTILE} said" in story.words if kind is Kind.QUOTE else f"{HOSTILE} said" not in story.words
    assert "evil.example Sources evil.example" not in story.words and f"{HOSTILE} place" in story.words
    assert parts["attract"].find("img", alt=f"{HOSTILE} alt", src='app/static/x.jpg?"onerror=x')
    assert parts["card"].find("p", class_="kiosk-card-band", style='border-color: "red" onclick=x')
    assert f"Content note: {HOSTILE} note {HOSTILE} caption — <i>credit</i>" == parts["entry_image"].words


def test_hostile_curator_text_stays_text_on_every_kiosk_view(exhibit):
    shutil.copyfile(FIXTURES.parent / "ui" / "hostile.csv", exhibit / "events.csv")
    at = start(exhibit)
    views = [html(at)]
    at = act(at.button(key="kiosk-enter").click())
    views.append(html(at))
    for entry_id in keys(at, "kiosk-open-"):
        views.append(html(act(at.button(key=f"kiosk-open-{entry_id}").click())))
        at = act(at.button(key="kiosk-back").click())
    pages = [Elements(view) for view in views]
    assert len(pages) == 10 and all("<script>alert(1)</script> in a title" in page.words for page in pages[1:3])
    for page in pages:
        assert not page.find("a") and not page.find("iframe")
        ours = [page_file(name) for name in ("kiosk-idle.js", "chart-tap.js", "kiosk-keys.js", "kiosk-guide.js",
                                             "listen.js", "focus.js")]
        assert page.scripts in (ours[:5], ours)  # focus moves after an entry opens or closes
        assert all(attrs["src"].startswith(("app/static/", "data:image/svg+xml")) for attrs in page.find("img"))


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


def test_the_qr_code_carries_the_entry_link_the_web_page_shares(exhibit):
    """A campaign tag and a fragment on the public URL stay out of the entry's link, as on the web page."""
    settings = exhibit / "exhibit.toml"
    settings.write_text(settings.read_text().replace('public_url = "https://example.org/timeline/"',
                                                     'public_url = "https://example.org/timeline/?utm_source=kiosk#top"'))
    uri = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html(opened(exhibit, "first")))
    assert uri and base64.b64decode(uri[1]).decode() == qr_svg(
        "https://example.org/timeline/?event=first&src=qr", label="Continue on your phone")


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
    at = act(at.button(key="kiosk-idle-reset").click())  # what the page's idle timer clicks
    assert keys(at, "kiosk-") == ["enter", "reset", "idle-reset"]
    at = act(at.button(key="kiosk-enter").click())
    assert keys(at, "kiosk-open-") == ALL_IDS
    assert at.button(key="kiosk-era-0").proto.type == "primary"


def stylesheet(at: AppTest) -> str:
    return "".join(h.value for h in at.html if h.value.startswith("<style>"))


def scripts_config(at: AppTest, script: str) -> list[dict]:
    """The settings of each copy of ``static/SCRIPT`` the run sent."""
    return [json.loads(s["data-config"]) for s in Elements(html(at)).find("script")
            if s.get("data-config") and page_file(script) in html(at)]


def test_larger_text_stays_on_from_view_to_view_until_the_kiosk_starts_over(exhibit):
    at = entered(exhibit)
    assert at.button(key="kiosk-larger").label == "Larger text"
    assert "--kiosk-story" not in stylesheet(at)
    at = act(at.button(key="kiosk-larger").click())
    assert at.button(key="kiosk-larger").proto.type == "primary"
    assert "--kiosk-story: 36px" in stylesheet(at) and page_file("kiosk-large.css") in stylesheet(at)
    at = act(at.button(key="kiosk-open-linked").click())
    assert at.button(key="kiosk-larger").proto.type == "primary" and "--kiosk-story" in stylesheet(at)
    assert [c["largerOn"] for c in scripts_config(at, "kiosk-keys.js") if "largerOn" in c] == [True]
    at = act(at.button(key="kiosk-reset").click())
    at = act(at.button(key="kiosk-enter").click())
    assert at.button(key="kiosk-larger").proto.type == "secondary" and "--kiosk-story" not in stylesheet(at)


def test_every_view_carries_the_key_script_and_its_help(exhibit):
    """F1 shows the key help on any view; the script finds the kiosk's own buttons by their keys."""
    attract = start(exhibit)
    for at in (attract, act(attract.button(key="kiosk-enter").click())):
        page = Elements(html(at))
        assert page.find("section", id="kiosk-keys")
        assert all(f"{keys} {action}" in page.words for keys, action in KEY_MAP)
        config = next(c for c in scripts_config(at, "kiosk-keys.js") if "enter" in c)
        assert (config["enter"], config["back"], config["reset"]) == (
            ".st-key-kiosk-enter button", ".st-key-kiosk-back button", ".st-key-kiosk-reset button")


def test_larger_text_turns_off_again(exhibit):
    at = act(entered(exhibit).button(key="kiosk-larger").click())
    at = act(at.button(key="kiosk-larger").click())
    assert at.button(key="kiosk-larger").proto.type == "secondary" and "--kiosk-story" not in stylesheet(at)


def test_the_reach_line_comes_from_the_kiosk_settings(exhibit):
    """Hung 300 mm higher, a portrait screen's top 588 of its 708 mm is out of reach, and in landscape 279 of 398."""
    (exhibit / "exhibit.toml").write_text((exhibit / "exhibit.toml").read_text(encoding="utf-8")
                                          + "\n[kiosk]\nscreen_bottom_mm = 1100\n", encoding="utf-8")
    css = stylesheet(entered(exhibit))
    assert "@media (orientation: portrait) { :root { --kiosk-reach: 83.06vh; } }" in css
    assert "@media (orientation: landscape) { :root { --kiosk-reach: 69.89vh; } }" in css


def test_opening_an_entry_focuses_its_story_and_back_focuses_its_card(exhibit):
    at = opened(exhibit, "linked")
    assert [c["selector"] for c in scripts_config(at, "focus.js") if "selector" in c] == [
        ".st-key-event-detail .kiosk-story"]
    at = act(at.button(key="kiosk-next").click())  # a keypad visitor stepping on keeps focus on Next
    assert [c["selector"] for c in scripts_config(at, "focus.js") if "selector" in c] == []
    at = act(at.button(key="kiosk-back").click())
    assert [c["selector"] for c in scripts_config(at, "focus.js") if "selector" in c] == [
        ".st-key-kiosk-open-quoted button"]


@pytest.mark.parametrize(("idle_for", "expected"), [
    # the browser's timer died: the server resets
    (90 * SERVER_FALLBACK_FACTOR + 5, ["enter", "reset", "idle-reset"]),
    # inside the margin: a visitor who only panned stays
    (90 + 5, ["previous", "back", "larger", "next", "reset", "idle-reset"]),
])
def test_server_fallback_resets_a_long_idle_session(exhibit, idle_for, expected):
    at = opened(exhibit, "first")
    at.session_state[LAST_TOUCH] = time.monotonic() - idle_for
    assert keys(act(at), "kiosk-") == expected


@pytest.mark.parametrize(("env", "seconds", "prompt"), [(None, 90, 20), ("5", 5, 2), ("30", 30, 15), ("60", 60, 20)])
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


def test_a_page_turn_reuses_the_chart_and_a_new_filter_rebuilds_it(exhibit, monkeypatch):
    """The chart above the strip shows the same entries on every page: built once, as the web page's is."""
    monkeypatch.setattr(kiosk, "STRIP_PAGE", 2)  # the fixture's four entries on two pages
    built = []
    for module in (kiosk, chart):  # wherever the figure is built from
        if hasattr(module, "build_figure"):
            real = module.build_figure
            monkeypatch.setattr(module, "build_figure", lambda *a, real=real, **k: built.append(1) or real(*a, **k))
    at = entered(exhibit)
    assert len(built) == 1
    at = act(at.button(key="kiosk-page-later").click())
    at = act(at.button(key="kiosk-page-earlier").click())
    assert len(built) == 1 and keys(at, "kiosk-open-") == ALL_IDS[:2]
    act(at.button_group(key="kiosk-categories").set_value(["Hospital A"]))
    assert len(built) == 2


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
    assert at.button(key="kiosk-page-earlier")  # back on the timeline: the tap did not reopen the entry
    assert late[-1] in keys(at, "kiosk-open-")  # the strip turned to the entry's card, as the web list does


def test_back_returns_to_the_strip_page_the_visitor_stepped_to(big_exhibit):
    at = entered(big_exhibit)
    at = act(at.button(key=f"kiosk-open-{keys(at, 'kiosk-open-')[-1]}").click())  # the first page's last card
    at = act(at.button(key="kiosk-next").click())  # ... and on into the second page
    stepped = at.session_state["kiosk-entry"]
    at = act(at.button(key="kiosk-back").click())
    assert stepped in keys(at, "kiosk-open-") and not at.button(key="kiosk-page-earlier").disabled


@pytest.mark.parametrize("value", ["no-such-entry", "", "<script>", "kiosk-reset"])
def test_a_tap_naming_no_entry_changes_nothing(exhibit, value):
    at = tapped(entered(exhibit), value)
    assert keys(at, "kiosk-open-") == ALL_IDS and TAP_PARAM not in at.query_params


def test_a_tapped_id_in_the_url_does_not_skip_the_attract_screen(exhibit):
    at = tapped(start(exhibit), "first")
    assert at.button(key="kiosk-enter") and TAP_PARAM not in at.query_params
