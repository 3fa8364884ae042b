"""The app's wiring and its process: what importing it does, and the state it keeps between runs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import deque
from itertools import chain
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_state import reset_app_state, timeline_modules
from timeline.settings import PROJECT_ROOT, Mode

FIXTURES = Path(__file__).parent / "fixtures"

# Run in a fresh interpreter, so the freeze seen is the import's own. gc.get_objects() lists what the collector
# still walks: a frozen object is not in it.
_PROBE = """
import gc, json, sys
frozen_before = gc.get_freeze_count()
made_before = []
import timeline.ui.app
made_after = []
walked = {id(o) for o in gc.get_objects()}
print(json.dumps({
    "freeze_grew": gc.get_freeze_count() > frozen_before,
    "made_before_walked": id(made_before) in walked,
    "libraries_walked": [name for name in ("streamlit", "plotly.graph_objects")
                         if id(sys.modules[name].__dict__) in walked],
    "made_after_walked": id(made_after) in walked,
}))
"""


def test_import_takes_the_libraries_out_of_the_collectors_sight():
    """Streamlit's full collection after each run then walks only what runs create, not the libraries' objects
    (compat.freeze_long_lived_objects says why); what runs create is still collected."""
    done = subprocess.run([sys.executable, "-c", _PROBE], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          check=True)
    seen = json.loads(done.stdout)
    assert seen["freeze_grew"]
    assert not seen["made_before_walked"]
    assert seen["libraries_walked"] == []
    assert seen["made_after_walked"]


def test_every_mode_has_its_own_view():
    from timeline.ui.app import VIEWS  # here, not above: importing it freezes the test process's objects

    assert set(VIEWS) == set(Mode)


def _containers() -> dict[str, frozenset[int] | int]:
    """What the timeline package holds between runs: each module-level dict, list, set or deque (and those of
    module-level objects of its own classes) by the ids of what it holds, and each functools cache by its size."""
    held: dict[str, frozenset[int] | int] = {}
    for module in timeline_modules():
        for name, value in vars(module).items():
            where = f"{module.__name__}.{name}"
            if isinstance(value, dict | list | set | deque):
                held[where] = frozenset(map(id, chain(value, value.values() if isinstance(value, dict) else ())))
            elif callable(getattr(value, "cache_info", None)) and getattr(value, "__module__", "") == module.__name__:
                held[where] = value.cache_info().currsize
            elif type(value).__module__.startswith("timeline") and hasattr(value, "__dict__"):
                for attribute, inner in vars(value).items():
                    if isinstance(inner, dict | list | set | deque):
                        held[f"{where}.{attribute}"] = frozenset(map(id, inner))
    return held


def _run_every_mode(fixtures: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app in each mode on a copy of a fixture folder's exhibit, in a folder of its own."""
    shutil.copytree(fixtures, folder)
    (folder / "media").mkdir()
    monkeypatch.setenv("TIMELINE_DATA", str(folder / "events.csv"))
    monkeypatch.setenv("TIMELINE_MEDIA", str(folder / "media"))
    monkeypatch.delenv("TIMELINE_SETTINGS", raising=False)
    for mode in Mode:
        monkeypatch.setenv("TIMELINE_MODE", mode.value)
        at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
        assert not at.exception, [e.value for e in at.exception]


def test_the_app_state_fixture_leaves_nothing_of_a_run(tmp_path, monkeypatch, fresh_app_state):
    """A second run (other files, another catalogue) and a reset leave the package holding what it held before:
    every registry and cache the app keeps is one that tests/app_state.py resets."""
    _run_every_mode(FIXTURES / "ui", tmp_path / "first", monkeypatch)
    reset_app_state()
    before = _containers()
    _run_every_mode(FIXTURES / "kiosk", tmp_path / "second", monkeypatch)
    assert _containers() != before  # the run kept something, so the comparison below can see a leftover
    reset_app_state()
    after = _containers()
    assert [where for where in after if after[where] != before.get(where)] == []
