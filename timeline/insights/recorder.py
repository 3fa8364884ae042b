"""Recording that never troubles a visitor: ``record(event)`` puts the event in a bounded buffer and returns; one
writer thread per process writes batches to the database.

While the database is locked or cannot be written, events stay in the buffer and the thread tries again, so
nothing that could be kept is lost; when the buffer is full, new events are counted as dropped rather than let
memory grow. Trouble is said once in the log when it starts and once when it ends, and ``health()`` tells curator
mode. ``record`` takes a lock for the time of one append and never raises.
"""

from __future__ import annotations

import atexit
import logging
import os
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, replace
from datetime import date
from itertools import islice

from timeline.insights.events import Event, Mode, heartbeat
from timeline.insights.retention import roll_up_old_events
from timeline.insights.store import Store, StoreBusy, StoreUnavailable
from timeline.insights.summary import duration_text
from timeline.insights.target import insights_target, open_store
from timeline.settings import DEFAULT_KEEP_RAW_DAYS

log = logging.getLogger(__name__)
CAPACITY = 50_000  # about 15 MB of events: a kiosk's busiest week, waiting for a locked database
BATCH = 500
MACHINE_ENV = "TIMELINE_MACHINE"


@dataclass(frozen=True)
class Health:
    """What curator mode says about recording: "ok", "locked" or "unavailable", with the numbers behind it."""

    state: str
    pending: int  # events waiting in memory for the database
    written: int
    dropped: int  # events lost because the buffer was full (or an event the database refused)
    problem: str = ""  # the database's own words, while in trouble
    since: float | None = None  # when the trouble began (seconds since the epoch)
    target: str = ""


