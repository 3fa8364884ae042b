"""The command line for curators and operators: ``python -m timeline COMMAND``.

Only this module turns problems into text and exit statuses: 0 when the
file is publishable (or the command succeeded), 1 when it is not, 2 when
the command itself was misused, 3 when something unexpected happened (a
bug, or a file or folder that could not be read or written), so a script
never mistakes a crash for a typing mistake. Whatever the input, no
traceback reaches the curator. When whatever reads the output stops early
(``| head``), the command stops quietly with 141, as a Unix tool ended by
SIGPIPE does; Ctrl+C stops it with 130, as a shell reports it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from timeline.catalog import Catalog, load_catalog
from timeline.image_urls import CACHE_DIR
from timeline.insights.cli import INSIGHTS_COMMANDS, add_insights_command
from timeline.interchange import (  # the exit statuses are declared there: it cannot import this module
    EXIT_CRASH,
    EXIT_INVALID,
    EXIT_MISUSE,
    EXIT_OK,
    INTERCHANGE_COMMANDS,
    add_interchange_commands,
)
from timeline.narration.command import add_audio_command, narrate, narration_lines, narration_problems, run_audio
from timeline.narration_urls import AUDIO_DIR
from timeline.problems import format_problem
from timeline.richtext import is_web_address
from timeline.settings import Settings, load_settings, read_environment, settings_path_for
from timeline.store import PublishedStore, Snapshot, published_label, removal_summary
from timeline.wording import counted

if TYPE_CHECKING:
    from timeline.site.build import SiteReport

DERIVED_DIR = CACHE_DIR  # the derivatives the pages serve: the commands build into the same folder
EXIT_BROKEN_PIPE = 128 + 13  # what a shell reports for a Unix tool ended by SIGPIPE
EXIT_INTERRUPTED = 128 + 2  # ... and for one stopped with Ctrl+C (SIGINT)
NO_SITEMAP = ("No sitemap.xml was written: a sitemap needs the site's public address, and search engines reject "
              "the relative addresses a build without one would list. Add --base-url https://your.host/path/ to "
              "write it.")
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
    site = commands.add_parser("site", help="build the online exhibit as static files for any web host or CDN")
    site.add_argument("out_dir", type=Path, metavar="OUT_DIR",
                      help="folder to build the site into: a new one, or one this command built (replaced whole)")
    site.add_argument("--data", type=Path, default=env.data, help=f"events CSV (default {env.data})")
    site.add_argument("--media", type=Path, default=env.media, help=f"media folder (default {env.media})")
    site.add_argument("--base-url", default="", type=_base_url, metavar="URL",
                      help="the site's public address, e.g. https://example.org/exhibit/ (for link previews, "
                           "canonical links and the sitemap)")
    site.add_argument("--watch", action="store_true",
                      help="keep running: rebuild whenever the published file, the settings or an image changes "
                           "(OUT_DIR becomes a link)")
    site.add_argument("--force", action="store_true",
                      help="build into an OUT_DIR holding other files: they are moved, untouched, to "
                           "OUT_DIR.kept-DATE beside it (never deleted)")
    publish = commands.add_parser("publish", help="publish the events CSV now; exit 0 published, 1 held back or errors")
    publish.add_argument("csv", nargs="?", type=Path, default=env.data, help=f"events CSV (default {env.data})")
    publish.add_argument("--media", type=Path, default=env.media, help=f"media folder (default {env.media})")
    publish.add_argument("--anyway", action="store_true",
                         help="publish even though the file takes more than a quarter of the published entries away")
    add_interchange_commands(commands, env)
    add_audio_command(commands, env, DERIVED_DIR)
    add_insights_command(commands, env)
    return parser


def _base_url(text: str) -> str:
    if not text:
        return ""  # not known: pages link to each other relatively and claim no address
    if not is_web_address(text) or "?" in text or "#" in text:  # a site's address, not a page's
        raise argparse.ArgumentTypeError(f"'{text}' is not a web address; give one like https://example.org/exhibit/")
    return text.rstrip("/") + "/"


def run_check(args: argparse.Namespace, out: TextIO) -> int:
    catalog = _load(args.csv, args.media)
    narration = narration_problems(args.csv, args.media, catalog)  # the pronunciation file and recordings
    if args.format == "json":
        report = check_report(catalog)
        report["narration_problems"] = [{"path": path, "code": p.code, "severity": str(p.severity), "row": p.row,
                                         "line": p.line, "column": p.column, "message": p.message, "hint": p.hint}
                                        for path, p in narration]
        json.dump(report, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for problem in catalog.problems:
            out.write(format_problem(problem, catalog.path) + "\n")
        out.write("".join(line + "\n" for line in narration_lines(narration)))
        out.write(summary_line(catalog) + "\n")
    narration_ok = not any(p.is_error for _, p in narration)
    return EXIT_OK if catalog.publishable and narration_ok else EXIT_INVALID


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
    # Rows an image error kept out are not entries, so their problems come from the catalogue.
    problems = [p for p in catalog.problems if p.column == "image" and p.is_error]
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


def run_site(args: argparse.Namespace, out: TextIO) -> int:
    from timeline.site.target import ForeignFolder, out_dir_problem, set_aside

    if refused := out_dir_problem(args.out_dir, args.force, (args.data, args.media, Path.cwd())):
        out.write(f"python -m timeline site: {refused}\n")
        return EXIT_MISUSE
    if kept := set_aside(args.out_dir):
        out.write(f"What {args.out_dir} held was moved, untouched, to {kept}.\n")
    try:
        return _watch_site(args, out) if args.watch else _build_site(args, out)
    except ForeignFolder as exc:
        out.write(f"python -m timeline site: {exc}\n")
        return EXIT_MISUSE


def _build_site(args: argparse.Namespace, out: TextIO) -> int:
    from timeline.site.build import build_site  # Pillow and Plotly are loaded only for this command
    from timeline.site.watch import next_slot

    catalog = _load(args.data, args.media)
    if not catalog.publishable:
        for problem in catalog.problems:
            out.write(format_problem(problem, catalog.path) + "\n")
        out.write(f"{catalog.path}: the site was not built: the file has {counted(catalog.error_count, 'error')}. "
                  f"{args.out_dir} is left exactly as it was. Fix the errors (python -m timeline check), then "
                  "build again.\n")
        return EXIT_INVALID
    staging = next_slot(args.out_dir) if args.out_dir.is_symlink() else None  # a link (left by --watch) stays one
    try:
        report = build_site(catalog, load_settings(settings_path_for(args.data)), args.media, args.out_dir,
                            DERIVED_DIR, args.base_url, _progress_bar(out, "pages written"), staging)
    except OSError as exc:
        out.write(f"python -m timeline site: could not write the site to {args.out_dir} "
                  f"({exc.strerror or exc}); {args.out_dir} is left as it was.\n")
        return EXIT_CRASH
    if out.isatty():
        out.write("\n")
    out.write(_site_summary(report, catalog) + "\n")
    if not args.base_url:
        out.write(NO_SITEMAP + "\n")
    return EXIT_OK


def _watch_site(args: argparse.Namespace, out: TextIO) -> int:
    from timeline.site.build import build_site
    from timeline.site.watch import Inputs, adopt_as_link, next_slot, watch

    settings_path = settings_path_for(args.data)
    store = PublishedStore(args.data, args.media)  # the watch gives it the categories' order, once it has read them
    adopt_as_link(args.out_dir)

    def say(text: str) -> None:
        out.write(text + "\n")
        out.flush()

    def build(catalog: Catalog, settings: Settings) -> None:
        # The version's narration first, so the site built next can offer it (unchanged entries cost nothing).
        narrate(catalog.visible, args.data, args.media, AUDIO_DIR, "auto", out)
        try:
            report = build_site(catalog, settings, args.media, args.out_dir, DERIVED_DIR, args.base_url,
                                staging=next_slot(args.out_dir))
        except OSError as exc:  # a full disk, a permission: the site online stays as it was; the next change retries
            say(f"Could not write the site to {args.out_dir} ({exc.strerror or exc}); it is left as it was.")
            return
        say(_site_summary(report, catalog))

    say(f"Watching {args.data}, {settings_path} and the images in {args.media}: the site in {args.out_dir} is "
        "rebuilt whenever one of them changes. Stop with Ctrl+C.")
    if not args.base_url:
        say(NO_SITEMAP)
    watch(Inputs(store, settings_path, args.media), build, threading.Event(), say)
    return EXIT_OK


def _site_summary(report: SiteReport, catalog: Catalog) -> str:
    size = f"{report.bytes / 1_000_000:.1f} MB"
    return (f"Site built in {report.out_dir}: {counted(report.entries, 'entry page', 'entry pages')}, "
            f"{counted(report.images, 'picture')}, {counted(report.files, 'file')} ({size}); "
            f"version {catalog.version}.")


def _progress_bar(out: TextIO, done_text: str = "entries prepared") -> Callable[[int, int, str], None]:
    """A one-line bar on a terminal; in a log (not a terminal) a line at every tenth of the way."""
    interactive = out.isatty()

    def show(done: int, total: int, name: str) -> None:
        if not interactive:
            if done == total or done % max(total // 10, 1) == 0:
                out.write(f"{done}/{total} {done_text}\n")
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


def _silence_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush at exit does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (a test's stream): nothing to flush at exit
        pass


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "check": run_check, "media": run_media, "publish": run_publish, "site": run_site, "audio": run_audio,
    **INTERCHANGE_COMMANDS,
    **INSIGHTS_COMMANDS,
}


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
        return EXIT_INTERRUPTED
    except OSError as exc:  # a disk, a permission or a network share, not the curator's file or command
        sys.stderr.write(f"python -m timeline {args.command}: could not read or write "
                         f"{exc.filename or 'a file'}: {exc.strerror or exc}.\n")
        return EXIT_CRASH
    except Exception as exc:  # a curator must never see a traceback; say what happened instead
        sys.stderr.write(f"python -m timeline {args.command}: unexpected problem: {type(exc).__name__}: {exc}\n"
                         "Please report this with the file that caused it.\n")
        return EXIT_CRASH
