"""The kiosk's sound: the audio guide (F2 or its button) and the volume (+ and - or two big buttons).

Section 508 §402 asks that a kiosk's "closed functionality" speak what it shows, in step with the screen; the guide
does so with clips built ahead of time by ``python -m timeline audio`` (``narration/prompts.py`` keeps their words and
the buttons' labels in one place), never with the browser's speech (Chromium on Linux has no voices). The script
(``timeline/static/kiosk-guide.js``) reads which clips exist from the narration's manifest, marks each button with
the clip that names it (``data-say``), speaks what takes focus and announces each screen. Its state (on or off, the
volume) lives in the page, and goes back to the exhibit's setting (``[kiosk] volume``) at every new visit.
"""

from __future__ import annotations

from collections.abc import Sequence

from timeline.image_urls import static_url
from timeline.narration.manifest import MANIFEST_NAME
from timeline.narration.prompts import LABELS, era_key, institution_key, label_key, title_key
from timeline.narration_urls import AUDIO_DIR
from timeline.render import render_macro
from timeline.ui.compat import fresh_run, key_class, key_selector
from timeline.ui.page_files import script_html

PLAYER_ID = "kiosk-guide-audio"
SETTLE_MS = 1500  # focus set this soon after a screen's words waits for them instead of cutting them off
CARD_BUTTON_PREFIX = "kiosk-open-"  # each card's button's key, then its entry's id

# Each Streamlit button of the kiosk, by key, with the label clip that names it.
BUTTON_LABELS: tuple[tuple[str, str], ...] = (
    ("kiosk-enter", "enter"), ("kiosk-era-0", "all-years"), ("kiosk-larger", "larger"),
    ("kiosk-page-earlier", "earlier"), ("kiosk-page-later", "later"), ("kiosk-previous", "previous"),
    ("kiosk-back", "back"), ("kiosk-next", "next"),
)


def marks(era_ids: Sequence[str], institutions: Sequence[str]) -> list[tuple[str, list[str]]]:
    """(selector, clip keys): the elements ``selector`` finds take the keys in order (the last repeats)."""
    found = [(f"{key_selector(key)} button", [label_key(name)]) for key, name in BUTTON_LABELS]
    found += [(f"{key_selector(f'kiosk-era-{n}')} button", [era_key(era_id)])
              for n, era_id in enumerate(era_ids, 1)]
    if institutions:
        found.append((f"{key_selector('kiosk-categories')} button", [institution_key(c) for c in institutions]))
    found.append(("[data-listen-toggle]", [label_key("listen")]))
    return found


def guide_html(screen: str, entry_id: str, volume: float, era_ids: Sequence[str],
               institutions: Sequence[str]) -> str:
    """The guide's script for this run, for ``compat.run_in_page``: ``screen`` is the view's name (attract,
    explore, entry) and ``entry_id`` the open entry's (or "")."""
    config = {"screen": screen, "entry": entry_id, "screenClip": f"screen:{screen}", "volume": volume,
              "manifest": static_url(AUDIO_DIR / MANIFEST_NAME), "base": static_url(AUDIO_DIR) + "/",
              "marks": marks(era_ids, institutions), "cardPrefix": key_class(CARD_BUTTON_PREFIX),
              "titlePrefix": title_key(""),
              "playerId": PLAYER_ID, "toggle": "[data-guide]", "step": "[data-volume]",
              "level": "[data-volume-level]", "narration": f"{key_selector('event-detail')} audio[data-listen]",
              "settleMs": SETTLE_MS, "run": fresh_run()}
    return script_html("kiosk-guide.js", config) + script_html("listen.js", {})  # listen.js: the Listen button


def sound_controls_html(volume: float) -> str:
    """The audio guide's switch and the volume's two big buttons with the level between them (at ``volume`` until
    the script shows the page's own)."""
    return render_macro("ui/kiosk.html", "sound", LABELS, volume)
