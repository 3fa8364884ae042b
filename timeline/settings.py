"""Exhibit settings (a small TOML file curators may edit) and the environment.

Paths resolve from the project root, never from the working directory, so
the app, the checker and the tests agree wherever they are started.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = PROJECT_ROOT / "data" / "events.csv"
DEFAULT_MEDIA = PROJECT_ROOT / "media"
SETTINGS_NAME = "exhibit.toml"
DEFAULT_IDLE_SECONDS = 90
DEFAULT_KEEP_RAW_DAYS = 90  # visitor insights: raw events older than this are rolled up into daily counts
FALLBACK_COLOR = "#5A5A5A"
_COLOR = re.compile(r"#(?:[0-9A-Fa-f]{3}){1,2}")


class Mode(StrEnum):
    WEB = "web"
    KIOSK = "kiosk"
    CURATOR = "curator"


@dataclass(frozen=True)
class CategoryStyle:
    name: str
    color: str  # "#RRGGBB", at least 3:1 against the page background
    short: str = ""  # a short label for narrow lanes; falls back to name


@dataclass(frozen=True)
class KioskScreen:
    """Where the kiosk's screen hangs and where its visitors stand: the reach line and the large-text size are
    worked out from these (``timeline.kiosk_reach``). A 16:9 screen is assumed. And how loud it speaks at first:
    every idle reset sets the volume back to ``volume``, whatever the last visitor chose."""

    screen_diagonal_inches: float = 32.0
    screen_bottom_mm: float = 800.0  # the screen's lower edge above the floor
    viewing_distance_mm: float = 600.0  # from the visitor's eyes to the screen
    volume: float = 0.8  # the page's volume for narration and the audio guide, 0 (silent) to 1 (the system's own)


# Each [kiosk] key with the range a real installation falls in: a value outside is a typing slip.
KIOSK_LIMITS: dict[str, tuple[float, float]] = {
    "screen_diagonal_inches": (10, 120),
    "screen_bottom_mm": (0, 2500),
    "viewing_distance_mm": (200, 5000),
    "volume": (0, 1),
}


@dataclass(frozen=True)
class Settings:
    """What a curator may change without a programmer."""

    title: str = "Desegregation history"
    introduction: str = ""
    public_url: str = ""
    idle_seconds: int = DEFAULT_IDLE_SECONDS
    categories: tuple[CategoryStyle, ...] = ()
    sources_policy: str = ""
    keep_raw_days: int = DEFAULT_KEEP_RAW_DAYS
    kiosk: KioskScreen = KioskScreen()

    def color_for(self, category: str) -> str:
        for style in self.categories:
            if style.name == category:
                return style.color
        return FALLBACK_COLOR

    def category_order(self) -> tuple[str, ...]:
        return tuple(style.name for style in self.categories)


@dataclass(frozen=True)
class Environment:
    """Where things are and which mode runs, from TIMELINE_* variables."""

    mode: Mode
    data: Path
    media: Path
    settings: Path
    idle_seconds: int | None  # TIMELINE_IDLE_SECONDS overrides the settings file when set


def read_environment(environ: Mapping[str, str] | None = None) -> Environment:
    env = os.environ if environ is None else environ
    mode_text = env.get("TIMELINE_MODE", Mode.WEB).strip().lower() or Mode.WEB
    mode = Mode(mode_text) if mode_text in Mode.__members__.values() else Mode.WEB
    data = _resolve(env.get("TIMELINE_DATA"), DEFAULT_DATA)
    media = _resolve(env.get("TIMELINE_MEDIA"), DEFAULT_MEDIA)
    settings = _resolve(env.get("TIMELINE_SETTINGS"), data.parent / SETTINGS_NAME)
    idle = env.get("TIMELINE_IDLE_SECONDS", "").strip()
    return Environment(mode, data, media, settings, int(idle) if idle.isdigit() and int(idle) > 0 else None)


def _resolve(value: str | None, default: Path) -> Path:
    if not value:
        return default
    path = Path(value).expanduser()
    return path if path.is_absolute() else (PROJECT_ROOT / path)


def parse_settings(text: str) -> Settings:
    """Parse settings TOML; raises ValueError with a curator-readable message."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"exhibit settings are not valid TOML: {exc}") from None
    categories = tuple(
        _category_style(c) for c in raw.get("categories", ()) if isinstance(c, dict) and str(c.get("name", "")).strip()
    )
    idle = raw.get("idle_seconds", DEFAULT_IDLE_SECONDS)
    return Settings(
        title=str(raw.get("title", Settings.title)).strip(),
        introduction=str(raw.get("introduction", "")).strip(),
        public_url=str(raw.get("public_url", "")).strip(),
        idle_seconds=idle if isinstance(idle, int) and idle > 0 else DEFAULT_IDLE_SECONDS,
        categories=categories,
        sources_policy=str(raw.get("sources_policy", "")).strip(),
        keep_raw_days=_keep_raw_days(raw.get("insights", {})),
        kiosk=_kiosk_screen(raw.get("kiosk", {})),
    )


