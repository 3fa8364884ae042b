"""What an entry's Listen control needs: its narration's file addresses and which cue reads which words.

The static site and the Streamlit pages draw the same player (templates/listen.html) and mark the entry's own words
with cue numbers, so timeline/static/listen.js can highlight the sentence being read. An entry without built
narration gets no ``Listen`` at all, so no page ever shows a player with nothing to play. Words are marked only
when the captions say exactly what the script says now: a narration built for an earlier text (still offered until
the new one is made) or a recording's own captions would otherwise light the wrong sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from timeline.narration.captions import CaptionError, parse_webvtt
from timeline.narration.manifest import Narration
from timeline.narration.script import cue_numbers, script_for
from timeline.schema import Entry
from timeline.wording import counted

# The formats a player offers, in the order a browser tries them: Opus first (a third smaller), MP3 for browsers
# without it (Safari on older iPhones).
AUDIO_TYPES = (("ogg", "audio/ogg; codecs=opus"), ("mp3", "audio/mpeg"))
MARKED_PARTS = ("date", "title", "story")  # the parts of the entry whose words carry their cue numbers


@dataclass(frozen=True)
class Listen:
    """One entry's player: addresses as the page links them, and the first cue number of each marked part."""

    id: str
    sources: tuple[tuple[str, str], ...]  # (address, MIME type), in AUDIO_TYPES' order
    captions: str  # the WebVTT file's address, or "" for a recording without captions
    seconds: float
    cues: Mapping[str, int] = field(default_factory=dict)  # "story" -> 5; empty: the words are not marked

    @property
    def length(self) -> str:
        """The narration's length as the player's label says it: "45 seconds", "2 minutes"."""
        if self.seconds < 90:
            return counted(max(1, round(self.seconds)), "second")
        return counted(round(self.seconds / 60), "minute")


def listen_for(entry: Entry, narration: Narration | None, audio_dir: Path,
               address: Callable[[str], str]) -> Listen | None:
    """The entry's player, or None while its narration is not built (or a file of it is gone). ``address``
    turns a file name in ``audio_dir`` into the address the page links."""
    if narration is None or not all((audio_dir / name).is_file() for name in narration.files):
        return None
    sources = tuple((address(narration.audio[ext]), kind) for ext, kind in AUDIO_TYPES if ext in narration.audio)
    if not sources:
        return None
    captions = address(narration.captions) if narration.captions else ""
    cues = _cues(entry) if narration.captions and _follows_script(audio_dir / narration.captions, entry) else {}
    return Listen(entry.id, sources, captions, narration.seconds, cues)


def _cues(entry: Entry) -> dict[str, int]:
    """The first cue of each marked part; a part read as several cues is marked only by its sentences (the
    story), never as a whole (a title of two sentences is left unmarked)."""
    numbers = cue_numbers(entry)
    return {part: numbers[part][0] for part in MARKED_PARTS
            if numbers[part][1] == 1 or (part == "story" and numbers[part][1])}


def _follows_script(captions: Path, entry: Entry) -> bool:
    stat = captions.stat()
    return _captions_words(str(captions), stat.st_mtime_ns, stat.st_size) == tuple(s.shown for s in script_for(entry))


@lru_cache(maxsize=512)
def _captions_words(path: str, mtime_ns: int, size: int) -> tuple[str, ...]:
    """The words of each cue of a captions file (read once per version of the file); () when it does not parse."""
    try:
        return tuple(cue.text for cue in parse_webvtt(Path(path).read_text(encoding="utf-8-sig")))
    except (OSError, UnicodeDecodeError, CaptionError):
        return ()
