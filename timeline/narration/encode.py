"""Audio files for browsers: Opus in Ogg (small) and MP3 (for phones whose browser lacks Opus).

Debian's encoders do the work, as separate processes: ``opusenc`` and ``opusdec`` (package opus-tools) and
``lame``. At these rates speech takes about 240 KB (Opus) and 360 KB (MP3) a minute.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

OPUS_KBPS = 32
MP3_KBPS = 48


@dataclass(frozen=True)
class AudioFormat:
    extension: str
    mime: str
    command: tuple[str, ...]  # then the input WAV and the output file


FORMATS: tuple[AudioFormat, ...] = (
    AudioFormat("ogg", "audio/ogg; codecs=opus", ("opusenc", "--quiet", "--bitrate", str(OPUS_KBPS), "--serial",
                                                  "1")),
    AudioFormat("mp3", "audio/mpeg", ("lame", "--quiet", "-m", "m", "-b", str(MP3_KBPS))),
)
PROGRAMS = ("opusenc", "opusdec", "lame")

# Recordings the exhibit takes, by their first bytes, and how each is decoded to WAV (None: it is WAV).
RECORDING_DECODERS: dict[str, tuple[str, ...] | None] = {
    "wav": None,
    "ogg": ("opusdec", "--quiet"),
    "opus": ("opusdec", "--quiet"),
    "mp3": ("lame", "--quiet", "--decode"),
}


def encode_all(wav: bytes) -> dict[str, bytes]:
    """The WAV as every format in ``FORMATS``, by extension."""
    with tempfile.TemporaryDirectory(prefix="timeline-encode-") as folder:
        source = Path(folder) / "speech.wav"
        source.write_bytes(wav)
        made = {}
        for fmt in FORMATS:
            target = Path(folder) / f"speech.{fmt.extension}"
            subprocess.run([*fmt.command, str(source), str(target)], check=True, capture_output=True)
            made[fmt.extension] = target.read_bytes()
        return made


def sniff(head: bytes) -> str | None:
    """What a recording is by its first bytes: "wav", "ogg" (Opus in Ogg), "mp3", or None."""
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head[:4] == b"OggS" and b"OpusHead" in head[:80]:
        return "ogg"
    if head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    return None


def decode_to_wav(path: Path) -> bytes:
    """A recording as WAV bytes; raises ValueError for a file that is not one of ours or does not decode."""
    kind = sniff(path.read_bytes()[:80])
    if kind is None:
        raise ValueError("it is not a WAV, Ogg Opus or MP3 file")
    decoder = RECORDING_DECODERS[kind]
    if decoder is None:
        return path.read_bytes()
    with tempfile.TemporaryDirectory(prefix="timeline-decode-") as folder:
        target = Path(folder) / "decoded.wav"
        done = subprocess.run([*decoder, str(path), str(target)], capture_output=True, text=True, check=False)
        if done.returncode != 0 or not target.is_file():
            raise ValueError(f"it does not decode ({(done.stderr or '').strip()[-120:] or 'damaged'})")
        return target.read_bytes()


def wav_seconds(wav: bytes) -> float:
    """The length of WAV bytes; raises ValueError when they are not a WAV file."""
    try:
        with wave.open(io.BytesIO(wav), "rb") as heard:
            return heard.getnframes() / heard.getframerate()
    except (wave.Error, EOFError) as exc:
        raise ValueError(f"it is a damaged WAV file ({exc})") from exc
