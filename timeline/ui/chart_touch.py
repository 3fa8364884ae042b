"""One tap on a chart marker opens its entry, on the web page and the kiosk: one script, two settings. On the web
page the same script follows a plain click on an entry's link in the list.

On touch screens a tap fires Plotly's ``plotly_click`` on the right point but Streamlit only hears
``plotly_selected``, which on touch lags one tap behind. So the script (``timeline/static/chart-tap.js``, ours alone: no
curator text goes in) writes the tapped entry's id into the address, with the visitor's other parameters kept, and
fires the event on which Streamlit adopts the address and reruns (``compat.RERUN_ON_HISTORY_EVENT``). Nothing
reloads and the period chosen stays. Both modes check the id's form in the page, and the server checks it against
the catalogue.

- The web page (``WEB``): ``?event=ID``, as a new history entry, so Back closes the entry again and
  ``state.follow_history`` honours it like any link. Touch only: mouse clicks keep Streamlit's own selection path.
  A left click or Enter on a list entry's link (``focus.LIST_LINKS``, its address ``?event=ID`` with the filters)
  without a modifier key takes the same path instead of loading the page anew; other clicks are the browser's.
- The kiosk (``KIOSK``): ``?tap=ID`` in place of the current history entry (the kiosk has no Back to step
  through), for any pointer; the kiosk honours it once (``kiosk.page``). The entry's card may be on another page of
  the strip, so the script cannot click the card instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from timeline.kiosk_state import TAP_PARAM
from timeline.links import EVENT_PARAM
from timeline.ui import compat
from timeline.ui.focus import LIST_LINKS
from timeline.ui.page_files import script_html
from timeline.validate import ID_PATTERN

CHART_SELECTOR = f"{compat.key_selector('timeline-chart')} .{compat.PLOTLY_PLOT_CLASS}"


@dataclass(frozen=True)
class TapMode:
    """How a mode takes a tap into its address."""

    param: str  # the address parameter that carries the entry's id
    push: bool  # a new history entry (Back undoes the tap), or the current one replaced
    touch_only: bool  # leave mouse clicks to Streamlit's selection
    links: str = ""  # the selector of the links to entries that open them in place (none: "")


WEB = TapMode(EVENT_PARAM, push=True, touch_only=True, links=LIST_LINKS)
KIOSK = TapMode(TAP_PARAM, push=False, touch_only=False)


def tap_script(mode: TapMode) -> str:
    """The tap (and link) handler's ``<script>`` for ``compat.run_in_page``; it installs its listeners once per
    page."""
    return script_html("chart-tap.js", {
        "param": mode.param, "push": mode.push, "touchOnly": mode.touch_only,
        "idPattern": f"^(?:{ID_PATTERN.pattern})$", "chart": CHART_SELECTOR,
        "clickEvent": compat.PLOTLY_CLICK, "rerunEvent": compat.RERUN_ON_HISTORY_EVENT, "links": mode.links,
    })


def install_chart_touch() -> None:
    """The web page's taps: once per full run, in a container the stylesheet hides."""
    with st.container(key="chart-touch"):
        compat.run_in_page(tap_script(WEB))
