"""The kiosk in headless Chromium with touch, landscape and portrait: attract, tap to enter, big targets,
no links or typing or Streamlit chrome, one-tap selection, the QR code, idle reset and server restarts; and for every
visitor: the whole journey by keys alone, the 20-second idle warning, larger text (size and 7:1 contrast), every
control within a seated visitor's reach, and the explore view on one screen.

Screenshots land in artifacts/screenshots/kiosk-<size>-<view>.png for a person to look at.
"""

from __future__ import annotations

import base64
import csv
import io
import re
import subprocess
import sys
import time
import wave
from collections.abc import Iterator

import pytest
import zxingcpp
from app_server import PROJECT_ROOT, PUBLIC_URL, App, settings_with_address
from browser_pages import VIEWPORTS, describe_violations, goto_app, run_axe, screenshot, wait_for_run
from PIL import Image
from playwright.sync_api import Page, expect

from timeline.kiosk_reach import cap_height_mm, pixel_mm, reach_line_px
from timeline.links import take_home_url
from timeline.settings import KioskScreen
from timeline.ui.kiosk.styles import larger_story_px

pytestmark = pytest.mark.browser

SIZES = {"kiosk-landscape": "1920x1080", "kiosk-portrait": "1080x1920"}
MIN_TARGET_PX = 56
MIN_TEXT_PX = 24
CHROME = ('[data-testid="stHeader"]', '[data-testid="stToolbar"]', '[data-testid="stMainMenu"]',
          '[data-testid="stAppDeployButton"]', '[data-testid="stStatusWidget"]', "footer")
DIALOGS = '[role="dialog"], [data-testid="stDialog"]'
TIMEOUT_MS = 30_000

_SMALL_TARGETS = """(least) => {
  const seen = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0
      && getComputedStyle(e).visibility !== "hidden"; };
  const targets = 'button, [role="button"], [role="tab"], [role="checkbox"], [role="option"], a, input, select';
  return Array.from(document.querySelectorAll(targets)).filter(seen).map((e) => {
    const r = e.getBoundingClientRect();
    return { what: (e.getAttribute("data-testid") || e.tagName) + " " + (e.textContent || "").trim().slice(0, 40),
             width: Math.round(r.width), height: Math.round(r.height) };
  }).filter((t) => t.width < least || t.height < least);
}"""

_SMALL_TEXT = """(least) => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!node.textContent.trim() || !parent || parent.closest("svg, style, script")) continue;
    if (!parent.getClientRects().length || getComputedStyle(parent).visibility === "hidden") continue;
    const size = parseFloat(getComputedStyle(parent).fontSize);
    if (size < least) small.push(size + "px: " + node.textContent.trim().slice(0, 40));
  }
  return small;
}"""

_OFFSITE_LINKS = """() => Array.from(document.querySelectorAll("a")).map(
  (a) => a.getAttribute("href") || a.getAttribute("xlink:href") || "").filter(
  (href) => href && new URL(href, location.href).origin !== location.origin)"""

_CHART_POINTS = """() => Array.from(document.querySelectorAll(".st-key-timeline-chart .scatterlayer .trace path.point"))
  .map((el) => { const trace = el.closest(".trace").__data__[0].trace; const r = el.getBoundingClientRect();
                 return { id: trace.customdata && trace.customdata[el.__data__.i][0], x: r.x + r.width / 2,
                          y: r.y + r.height / 2 }; })
  .filter((p) => p.id && p.x > 0 && p.y > 0 && p.x < innerWidth && p.y < innerHeight)"""


_CONTROLS = """() => Array.from(document.querySelectorAll('button, [role="button"], [role="checkbox"], '
    + '[role="option"], [role="tab"], a[href], [tabindex="0"]:not(.kiosk-story)'))
  .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0
      && getComputedStyle(e).visibility !== "hidden" && !e.querySelector("button"); })  // not the scrolling main area
  .map((e) => { const r = e.getBoundingClientRect();
    return { what: (e.textContent || e.getAttribute("aria-label") || e.tagName).trim().slice(0, 40),
             y: r.y + r.height / 2 }; })"""

_FOCUSED = """() => { const e = document.activeElement; const s = getComputedStyle(e);
  return { card: (e.closest('[class*="st-key-kiosk-open-"]') || {className: ""}).className.toString()
             .match(/st-key-kiosk-open-([a-z0-9-]+)/)?.[1] || null,
           text: (e.textContent || "").trim().slice(0, 60), outline: parseFloat(s.outlineWidth) || 0,
           outlineStyle: s.outlineStyle }; }"""

