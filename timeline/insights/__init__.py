"""Visitor insights: what visitors look at, counted privately, for curators.

events.py says what may be recorded; recorder.py records off the visitor's path; store.py, store_sqlite.py and
store_postgres.py keep it; summary.py rolls it up (with suppression); access_log.py counts the static site's log;
retention.py folds old raw events into daily counts; cli.py is ``python -m timeline insights``. Nothing here
imports Streamlit, and nothing stored identifies a visitor or links one session to another.
"""
