"""The kiosk's spoken words: the one place they are kept, so what the screen shows and what the guide says agree.

The kiosk's page draws its buttons from ``LABELS``; ``python -m timeline audio`` narrates every clip
``kiosk_clips`` lists (the fixed prompts, each screen's announcement, each button's label, and the names the
catalogue brings: entry titles, eras, institutions), and the manifest lists them under these stable keys:

- ``screen:attract``, ``screen:explore``, ``screen:entry``: what each screen says as it appears;
- ``still-exploring``, ``keys-help``, ``listen``: the idle warning, the key help (F1), the Listen hint;
- ``label:NAME``: a button's label (``LABELS``);
- ``title:ID``: an entry's title and date, as its card shows them;
- ``era:ID``: an era's name and years; ``institution:NAME``: an institution.

The audio guide (timeline/static/kiosk-guide.js) plays the clip of whatever takes focus; a clip not built yet is
simply not played.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from timeline.narration.script import said_date
from timeline.schema import Entry

PROMPTS: Mapping[str, str] = MappingProxyType({
    "screen:attract": "Welcome. Touch the screen, or press Enter, to explore the history of desegregation on this "
                      "medical campus.",
    "screen:explore": "The timeline. Choose an era or an institution, then an entry to open it. Press F1 for help "
                      "with the keys.",
    "screen:entry": "An entry. Press Enter on Listen to hear it read aloud. Escape goes back to the timeline.",
    "still-exploring": "Still exploring? Touch the screen, or press any key, to keep going. Otherwise the "
                       "exhibit will start over for the next visitor.",
    "keys-help": "To move between items, press Tab, or the arrow keys. Press Enter or Space to open the item in "
                 "focus. Escape goes back. Home starts over. Plus and minus change the volume. F2 turns the audio "
                 "guide on or off. F1 repeats this help.",
    "listen": "Press Enter on Listen to hear this entry read aloud.",
})

LABELS: Mapping[str, str] = MappingProxyType({
    "enter": "Touch anywhere to explore",
    "all-years": "All years",
    "institutions": "Institutions",
    "larger": "Larger text",
    "earlier": "‹ Earlier entries",
    "later": "Later entries ›",
    "previous": "‹ Previous",
    "back": "Back to the timeline",
    "next": "Next ›",
    "start-over": "Start over",
    "listen": "Listen",
    "pause": "Pause",
    "quieter": "Quieter",
    "louder": "Louder",
    "guide": "Audio guide",
    "story": "The story",
})
"""Every button label the kiosk shows (the page reads them from here), by the name its clip is keyed under."""

_ARROWS = str.maketrans("", "", "‹›")


def label_key(name: str) -> str:
    return f"label:{name}"


def title_key(entry_id: str) -> str:
    return f"title:{entry_id}"


def era_key(era_id: str) -> str:
    return f"era:{era_id}"


def institution_key(name: str) -> str:
    return f"institution:{name}"


def kiosk_clips(entries: Iterable[Entry], eras: Iterable[Entry], institutions: Iterable[str]) -> dict[str, str]:
    """Every clip the kiosk can play, by key: the fixed ones, then those the catalogue names."""
    clips = dict(PROMPTS)
    clips.update({label_key(name): text.translate(_ARROWS).strip() for name, text in LABELS.items()})
    clips.update({title_key(e.id): _named(e) for e in entries})
    clips.update({era_key(e.id): _named(e) for e in eras})
    clips.update({institution_key(name): name for name in institutions})
    return clips


def _named(entry: Entry) -> str:
    """A title and its date, as a card shows them: "Homer G. Phillips Hospital opens. February 1937."."""
    return f"{entry.title.strip().rstrip('.')}. {entry.display_date or said_date(entry.date, False)}."
