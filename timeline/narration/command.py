"""The command-line side of narration: ``python -m timeline audio`` and what ``check`` says about narration.

timeline.cli wires these in; the work itself is in build.py. Exit statuses are check's: 0 done, 1 something to
fix (errors in the events file, the pronunciation file or a recording, or a narration that could not be made),
2 the command misused.
"""

from __future__ import annotations

import argparse
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from timeline.catalog import Catalog, load_catalog
from timeline.interchange import EXIT_INVALID, EXIT_OK
from timeline.narration.build import AUDIO_DIR_NAME, Progress, build_narration, plan
from timeline.narration.engine import ENGINES, ESPEAK, PIPER, EngineInfo, find_engine
from timeline.narration.prompts import kiosk_clips
from timeline.narration.pronunciation import load_pronunciations, pronunciations_path_for
from timeline.narration.recorded import find_recordings, recording_problems
from timeline.problems import Problem, format_problem
from timeline.settings import Environment, Settings, load_settings, settings_path_for
from timeline.store import PublishedStore
from timeline.wording import counted


def add_audio_command(commands: argparse._SubParsersAction, env: Environment, derived_dir: Path) -> None:
    audio = commands.add_parser("audio", help="narrate every published entry and the kiosk's prompts (Opus, MP3 "
                                "and captions), rebuilding only what changed")
    audio.add_argument("--data", type=Path, default=env.data, help=f"events CSV (default {env.data})")
    audio.add_argument("--media", type=Path, default=env.media, help=f"media folder (default {env.media})")
    audio.add_argument("--out", type=Path, default=derived_dir / AUDIO_DIR_NAME,
                       help=f"narration folder (default {derived_dir / AUDIO_DIR_NAME})")
    audio.add_argument("--engine", choices=("auto", *ENGINES), default="auto",
                       help="speech engine: Piper when installed, else espeak-ng (default auto)")
    audio.add_argument("--watch", action="store_true",
                       help="keep running: narrate each newly published version in the background")


def run_audio(args: argparse.Namespace, out: TextIO) -> int:
    if args.watch:
        return _watch(args, out)
    catalog = load_catalog(args.data, args.media, _order(args.data))
    if not catalog.publishable:
        for problem in catalog.problems:
            out.write(format_problem(problem, catalog.path) + "\n")
        out.write(f"{catalog.path}: nothing narrated: the file has {counted(catalog.error_count, 'error')}. Fix "
                  "them (python -m timeline check), then run this again.\n")
        return EXIT_INVALID
    return narrate(catalog.visible, args.data, args.media, args.out, args.engine, out)


def _watch(args: argparse.Namespace, out: TextIO) -> int:
    """Narrate each newly published version (as ``site --watch`` builds it), until stopped."""
    from timeline.site.watch import Inputs, watch

    def say(text: str) -> None:
        out.write(text + "\n")
        out.flush()

    def narrate_version(catalog: Catalog, settings: Settings) -> None:
        narrate(catalog.visible, args.data, args.media, args.out, args.engine, out)
        out.flush()

    say(f"Watching {args.data}: each newly published version is narrated into {args.out}. Stop with Ctrl+C.")
    watch(Inputs(PublishedStore(args.data, args.media), settings_path_for(args.data), args.media), narrate_version,
          threading.Event(), say)
    return EXIT_OK


def narrate(catalog: Catalog, data: Path, media: Path, audio_dir: Path, engine_name: str, out: TextIO) -> int:
    """Narrate ``catalog``'s entries and the prompts, saying which engine speaks and how it went."""
    engine = find_engine(engine_name)
    out.write(engine_line(engine, engine_name) + "\n")
    pronunciations, problems = load_pronunciations(pronunciations_path_for(data))
    for problem in problems:
        out.write(format_problem(problem, str(pronunciations_path_for(data))) + "\n")
    clips = kiosk_clips(catalog.entries, catalog.eras, catalog.categories)
    jobs = plan(catalog.entries, pronunciations, engine, find_recordings(media), clips)
    report = build_narration(jobs, audio_dir, engine, progress_line(out))
    if out.isatty():
        out.write("\n")
    for job_id, reason in report.failures:
        out.write(f"{job_id}: not narrated: {reason}\n")
    out.write(f"Narration: {counted(report.built, 'made', 'made')}, {report.reused} already up to date, "
              f"{counted(len(report.failures), 'failure')}; {report.seconds / 60:.1f} minutes of speech in "
              f"{audio_dir}.\n")
    return EXIT_INVALID if report.failures or any(p.is_error for p in problems) else EXIT_OK


def engine_line(engine: EngineInfo | None, wanted: str) -> str:
    if engine is None:
        return (f"No speech engine found ({wanted}): entries with a recording are still prepared. Install Piper "
                "(pip install -r requirements-audio.txt) or espeak-ng (apt-get install espeak-ng).")
    if engine.name == PIPER:
        return f"Speaking with Piper ({engine.version}; voice joe, credits in docs/narration.md)."
    fallback = " Piper is not installed (pip install -r requirements-audio.txt), so" if wanted == "auto" else ""
    return f"{fallback} Speaking with {ESPEAK} {engine.version}, a plainer voice.".lstrip()


def progress_line(out: TextIO) -> Progress:
    """Done of total and time left: one line rewritten on a terminal, a line at every tenth in a log."""
    def show(done: int, total: int, name: str, left: float | None) -> None:
        eta = "" if left is None else f", about {_duration(left)} left"
        if out.isatty():
            out.write(f"\r{done}/{total} narrated{eta} ({name[:40]}){' ' * 10}")
            out.flush()
        elif done == total or done % max(total // 10, 1) == 0:
            out.write(f"{done}/{total} narrated{eta}\n")

    return show


def _duration(seconds: float) -> str:
    return f"{round(seconds)} s" if seconds < 90 else f"{round(seconds / 60)} min"


def narration_problems(data: Path, media: Path, catalog: Catalog) -> tuple[tuple[str, Problem], ...]:
    """What ``check`` reports besides the events file: the pronunciation file's problems and the recordings'."""
    path = pronunciations_path_for(data)
    _, problems = load_pronunciations(path)
    recorded = recording_problems(media, catalog.by_id.keys())
    return (*((str(path), p) for p in problems), *((str(where), p) for where, p in recorded))


def narration_lines(found: Sequence[tuple[str, Problem]]) -> list[str]:
    """``check``'s text for ``narration_problems``: each problem, then a line saying what the errors hold up."""
    lines = [format_problem(problem, path) for path, problem in found]
    errors = sum(p.is_error for _, p in found)
    if errors:
        lines.append(f"Narration: {counted(errors, 'error')} in the pronunciation file or the recordings (above); "
                     "the narration is built without them until they are fixed.")
    return lines


def _order(data: Path) -> tuple[str, ...]:
    return load_settings(settings_path_for(data)).category_order()
