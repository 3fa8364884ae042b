"""The phone first view: the static site, TimelineJS3 on the same entries, and the Streamlit page, throttled.

Every visit is a new browser context (nothing cached) with a 390x844 touch phone, throttled through the Chrome
DevTools Protocol on one of two profiles: 9 Mbit/s with 60 ms round trips, and Lighthouse's mobile profile
(1.6 Mbit/s, 150 ms, the CPU slowed 4x). A page's first view is the first animation frame, on its own clock
(page_marks.js), in which its first entries are on screen:
- the static site (``python -m timeline site``): the first ``[data-entry-id]`` element;
- TimelineJS3 (npm ``@knight-lab/timelinejs``, from ``python -m timeline export timelinejs``): its first slide's
  headline (the title slide, over the timeline's markers);
- the Streamlit page: the timeline's points drawn, as the desktop first view measures them, except that on a
  phone the chart sits below the filters, off the first screen: the mark is its points laid out anywhere.
The static site and TimelineJS3 are served alike by one plain file server (static_server.py) that sends the
``.gz`` twins made at build time, as nginx's ``gzip_static`` does; TimelineJS3's text files get twins made the
same way as the site's. The Streamlit page is served by ``streamlit run app.py`` (uncompressed, as Streamlit
serves it) and, where the project has it, ``streamlit run serve.py`` (compressed); the 3 MB target applies to the
last of these, the best served, and the other is shown beside it.
Bytes are what the network delivered, as CDP counts them (``encodedDataLength``: headers and compressed bodies,
plus websocket frames): up to the first-view frame, and in all once the network is quiet.
"""

from __future__ import annotations

import base64
import shutil
import statistics
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))  # its neighbours, whether bench.py or a test imports this

from browser_bench import PAGE_MARKS, TIMELINE_VISIBLE, js, wait_for_mark  # noqa: E402
from results import Options, Result  # noqa: E402
from static_server import StaticServer  # noqa: E402

from timeline.site.assets import gzipped, wants_gzip  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import Browser
TIMELINEJS_DIST = PROJECT_ROOT / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
TIMELINEJS_PAGE = BENCH_DIR / "timelinejs" / "index.html"  # the embed as TimelineJS3's documentation gives it
VISIT_TIMEOUT_MS = 180_000  # the uncompressed Streamlit page takes about 45 s on the slow profile
RATIO_TARGETS = {"9 Mbit/s": 0.4, "1.6 Mbit/s 4x CPU": 1.0}  # static site / TimelineJS3, first views
BYTES_BEFORE_TARGET = 150  # KB sent before the static site's first entries show, on the 9 Mbit/s profile
STREAMLIT_TARGET = 3000  # KB for the Streamlit page's first view, served the best way the project has
STATIC_FIRST = f"__bench.onScreen({js('[data-entry-id]')})"
TIMELINEJS_FIRST = f"__bench.onScreen({js('.tl-slide-content .tl-headline')})"
STREAMLIT_FIRST = f"__bench.drawn({js(TIMELINE_VISIBLE)})"
STREAMLIT_SCRIPTS = ("app.py", "serve.py")  # uncompressed (the quick start); compressed, where the project has it


@dataclass(frozen=True)
class Profile:
    name: str
    down: float  # bits per second
    up: float  # bits per second
    rtt: float  # seconds added to each request
    cpu: float  # slowdown factor


PROFILES = (Profile("9 Mbit/s", 9e6, 1.5e6, 0.060, 1), Profile("1.6 Mbit/s 4x CPU", 1.6e6, 0.75e6, 0.150, 4))


@dataclass(frozen=True)
class Subject:
    """A page under test: its label, address and the page_marks.js test that holds once its first view shows."""

    name: str
    url: str
    first_view: str  # a JavaScript expression, e.g. ``__bench.onScreen("[data-entry-id]")``


@dataclass(frozen=True)
class Visit:
    seconds: float  # navigation start to the first frame showing the first view
    bytes_before: int
    bytes_total: int


