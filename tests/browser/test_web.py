"""The public web page in a real Chromium: desktop (1440x900) and phone (390x844).

The timeline draws its points, links open entries and apply filters, a keyboard alone can open an entry and step
through, axe-core finds no serious or critical WCAG 2.2 AA violations, nothing scrolls sideways on a phone, a
click on a chart marker opens its entry, and hostile curator text stays text.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path
from urllib.parse import urlencode, urljoin

import pytest
from app_server import PROJECT_ROOT
from browser_pages import (
    CHART_POINTS,
    click_chart_marker,
    describe_violations,
    goto_app,
    run_axe,
    screenshot,
    wait_for_run,
)
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

BUNDLED_DATA = PROJECT_ROOT / "data" / "events.csv"
HOSTILE = PROJECT_ROOT / "tests" / "fixtures" / "ui" / "hostile.csv"
POINTS = CHART_POINTS
CHART = ".st-key-timeline-chart .js-plotly-plot"
PANEL = ".st-key-filter-panel button"
DETAIL_TITLE = ".st-key-event-detail h2"
LIST_LINKS = ".st-key-event-list .entry-title a"  # each entry's link in the list (timeline/ui/focus.py LIST_LINKS)
VIEWPORTS = ("desktop", "phone")
MAX_TABS = 150


def published_rows(path: Path) -> list[dict[str, str]]:
    """Read with the csv module, independently of the app's reader, so a reader bug cannot hide itself."""
    with path.open(encoding="utf-8-sig", newline="") as file:
        return [row for row in csv.DictReader(file)
                if row.get("kind", "").strip() in ("", "event", "quote")
                and row.get("status", "").strip() in ("", "published")]


def first_event(path: Path = BUNDLED_DATA) -> dict[str, str]:
    return next(row for row in published_rows(path) if row.get("kind", "").strip() in ("", "event"))


def open_app(page: Page, url: str) -> None:
    goto_app(page, url)
    page.wait_for_selector(POINTS, timeout=30_000)


def no_sideways_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_timeline_and_list_render(web_app, page_at, viewport):
    page = page_at(viewport)
    open_app(page, web_app.url)
    assert page.locator(POINTS).count() >= len(published_rows(BUNDLED_DATA))
    expect(page.locator(".st-key-filters")).to_be_visible()
    expect(page.locator(LIST_LINKS).first).to_be_visible()
    assert no_sideways_scroll(page)
    assert page.evaluate("document.documentElement.lang") == "en"
    screenshot(page, f"web-{viewport}")


def chart_box(page: Page) -> dict[str, float]:
    """Where the chart is drawn (top, bottom) in the viewport, once its points are in."""
    page.locator(POINTS).first.wait_for(state="attached", timeout=30_000)
    return page.locator(CHART).evaluate("c => { const r = c.getBoundingClientRect(); "
                                        "return {top: r.top, bottom: r.bottom}; }")


def test_desktop_first_screen_shows_the_whole_timeline(web_app, page_at):
    """A visitor meets the history, not a form: the whole chart is on a 1440x900 first screen (the first view is
    timed to the painted points, and the chart draws only once scrolled into view)."""
    page = page_at("desktop")
    goto_app(page, web_app.url)  # a fresh context: a cold load, and nothing here scrolls
    box = chart_box(page)
    assert page.evaluate("window.scrollY") == 0
    assert box["top"] > 0 and box["bottom"] <= page.viewport_size["height"], box
    outline = page.evaluate("() => [...document.querySelectorAll('h1, h2, h3')].map(h => [h.tagName, h.innerText])")
    assert [tag for tag, _ in outline[:4]] == ["H1", "H2", "H2", "H2"]
    assert [text for _, text in outline[1:4]] == ["Search and filters", "Timeline", "Entries"]


def test_phone_first_screen_starts_the_timeline_and_filters_wait_behind_one_control(web_app, page_at):
    page = page_at("phone")
    goto_app(page, web_app.url)
    assert chart_box(page)["top"] < page.viewport_size["height"]
    expect(page.locator(PANEL)).to_have_text(re.compile(rf"^Filters · all {len(published_rows(BUNDLED_DATA))}"))
    expect(page.locator(".st-key-filter-categories")).to_have_count(0)  # behind the control until it opens
    expect(page.get_by_role("button", name="Reset filters")).to_have_count(0)  # nothing to reset yet


