"""The exhibit's stylesheet (static/exhibit.css), read once and injected on every full run.

``st.html`` with only a ``<style>`` element goes to Streamlit's event container, so it takes no space.
"""

from __future__ import annotations

from functools import lru_cache

import streamlit as st

from timeline.settings import PROJECT_ROOT

STYLESHEET = PROJECT_ROOT / "static" / "exhibit.css"


@lru_cache(maxsize=1)
def _css() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def inject_styles() -> None:
    st.html(f"<style>{_css()}</style>")
