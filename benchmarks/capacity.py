"""How many visitors one server holds: the Streamlit page (bench.py --only capacity) against the static site
(--only static-capacity).

Streamlit: N visitors, each with its own session over a websocket (as a browser holds one), change a filter every
0.5-2 s (a rerun with a new ``category``/``kind`` in the page's query, which the web mode applies like a click).
A change's time runs from sending it to the server's "script finished": the server's whole share of a click.
Everything is bounded (a fixed number of changes per visitor) and on loopback only.

Static site: ``python -m timeline site`` output behind a plain file server (Python's threading ``http.server``
in its own process), hit by a pool of clients fetching the timeline and entry pages; requests per second.
The load generator is Python on the same cores, so the figure is a floor, not nginx's ceiling.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from results import Options, Result

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VISITORS = (10, 25, 50)  # sessions on one server at once
QUICK_VISITORS = (10, 25)
CHANGES = 6  # filter changes per visitor per run
PAUSE = (0.5, 2.0)  # seconds a visitor looks at the result before the next change
FILTERS = ("kind=quote", "category=Washington+University", "kind=event", "", "category=Homer+G.+Phillips+Hospital")
RUN_TIMEOUT = 120.0  # seconds one change may take before the visitor gives up (and the run fails)
STATIC_CLIENTS = 32
STATIC_REQUESTS = 3000
SITE_TIMEOUT = 600  # seconds for the site build


# --- One Streamlit server ------------------------------------------------------------------------------------


def bench_capacity(options: Options) -> list[Result]:
    from app_server import SERVED, App

    rows = []
    server = App(options.workdir / "capacity.log", env={"TIMELINE_MODE": "web"}, script=SERVED).start()
    try:
        _visit(server.port, 0, random.Random(0), changes=1)  # warm the server's caches once
        for visitors in QUICK_VISITORS if options.runs <= 3 else VISITORS:
            runs = [_crowd(server.port, visitors, seed) for seed in range(max(1, options.runs // 2))]
            p50 = statistics.median(statistics.median(times) for times in runs)
            p95 = statistics.median(statistics.quantiles(times, n=20)[-1] for times in runs)
            count = sum(map(len, runs))
            rows += [Result(f"capacity, {visitors} visitors, p50 per change", p50,
                            note=f"{count} changes in {len(runs)} run(s); median of the runs' p50"),
                     Result(f"capacity, {visitors} visitors, p95 per change", p95, note="median of the runs' p95")]
    finally:
        server.stop()
    return rows


def _crowd(port: int, visitors: int, seed: int) -> list[float]:
    """Every visitor's change times; all visitors connect first, then browse at once."""
    ready = threading.Barrier(visitors)
    with ThreadPoolExecutor(visitors) as pool:
        futures = [pool.submit(_visit, port, i, random.Random(seed * 1000 + i), CHANGES, ready)
                   for i in range(visitors)]
        return [t for future in futures for t in future.result()]


def _visit(port: int, visitor: int, rng: random.Random, changes: int,
           ready: threading.Barrier | None = None) -> list[float]:
    """One visitor: open the page (not timed), then ``changes`` filter changes with pauses between them."""
    from websockets.sync.client import connect

    # No keep-alive pings: Streamlit's own client sends none, and a busy server would answer them late and end the
    # visit, which is the slowness being measured, not a failure.
    with connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], max_size=None,
                 open_timeout=RUN_TIMEOUT, ping_interval=None) as socket:
        _rerun(socket, "")
        if ready is not None:
            ready.wait(RUN_TIMEOUT)
        times = []
        for step in range(changes):
            time.sleep(rng.uniform(*PAUSE))
            times.append(_rerun(socket, FILTERS[(visitor + step) % len(FILTERS)]))
        return times


def _rerun(socket: object, query: str) -> float:
    """Seconds from asking for a run with ``query`` to the server saying the whole script has finished."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    ask = BackMsg()
    ask.rerun_script.query_string = query
    start = time.perf_counter()
    socket.send(ask.SerializeToString())
    while True:
        message = ForwardMsg()
        message.ParseFromString(socket.recv(timeout=RUN_TIMEOUT))
        # A fragment's own run (the page's live-update timer) ends with another status; only the page's run counts.
        if message.WhichOneof("type") == "script_finished" and \
                message.script_finished == ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY:
            return time.perf_counter() - start


# --- The static site behind a plain file server -------------------------------------------------------------


def bench_static_capacity(options: Options) -> list[Result]:
    name = "static site, index + entry pages"
    site = options.workdir / "site"
    built = subprocess.run([sys.executable, "-m", "timeline", "site", str(site)], cwd=PROJECT_ROOT,
                           capture_output=True, text=True, timeout=SITE_TIMEOUT)
    if built.returncode != 0 or not (site / "index.html").is_file():
        reason = (built.stderr.strip().splitlines() or ["no output"])[-1]
        return [Result(name, None, note=f"`python -m timeline site` did not build ({reason})")]
    paths = ["/"] + [f"/entries/{p.parent.name}/" for p in sorted((site / "entries").glob("*/index.html"))]
    from app_server import free_port

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_listening(f"http://127.0.0.1:{port}/")
        rates = [_requests_per_second(port, paths) for _ in range(options.runs)]
    finally:
        server.terminate()
        server.wait(10)
    return [Result(name, statistics.median(rates), unit="req/s",
                   note=f"{STATIC_CLIENTS} clients, {STATIC_REQUESTS} GETs per run, {len(paths)} pages, "
                        "Python's http.server; a floor")]


def _wait_listening(url: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _requests_per_second(port: int, paths: Sequence[str]) -> float:
    def fetch(i: int) -> int:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{paths[i % len(paths)]}", timeout=30) as response:
            return len(response.read())

    start = time.perf_counter()
    with ThreadPoolExecutor(STATIC_CLIENTS) as pool:
        assert all(pool.map(fetch, range(STATIC_REQUESTS)))
    return STATIC_REQUESTS / (time.perf_counter() - start)
