"""The app's wiring: what importing it does to the process."""

from __future__ import annotations

import json
import subprocess
import sys

from timeline.settings import PROJECT_ROOT

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
    (timeline/ui/app.py says why); what runs create is still collected."""
    done = subprocess.run([sys.executable, "-c", _PROBE], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          check=True)
    seen = json.loads(done.stdout)
    assert seen["freeze_grew"]
    assert not seen["made_before_walked"]
    assert seen["libraries_walked"] == []
    assert seen["made_after_walked"]


def test_every_mode_has_its_own_view():
    from timeline.settings import Mode
    from timeline.ui.app import VIEWS

    assert set(VIEWS) == set(Mode)
