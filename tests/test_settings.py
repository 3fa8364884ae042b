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
