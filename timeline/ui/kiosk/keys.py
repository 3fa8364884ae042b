"""The kiosk by keys alone: its keypad sends ordinary keys, and a script of ours turns them into the page's own
button presses (``timeline/static/kiosk-keys.js``, no curator text in it).

Every action is a click on one of the kiosk's keyed buttons, so a key runs the same callback a touch does. F1 shows
the key help (``ui/kiosk.html``, ``key_help``) on screen and speaks it; F2 (the audio guide) and + and - (the
volume) go to the guide's script (``kiosk.guide``), as its on-screen buttons do. The keys are documented, with a
printable guide, in ``docs/kiosk.md``; ``KEY_MAP`` is the one list both the help and that guide follow.
"""

from __future__ import annotations

from timeline.narration.prompts import LABELS
from timeline.render import render_macro
from timeline.ui.compat import fresh_run, key_selector
from timeline.ui.page_files import script_html

ENTER_KEY = "kiosk-enter"
BACK_KEY = "kiosk-back"
LARGER_KEY = "kiosk-larger"
LARGER_LABEL = LABELS["larger"]
HELP_ID = "kiosk-keys"

# (keys, what they do), in the order the help and the printed guide list them.
KEY_MAP: tuple[tuple[str, str], ...] = (
    ("Enter or Space", "Start from the welcome screen; press the chosen button"),
    ("Tab, Shift+Tab, arrow keys", "Move from button to button"),
    ("Escape", "Close the entry and go back to its card"),
    ("Home", "Start over"),
    ("+ and -", "Louder and quieter"),
    ("F2", "Audio guide on or off: every screen and every button says its name"),
    ("F1", "Show and say this help, or hide it"),
)


def keys_html(reset_key: str, larger_on: bool) -> str:
    """The key help's markup and the key script, for ``compat.run_in_page``."""
    config = {"attract": key_selector("attract"), "enter": f"{key_selector(ENTER_KEY)} button",
              "back": f"{key_selector(BACK_KEY)} button", "reset": f"{key_selector(reset_key)} button",
              "larger": f"{key_selector(LARGER_KEY)} button", "largerOn": larger_on,
              "focusable": 'button, [tabindex="0"]', "scrollable": ".kiosk-story",
              "helpId": HELP_ID,
              "helpClip": "keys-help", "helpClass": "kiosk-keys-open", "run": fresh_run()}  # each run marks the button
    return render_macro("ui/kiosk.html", "key_help", KEY_MAP) + script_html("kiosk-keys.js", config)
