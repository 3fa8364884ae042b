"""The manifest: what narration is built, read by the app, the site and curator mode."""

from __future__ import annotations

from types import MappingProxyType

from timeline.narration.manifest import (
    MANIFEST_NAME,
    RECORDED,
    SYNTHESISED,
    Manifest,
    Narration,
    NarrationState,
    manifest_bytes,
    narration_for,
    narration_state,
    parse_manifest,
    read_manifest,
)

SPOKEN = Narration("k1", SYNTHESISED, MappingProxyType({"ogg": "k1.ogg", "mp3": "k1.mp3"}), "k1.vtt", 12.5, "espeak")
TAPED = Narration("k2", RECORDED, MappingProxyType({"ogg": "k2.ogg", "mp3": "k2.mp3"}), "", 30.0)


def test_round_trip_and_lookup(tmp_path):
    manifest = Manifest({"a": SPOKEN, "b": TAPED}, {"welcome": SPOKEN})
    (tmp_path / MANIFEST_NAME).write_bytes(manifest_bytes(manifest))
    read = read_manifest(tmp_path)
    assert narration_for(read, "a") == SPOKEN
    assert narration_for(read, "b").files == ("k2.ogg", "k2.mp3")
    assert narration_for(read, "missing") is None
    assert read.prompts["welcome"].captions == "k1.vtt"


def test_no_manifest_or_a_damaged_one_means_nothing_is_built(tmp_path):
    assert read_manifest(tmp_path) == Manifest()
    for damaged in (b"{", b"[]", b'{"version": 99, "entries": {}, "prompts": {}}', b'{"version": 1}'):
        assert parse_manifest(damaged) == Manifest()


def test_a_rewritten_manifest_is_read_again(tmp_path):
    (tmp_path / MANIFEST_NAME).write_bytes(manifest_bytes(Manifest({"a": SPOKEN})))
    assert narration_for(read_manifest(tmp_path), "b") is None
    (tmp_path / MANIFEST_NAME).write_bytes(manifest_bytes(Manifest({"a": SPOKEN, "b": TAPED})))
    assert narration_for(read_manifest(tmp_path), "b") == TAPED


def test_states_for_curator_mode():
    assert narration_state(None, "k1") is NarrationState.MISSING
    assert narration_state(SPOKEN, "k1") is NarrationState.BUILT
    assert narration_state(SPOKEN, "new") is NarrationState.STALE
    assert narration_state(TAPED, "k2") is NarrationState.RECORDED
    assert narration_state(TAPED, "a new recording") is NarrationState.STALE
