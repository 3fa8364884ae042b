"""``python -m timeline audio``: narrate every published entry and the kiosk's prompts, incrementally.

Each narration is cached under its key, a hash of what is spoken (the captions' words and the words the engine
is given, so the pronunciations are in it), the engine, its version and the voice; a recording's key is a hash of
its bytes and its captions'. Files are named by the key: an unchanged entry costs nothing, a changed one gets new
files while the old ones stay listed until the new are whole (see manifest.py).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from timeline.media import content_sha256
from timeline.narration.captions import cues_for, to_webvtt
from timeline.narration.encode import decode_to_wav, encode_all, wav_seconds
from timeline.narration.engine import SENTENCE_GAP, EngineInfo, Speaker
from timeline.narration.manifest import (
    MANIFEST_NAME,
    RECORDED,
    SYNTHESISED,
    Manifest,
    Narration,
    NarrationState,
    manifest_bytes,
    narration_state,
    read_manifest,
)
from timeline.narration.prompts import PROMPTS
from timeline.narration.pronunciation import Pronunciations
from timeline.narration.recorded import Recording
from timeline.narration.script import Sentence, script_for, split_sentences
from timeline.narration.words import plain, speakable
from timeline.schema import Entry
from timeline.store import write_atomically

AUDIO_DIR_NAME = "audio"  # inside the derived-media folder, beside the image derivatives
KEY_VERSION = "1"  # raise when what a key covers changes (gap, bit rates), to build everything again
Progress = Callable[[int, int, str, float | None], None]  # done, total, id, seconds left (None: not known yet)


@dataclass(frozen=True)
class Job:
    """One narration to have: an entry's or a prompt's, synthesised from sentences or made from a recording."""

    id: str
    key: str
    sentences: tuple[Sentence, ...] = ()
    recording: Recording | None = None
    is_prompt: bool = False


@dataclass(frozen=True)
class NarrationReport:
    built: int
    reused: int
    failures: tuple[tuple[str, str], ...]  # (id, what went wrong)
    seconds: float  # of speech listed in the manifest


def narration_key(sentences: Iterable[Sentence], engine_identity: str) -> str:
    """The cache key of a synthesised narration."""
    spoken = [[s.shown, s.spoken] for s in sentences]
    return _digest(json.dumps([KEY_VERSION, engine_identity, spoken], ensure_ascii=False))


def recording_key(recording: Recording) -> str:
    captions = content_sha256(recording.captions) if recording.captions else ""
    return _digest(f"{KEY_VERSION} recorded {content_sha256(recording.audio)} {captions}")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def plan(entries: Iterable[Entry], pronunciations: Pronunciations, engine: EngineInfo | None,
         recordings: Mapping[str, Recording], prompts: Mapping[str, str] = PROMPTS) -> tuple[Job, ...]:
    """Every narration to have: each entry's (its recording's, when it has one), then each prompt's (the kiosk's
    clips, ``prompts.kiosk_clips``, by key)."""
    identity = engine.identity if engine else "no engine"
    jobs = []
    for entry in entries:
        if entry.id in recordings:
            jobs.append(Job(entry.id, recording_key(recordings[entry.id]), recording=recordings[entry.id]))
        else:
            sentences = script_for(entry, pronunciations)
            jobs.append(Job(entry.id, narration_key(sentences, identity), sentences))
    for prompt_id, text in prompts.items():
        sentences = tuple(Sentence(plain(s), speakable(pronunciations.apply(s))) for s in split_sentences(text))
        jobs.append(Job(prompt_id, narration_key(sentences, identity), sentences, is_prompt=True))
    return tuple(jobs)


def narration_states(jobs: Iterable[Job], manifest: Manifest) -> dict[str, NarrationState]:
    """Each entry's narration as curator mode lists it: built, stale, missing or recorded."""
    return {job.id: narration_state(manifest.entries.get(job.id), job.key) for job in jobs if not job.is_prompt}


