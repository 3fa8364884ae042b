"""The audio guide's settings for the page: which clip names which button, where the manifest is, the volume."""

from __future__ import annotations

import html
import json
import re

from timeline.narration.prompts import LABELS
from timeline.ui.kiosk.guide import BUTTON_LABELS, guide_html, marks, sound_controls_html


def config_of(markup: str) -> dict:
    return json.loads(html.unescape(re.search(r'<script data-config="([^"]*)">', markup)[1]))


def test_every_kiosk_button_has_its_label_clip_and_the_catalogue_names_its_eras_and_institutions():
    found = dict((selector, keys) for selector, keys in marks(("era-a", "era-b"), ("City Hospital", "Clinic")))
    assert found[".st-key-kiosk-back button"] == ["label:back"]
    assert found[".st-key-kiosk-era-0 button"] == ["label:all-years"]
    assert found[".st-key-kiosk-era-2 button"] == ["era:era-b"]
    assert found[".st-key-kiosk-categories button"] == ["institution:City Hospital", "institution:Clinic"]
    assert found["[data-listen-toggle]"] == ["label:listen"]
    assert all(name in LABELS for _, name in BUTTON_LABELS)


def test_the_page_reads_the_manifest_the_audio_command_writes_and_starts_at_the_exhibit_s_volume():
    config = config_of(guide_html("entry", "ville-opens", 0.6, (), ()))
    assert config["manifest"] == "app/static/derived/audio/manifest.json"
    assert config["base"] == "app/static/derived/audio/"
    assert (config["screen"], config["entry"], config["screenClip"], config["volume"]) == (
        "entry", "ville-opens", "screen:entry", 0.6)
    assert config["cardPrefix"] == "st-key-kiosk-open-" and config["titlePrefix"] == "title:"


def test_the_sound_controls_name_their_clips_and_show_the_starting_level():
    markup = sound_controls_html(0.8)
    assert 'data-guide="toggle" aria-pressed="false" data-say="label:guide">Audio guide</button>' in markup
    assert 'data-volume="-1" data-say="label:quieter">Quieter<' in markup
    assert 'data-volume="1" data-say="label:louder">Louder<' in markup
    assert "<b data-volume-level>80%</b>" in markup
