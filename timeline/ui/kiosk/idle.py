"""The kiosk's idle timer and its chart taps, which must live in the browser.

Pans and zooms on the chart never reach the server, so only the page knows when the last touch was. The
script is ours alone (no curator text goes in) and runs in the page through ``st.html(...,
unsafe_allow_javascript=True)``: no iframe, no cross-document reach. It installs its listeners once per
page; later runs only update the settings. On timeout it clicks the hidden reset button (found by its key
class), so the reset itself is an ordinary Streamlit callback. Ten seconds before, it shows "Still
exploring?", which any touch dismisses.

It also fixes Plotly's touch selection (a tap selects the previously tapped point, plotly.js issues 2997 and
6724): Plotly's ``plotly_click`` does fire on the right point. The entry's card may be on another page of the
strip, so the script does not click it: it writes the id into the URL (``?tap=``, history.replaceState) and fires
``popstate``, Streamlit's own signal that the URL changed, which makes it adopt the new query string and rerun.
(A button click alone would not do: once the page was loaded with a query string, such as the kiosk's
``?embed=true``, Streamlit sends the one it remembers, not the URL's.) The server checks the id (``kiosk.py``).
"""

from __future__ import annotations

import json

from timeline.kiosk_state import TAP_PARAM

RESET_KEY = "kiosk-reset"
TICK_MS = 250

_SCRIPT = """
(() => {
  const cfg = __CONFIG__;
  const k = window.__kioskIdle || (window.__kioskIdle = { last: Date.now() });
  Object.assign(k, cfg);
  if (k.installed) return;
  k.installed = true;
  const root = document.documentElement;
  const touched = () => { k.last = Date.now(); root.classList.remove("kiosk-still"); };
  for (const type of ["pointerdown", "touchstart", "wheel", "keydown"]) {
    document.addEventListener(type, touched, { capture: true, passive: true });
  }
  const openFromChart = (event) => {
    const point = event && event.points && event.points[0];
    const id = point && point.customdata && point.customdata[0];
    if (typeof id !== "string" || !id) return;
    const url = new URL(document.URL);
    url.searchParams.set(k.tapParam, id);
    window.history.replaceState(window.history.state, "", url);
    window.dispatchEvent(new PopStateEvent("popstate", { state: window.history.state }));
  };
  // The chart listens from each touch's pointerdown, before Plotly handles it, exactly once: a chart drawn a
  // moment ago (a new element) has no listener yet, one that kept ours must not get a second.
  document.addEventListener("pointerdown", () => {
    for (const plot of document.querySelectorAll(".st-key-timeline-chart .js-plotly-plot")) {
      if (typeof plot.on !== "function") continue;
      plot.removeListener("plotly_click", openFromChart);
      plot.on("plotly_click", openFromChart);
    }
  }, { capture: true, passive: true });
  const tick = () => {
    if (document.querySelector(".st-key-attract")) { touched(); return; }
    const left = k.seconds - (Date.now() - k.last) / 1000;
    if (left <= 0) {
      const reset = document.querySelector(`.st-key-${k.resetKey} button`);
      if (reset) reset.click();
      touched();
    } else if (left <= k.prompt) {
      root.classList.add("kiosk-still");
      const count = document.getElementById("kiosk-still-count");
      if (count) count.textContent = String(Math.ceil(left));
    } else {
      root.classList.remove("kiosk-still");
    }
  };
  setInterval(tick, __TICK__);
})();
"""

_PROMPT = ('<div id="kiosk-still" role="alertdialog" aria-labelledby="kiosk-still-title"><div>'
           '<strong id="kiosk-still-title">Still exploring?</strong>'
           '<span>Touch the screen to keep going. Starting over in <b id="kiosk-still-count">{count}</b> seconds.'
           '</span></div></div>')


def idle_html(idle_seconds: int, prompt_seconds: int) -> str:
    """The prompt's markup and the timer script, for ``st.html(..., unsafe_allow_javascript=True)``."""
    config = {"seconds": int(idle_seconds), "prompt": int(prompt_seconds),
              "resetKey": RESET_KEY, "tapParam": TAP_PARAM}
    script = _SCRIPT.replace("__CONFIG__", json.dumps(config)).replace("__TICK__", str(TICK_MS))
    return f"{_PROMPT.format(count=int(prompt_seconds))}<script>{script}</script>"
