"""Exhibit settings: category colours reach CSS and the chart, so only real colours are taken."""

from __future__ import annotations

import pytest

from timeline.settings import PROJECT_ROOT, load_settings, parse_settings


def category(color: str) -> str:
    return f'[[categories]]\nname = "City Hospital"\ncolor = "{color}"\n'


@pytest.mark.parametrize("color", ["#143576", "#abc", "#7C3B06"])
def test_hex_colours_are_kept(color):
    assert parse_settings(category(color)).color_for("City Hospital") == color


@pytest.mark.parametrize("color", ["red", "#12345g", "143576", "#143576; background: url(https://evil.example/)",
                                   "#1435", ""])
def test_anything_else_is_a_problem_that_names_the_category_and_the_fix(color):
    with pytest.raises(ValueError, match=r'category "City Hospital".*#143576'):
        parse_settings(category(color))


def test_the_bundled_settings_pass():
    assert load_settings(PROJECT_ROOT / "data" / "exhibit.toml").categories


def test_raw_insights_are_kept_90_days_unless_the_settings_say_otherwise():
    assert parse_settings("").keep_raw_days == 90
    assert parse_settings("[insights]\nkeep_raw_days = 30\n").keep_raw_days == 30
    assert load_settings(PROJECT_ROOT / "data" / "exhibit.toml").keep_raw_days == 90


@pytest.mark.parametrize("value", ["0", "-5", '"ninety"', "true", "90.5", "100000"])
def test_a_keep_raw_days_that_is_not_a_number_of_days_says_how_to_fix_it(value):
    with pytest.raises(ValueError, match=r"\[insights\] keep_raw_days.*keep_raw_days = 90"):
        parse_settings(f"[insights]\nkeep_raw_days = {value}\n")


def test_the_kiosk_screen_defaults_to_32_inches_800_mm_up_seen_from_600_mm():
    screen = parse_settings("").kiosk
    assert (screen.screen_diagonal_inches, screen.screen_bottom_mm, screen.viewing_distance_mm) == (32, 800, 600)


def test_the_kiosk_table_sets_each_key_and_keeps_the_others():
    screen = parse_settings("[kiosk]\nscreen_diagonal_inches = 43\nscreen_bottom_mm = 650.5\n").kiosk
    assert (screen.screen_diagonal_inches, screen.screen_bottom_mm, screen.viewing_distance_mm) == (43, 650.5, 600)


@pytest.mark.parametrize(("text", "message"), [
    ("[kiosk]\nscreen_diagonal_inches = \"32\"\n", r"screen_diagonal_inches = '32' is not a number from 10 to 120"),
    ("[kiosk]\nscreen_bottom_mm = -5\n", r"screen_bottom_mm = -5 is not a number from 0 to 2500.*= 800"),
    ("[kiosk]\nviewing_distance_mm = true\n", r"viewing_distance_mm = True is not a number"),
    ("[kiosk]\nvolume = 80\n", r"volume = 80 is not a number from 0 to 1; .*volume = 0.8"),
    ("[kiosk]\nscreen_height_mm = 800\n", r'no setting "screen_height_mm".*screen_bottom_mm'),
    ("kiosk = 32\n", r"\[kiosk\] on a line of its own"),
])
def test_a_wrong_kiosk_setting_names_the_key_and_the_fix(text, message):
    with pytest.raises(ValueError, match=message):
        parse_settings(text)


def test_the_kiosk_speaks_at_0_8_unless_the_table_says_otherwise():
    assert parse_settings("").kiosk.volume == 0.8
    assert parse_settings("[kiosk]\nvolume = 0.5\n").kiosk.volume == 0.5
