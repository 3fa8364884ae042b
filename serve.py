"""The public web page served right: compressed, with link previews (``streamlit run serve.py``).

It runs app.py, the same page ``streamlit run app.py`` serves, through Streamlit's ASGI app with the
routes and middleware of timeline/ui/server.py. docs/online.md says when to use it and how to put it online.
"""

from pathlib import Path

import streamlit as st

from timeline.ui.server import MIDDLEWARE, ROUTES

app = st.App(Path(__file__).with_name("app.py"), routes=ROUTES, middleware=MIDDLEWARE)
