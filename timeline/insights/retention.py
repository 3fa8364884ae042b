"""Raw events are kept ``keep_raw_days`` (``[insights]`` in exhibit.toml, 90 by default), then only their daily
counts remain: session ids, the order of one visitor's actions and their exact times go, the numbers stay.

The counts are kept as events are written, so retention only deletes. The recorder's thread runs it once a day;
it is safe to run from any number of machines at once.
"""

from __future__ import annotations

from datetime import date, timedelta

from timeline.insights.store import Store


def first_raw_day(keep_raw_days: int, today: date) -> str:
    """The oldest day whose raw events are kept: today and the ``keep_raw_days - 1`` days before it."""
    return (today - timedelta(days=max(keep_raw_days, 1) - 1)).isoformat()


def roll_up_old_events(store: Store, keep_raw_days: int, today: date | None = None) -> int:
    """Delete raw events and sessions older than ``keep_raw_days``, whose daily counts the store already keeps;
    returns how many raw events went."""
    return store.roll_up(first_raw_day(keep_raw_days, today or date.today()))