# The rendered cap height of the story's font, measured from the glyph "H" in that font at that size.
_STORY_TYPE = """() => { const p = document.querySelector(".kiosk-text p, .kiosk-quote p");
  const s = getComputedStyle(p);
  const ctx = document.createElement("canvas").getContext("2d");
  ctx.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
  return { size: parseFloat(s.fontSize), cap: ctx.measureText("H").actualBoundingBoxAscent }; }"""

# axe reads HTML text only: the chart's own words (lane names, years, era numbers) are checked here, each against the
# fill of the box drawn behind it (an era number's) or the chart's white paper.
_CHART_TEXT_CONTRAST = """() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92
      : Math.pow((v + 0.055) / 1.055, 2.4); }).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  return Array.from(document.querySelectorAll(".st-key-timeline-chart svg text")).filter((t) => t.textContent.trim())
    .map((t) => { const box = t.closest("g.annotation")?.querySelector("rect.bg");
      const back = box ? rgb(getComputedStyle(box).fill) : [255, 255, 255];
      return { text: t.textContent.trim(), ratio: ratio(rgb(getComputedStyle(t).fill), back) }; })
    .filter((t) => t.ratio < 7); }"""

_CUT_OFF = """() => Array.from(document.querySelectorAll(
    ".kiosk-card-title, .stButton button p, .kiosk-count, .chart-key"))
  .filter((e) => e.getClientRects().length
    && (e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1))
  .map((e) => e.textContent.trim().slice(0, 40))"""


@pytest.fixture(scope="module")
def kiosk_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    """Kiosk mode on the bundled data with the normal idle time, shared by tests that do not restart it."""
    folder = tmp_path_factory.mktemp("kiosk-app")
    app = App(folder / "streamlit.log", env={"TIMELINE_MODE": "kiosk", "TIMELINE_SETTINGS": str(
        settings_with_address(folder))})
    yield app.start()
    app.stop()


def settled(page: Page) -> None:
    page.wait_for_timeout(150)  # let the tap's rerun start before waiting for it to end
    wait_for_run(page)


def tap_centre(page: Page) -> None:
    size = page.viewport_size
    page.touchscreen.tap(size["width"] / 2, size["height"] / 2)
    settled(page)


def enter(page: Page, url: str) -> None:
    goto_app(page, url)
    expect(page.locator(".st-key-attract")).to_be_visible(timeout=TIMEOUT_MS)
    tap_centre(page)
    expect(page.locator(".st-key-timeline-chart")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator(".st-key-attract")).to_have_count(0)


def card_id(page: Page, index: int) -> str:
    classes = page.locator('[class*="st-key-kiosk-card-"]').nth(index).get_attribute("class") or ""
    return re.search(r"st-key-kiosk-card-([a-z0-9-]+)", classes)[1]


def open_card(page: Page, index: int) -> str:
    """Tap the strip's card (brought into view first) and return the entry id it carries."""
    entry_id = card_id(page, index)
    page.locator(f".st-key-kiosk-card-{entry_id}").tap()  # scrolls the strip to the card first
    settled(page)
    expect(page.locator(".st-key-event-detail")).to_be_visible(timeout=TIMEOUT_MS)
    return entry_id


def expect_entry(page: Page, title: str) -> None:
    """The entry view shows ``title`` (waits: the heading streams in after the view's container)."""
    expect(page.locator(".st-key-event-detail h2.kiosk-title")).to_have_text(title, timeout=TIMEOUT_MS)


def entry_title(page: Page, entry_id: str) -> str:
    return page.locator(f".st-key-kiosk-card-{entry_id} .kiosk-card-title").inner_text()


def assert_locked_down(page: Page) -> None:
    assert page.evaluate(_SMALL_TARGETS, MIN_TARGET_PX) == [], f"targets under {MIN_TARGET_PX} px"
    assert page.evaluate(_SMALL_TEXT, MIN_TEXT_PX) == [], f"text under {MIN_TEXT_PX} px"
    assert page.evaluate(_OFFSITE_LINKS) == [], "links that leave the exhibit"
    typing = page.locator('input:not([type="hidden"]), textarea, [contenteditable="true"]')
    assert [typing.nth(i).is_visible() for i in range(typing.count())].count(True) == 0, "a visible text field"
    for selector in CHROME:
        assert not page.locator(selector).first.is_visible(), f"Streamlit chrome is showing: {selector}"
    wide = page.evaluate("() => Math.max(document.documentElement.scrollWidth, "
                         "document.querySelector('[data-testid=\"stMain\"]').scrollWidth) - innerWidth")
    assert wide <= 0, f"the page scrolls sideways by {wide} px"


