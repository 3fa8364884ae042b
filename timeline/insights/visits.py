"""What the pages' own state says a visitor did, as the values events record: how an entry in a list was reached,
which filters a new query changed, and what became of a content note.

Pure functions of the state the pages already keep (a ``Query``, the entry open, the images revealed), so the
pages record without asking the browser for anything more.
"""

from __future__ import annotations

from collections.abc import Container

from timeline.insights.events import Reached
from timeline.query import Query

# Query field -> the filter name events.FILTERS records for it.
_FILTER_FIELDS = (("categories", "category"), ("themes", "theme"), ("people", "person"), ("kinds", "kind"),
                  ("year_from", "from"), ("year_to", "to"))


def list_route(query: Query) -> Reached:
    """How an entry opened from a list was reached: a search result while there is a search, the list after a
    filter while a filter is on, else the list itself."""
    if query.text:
        return Reached.SEARCH
    return Reached.LIST if query.is_empty else Reached.FILTER


def changed_filters(before: Query, after: Query) -> tuple[str, ...]:
    """The filters (events.FILTERS) ``after`` sets differently from ``before``; the search text is not a filter."""
    return tuple(name for field, name in _FILTER_FIELDS if getattr(before, field) != getattr(after, field))


def note_outcomes(pending: str, covered: str, revealed: Container[str]) -> tuple[tuple[str, str], ...]:
    """What a content note's events are on this run, as (entry id, outcome) pairs, given the entry whose note was
    shown and not yet answered (``pending``), the entry whose note covers its image now (``covered``), and the
    entries the visitor chose to see.

    A note that stops covering its entry was answered: ``continued`` when the visitor chose to see the image,
    ``backed-out`` when they left the entry instead. A note that starts covering an entry is ``shown``.
    """
    outcomes: list[tuple[str, str]] = []
    if pending and pending != covered:
        outcomes.append((pending, "continued" if pending in revealed else "backed-out"))
    if covered and covered != pending:
        outcomes.append((covered, "shown"))
    return tuple(outcomes)
