"""Docs are tested: the curator guide names every column and problem code; the README's commands are CI's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from timeline.problems import PROBLEM_TYPES
from timeline.schema import COLUMN_NAMES

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "docs" / "curators.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("column", COLUMN_NAMES)
def test_guide_describes_every_column(column):
    assert re.search(rf"^\| `{re.escape(column)}` \|", GUIDE, re.M), f"column {column} missing from docs/curators.md"


@pytest.mark.parametrize("code", sorted(PROBLEM_TYPES))
def test_guide_explains_every_problem_code(code):
    assert re.search(rf"^\| `{re.escape(code)}` \|", GUIDE, re.M), f"problem {code} missing from docs/curators.md"


@pytest.mark.parametrize("code", sorted(code for code in PROBLEM_TYPES if code.startswith("image-")))
def test_the_media_folders_readme_explains_every_image_problem(code):
    assert f"| `{code}` |" in (ROOT / "media" / "README.md").read_text(encoding="utf-8")


def test_readme_quick_start_is_two_commands_and_ci_runs_the_second():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^```(?:sh|bash)?\n(.+?)\n```", quick, re.M | re.S)
    assert len(commands) == 2, commands
    assert "streamlit run app.py" in commands[0]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
