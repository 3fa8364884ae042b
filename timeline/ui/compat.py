"""Every assumption the exhibit makes about Streamlit beyond its documented Python API, named once.

Streamlit documents ``st.*`` but not the page its front end builds, nor what that front end does with the browser's
history. The exhibit leans on both: its stylesheets select Streamlit's elements, its scripts make Streamlit rerun,
and its process tunes the collector Streamlit runs. Each such fact lives here, with what Streamlit does and what
breaks when it stops; the rest of the code uses these names. ``tests/test_ui_compat.py`` checks each one against
the installed Streamlit (its Python package and its built front end), and that our stylesheets and scripts select
only what this module declares, so a Streamlit upgrade is this file and that test. Checked on Streamlit 1.67.
"""

from __future__ import annotations

import gc
import html
import itertools
import json
import mimetypes
import re
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit import config, file_util


class TestId(StrEnum):
    """The ``data-testid`` values Streamlit's front end puts on its elements that our stylesheets and scripts select.

    They are the handles Streamlit's own end-to-end tests use, not a public interface. When one is renamed or
    dropped, the rules selecting it stop matching without an error: the kiosk shows Streamlit's toolbar and
    dialogs again, pills lose their contrast, the chart's rules and the filter bar fall apart.
    """

    APP_DEPLOY_BUTTON = "stAppDeployButton"
    BUTTON = "stButton"
    BUTTON_GROUP = "stButtonGroup"  # pills and segmented controls
    COLUMN = "stColumn"
    DIALOG = "stDialog"  # also the developer-facing "Connection error" modal during a server restart
    ELEMENT_CONTAINER = "stElementContainer"  # the wrapper around every element
    HEADER = "stHeader"
    HORIZONTAL_BLOCK = "stHorizontalBlock"
    LAYOUT_WRAPPER = "stLayoutWrapper"  # the wrapper around a keyed container
    MAIN_MENU = "stMainMenu"
    PLOTLY_CHART = "stPlotlyChart"
    POPOVER = "stPopover"
    POPOVER_BODY = "stPopoverBody"
    SIDEBAR = "stSidebar"
    SKIP_TO_CONTENT = "stSkipToContent"
    STATUS_WIDGET = "stStatusWidget"  # the running indicator
    TEXT_INPUT = "stTextInput"
    TOOLBAR = "stToolbar"
    TOOLBAR_ACTIONS = "stToolbarActions"
    VERTICAL_BLOCK = "stVerticalBlock"
    WIDGET_LABEL = "stWidgetLabel"

    @property
    def selector(self) -> str:
        return f'[data-testid="{self.value}"]'


class StClass(StrEnum):
    """Class names Streamlit's front end puts on its elements beside their test ids, selected by our stylesheets.

    Like the test ids they are internal; a renamed one silently drops the rules on it (the page's width and margins,
    the kiosk's button sizes).
    """

    APP = "stApp"
    BUTTON = "stButton"
    BUTTON_GROUP = "stButtonGroup"
    HTML = "stHtml"  # what ``st.html`` draws into
    MAIN_BLOCK_CONTAINER = "stMainBlockContainer"  # the page's main column


class StateAttribute(StrEnum):
    """Attribute selectors on Streamlit's elements that say what state they are in.

    - ``[data-stale="true"]``: an element container from the previous run while a rerun is under way, which
      Streamlit dims; our stylesheets turn the dimming off, or every filter change would flicker.
    - ``[kind="primary"]``: Streamlit's button passes its ``type=`` through as a ``kind`` attribute; the kiosk
      draws its chosen era and its main action from it.
    - ``[data-selected="true"]``: a chosen pill (the front end's toggle buttons mark it so); the web page colours it.

    Renamed, each stops matching silently: the page dims on reruns, chosen pills and eras look unchosen.
    """

    STALE = '[data-stale="true"]'
    PRIMARY_BUTTON = '[kind="primary"]'
    SELECTED = '[data-selected="true"]'


KEY_CLASS_PREFIX = "st-key-"
"""A keyed container or widget (``key="event-list"``) carries the class ``st-key-event-list``.

The front end makes it from the key with every character outside ``[a-zA-Z0-9_-]`` turned into ``-``. The UI's test
contract, our stylesheets and our scripts find the exhibit's parts by it; without it none of them finds anything.
"""

_NOT_IN_KEY_CLASS = re.compile(r"[^a-zA-Z0-9_-]")


def key_class(key: str) -> str:
    """The class Streamlit's front end gives the element with ``key``."""
    return KEY_CLASS_PREFIX + _NOT_IN_KEY_CLASS.sub("-", key.strip())


def key_selector(key: str) -> str:
    return f".{key_class(key)}"


PLOTLY_PLOT_CLASS = "js-plotly-plot"
"""The class of the element Plotly draws a chart into, in the plotly.js that Streamlit's front end bundles."""

PLOTLY_CLICK = "plotly_click"
"""The event that plotly.js (bundled by Streamlit) fires on that element for a click or tap on a point.

On touch screens Streamlit's selection (``on_select``) hears only ``plotly_selected``, which lags one tap behind
(plotly.js issues 2997 and 6724); ``plotly_click`` names the right point, so our tap handler listens for it.
"""

RERUN_ON_HISTORY_EVENT = "popstate"
"""The window event on which Streamlit's front end adopts the address bar's query string and reruns the page.

It listens for it to follow Back and Forward: the rerun carries the new query string (``st.query_params``) and is
a whole-page run. Our chart-tap script writes the tapped entry into the address and dispatches this event itself,
so a tap becomes a rerun with that address without reloading the page. If Streamlit stopped listening, Back and
Forward would no longer change the view and a tap on the chart would open nothing.
"""


