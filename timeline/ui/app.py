"""Wiring: environment and settings to the mode's view: the public web page, the kiosk, or curator mode."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from timeline.publishing import current_environment, exhibit_settings
from timeline.settings import Environment, Mode, Settings
from timeline.ui.compat import freeze_long_lived_objects
from timeline.ui.curator.page import render_curator
from timeline.ui.kiosk.page import render_kiosk
from timeline.ui.live import follow_updates
from timeline.ui.web.page import render_web

# Once, when this module is first imported: what Streamlit and Plotly made at import lives as long as the process,
# and leaves the collector's sight, so Streamlit's collection after each run walks only what runs create.
freeze_long_lived_objects()

View = Callable[[Environment, Settings], None]

# Mode -> view: every mode has its own.
VIEWS: dict[Mode, View] = {
    Mode.WEB: render_web,
    Mode.KIOSK: render_kiosk,
    Mode.CURATOR: render_curator,
}


def run() -> None:
    env = current_environment()
    settings = exhibit_settings(env)
    st.set_page_config(page_title=settings.title, layout="wide", initial_sidebar_state="collapsed")
    follow_updates(env)  # a newly published version redraws this page within seconds
    VIEWS[env.mode](env, settings)
