"""Sentence captions as WebVTT: written from each sentence's length, and read back to check a curator's file.

Each spoken sentence is one cue, so a player's transcript highlights the sentence being read. Times come from
the audio itself (the samples the engine returned for the sentence), not from an estimate.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

HEADER = "WEBVTT"
_TIME = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^{_TIME}[ \t]+-->[ \t]+{_TIME}(?:[ \t].*)?$")


@dataclass(frozen=True)
class Cue:
    start: float  # seconds
    end: float
    text: str


class CaptionError(ValueError):
    """A WebVTT file that does not parse: ``line`` is the 1-based line at fault."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


def cues_for(texts: Sequence[str], durations: Sequence[float], gap: float) -> tuple[Cue, ...]:
    """One cue per sentence: each starts where the one before ended plus ``gap`` (the pause between sentences)."""
    if len(texts) != len(durations):
        raise ValueError(f"{len(texts)} sentences but {len(durations)} durations")
    cues, at = [], 0.0
    for text, seconds in zip(texts, durations, strict=True):
        cues.append(Cue(round(at, 3), round(at + seconds, 3), text))
        at += seconds + gap
    return tuple(cues)


def timestamp(seconds: float) -> str:
    """00:01:02.345: WebVTT's form with hours, which every player reads."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def to_webvtt(cues: Sequence[Cue]) -> str:
    """The WebVTT file; cue text escaped (``&``, ``<``, ``>``), so captions are never markup."""
    blocks = [f"{i}\n{timestamp(c.start)} --> {timestamp(c.end)}\n{html.escape(c.text, quote=False)}"
              for i, c in enumerate(cues, 1)]
    return "\n\n".join([HEADER, *blocks]) + "\n"


def parse_webvtt(text: str) -> tuple[Cue, ...]:
    """The cues of a WebVTT file, in order; raises ``CaptionError`` naming the line at fault."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines[0].startswith(HEADER) or lines[0][len(HEADER):len(HEADER) + 1] not in ("", " ", "\t"):
        raise CaptionError(1, "the file does not start with WEBVTT")
    cues: list[Cue] = []
    number = 1
    while number < len(lines):
        block_start = number
        while number < len(lines) and lines[number].strip():
            number += 1
        block = lines[block_start:number]
        number += 1
        if block and "-->" in "".join(block[:2]):
            cues.append(_cue(block, block_start + 1, cues[-1].start if cues else 0.0))
    if not cues:
        raise CaptionError(len(lines), "the file has no cues (lines like 00:00.000 --> 00:02.500, then the words)")
    return tuple(cues)


def _cue(block: list[str], first_line: int, previous_start: float) -> Cue:
    offset = 0 if "-->" in block[0] else 1  # an optional cue name comes first
    line = first_line + offset
    match = _TIMING.match(block[offset].strip())
    if match is None:
        raise CaptionError(line, f"'{block[offset].strip()[:60]}' is not a cue time like 00:01.500 --> 00:04.000")
    start, end = _seconds(match.groups()[:4]), _seconds(match.groups()[4:])
    if end <= start:
        raise CaptionError(line, "the cue ends before it starts")
    if start < previous_start:
        raise CaptionError(line, "the cue starts before the cue above it: cues must be in order")
    words = " ".join(part.strip() for part in block[offset + 1:])
    if not words:
        raise CaptionError(line, "the cue has a time but no words")
    return Cue(start, end, html.unescape(words))


def _seconds(parts: Sequence[str | None]) -> float:
    hours, minutes, seconds, millis = (int(p) if p else 0 for p in parts)
    return hours * 3600 + minutes * 60 + seconds + millis / 1000
