"""The project's benchmark: medians against the targets in the brief (section 6).

    python benchmarks/bench.py [--quick] [--only check,reruns,first-view,browser-reruns,kiosk-soak]

Each section is a function returning ``Result`` rows; add a section by writing one and listing it in
``SECTIONS``. A section that cannot run yet (no app, no command) says why instead of stopping the others.
Exit status: 0 when every measured figure meets its target, 1 when one misses or a section crashes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent
sys.path[:0] = [str(PROJECT_ROOT), str(BENCH_DIR), str(PROJECT_ROOT / "tests" / "browser")]

from generate import generate_catalog  # noqa: E402

from timeline.settings import read_environment  # noqa: E402

if TYPE_CHECKING:
    from app_server import App
    from playwright.sync_api import Browser, Page, Request

SETTINGS = read_environment().settings  # data/exhibit.toml unless TIMELINE_SETTINGS says otherwise
CHECK_SIZES = (10_000, 100_000)
CHECK_TARGETS = {10_000: 1.0, 100_000: 10.0}  # seconds, whole check minus interpreter start
LINEAR_SLACK = 1.25  # 10x the entries may cost up to 12.5x the time and still count as linear
APP = PROJECT_ROOT / "app.py"
RERUN_LARGE = 5_000
RERUN_TARGETS = (0.050, 0.150)  # seconds: bundled data, RERUN_LARGE entries
FIRST_VIEW_TARGET = 2.5  # seconds
SOAK_INTERACTIONS = 2_000
BROWSER_RERUN_TARGET = 0.200  # seconds, a click until the answer is painted (BRIEF 6)
CLICKS_PER_RUN = 4  # a click costs a second, and one page's clicks vary more than page loads do
BROWSER_TIMEOUT_MS = 30_000
PAGE_MARKS = BENCH_DIR / "page_marks.js"
# Selectors of the UI test contract (BRIEF): the keyed chart once it has drawn its points, and so on.
TIMELINE_VISIBLE = ".st-key-timeline-chart :is(.js-plotly-plot .scatterlayer .point, canvas)"
RESULT_COUNT = ".st-key-filters .result-count"
KINDS_KEY = "filter-kinds"
OPEN_BUTTONS = ".st-key-event-list [class*='st-key-open-'] button"
DETAIL_TITLE = ".st-key-event-detail h2"
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


@dataclass(frozen=True)
class Result:
    name: str
    value: float | None  # None: not measured, ``note`` says why
    unit: str = "s"
    target: float | None = None  # the value must stay below this
    note: str = ""

    @property
    def missed(self) -> bool:
        return self.value is not None and self.target is not None and self.value >= self.target

    def line(self) -> str:
        if self.value is None:
            return f"{self.name:<46} {'-':>10}        not measured: {self.note}"
        target = f"target < {self.target:g} {self.unit}" if self.target is not None else ""
        verdict = "MISSED" if self.missed else ("ok" if target else "")
        return f"{self.name:<46} {self.value:>10.3f} {self.unit:<6} {target:<18} {verdict:<6} {self.note}".rstrip()


@dataclass(frozen=True)
class Options:
    runs: int
    workdir: Path


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_quietly(command: Sequence[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False)


# --- Section: the curator's check command -------------------------------------------------------------------


def bench_check(options: Options) -> list[Result]:
    """Whole ``python -m timeline check`` processes on generated catalogues, less the interpreter's own start."""
    if not (PROJECT_ROOT / "timeline" / "__main__.py").is_file():
        return [Result("check", None, note="timeline/__main__.py does not exist yet")]
    bare = median_seconds(lambda: run_quietly([sys.executable, "-c", "pass"]), options.runs)
    env = {**os.environ, "TIMELINE_SETTINGS": str(SETTINGS)}
    results = [Result("interpreter start (python -c pass)", bare, note="subtracted below")]
    for n in CHECK_SIZES:
        path = options.workdir / f"events-{n}.csv"
        path.write_text(generate_catalog(n, seed=n), encoding="utf-8")
        command = [sys.executable, "-m", "timeline", "check", str(path)]
        first = run_quietly(command, env)
        if first.returncode != 0:
            detail = (first.stdout + first.stderr).strip().splitlines()[:5]
            return [*results, Result(f"check {n:,} entries", None, note=f"exit {first.returncode}: {detail}")]
        elapsed = median_seconds(lambda command=command: run_quietly(command, env), options.runs) - bare
        results.append(Result(f"check {n:,} entries", elapsed, target=CHECK_TARGETS[n]))
    small, large = (r.value for r in results[1:])
    growth = CHECK_SIZES[1] / CHECK_SIZES[0]
    results.append(Result(f"ratio {CHECK_SIZES[1]:,} / {CHECK_SIZES[0]:,}", large / small, unit="x",
                          target=growth * LINEAR_SLACK, note=f"linear is {growth:g}x"))
    return results


# --- Section: server reruns (AppTest) -----------------------------------------------------------------------


