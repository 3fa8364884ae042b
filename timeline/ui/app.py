"""Wiring: environment and settings to the mode's view. Kiosk and curator views register here when they exist."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from timeline.settings import Environment, Mode, Settings
from timeline.ui.curator import render_curator
from timeline.ui.kiosk import render_kiosk
from timeline.ui.live import follow_updates
from timeline.ui.loading import current_environment, exhibit_settings
from timeline.ui.web import render_web

View = Callable[[Environment, Settings], None]

# Mode -> view. A mode without its own view yet shows the public web page, never an error.
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
    VIEWS.get(env.mode, render_web)(env, settings)