def test_a_category_link_fits_the_chart_to_that_categorys_years(web_app, page_at):
    category = "Homer G. Phillips Hospital"
    rows = [row for row in published_rows(BUNDLED_DATA) if row["category"] == category]
    first = min(int(row["date"][:4]) for row in rows)  # the bundled rows give years first
    last = max(int((row["end_date"] or row["date"])[:4]) for row in rows) + 1  # to the end of the last year
    page = page_at("desktop")
    open_app(page, f"{web_app.url}?{urlencode({'category': category})}")
    low, high = page.locator(CHART).evaluate("c => c._fullLayout.xaxis.range")
    assert low <= first and high >= last
    assert (high - low) <= 1.1 * (last - first) + 2, (low, high, first, last)  # a little margin, not 1820-2021
    expect(page.locator(PANEL)).to_have_text(re.compile(rf"^Filters · {len(rows)} of "))
    expect(page.get_by_role("button", name="Reset filters")).to_be_visible()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_results_are_in_view_after_a_search(web_app, page_at, viewport):
    page = page_at(viewport)
    open_app(page, web_app.url)
    search = page.locator(".st-key-filter-text input")
    search.fill("hospital")
    search.press("Enter")
    wait_for_run(page)
    expect(page.locator('[role="status"].result-count')).to_contain_text("“hospital”")
    page.wait_for_function("""(chart) => { const box = document.querySelector(chart).getBoundingClientRect();
        return box.top >= -1 && box.bottom <= window.innerHeight + 1; }""", arg=CHART, timeout=5_000)  # all of it
    # (within a pixel: scrolling lands on whole device pixels)


def test_phone_touch_targets_are_at_least_44_px(web_app, page_at):
    page = page_at("phone")
    open_app(page, web_app.url)
    heights = page.evaluate("""() => [...document.querySelectorAll(
        '.st-key-filters button, .st-key-filters input, .st-key-event-list button, .st-key-timeline-chart button')]
        .filter(e => e.offsetParent !== null && !e.closest('.modebar'))
        .map(e => [e.innerText || e.getAttribute('aria-label') || e.tagName, e.getBoundingClientRect().height])""")
    assert heights and [h for h in heights if h[1] < 44] == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_deep_link_opens_the_entry(web_app, page_at, viewport):
    row = first_event()
    page = page_at(viewport)
    open_app(page, f"{web_app.url}?event={row['id']}")
    expect(page.locator(DETAIL_TITLE)).to_have_text(row["title"].strip())
    expect(page.locator(DETAIL_TITLE)).to_be_focused()  # the link lands on the entry, scrolled into view
    expect(page.locator(".st-key-event-detail [data-testid='stCode']")).to_contain_text(f"?event={row['id']}")
    assert no_sideways_scroll(page)
    page.wait_for_timeout(300)
    screenshot(page, f"web-entry-{viewport}")


def test_link_filters_apply(web_app, page_at):
    rows = published_rows(BUNDLED_DATA)
    category = next(r["category"] for r in rows if r["category"].strip())
    word = next(w for w in re.findall(r"[A-Za-z]{6,}", next(r["title"] for r in rows if r["category"] == category)))
    page = page_at("desktop")
    open_app(page, f"{web_app.url}?{urlencode({'category': category, 'q': word})}")
    status = page.locator('[role="status"].result-count')
    expect(status).to_contain_text(category)
    expect(status).to_contain_text(word)
    expect(page.locator(".st-key-filter-text input")).to_have_value(word)
    metas = page.locator(".st-key-event-list .entry-meta").all_inner_texts()
    assert metas and all(category in meta for meta in metas)


def test_back_and_forward_step_through_the_visitors_views(web_app, page_at):
    page = page_at("desktop")
    open_app(page, web_app.url)
    status = page.locator('[role="status"].result-count')
    everything = status.inner_text()
    page.locator(PANEL).click()  # the filters wait behind one control
    page.locator(".st-key-filter-kinds button", has_text="Quotes").click()
    wait_for_run(page)
    expect(status).not_to_have_text(everything)
    quotes_only = status.inner_text()
    page.keyboard.press("Escape")  # the panel closes; the results were under it all along
    expect(page.locator(".st-key-filter-kinds")).to_have_count(0)
    page.locator(LIST_LINKS).first.click()
    wait_for_run(page)
    title = page.locator(DETAIL_TITLE).inner_text()
    page.go_back()  # the entry closes; the filter stays
    wait_for_run(page)
    expect(page.locator(".st-key-event-detail")).to_have_count(0)
    expect(status).to_have_text(quotes_only)
    expect(page.locator(".st-key-event-list h2")).to_be_focused()  # not lost with the entry's view
    page.go_back()  # the filter goes
    wait_for_run(page)
    expect(status).to_have_text(everything)
    expect(page).to_have_url(web_app.url)
    page.go_forward()
    wait_for_run(page)
    expect(status).to_have_text(quotes_only)
    page.go_forward()
    wait_for_run(page)
    expect(page.locator(DETAIL_TITLE)).to_have_text(title)
    expect(page.locator(DETAIL_TITLE)).to_be_focused()
    expect(status).to_have_text(quotes_only)


