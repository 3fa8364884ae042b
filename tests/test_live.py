"""Which changes make an open page redraw itself: only new objects from the store, and only those the mode shows."""

from __future__ import annotations

import pytest

from timeline.catalog import build_catalog
from timeline.publishing import SettingsRead
from timeline.settings import Mode, Settings
from timeline.store import Snapshot
from timeline.ui.live import shown_now

GOOD = b"id,date,title,text,category,sources\na,1950,First,Text,Washington University,Becker\n"
BROKEN = GOOD.replace(b"1950", b"03/04/1950")
PUBLISHED = build_catalog(GOOD)
SAME_BYTES_AGAIN = build_catalog(GOOD)  # equal content, but a new object: the store rebuilt it
ON_DISK_BROKEN = build_catalog(BROKEN)
SETTINGS = SettingsRead(Settings(title="Exhibit"), (1, 1, 1))

BEFORE = Snapshot(PUBLISHED, PUBLISHED, 1.0)
CASES = {  # name: (snapshot, settings read, stale for visitors?, stale for curators?)
    "nothing new": (BEFORE, SETTINGS, False, False),
    "new version published": (Snapshot(SAME_BYTES_AGAIN, SAME_BYTES_AGAIN, 2.0), SETTINGS, True, True),
    "broken save held back": (Snapshot(PUBLISHED, ON_DISK_BROKEN, 1.0), SETTINGS, False, True),
    "settings changed": (BEFORE, SettingsRead(Settings(title="Renamed"), (2, 2, 2)), True, True),
    "settings file broken": (BEFORE, SettingsRead(SETTINGS.settings, (2, 2, 2), "not valid TOML"), False, True),
}


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("mode", [Mode.WEB, Mode.KIOSK, Mode.CURATOR])
def test_a_page_redraws_only_for_what_its_mode_shows(name, mode):
    snapshot, read, visitors, curators = CASES[name]
    rendered = shown_now(mode, BEFORE, SETTINGS)
    assert rendered.is_stale(shown_now(mode, snapshot, read)) is (curators if mode is Mode.CURATOR else visitors)
