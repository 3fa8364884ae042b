"""Wiring: environment and settings to the mode's view: the public web page, the kiosk, or curator mode."""

from __future__ import annotations

import gc
from collections.abc import Callable

import streamlit as st

from timeline.publishing import current_environment, exhibit_settings
from timeline.settings import Environment, Mode, Settings
from timeline.ui.curator.page import render_curator
from timeline.ui.kiosk.page import render_kiosk
from timeline.ui.live import follow_updates
from timeline.ui.web.page import render_web

# Streamlit collects garbage in full after every run (runner.postScriptGC): 30 ms over the 90,000 objects that
# Streamlit and Plotly create at import, holding the GIL while the run's last messages wait to be sent.
# Those objects live as long as the process, so they leave the collector's sight once, when this module is first
# imported; each later collection only walks what runs create (reruns 55-115 ms -> 20-60 ms on a real server, and
# the kiosk soak's memory growth is unchanged at 1.9 %).
gc.freeze()

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
