"""The kiosk's clips: every label it shows and every name the catalogue brings, keyed as the page asks for them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from timeline.catalog import load_catalog
from timeline.narration.prompts import (
    LABELS,
    PROMPTS,
    era_key,
    institution_key,
    kiosk_clips,
    label_key,
    title_key,
)

FIXTURES = Path(__file__).parent / "fixtures" / "narration"
CATALOG = load_catalog(FIXTURES / "events.csv").visible
VILLE = CATALOG.by_id["ville-opens"]


def test_the_clips_are_the_prompts_then_every_label_title_era_and_institution():
    era = dataclasses.replace(VILLE, id="the-ville-years", title="The Ville years")
    clips = kiosk_clips(CATALOG.entries, (era,), ("Homer G. Phillips Hospital",))
    assert set(clips) == {*PROMPTS, *(label_key(n) for n in LABELS), *(title_key(e.id) for e in CATALOG.entries),
                          era_key("the-ville-years"), institution_key("Homer G. Phillips Hospital")}
    assert {k: clips[k] for k in PROMPTS} == dict(PROMPTS)


def test_a_title_is_said_with_its_date_as_the_card_shows_them():
    clips = kiosk_clips((VILLE, dataclasses.replace(VILLE, id="dated", display_date="Spring 1937")), (), ())
    assert clips[title_key("ville-opens")] == "The Ville's hospital opens. February 1937."
    assert clips[title_key("dated")] == "The Ville's hospital opens. Spring 1937."


def test_a_label_is_said_without_its_arrow():
    clips = kiosk_clips((), (), ())
    assert LABELS["previous"] == "‹ Previous"
    assert (clips[label_key("previous")], clips[label_key("later")]) == ("Previous", "Later entries")


def test_every_screen_announces_itself():
    assert {k for k in PROMPTS if k.startswith("screen:")} == {"screen:attract", "screen:explore", "screen:entry"}


def test_the_listen_button_says_what_its_clips_say():
    """The kiosk's Listen/Pause button is the shared player's (templates/listen.html): its words are the labels."""
    player = (Path(__file__).parents[1] / "timeline" / "templates" / "listen.html").read_text(encoding="utf-8")
    assert f'data-label-play="{LABELS["listen"]}" data-label-pause="{LABELS["pause"]}"' in player
