"""The site fixture's exhibit (tests/site_fixture.py) narrated by espeak-ng: fast, and installed with the tests."""

from __future__ import annotations

from pathlib import Path

from tests.site_fixture import exhibit_copy, load_exhibit
from timeline.catalog import Catalog
from timeline.narration.build import build_narration, plan
from timeline.narration.engine import find_engine
from timeline.narration.pronunciation import NO_PRONUNCIATIONS
from timeline.settings import Settings


def narrated_exhibit(folder: Path) -> tuple[Path, Path, Path, Catalog, Settings]:
    """(events.csv, media/, the narration folder, the catalogue, its settings), every entry narrated."""
    csv, media = exhibit_copy(folder / "exhibit")
    catalog, settings = load_exhibit(csv, media)
    engine = find_engine("espeak-ng")
    if engine is None:
        raise RuntimeError("espeak-ng is missing: apt-get install espeak-ng (tests/run.sh installs it)")
    audio = folder / "audio"
    report = build_narration(plan(catalog.visible.entries, NO_PRONUNCIATIONS, engine, {}), audio, engine)
    if report.failures:
        raise RuntimeError(f"narration failed: {report.failures}")
    return csv, media, audio, catalog, settings
