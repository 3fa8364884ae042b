"""Recorded narration: a file in ``media/audio/`` named by an entry's id replaces the synthesised voice.

``homer-phillips-opens.mp3`` (or ``.wav``, ``.ogg``, ``.opus``), optionally with ``homer-phillips-opens.vtt``
beside it for captions. ``python -m timeline check`` checks each: that it decodes, that it lasts between a second
and 20 minutes, that its captions parse and end within it, and that an entry has its name.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from timeline.narration.captions import CaptionError, parse_webvtt
from timeline.narration.encode import RECORDING_DECODERS, decode_to_wav, wav_seconds
from timeline.problems import Problem, make_problem

AUDIO_FOLDER = "audio"
CAPTIONS_EXTENSION = "vtt"
SHORTEST, LONGEST = 1.0, 20 * 60.0  # seconds
CAPTION_OVERRUN = 0.5  # seconds a last cue may outlast the recording (players round)


@dataclass(frozen=True)
class Recording:
    entry_id: str
    audio: Path
    captions: Path | None


def recordings_folder(media_dir: Path) -> Path:
    return media_dir / AUDIO_FOLDER


def find_recordings(media_dir: Path) -> dict[str, Recording]:
    """Recordings by entry id (the file name without its extension); the first extension in
    ``RECORDING_DECODERS``'s order wins when one id has several."""
    folder = recordings_folder(media_dir)
    if not folder.is_dir():
        return {}
    found: dict[str, Recording] = {}
    files = {p.name: p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}
    for extension in RECORDING_DECODERS:
        for path in sorted(p for p in files.values() if p.suffix == f".{extension}"):
            captions = files.get(f"{path.stem}.{CAPTIONS_EXTENSION}")
            found.setdefault(path.stem, Recording(path.stem, path, captions))
    return found


def recording_problems(media_dir: Path, entry_ids: Collection[str]) -> tuple[tuple[Path, Problem], ...]:
    """Every problem with the recordings, each with the file it is about."""
    recordings = find_recordings(media_dir)
    problems: list[tuple[Path, Problem]] = []
    for recording in recordings.values():
        problems.extend((path, problem) for path, problem in _check(recording))
        if recording.entry_id not in entry_ids:
            problems.append((recording.audio, make_problem(
                "audio-unused", f"No entry has the id '{recording.entry_id}', so no entry plays "
                f"{recording.audio.name}.")))
    folder = recordings_folder(media_dir)
    for path in sorted(folder.glob(f"*.{CAPTIONS_EXTENSION}")) if folder.is_dir() else ():
        if path.stem not in recordings:
            problems.append((path, make_problem("audio-unused", f"{path.name} is beside no recording named "
                                                f"{path.stem} (.mp3, .wav, .ogg or .opus).")))
    return tuple(problems)


def _check(recording: Recording) -> list[tuple[Path, Problem]]:
    stat = recording.audio.stat()
    seconds = _seconds(str(recording.audio), stat.st_size, stat.st_mtime_ns)
    if isinstance(seconds, str):
        return [(recording.audio, make_problem("audio-format", f"{recording.audio.name} cannot be played: "
                                               f"{seconds}."))]
    if not SHORTEST <= seconds <= LONGEST:
        return [(recording.audio, make_problem("audio-duration", f"{recording.audio.name} lasts {seconds:.1f} "
                                               "seconds."))]
    if recording.captions is None:
        return []
    problem = captions_problem(recording.captions, seconds)
    return [(recording.captions, problem)] if problem else []


def captions_problem(path: Path, seconds: float) -> Problem | None:
    """What is wrong with a recording's captions, or None."""
    try:
        cues = parse_webvtt(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        return make_problem("audio-captions", f"{path.name} is not UTF-8 text.")
    except CaptionError as error:
        return make_problem("audio-captions", f"{path.name}, {error}.", line=error.line)
    if cues[-1].end > seconds + CAPTION_OVERRUN:
        return make_problem("audio-captions", f"{path.name}: the last cue ends at {cues[-1].end:.1f} s, after the "
                            f"recording ({seconds:.1f} s).")
    return None


@lru_cache(maxsize=256)
def _seconds(path: str, size: int, mtime_ns: int) -> float | str:
    """A recording's length, or why it cannot be played; remembered per file version (decoding takes a while)."""
    try:
        return wav_seconds(decode_to_wav(Path(path)))
    except (ValueError, OSError) as exc:
        return str(exc)
