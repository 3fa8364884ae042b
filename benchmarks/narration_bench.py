"""Narration (``python -m timeline audio``) on the bundled data: cold, one changed entry, nothing changed, and the
bytes per minute of speech of each format.

Cold and one changed entry are in-process builds (the engine's start included); nothing changed is the whole
command as a curator runs it, a fresh Python process included. It speaks with the engine the command would use
(Piper when installed) unless ``--engine`` says otherwise, and exits 1 when a target is missed.

    python benchmarks/narration_bench.py [--engine auto|piper|espeak-ng] [--keep DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH_DIR.parent), str(BENCH_DIR)]

from results import Result  # noqa: E402

from timeline.catalog import load_catalog  # noqa: E402
from timeline.narration.build import build_narration, plan  # noqa: E402
from timeline.narration.engine import ENGINES, find_engine  # noqa: E402
from timeline.narration.manifest import read_manifest  # noqa: E402
from timeline.narration.prompts import kiosk_clips  # noqa: E402
from timeline.narration.pronunciation import load_pronunciations, pronunciations_path_for  # noqa: E402
from timeline.narration.recorded import find_recordings  # noqa: E402
from timeline.settings import PROJECT_ROOT, load_settings, read_environment  # noqa: E402

TARGETS = {"cold": 600.0, "one changed entry": 10.0, "nothing changed": 1.0}  # seconds


def bench_narration(engine_name: str, out: Path) -> list[Result]:
    env = read_environment()
    engine = find_engine(engine_name)
    if engine is None:
        return [Result("narration", None, note=f"no speech engine ({engine_name}) installed")]
    catalog = load_catalog(env.data, env.media, load_settings(env.settings).category_order()).visible
    pronunciations, _ = load_pronunciations(pronunciations_path_for(env.data))
    recordings = find_recordings(env.media)

    def timed(entries: tuple) -> float:
        """A build as ``python -m timeline audio`` makes it: the entries and every clip the kiosk speaks."""
        start = time.perf_counter()
        clips = kiosk_clips(entries, catalog.eras, catalog.categories)
        report = build_narration(plan(entries, pronunciations, engine, recordings, clips), out, engine)
        if report.failures:
            raise SystemExit(f"narration failed: {report.failures[:3]}")
        return time.perf_counter() - start

    cpu_before = _cpu_seconds()
    cold = timed(catalog.entries)
    cold_cpu = _cpu_seconds() - cpu_before
    nothing, nothing_cpu = _command_seconds(out, engine.name)
    first = catalog.entries[0]
    one = timed((dataclasses.replace(first, title=first.title + " (revised)"), *catalog.entries[1:]))
    timed(catalog.entries)  # back as the file has it
    manifest = read_manifest(out)
    minutes = sum(n.seconds for n in manifest.entries.values()) / 60
    label = f"narration ({engine.name}), {len(catalog.entries)} entries"
    results = [Result(f"{label}, {name}", value, target=TARGETS[name])
               for name, value in (("cold", cold), ("one changed entry", one), ("nothing changed", nothing))]
    results.append(Result(f"narration, minutes of speech ({len(catalog.entries)} entries)", minutes, unit="min"))
    results.append(Result("narration, cold, processor time (all processes)", cold_cpu,
                          note="what the machine's load does not change; two cores share it"))
    results.append(Result("narration, cold, speech per second of building", minutes * 60 / cold, unit="x"))
    results.append(Result("narration, nothing changed, processor time", nothing_cpu,
                          note="the command's process: Python's start, reading the file, comparing keys"))
    for extension in ("ogg", "mp3"):
        size = sum((out / n.audio[extension]).stat().st_size for n in manifest.entries.values())
        results.append(Result(f"narration, {extension} per minute of speech", size / 1000 / minutes, unit="KB"))
    return results


def _command_seconds(out: Path, engine: str) -> tuple[float, float]:
    """``python -m timeline audio`` as a curator runs it: wall time, and the processor time it took."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run([sys.executable, "-m", "timeline", "audio", "--out", str(out), "--engine", engine],
                   cwd=PROJECT_ROOT, check=True, capture_output=True)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def _cpu_seconds() -> float:
    """User and system time of this process and its finished children (the engine, the encoders)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=("auto", *ENGINES), default="auto")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    out = args.keep or Path(tempfile.mkdtemp(prefix="narration-bench-"))
    try:
        results = bench_narration(args.engine, out)
    finally:
        if args.keep is None:
            shutil.rmtree(out, ignore_errors=True)
    for result in results:
        print(result.line())
    return 1 if any(r.missed for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
