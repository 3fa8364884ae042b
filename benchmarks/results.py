"""What every benchmark section returns and shares: a figure against its target, the run options, medians."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Result:
    name: str
    value: float | None  # None: not measured, ``note`` says why
    unit: str = "s"
    target: float | None = None  # the value must stay below this
    note: str = ""

    @property
    def missed(self) -> bool:
        return self.value is not None and self.target is not None and self.value >= self.target

    def line(self) -> str:
        if self.value is None:
            return f"{self.name:<46} {'-':>10}        not measured: {self.note}"
        target = f"target < {self.target:g} {self.unit}" if self.target is not None else ""
        verdict = "MISSED" if self.missed else ("ok" if target else "")
        return f"{self.name:<46} {self.value:>10.3f} {self.unit:<6} {target:<18} {verdict:<6} {self.note}".rstrip()


@dataclass(frozen=True)
class Options:
    runs: int
    workdir: Path


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