def _keep_raw_days(raw: object) -> int:
    """``[insights] keep_raw_days``: how long raw visitor events are kept before only daily counts remain."""
    days = raw.get("keep_raw_days", DEFAULT_KEEP_RAW_DAYS) if isinstance(raw, dict) else DEFAULT_KEEP_RAW_DAYS
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 3660:
        raise ValueError(f"exhibit settings: [insights] keep_raw_days = {days!r} is not a number of days; write a "
                         "whole number from 1 to 3660, e.g. keep_raw_days = 90")
    return days


def _kiosk_screen(raw: object) -> KioskScreen:
    """The ``[kiosk]`` table: each key a number in its range (``KIOSK_LIMITS``); a missing key keeps its default."""
    if not isinstance(raw, dict):
        raise ValueError('exhibit settings: "kiosk" must be a table; write [kiosk] on a line of its own, then '
                         "its keys below it")
    unknown = sorted(set(raw) - set(KIOSK_LIMITS))
    if unknown:
        known = ", ".join(KIOSK_LIMITS)
        raise ValueError(f'exhibit settings: [kiosk] has no setting "{unknown[0]}"; the settings are {known} (every '
                         "line below [kiosk] up to the next [table] belongs to it: keep [kiosk] last in the file)")
    values: dict[str, float] = {}
    for key, (low, high) in KIOSK_LIMITS.items():
        value = raw.get(key, getattr(KioskScreen, key))
        if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
            raise ValueError(f"exhibit settings: [kiosk] {key} = {value!r} is not a number from {low:g} to "
                             f"{high:g}; write a plain number, e.g. {key} = {getattr(KioskScreen, key):g}")
        values[key] = float(value)
    return KioskScreen(**values)


def _category_style(raw: Mapping[str, object]) -> CategoryStyle:
    """One ``[[categories]]`` table. Colours reach CSS and the chart, so only ``#RRGGBB`` (or ``#RGB``) is taken."""
    name = str(raw.get("name", "")).strip()
    color = str(raw.get("color", FALLBACK_COLOR)).strip()
    if not _COLOR.fullmatch(color):
        raise ValueError(f'exhibit settings: the color "{color}" of category "{name}" is not a colour; '
                         'write "#" and six hexadecimal digits, e.g. color = "#143576"')
    return CategoryStyle(name, color, str(raw.get("short", "")).strip())


def settings_path_for(csv_path: Path, environ: Mapping[str, str] | None = None) -> Path:
    """The settings that go with a CSV given on the command line: beside it, unless TIMELINE_SETTINGS names them."""
    env = os.environ if environ is None else environ
    return read_environment(env).settings if env.get("TIMELINE_SETTINGS") else csv_path.parent / SETTINGS_NAME


def load_settings(path: Path) -> Settings:
    """Settings from disk; a missing file gives the defaults so visitors still see the exhibit."""
    try:
        return parse_settings(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        return Settings()
