"""Import rules: the pure core never imports Streamlit, and only the figure imports Plotly."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parent.parent / "timeline"
CORE_MODULES = sorted(p for p in CORE.glob("*.py"))
PLOTLY_ALLOWED = {"figure.py"}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module)
    return roots


def test_core_modules_exist():
    assert {p.name for p in CORE_MODULES} >= {"dates.py", "schema.py", "catalog.py", "reader.py", "validate.py"}


@pytest.mark.parametrize("module", CORE_MODULES, ids=lambda p: p.name)
def test_core_never_imports_streamlit_or_the_ui(module):
    for name in imported_roots(module):
        assert not name.startswith("streamlit"), f"{module.name} imports {name}"
        assert not name.startswith("timeline.ui"), f"{module.name} reaches up into the UI layer: {name}"


@pytest.mark.parametrize("module", CORE_MODULES, ids=lambda p: p.name)
def test_only_the_figure_imports_plotly(module):
    if module.name in PLOTLY_ALLOWED:
        return
    assert not any(name.startswith("plotly") for name in imported_roots(module)), module.name


def test_the_rule_detects_a_violation(tmp_path):
    offender = tmp_path / "bad.py"
    offender.write_text("import streamlit as st\nfrom plotly import graph_objects\n")
    assert imported_roots(offender) == {"streamlit", "plotly"}