SEARCHES = ("hospital", "nurses", "clinic", "students", "board", "school", "community", "report", "ward",
            "society", "program", "fund")  # a different filter each run, so no run is served from a cache


def bench_reruns(options: Options) -> list[Result]:
    """Server-side rerun time of app.py without a browser (AppTest's own overhead included, so an upper bound).

    For the bundled data and RERUN_LARGE generated entries: a rerun with no change, a filter change (a new
    search each run) and an entry opened (a different one each run), as a chart click or a list button does.
    """
    if not APP.is_file():
        return [Result("rerun", None, note="app.py does not exist yet")]
    path = options.workdir / f"events-{RERUN_LARGE}.csv"
    path.write_text(generate_catalog(RERUN_LARGE, seed=RERUN_LARGE), encoding="utf-8")
    large = {"TIMELINE_DATA": str(path), "TIMELINE_SETTINGS": str(SETTINGS)}
    return [*_reruns("bundled data", {}, RERUN_TARGETS[0], options),
            *_reruns(f"{RERUN_LARGE:,} entries", large, RERUN_TARGETS[1], options)]


def _reruns(label: str, env: dict[str, str], target: float, options: Options) -> list[Result]:
    import streamlit as st
    from streamlit.logger import set_log_level
    from streamlit.testing.v1 import AppTest

    set_log_level("error")  # outside a server Streamlit warns "no runtime" on every cache call
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        st.cache_data.clear()
        st.cache_resource.clear()
        app = AppTest.from_file(APP, default_timeout=120).run()
        if app.exception:
            return [Result(f"rerun, {label}", None, note=f"the first run failed: {app.exception[0].message}")]
        ids = [b.key.removeprefix("open-") for b in app.button if b.key and b.key.startswith("open-")]
        steps: dict[str, Callable[[int], object]] = {
            "no change": lambda i: None,
            "filter change": lambda i: app.text_input(key="filter-text").set_value(SEARCHES[i % len(SEARCHES)]),
            "open entry": lambda i: app.session_state.__setitem__("open-entry", ids[i % len(ids)]),
        }
        results = []
        for case, step in steps.items():
            results.append(Result(f"rerun, {case}, {label}", _median_run(app, step, options.runs), target=target))
            app.text_input(key="filter-text").set_value("")
            app.session_state["open-entry"] = None
            app.run()
        return results
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _median_run(app: object, step: Callable[[int], object], runs: int) -> float:
    """Median seconds of ``app.run()`` after ``step(i)``; step 0 is a warm-up run and is not counted."""
    times = []
    for i in range(runs + 1):
        step(i)
        start = time.perf_counter()
        app.run()
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:])


# --- Section: first view in a browser (Playwright) ----------------------------------------------------------


def bench_first_view(options: Options) -> list[Result]:
    """Cold page loads until the timeline's points are painted on the first 1440x900 screen.

    The time is the page's own (navigation start to the frame that paints the points, see page_marks.js).
    Playwright's wait for the element returns 0.3 to 0.5 s after that paint, because it polls at growing
    intervals; the whole visit as the harness sees it (new context, load, wait, close) is printed beside it,
    without a target. Every visit gets a new browser context, so nothing is cached.
    """
    with _browser_session(options, "first-view") as (browser, server):
        from browser_pages import VIEWPORTS

        page_times, harness_times, image_bytes = [], [], []
        for run in range(options.runs + 1):  # run 0 warms the server's caches: the target is about the page
            start = time.perf_counter()
            context = browser.new_context(**VIEWPORTS["desktop"])
            page = context.new_page()
            page.add_init_script(path=str(PAGE_MARKS))
            page.add_init_script(f"__bench.watch('timeline', () => __bench.onScreen({TIMELINE_VISIBLE!r}))")
            images: list[int] = []
            page.on("requestfinished", lambda request, images=images: _count_image(request, images))
            page.goto(server.url)
            painted = _wait_for_mark(page, "timeline")
            context.close()
            if run:
                page_times.append(painted)
                harness_times.append(time.perf_counter() - start)
                image_bytes.append(sum(images))
        return [
            Result("first view, timeline painted (desktop)", statistics.median(page_times), target=FIRST_VIEW_TARGET,
                   note="navigation start to the frame that paints the points"),
            Result("first view, whole visit as the harness sees it", statistics.median(harness_times),
                   note="new context, load, Playwright's polling wait, close"),
            Result("first view, image bytes loaded", statistics.median(image_bytes) / 1024, unit="KiB",
                   note="thumbnails only: no display image or original is sent to a first view"),
        ]


# --- Section: reruns as a visitor sees them (Playwright) ----------------------------------------------------


