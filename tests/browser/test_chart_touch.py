"""The one chart-tap script (timeline/static/chart-tap.js) in Chromium, with each mode's settings, on a stand-in page.

The stand-in is a chart container holding an element that behaves as Plotly's plot does towards the script (``on``
and ``removeListener``); a tap is a pointerdown, then Plotly's click event with the point's entry id. What the
script does to the address and the history, and how often it asks Streamlit for a rerun, is read back. The real
pages' taps are in test_web.py and test_kiosk.py.
"""

from __future__ import annotations

import pytest

from timeline.ui import compat
from timeline.ui.chart_touch import KIOSK, WEB, TapMode, tap_script

pytestmark = pytest.mark.browser

ORIGIN = "http://exhibit.test"
STAND_IN = f"""<!doctype html><title>chart</title>
<div class="{compat.key_class("timeline-chart")}"><div class="{compat.PLOTLY_PLOT_CLASS}" id="plot"></div></div>
<script>
  var plot = document.getElementById("plot"), listeners = [];
  plot.on = function (name, listener) {{ if (name === "{compat.PLOTLY_CLICK}") listeners.push(listener); }};
  plot.removeListener = function (name, listener) {{ listeners = listeners.filter(function (l) {{
    return name !== "{compat.PLOTLY_CLICK}" || l !== listener; }}); }};
  window.reruns = 0;
  window.addEventListener("{compat.RERUN_ON_HISTORY_EVENT}", function () {{ window.reruns += 1; }});
  window.tap = function (pointerType, id) {{
    document.dispatchEvent(new PointerEvent("pointerdown", {{pointerType: pointerType}}));
    listeners.slice().forEach(function (l) {{ l({{points: [{{customdata: [id]}}]}}); }});
    return listeners.length;
  }};
</script>"""


def stand_in(page_at, mode: TapMode, copies: int = 1):
    """A page at ``/?q=hospital`` whose chart has ``mode``'s tap script, sent ``copies`` times (as reruns do)."""
    page = page_at("phone")
    body = STAND_IN + tap_script(mode) * copies
    page.route(f"{ORIGIN}/**", lambda route: route.fulfill(status=200, content_type="text/html", body=body))
    page.goto(f"{ORIGIN}/?q=hospital")
    return page


def seen(page) -> tuple[str, int, int]:
    search, steps, reruns = page.evaluate("[location.search, history.length, window.reruns]")
    return search, steps, reruns


def test_web_touch_taps_step_the_address_and_back_undoes_them(page_at):
    page = stand_in(page_at, WEB)
    _, steps, _ = seen(page)
    assert page.evaluate("tap('touch', 'hospital-opens')") == 1
    assert seen(page) == ("?q=hospital&event=hospital-opens", steps + 1, 1)
    page.evaluate("tap('touch', 'hospital-opens')")  # its entry is open already: no second step for Back
    assert seen(page) == ("?q=hospital&event=hospital-opens", steps + 1, 1)
    page.evaluate("tap('mouse', 'nurses-strike')")  # a mouse click is Streamlit's own selection's
    assert seen(page) == ("?q=hospital&event=hospital-opens", steps + 1, 1)
    page.go_back()
    assert seen(page) == ("?q=hospital", steps + 1, 2)  # Back: the address before the tap, and a rerun with it


def test_kiosk_taps_of_any_pointer_replace_the_address(page_at):
    page = stand_in(page_at, KIOSK)
    _, steps, _ = seen(page)
    page.evaluate("tap('mouse', 'hospital-opens')")
    assert seen(page) == ("?q=hospital&tap=hospital-opens", steps, 1)
    page.evaluate("tap('touch', 'nurses-strike')")
    assert seen(page) == ("?q=hospital&tap=nurses-strike", steps, 2)


@pytest.mark.parametrize("mode", [WEB, KIOSK], ids=["web", "kiosk"])
@pytest.mark.parametrize("bad", ["", "Hospital", "a b", "-a", "a--b", "x&event=y", "<b>", "a" * 3 + "\n"])
def test_both_modes_ignore_an_id_that_is_not_an_entry_id(page_at, mode, bad):
    page = stand_in(page_at, mode)
    before = seen(page)
    page.evaluate("([id]) => tap('touch', id)", [bad])
    assert seen(page) == before


@pytest.mark.parametrize("mode", [WEB, KIOSK], ids=["web", "kiosk"])
def test_the_script_sent_again_listens_once(page_at, mode):
    page = stand_in(page_at, mode, copies=2)
    assert page.evaluate("tap('touch', 'hospital-opens')") == 1
    assert page.evaluate("window.reruns") == 1
