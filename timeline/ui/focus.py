"""Where keyboard focus goes after an action that replaces what the visitor was on, and what scrolls into view.

Opening an entry replaces the list with the entry, and "Back to the list" replaces the entry with the
list: the button that had focus is gone, so the browser would drop focus to the top of the page and a
keyboard or screen-reader visitor would have to start again. A tiny script of ours (never curator
text: the target is one of our own selectors around a validated slug) moves focus to where the
visitor's attention now is. After a search or a filter change focus stays where the visitor typed or
chose, and the same script only scrolls the page just enough for the results to be in view.
"""

from __future__ import annotations

import itertools
import json

import streamlit as st

from timeline.ui.state import KEYS

_nonce = itertools.count()  # a changed body makes the front end run the script again

_SCRIPT = """<script>/*{nonce}*/(function () {{
  var selector = {selector}, reveal = {reveal}, tries = 0;
  function move() {{
    var target = document.querySelector(selector);
    if (!target) {{ if (++tries < 60) setTimeout(move, 50); return; }}
    if (reveal) {{  // again once the new chart is drawn, which may change its height
      var show = function () {{ target.scrollIntoView({{block: 'nearest'}}); }};
      [0, 400, 1200].forEach(function (wait) {{ setTimeout(show, wait); }});
      return;
    }}
    if (!target.matches('a, button, input, [tabindex]')) target.setAttribute('tabindex', '-1');
    target.focus();
  }}
  setTimeout(move, 0);
}})();</script>"""


def script_literal(value: str) -> str:
    """``value`` as a JavaScript string literal that cannot end the ``<script>`` element it sits in."""
    return json.dumps(value).replace("<", "\\u003c")


def request_focus(selector: str) -> None:
    st.session_state[KEYS.focus] = (selector, False)


def request_reveal(selector: str) -> None:
    """Scroll the page just enough that ``selector`` is wholly on screen (not at all when it already is)."""
    st.session_state.setdefault(KEYS.focus, (selector, True))  # a focus request (which also scrolls) wins


def detail_heading() -> str:
    return ".st-key-event-detail h2"


def list_item(entry_id: str) -> str:
    return f".st-key-open-{entry_id} button"


def list_heading() -> str:
    return ".st-key-event-list h2"


def apply_focus() -> None:
    """Run at the end of a run: emit the focus script once for a pending request."""
    request = st.session_state.pop(KEYS.focus, None)
    if request:
        selector, reveal = request
        script = _SCRIPT.format(nonce=next(_nonce), selector=script_literal(selector), reveal=json.dumps(reveal))
        with st.container(key="focus-mover"):
            st.html(script, unsafe_allow_javascript=True)