def assert_one_screen(page: Page) -> None:
    """The explore view fits the screen: the page does not scroll and the card row is whole on it."""
    tall = page.evaluate("() => Math.max(document.documentElement.scrollHeight, "
                         "document.querySelector('[data-testid=\"stMain\"]').scrollHeight) - innerHeight")
    assert tall <= 0, f"the page scrolls by {tall} px"
    bottom = page.locator(".st-key-event-list").bounding_box()
    assert bottom["y"] + bottom["height"] <= page.viewport_size["height"], "the card row is cut off at the bottom"


def press(page: Page, key: str) -> None:
    page.keyboard.press(key)
    settled(page)


def turn_on_larger_text(page: Page) -> None:
    page.locator(".st-key-kiosk-larger button").click()
    settled(page)
    expect(page.locator('.st-key-kiosk-larger button[aria-pressed="true"]')).to_have_count(1, timeout=TIMEOUT_MS)
    page.wait_for_timeout(500)  # the chart redraws at its new height


@pytest.mark.parametrize("viewport", SIZES)
def test_attract_then_a_tap_anywhere_enters(kiosk_app, page_at, viewport):
    page = page_at(viewport)
    goto_app(page, kiosk_app.url)
    attract = page.locator(".st-key-attract")
    expect(attract).to_be_visible()
    expect(page.get_by_text("Touch anywhere to explore")).to_be_visible()
    page.wait_for_timeout(1500)  # the first featured entry fades in
    assert_locked_down(page)
    screenshot(page, f"kiosk-{SIZES[viewport]}-attract")
    tap_centre(page)
    expect(page.locator(".st-key-timeline-chart .js-plotly-plot")).to_be_visible(timeout=TIMEOUT_MS)
    expect(attract).to_have_count(0)
    page.wait_for_timeout(500)  # the chart draws after the run
    assert_locked_down(page)
    assert_one_screen(page)
    screenshot(page, f"kiosk-{SIZES[viewport]}-timeline")


@pytest.mark.parametrize("viewport", SIZES)
@pytest.mark.parametrize("view", ["attract", "explore", "entry", "explore-larger", "entry-larger"])
def test_no_serious_accessibility_violations(kiosk_app, page_at, view, viewport):
    """Touch first, but read by everyone: contrast, names, alt text and structure still hold (axe-core), with larger
    text on too, in both orientations (their layouts differ)."""
    page = page_at(viewport)
    if view == "attract":
        goto_app(page, kiosk_app.url)
        page.wait_for_timeout(1500)  # the first featured entry fades in
    else:
        enter(page, kiosk_app.url)
    if view.endswith("-larger"):
        turn_on_larger_text(page)
    if view.startswith("entry"):
        open_card(page, 1)
    violations = run_axe(page)
    assert not violations, describe_violations(violations)


@pytest.mark.parametrize("viewport", SIZES)
def test_a_card_opens_its_entry_with_a_qr_code_that_reads(kiosk_app, page_at, viewport):
    page = page_at(viewport)
    enter(page, kiosk_app.url)
    title = entry_title(page, card_id(page, 2))
    entry_id = open_card(page, 2)
    expect_entry(page, title)
    assert_locked_down(page)
    screenshot(page, f"kiosk-{SIZES[viewport]}-entry")
    qr = page.locator(".kiosk-qr img")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert 200 <= box["width"] <= 290, "the QR code should be about 220-280 px"
    decoded = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.screenshot())))]
    assert decoded == [take_home_url(PUBLIC_URL, entry_id)]  # the entry's link, marked as a QR arrival


