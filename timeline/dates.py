"""Historical dates as their own type. (Skeleton: the parser is being written.)"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    DECADE = "decade"


@dataclass(frozen=True)
class HistDate:
    year: int
    month: int | None = None
    day: int | None = None
    precision: Precision = Precision.YEAR
    approximate: bool = False
    end: HistDate | None = None

    @property
    def label(self) -> str:
        return str(self.year)
