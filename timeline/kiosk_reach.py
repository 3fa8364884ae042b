"""The kiosk's screen in the room: where a seated visitor's reach ends on it, and how large text must be to read.

Pure geometry from the ``[kiosk]`` settings (``settings.KioskScreen``), so the layout and the tests use the same
numbers:

- Reach: ADA §308, Section 508 §407.8 and EN 301 549 §8.3 put every control between 380 and 1220 mm above the
  floor. The screen's lower edge is ``screen_bottom_mm`` up; whatever of it lies above 1220 mm is out of reach, and
  the layout keeps controls below that line (``reach_fraction``). The 380 mm floor is the installer's to keep, by
  hanging the screen no lower (docs/kiosk.md, step 7): the controls sit at the screen's bottom.
- Large text: EN 301 549 §5.1.4 asks for a mode where a capital letter spans at least 0.7° of the visitor's view;
  at ``viewing_distance_mm`` that is a cap height in millimetres, then pixels of this screen, then a font size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from timeline.settings import KioskScreen

REACH_TOP_MM = 1220.0
ASPECT = (16, 9)  # the kiosk's screen, either way up
LONG_SIDE_PX = 1920  # the kiosk's screen resolution along its long side (1920x1080 or 1080x1920)
LARGE_TEXT_DEGREES = 0.7
# A capital's height as a share of the font size, for the fonts the kiosk's text can fall to: Source Sans 0.66,
# Liberation Sans (Arial's metrics) 0.72, DejaVu Sans 0.73. The smallest, so every one reaches the angle.
CAP_HEIGHT_EM = 0.66
INCH_MM = 25.4


@dataclass(frozen=True)
class ScreenSize:
    """The screen's physical size in millimetres, as hung (``portrait``: the long side upright)."""

    width_mm: float
    height_mm: float


def screen_size(screen: KioskScreen, portrait: bool) -> ScreenSize:
    wide, high = ASPECT
    diagonal = screen.screen_diagonal_inches * INCH_MM
    long_side, short_side = (diagonal * side / math.hypot(wide, high) for side in (wide, high))
    return ScreenSize(short_side, long_side) if portrait else ScreenSize(long_side, short_side)


def reach_fraction(screen: KioskScreen, portrait: bool) -> float:
    """How far down the screen (0 top, 1 bottom) the 1220 mm reach line lies: controls go below it.
    0 when the whole screen is within reach; 1 when none of it is (the screen hangs too high to be reached)."""
    height = screen_size(screen, portrait).height_mm
    above_reach = screen.screen_bottom_mm + height - REACH_TOP_MM
    return min(1.0, max(0.0, above_reach / height))


def reach_line_px(screen: KioskScreen, portrait: bool, height_px: int) -> int:
    """The first pixel row at or below the reach line on a screen ``height_px`` tall: every control's centre
    must be at this row or lower."""
    return math.ceil(reach_fraction(screen, portrait) * height_px)


def cap_height_mm(screen: KioskScreen, degrees: float = LARGE_TEXT_DEGREES) -> float:
    """The height a capital letter needs to span ``degrees`` of view from the visitor's eyes."""
    return 2 * screen.viewing_distance_mm * math.tan(math.radians(degrees) / 2)


def pixel_mm(screen: KioskScreen, long_side_px: int = LONG_SIDE_PX) -> float:
    """One pixel's size in millimetres."""
    return screen_size(screen, portrait=False).width_mm / long_side_px


def large_text_px(screen: KioskScreen, cap_height_em: float = CAP_HEIGHT_EM) -> int:
    """The smallest whole font size in pixels whose capitals span 0.7° of view: 31 px for a 32-inch 1920-pixel
    screen seen from 600 mm (a 7.33 mm capital is 19.9 pixels of 0.369 mm)."""
    return math.ceil(cap_height_mm(screen) / pixel_mm(screen) / cap_height_em)