@dataclass
class Traffic:
    """What the network delivered during one visit, from CDP's Network events (times in CDP seconds)."""

    finished: dict[str, tuple[float, int]] = field(default_factory=dict)  # request -> (time, encoded bytes)
    chunks: dict[str, list[tuple[float, int]]] = field(default_factory=lambda: defaultdict(list))
    document: dict[str, Any] | None = None  # the main document's response timing, to map the page's clock

    def on_event(self, method: str, params: dict[str, Any]) -> None:
        if method == "Network.loadingFinished":
            self.finished[params["requestId"]] = (params["timestamp"], int(params["encodedDataLength"]))
        elif method == "Network.dataReceived":
            self.chunks[params["requestId"]].append((params["timestamp"], int(params["encodedDataLength"])))
        elif method == "Network.webSocketFrameReceived":
            frame = params["response"]
            size = len(base64.b64decode(frame["payloadData"])) if frame["opcode"] == 2 else len(
                frame["payloadData"].encode())
            self.chunks["ws:" + params["requestId"]].append((params["timestamp"], size))
        elif method == "Network.responseReceived" and params["type"] == "Document" and self.document is None:
            self.document = params["response"]["timing"]

    def to_cdp_time(self, page_ms: float, request_start_ms: float) -> float:
        """A time on the page's clock as CDP's: the document's request was sent at the page's ``requestStart``."""
        if self.document is None:
            raise RuntimeError("no document response was seen: was Network.enable sent before the navigation?")
        sent = self.document["requestTime"] + self.document["sendStart"] / 1000
        return sent + (page_ms - request_start_ms) / 1000

    def received_by(self, moment: float) -> int:
        """Bytes delivered up to ``moment``: whole responses finished by then, the chunks of those still coming."""
        total = 0
        for request in self.finished.keys() | self.chunks.keys():
            done = self.finished.get(request)
            if done is not None and done[0] <= moment:
                total += done[1]
            else:
                total += sum(size for at, size in self.chunks.get(request, ()) if at <= moment)
        return total


def visit(browser: Browser, subject: Subject, profile: Profile | None) -> Visit:
    """One cold visit of ``subject`` on a phone: its first view and the bytes before it and in all.

    ``profile`` None leaves the network and CPU as they are (the browser test's quick check of the marks).
    """
    from browser_pages import VIEWPORTS

    context = browser.new_context(**VIEWPORTS["phone"])
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        traffic = Traffic()
        for method in ("Network.loadingFinished", "Network.dataReceived", "Network.webSocketFrameReceived",
                       "Network.responseReceived"):
            cdp.on(method, lambda params, method=method: traffic.on_event(method, params))
        cdp.send("Network.enable")
        if profile is not None:
            cdp.send("Network.emulateNetworkConditions", {
                "offline": False, "latency": profile.rtt * 1000,
                "downloadThroughput": profile.down / 8, "uploadThroughput": profile.up / 8})
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": profile.cpu})
        page.add_init_script(path=str(PAGE_MARKS))
        page.add_init_script(f"__bench.watch('first', () => {subject.first_view})")
        page.goto(subject.url, wait_until="commit", timeout=VISIT_TIMEOUT_MS)
        seconds = wait_for_mark(page, "first", timeout_ms=VISIT_TIMEOUT_MS)
        request_start = page.evaluate("performance.getEntriesByType('navigation')[0].requestStart")
        page.wait_for_load_state("networkidle", timeout=VISIT_TIMEOUT_MS)
        moment = traffic.to_cdp_time(seconds * 1000, request_start)
        return Visit(seconds, traffic.received_by(moment), traffic.received_by(float("inf")))
    finally:
        context.close()


