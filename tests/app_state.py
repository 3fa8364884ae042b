"""The app's own process-wide state, reset between tests that run it.

The app keeps no state in Streamlit's caches (``st.cache_data`` / ``st.cache_resource`` are never used). It keeps
module-level registries and caches that outlive a run on purpose: the published store per data file and its
refresh thread, the settings read per file, facets and built charts per catalogue, search haystacks per entry,
the visitor-insights recorder (its writer thread and database), and ``functools`` caches of files read. A test that
runs the app starts from none of them, and leaves none of its files, catalogues or threads to the next test.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from types import ModuleType

REFRESH_JOIN_SECONDS = 30.0  # a refresh thread started by a test finishes its look before the registry is cleared

# module -> its registries (a dotted path reaches a registry held by a module-level object).
REGISTRIES: dict[str, tuple[str, ...]] = {
    "timeline.query": ("_HAYSTACKS",),
    "timeline.publishing": ("_watches", "_settings"),
    "timeline.ui.web.page": ("_facets",),
    "timeline.ui.chart": ("_RECENT.values", "_TEXTS.values"),
}


def reset_app_state() -> None:
    """Wait for the app's refresh threads, then empty its registries and every functools cache of a loaded
    timeline module. Modules not imported yet are left alone (they start empty when they are)."""
    loading = sys.modules.get("timeline.publishing")
    if loading is not None:
        for watch in list(loading._watches.values()):
            if watch.worker is not None:
                watch.worker.join(REFRESH_JOIN_SECONDS)
    _close_recorder()
    for name, paths in REGISTRIES.items():
        module = sys.modules.get(name)
        for path in paths if module is not None else ():
            registry = module
            for attribute in path.split("."):
                registry = getattr(registry, attribute)
            registry.clear()
    for module in timeline_modules():
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", None) == module.__name__:
                value.cache_clear()


def _close_recorder() -> None:
    """The process's recorder writes its events and lets go of its database; the next test's run makes its own,
    for the ``TIMELINE_INSIGHTS`` that test sets."""
    recorder = sys.modules.get("timeline.insights.recorder")
    if recorder is not None and recorder._shared is not None:
        shared, recorder._shared = recorder._shared, None
        shared.close()


def timeline_modules() -> Iterator[ModuleType]:
    """The loaded modules of the timeline package."""
    for name, module in list(sys.modules.items()):
        if module is not None and (name == "timeline" or name.startswith("timeline.")):
            yield module
