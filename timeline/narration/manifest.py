"""What narration is built: the one file the app, the static site and curator mode read (``manifest.json``).

The builder writes each narration's files first and the manifest last (atomically), so a reader that finds an
entry here finds its files. While an entry's new narration is being built, its old one stays listed: visitors keep
the current narration until the new one is whole. An entry not listed has no narration yet, and shows no Listen
control.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1
SYNTHESISED, RECORDED = "synthesised", "recorded"


@dataclass(frozen=True)
class Narration:
    """One narration's files (names inside the audio folder), by format extension, and what made it."""

    key: str  # the cache key: what was spoken, the voice, the engine version, the pronunciations (or the recording)
    source: str  # SYNTHESISED or RECORDED
    audio: Mapping[str, str]  # "ogg" -> "1a2b....ogg", "mp3" -> "1a2b....mp3"
    captions: str  # "1a2b....vtt", or "" for a recording without captions
    seconds: float
    engine: str = ""  # EngineInfo.identity, or "" for a recording

    @property
    def files(self) -> tuple[str, ...]:
        return (*self.audio.values(), *((self.captions,) if self.captions else ()))


@dataclass(frozen=True)
class Manifest:
    entries: Mapping[str, Narration] = field(default_factory=dict)
    prompts: Mapping[str, Narration] = field(default_factory=dict)


class NarrationState(StrEnum):
    """What curator mode says of an entry's narration."""

    BUILT = "built"
    STALE = "stale"  # built for an earlier text, voice or pronunciation: visitors hear it until it is rebuilt
    MISSING = "missing"
    RECORDED = "recorded"


def narration_for(manifest: Manifest, entry_id: str) -> Narration | None:
    """The entry's narration to offer visitors, or None: then show no Listen control."""
    return manifest.entries.get(entry_id)


def narration_state(built: Narration | None, expected_key: str) -> NarrationState:
    """Built, stale, missing or recorded: ``expected_key`` is the key the entry's narration has when up to date."""
    if built is None:
        return NarrationState.MISSING
    if built.key != expected_key:
        return NarrationState.STALE
    return NarrationState.RECORDED if built.source == RECORDED else NarrationState.BUILT


def manifest_bytes(manifest: Manifest) -> bytes:
    def table(records: Mapping[str, Narration]) -> dict[str, object]:
        return {key: {"key": n.key, "source": n.source, "audio": dict(n.audio), "captions": n.captions,
                      "seconds": n.seconds, "engine": n.engine} for key, n in sorted(records.items())}

    data = {"version": MANIFEST_VERSION, "entries": table(manifest.entries), "prompts": table(manifest.prompts)}
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode()


def parse_manifest(data: bytes) -> Manifest:
    """The manifest in ``data``; anything unreadable is an empty manifest (then everything is built again)."""
    try:
        raw = json.loads(data)
        if raw.get("version") != MANIFEST_VERSION:
            return Manifest()
        return Manifest(*(MappingProxyType({key: _narration(value) for key, value in raw[part].items()})
                          for part in ("entries", "prompts")))
    except (ValueError, TypeError, KeyError, AttributeError):
        return Manifest()


def _narration(value: dict) -> Narration:
    return Narration(str(value["key"]), str(value["source"]), MappingProxyType(dict(value["audio"])),
                     str(value["captions"]), float(value["seconds"]), str(value.get("engine", "")))


def read_manifest(audio_dir: Path) -> Manifest:
    """The manifest in ``audio_dir``; read again only when the file changes (one ``stat`` a call otherwise)."""
    path = audio_dir / MANIFEST_NAME
    try:
        stat = path.stat()
    except OSError:
        return Manifest()
    return _read(str(path), stat.st_mtime_ns, stat.st_size, stat.st_ino)


@lru_cache(maxsize=8)
def _read(path: str, mtime_ns: int, size: int, inode: int) -> Manifest:
    try:
        return parse_manifest(Path(path).read_bytes())
    except OSError:
        return Manifest()
