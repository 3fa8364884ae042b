"""The app's wiring: what importing it does to the process."""

from __future__ import annotations

import subprocess
import sys

from timeline.settings import PROJECT_ROOT


def test_import_takes_the_libraries_out_of_the_collectors_sight():
    """A fresh interpreter, so the count is the import's own: Streamlit's full collection after each run then
    walks only what runs create, not the libraries' objects (timeline/ui/app.py says why)."""
    probe = "import gc, timeline.ui.app; print(gc.get_freeze_count(), len(gc.get_objects()))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    frozen, still_tracked = map(int, done.stdout.split())
    assert frozen > 50_000
    assert still_tracked < frozen / 100
