"""The benchmark's browser sections: first view and reruns as a visitor sees them, in headless Chromium.

Times are read on the page's own clock (page_marks.js): Playwright's waits poll at growing intervals and
return 0.3 to 0.5 s after the fact, which would measure the harness rather than the exhibit.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))  # results.py beside it, whether bench.py or a test imports this

from results import Options, Result  # noqa: E402

from timeline.derivatives import DERIVATIVES  # noqa: E402

if TYPE_CHECKING:
    from app_server import App
    from playwright.sync_api import Browser, Page, Request

FIRST_VIEW_TARGET = 2.5  # seconds
SERVED_BYTES_TARGET = 3.0  # MB over the wire for the first view through serve.py
BROWSER_RERUN_TARGET = 0.200  # seconds, a click until the answer is painted: the exhibit's target on this machine
THUMBNAIL_BUDGET = DERIVATIVES["thumbnail"].budget  # bytes: a first screen's images are thumbnails under 40 KB
CLICKS_PER_RUN = 4  # a click costs a second, and one page's clicks vary more than page loads do
BROWSER_TIMEOUT_MS = 30_000
PAGE_MARKS = BENCH_DIR / "page_marks.js"
# The parts every mode keys for tests and styles (a keyed container has the class st-key-KEY: filters,
# timeline-chart, event-list, event-detail): the keyed chart once it has drawn its points, and so on.
TIMELINE_VISIBLE = ".st-key-timeline-chart :is(.js-plotly-plot .scatterlayer .point, canvas)"
RESULT_COUNT = ".st-key-filters .result-count"
KINDS_KEY = "filter-kinds"
FILTERS_CONTROL = ".st-key-filter-panel button"  # the kinds sit behind the one "Filters · N of M" control
OPEN_LINKS = ".st-key-event-list .entry-title a"  # each entry's link in the list
DETAIL_TITLE = ".st-key-event-detail h2"
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def js(value: object) -> str:
    """``value`` as a JavaScript literal for a script snippet."""
    return json.dumps(value)


def bench_first_view(options: Options) -> list[Result]:
    """Cold page loads until the timeline's points are painted on the first 1440x900 screen.

    The time runs from navigation start to the frame that paints the points. The visit as the harness sees it
    (a new context until Playwright's wait returns) is printed beside it, without a target. Every visit gets a
    new browser context, so nothing is cached. Image bytes are counted once the network is quiet.
    """
    with browser_session(options, "first-view") as (browser, server):
        from browser_pages import VIEWPORTS

        page_times, harness_times, image_totals, largest = [], [], [], 0
        for run in range(options.runs + 1):  # run 0 warms the server's caches: the target is about the page
            start = time.perf_counter()
            context = browser.new_context(**VIEWPORTS["desktop"])
            page = context.new_page()
            page.add_init_script(path=str(PAGE_MARKS))
            page.add_init_script(f"__bench.watch('timeline', () => __bench.onScreen({js(TIMELINE_VISIBLE)}))")
            images: list[int] = []
            page.on("requestfinished", lambda request, images=images: _count_image(request, images))
            page.goto(server.url)
            painted = wait_for_mark(page, "timeline")
            harness = time.perf_counter() - start
            page.wait_for_load_state("networkidle")
            context.close()
            if run:
                page_times.append(painted)
                harness_times.append(harness)
                image_totals.append(sum(images))
                largest = max(largest, *images, 0)
        return [
            Result("first view, timeline painted (desktop)", statistics.median(page_times), target=FIRST_VIEW_TARGET,
                   note="navigation start to the frame that paints the points"),
            Result("first view, as the harness sees it", statistics.median(harness_times),
                   note="new context to Playwright's wait returning"),
            Result("first view, image bytes", statistics.median(image_totals) / 1000, unit="KB",
                   note="every image the first view loads"),
            Result("first view, largest image", largest / 1000, unit="KB", target=THUMBNAIL_BUDGET / 1000,
                   note="the first view shows thumbnails only"),
        ]


def bench_first_view_bytes(options: Options) -> list[Result]:
    """Bytes over the wire for the first view at 1440x900, as ``streamlit run app.py`` and ``serve.py`` serve it.

    Every HTTP response as sent (compressed bodies and headers) plus the websocket's messages, until the points
    are drawn and the network is quiet; a new browser context per visit, so nothing comes from cache.
    """
    from app_server import PLAIN, SERVED

    rows = []
    for script, target in ((PLAIN, None), (SERVED, SERVED_BYTES_TARGET)):
        with browser_session(options, f"bytes-{script}", script) as (browser, server):
            from browser_pages import VIEWPORTS, first_view_bytes

            sizes = []
            for _ in range(options.runs):
                context = browser.new_context(**VIEWPORTS["desktop"])
                sizes.append(first_view_bytes(context.new_page(), server.url))
                context.close()
        rows.append(Result(f"first view, bytes sent ({script})", statistics.median(sizes) / 1e6, unit="MB",
                           target=target, note="HTTP as sent plus websocket messages"))
    return rows


def bench_browser_reruns(options: Options) -> list[Result]:
    """A click until the page has painted its answer, on the bundled data in a real Chromium at 1440x900.

    Times run from the click event to the first frame showing the result: a filter change (the Quotes chip,
    on and off in turn: narrowing and widening) until the result count has changed and the run has ended;
    opening an entry from the list until its view is on screen. The server is warm and the page loaded once;
    the median is of ``CLICKS_PER_RUN`` clicks per run.
    """
    with browser_session(options, "browser-reruns") as (browser, server):
        from browser_pages import VIEWPORTS, wait_for_run

        context = browser.new_context(**VIEWPORTS["desktop"])
        page = context.new_page()
        page.add_init_script(path=str(PAGE_MARKS))
        page.goto(server.url)
        page.locator(TIMELINE_VISIBLE).first.wait_for(state="visible", timeout=BROWSER_TIMEOUT_MS)
        wait_for_run(page)
        quotes = page.locator(f".st-key-{KINDS_KEY} button", has_text="Quotes")
        filter_times, open_times = [], []
        for click in range(options.runs * CLICKS_PER_RUN + 1):  # click 0 warms the browser's widget chunks
            if not quotes.is_visible():
                page.locator(FILTERS_CONTROL).click()
                quotes.wait_for(state="visible", timeout=BROWSER_TIMEOUT_MS)
            page.evaluate(f"__bench.watchChange('filter', {js(RESULT_COUNT)}, {js(APP_IDLE)})")
            quotes.click()
            filter_times.append(wait_for_mark(page, "filter", since_click=True))
            wait_for_run(page)
            page.evaluate(f"__bench.watch('open', () => __bench.onScreen({js(DETAIL_TITLE)}))")
            page.locator(f"{OPEN_LINKS}:visible").nth(click % 10).click()  # 12 quotes when the chip is on
            open_times.append(wait_for_mark(page, "open", since_click=True))
            wait_for_run(page)
            page.locator(".st-key-back-to-list button").click()
            wait_for_run(page)
        context.close()
        return [
            Result("in the browser, filter change painted", statistics.median(filter_times[1:]),
                   target=BROWSER_RERUN_TARGET, note=f"click to the new count, run ended; {_spread(filter_times[1:])}"),
            Result("in the browser, entry opened painted", statistics.median(open_times[1:]),
                   target=BROWSER_RERUN_TARGET, note=f"click on a list item to its view; {_spread(open_times[1:])}"),
        ]


@contextmanager
def browser_session(options: Options, name: str, script: str = "app.py") -> Iterator[tuple[Browser, App]]:
    """A real exhibit server in web mode (the browser tests' own) and headless Chromium, both closed afterwards."""
    from app_server import App
    from browser_pages import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    server = App(options.workdir / f"{name}.log", env={"TIMELINE_MODE": "web"}, script=script).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
            yield browser, server
            browser.close()
    finally:
        server.stop()


def wait_for_mark(page: Page, name: str, *, since_click: bool = False, timeout_ms: float = BROWSER_TIMEOUT_MS) -> float:
    """Seconds on the page's own clock at mark ``name``: since navigation start, or since the last click."""
    page.wait_for_function(f"{js(name)} in __bench.marks", timeout=timeout_ms)
    mark, clicked = page.evaluate(f"[__bench.marks[{js(name)}], __bench.lastClick()]")
    if not since_click:
        return mark / 1000
    if clicked is None or clicked > mark:
        raise RuntimeError(f"mark {name!r} at {mark} ms has no click before it (last click: {clicked})")
    return (mark - clicked) / 1000


def _count_image(request: Request, images: list[int]) -> None:
    if request.resource_type == "image":
        images.append(request.sizes()["responseBodySize"])


def _spread(times: Sequence[float]) -> str:
    tenth = statistics.quantiles(times, n=10)
    return f"{len(times)} clicks, 10th-90th percentile {tenth[0]:.3f}-{tenth[-1]:.3f} s"
