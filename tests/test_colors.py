"""Contrast ratios as WCAG defines them, colours nudged until they read, and mixing."""

from __future__ import annotations

import pytest

from timeline.colors import contrast_ratio, ensure_contrast, mix


@pytest.mark.parametrize("color, background, kept", [
    ("#FFD700", "#FFFFFF", None),  # gold on white fails: darkened
    ("#fd0", "#FFFFFF", None),
    ("#FFFFFF", "#FFFFFF", None),
    ("#1F77B4", "#F5F5F5", "#1F77B4"),  # already fine: unchanged
    ("#777777", "#FFFFFF", "#777777"),  # 4.48:1
    ("#a51417", "#FFFFFF", "#A51417"),  # normalised to upper case
    ("#000080", "#000000", None),  # dark on dark: lightened
])
def test_ensure_contrast_reaches_three_to_one_and_keeps_good_colours(color, background, kept):
    result = ensure_contrast(color, background)
    assert contrast_ratio(result, background) >= 3.0
    assert result == kept if kept else contrast_ratio(color, background) < 3.0


@pytest.mark.parametrize("color, background, expected", [
    ("#000000", "#FFFFFF", 21.0),
    ("#FFFFFF", "#FFFFFF", 1.0),
    ("#777777", "#FFFFFF", 4.48),
])
def test_contrast_ratio_matches_wcag(color, background, expected):
    assert contrast_ratio(color, background) == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize("bad", ["red", "#12345", "#GGGGGG", ""])
def test_ensure_contrast_rejects_malformed_colours(bad):
    with pytest.raises(ValueError):
        ensure_contrast(bad)




@pytest.mark.parametrize(("color", "other", "share", "expected"), [
    ("#FFFFFF", "#000000", 0.0, "#FFFFFF"),
    ("#FFFFFF", "#000000", 1.0, "#000000"),
    ("#FAF6EE", "#1F1F1F", 0.1, "#E4E0D9"),  # the web chart's lane rules
    ("#fff", "#000", 2.0, "#000000"),  # shares beyond 1 are capped
])
def test_mix(color, other, share, expected):
    assert mix(color, other, share) == expected