def build_narration(jobs: tuple[Job, ...], audio_dir: Path, engine: EngineInfo | None,
                    progress: Progress | None = None) -> NarrationReport:
    """Make what ``jobs`` lack, writing the manifest after each, so an interrupted build keeps what it made."""
    audio_dir.mkdir(parents=True, exist_ok=True)
    old = read_manifest(audio_dir)
    records = {"entries": dict(old.entries), "prompts": dict(old.prompts)}
    wanted = {"entries": {j.id for j in jobs if not j.is_prompt}, "prompts": {j.id for j in jobs if j.is_prompt}}
    for part in records:  # entries no longer published are no longer offered
        records[part] = {k: v for k, v in records[part].items() if k in wanted[part]}
    todo = [j for j in jobs if not _is_built(records, j, audio_dir)]
    failures: list[tuple[str, str]] = []
    clock = _Clock(sum(_weight(j) for j in todo))
    speaker = Speaker(engine) if engine is not None else None
    try:
        for done, job in enumerate(todo, 1):
            try:
                _part(records, job)[job.id] = _make(job, audio_dir, speaker)
                _save(audio_dir, records)
            except (OSError, ValueError, RuntimeError) as exc:  # one bad narration never stops the others
                failures.append((job.id, str(exc)))
            clock.did(_weight(job))
            if progress:
                progress(done, len(todo), job.id, clock.left())
    finally:
        if speaker is not None:
            speaker.close()
    if not todo:
        _save(audio_dir, records)  # entries taken away are dropped even when nothing was built
    listed = sum(n.seconds for part in records.values() for n in part.values())
    return NarrationReport(len(todo) - len(failures), len(jobs) - len(todo), tuple(failures), listed)


def _part(records: dict[str, dict[str, Narration]], job: Job) -> dict[str, Narration]:
    return records["prompts" if job.is_prompt else "entries"]


def _is_built(records: dict[str, dict[str, Narration]], job: Job, audio_dir: Path) -> bool:
    built = _part(records, job).get(job.id)
    return built is not None and built.key == job.key and all((audio_dir / f).is_file() for f in built.files)


def _make(job: Job, audio_dir: Path, speaker: Speaker | None) -> Narration:
    stem = job.key[:16]
    if job.recording is not None:
        wav = decode_to_wav(job.recording.audio)
        captions = job.recording.captions.read_bytes() if job.recording.captions else b""
        seconds, source, engine = wav_seconds(wav), RECORDED, ""
    else:
        if speaker is None:
            raise RuntimeError("no speech engine is installed (pip install -r requirements-audio.txt, or "
                               "apt-get install espeak-ng)")
        speech = speaker.speak([s.spoken for s in job.sentences])
        wav, seconds, source, engine = speech.wav(), speech.seconds, SYNTHESISED, speaker.info.identity
        cues = cues_for([s.shown for s in job.sentences], speech.durations, SENTENCE_GAP)
        captions = to_webvtt(cues).encode()
    audio = {}
    for extension, data in encode_all(wav).items():
        audio[extension] = f"{stem}.{extension}"
        write_atomically(audio_dir / audio[extension], data, durable=False)
    captions_name = f"{stem}.vtt" if captions else ""
    if captions:
        write_atomically(audio_dir / captions_name, captions, durable=False)
    return Narration(job.key, source, MappingProxyType(audio), captions_name, round(seconds, 3), engine)


def _save(audio_dir: Path, records: dict[str, dict[str, Narration]]) -> None:
    manifest = Manifest(MappingProxyType(records["entries"]), MappingProxyType(records["prompts"]))
    write_atomically(audio_dir / MANIFEST_NAME, manifest_bytes(manifest), durable=False)


def _weight(job: Job) -> int:
    """How long a job takes, roughly: its spoken characters (a recording's only encoding: counted as 100)."""
    return sum(len(s.spoken) for s in job.sentences) if job.recording is None else 100


class _Clock:
    """Time left, from the pace so far over the work still to do."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.started = total, 0, time.monotonic()

    def did(self, weight: int) -> None:
        self.done += weight

    def left(self) -> float | None:
        if not self.done:
            return None
        return (time.monotonic() - self.started) / self.done * (self.total - self.done)
