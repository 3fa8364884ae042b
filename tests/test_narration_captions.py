"""Sentence captions: WebVTT written from each sentence's length, and read back with the line at fault."""

from __future__ import annotations

import pytest

from timeline.narration.captions import CaptionError, Cue, cues_for, parse_webvtt, timestamp, to_webvtt


def test_each_sentence_is_a_cue_starting_after_the_one_before_and_the_pause():
    assert cues_for(["One.", "Two."], [1.25, 2.0], gap=0.5) == (Cue(0.0, 1.25, "One."), Cue(1.75, 3.75, "Two."))


def test_sentences_and_durations_must_pair_up():
    with pytest.raises(ValueError):
        cues_for(["One."], [1.0, 2.0], gap=0.5)


@pytest.mark.parametrize(("seconds", "text"), [(0, "00:00:00.000"), (61.5, "00:01:01.500"),
                                               (3723.0456, "01:02:03.046")])
def test_timestamps(seconds, text):
    assert timestamp(seconds) == text


def test_written_captions_read_back_the_same_with_markup_escaped():
    cues = (Cue(0.0, 1.2, "A <b>bold</b> & brave start."), Cue(1.5, 3.0, "End."))
    text = to_webvtt(cues)
    assert text.startswith("WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.200\nA &lt;b&gt;bold&lt;/b&gt; &amp; brave")
    assert parse_webvtt(text) == cues


def test_a_hand_written_file_with_short_times_names_and_settings_parses():
    text = "\ufeffWEBVTT - recorded\r\n\r\nintro\r\n00:01.000 --> 00:02.500 align:start\r\nHello\r\nthere\r\n"
    assert parse_webvtt(text) == (Cue(1.0, 2.5, "Hello there"),)


@pytest.mark.parametrize(("text", "line", "words"), [
    ("Hello", 1, "WEBVTT"),
    ("WEBVTT\n\n00:02.000 --> 00:01.000\nx\n", 3, "ends before it starts"),
    ("WEBVTT\n\n00:02.000 --> 00:03.000\nx\n\n00:01.000 --> 00:04.000\ny\n", 6, "in order"),
    ("WEBVTT\n\n1\n0:1 --> 0:2\nx\n", 4, "not a cue time"),
    ("WEBVTT\n\n00:01.000 --> 00:02.000\n", 3, "no words"),
    ("WEBVTT\n\nNOTE nothing here\n", 4, "no cues"),
])
def test_a_bad_file_names_the_line(text, line, words):
    with pytest.raises(CaptionError) as raised:
        parse_webvtt(text)
    assert raised.value.line == line
    assert words in str(raised.value)
