"""``python -m timeline insights``: the visitor-insights summary, and ``insights import-log FILE``.

timeline.cli registers these with ``add_insights_command`` and ``INSIGHTS_COMMANDS``; the work is in report.py,
loaded (with pandas) only when the command runs, so the other commands start as fast as before.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TextIO

from timeline.settings import Environment


def add_insights_command(commands: argparse._SubParsersAction, env: Environment) -> None:
    insights = commands.add_parser("insights", help="what visitors look at: sessions, dwell, opens, searches "
                                   "(counts under 5 left out)")
    insights.add_argument("--since", type=_day, metavar="DATE",
                          help="only from this day on (YYYY-MM-DD)")
    insights.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    insights.add_argument("--data", type=Path, default=env.data, help=f"events CSV, for titles (default {env.data})")
    actions = insights.add_subparsers(dest="action", metavar="import-log")
    log = actions.add_parser("import-log", help="count a web server's access log (common or combined format) "
                             "for the static site; a re-import adds only new lines")
    log.add_argument("log", type=Path, metavar="FILE", help="the access log (plain or .gz)")


def _day(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a day; write it as YYYY-MM-DD, e.g. 2026-03-01") from None


def run_insights(args: argparse.Namespace, out: TextIO) -> int:
    from timeline.insights.report import run_report  # pandas is loaded only for this command

    return run_report(args, out)


INSIGHTS_COMMANDS = {"insights": run_insights}
