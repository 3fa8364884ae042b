"""Docs are tested: the curator guide names every column and problem code; the README's commands are CI's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from timeline.problems import PROBLEM_TYPES
from timeline.schema import COLUMN_NAMES, COLUMNS
from timeline.settings import KIOSK_LIMITS
from timeline.ui.kiosk.keys import KEY_MAP

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "docs" / "curators.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("column", COLUMN_NAMES)
def test_guide_describes_every_column(column):
    assert re.search(rf"^\| `{re.escape(column)}` \|", GUIDE, re.M), f"column {column} missing from docs/curators.md"


@pytest.mark.parametrize("column", COLUMNS, ids=COLUMN_NAMES)
def test_guide_gives_each_columns_limit(column):
    (row,) = re.findall(rf"^\| `{re.escape(column.name)}` \|.*$", GUIDE, re.M)
    assert row.endswith(f"| {column.max_chars:,} |" if column.max_chars else "| checked as a value |")


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


ONLINE = (ROOT / "docs" / "online.md").read_text(encoding="utf-8")
DEPLOY_FILES = ("deploy/nginx/static-site.conf", "deploy/nginx/streamlit.conf", "deploy/github-pages.yml")


def test_online_guide_shows_the_deploy_files_exactly_as_they_are():
    """The guide's configurations are the tested files themselves, so the two cannot drift apart."""
    shown = dict(re.findall(r"^<!-- include (\S+) -->\n```\w*\n(.*?)```$", ONLINE, re.M | re.S))
    assert sorted(shown) == sorted(DEPLOY_FILES)
    for path, text in shown.items():
        assert text == (ROOT / path).read_text(encoding="utf-8"), f"docs/online.md shows an old {path}"


def test_pages_workflow_checks_then_builds_on_every_catalogue_change():
    workflow = yaml.safe_load((ROOT / "deploy" / "github-pages.yml").read_text(encoding="utf-8"))
    assert {"data/**", "media/**"} <= set(workflow[True]["push"]["paths"])  # YAML 1.1 reads the key `on` as True
    commands = [step.get("run", "") for step in workflow["jobs"]["build"]["steps"]]
    check = commands.index("python -m timeline check")
    build = next(i for i, command in enumerate(commands) if command.startswith("python -m timeline site _site "))
    assert check < build
    assert workflow["jobs"]["deploy"]["needs"] == "build"


def test_both_guides_give_the_status_of_a_crash():
    from timeline.cli import EXIT_CRASH

    assert f"Every command exits with {EXIT_CRASH} when something unexpected happens" in README
    assert f"and {EXIT_CRASH} when something unexpected happened" in GUIDE


KIOSK_GUIDE = (ROOT / "docs" / "kiosk.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("key", ["Enter", "Space", "Tab", "Shift+Tab", "arrow keys", "Escape", "Home", "F1", "F2",
                                 "+ and -"])
def test_the_kiosk_guide_maps_every_key_the_kiosk_answers_and_its_on_screen_help_names_it(key):
    keys = KIOSK_GUIDE.split("\n## Keys\n", 1)[1].split("\n## ", 1)[0]
    assert re.search(rf"^\| [^|]*{re.escape(key)}", keys, re.M | re.I), f"{key} missing from docs/kiosk.md's key map"
    assert any(key.lower() in keys_named.lower() for keys_named, _ in KEY_MAP), f"{key} missing from the F1 help"
    assert "Printable key guide" in keys


def test_the_kiosk_guide_explains_every_kiosk_setting():
    for key in KIOSK_LIMITS:
        assert f"{key} = " in KIOSK_GUIDE and f"{key} = " in (ROOT / "data" / "exhibit.toml").read_text("utf-8")


ACCESSIBILITY = (ROOT / "docs" / "accessibility.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("heading", ["## The kiosk", "### The kiosk's hardware", "## The web page (Streamlit)",
                                     "## The static site", "## Curators", "## How to check it"])
def test_the_accessibility_guide_covers_every_audience_the_hardware_and_the_checks(heading):
    assert f"\n{heading}\n" in ACCESSIBILITY
    assert "docs/accessibility.md" in README


@pytest.mark.parametrize("need", ["Headphone jack", "Keypad", "Speakers", "65 dB", "Section 508 §402.3.2",
                                  "EN 301 549", "WCAG 2.2"])
def test_the_accessibility_guide_names_the_kiosk_s_needs_and_the_standards(need):
    assert need in ACCESSIBILITY


def test_the_accessibility_guide_s_test_commands_name_real_test_files():
    for path in re.findall(r"tests/[\w/]+\.py", ACCESSIBILITY):
        assert (ROOT / path).is_file(), path