def test_reduced_motion_swaps_slides_without_animating(kiosk_app, browser):
    context = browser.new_context(**VIEWPORTS["kiosk-landscape"], reduced_motion="reduce")
    page = context.new_page()
    goto_app(page, kiosk_app.url)
    styles = page.evaluate("""() => ({
      slide: getComputedStyle(document.querySelector(".kiosk-slide")).animationTimingFunction,
      prompt: getComputedStyle(document.querySelector(".st-key-kiosk-enter button p")).animationName })""")
    context.close()
    assert styles["slide"] in ("step-end", "steps(1)", "steps(1, end)"), "slides must change without a fade"
    assert styles["prompt"] == "none", "the invitation must not pulse"


def test_next_previous_and_back(kiosk_app, page_at):
    page = page_at("kiosk-landscape")
    enter(page, kiosk_app.url)
    titles = [entry_title(page, card_id(page, i)) for i in (0, 1)]
    open_card(page, 0)
    page.get_by_role("button", name="Next ›").tap()
    settled(page)
    expect_entry(page, titles[1])
    page.get_by_role("button", name="‹ Previous").tap()
    settled(page)
    expect_entry(page, titles[0])
    page.get_by_role("button", name="Back to the timeline").tap()
    settled(page)
    expect(page.locator(".st-key-event-list")).to_be_visible()


def test_one_tap_on_a_chart_marker_opens_that_entry(kiosk_app, page_at):
    """Plotly's own touch selection is off by one tap (a tap selects the previously tapped point, plotly.js issues
    2997 and 6724); the kiosk opens the tapped point."""
    page = page_at("kiosk-landscape")
    enter(page, kiosk_app.url)
    expect(page.locator(".st-key-timeline-chart path.point").first).to_be_attached(timeout=TIMEOUT_MS)
    points = page.evaluate(_CHART_POINTS)
    target = next(p for p in points if all(abs(p["x"] - q["x"]) + abs(p["y"] - q["y"]) > 40
                                           for q in points if q is not p))  # a marker no other one overlaps
    title = entry_title(page, target["id"])
    page.touchscreen.tap(target["x"], target["y"])
    expect_entry(page, title)


def test_one_tap_opens_a_marker_whose_card_is_on_a_later_page(start_app, page_at, tmp_path):
    """At 250 entries the strip is paged; a tap on a late marker still opens it, at the kiosk's real address."""
    csv_text = subprocess.run([sys.executable, str(PROJECT_ROOT / "benchmarks" / "generate.py"), "250"], check=True,
                              capture_output=True, text=True).stdout
    data = tmp_path / "data"
    data.mkdir()
    (tmp_path / "media").mkdir()
    (data / "events.csv").write_text(csv_text, encoding="utf-8")
    (data / "exhibit.toml").write_text((PROJECT_ROOT / "data" / "exhibit.toml").read_text(encoding="utf-8"))
    titles = {row["id"]: row["title"] for row in csv.DictReader(io.StringIO(csv_text))}
    app = start_app(env={"TIMELINE_MODE": "kiosk", "TIMELINE_MEDIA": str(tmp_path / "media")},
                    data=data / "events.csv")
    page = page_at("kiosk-landscape")
    enter(page, f"{app.url}?embed=true&embed_options=hide_loading_screen")  # as launch-browser.sh opens it
    expect(page.locator(".st-key-kiosk-page-later")).to_be_visible(timeout=TIMEOUT_MS)
    points = sorted(page.evaluate(_CHART_POINTS), key=lambda p: p["x"])
    target = next(p for p in reversed(points) if page.locator(f".st-key-kiosk-card-{p['id']}").count() == 0
                  and all(abs(p["x"] - q["x"]) + abs(p["y"] - q["y"]) > 40 for q in points if q is not p))
    page.touchscreen.tap(target["x"], target["y"])
    expect_entry(page, titles[target["id"]].strip())
    settled(page)
    assert "tap=" not in page.url  # honoured once: a reload does not reopen it
    assert "embed=true" in page.url


