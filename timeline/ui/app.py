"""Wiring: environment, settings and catalogue to the mode's view."""

from __future__ import annotations

import streamlit as st

from timeline.ui.loading import current_environment, exhibit_settings, published_snapshot


def run() -> None:
    env = current_environment()
    settings = exhibit_settings(env)
    st.set_page_config(page_title=settings.title, layout="wide")
    catalog = published_snapshot(env, settings).current.visible
    st.title(settings.title)
    if settings.introduction:
        st.text(settings.introduction)
    with st.container(key="event-list"):
        for entry in catalog.entries:
            st.subheader(entry.title, anchor=False)
            st.caption(f"{entry.date_label} · {entry.category}")
            st.text(entry.text)