def test_a_list_link_opens_its_entry_in_place_and_leaves_a_modified_click_to_the_browser(web_app, page_at):
    """A left click on an entry's link opens the entry without reloading the page, the visitor's search kept, and
    Back closes it again; a Ctrl+click is the browser's: a new tab at the link's address, nothing opened here."""
    page = page_at("desktop")
    open_app(page, f"{web_app.url}?q=hospital")
    page.evaluate("window.__samePage = true")
    link = page.locator(LIST_LINKS).nth(1)
    title, href = link.inner_text(), link.get_attribute("href")
    assert href and href.startswith("?event=") and "q=hospital" in href
    with page.context.expect_page() as opened:
        link.click(modifiers=["Control"])
    tab = opened.value
    tab.wait_for_url(re.compile(r"event="))
    assert tab.url == urljoin(page.url, href)
    tab.close()
    page.wait_for_timeout(500)
    assert "event=" not in page.url
    expect(page.locator(".st-key-event-detail")).to_have_count(0)
    link.click()
    page.wait_for_url(re.compile(r"event="))
    wait_for_run(page)
    expect(page.locator(DETAIL_TITLE)).to_have_text(title)
    expect(page.locator(DETAIL_TITLE)).to_be_focused()
    assert "q=hospital" in page.url
    page.go_back()
    wait_for_run(page)
    expect(page.locator(".st-key-event-detail")).to_have_count(0)
    expect(page.locator(LIST_LINKS).nth(1)).to_have_text(title)
    assert "event=" not in page.url and "q=hospital" in page.url
    assert page.evaluate("window.__samePage === true"), "the link reloaded the page"


