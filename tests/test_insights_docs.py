"""docs/insights.md is tested: it names every event kind, every way of reaching an entry, every filter and every
key of the JSON summary, and its settings example is the bundled one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from timeline.insights.events import END_REASONS, FEATURES, FILTERS, NOTE_OUTCOMES, PROMPT_OUTCOMES, Kind, Reached
from timeline.insights.summary import empty_insights, summary_json
from timeline.settings import PROJECT_ROOT, load_settings

DOC = (Path(__file__).resolve().parent.parent / "docs" / "insights.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", [k.value for k in Kind])
def test_every_event_kind_has_a_row(kind):
    assert re.search(rf"^\| `{re.escape(kind)}` \|", DOC, re.M), kind


@pytest.mark.parametrize("reached", [r.value for r in Reached])
def test_every_way_of_reaching_an_entry_has_a_row(reached):
    assert re.search(rf"^\| `{re.escape(reached)}` \|", DOC, re.M), reached


@pytest.mark.parametrize("detail", sorted(FILTERS | END_REASONS | FEATURES | NOTE_OUTCOMES | PROMPT_OUTCOMES))
def test_every_allowed_detail_is_named(detail):
    assert f"`{detail}`" in DOC


@pytest.mark.parametrize("key", sorted(summary_json(empty_insights())))
def test_every_json_key_is_described(key):
    assert f"`{key}`" in DOC


def test_the_settings_example_is_the_bundled_default():
    example = re.search(r"\[insights\]\nkeep_raw_days = (\d+)", DOC)
    assert example and int(example.group(1)) == load_settings(PROJECT_ROOT / "data" / "exhibit.toml").keep_raw_days
    assert f"after\n> {example.group(1)} days" in DOC or f"after {example.group(1)} days" in DOC.replace("\n> ", " ")


def test_the_readme_points_here():
    assert "docs/insights.md" in (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def test_the_numbers_the_guide_gives_are_the_codes():
    from timeline.insights.events import QUERY_MAX
    from timeline.insights.recorder import CAPACITY
    from timeline.insights.summary import SEVERAL, SUPPRESS_BELOW
    from timeline.ui.curator.insights import STALE_MINUTES

    assert f"({CAPACITY:,} events)" in DOC and f"at most {QUERY_MAX} characters" in DOC
    assert f"open {SEVERAL} or more" in DOC and f"silent for {STALE_MINUTES} minutes" in DOC
    assert f"counts below {SUPPRESS_BELOW} are left out" in DOC
