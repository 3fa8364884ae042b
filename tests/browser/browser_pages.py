"""What browser tests do with a page: open the app and wait properly, check accessibility, keep screenshots.

Chromium is Debian's (Playwright's own browser builds cannot be downloaded here). The flags keep it from
reaching out to Google's services, which this machine's closed network refuses noisily.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
)
AXE_SCRIPT = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"

# Browser context options per device the exhibit serves: desktop, phone, and the kiosk's screen both ways.
VIEWPORTS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1440, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
              "device_scale_factor": 3},
    "kiosk-landscape": {"viewport": {"width": 1920, "height": 1080}, "has_touch": True},
    "kiosk-portrait": {"viewport": {"width": 1080, "height": 1920}, "has_touch": True},
}

LOAD_TIMEOUT_MS = 30_000
SETTLE_MS = 100  # Streamlit's own suite waits this long after a run for the last paint
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
AXE_BLOCKING = frozenset({"serious", "critical"})


def goto_app(page: Page, url: str) -> None:
    """Open ``url`` and return once the app is connected and its script has finished its first run."""
    page.goto(url)
    wait_for_run(page)


def wait_for_run(page: Page) -> None:
    """Wait as Streamlit's e2e suite does: connected, then no script running (``initial`` is before any run)."""
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]',
                           state="attached", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',
                           state="attached", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_timeout(SETTLE_MS)


CHART_POINTS = ".st-key-timeline-chart .scatterlayer .point"  # the timeline chart's markers, web and kiosk


def click_chart_marker(page: Page, nth: int) -> None:
    """Click the middle of the chart's ``nth`` marker, as a mouse does (scrolled into view first), and wait for the
    run it starts."""
    marker = page.locator(CHART_POINTS).nth(nth)
    marker.scroll_into_view_if_needed()
    box = marker.bounding_box()
    assert box is not None, f"chart marker {nth} is not drawn"
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_for_run(page)


def run_axe(page: Page, rules: Sequence[str] = (),
            blocking: frozenset[str] | None = AXE_BLOCKING) -> list[dict[str, Any]]:
    """The page's serious and critical WCAG 2.2 AA violations, as axe-core reports them; with ``rules``, only those
    axe rules (e.g. ``color-contrast-enhanced``, the 7:1 contrast of WCAG's AAA), and with ``blocking=None`` every
    violation whatever its impact."""
    if not AXE_SCRIPT.is_file():
        raise FileNotFoundError(f"{AXE_SCRIPT} is missing: run `npm ci` in {PROJECT_ROOT}")
    page.add_script_tag(path=str(AXE_SCRIPT))
    only = {"type": "rule", "values": list(rules)} if rules else {"type": "tag", "values": list(AXE_TAGS)}
    violations = page.evaluate("async (only) => (await axe.run(document, {runOnly: only})).violations", only)
    return [v for v in violations if blocking is None or v.get("impact") in blocking]


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """One line per violation and offending element, for an assertion message a person can act on."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['impact']}: {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        lines.extend(f"    {' '.join(map(str, node['target']))}" for node in violation["nodes"][:5])
    return "\n".join(lines)


def screenshot(page: Page, name: str, *, full_page: bool = False) -> Path:
    """Save artifacts/screenshots/<name>.png (artifacts/ is not committed) and return its path."""
    path = SCREENSHOTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=full_page)
    return path


TIMELINE_POINTS = ".st-key-timeline-chart .scatterlayer .point"


def first_view_bytes(page: Page, url: str) -> int:
    """Bytes that reach the browser for ``url``'s first view, until the timeline's points are drawn and the
    network is quiet: every HTTP response as sent over the wire (``encodedDataLength``: compressed bodies and
    headers) plus every websocket message the server sends. ``page`` must be fresh, so nothing comes from cache.
    """
    cdp = page.context.new_cdp_session(page)
    http: dict[str, int] = {}
    socket: list[int] = []
    cdp.on("Network.loadingFinished", lambda event: http.__setitem__(event["requestId"], event["encodedDataLength"]))
    cdp.on("Network.webSocketFrameReceived", lambda event: socket.append(_frame_bytes(event["response"])))
    cdp.send("Network.enable")
    page.goto(url)
    page.locator(TIMELINE_POINTS).first.wait_for(state="attached", timeout=LOAD_TIMEOUT_MS)
    wait_for_run(page)
    page.wait_for_load_state("networkidle")
    cdp.detach()
    return sum(http.values()) + sum(socket)


def _frame_bytes(frame: dict[str, Any]) -> int:
    """A websocket message's size: binary payloads (opcode 2, Streamlit's protobuf) arrive base64-encoded."""
    data = frame["payloadData"]
    return len(data) * 3 // 4 - data.count("=") if frame["opcode"] == 2 else len(data.encode("utf-8"))
