"""Recorded narration in media/audio/: found by entry id, and checked as check does (format, length, captions)."""

from __future__ import annotations

import pytest
from narration_audio import needs_encoders, tone_wav

from timeline.narration.recorded import find_recordings, recording_problems


@pytest.fixture
def media(tmp_path):
    (tmp_path / "audio").mkdir()
    return tmp_path


def problems(media, ids=("a", "b", "c")):
    return [(path.name, p.code) for path, p in recording_problems(media, ids)]


def test_recordings_are_found_by_id_with_their_captions(media):
    (media / "audio" / "a.mp3").write_bytes(b"")
    (media / "audio" / "a.vtt").write_text("WEBVTT\n")
    (media / "audio" / "b.wav").write_bytes(b"")
    (media / "audio" / ".a.mp3.swp").write_bytes(b"")
    found = find_recordings(media)
    assert sorted(found) == ["a", "b"]
    assert found["a"].captions.name == "a.vtt"
    assert found["b"].captions is None


def test_no_folder_is_no_recordings(tmp_path):
    assert find_recordings(tmp_path) == {}
    assert recording_problems(tmp_path, ["a"]) == ()


def test_a_good_wav_with_good_captions_has_no_problem(media):
    (media / "audio" / "a.wav").write_bytes(tone_wav(1.5))
    (media / "audio" / "a.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.500\nHello.\n")
    assert problems(media) == []


def test_format_length_captions_and_unused_names(media):
    (media / "audio" / "a.mp3").write_bytes(b"this is not audio at all")
    (media / "audio" / "b.wav").write_bytes(tone_wav(0.5))
    (media / "audio" / "c.wav").write_bytes(tone_wav(1.5))
    (media / "audio" / "c.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:09.000\nToo long.\n")
    (media / "audio" / "zz.wav").write_bytes(tone_wav(1.5))
    (media / "audio" / "lonely.vtt").write_text("WEBVTT\n")
    assert sorted(problems(media)) == [("a.mp3", "audio-format"), ("b.wav", "audio-duration"),
                                       ("c.vtt", "audio-captions"), ("lonely.vtt", "audio-unused"),
                                       ("zz.wav", "audio-unused")]


def test_captions_that_do_not_parse_name_their_line(media):
    (media / "audio" / "a.wav").write_bytes(tone_wav(1.5))
    (media / "audio" / "a.vtt").write_text("WEBVTT\n\n00:01.000 --> 00:00.500\nBackwards.\n")
    (_, problem), = recording_problems(media, ["a"])
    assert (problem.code, problem.line) == ("audio-captions", 3)
    assert "a.vtt, line 3: the cue ends before it starts" in problem.message


@needs_encoders
def test_an_mp3_recording_is_decoded_to_check_its_length(media, tmp_path):
    import subprocess

    source = tmp_path / "tone.wav"
    source.write_bytes(tone_wav(1.5))
    subprocess.run(["lame", "--quiet", str(source), str(media / "audio" / "a.mp3")], check=True)
    assert problems(media) == []
