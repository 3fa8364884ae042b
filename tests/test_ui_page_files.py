"""The stylesheets and scripts the page carries: every one the UI names is in timeline/static/, and is read once."""

from __future__ import annotations

import ast
import json

from tests.html_parts import Elements
from timeline.settings import PROJECT_ROOT
from timeline.ui.page_files import STATIC_DIR, page_file, script_html


def named_files() -> set[str]:
    """The file names passed as literals to ``page_file`` or ``script_html`` anywhere in the UI."""
    names = set()
    for path in (PROJECT_ROOT / "timeline" / "ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("page_file", "script_html")
                    and node.args and isinstance(node.args[0], ast.Constant)):
                names.add(node.args[0].value)
    return names


def test_every_file_the_ui_names_is_in_static():
    names = named_files()
    assert {"chart-tap.js", "kiosk-idle.js", "focus.js", "kiosk.css", "curator.css"} <= names
    assert [name for name in names if not (STATIC_DIR / name).is_file()] == []


def test_a_file_is_read_once():
    page_file.cache_clear()
    page_file("focus.js")
    page_file("focus.js")
    assert page_file.cache_info().hits == 1


def test_a_script_goes_in_whole_with_its_settings_beside_it():
    parsed = Elements(script_html("focus.js", {"selector": "h2", "reveal": True}))
    assert parsed.scripts == [(STATIC_DIR / "focus.js").read_text(encoding="utf-8")]
    assert json.loads(parsed.find("script")[0]["data-config"]) == {"selector": "h2", "reveal": True}
