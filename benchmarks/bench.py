"""The project's benchmark: medians against the exhibit's performance targets, each beside its figure.

    python benchmarks/bench.py [--quick] [--only SECTION,...]   (sections: ``SECTIONS`` below, or --help)

Each section is a function returning ``Result`` rows; add a section by writing one and listing it in
``SECTIONS``. A section that cannot run yet (no app, no command) says why instead of stopping the others.
The browser sections are in browser_bench.py and phone_bench.py, visitors per server in capacity.py.
Exit status: 0 when every measured figure meets its target, 1 when one misses or a section crashes.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent
sys.path[:0] = [str(PROJECT_ROOT), str(BENCH_DIR), str(PROJECT_ROOT / "tests" / "browser")]

from browser_bench import bench_browser_reruns, bench_first_view, bench_first_view_bytes  # noqa: E402
from capacity import bench_capacity, bench_static_capacity  # noqa: E402
from generate import generate_catalog  # noqa: E402
from insights_bench import (  # noqa: E402
    RECORD_TARGET,
    VIEW_TARGET,
    bench_recording,
    bench_summary,
    million_event_store,
    timed_hooks,
)
from phone_bench import bench_phone  # noqa: E402
from results import Options, Result, median_seconds  # noqa: E402
from site_bench import bench_site  # noqa: E402

from tests.web_list import list_links  # noqa: E402
from timeline.settings import read_environment  # noqa: E402

SETTINGS = read_environment().settings  # data/exhibit.toml unless TIMELINE_SETTINGS says otherwise
CHECK_SIZES = (10_000, 100_000)
CHECK_TARGETS = {10_000: 1.0, 100_000: 10.0}  # seconds, whole check minus interpreter start
LINEAR_SLACK = 1.25  # 10x the entries may cost up to 12.5x the time and still count as linear
APP = PROJECT_ROOT / "app.py"
RERUN_LARGE = 5_000
RERUN_TARGETS = (0.050, 0.150)  # seconds: bundled data, RERUN_LARGE entries
SOAK_INTERACTIONS = 2_000


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
    path = options.workdir / f"events-{RERUN_LARGE}.csv"
    path.write_text(generate_catalog(RERUN_LARGE, seed=RERUN_LARGE), encoding="utf-8")
    large = {"TIMELINE_DATA": str(path), "TIMELINE_SETTINGS": str(SETTINGS)}
    return [*_reruns("bundled data", {}, RERUN_TARGETS[0], options),
            *_reruns(f"{RERUN_LARGE:,} entries", large, RERUN_TARGETS[1], options)]


def _reruns(label: str, env: dict[str, str], target: float, options: Options) -> list[Result]:
    with _started(env) as app:
        if isinstance(app, Result):
            return [Result(f"rerun, {label}", None, note=app.note)]
        ids = list(list_links(app))  # the entries the list links to
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


def bench_kiosk_reruns(options: Options) -> list[Result]:
    """Server-side rerun time of the kiosk at RERUN_LARGE generated entries: a turn of the strip's page (the
    chart above it is unchanged) and a rerun with no change; AppTest's overhead included."""
    path = options.workdir / f"events-{RERUN_LARGE}.csv"
    path.write_text(generate_catalog(RERUN_LARGE, seed=RERUN_LARGE), encoding="utf-8")
    env = {"TIMELINE_MODE": "kiosk", "TIMELINE_DATA": str(path), "TIMELINE_SETTINGS": str(SETTINGS)}
    with _started(env) as app:
        if isinstance(app, Result):
            return [Result("kiosk rerun", None, note=app.note)]
        app.button(key="kiosk-enter").click().run()
        turns = ("kiosk-page-later", "kiosk-page-earlier")  # back and forth: every run turns the page
        steps: dict[str, Callable[[int], object]] = {
            "no change": lambda i: None,
            "page turn": lambda i: app.button(key=turns[i % 2]).click(),
        }
        return [Result(f"kiosk rerun, {case}, {RERUN_LARGE:,} entries", _median_run(app, step, options.runs),
                       target=RERUN_TARGETS[1]) for case, step in steps.items()]


@contextlib.contextmanager
def _started(env: dict[str, str]) -> Iterator[Any]:
    """app.py under AppTest with ``env`` set, after its first run; a Result saying why when that run failed."""
    import streamlit as st
    from streamlit.logger import set_log_level
    from streamlit.testing.v1 import AppTest

    if not APP.is_file():
        yield Result("rerun", None, note="app.py does not exist yet")
        return
    set_log_level("error")  # outside a server Streamlit warns "no runtime" on every cache call
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        st.cache_data.clear()
        st.cache_resource.clear()
        app = AppTest.from_file(APP, default_timeout=120).run()
        set_log_level("error")  # again: the first run reads Streamlit's config, which sets the level back
        yield (Result("rerun", None, note=f"the first run failed: {app.exception[0].message}")
               if app.exception else app)
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