def tab_until(page: Page, accessible: re.Pattern[str], matching: str = "*") -> str:
    """Press Tab until the focused element matches the selector ``matching`` and its text or label matches
    ``accessible``; return what matched."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        name = page.evaluate("""(matching) => { const e = document.activeElement;
            if (!e.matches(matching)) return '';
            return (e.getAttribute('aria-label') || e.innerText || e.value || '').replace(/\\s+/g, ' ').trim(); }""",
                             matching)
        if accessible.search(name):
            return name
    raise AssertionError(f"no focusable element matching {accessible.pattern} within {MAX_TABS} Tab presses")


def test_keyboard_only_journey(web_app, page_at):
    page = page_at("desktop")
    open_app(page, web_app.url)
    tab_until(page, re.compile(r"^Search the stories$"))
    page.keyboard.type("hospital")
    page.keyboard.press("Enter")  # a filter: search
    wait_for_run(page)
    expect(page.locator('[role="status"].result-count')).to_contain_text("“hospital”")
    opened = tab_until(page, re.compile(r"\S"), LIST_LINKS)  # an entry's link
    page.keyboard.press("Enter")
    wait_for_run(page)
    title = page.locator(DETAIL_TITLE)
    expect(title).to_be_focused()
    first_title = title.inner_text()
    assert first_title == opened
    tab_until(page, re.compile(r"^Next →$"))
    page.keyboard.press("Enter")
    wait_for_run(page)
    expect(title).not_to_have_text(first_title)
    expect(title).to_be_focused()
    last_title = title.inner_text()
    tab_until(page, re.compile(r"^Back to the list$"))
    page.keyboard.press("Enter")
    wait_for_run(page)
    expect(page.locator(".st-key-event-detail")).to_have_count(0)
    expect(page.locator(f"{LIST_LINKS}:focus")).to_have_text(last_title)  # back on the entry last shown


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("view", ["list", "entry", "filters"])
def test_no_serious_accessibility_violations(web_app, page_at, viewport, view):
    page = page_at(viewport)
    suffix = f"?event={first_event()['id']}" if view == "entry" else ""
    open_app(page, web_app.url + suffix)
    if view == "filters":  # the panel behind "Filters · …", open
        page.locator(PANEL).click()
        page.locator(".st-key-filter-categories").wait_for()
    violations = run_axe(page)
    assert not violations, describe_violations(violations)


def point_in_plot(page: Page, nth: int = 0) -> tuple[float, float]:
    """The centre of the nth marker drawn inside the plot area (a chosen period clips the others), scrolled to."""
    page.locator(".st-key-timeline-chart .js-plotly-plot").scroll_into_view_if_needed()
    centres = page.evaluate("""(selector) => {
        const area = document.querySelector('.st-key-timeline-chart .nsewdrag').getBoundingClientRect();
        return Array.from(document.querySelectorAll(selector)).map((point) => {
            const box = point.getBoundingClientRect();
            return [box.width, box.x + box.width / 2, box.y + box.height / 2];
        }).filter(([w, x, y]) => w && x > area.left && x < area.right && y > area.top && y < area.bottom)
          .map(([, x, y]) => [x, y]); }""", POINTS)
    assert len(centres) > nth, f"only {len(centres)} markers are drawn inside the plot area"
    return centres[nth][0], centres[nth][1]


def test_clicking_a_chart_marker_opens_its_entry(web_app, page_at):
    page = page_at("desktop")
    open_app(page, web_app.url)
    click_chart_marker(page, 3)
    expect(page.locator(DETAIL_TITLE)).to_be_visible()
    expect(page).to_have_url(re.compile(r"event="))  # the URL is written just after the rerun: wait for it
    screenshot(page, "web-entry-from-chart")


def test_one_tap_on_a_chart_marker_opens_its_entry_on_a_phone(web_app, page_at):
    """On touch, Plotly selects nothing on the first tap and the previous point after; timeline/ui/chart_touch.py
    fixes that."""
    page = page_at("phone")
    open_app(page, f"{web_app.url}?q=hospital")
    page.locator(".st-key-range-preset button").last.tap()  # a period: a reload would forget it
    wait_for_run(page)
    chosen_period = page.locator(".st-key-range-preset button[data-selected='true']").inner_text()
    page.evaluate("window.__samePage = true")
    x, y = point_in_plot(page)
    page.touchscreen.tap(x, y)
    page.wait_for_url(re.compile(r"event="))
    wait_for_run(page)
    expect(page.locator(DETAIL_TITLE)).to_be_visible()
    first_title = page.locator(DETAIL_TITLE).inner_text()
    assert "q=hospital" in page.url  # the visitor's filters travel with the tap
    assert page.evaluate("window.__samePage === true"), "the tap reloaded the page"
    expect(page.locator(".st-key-range-preset button[data-selected='true']")).to_have_text(chosen_period)
    page.go_back()  # the phone's back gesture closes the entry
    wait_for_run(page)
    expect(page.locator(".st-key-event-detail")).to_have_count(0)
    expect(page.locator(".st-key-event-list")).to_be_visible()
    page.touchscreen.tap(*point_in_plot(page, 1))  # a later tap: Plotly alone would select the earlier marker
    page.wait_for_url(re.compile(r"event="))
    wait_for_run(page)
    expect(page.locator(DETAIL_TITLE)).to_be_visible()
    expect(page.locator(DETAIL_TITLE)).not_to_have_text(first_title)


def test_hostile_text_stays_text(start_app, page_at, tmp_path):
    data = tmp_path / "events.csv"
    shutil.copy(HOSTILE, data)
    app = start_app(env={"TIMELINE_MODE": "web", "TIMELINE_MEDIA": str(tmp_path / "media")}, data=data)
    page = page_at("desktop")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_app(page, app.url)
    expect(page.get_by_text("$1 million of an $87 million bond issue", exact=True)).to_be_visible()
    for row in published_rows(HOSTILE):
        open_app(page, f"{app.url}?event={row['id']}")
        expect(page.locator(DETAIL_TITLE)).to_have_text(row["title"])
    assert dialogs == []
    assert page.locator("iframe").count() == 0
    assert page.locator(".katex, a[href*='evil.example']").count() == 0
    # The only scripts in page content are our own (timeline/ui/focus.py, chart_touch.py), never curator text.
    assert page.evaluate("""() => [...document.querySelectorAll('.stHtml script')]
        .filter(s => !s.closest('.st-key-focus-mover, .st-key-chart-touch')).length""") == 0
    assert page.locator("h1").count() == 1  # "# Heading" never became a heading
    screenshot(page, "web-entry-hostile")
