"""Building narration: the cache key, the plan, and incremental builds (spoken by espeak-ng: fast and small)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from narration_audio import needs_encoders, tone_wav

from timeline.catalog import load_catalog
from timeline.narration.build import build_narration, narration_key, narration_states, plan
from timeline.narration.captions import parse_webvtt
from timeline.narration.engine import EngineInfo, find_engine
from timeline.narration.manifest import RECORDED, NarrationState, read_manifest
from timeline.narration.prompts import PROMPTS
from timeline.narration.pronunciation import NO_PRONUNCIATIONS, Pronunciations
from timeline.narration.recorded import find_recordings
from timeline.narration.script import Sentence

FIXTURES = Path(__file__).parent / "fixtures" / "narration"
ENTRIES = load_catalog(FIXTURES / "events.csv").visible.entries
ESPEAK = EngineInfo("espeak-ng", "1.51", "en-us")


def test_the_key_covers_the_words_shown_and_spoken_and_the_engine():
    base = narration_key([Sentence("St. Louis.", "Saint Louis.")], "piper 1.8.0 voice joe")
    assert base == narration_key([Sentence("St. Louis.", "Saint Louis.")], "piper 1.8.0 voice joe")
    assert len({base,
                narration_key([Sentence("St. Louis!", "Saint Louis.")], "piper 1.8.0 voice joe"),
                narration_key([Sentence("St. Louis.", "Saint Looey.")], "piper 1.8.0 voice joe"),
                narration_key([Sentence("St. Louis.", "Saint Louis.")], "piper 1.9.0 voice joe"),
                narration_key([Sentence("St. Louis.", "Saint Louis.")], "espeak-ng 1.51 voice en-us")}) == 5


def test_a_pronunciation_changes_only_the_keys_of_entries_that_use_the_word():
    before = {job.id: job.key for job in plan(ENTRIES, NO_PRONUNCIATIONS, ESPEAK, {})}
    after = {job.id: job.key for job in plan(ENTRIES, Pronunciations((("Ville", "Vill"),)), ESPEAK, {})}
    assert [i for i in before if before[i] != after[i]] == ["ville-opens"]


def test_the_plan_covers_every_entry_then_every_prompt():
    jobs = plan(ENTRIES, NO_PRONUNCIATIONS, ESPEAK, {})
    assert [j.id for j in jobs] == [e.id for e in ENTRIES] + list(PROMPTS)
    assert [j.is_prompt for j in jobs].count(True) == len(PROMPTS)


@pytest.fixture
def espeak() -> EngineInfo:
    info = find_engine("espeak-ng")
    if info is None:
        pytest.skip("espeak-ng is not installed (tests/run.sh installs it)")
    return info


@needs_encoders
def test_a_build_writes_files_captions_and_manifest_then_reuses_them(tmp_path, espeak):
    jobs = plan(ENTRIES, NO_PRONUNCIATIONS, espeak, {})
    report = build_narration(jobs, tmp_path, espeak)
    assert (report.built, report.reused, report.failures) == (len(jobs), 0, ())
    manifest = read_manifest(tmp_path)
    assert sorted(manifest.entries) == sorted(e.id for e in ENTRIES)
    assert sorted(manifest.prompts) == sorted(PROMPTS)
    ville = manifest.entries["ville-opens"]
    assert (tmp_path / ville.audio["ogg"]).read_bytes()[:4] == b"OggS"
    assert ville.audio["ogg"] == ville.key[:16] + ".ogg"
    cues = parse_webvtt((tmp_path / ville.captions).read_text(encoding="utf-8"))
    assert [c.text for c in cues] == [s.shown for s in jobs[0].sentences]
    assert cues[-1].end == pytest.approx(ville.seconds, abs=0.01)
    again = build_narration(jobs, tmp_path, espeak)
    assert (again.built, again.reused) == (0, len(jobs))


@needs_encoders
def test_one_changed_entry_is_built_again_and_others_are_kept(tmp_path, espeak):
    build_narration(plan(ENTRIES, NO_PRONUNCIATIONS, espeak, {}), tmp_path, espeak)
    before = read_manifest(tmp_path)
    changed = (dataclasses.replace(ENTRIES[0], title="A new title"), *ENTRIES[1:])
    jobs = plan(changed, NO_PRONUNCIATIONS, espeak, {})
    assert narration_states(jobs, before) == {ENTRIES[0].id: NarrationState.STALE,
                                              ENTRIES[1].id: NarrationState.BUILT}
    report = build_narration(jobs, tmp_path, espeak)
    assert report.built == 1
    after = read_manifest(tmp_path)
    assert after.entries[ENTRIES[0].id].key != before.entries[ENTRIES[0].id].key
    assert after.entries[ENTRIES[1].id] == before.entries[ENTRIES[1].id]


@needs_encoders
def test_an_entry_taken_away_is_no_longer_offered(tmp_path, espeak):
    build_narration(plan(ENTRIES, NO_PRONUNCIATIONS, espeak, {}), tmp_path, espeak)
    build_narration(plan(ENTRIES[:1], NO_PRONUNCIATIONS, espeak, {}), tmp_path, espeak)
    assert sorted(read_manifest(tmp_path).entries) == [ENTRIES[0].id]


@needs_encoders
def test_a_recording_replaces_the_voice_with_its_captions(tmp_path, espeak):
    media = tmp_path / "media"
    (media / "audio").mkdir(parents=True)
    (media / "audio" / "nash-quote.wav").write_bytes(tone_wav(1.5))
    (media / "audio" / "nash-quote.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.400\nWe were welcome.\n")
    jobs = plan(ENTRIES, NO_PRONUNCIATIONS, espeak, find_recordings(media))
    build_narration(jobs, tmp_path / "out", espeak)
    manifest = read_manifest(tmp_path / "out")
    taped = manifest.entries["nash-quote"]
    assert (taped.source, taped.seconds) == (RECORDED, 1.5)
    assert (tmp_path / "out" / taped.captions).read_text().endswith("We were welcome.\n")
    assert narration_states(jobs, manifest)["nash-quote"] is NarrationState.RECORDED


def test_without_an_engine_entries_fail_and_say_why(tmp_path):
    report = build_narration(plan(ENTRIES[:1], NO_PRONUNCIATIONS, None, {})[:1], tmp_path, None)
    assert report.built == 0
    assert "no speech engine" in report.failures[0][1]
    assert read_manifest(tmp_path).entries == {}
