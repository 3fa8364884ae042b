"""Import rules: the pure core never imports Streamlit or the UI, and only the figure (and the site that ships it)
imports Plotly.

The core is every module under timeline/ outside timeline/ui/. An import counts however it is written: ``import
x.y``, ``from x import y``, relative (``from . import ui``), or by name through ``importlib.import_module`` or
``__import__``; a module imported by a name the checker cannot read is reported as ``<dynamic>``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "timeline"
UI = PACKAGE / "ui"
CORE_MODULES = sorted(p for p in PACKAGE.rglob("*.py") if UI not in p.parents)
# The figure draws; the static site ships Plotly's own JavaScript bundle and the figure as JSON.
PLOTLY_ALLOWED = {"timeline.figure", "timeline.site.build"}
DYNAMIC = "<dynamic>"


def module_name(path: Path) -> str:
    """timeline/site/build.py -> timeline.site.build; a package's __init__.py names the package."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(name: str, level: int, package: str) -> str:
    """A relative import's target, as the interpreter resolves it from ``package``."""
    if not level:
        return name
    base = package.split(".")[: len(package.split(".")) - (level - 1)]
    return ".".join([*base, name] if name else base)


def _dynamic_target(call: ast.Call, package: str) -> str | None:
    """The module an ``importlib.import_module(...)`` or ``__import__(...)`` call imports; None if not such a call."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
    if name not in {"import_module", "__import__"}:
        return None
    if not call.args or not isinstance(call.args[0], ast.Constant) or not isinstance(call.args[0].value, str):
        return DYNAMIC
    target = call.args[0].value
    if name == "import_module" and target.startswith("."):
        anchor = next((k.value for k in call.keywords if k.arg == "package"), None)
        if not (isinstance(anchor, ast.Constant) and isinstance(anchor.value, str)):
            return DYNAMIC
        stripped = target.lstrip(".")
        return _absolute(stripped, len(target) - len(stripped), anchor.value)
    return target


def imported_modules(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module name ``source`` (the text of ``module``) may import, as absolute dotted names.

    ``from a import b`` gives ``a.b``: ``b`` may be a submodule, and a rule on ``a`` matches it as well.
    """
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            origin = _absolute(node.module or "", node.level, package)
            found.update(f"{origin}.{alias.name}" if alias.name != "*" else origin for alias in node.names)
        elif isinstance(node, ast.Call) and (target := _dynamic_target(node, package)) is not None:
            found.add(target)
    return found


def imports_of(path: Path) -> set[str]:
    return imported_modules(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def test_core_modules_exist():
    names = {module_name(p) for p in CORE_MODULES}
    assert names >= {"timeline.dates", "timeline.schema", "timeline.catalog", "timeline.reader", "timeline.validate"}


@pytest.mark.parametrize("module", CORE_MODULES, ids=module_name)
def test_core_never_imports_streamlit_or_the_ui(module):
    for name in imports_of(module):
        assert name != DYNAMIC, f"{module_name(module)} imports a module by a name computed at run time"
        assert not within(name, "streamlit"), f"{module_name(module)} imports {name}"
        assert not within(name, "timeline.ui"), f"{module_name(module)} reaches up into the UI layer: {name}"


@pytest.mark.parametrize("module", CORE_MODULES, ids=module_name)
def test_only_the_figure_imports_plotly(module):
    if module_name(module) in PLOTLY_ALLOWED:
        return
    assert not any(within(name, "plotly") for name in imports_of(module)), module_name(module)


@pytest.mark.parametrize(("module", "source", "expected"), [
    ("timeline.x", "import streamlit as st\nfrom plotly import graph_objects\n", {"streamlit", "plotly.graph_objects"}),
    ("timeline.x", "import streamlit.components.v1\n", {"streamlit.components.v1"}),
    ("timeline.x", "from timeline import ui\n", {"timeline.ui"}),
    ("timeline.x", "from timeline import ui_words\n", {"timeline.ui_words"}),
    ("timeline.x", "from . import ui\n", {"timeline.ui"}),
    ("timeline.x", "from .ui.web import render_web\n", {"timeline.ui.web.render_web"}),
    ("timeline.site.pages", "from .. import ui\n", {"timeline.ui"}),
    ("timeline.site.pages", "from ..ui import *\n", {"timeline.ui"}),
    ("timeline.site.pages", "from . import ui\n", {"timeline.site.ui"}),
    ("timeline.x", "import importlib\nst = importlib.import_module('streamlit')\n", {"importlib", "streamlit"}),
    ("timeline.x", "from importlib import import_module\nimport_module('.ui', package='timeline')\n",
     {"importlib.import_module", "timeline.ui"}),
    ("timeline.x", "__import__('streamlit')\n", {"streamlit"}),
    ("timeline.x", "import importlib\nimportlib.import_module(NAME)\n", {"importlib", DYNAMIC}),
])
def test_the_checker_sees_every_way_to_import(module, source, expected):
    assert imported_modules(source, module) == expected


def test_a_package_resolves_relative_imports_from_itself():
    assert imported_modules("from . import ui\n", "timeline", is_package=True) == {"timeline.ui"}


@pytest.mark.parametrize(("name", "package", "inside"), [
    ("timeline.ui", "timeline.ui", True), ("timeline.ui.web.page", "timeline.ui", True),
    ("timeline.ui_words", "timeline.ui", False), ("streamlit_extras", "streamlit", False),
])
def test_within_matches_whole_names(name, package, inside):
    assert within(name, package) is inside
