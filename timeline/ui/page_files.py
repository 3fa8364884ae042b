"""The stylesheets and scripts the page carries, kept as files in ``timeline/static/`` and read once per process.

They go inline into the run that needs them (read from disk once): the page makes no further request for them, and
each script runs with the run that sends it. Per-run values reach a script as settings (``compat.script_element``)
and a stylesheet as CSS custom properties or a few generated rules, never by rewriting the file's text. They are
read from the project's tree, like the code (there is no packaging step): a change shows after a restart.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from timeline.render import STATIC
from timeline.ui.compat import script_element

STATIC_DIR = STATIC


@cache
def page_file(name: str) -> str:
    """The text of ``timeline/static/NAME``."""
    return (STATIC_DIR / name).read_text(encoding="utf-8")


def script_html(name: str, config: Mapping[str, Any]) -> str:
    """The script ``timeline/static/NAME`` as an element that reads ``config`` (``compat.script_element``)."""
    return script_element(page_file(name), config)
