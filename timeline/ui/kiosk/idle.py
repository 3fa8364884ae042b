"""The kiosk's idle timer, which must live in the browser: pans and zooms on the chart never reach the server.

The script (``timeline/static/kiosk-idle.js``, ours alone: no curator text goes in) runs in the page through
``compat.run_in_page``: no iframe, no cross-document reach. It installs its listeners once per page; later runs only
update its settings. On timeout it clicks its own hidden reset button (found by its key class; the Home key has
another, so visitor insights tell the two apart), so the reset itself is an ordinary Streamlit callback. Twenty
seconds before (``kiosk_state.prompt_window``), it shows "Still exploring?" with a countdown, which any touch or key
dismisses (and says it, with the audio guide on); a playing ``<audio>`` or ``<video>`` counts as activity, except the
guide's own words. The kiosk's chart taps ride along in the same element (``chart_touch.KIOSK``).
"""

from __future__ import annotations

from timeline.render import render_macro
from timeline.ui.chart_touch import KIOSK, tap_script
from timeline.ui.compat import key_selector
from timeline.ui.kiosk.guide import PLAYER_ID
from timeline.ui.page_files import script_html

RESET_KEY = "kiosk-reset"  # the Home key's
IDLE_RESET_KEY = "kiosk-idle-reset"  # the idle timer's
TICK_MS = 250


def idle_html(idle_seconds: int, prompt_seconds: int) -> str:
    """The prompt's markup, the timer script and the chart-tap script, for ``compat.run_in_page``."""
    config = {"seconds": int(idle_seconds), "prompt": int(prompt_seconds), "tickMs": TICK_MS,
              "reset": f"{key_selector(IDLE_RESET_KEY)} button", "attract": key_selector("attract"),
              "promptClass": "kiosk-still", "countId": "kiosk-still-count",
              "promptClip": "still-exploring", "guideId": PLAYER_ID}
    prompt = render_macro("ui/kiosk.html", "idle_prompt", int(prompt_seconds))
    return prompt + script_html("kiosk-idle.js", config) + tap_script(KIOSK)