def bench_insights_view(options: Options) -> list[Result]:
    """Curator mode's whole rerun as the insights view is turned on over a million events (it reads nothing while
    off, so turning it off between runs makes every timed run a first draw)."""
    env = {"TIMELINE_MODE": "curator", "TIMELINE_INSIGHTS": str(million_event_store(options.workdir))}
    with _started(env) as app:
        if isinstance(app, Result):
            return [app]
        times = []
        for _ in range(options.runs):
            app.toggle(key="insights-show").set_value(False).run()
            start = time.perf_counter()
            app.toggle(key="insights-show").set_value(True).run()
            times.append(time.perf_counter() - start)
            if app.exception:
                return [Result("insights view", None, note=f"the run failed: {app.exception[0].message}")]
    return [Result("curator insights view, first draw, 1,000,000 events", statistics.median(times),
                   target=VIEW_TARGET, note="the whole curator rerun (AppTest)")]


def bench_rerun_hook(options: Options) -> list[Result]:
    """The real hook: the time reruns spend in timeline/ui/recording.py (everything recording adds to a rerun),
    with the insights database healthy and then locked by another connection. The web page alternately opens an
    entry by its list link and searches; the kiosk opens a card and goes back to the strip."""
    results: list[Result] = []
    with _started({}) as app:
        if isinstance(app, Result):
            return [Result("recording hook", None, note=app.note)]
        ids = list(list_links(app))

        def web_step(i: int) -> None:
            if i % 2:
                app.text_input(key="filter-text").set_value(SEARCHES[i % len(SEARCHES)])
            else:
                app.query_params.clear()
                app.query_params["event"] = ids[i % len(ids)]

        results += _hook_results("web", app, web_step, options.runs)
    with _started({"TIMELINE_MODE": "kiosk"}) as app:
        if isinstance(app, Result):
            return [*results, Result("recording hook, kiosk", None, note=app.note)]
        app.button(key="kiosk-enter").click().run()
        cards = [b.key for b in app.button if b.key and b.key.startswith("kiosk-open-")]

        def kiosk_step(i: int) -> None:  # from the entry back to the strip, else from the strip to a card
            on_entry = any(b.key == "kiosk-back" for b in app.button)
            app.button(key="kiosk-back" if on_entry else cards[i % len(cards)]).click()

        results += _hook_results("kiosk", app, kiosk_step, options.runs)
    return results


def _hook_results(mode: str, app: Any, step: Callable[[int], object], runs: int) -> list[Result]:
    """The hook's median time per rerun, and the whole rerun's, with the database healthy and then locked."""
    from timeline.insights.recorder import shared_recorder

    def medians() -> tuple[float, float]:
        hooks, reruns = [], []
        with timed_hooks() as spent:
            for i in range(max(runs, 5) * 4):
                step(i)
                spent[0] = 0.0
                started = time.perf_counter()
                app.run()
                reruns.append(time.perf_counter() - started)
                hooks.append(spent[0])
        return statistics.median(hooks), statistics.median(reruns)

    recorder = shared_recorder()
    healthy, rerun = medians()
    recorder.flush(10)
    blocker = sqlite3.connect(recorder.store.path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        step(0)
        app.run()  # an event for the writer thread, which the lock then holds up
        deadline = time.monotonic() + 5
        while recorder.health().state != "locked" and time.monotonic() < deadline:
            time.sleep(0.01)
        locked, locked_rerun = medians()
        state = recorder.health().state
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    kept = recorder.flush(10)
    return [Result(f"recording hook in a {mode} rerun, database healthy", healthy * 1000, unit="ms",
                   target=RECORD_TARGET * 1000, note=f"the whole rerun {rerun * 1000:.1f} ms (AppTest)"),
            Result(f"recording hook in a {mode} rerun, database locked", locked * 1000, unit="ms",
                   target=RECORD_TARGET * 1000,
                   note=f"the whole rerun {locked_rerun * 1000:.1f} ms; recorder said {state}; "
                        f"{'all written after' if kept else 'NOT all written'}")]


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
    "kiosk-reruns": bench_kiosk_reruns,
    "first-view": bench_first_view,
    "first-view-bytes": bench_first_view_bytes,
    "browser-reruns": bench_browser_reruns,
    "kiosk-soak": bench_kiosk_soak,
    "site": bench_site,
    "capacity": bench_capacity,
    "static-capacity": bench_static_capacity,
    "phone": bench_phone,
    "phone-site": functools.partial(bench_phone, streamlit=False),
    "insights": lambda options: [*bench_recording(options), *bench_rerun_hook(options), *bench_summary(options),
                                 *bench_insights_view(options)],
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
        # The app's reruns record visitor events: into the benchmark's own database, never into data/.
        os.environ.setdefault("TIMELINE_INSIGHTS", str(Path(workdir) / "insights-reruns.sqlite3"))
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
