"""The production config (.streamlit/config.toml) and the museum theme: what each setting is for.

Values are not restated here. Streamlit itself is asked what the file makes it do: the options it knows, what a
visitor sees of an error, what start-up prints and looks up; and the theme is checked for the contrast it
promises and the fonts it makes a visitor download.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
import streamlit

from tests.browser.app_server import free_port
from tests.html_parts import Elements
from timeline import image_urls as images
from timeline.colors import contrast_ratio
from timeline.render import STATIC
from timeline.settings import PROJECT_ROOT
from timeline.ui.styles import STYLESHEETS

CONFIG_FILE = PROJECT_ROOT / ".streamlit" / "config.toml"
CONFIG = tomllib.loads(CONFIG_FILE.read_text(encoding="utf-8"))
CSS = (STATIC / "exhibit.css").read_text(encoding="utf-8")
THEME = CONFIG["theme"]
README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
STREAMLIT_STATIC = Path(streamlit.__file__).parent / "static"
START_TIMEOUT = 90.0  # seconds; a cold Streamlit import on 2 busy cores takes 5 to 15


def settings(config: dict, prefix: str = "") -> dict[str, object]:
    """The file's settings as {"section.name": value}; [[theme.fontFaces]] and [theme.sidebar] nest."""
    flat: dict[str, object] = {}
    for name, value in config.items():
        if isinstance(value, dict) and prefix.count(".") < 1:
            flat |= settings(value, f"{prefix}{name}.")
        else:
            flat[f"{prefix}{name}"] = value
    return flat


def test_every_setting_is_one_streamlit_knows():
    """Streamlit only warns about a misspelt option in the server log, and then runs without it."""
    from streamlit.config import get_config_options

    known = get_config_options()
    assert [key for key in settings(CONFIG) if key not in known] == []


# Loads the project's config as `streamlit run` does in the project folder, then has Streamlit report an
# uncaught error the way it sends one to the browser.
_ERROR_PROBE = """
import json
from streamlit import config
from streamlit.elements import exception
from streamlit.proto.Exception_pb2 import Exception as ExceptionProto
config.get_config_options(force_reparse=True)
proto = ExceptionProto()
try:
    open("/srv/private/exhibit/events.csv")
except OSError as error:
    exception.marshall(proto, error, apply_show_error_details=True)
print(json.dumps({"type": proto.type, "message": proto.message, "trace": list(proto.stack_trace)}))
"""


def test_visitors_never_see_an_errors_details():
    """A traceback or message would show the server's file paths to any visitor."""
    done = subprocess.run([sys.executable, "-c", _ERROR_PROBE], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          check=True)
    shown = json.loads(done.stdout)
    assert shown["trace"] == []
    assert "/srv/private" not in shown["message"] and "FileNotFoundError" not in json.dumps(shown)


def test_start_up_looks_up_no_address_and_says_where_the_page_is(tmp_path):
    """The README's `streamlit run app.py`: Streamlit would otherwise ask an outside service for this machine's
    public address at every start, and print "Did not auto detect external IP" (which reads like an error)."""
    log = tmp_path / "streamlit.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TIMELINE_", "STREAMLIT_"))}
    with log.open("wb") as out:
        command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(free_port())]
        server = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                  stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while "URL:" not in log.read_text(errors="replace") and server.poll() is None and time.monotonic() < deadline:
            time.sleep(0.25)
    finally:
        server.terminate()
        server.wait(10)
    printed = log.read_text(errors="replace")
    assert re.search(r"^\s*URL: http://localhost:\d+", printed, re.MULTILINE), printed
    assert "External URL" not in printed and "Did not auto detect" not in printed, printed


def test_static_serving_is_on_for_the_image_urls():
    """Image derivatives are addressed under app/static/, which Streamlit serves only with static serving on."""
    from streamlit.config import get_config_options

    assert images.STATIC_URL == "app/static/" and images.STATIC_DIR.resolve() == (PROJECT_ROOT / "static").resolve()
    assert settings(CONFIG).get("server.enableStaticServing", get_config_options()["server.enableStaticServing"]
                                .default_val) is True


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


def test_our_fonts_are_system_stacks():
    """The theme and the stylesheets add no font file: no font faces, no font URL (Streamlit reads
    ``Family:https://...`` in a font setting as one to download), no @import or url() in the CSS."""
    assert "fontFaces" not in THEME
    assert not [name for name in ("font", "headingFont", "codeFont") if "://" in THEME.get(name, "")]
    for sheet in STYLESHEETS:
        css = sheet.read_text(encoding="utf-8")
        assert "@import" not in css and "@font-face" not in css and "url(" not in css, sheet.name


def test_the_readme_states_the_fonts_streamlit_still_downloads():
    """Streamlit's page preloads Source Sans whatever the theme says, and draws its icons (expanders, menus)
    with Material Symbols: a first visit downloads both from our server. An upgrade that changes them fails here,
    so the README's figure (measured in headless Chromium: these two files, in every mode) stays true."""
    index = (STREAMLIT_STATIC / "index.html").read_text(encoding="utf-8")
    preloaded = [STREAMLIT_STATIC / link["href"] for link in Elements(index).find("link", rel="preload", as_="font")]
    assert [path.name.split(".")[0] for path in preloaded] == ["SourceSansVF-Upright"]
    icons = sorted((STREAMLIT_STATIC / "static" / "media").glob("MaterialSymbols-Rounded.*.woff2"))
    assert len(icons) == 1
    kilobytes = round(sum(path.stat().st_size for path in (*preloaded, *icons)) / 1000)
    assert re.search(rf"Source Sans.*Material Symbols.*about {kilobytes} KB", README, re.DOTALL)
    assert f"({kilobytes} KB, then cached)" in CONFIG_FILE.read_text(encoding="utf-8")