def test_idle_returns_to_attract_with_everything_cleared(start_app, page_at):
    app = start_app(env={"TIMELINE_MODE": "kiosk", "TIMELINE_IDLE_SECONDS": "8"})  # the prompt shows after 4 s
    page = page_at("kiosk-portrait")
    enter(page, app.url)
    prompt = page.get_by_text("Still exploring?")
    if prompt.is_visible():  # a slow first drawing can outlast the quiet before the prompt: touch it away first
        prompt.tap()
    page.locator(".st-key-kiosk-categories button").first.tap()  # choose an institution
    settled(page)
    expect(prompt).to_be_visible(timeout=8_000)
    prompt.tap()  # a touch dismisses it and the visit goes on
    expect(prompt).to_be_hidden()
    expect(page.locator(".st-key-timeline-chart")).to_be_visible()
    started = time.monotonic()
    expect(page.locator(".st-key-attract")).to_be_visible(timeout=12_000)
    assert time.monotonic() - started >= 3, "reset before the idle time had passed"
    tap_centre(page)
    expect(page.locator(".st-key-timeline-chart")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator('.st-key-kiosk-categories button[aria-pressed="true"]')).to_have_count(0)
    expect(page.locator('.st-key-kiosk-era-0 button[kind="primary"]')).to_have_count(1)


def test_recovers_from_a_server_restart_without_a_touch_or_a_dialog(start_app, page_at):
    app = start_app(env={"TIMELINE_MODE": "kiosk"})
    page = page_at("kiosk-landscape")
    enter(page, app.url)
    open_card(page, 1)
    app.stop()
    deadline = time.monotonic() + 6  # Streamlit opens its "Connection error" modal after about 3 s
    while time.monotonic() < deadline:
        assert not page.locator(DIALOGS).first.is_visible(), "a developer-facing dialog is showing"
        page.wait_for_timeout(250)
    app.start()
    expect(page.locator(".st-key-attract")).to_be_visible(timeout=TIMEOUT_MS)
    assert not page.locator(DIALOGS).first.is_visible()
    expect(page.get_by_text("Touch anywhere to explore")).to_be_visible()


@pytest.mark.parametrize("viewport", SIZES)
def test_the_whole_journey_by_keys_alone(kiosk_app, page_at, viewport):
    """The keypad sends ordinary keys: enter, move to an entry, open it, go back to its card, start over."""
    page = page_at(viewport)
    goto_app(page, kiosk_app.url)
    expect(page.locator(".st-key-attract")).to_be_visible(timeout=TIMEOUT_MS)
    press(page, "Enter")
    expect(page.locator(".st-key-timeline-chart")).to_be_visible(timeout=TIMEOUT_MS)
    press(page, "ArrowRight")
    first = page.evaluate(_FOCUSED)
    assert first["text"] == "All years" and first["outline"] >= 3 and first["outlineStyle"] != "none"
    press(page, "ArrowRight")
    assert page.evaluate(_FOCUSED)["text"] != "All years"
    press(page, "ArrowLeft")
    assert page.evaluate(_FOCUSED)["text"] == "All years"
    for _ in range(30):  # Tab on through the eras, institutions, the text size and the page turns to a card
        page.keyboard.press("Tab")
        if page.evaluate(_FOCUSED)["card"]:
            break
    press(page, "Tab")  # the second card
    focused = page.evaluate(_FOCUSED)
    assert focused["card"] and focused["outline"] >= 3, "focus must reach the cards, and show"
    title = entry_title(page, focused["card"])
    press(page, "Enter")
    expect_entry(page, title)
    press(page, "Escape")
    expect(page.locator(".st-key-event-list")).to_be_visible(timeout=TIMEOUT_MS)
    page.wait_for_function("() => document.activeElement.closest('[class*=\"st-key-kiosk-open-\"]')")
    assert page.evaluate(_FOCUSED)["card"] == focused["card"], "Escape must return focus to the entry's card"
    assert_one_screen(page)  # the script that moved focus takes no room
    screenshot(page, f"kiosk-{SIZES[viewport]}-keys-focus")
    page.keyboard.press("F1")
    expect(page.locator("#kiosk-keys")).to_be_visible()
    expect(page.locator("#kiosk-keys")).to_contain_text("Escape")
    page.keyboard.press("Escape")  # any key closes the help, and only that
    expect(page.locator("#kiosk-keys")).to_be_hidden()
    expect(page.locator(".st-key-event-list")).to_be_visible()
    press(page, "Home")
    expect(page.locator(".st-key-attract")).to_be_visible(timeout=TIMEOUT_MS)
    press(page, " ")
    expect(page.locator(".st-key-timeline-chart")).to_be_visible(timeout=TIMEOUT_MS)


