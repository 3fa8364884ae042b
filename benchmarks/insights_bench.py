"""Visitor-insights benchmarks: what recording costs a rerun (healthy and locked database), and the summary over a
million events; bench.py adds the curator's insights view over the same events and the real hook's time inside the
web page's reruns (``timed_hooks``), both of which need bench.py's AppTest set-up.

    python benchmarks/bench.py --only insights
"""

from __future__ import annotations

import contextlib
import functools
import random
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from results import Options, Result, median_seconds

from timeline.insights import events as ev
from timeline.insights.events import Mode, Reached
from timeline.insights.recorder import Recorder
from timeline.insights.store_sqlite import SqliteStore
from timeline.insights.summary import load_insights, summary_json
from timeline.ui import recording

MILLION = 1_000_000
EVENTS_PER_RERUN = 3  # a rerun that opens an entry from a search records about this many
RECORD_TARGET = 0.001
SUMMARY_TARGET = 2.0
VIEW_TARGET = 3.0  # curator mode's first draw of the insights view (bench.py: bench_insights_view)
ROUTES = [r.value for r in Reached]
# What the visitor pages call in timeline/ui/recording.py: the hook whose time a rerun pays.
HOOKS = ("start", "begin", "end", "opened", "searched", "filtered", "follow_query", "filters_reset", "follow_note",
         "feature_on", "heartbeat")


@contextlib.contextmanager
def timed_hooks() -> Iterator[list[float]]:
    """While inside, every call the pages make into ``timeline.ui.recording`` adds its seconds to the list's one
    item (calls made from inside another are counted once, with it); reset the item before a run, read it after."""
    spent, depth = [0.0], [0]
    originals = {name: getattr(recording, name) for name in HOOKS}

    def timed(hook: Callable[..., object]) -> Callable[..., object]:
        @functools.wraps(hook)
        def call(*args: object, **kwargs: object) -> object:
            depth[0] += 1
            started = time.perf_counter()
            try:
                return hook(*args, **kwargs)
            finally:
                depth[0] -= 1
                if not depth[0]:
                    spent[0] += time.perf_counter() - started
        return call

    for name, hook in originals.items():
        setattr(recording, name, timed(hook))
    try:
        yield spent
    finally:
        for name, hook in originals.items():
            setattr(recording, name, hook)


def visitor_events(count: int, seed: int = 1, days: int = 90, entries: int = 300) -> list[ev.Event]:
    """About ``count`` events from kiosk and web sessions over ``days``: starts, opens, searches, notes, ends."""
    rng = random.Random(seed)
    start = time.time() - days * 86400
    out: list[ev.Event] = []
    n = 0
    while len(out) < count:
        n += 1
        session, mode = f"{n:032x}", Mode.KIOSK if n % 3 else Mode.WEB
        at = start + rng.random() * days * 86400
        machine = f"kiosk-{n % 2}" if mode == Mode.KIOSK else "web-1"
        visit = [ev.session_start(session, mode, at)]
        for step in range(rng.randint(0, 12)):
            at += rng.expovariate(1 / 25)
            entry = f"entry-{int(rng.paretovariate(1.2)) % entries}"
            if step % 5 == 4:
                visit.append(ev.searched(session, mode, rng.choice(["nurses", "tuskegee", "phillips x"]),
                                         rng.choice([0, 3])))
            visit.append(ev.opened(session, mode, entry, rng.choice(ROUTES), at))
        visit.append(ev.session_end(session, mode, "idle", at + 90))
        out += [e if e.machine else _on(e, machine) for e in visit]
    return out[:count]


def _on(event: ev.Event, machine: str) -> ev.Event:
    from dataclasses import replace

    return replace(event, machine=machine)


def million_event_store(folder: Path, count: int = MILLION) -> Path:
    """A SQLite insights database of ``count`` events, made once and reused."""
    path = folder / f"insights-{count}.sqlite3"
    if path.exists():
        return path
    store = SqliteStore(path)
    events = visitor_events(count)
    for at in range(0, len(events), 100_000):
        store.write(events[at:at + 100_000])
    store.close()
    return path


def _record_medians(recorder: Recorder, reruns: int) -> float:
    """Median time to record one rerun's events, in seconds."""
    times = []
    for i in range(reruns):
        batch = [ev.opened("bench", Mode.KIOSK, f"e{i % 50}", Reached.SEARCH) for _ in range(EVENTS_PER_RERUN)]
        started = time.perf_counter()
        for event in batch:
            recorder.record(event)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench_recording(options: Options) -> list[Result]:
    path = options.workdir / "insights-record.sqlite3"
    recorder = Recorder(SqliteStore(path), machine="bench")
    healthy = _record_medians(recorder, 2000)
    recorder.flush(10)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        recorder.record(ev.heartbeat(Mode.KIOSK))
        deadline = time.monotonic() + 5
        while recorder.health().state != "locked" and time.monotonic() < deadline:
            time.sleep(0.01)  # measure while the writer thread is really held up
        locked = _record_medians(recorder, 2000)
        state = recorder.health().state
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    kept = recorder.flush(10)
    recorder.close()
    note = f"{EVENTS_PER_RERUN} events per rerun"
    return [Result("record a rerun's events, database healthy", healthy * 1000, unit="ms",
                   target=RECORD_TARGET * 1000, note=note),
            Result("record a rerun's events, database locked", locked * 1000, unit="ms", target=RECORD_TARGET * 1000,
                   note=f"{note}; recorder said {state}; {'all written after' if kept else 'NOT all written'}")]


def bench_summary(options: Options) -> list[Result]:
    path = million_event_store(options.workdir)
    store = SqliteStore(path)

    def summarise() -> object:
        return summary_json(load_insights(store))

    elapsed = median_seconds(summarise, options.runs)
    store.close()
    return [Result("insights summary over 1,000,000 events", elapsed, target=SUMMARY_TARGET, note="SQLite")]