def bench_browser_reruns(options: Options) -> list[Result]:
    """A click until the page has painted its answer, on the bundled data in a real Chromium at 1440x900.

    Times run from the click event to the first frame showing the result (page_marks.js): a filter change
    (the Quotes chip, on then off) until the result count has changed and the run has ended; opening an
    entry from the list until its view is on screen. The server is warm and the page loaded once; the median
    is of ``CLICKS_PER_RUN`` clicks per run.
    """
    with _browser_session(options, "browser-reruns") as (browser, server):
        from browser_pages import VIEWPORTS, wait_for_run

        context = browser.new_context(**VIEWPORTS["desktop"])
        page = context.new_page()
        page.add_init_script(path=str(PAGE_MARKS))
        page.goto(server.url)
        page.locator(TIMELINE_VISIBLE).first.wait_for(state="visible", timeout=BROWSER_TIMEOUT_MS)
        wait_for_run(page)
        quotes = page.locator(f".st-key-{KINDS_KEY} button", has_text="Quotes")
        filter_times, open_times = [], []
        for run in range(options.runs * CLICKS_PER_RUN + 1):  # click 0 warms the browser's chunks for these widgets
            page.evaluate(f"""() => {{ const before = document.querySelector('{RESULT_COUNT}').textContent;
                __bench.watch('filter', () => document.querySelector('{RESULT_COUNT}')?.textContent !== before
                    && document.querySelector('{APP_IDLE}') !== null); }}""")
            quotes.click()
            filter_times.append(_wait_for_mark(page, "filter", since_click=True))
            wait_for_run(page)
            opener = page.locator(OPEN_BUTTONS).nth(run % 10)  # 12 quotes when the chip is on
            page.evaluate(f"__bench.watch('open', () => __bench.onScreen('{DETAIL_TITLE}'))")
            opener.click()
            open_times.append(_wait_for_mark(page, "open", since_click=True))
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


def _spread(times: Sequence[float]) -> str:
    tenth = statistics.quantiles(times, n=10)
    return f"{len(times)} clicks, 10th-90th percentile {tenth[0]:.3f}-{tenth[-1]:.3f} s"


@contextmanager
def _browser_session(options: Options, name: str) -> Iterator[tuple[Browser, App]]:
    """A real exhibit server in web mode (the browser tests' own) and headless Chromium, both closed afterwards."""
    from app_server import App
    from browser_pages import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    server = App(options.workdir / f"{name}.log", env={"TIMELINE_MODE": "web"}).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
            yield browser, server
            browser.close()
    finally:
        server.stop()


def _wait_for_mark(page: Page, name: str, *, since_click: bool = False) -> float:
    """Seconds on the page's own clock at mark ``name``: since navigation start, or since the last click."""
    page.wait_for_function(f"'{name}' in __bench.marks", timeout=BROWSER_TIMEOUT_MS)
    mark = page.evaluate(f"__bench.marks['{name}']")
    start = page.evaluate("__bench.lastClick()") if since_click else 0.0
    return (mark - start) / 1000


def _count_image(request: Request, images: list[int]) -> None:
    if request.resource_type == "image":
        images.append(request.sizes()["responseBodySize"])


# --- Section: kiosk soak ------------------------------------------------------------------------------------


def bench_kiosk_soak(options: Options) -> list[Result]:
    """Server memory across 2,000 simulated kiosk interactions (target growth under 5%); about 7 minutes."""
    from kiosk_soak import TARGET_GROWTH, run_soak

    figures = run_soak(SOAK_INTERACTIONS)
    return [
        Result("kiosk soak, server RSS at start", figures["rss_start"] / 2**20, unit="MiB"),
        Result("kiosk soak, server RSS at end", figures["rss_end"] / 2**20, unit="MiB"),
        Result(f"kiosk soak, memory growth over {figures['interactions']}", figures["growth"] * 100, unit="%",
               target=TARGET_GROWTH * 100,
               note="readings (MiB): " + " ".join(f"{rss / 2**20:.1f}" for rss in figures["samples"])),
    ]


SECTIONS: dict[str, Callable[[Options], list[Result]]] = {
    "check": bench_check,
    "reruns": bench_reruns,
    "first-view": bench_first_view,
    "browser-reruns": bench_browser_reruns,
    "kiosk-soak": bench_kiosk_soak,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the project against its performance targets.")
    parser.add_argument("--quick", action="store_true", help="3 runs per figure instead of 5")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections: {', '.join(SECTIONS)}")
    args = parser.parse_args(argv)
    chosen = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    results: list[Result] = []
    crashed = False
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as workdir:
        options = Options(runs=3 if args.quick else 5, workdir=Path(workdir))
        print(f"medians of {options.runs} runs, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        for name in chosen:
            print(f"\n[{name}]", flush=True)
            try:
                rows = SECTIONS[name](options)
            except Exception as exc:  # one broken section must not hide the others' figures
                rows, crashed = [Result(name, None, note=f"crashed: {exc!r}")], True
            for result in rows:
                print(result.line(), flush=True)
                results.append(result)
    return int(crashed or any(result.missed for result in results))


if __name__ == "__main__":
    raise SystemExit(main())
