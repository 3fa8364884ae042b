"""The kiosk speaks, in headless Chromium, landscape and portrait, on the site fixture narrated by espeak-ng (entries
and every clip of the audio guide): the whole journey by keys alone with the guide on (each focus move plays the
clip that names it; opening an entry plays its narration and lights the sentence being read; Escape returns focus
to the card; Home starts over), Listen/Pause, narration holding off the idle reset, the volume by keys and its
reset to the exhibit's default, F1's help said aloud, every new control within reach, and axe with the guide on.

Screenshots: artifacts/screenshots/kiosk-audio-<size>-reading.png, an entry with its sentence lit while it plays.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_pages import describe_violations, goto_app, run_axe, screenshot, wait_for_run
from playwright.sync_api import Page, expect

from tests.listen_fixture import installed, narrated_exhibit
from timeline.kiosk_reach import reach_line_px
from timeline.narration.manifest import Manifest, read_manifest
from timeline.narration.prompts import label_key, title_key
from timeline.narration_urls import AUDIO_DIR
from timeline.settings import KioskScreen

pytestmark = pytest.mark.browser

SIZES = {"kiosk-landscape": "1920x1080", "kiosk-portrait": "1080x1920"}
TIMEOUT_MS = 30_000
PLAYING_MS = 15_000
GUIDE = "#kiosk-guide-audio"
NARRATION = ".st-key-event-detail audio[data-listen]"
SOUND_CONTROLS = "[data-guide], [data-volume], [data-listen-toggle]"

_FOCUSED_CARD = """() => (document.activeElement.closest('[class*="st-key-kiosk-open-"]') || {className: ""})
  .className.toString().match(/st-key-kiosk-open-([a-z0-9-]+)/)?.[1] || null"""


@pytest.fixture(scope="module")
def narrated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, Manifest]]:
    """(events.csv, media/, the manifest): the fixture narrated, clips and all, in the app's narration folder."""
    csv, media, audio, _, _ = narrated_exhibit(tmp_path_factory.mktemp("kiosk-audio"), kiosk=True)
    with installed(audio, AUDIO_DIR):
        yield csv, media, read_manifest(audio)


def kiosk(start_app, narrated, idle_seconds: int = 90):
    csv, media, _ = narrated
    return start_app(env={"TIMELINE_MODE": "kiosk", "TIMELINE_MEDIA": str(media),
                          "TIMELINE_IDLE_SECONDS": str(idle_seconds)}, data=csv)


def press(page: Page, key: str) -> None:
    page.keyboard.press(key)
    page.wait_for_timeout(150)
    wait_for_run(page)


def explore(page: Page, url: str) -> None:
    goto_app(page, url)
    expect(page.locator(".st-key-attract")).to_be_visible(timeout=TIMEOUT_MS)
    # the page's scripts run once their element is drawn, which can be just after the run ends
    page.wait_for_function("window.__kioskKeys && window.__kioskKeys.installed && window.__kioskGuide",
                           timeout=TIMEOUT_MS)
    press(page, "Enter")
    expect(page.locator(".st-key-timeline-chart")).to_be_visible(timeout=TIMEOUT_MS)


def clip_file(manifest: Manifest, key: str) -> str:
    return manifest.prompts[key].audio["ogg"]


def expect_said(page: Page, manifest: Manifest, key: str) -> None:
    """The guide's <audio> loads ``key``'s clip and plays it (its currentTime advances)."""
    name = clip_file(manifest, key)
    page.wait_for_function("([selector, name]) => { const a = document.querySelector(selector);"
                           " return a && a.src.endsWith('/' + name) && a.currentTime > 0.05; }",
                           arg=[GUIDE, name], timeout=PLAYING_MS)


def volume(page: Page) -> dict:
    return page.evaluate("""() => ({ level: document.querySelector("[data-volume-level]").textContent,
      page: window.__kioskGuide.volume })""")


