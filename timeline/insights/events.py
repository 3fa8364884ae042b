"""What may be recorded about a visit, as values: every event kind, with the details each allows.

A session is one visitor: on the kiosk from the first touch or key to the idle reset, on the web page one
Streamlit session. Its id is random (``new_session_id``), never derived from an address, a browser or a device,
and nothing links one session to another. The constructors below are the only way the exhibit builds an event, so
what can be stored is exactly what this module allows: search words only for a search that found nothing, and no
free text anywhere else.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from timeline.links import QR_SOURCE, SOURCE_PARAM


class Kind(StrEnum):
    SESSION_START = "session-start"
    SESSION_END = "session-end"  # detail: the reason (END_REASONS)
    OPEN = "open"  # entry, detail: how it was reached (Reached)
    SEARCH = "search"  # value: results; detail: the words, only when nothing was found
    FILTER = "filter"  # detail: which filter (FILTERS)
    CONTENT_NOTE = "content-note"  # entry, detail: what the visitor did (NOTE_OUTCOMES)
    NARRATION = "narration"  # entry, value: the share played, 0 to 1; detail: "end" or "part"
    FEATURE = "feature"  # detail: the aid turned on (FEATURES)
    IDLE_PROMPT = "idle-prompt"  # detail: answered or unanswered
    HEARTBEAT = "heartbeat"  # no session: the machine is alive


class Reached(StrEnum):
    """How a visitor reached an entry they opened."""

    CHART = "chart"
    LIST = "list"
    SEARCH = "search"
    FILTER = "filter"
    RELATED = "related"
    PREVIOUS_NEXT = "previous-next"
    DEEP_LINK = "deep-link"
    QR = "qr"


class Mode(StrEnum):
    """Where an event happened. The curator's own preview records nothing."""

    WEB = "web"
    KIOSK = "kiosk"


END_REASONS = frozenset({"idle", "reset", "closed"})  # closed: a web session that ended with its page
FILTERS = frozenset({"category", "theme", "person", "kind", "from", "to", "reset"})
NOTE_OUTCOMES = frozenset({"shown", "continued", "backed-out"})
PLAYED_TO_END = 0.95  # a narration stopped in its last seconds was heard to the end
FEATURES = frozenset({"larger-text", "audio-guide"})
PROMPT_OUTCOMES = frozenset({"shown", "answered", "unanswered"})
QUERY_MAX = 80  # characters of an unanswered search kept: the words, not an essay
ENTRY_MAX = 120
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Event:
    """One thing a visitor did. ``at`` is seconds since the epoch (UTC); ``machine`` names the exhibit's own
    computer (a kiosk or a web server), never the visitor's."""

    at: float
    mode: Mode
    kind: Kind
    session: str = ""
    entry: str = ""
    detail: str = ""
    value: float | None = None
    machine: str = ""


def new_session_id() -> str:
    """128 random bits: nothing about the visitor goes in, so nothing about them can come out."""
    return secrets.token_hex(16)


def _now(at: float | None) -> float:
    return time.time() if at is None else at


def _allowed(value: str, allowed: frozenset[str] | type[StrEnum], what: str) -> str:
    if value not in {str(a) for a in allowed}:
        raise ValueError(f"{what} must be one of {sorted(str(a) for a in allowed)}, not {value!r}")
    return str(value)


def _entry(entry_id: str) -> str:
    entry = str(entry_id).strip()
    if not entry or len(entry) > ENTRY_MAX:
        raise ValueError(f"an entry id of 1 to {ENTRY_MAX} characters is needed, not {entry_id!r}")
    return entry


def session_start(session: str, mode: Mode, at: float | None = None) -> Event:
    return Event(_now(at), Mode(mode), Kind.SESSION_START, session)


def session_end(session: str, mode: Mode, reason: str, at: float | None = None) -> Event:
    return Event(_now(at), Mode(mode), Kind.SESSION_END, session, detail=_allowed(reason, END_REASONS, "reason"))


def opened(session: str, mode: Mode, entry_id: str, reached: Reached | str, at: float | None = None) -> Event:
    return Event(_now(at), Mode(mode), Kind.OPEN, session, _entry(entry_id), _allowed(reached, Reached, "reached"))


def searched(session: str, mode: Mode, query: str, results: int, at: float | None = None) -> Event:
    """A search; its words are kept only when it found nothing (the gaps in the collection), and normalised so
    that "Nurses " and "nurses" count together."""
    words = normalise_query(query) if results == 0 else ""
    return Event(_now(at), Mode(mode), Kind.SEARCH, session, detail=words, value=float(max(results, 0)))


def link_arrival(params: Mapping[str, object]) -> Reached:
    """How a visitor who arrived with ``?event=ID`` reached the entry: a kiosk's take-home QR code (``src=qr``)
    or any other link."""
    source = params.get(SOURCE_PARAM)
    sources = source if isinstance(source, list | tuple) else [source]
    return Reached.QR if QR_SOURCE in sources else Reached.DEEP_LINK


def normalise_query(query: str) -> str:
    return _SPACES.sub(" ", str(query)).strip().casefold()[:QUERY_MAX]


def filtered(session: str, mode: Mode, name: str, at: float | None = None) -> Event:
    return Event(_now(at), Mode(mode), Kind.FILTER, session, detail=_allowed(name, FILTERS, "filter"))


def content_note(session: str, mode: Mode, entry_id: str, outcome: str, at: float | None = None) -> Event:
    return Event(_now(at), Mode(mode), Kind.CONTENT_NOTE, session, _entry(entry_id),
                 _allowed(outcome, NOTE_OUTCOMES, "outcome"))


def narration(session: str, mode: Mode, entry_id: str, share_played: float, at: float | None = None) -> Event:
    """How much of an entry's narration was played: the share itself, and whether that is the end, which daily
    counts keep after the raw events are gone."""
    share = min(max(float(share_played), 0.0), 1.0)
    return Event(_now(at), Mode(mode), Kind.NARRATION, session, _entry(entry_id),
                 "end" if share >= PLAYED_TO_END else "part", share)


def feature_on(session: str, mode: Mode, feature: str, at: float | None = None) -> Event:
    return Event(_now(at), Mode(mode), Kind.FEATURE, session, detail=_allowed(feature, FEATURES, "feature"))


def idle_prompt(session: str, mode: Mode, outcome: str, at: float | None = None) -> Event:
    return Event(_now(at), Mode(mode), Kind.IDLE_PROMPT, session, detail=_allowed(outcome, PROMPT_OUTCOMES, "outcome"))


def heartbeat(mode: Mode, at: float | None = None) -> Event:
    return Event(_now(at), Mode(mode), Kind.HEARTBEAT)


# Events that happen when nobody is at the screen, by kind and detail. A session's length runs from its start to
# its last activity: an idle reset and an idle prompt nobody answered come after the visitor has gone.
PASSIVE: dict[Kind, frozenset[str]] = {
    Kind.SESSION_END: frozenset({"idle"}),
    Kind.IDLE_PROMPT: frozenset({"shown", "unanswered"}),
}


def is_activity(kind: str, detail: str) -> bool:
    """Whether an event shows a visitor at the screen (the session-length rule; the stores run it as SQL)."""
    return kind != Kind.HEARTBEAT and detail not in PASSIVE.get(Kind(kind), frozenset())
