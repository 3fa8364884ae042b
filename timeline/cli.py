"""The command line for curators and operators: ``python -m timeline COMMAND``.

Only this module turns problems into text and exit statuses: 0 when the
file is publishable (or the command succeeded), 1 when it is not, 2 when
the command itself was misused. Whatever the input, no traceback reaches
the curator. When whatever reads the output stops early (``| head``), the
command stops quietly with 141, as a Unix tool ended by SIGPIPE does.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
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
from timeline.wording import counted

DERIVED_DIR = PROJECT_ROOT / "static" / "derived"
EXIT_BROKEN_PIPE = 128 + 13  # what a shell reports for a Unix tool ended by SIGPIPE
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
    encoding = ENCODING_NAMES.get(catalog.encoding, catalog.encoding or "nothing")
    verdict = "publishable" if catalog.publishable else "NOT publishable: fix the errors above"
    return f"{catalog.path}: {catalog.counts}; read as {encoding}; {verdict}."


def check_report(catalog: Catalog) -> dict[str, object]:
    """The JSON form of a check: stable keys for scripts and editors, counted as the summary line counts."""
    return {
        "path": catalog.path,
        "publishable": catalog.publishable,
        "encoding": catalog.encoding,
        **asdict(catalog.counts),
        "problems": [
            {"code": p.code, "severity": str(p.severity), "row": p.row, "line": p.line, "column": p.column,
             "value": p.value, "message": p.message, "hint": p.hint}
            for p in catalog.problems
        ],
    }


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
              f"{counted(report.placeholders, 'placeholder card')}, {counted(len(problems), 'image problem')}"
              f"{pruned}; in {args.out}.\n")
    others = sum(p.is_error and p.column != "image" for p in catalog.problems)
    if others > 0:  # a date or field-count error holds the file back just as an image error does
        out.write(f"{catalog.path}: {counted(others, 'other error')} (dates, cells, ...): the file is not "
                  "publishable. Run python -m timeline check to see them.\n")
    return EXIT_OK if not problems and catalog.publishable else EXIT_INVALID


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
    return load_catalog(csv_path, media, load_settings(settings_path_for(csv_path)).category_order())


def _silence_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush at exit does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (a test's stream): nothing to flush at exit
        pass


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {"check": run_check, "media": run_media,
                                                                    **INTERCHANGE_COMMANDS}


def shown_path(path: Path) -> Path:
    """A path as messages name it: as typed, or relative to the working folder when it lies inside it (the
    default data file is an absolute path from the project folder, which reads badly in every message)."""
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd())
        except (ValueError, OSError):  # elsewhere, or the working folder has gone
            return path
    return path


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    stream = out or sys.stdout
    args = build_parser().parse_args(argv)
    for name, value in vars(args).items():
        if isinstance(value, Path):
            setattr(args, name, shown_path(value))
    try:
        return COMMANDS[args.command](args, stream)
    except BrokenPipeError:  # `check --format json | head`: the reader has gone; stop quietly, as Unix tools do
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return EXIT_MISUSE
    except Exception as exc:  # a curator must never see a traceback; say what happened instead
        sys.stderr.write(f"python -m timeline {args.command}: unexpected problem: {type(exc).__name__}: {exc}\n"
                         "Please report this with the file that caused it.\n")
        return EXIT_MISUSE