@pytest.mark.parametrize("viewport", SIZES)
def test_the_whole_journey_by_keys_with_the_guide_speaking(start_app, page_at, narrated, viewport):
    _, _, manifest = narrated
    app = kiosk(start_app, narrated)
    page = page_at(viewport)
    explore(page, app.url)
    press(page, "F2")  # the audio guide: on
    expect(page.locator('[data-guide="toggle"]')).to_have_attribute("aria-pressed", "true")
    expect_said(page, manifest, label_key("guide"))
    press(page, "ArrowRight")  # "All years"
    expect_said(page, manifest, label_key("all-years"))
    for _ in range(30):  # Tab on through eras, institutions, text size, sound and page turns to a card
        page.keyboard.press("Tab")
        if page.evaluate(_FOCUSED_CARD):
            break
    card = page.evaluate(_FOCUSED_CARD)
    assert card, "focus must reach the cards"
    expect_said(page, manifest, title_key(card))
    press(page, "Enter")  # open it: its narration plays, and the sentence being read is lit
    narration = page.locator(NARRATION)
    expect(narration).to_have_count(1, timeout=TIMEOUT_MS)
    page.wait_for_function(f"document.querySelector('{NARRATION}').currentTime > 0.5", timeout=PLAYING_MS)
    page.wait_for_function("document.querySelector('.kiosk-text .listen-now') !== null", timeout=PLAYING_MS)
    expect(page.locator("[data-listen-toggle]")).to_have_text("Pause")  # a sentence of the story is lit
    screenshot(page, f"kiosk-audio-{SIZES[viewport]}-reading")
    assert page.locator(".kiosk-story .listen-now").first.get_attribute("aria-current") == "true"
    press(page, "Escape")  # back, with focus on the entry's card; the narration stops with its entry
    expect(page.locator(".st-key-event-list")).to_be_visible(timeout=TIMEOUT_MS)
    page.wait_for_function(f"() => ({_FOCUSED_CARD})() === {card!r}")
    press(page, "Home")
    expect(page.locator(".st-key-attract")).to_be_visible(timeout=TIMEOUT_MS)


@pytest.mark.parametrize("viewport", SIZES)
def test_listen_and_pause_by_keys_and_narration_holds_off_the_idle_reset(start_app, page_at, narrated, viewport):
    _, _, manifest = narrated
    app = kiosk(start_app, narrated, idle_seconds=6)  # "Still exploring?" after 3 s of quiet
    page = page_at(viewport)
    explore(page, app.url)
    page.locator('[class*="st-key-kiosk-open-hospital-opens"] button').focus()
    press(page, "Enter")
    listen = page.locator("[data-listen-toggle]")
    expect(listen).to_have_text("Listen", timeout=TIMEOUT_MS)
    listen.focus()
    press(page, "Enter")
    expect(listen).to_have_text("Pause")
    seconds = manifest.entries["hospital-opens"].seconds
    assert seconds > 8, "the narration must outlast the idle time for this test to mean anything"
    page.wait_for_timeout(7_000)  # past the idle time, without a touch
    assert page.evaluate(f"document.querySelector('{NARRATION}').currentTime") > 5
    expect(page.locator(".st-key-event-detail")).to_be_visible()
    assert not page.get_by_text("Still exploring?").is_visible()
    press(page, "Enter")  # Pause
    expect(listen).to_have_text("Listen")
    assert page.evaluate(f"document.querySelector('{NARRATION}').paused")
    expect(page.locator(".st-key-attract")).to_be_visible(timeout=12_000)  # quiet again: the reset comes


