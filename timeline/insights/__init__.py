"""Visitor insights: what visitors look at, counted privately, for curators.

events.py says what may be recorded and session.py when a visitor's session starts and ends; recorder.py records
off the visitor's path; store.py, store_sqlite.py and store_postgres.py keep it (target.py picks one);
summary.py and attention.py sum it up, with suppression; access_log.py and log_import.py count the static site's
log; retention.py deletes raw events after keep_raw_days, leaving the daily counts; cli.py and report.py are
``python -m timeline insights``. Nothing here imports Streamlit, and nothing stored identifies a visitor or links
one session to another.
"""
