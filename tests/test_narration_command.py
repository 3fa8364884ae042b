"""python -m timeline audio, and what check says of the pronunciation file and the recordings."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from narration_audio import needs_encoders

from timeline.cli import main
from timeline.narration.command import engine_line
from timeline.narration.engine import EngineInfo
from timeline.narration.manifest import read_manifest
from timeline.narration.prompts import label_key, title_key

FIXTURES = Path(__file__).parent / "fixtures" / "narration"


@pytest.fixture
def data(tmp_path) -> Path:
    for name in ("events.csv", "pronunciations.csv"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "media").mkdir()
    return tmp_path


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out), out.getvalue()


def test_check_passes_a_good_pronunciation_file(data):
    status, text = run("check", str(data / "events.csv"), "--media", str(data / "media"))
    assert status == 0, text
    assert "pronunciation" not in text


def test_check_reports_the_pronunciation_file_by_row_and_column_and_exits_1(data):
    (data / "pronunciations.csv").write_text("word,say\nVille,Vill\nville,Veel\n", encoding="utf-8")
    status, text = run("check", str(data / "events.csv"), "--media", str(data / "media"))
    assert status == 1
    assert f"{data / 'pronunciations.csv'}:3: word: error: 'ville' is listed already, in row 2. " \
           "[pronunciation-repeated]" in text
    assert "Narration: 1 error in the pronunciation file or the recordings" in text
    status, text = run("check", str(data / "events.csv"), "--media", str(data / "media"), "--format", "json")
    found = json.loads(text)["narration_problems"]
    assert (status, [(p["code"], p["row"], p["column"]) for p in found]) == (1, [("pronunciation-repeated", 3,
                                                                                  "word")])


def test_check_reports_a_recording_no_entry_uses_as_a_warning(data):
    (data / "media" / "audio").mkdir()
    (data / "media" / "audio" / "nobody.vtt").write_text("WEBVTT\n")
    status, text = run("check", str(data / "events.csv"), "--media", str(data / "media"))
    assert status == 0
    assert "nobody.vtt: warning:" in text and "[audio-unused]" in text


@needs_encoders
def test_audio_narrates_then_has_nothing_to_do(data, tmp_path):
    out = tmp_path / "derived-audio"
    argv = ("audio", "--data", str(data / "events.csv"), "--media", str(data / "media"), "--out", str(out),
            "--engine", "espeak-ng")
    status, text = run(*argv)
    assert status == 0, text
    assert text.startswith("Speaking with espeak-ng")
    assert "narrated, about" in text  # progress: done of total, time left
    assert (out / "manifest.json").is_file()
    manifest = read_manifest(out)
    assert title_key("ville-opens") in manifest.prompts and label_key("back") in manifest.prompts  # the kiosk's
    status, text = run(*argv)
    assert status == 0
    listed = len(manifest.entries) + len(manifest.prompts)
    assert f"Narration: 0 made, {listed} already up to date, 0 failures" in text


def test_audio_narrates_nothing_from_a_file_with_errors(tmp_path):
    broken = tmp_path / "events.csv"
    broken.write_text("id,date,title\nBad Id,1947,x\n", encoding="utf-8")
    status, text = run("audio", "--data", str(broken), "--out", str(tmp_path / "out"))
    assert status == 1
    assert "nothing narrated" in text
    assert not (tmp_path / "out").exists()


def test_the_engine_in_use_is_said_with_the_fallback_explained():
    espeak = EngineInfo("espeak-ng", "1.51", "en-us")
    assert engine_line(espeak, "auto").startswith("Piper is not installed (pip install -r requirements-audio.txt)")
    assert engine_line(espeak, "espeak-ng") == "Speaking with espeak-ng 1.51, a plainer voice."
    assert "docs/narration.md" in engine_line(EngineInfo("piper", "piper-tts 1.8.0", "joe"), "auto")
    assert "No speech engine" in engine_line(None, "auto")
