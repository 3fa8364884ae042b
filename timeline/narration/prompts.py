"""The kiosk's spoken prompts: the one place their words are kept.

The kiosk shows and speaks these; ``python -m timeline audio`` narrates each, and the manifest lists them under
their id, as it lists entries.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

PROMPTS: Mapping[str, str] = MappingProxyType({
    "welcome": "Welcome. Touch the screen, or press Enter, to explore the history of desegregation on this "
               "medical campus.",
    "still-exploring": "Still exploring? Touch the screen, or press any key, to keep going. Otherwise the "
                       "exhibit will start over for the next visitor.",
    "keys-help": "To move between items, press Tab, or the arrow keys. Press Enter or Space to open the item in "
                 "focus. Escape goes back. Home starts over. Plus and minus change the volume. F2 turns the audio "
                 "guide on or off. F1 repeats this help.",
    "listen": "Press Enter on Listen to hear this entry read aloud.",
})
