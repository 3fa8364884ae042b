"""The exhibit's stylesheet (timeline/static/exhibit.css) and the entry cards' (timeline/static/entries.css), sent on
every full run.

They go as one style-only element, which takes no room in the page (``compat.add_stylesheet``).
"""

from __future__ import annotations

from timeline.ui.compat import add_stylesheet
from timeline.ui.page_files import STATIC_DIR, page_file

# The page's own look, then the entry cards and article it shares with the static site.
STYLESHEETS = (STATIC_DIR / "exhibit.css", STATIC_DIR / "entries.css")


def inject_styles() -> None:
    add_stylesheet("\n".join(page_file(sheet.name) for sheet in STYLESHEETS))
