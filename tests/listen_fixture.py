"""The site fixture's exhibit (tests/site_fixture.py) narrated by espeak-ng: fast, and installed with the tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.site_fixture import exhibit_copy, load_exhibit
from timeline.catalog import Catalog
from timeline.narration.build import build_narration, plan
from timeline.narration.engine import find_engine
from timeline.narration.manifest import MANIFEST_NAME, Manifest, manifest_bytes, read_manifest
from timeline.narration.prompts import PROMPTS, kiosk_clips
from timeline.narration.pronunciation import NO_PRONUNCIATIONS
from timeline.settings import Settings


def narrated_exhibit(folder: Path, kiosk: bool = False) -> tuple[Path, Path, Path, Catalog, Settings]:
    """(events.csv, media/, the narration folder, the catalogue, its settings), every entry narrated; with
    ``kiosk``, every clip of the kiosk's audio guide too (titles, labels, screens)."""
    csv, media = exhibit_copy(folder / "exhibit")
    catalog, settings = load_exhibit(csv, media)
    engine = find_engine("espeak-ng")
    if engine is None:
        raise RuntimeError("espeak-ng is missing: apt-get install espeak-ng (tests/run.sh installs it)")
    audio = folder / "audio"
    visible = catalog.visible
    prompts = kiosk_clips(visible.entries, visible.eras, visible.categories) if kiosk else PROMPTS
    jobs = plan(visible.entries, NO_PRONUNCIATIONS, engine, {}, prompts)
    report = build_narration(jobs, audio, engine)
    if report.failures:
        raise RuntimeError(f"narration failed: {report.failures}")
    return csv, media, audio, catalog, settings


@contextmanager
def installed(audio: Path, into: Path) -> Iterator[None]:
    """``audio``'s narration listed in ``into`` (the app's own narration folder, which Streamlit serves) beside
    whatever is there, entries and prompts alike; the manifest is put back as it was afterwards. Files are named
    by content, so leaving them costs nothing but disk."""
    into.mkdir(parents=True, exist_ok=True)
    manifest_path = into / MANIFEST_NAME
    before = manifest_path.read_bytes() if manifest_path.is_file() else None
    ours, theirs = read_manifest(audio), read_manifest(into)
    for narration in (*ours.entries.values(), *ours.prompts.values()):
        for name in narration.files:
            shutil.copyfile(audio / name, into / name)
    manifest_path.write_bytes(manifest_bytes(Manifest({**theirs.entries, **ours.entries},
                                                      {**theirs.prompts, **ours.prompts})))
    try:
        yield
    finally:
        if before is None:
            manifest_path.unlink()
        else:
            manifest_path.write_bytes(before)