def test_plus_and_minus_change_the_volume_and_an_idle_reset_restores_it(start_app, page_at, narrated):
    """F1 says the key help (guide on or off). With the guide on, "Still exploring?" is said as it shows (the
    guide's own words are not activity: the reset still comes), and the reset brings the default volume back, with
    the guide off."""
    _, _, manifest = narrated
    app = kiosk(start_app, narrated, idle_seconds=6)
    page = page_at("kiosk-landscape")
    explore(page, app.url)
    page.keyboard.press("F1")  # the key help, shown and said, with the guide off too
    expect(page.locator("#kiosk-keys")).to_be_visible()
    expect_said(page, manifest, "keys-help")
    page.keyboard.press("Escape")  # closes it, and silences it
    expect(page.locator("#kiosk-keys")).to_be_hidden()
    assert page.evaluate(f"document.querySelector('{GUIDE}').paused")
    press(page, "F2")
    assert volume(page) == {"level": "80%", "page": 0.8}  # [kiosk] volume's default
    press(page, "-")
    press(page, "-")
    assert volume(page) == {"level": "60%", "page": 0.6}
    press(page, "+")
    assert volume(page) == {"level": "70%", "page": 0.7}
    page.locator('[data-volume="1"]').click()  # the on-screen Louder
    assert volume(page) == {"level": "80%", "page": 0.8}
    page.locator('[data-volume="-1"]').click()
    assert page.evaluate(f"document.querySelector('{GUIDE}').volume") == pytest.approx(0.7)
    expect(page.get_by_text("Still exploring?")).to_be_visible(timeout=10_000)
    expect_said(page, manifest, "still-exploring")
    expect(page.locator(".st-key-attract")).to_be_visible(timeout=15_000)  # the idle reset
    page.wait_for_timeout(500)
    wait_for_run(page)  # the reset's run is over: a key now starts a new visit
    press(page, "Enter")
    expect(page.locator(".st-key-timeline-chart")).to_be_visible(timeout=TIMEOUT_MS)
    assert volume(page) == {"level": "80%", "page": 0.8}
    expect(page.locator('[data-guide="toggle"]')).to_have_attribute("aria-pressed", "false")


@pytest.mark.parametrize("viewport", SIZES)
def test_listen_volume_and_the_guide_are_within_reach(start_app, page_at, narrated, viewport):
    app = kiosk(start_app, narrated)
    page = page_at(viewport)
    size = page.viewport_size
    line = reach_line_px(KioskScreen(), size["height"] > size["width"], size["height"])
    explore(page, app.url)
    page.locator(".st-key-kiosk-larger button").focus()
    page.keyboard.press("Tab")  # on to the audio guide's switch: focus shows there too
    ring = page.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
      return [e.dataset.guide || "", parseFloat(s.outlineWidth) || 0, s.outlineStyle]; }""")
    assert ring[0] == "toggle" and ring[1] >= 3 and ring[2] != "none"
    for view in ("explore", "entry"):
        if view == "entry":
            page.locator('[class*="st-key-kiosk-open-hospital-opens"] button').click()
            wait_for_run(page)
            expect(page.locator("[data-listen-toggle]")).to_be_visible(timeout=TIMEOUT_MS)
        centres = page.eval_on_selector_all(SOUND_CONTROLS, """els => els.filter((e) => e.getClientRects().length)
          .map((e) => { const r = e.getBoundingClientRect(); return [e.textContent.trim(), r.y + r.height / 2,
                                                                      r.width, r.height]; })""")
        assert len(centres) == (4 if view == "entry" else 3)
        assert [c[0] for c in centres if c[1] < line] == [], f"{view}: above the reach line (row {line})"
        assert all(w >= 56 and h >= 56 for _, _, w, h in centres), f"{view}: a target under 56 px"


@pytest.mark.parametrize("viewport", SIZES)
@pytest.mark.parametrize("view", ["explore", "entry"])
def test_no_serious_accessibility_violations_with_the_guide_on(start_app, page_at, narrated, view, viewport):
    app = kiosk(start_app, narrated)
    page = page_at(viewport)
    explore(page, app.url)
    press(page, "F2")
    if view == "entry":
        page.locator('[class*="st-key-kiosk-open-hospital-opens"] button').focus()
        press(page, "Enter")
        page.wait_for_function("document.querySelector('.kiosk-story .listen-now') !== null", timeout=PLAYING_MS)
    violations = run_axe(page)
    assert not violations, describe_violations(violations)
    assert re.search(r"\d+%", page.locator("[data-volume-level]").inner_text())
