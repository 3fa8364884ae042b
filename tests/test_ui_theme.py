"""The production config and the museum theme: settings the brief requires, and contrast that passes WCAG."""

from __future__ import annotations

import re
import tomllib

import pytest

from timeline.colors import contrast_ratio
from timeline.settings import PROJECT_ROOT

CONFIG = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
CSS = (PROJECT_ROOT / "static" / "exhibit.css").read_text(encoding="utf-8")
THEME = CONFIG["theme"]


@pytest.mark.parametrize(("section", "name", "value"), [
    ("client", "toolbarMode", "minimal"),
    ("client", "showErrorDetails", "none"),
    ("client", "showErrorLinks", False),
    ("browser", "gatherUsageStats", False),
    ("server", "fileWatcherType", "none"),
    ("server", "headless", True),
    ("server", "runOnSave", False),
    ("server", "enableStaticServing", True),
])
def test_production_settings(section, name, value):
    assert CONFIG[section][name] == value


def test_every_setting_is_one_streamlit_knows():
    """Streamlit only warns about a misspelt option in the server log, and then runs without it."""
    from streamlit.config import get_config_options

    known = get_config_options()
    unknown = [f"{section}.{name}" for section, values in CONFIG.items() for name in values
               if f"{section}.{name}" not in known]
    assert not unknown


@pytest.mark.parametrize(("foreground", "background", "minimum"), [
    ("textColor", "backgroundColor", 7.0),
    ("textColor", "secondaryBackgroundColor", 7.0),
    ("primaryColor", "backgroundColor", 4.5),
    ("primaryColor", "secondaryBackgroundColor", 4.5),
    ("linkColor", "backgroundColor", 4.5),
])
def test_theme_contrast(foreground, background, minimum):
    assert contrast_ratio(THEME[foreground], THEME[background]) >= minimum


@pytest.mark.parametrize(("variable", "setting"), [
    ("--paper", "backgroundColor"), ("--paper-deep", "secondaryBackgroundColor"), ("--ink", "textColor"),
    ("--accent", "primaryColor"),
])
def test_stylesheet_uses_the_theme_colours(variable, setting):
    assert re.search(rf"{variable}:\s*{THEME[setting]};", CSS, re.IGNORECASE)


def test_fonts_are_system_stacks():
    """Nothing is downloaded: no font faces, no URLs in the theme or the stylesheet."""
    assert "fontFaces" not in THEME
    assert "@import" not in CSS and "@font-face" not in CSS and "url(" not in CSS
