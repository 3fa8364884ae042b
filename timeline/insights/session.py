"""One visitor's session as the kiosk and the web page keep it: a random id that starts with the first action and
ends at the idle reset (kiosk) or with the page (web).

Mutable on purpose and tiny: the page keeps one per Streamlit session in its state and asks it for the events to
record. A new visitor after an idle reset gets a new id, so nothing links one visitor to the next.
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline.insights.events import Event, Mode, new_session_id, session_end, session_start


@dataclass
class VisitorSession:
    mode: Mode
    id: str = ""  # empty between visitors

    def begin(self, at: float | None = None) -> Event | None:
        """The session-start event at a visitor's first action; None while a session is already running."""
        if self.id:
            return None
        self.id = new_session_id()
        return session_start(self.id, self.mode, at)

    def end(self, reason: str, at: float | None = None) -> Event | None:
        """The session-end event, forgetting the id; None when no visitor was there (an attract screen timing out
        again records nothing)."""
        if not self.id:
            return None
        event = session_end(self.id, self.mode, reason, at)
        self.id = ""
        return event
