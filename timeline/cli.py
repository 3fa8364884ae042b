"""The command line for curators and operators: ``python -m timeline COMMAND``.

Only this module turns problems into text and exit statuses: 0 when the
file is publishable (or the command succeeded), 1 when it is not, 2 when
the command itself was misused. Whatever the input, no traceback reaches
the curator.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from timeline.catalog import Catalog, load_catalog
from timeline.interchange import (  # the exit statuses are declared there: it cannot import this module
    EXIT_INVALID,
    EXIT_MISUSE,
    EXIT_OK,
    INTERCHANGE_COMMANDS,
    add_interchange_commands,
)
from timeline.problems import format_problem
from timeline.settings import PROJECT_ROOT, load_settings, read_environment, settings_path_for
from timeline.store import PublishedStore, Snapshot, published_label, removal_summary
from timeline.wording import counted

DERIVED_DIR = PROJECT_ROOT / "static" / "derived"
ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "windows-1252": "Windows-1252"}


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with a one-line hint instead of a usage dump on misuse."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_MISUSE, f"{self.prog}: {message}\nRun '{self.prog} --help' for the commands.\n")


def build_parser() -> argparse.ArgumentParser:
    env = read_environment()
    parser = _Parser(prog="python -m timeline", description="Check and prepare the exhibit's events file and media.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check = commands.add_parser("check", help="check the events CSV and its images; exit 0 when publishable")
    check.add_argument("csv", nargs="?", type=Path, default=env.data, help=f"events CSV (default {env.data})")
    check.add_argument("--media", type=Path, default=env.media, help=f"media folder (default {env.media})")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    media = commands.add_parser("media", help="build image thumbnails, display sizes and placeholder cards")
    media.add_argument("csv", nargs="?", type=Path, default=env.data, help=f"events CSV (default {env.data})")
    media.add_argument("--media", type=Path, default=env.media, help=f"media folder (default {env.media})")
    media.add_argument("--out", type=Path, default=DERIVED_DIR, help=f"derivatives folder (default {DERIVED_DIR})")
    media.add_argument("--prune", action="store_true",
                       help="then delete derivatives and cards no entry uses any more (only when the file passes)")
    publish = commands.add_parser("publish", help="publish the events CSV now; exit 0 published, 1 held back or errors")
    publish.add_argument("csv", nargs="?", type=Path, default=env.data, help=f"events CSV (default {env.data})")
    publish.add_argument("--media", type=Path, default=env.media, help=f"media folder (default {env.media})")
    publish.add_argument("--anyway", action="store_true",
                         help="publish even though the file takes more than a quarter of the published entries away")
    add_interchange_commands(commands, env)
    return parser


def run_check(args: argparse.Namespace, out: TextIO) -> int:
    catalog = _load(args.csv, args.media)
    if args.format == "json":
        json.dump(check_report(catalog), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for problem in catalog.problems:
            out.write(format_problem(problem, catalog.path) + "\n")
        out.write(summary_line(catalog) + "\n")
    return EXIT_OK if catalog.publishable else EXIT_INVALID


def summary_line(catalog: Catalog) -> str:
    drafts = sum(not e.is_published for e in catalog.entries)
    count = len(catalog.entries) + len(catalog.eras)
    encoding = ENCODING_NAMES.get(catalog.encoding, catalog.encoding or "nothing")
    verdict = "publishable" if catalog.publishable else "NOT publishable: fix the errors above"
    return (f"{catalog.path}: {counted(count, 'entry', 'entries')} ({counted(drafts, 'draft')}, "
            f"{counted(len(catalog.eras), 'era')}), {counted(catalog.error_count, 'error')}, "
            f"{counted(catalog.warning_count, 'warning')}; read as {encoding}; {verdict}.")


def check_report(catalog: Catalog) -> dict[str, object]:
    """The JSON form of a check: stable keys for scripts and editors."""
    return {
        "path": catalog.path,
        "publishable": catalog.publishable,
        "encoding": catalog.encoding,
        "entries": len(catalog.entries) + len(catalog.eras),
        "errors": catalog.error_count,
        "warnings": catalog.warning_count,
        "problems": [
            {"code": p.code, "severity": str(p.severity), "row": p.row, "line": p.line, "column": p.column,
             "value": p.value, "message": p.message, "hint": p.hint}
            for p in catalog.problems
        ],
    }


def run_publish(args: argparse.Namespace, out: TextIO) -> int:
    """What curator mode's panel and its Publish anyway button do, for a terminal: the running exhibit reads the
    published copy this writes beside the file."""
    store = PublishedStore(args.csv, args.media, _category_order(args.csv))
    before = store.snapshot.current.version
    snapshot = store.refresh()
    if snapshot.withheld and args.anyway:
        snapshot = store.publish_anyway(snapshot.latest.version)
    for problem in snapshot.latest.problems:
        out.write(format_problem(problem, snapshot.latest.path) + "\n")
    for entry in snapshot.withheld:
        out.write(f"would remove: {entry.id} — {entry.title}\n")
    out.write(publish_line(snapshot, before, args.csv) + "\n")
    return EXIT_INVALID if snapshot.held_back or snapshot.save_error else EXIT_OK


def publish_line(snapshot: Snapshot, before: str, csv_path: Path) -> str:
    """The verdict of ``publish``: published, already published, or held back and what visitors keep."""
    path, current = snapshot.latest.path, snapshot.current
    entries = counted(len(current.visible.entries), "published entry", "published entries")
    when = published_label(snapshot.published_at) if snapshot.published_at is not None else "an unknown time"
    kept = (f"Visitors keep the version published at {when} ({entries})." if current.version
            else "Visitors see no entries until a version passes.")
    if not snapshot.latest.publishable:
        return (f"{path}: not published: the file has {counted(snapshot.latest.error_count, 'error')}, "
                f"listed above. {kept}")
    if snapshot.withheld:
        return (f"{path}: held back. {removal_summary(snapshot)} To do so: python -m timeline publish {csv_path} "
                f"--anyway. {kept}")
    if snapshot.save_error:
        return f"{path}: not published: its copy could not be saved ({snapshot.save_error})."
    if current.version == before:
        return f"{path}: already published at {when} ({entries}); nothing to do."
    return f"{path}: published ({entries}). Open exhibit pages show it within seconds."


def run_media(args: argparse.Namespace, out: TextIO) -> int:
    from timeline.derivatives import build_all, prune  # Pillow is loaded only for this command

    catalog = _load(args.csv, args.media)
    if args.prune and not catalog.publishable:
        # Visitors still see the last version that passed, whose images may be among the files that look unused.
        out.write(f"{catalog.path}: not pruning: the file has {counted(catalog.error_count, 'error')}, and "
                  "visitors still see the last version that passed, which may use the older images. Fix the "
                  "file (python -m timeline check), then prune.\n")
        return EXIT_INVALID
    entries = (*catalog.entries, *catalog.eras)
    report = build_all(entries, args.media, args.out, _progress_bar(out))
    if out.isatty():
        out.write("\n")
    # Rows whose image failed the check are not entries, so their problems come from the catalogue.
    problems = [p for p in catalog.problems if p.column == "image"]
    problems += [finding.at(row, "image") for _, row, finding in report.failures]
    for problem in problems:
        out.write(format_problem(problem, catalog.path) + "\n")
    pruned = f", {counted(prune(args.out, report.files), 'unused file')} deleted" if args.prune else ""
    out.write(f"Images: {counted(report.built, 'derivative')} made, {report.reused} already up to date, "
              f"{counted(report.placeholders, 'placeholder card')}, {counted(len(problems), 'problem')}"
              f"{pruned}; in {args.out}.\n")
    return EXIT_OK if not problems else EXIT_INVALID


def _progress_bar(out: TextIO) -> Callable[[int, int, str], None]:
    """A one-line bar on a terminal; in a log (not a terminal) a line at every tenth of the way."""
    interactive = out.isatty()

    def show(done: int, total: int, name: str) -> None:
        if not interactive:
            if done == total or done % max(total // 10, 1) == 0:
                out.write(f"{done}/{total} entries prepared\n")
            return
        width = 30
        filled = width * done // max(total, 1)
        out.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name[:40]:<40}")
        out.flush()

    return show


def _load(csv_path: Path, media: Path) -> Catalog:
    return load_catalog(csv_path, media, _category_order(csv_path))


def _category_order(csv_path: Path) -> tuple[str, ...]:
    return load_settings(settings_path_for(csv_path)).category_order()


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "check": run_check, "media": run_media, "publish": run_publish, **INTERCHANGE_COMMANDS}


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    stream = out or sys.stdout
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args, stream)
    except KeyboardInterrupt:
        return EXIT_MISUSE
    except Exception as exc:  # a curator must never see a traceback; say what happened instead
        sys.stderr.write(f"python -m timeline {args.command}: unexpected problem: {type(exc).__name__}: {exc}\n"
                         "Please report this with the file that caused it.\n")
        return EXIT_MISUSE
