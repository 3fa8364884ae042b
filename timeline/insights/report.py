"""What ``python -m timeline insights`` prints: the summary as text or JSON, and the log import's report.

The database is the one ``TIMELINE_INSIGHTS`` names. Counts below 5 are left out of everything printed, as in
every export.
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from timeline.catalog import load_catalog
from timeline.insights.attention import entry_attention
from timeline.insights.log_import import import_log
from timeline.insights.store import Store, StoreBusy, StoreUnavailable
from timeline.insights.summary import (
    SEVERAL,
    SUPPRESS_BELOW,
    duration_text,
    load_insights,
    opens_by_entry,
    summary_json,
)
from timeline.insights.target import insights_target, open_store
from timeline.interchange import EXIT_INVALID, EXIT_OK
from timeline.schema import Entry
from timeline.settings import load_settings, settings_path_for
from timeline.wording import counted

LISTED = 10  # most opened entries and unanswered searches printed


def run_report(args: argparse.Namespace, out: TextIO) -> int:
    target = insights_target()
    store = open_store(target)
    try:
        if args.action == "import-log":
            return _import(store, args.log, out)
        insights = load_insights(store, args.since or "")
    except (StoreBusy, StoreUnavailable) as error:
        out.write(f"python -m timeline insights: the insights database cannot be read ({error}). It is set by "
                  f"TIMELINE_INSIGHTS (now {store!r}).\n")
        return EXIT_INVALID
    finally:
        store.close()
    summary = summary_json(insights, args.since or "")
    if args.format == "json":
        json.dump(summary, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return EXIT_OK
    entries = _published(args.data)
    attention = entry_attention(entries, opens_by_entry(insights))
    never = attention.loc[attention["opens"] == 0, "title"].tolist()
    out.write(summary_text(summary, {e.id: e.title for e in entries}, never if entries else None))
    return EXIT_OK


def _import(store: Store, log: Path, out: TextIO) -> int:
    try:
        report = import_log(store, log)
    except OSError as error:
        out.write(f"{log}: cannot read the log ({error.strerror or error}); nothing was counted.\n")
        return EXIT_INVALID
    skipped = [counted(report.bots, "bot request"), counted(report.errors, "error or non-GET request"),
               counted(report.malformed, "malformed line"), counted(report.other, "other request")]
    out.write(f"{log}: {counted(report.counted, 'visit')} to entries counted; skipped "
              f"{', '.join(skipped)}; {counted(report.already_imported, 'line')} already imported before. "
              "No address or user agent was stored.\n")
    return EXIT_OK


def _published(csv_path: Path) -> tuple[Entry, ...]:
    """The published entries, so the summary names them; none when the file cannot be read."""
    try:
        catalog = load_catalog(csv_path, csv_path.parent, load_settings(settings_path_for(csv_path)).category_order())
    except (OSError, ValueError):
        return ()
    return catalog.visible.entries


def _duration(seconds: float | None) -> str:
    return "too few sessions" if seconds is None else duration_text(seconds)


def summary_text(summary: dict, titles: dict[str, str], never_opened: list[str] | None) -> str:
    """The summary for a terminal, in sentences; ``never_opened`` lists published titles (None: not known)."""
    lines = [f"Visitor insights{' since ' + summary['since'] if summary['since'] else ''} (counts under "
             f"{SUPPRESS_BELOW} are left out)."]
    sessions = summary["sessions"]
    if not sessions:
        lines.append("No visitor sessions recorded yet.")
    for mode, number in sessions.items():
        several = summary["share_opening_several"].get(mode)
        lines.append(f"{mode}: {number if number is not None else 'fewer than 5'} sessions; median length "
                     f"{_duration(summary['median_session_seconds'].get(mode))}, 90% under "
                     f"{_duration(summary['p90_session_seconds'].get(mode))}"
                     + (f"; {several:.0%} opened {SEVERAL} or more entries" if several is not None else "") + ".")
    if summary["opens"]:
        lines.append("Most opened:")
        lines += [f"  {count:>6}  {titles.get(entry, entry)} ({entry})"
                  for entry, count in list(summary["opens"].items())[:LISTED]]
    if never_opened is not None:
        lines.append(f"Never opened: {counted(len(never_opened), 'published entry', 'published entries')}"
                     + (f", e.g. {'; '.join(never_opened[:3])}." if never_opened else "."))
    if summary["searches_without_results"]:
        lines.append("Searches that found nothing (the gaps in the collection):")
        lines += [f"  {count:>6}  {query}"
                  for query, count in list(summary["searches_without_results"].items())[:LISTED]]
    for key, label in (("site_views", "Static site entry views"), ("qr_arrivals", "QR code arrivals")):
        if summary[key]:
            lines.append(f"{label}: {sum(summary[key].values())} (entries with 5 or more).")
    for mode, machines in summary["last_seen"].items():
        for machine, seen in machines.items():
            lines.append(f"Last seen: {mode} {machine or '(unnamed)'} at {seen} ({_ago(seen)}).")
    for machine, trouble in summary["recording_trouble"].items():
        lines.append(f"Recording on {machine or '(unnamed)'}: {trouble}")
    return "\n".join(lines) + "\n"


def _ago(iso: str) -> str:
    seconds = (datetime.now(UTC) - datetime.fromisoformat(iso.replace("Z", "+00:00"))).total_seconds()
    minutes = int(seconds // 60)
    return f"{counted(minutes, 'minute')} ago" if minutes < 120 else f"{counted(minutes // 60, 'hour')} ago"
