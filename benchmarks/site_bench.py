"""The static site's build: the bundled data, and 5,000 generated entries cold (nothing cached) and again with
nothing changed (derivatives and link-preview cards cached). Each figure is one in-process ``build_site`` call,
after the imports, so it is what ``python -m timeline site`` spends beyond starting Python."""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path

from generate import generate_catalog
from results import Options, Result

from timeline.catalog import load_catalog
from timeline.settings import load_settings, read_environment
from timeline.site.build import build_site

BUNDLED_TARGET = 5.0  # seconds: "the bundled data in a few seconds"
LARGE = 5_000
LARGE_TARGETS = (60.0, 10.0)  # seconds: cold, nothing changed


def _build(csv: Path, media: Path, settings_path: Path, out: Path, cache: Path) -> float:
    settings = load_settings(settings_path)
    start = time.perf_counter()
    catalog = load_catalog(csv, media, settings.category_order())
    build_site(catalog, settings, media, out, cache, "https://example.org/exhibit/")
    return time.perf_counter() - start


def bench_site(options: Options) -> list[Result]:
    env = read_environment()
    work = options.workdir / "site"
    cold = []
    for run in range(options.runs):
        cold.append(_build(env.data, env.media, env.settings, work / "out", work / f"cache-{run}"))
    warm = statistics.median(_build(env.data, env.media, env.settings, work / "out", work / "cache-0")
                             for _ in range(options.runs))
    results = [Result("site, bundled data, cold", statistics.median(cold), target=BUNDLED_TARGET),
               Result("site, bundled data, nothing changed", warm, target=BUNDLED_TARGET)]
    large = work / f"events-{LARGE}.csv"
    large.write_text(generate_catalog(LARGE, seed=LARGE), encoding="utf-8")
    media = work / "no-media"
    media.mkdir()
    cache = work / "cache-large"
    first = _build(large, media, env.settings, work / "out-large", cache)  # once: a cold build is minutes of work
    again = statistics.median(_build(large, media, env.settings, work / "out-large", cache)
                              for _ in range(max(1, options.runs - 2)))
    shutil.rmtree(work, ignore_errors=True)
    return [*results,
            Result(f"site, {LARGE:,} entries, cold", first, target=LARGE_TARGETS[0], note="one run"),
            Result(f"site, {LARGE:,} entries, nothing changed", again, target=LARGE_TARGETS[1])]