def set_address(params: Mapping[str, list[str]]) -> None:
    """Make the address bar show ``params``.

    Streamlit's front end pushes a new browser history entry for each query string the server sets (and replaces
    the entry instead while it is rerunning for Back or Forward), so every view written here is a step Back and
    Forward retrace. Were it to replace the entry every time, Back would leave the exhibit instead of stepping.
    """
    st.query_params.from_dict(params)


def add_stylesheet(css: str) -> None:
    """Send a stylesheet with the run.

    ``st.html`` with nothing but ``<style>`` elements goes to Streamlit's event container, where it takes no room in
    the layout. If it went into the main column again, every page would gain an empty element's gap at its top.
    """
    st.html(f"<style>{css}</style>")


def run_in_page(body: str) -> None:
    """Draw ``body`` and run the scripts in it in the page itself (no iframe): our own scripts only, never text.

    ``st.html(..., unsafe_allow_javascript=True)`` sanitises ``body`` (keeping ``<script>`` and ``data-``
    attributes), then re-creates each script element with its attributes so the browser runs it; while it runs,
    ``document.currentScript`` is that element. It does so when the element first appears and again whenever its
    body changes, not on reruns that send the same body (hence ``fresh_run``). Without this, the chart taps, the
    kiosk's idle reset and the focus mover do nothing.
    """
    st.html(body, unsafe_allow_javascript=True)


_MARKUP_IN_TEXT = re.compile(r"<[/\w!]")
"""What DOMPurify (``SAFE_FOR_XML``, on in ``st.html``) takes for markup hidden in an element's text: an element
without child elements whose text has ``<`` before a letter, digit, ``_``, ``/`` or ``!`` is dropped whole. A
script saying ``<audio>`` even in a comment would silently never run."""


def script_element(source: str, config: Mapping[str, Any]) -> str:
    """A ``<script>`` element for ``run_in_page``: ``source`` reads its settings as
    ``JSON.parse(document.currentScript.dataset.config)``, so per-run values never change the code itself."""
    if _MARKUP_IN_TEXT.search(source):
        raise ValueError("a script's source must not hold '<' before a letter, '/' or '!' (write 'a < b' with "
                         "spaces, and name elements without angle brackets): st.html drops such a script, and "
                         "'</script' would end its element")
    return f'<script data-config="{html.escape(json.dumps(config))}">{source}</script>'


NARRATION_TYPES = {".ogg": "audio/ogg", ".mp3": "audio/mpeg", ".vtt": "text/vtt"}


def serve_narration_types() -> None:
    """Make Streamlit's static route (``server.enableStaticServing``) send narration with its media types.

    It answers with what Python's ``mimetypes`` guesses from the extension (else ``application/octet-stream``),
    with ``X-Content-Type-Options: nosniff``. Python knows ``.mp3`` and ``.vtt`` itself but ``.ogg`` only from the
    system's ``/etc/mime.types`` (Debian's ``media-types``), so a machine without that file would send the Opus
    files untyped; registered here for this process. Streamlit reading types elsewhere would show in
    tests/browser/test_listen.py (the served types) and tests/test_ui_compat.py.
    """
    for extension, kind in NARRATION_TYPES.items():
        mimetypes.add_type(kind, extension)


_runs = itertools.count()


def fresh_run() -> int:
    """A number no earlier call returned: put in a script's settings, it makes the front end run the script again
    even when everything else about it is as on the previous run (see ``run_in_page``)."""
    return next(_runs)


def front_end_dir() -> Path:
    """The folder of Streamlit's built front end: its ``index.html`` and, under ``static/js``, its scripts.

    ``serve.py`` answers ``/`` with that ``index.html``, its head given the linked entry's title and preview tags,
    so the folder must be where ``streamlit.file_util`` (not a public module) says, and the page must have a head.
    """
    return Path(file_util.get_static_dir())


def server_address() -> tuple[str, int, bool]:
    """The address and port this server is bound to, and whether anyone chose the address.

    ``server.address`` is what the server binds ("" binds every interface). Whether it was chosen (a flag, the
    environment or a config file) rather than left at Streamlit's default comes from ``config.is_manually_set``,
    which Streamlit's own start-up uses to print the page's URL but does not document.
    """
    address = str(st.get_option("server.address") or "")
    return address, int(st.get_option("server.port")), config.is_manually_set("server.address")


TOOLBAR_MODE = "minimal"
"""``client.toolbarMode`` in ``.streamlit/config.toml``: no Deploy, main menu, rerun, clear-cache or running indicator.

A value the option no longer accepts would show visitors the developer's menu.
"""


def freeze_long_lived_objects() -> None:
    """Take every object alive now out of the collector's sight, once, at import.

    Streamlit collects garbage in full after every script run (the ``runner.postScriptGC`` option, on by
    default): 30 ms over the 90,000 objects that Streamlit and Plotly create at import, holding the GIL while the
    run's last messages wait to be sent. Those objects live as long as the process, so each later collection
    need only walk what runs create (reruns 55-115 ms -> 20-60 ms on a real server; the kiosk soak's memory
    growth is unchanged at 1.9 %). Should Streamlit stop collecting after each run, the freeze would merely
    stop paying for itself.
    """
    gc.freeze()