@pytest.mark.parametrize("viewport", SIZES)
def test_larger_text_is_large_enough_to_read_at_arms_length_in_7_to_1_contrast_and_nothing_is_cut_off(
        kiosk_app, page_at, viewport):
    page = page_at(viewport)
    enter(page, kiosk_app.url)
    turn_on_larger_text(page)
    assert page.evaluate(_CUT_OFF) == [], "text cut off"
    assert_locked_down(page)
    assert_one_screen(page)
    screenshot(page, f"kiosk-{SIZES[viewport]}-larger-text")
    assert run_axe(page, rules=("color-contrast-enhanced",), blocking=None) == []
    assert page.evaluate(_CHART_TEXT_CONTRAST) == [], "chart text under 7:1"
    open_card(page, 0)
    story = page.evaluate(_STORY_TYPE)
    screen = KioskScreen()  # the bundled exhibit.toml's [kiosk] table is the defaults
    assert story["size"] >= larger_story_px(screen) >= 28
    assert story["cap"] >= cap_height_mm(screen) / pixel_mm(screen), "a capital must span 0.7° at 600 mm"
    assert_locked_down(page)
    screenshot(page, f"kiosk-{SIZES[viewport]}-larger-text-entry")
    assert run_axe(page, rules=("color-contrast-enhanced",), blocking=None) == []


@pytest.mark.parametrize("viewport", SIZES)
@pytest.mark.parametrize("larger", [False, True])
def test_every_control_is_within_a_seated_visitor_s_reach(kiosk_app, page_at, viewport, larger):
    """Below 1220 mm above the floor: in portrait on the default 32-inch screen 800 mm up, row 782 and lower."""
    page = page_at(viewport)
    size = page.viewport_size
    line = reach_line_px(KioskScreen(), size["height"] > size["width"], size["height"])
    assert line == (782 if viewport == "kiosk-portrait" else 0)
    enter(page, kiosk_app.url)
    if larger:
        turn_on_larger_text(page)
    for view in ("explore", "entry"):
        if view == "entry":
            open_card(page, 0)
        controls = page.evaluate(_CONTROLS)
        assert len(controls) >= (4 if view == "entry" else 12)
        out_of_reach = [c for c in controls if c["y"] < line]
        assert out_of_reach == [], f"{view}: controls above the reach line (row {line})"
        if viewport == "kiosk-portrait" and not larger:
            screenshot(page, f"kiosk-{SIZES[viewport]}-reach-{view}")


def silent_wav(seconds: float = 1.0, rate: int = 8000) -> str:
    """A second of silence as a WAV data address, to stand in for narration."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\0\0" * int(seconds * rate))
    return "data:audio/wav;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


@pytest.mark.parametrize("viewport", SIZES)
def test_the_idle_warning_gives_20_seconds_and_playing_narration_counts_as_activity(start_app, page_at, viewport):
    """WCAG 2.2.1: "Still exploring?" with a countdown at least 20 s before the reset; a key keeps the visit going."""
    app = start_app(env={"TIMELINE_MODE": "kiosk", "TIMELINE_IDLE_SECONDS": "40"})
    page = page_at(viewport)
    goto_app(page, app.url)
    press(page, "Enter")
    expect(page.locator(".st-key-timeline-chart")).to_be_visible(timeout=TIMEOUT_MS)
    prompt = page.get_by_text("Still exploring?")
    page.keyboard.press("Tab")  # the last activity: the prompt is due 20 s after it
    quiet_from = time.monotonic()
    expect(prompt).to_be_visible(timeout=30_000)
    shown_at = time.monotonic()
    assert int(page.locator("#kiosk-still-count").inner_text()) >= 19
    assert shown_at - quiet_from >= 15
    page.keyboard.press("Shift")  # any key keeps the visit going
    expect(prompt).to_be_hidden()
    expect(prompt).to_be_visible(timeout=30_000)
    shown_at = time.monotonic()
    expect(page.locator(".st-key-attract")).to_be_visible(timeout=30_000)
    assert time.monotonic() - shown_at >= 19, "the warning must come at least 20 s before the reset"
    press(page, "Enter")
    expect(page.locator(".st-key-timeline-chart")).to_be_visible(timeout=TIMEOUT_MS)
    playing = page.evaluate("""async (src) => { const audio = new Audio(src); audio.loop = true;
      document.body.append(audio); await audio.play(); return !audio.paused; }""", silent_wav())
    assert playing
    page.wait_for_timeout(24_000)  # past the moment the prompt would show without it
    assert not prompt.is_visible(), "narration that is playing is activity"
    assert page.locator(".st-key-timeline-chart").is_visible()