class Recorder:
    def __init__(self, store: Store, machine: str = "", capacity: int = CAPACITY, retry_seconds: float = 0.5,
                 unavailable_seconds: float = 5.0, keep_raw_days: int | None = None) -> None:
        self.store = store
        self.keep_raw_days = keep_raw_days  # None: this process leaves retention to another
        self.machine = machine
        self.capacity = capacity
        self.retry_seconds = retry_seconds
        self.unavailable_seconds = unavailable_seconds
        self._pending: deque[Event] = deque()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._written = self._dropped = 0
        self._state, self._problem, self._since = "ok", "", None
        self._rolled_up_on = ""
        self._peak = 0  # the most events waiting at once during the current trouble
        self._beating: set[Mode] = set()
        self._dropped_before = 0  # dropped when the current trouble began

    def record(self, event: Event | None) -> None:
        """Keep ``event`` for the writer thread. Returns at once and never raises, whatever the database does;
        None (what ``VisitorSession.begin`` gives while a session runs) is ignored."""
        if event is None:
            return
        try:
            if self.machine and not event.machine:
                event = replace(event, machine=self.machine)
            with self._lock:
                full = len(self._pending) >= self.capacity
                if full:
                    self._dropped += 1
                    first_dropped = self._dropped - self._dropped_before == 1
                else:
                    self._pending.append(event)
                    if self._thread is None:
                        self._thread = threading.Thread(target=self._run, name="insights-writer", daemon=True)
                        self._thread.start()
            if full:
                if first_dropped:  # once per spell of trouble, and outside the lock: logging may be slow
                    log.error("insights: the buffer of %d events is full (%s); new events are dropped until "
                              "the database takes them", self.capacity, self.store)
                return
            self._wake.set()
        except Exception:  # recording is never the visitor's problem
            log.exception("insights: an event could not be recorded")

    def health(self) -> Health:
        with self._lock:
            return Health(self._state, len(self._pending), self._written, self._dropped, self._problem, self._since,
                          repr(self.store))

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until every buffered event is written; False when ``timeout`` passes first (tests, shutdown)."""
        deadline = time.monotonic() + timeout
        self._wake.set()
        while time.monotonic() < deadline:
            with self._lock:
                if not self._pending:
                    return True
            time.sleep(0.01)
        return False

    def close(self, timeout: float = 2.0) -> None:
        self.flush(timeout)
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self.store.close()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(timeout=1.0)
            self._wake.clear()
            try:
                pause = self._write_pending()
                if not pause:
                    self._roll_up_daily()
            except Exception:  # the thread must outlive any surprise, or events would pile up unwritten
                log.exception("insights: the writer thread met an unexpected problem; it carries on")
                pause = self.unavailable_seconds
            if pause:
                self._stop.wait(pause)

    def _roll_up_daily(self) -> None:
        """Retention, at most once a day, on this thread: never on a visitor's path."""
        today = date.today()
        if self.keep_raw_days is None or self._rolled_up_on == today.isoformat():
            return
        try:
            folded = roll_up_old_events(self.store, self.keep_raw_days, today)
        except (StoreBusy, StoreUnavailable):
            return  # tried again after the next write
        except Exception:
            log.exception("insights: old events could not be rolled up into daily counts")
        else:
            if folded:
                log.info("insights: %d raw events older than %d days rolled up into daily counts", folded,
                         self.keep_raw_days)
        self._rolled_up_on = today.isoformat()

    def _write_pending(self) -> float:
        """Write everything buffered, batch by batch; the seconds to wait before trying again, 0 when done."""
        while True:
            with self._lock:
                batch = list(islice(self._pending, BATCH))
            if not batch:
                return 0.0
            try:
                self.store.write(batch)
            except StoreBusy as error:
                self._trouble("locked", error)
                return self.retry_seconds
            except StoreUnavailable as error:
                self._trouble("unavailable", error)
                return self.unavailable_seconds
            except Exception as error:  # the database refused these events: keep the rest flowing
                log.exception("insights: %d events could not be written and are dropped", len(batch))
                self._done(batch, written=False, problem=str(error))
                continue
            self._done(batch, written=True)

    def _done(self, batch: list[Event], written: bool, problem: str = "") -> None:
        with self._lock:
            for _ in batch:
                self._pending.popleft()
            if written:
                self._written += len(batch)
            else:
                self._dropped += len(batch)
            recovered = written and self._state != "ok"
            if recovered:
                note = trouble_note(self._state, self._since or time.time(), time.time(), self._peak,
                                    self._dropped - self._dropped_before)
                self._state, self._problem, self._since = "ok", "", None
        if recovered:
            log.warning("insights: %s takes events again; the buffered events are written (%s)", self.store, note)
            try:
                self.store.note_trouble(self.machine, note)
            except Exception:  # curator mode misses one note; the log has it
                log.warning("insights: the note about the trouble could not be kept: %s", note)

    def _trouble(self, state: str, error: Exception) -> None:
        with self._lock:
            started = self._state != state
            if started:
                if self._state == "ok":
                    self._peak, self._dropped_before = 0, self._dropped
                self._state, self._problem = state, str(error)
                self._since = self._since or time.time()
            pending = len(self._pending)
            self._peak = max(self._peak, pending)
        if started:
            log.warning("insights: %s is %s (%s); %d events wait in memory and are written once it frees",
                        self.store, state, error, pending)

    def start_heartbeat(self, mode: Mode, every_seconds: float = 60.0) -> None:
        """Record a heartbeat now and every ``every_seconds`` on a daemon thread: curator mode shows each machine's
        last one, so a kiosk that stopped is noticed. Once per mode: every page run may call it."""
        with self._lock:
            if mode in self._beating:
                return
            self._beating.add(mode)

        def beat() -> None:
            while not self._stop.is_set():
                self.record(heartbeat(mode))
                self._stop.wait(every_seconds)

        threading.Thread(target=beat, name="insights-heartbeat", daemon=True).start()


def trouble_note(state: str, since: float, until: float, waited: int, lost: int) -> str:
    """What curator mode says about one spell of trouble, in a sentence."""
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(since))
    kept = "none lost" if not lost else f"{lost} lost because the buffer was full"
    return (f"Database {state} at {when} for {duration_text(until - since) or '0 s'}: up to {waited} events waited "
            f"in memory and were written, {kept}.")


def machine_name() -> str:
    """The exhibit computer's name (``TIMELINE_MACHINE``, else its host name): which kiosk or server recorded."""
    return os.environ.get(MACHINE_ENV, "").strip() or socket.gethostname()


_shared: Recorder | None = None
_shared_lock = threading.Lock()


def shared_recorder(keep_raw_days: int = DEFAULT_KEEP_RAW_DAYS) -> Recorder:
    """The process's one recorder, for ``TIMELINE_INSIGHTS``; pages call ``shared_recorder().record(event)``.
    ``keep_raw_days`` (the settings' ``[insights] keep_raw_days``) is taken from the first call."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Recorder(open_store(insights_target()), machine_name(), keep_raw_days=keep_raw_days)
            atexit.register(_shared.close)
        return _shared


def current_health() -> Health | None:
    """The health of this process's recorder; None when this process records nothing (curator mode alone)."""
    with _shared_lock:
        return None if _shared is None else _shared.health()