def bench_phone(options: Options, streamlit: bool = True) -> list[Result]:
    """Cold visits of the three pages on both profiles, interleaved so a busy machine slows them alike.

    ``streamlit`` False visits only the static site and TimelineJS3 (bench.py's phone-site section): their ratio
    in a few minutes, without the Streamlit page's minutes-long visits on the slow profile.
    """
    if not (TIMELINEJS_DIST / "js" / "timeline.js").is_file():
        return [Result("phone first view", None, note=f"{TIMELINEJS_DIST} is missing: run `npm ci`")]
    from browser_pages import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    www = options.workdir / "www"
    with ExitStack() as stack:
        files = stack.enter_context(StaticServer(www))
        build_static_site(www / "site", files.url + "site/")
        build_timelinejs(www / "timelinejs")
        servers = stack.enter_context(streamlit_servers(options.workdir)) if streamlit else []
        subjects = [Subject("static site", files.url + "site/", STATIC_FIRST),
                    Subject("TimelineJS3", files.url + "timelinejs/", TIMELINEJS_FIRST),
                    *(Subject(f"Streamlit {script}", url, STREAMLIT_FIRST) for script, url in servers)]
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        stack.callback(browser.close)
        results, failed = [], []
        for profile in PROFILES:
            visits: dict[str, list[Visit]] = {s.name: [] for s in subjects}
            for run in range(options.runs + 1):  # run 0 warms the servers and the disk cache, and is not counted
                for subject in subjects:
                    if (subject.name, profile.name) in failed:
                        continue  # a page that failed once on this profile is not visited again: minutes each
                    try:
                        measured = visit(browser, subject, profile)
                    except Exception as exc:  # a page that hangs must not cost the others' figures
                        failed.append((subject.name, profile.name))
                        print(f"  {profile.name}, run {run}: {subject.name} failed: {exc!r}", file=sys.stderr)
                        continue
                    print(f"  {profile.name}, run {run}: {subject.name} {measured.seconds:.2f} s", file=sys.stderr,
                          flush=True)  # the slow profile's Streamlit visits take minutes: show that it moves
                    if run:
                        visits[subject.name].append(measured)
            targets = {subjects[-1].name: STREAMLIT_TARGET} if servers else {}  # the last Streamlit page: best served
            if profile is PROFILES[0]:
                targets["static site"] = BYTES_BEFORE_TARGET
            results.extend(profile_results(profile, visits, targets))
        return [*results, Result("phone, pages that failed a visit", len(failed), unit="", target=1,
                                 note=", ".join(f"{name} ({profile})" for name, profile in failed))]


def profile_results(profile: Profile, visits: dict[str, list[Visit]], targets: dict[str, float]) -> list[Result]:
    """Medians per page on one profile, the ratio static site / TimelineJS3, and ``targets``: page -> KB before."""
    results, seconds = [], {}
    for name, runs in visits.items():
        if not runs:
            results.append(Result(f"{profile.name}: {name}, first view", None, note="its visit failed (below)"))
            continue
        seconds[name] = statistics.median(v.seconds for v in runs)
        before = statistics.median(v.bytes_before for v in runs) / 1000
        total = statistics.median(v.bytes_total for v in runs) / 1000
        spread = f"runs {min(v.seconds for v in runs):.2f}-{max(v.seconds for v in runs):.2f} s"
        results += [Result(f"{profile.name}: {name}, first view", seconds[name], note=spread),
                    Result(f"{profile.name}: {name}, KB before it", before, unit="KB", target=targets.get(name),
                           note=f"{total:.1f} KB in all")]
    if "static site" in seconds and "TimelineJS3" in seconds:
        results.append(Result(f"{profile.name}: static site / TimelineJS3", seconds["static site"] /
                              seconds["TimelineJS3"], unit="x", target=RATIO_TARGETS[profile.name],
                              note="first views, same server"))
    return results


def build_static_site(out: Path, base_url: str) -> None:
    """The site from the bundled data, as an operator builds it (its base URL the file server's own)."""
    command = [sys.executable, "-m", "timeline", "site", str(out), "--base-url", base_url]
    subprocess.run(command, cwd=PROJECT_ROOT, check=True, capture_output=True, text=True)


def build_timelinejs(out: Path) -> None:
    """TimelineJS3's files, the bundled entries exported for it, and its embed page, each text file with a twin."""
    command = [sys.executable, "-m", "timeline", "export", "timelinejs", str(out / "timeline.json")]
    for part in ("js", "css"):
        shutil.copytree(TIMELINEJS_DIST / part, out / part, ignore=shutil.ignore_patterns("*.map"))
    subprocess.run(command, cwd=PROJECT_ROOT, check=True, capture_output=True, text=True)
    shutil.copyfile(TIMELINEJS_PAGE, out / "index.html")
    for path in [p for p in out.rglob("*") if p.is_file()]:
        if wants_gzip(path.name, path.stat().st_size):
            path.with_name(path.name + ".gz").write_bytes(gzipped(path.read_bytes()))


@contextmanager
def streamlit_servers(workdir: Path) -> Iterator[list[tuple[str, str]]]:
    """The web page's Streamlit servers, (script, address) each: app.py, and serve.py where it exists."""
    from app_server import App

    apps = []
    try:
        for script in STREAMLIT_SCRIPTS:
            if not (PROJECT_ROOT / script).is_file():
                continue
            extra = {} if script == "app.py" else {"script": script}  # App runs app.py unless told otherwise
            apps.append((script, App(workdir / f"phone-{script}.log", env={"TIMELINE_MODE": "web"}, **extra).start()))
        yield [(script, app.url) for script, app in apps]
    finally:
        for _, app in apps:
            app.stop()
