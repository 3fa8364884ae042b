"""Small audio files for the narration tests, made on the spot."""

from __future__ import annotations

import io
import math
import shutil
import struct
import wave

import pytest

ENCODERS = ("espeak-ng", "opusenc", "opusdec", "lame")
needs_encoders = pytest.mark.skipif(not all(shutil.which(p) for p in ENCODERS),
                                    reason="needs Debian's espeak-ng, opus-tools and lame (tests/run.sh installs them)")


def tone_wav(seconds: float, rate: int = 22050) -> bytes:
    """A quiet 440 Hz tone: a recording stand-in that every encoder takes."""
    frames = b"".join(struct.pack("<h", int(3000 * math.sin(2 * math.pi * 440 * i / rate)))
                      for i in range(int(seconds * rate)))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames)
    return buffer.getvalue()
