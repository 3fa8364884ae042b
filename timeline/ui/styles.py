"""The exhibit's stylesheet (static/exhibit.css), read once and injected on every full run.

``st.html`` with only a ``<style>`` element goes to Streamlit's event container, so it takes no space.
"""

from __future__ import annotations

from functools import lru_cache

import streamlit as st

from timeline.settings import PROJECT_ROOT

# The page's own look, then the entry cards and article it shares with the static site.
STYLESHEETS = (PROJECT_ROOT / "static" / "exhibit.css", PROJECT_ROOT / "static" / "entries.css")


@lru_cache(maxsize=1)
def _css() -> str:
    return "\n".join(sheet.read_text(encoding="utf-8") for sheet in STYLESHEETS)


def inject_styles() -> None:
    st.html(f"<style>{_css()}</style>")
