"""The Listen control: none without built narration, cue numbers only when the captions follow the script."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import pytest

from tests.html_parts import Elements
from timeline.dates import HistDate
from timeline.listen import Listen, listen_for
from timeline.narration.captions import cues_for, to_webvtt
from timeline.narration.manifest import SYNTHESISED, Narration
from timeline.narration.script import script_for
from timeline.render import render_macro
from timeline.schema import Entry, Kind

ENTRY = Entry(id="ward", kind=Kind.EVENT, date=HistDate(1937), title="A ward opens", text="It opened. Nurses came.",
              row=2)


def _narration(folder: Path, words: list[str]) -> Narration:
    for name in ("n.ogg", "n.mp3"):
        (folder / name).write_bytes(b"audio")
    (folder / "n.vtt").write_text(to_webvtt(cues_for(words, [1.0] * len(words), 0.2)), encoding="utf-8")
    return Narration("key", SYNTHESISED, MappingProxyType({"ogg": "n.ogg", "mp3": "n.mp3"}), "n.vtt", 4.2)


def test_no_narration_no_player(tmp_path: Path) -> None:
    assert listen_for(ENTRY, None, tmp_path, str) is None


def test_a_narration_whose_file_is_gone_gives_no_player(tmp_path: Path) -> None:
    narration = _narration(tmp_path, [s.shown for s in script_for(ENTRY)])
    (tmp_path / "n.mp3").unlink()
    assert listen_for(ENTRY, narration, tmp_path, str) is None


def test_the_player_offers_opus_then_mp3_and_marks_the_words_the_captions_read(tmp_path: Path) -> None:
    narration = _narration(tmp_path, [s.shown for s in script_for(ENTRY)])
    listen = listen_for(ENTRY, narration, tmp_path, lambda name: f"audio/{name}")
    assert listen == Listen("ward", (("audio/n.ogg", "audio/ogg; codecs=opus"), ("audio/n.mp3", "audio/mpeg")),
                            "audio/n.vtt", 4.2, {"date": 1, "title": 2, "story": 3})


def test_captions_of_an_earlier_text_mark_no_words(tmp_path: Path) -> None:
    narration = _narration(tmp_path, ["1937", "A ward opens.", "It opened."])  # built before "Nurses came."
    listen = listen_for(ENTRY, narration, tmp_path, str)
    assert listen is not None and listen.cues == {}


@pytest.mark.parametrize(("seconds", "label"), [(0.2, "1 second"), (45.4, "45 seconds"), (170, "3 minutes")])
def test_the_length_is_said_in_words(seconds: float, label: str) -> None:
    assert Listen("x", (), "", seconds).length == label


LISTEN = Listen("ward", (("a.ogg", "audio/ogg; codecs=opus"), ("a.mp3", "audio/mpeg")), "a.vtt", 12.0)


def test_the_player_is_the_browsers_own_fetching_nothing_before_play() -> None:
    html = render_macro("listen.html", "listen_player", LISTEN)
    parts = Elements(html)
    audio = parts.find("audio")[0]
    assert audio["preload"] == "none" and "controls" in audio and audio["data-listen"] == "ward"
    assert [(s["src"], s["type"]) for s in parts.find("source")] == list(LISTEN.sources)
    assert [(t["kind"], t["src"]) for t in parts.find("track")] == [("captions", "a.vtt")]
    assert audio["aria-labelledby"] == "listen-ward" and "12 seconds" in html


def test_the_button_variant_drives_a_hidden_player_for_the_kiosk() -> None:
    parts = Elements(render_macro("listen.html", "listen_player", LISTEN, variant="button"))
    assert "controls" not in parts.find("audio")[0]
    button = parts.find("button")[0]
    assert button["data-listen-toggle"] == "ward" and button["aria-pressed"] == "false"
