"""Kiosk soak: thousands of touches against a real kiosk server, and what they do to its memory.

    python benchmarks/kiosk_soak.py [N]

A real ``streamlit run app.py`` in kiosk mode and a touch-enabled Chromium page repeat what visitors do,
one interaction at a time: enter from the attract screen, filter (an era, then an institution), open an
entry, step to the next one, and the idle reset (clicking the hidden reset button, exactly as the page's
idle timer does). The server's resident memory (RSS, from /proc) is read after a warm-up and at the end;
the target is growth under 5 %. ``run_soak(n)`` returns the figures for benchmarks/bench.py.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT / "tests" / "browser"))  # the server and browser the browser tests use

from app_server import App  # noqa: E402
from browser_pages import CHROMIUM, CHROMIUM_ARGS, VIEWPORTS  # noqa: E402

# The kiosk as an operator starts it (deploy/kiosk/), with an idle time long enough that only the soak resets it.
KIOSK_ENV = {"TIMELINE_MODE": "kiosk", "TIMELINE_IDLE_SECONDS": "3600"}
WARM_UP = 100  # interactions before the first reading: caches, derivatives and imports settle first
SAMPLES = 10  # readings along the way, to show a trend and not only two points
TARGET_GROWTH = 0.05
TIMEOUT_MS = 30_000
PROGRESS_EVERY = 250


def rss_bytes(pid: int) -> int:
    """Resident set size of ``pid``, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


_CARDS = "() => Array.from(document.querySelectorAll('[class*=\"st-key-kiosk-card-\"]')).map(c => c.className).join()"
_TITLE = "() => document.querySelector('h2.kiosk-title')?.textContent"


def _interactions(page) -> list[Callable[[int], None]]:
    """One cycle of what a visitor does. Each step waits for a change only its own rerun can make, then for the
    run to end: Streamlit's running flag alone is not enough, as the live-update fragment also raises it."""
    def finished() -> None:
        page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
            state="attached", timeout=TIMEOUT_MS)

    def changed(probe: str, before: object) -> None:
        page.wait_for_function(f"(before) => ({probe})() !== before", arg=before, timeout=TIMEOUT_MS)
        finished()

    def shown(selector: str) -> None:
        page.locator(selector).first.wait_for(state="visible", timeout=TIMEOUT_MS)
        finished()

    def enter(_: int) -> None:
        shown(".st-key-kiosk-enter button")  # the whole-screen button, drawn after the attract loop
        page.touchscreen.tap(960, 540)
        shown(".st-key-event-list")

    def filter_(cycle: int) -> None:
        if cycle % 2:  # another era than the one chosen now
            eras = page.locator('[class*="st-key-kiosk-era-"] button')
            chosen = next(i for i in range(eras.count()) if eras.nth(i).get_attribute("kind") == "primary")
            era = (chosen + 1 + cycle // 2) % eras.count()
            era = era if era != chosen else (era + 1) % eras.count()
            eras.nth(era).tap()
            shown(f'.st-key-kiosk-era-{era} button[kind="primary"]')
        else:  # one institution: the strip shrinks to it
            before = page.evaluate(_CARDS)
            page.locator(".st-key-kiosk-categories button").nth(cycle % 4).tap()
            changed(_CARDS, before)

    def open_(cycle: int) -> None:
        cards = page.locator('[class*="st-key-kiosk-card-"]')
        cards.nth(cycle % max(1, cards.count())).tap()  # a tap scrolls the card into view first, like a swipe
        shown(".st-key-event-detail")

    def step(_: int) -> None:
        before = page.evaluate(_TITLE)
        forward = page.locator(".st-key-kiosk-next button").is_enabled()
        page.locator(f".st-key-kiosk-{'next' if forward else 'previous'} button").tap()
        changed(_TITLE, before)

    def idle_reset(_: int) -> None:  # what the page's idle timer does after idle_seconds without a touch
        page.evaluate("document.querySelector('.st-key-kiosk-idle-reset button').click()")
        shown(".st-key-attract")

    return [enter, filter_, open_, step, idle_reset]


def run_soak(n: int = 2000) -> dict[str, float | int | list[int]]:
    """Drive ``n`` interactions (after a warm-up) and report the server's memory; growth is (end - start) / start."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        server = App(Path(folder) / "streamlit.log", env=KIOSK_ENV).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
                page = browser.new_context(**VIEWPORTS["kiosk-landscape"]).new_page()
                page.goto(server.url)
                page.locator(".st-key-attract").wait_for(state="visible", timeout=TIMEOUT_MS)
                steps = _interactions(page)
                samples: list[int] = []
                started = 0.0
                for done in range(WARM_UP + n):
                    if done == WARM_UP:
                        samples.append(rss_bytes(server.pid))
                        started = time.monotonic()
                    elif done > WARM_UP and (done - WARM_UP) % max(1, n // SAMPLES) == 0:
                        samples.append(rss_bytes(server.pid))
                    steps[done % len(steps)](done // len(steps))
                    if done and done % PROGRESS_EVERY == 0:
                        print(f"{done} interactions", file=sys.stderr, flush=True)
                elapsed = time.monotonic() - started
                samples.append(rss_bytes(server.pid))
                browser.close()
        finally:
            server.stop()
    start, end = samples[0], samples[-1]
    return {"interactions": n, "seconds": round(elapsed, 1), "rss_start": start, "rss_end": end,
            "rss_max": max(samples), "growth": (end - start) / start, "samples": samples}


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 2000
    result = run_soak(n)
    mb = 1024 * 1024
    print(f"{result['interactions']} interactions in {result['seconds']} s; server RSS "
          f"{result['rss_start'] / mb:.1f} MB -> {result['rss_end'] / mb:.1f} MB "
          f"(max {result['rss_max'] / mb:.1f} MB), growth {result['growth']:+.2%} (target < {TARGET_GROWTH:.0%})")
    print("samples (MB):", " ".join(f"{s / mb:.1f}" for s in result["samples"]))
    return 0 if result["growth"] < TARGET_GROWTH else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
