"""Counts in plain English (timeline/wording.py)."""

from __future__ import annotations

import pytest

from timeline.wording import counted


@pytest.mark.parametrize(("number", "noun", "plural", "expected"), [
    (0, "error", "", "0 errors"),
    (1, "error", "", "1 error"),
    (2, "error", "", "2 errors"),
    (1, "entry", "entries", "1 entry"),
    (5, "entry", "entries", "5 entries"),
    (1, "placeholder card", "", "1 placeholder card"),
])
def test_counted(number, noun, plural, expected):
    assert counted(number, noun, plural) == expected
