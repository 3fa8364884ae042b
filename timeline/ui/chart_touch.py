"""Taps on the chart, fixed in the page: on touch screens Plotly selects the previously tapped point.

On touch screens a tap fires ``plotly_click`` on the right point but Streamlit only hears ``plotly_selected``,
which on touch lags one tap behind. So on a touch tap this script of ours (no curator text in it) steps the
page to the tapped entry's address, ``?event=ID`` with the visitor's filters kept, as a new history entry,
and fires ``popstate``: Streamlit reruns the page with that address as it does for Back and Forward, and
``state.follow_history`` honours it like any link. Nothing reloads, the period chosen stays, and Back
closes the entry again. Mouse clicks keep Streamlit's own selection path.
"""

from __future__ import annotations

import streamlit as st

_SCRIPT = """<script>(function () {
  if (window.__webChartTap) return;
  window.__webChartTap = true;
  var pointer = "mouse";
  // Listen on the chart before Plotly handles this touch, exactly once: a chart drawn anew (Plotly purges its
  // listeners then) or a moment ago has none, one that kept ours must not get a second.
  document.addEventListener("pointerdown", function (e) {
    pointer = e.pointerType;
    document.querySelectorAll(".st-key-timeline-chart .js-plotly-plot").forEach(function (plot) {
      if (typeof plot.on !== "function") return;
      plot.removeListener("plotly_click", open);
      plot.on("plotly_click", open);
    });
  }, {capture: true, passive: true});
  function open(event) {
    var point = event && event.points && event.points[0];
    var id = point && point.customdata && point.customdata[0];
    if (pointer !== "touch" || typeof id !== "string" || !/^[a-z0-9-]+$/.test(id)) return;
    var url = new URL(window.location.href);
    url.searchParams.set("event", id);
    if (url.href === window.location.href) return;  // its entry is open already: no second step for Back
    window.history.pushState({}, "", url.toString());
    window.dispatchEvent(new PopStateEvent("popstate", {state: {}}));
  }
})();</script>"""


def install_chart_touch() -> None:
    """Once per full run; the script itself installs its listeners once per page."""
    with st.container(key="chart-touch"):
        st.html(_SCRIPT, unsafe_allow_javascript=True)
