"""The kiosk's reach line and large-text size, worked out from the [kiosk] settings."""

from __future__ import annotations

import pytest

from timeline.kiosk_reach import (
    cap_height_mm,
    large_text_px,
    pixel_mm,
    reach_fraction,
    reach_line_px,
    screen_size,
)
from timeline.settings import KioskScreen

DEFAULT = KioskScreen()


def test_a_32_inch_16_by_9_screen_measures_708_by_398_mm_either_way_up():
    portrait, landscape = screen_size(DEFAULT, True), screen_size(DEFAULT, False)
    assert (round(portrait.width_mm, 1), round(portrait.height_mm, 1)) == (398.5, 708.4)
    assert (landscape.width_mm, landscape.height_mm) == (portrait.height_mm, portrait.width_mm)


def test_in_portrait_with_the_defaults_every_control_sits_at_or_below_row_782():
    """Lower edge 800 mm, top 1508 mm: 1220 mm is 288 mm below the top, 781.7 of 1920 rows."""
    assert reach_fraction(DEFAULT, True) == pytest.approx(288.4 / 708.4, abs=1e-3)
    assert reach_line_px(DEFAULT, True, 1920) == 782


def test_in_landscape_the_whole_screen_is_within_reach():
    """The top edge is at 1198.5 mm, under the 1220 mm line."""
    assert reach_fraction(DEFAULT, False) == 0
    assert reach_line_px(DEFAULT, False, 1080) == 0


@pytest.mark.parametrize(("bottom", "portrait", "fraction"), [
    (1000, False, (1398.5 - 1220) / 398.5),  # hung higher, even landscape has a strip out of reach
    (300, True, 0.0),  # a low screen is within reach everywhere
    (1300, True, 1.0),  # hung above reach: nothing on it is, and the line says so
])
def test_the_line_follows_the_screen_s_height_on_the_wall(bottom, portrait, fraction):
    screen = KioskScreen(screen_bottom_mm=bottom)
    assert reach_fraction(screen, portrait) == pytest.approx(fraction, abs=1e-3)


def test_a_capital_spanning_0_7_degrees_at_600_mm_is_7_3_mm_or_20_pixels():
    assert cap_height_mm(DEFAULT) == pytest.approx(7.33, abs=0.01)
    assert pixel_mm(DEFAULT) == pytest.approx(0.369, abs=0.001)
    assert cap_height_mm(DEFAULT) / pixel_mm(DEFAULT) == pytest.approx(19.9, abs=0.05)


@pytest.mark.parametrize(("screen", "px"), [
    (DEFAULT, 31),  # at least the 28 px the standard's example gives for a font whose capitals are 0.7 em
    (KioskScreen(viewing_distance_mm=900), 46),  # further away, larger
    (KioskScreen(screen_diagonal_inches=43), 23),  # bigger pixels, fewer of them
])
def test_large_text_size_follows_distance_and_pixel_size(screen, px):
    assert large_text_px(screen) == px
    assert large_text_px(screen) * 0.66 * pixel_mm(screen) >= cap_height_mm(screen)
    assert (large_text_px(screen) - 1) * 0.66 * pixel_mm(screen) < cap_height_mm(screen)
