"""Streamlit entry point: read the environment, load the published catalogue, hand over to the mode's view."""

from timeline.ui.app import run

run()
