"""Widget labels show curator text literally: a Markdown code span whatever the text holds."""

from __future__ import annotations

import pytest

from timeline.ui.safe_text import code_span


@pytest.mark.parametrize(("text", "expected"), [
    ("", ""),
    ("Homer G. Phillips", "`Homer G. Phillips`"),
    ("$1 million :red[x] # h", "`$1 million :red[x] # h`"),
    ("a `tick` here", "``a `tick` here``"),
    ("`edge", "`` `edge ``"),
    ("two\nlines  spaced", "`two lines spaced`"),
])
def test_code_span(text, expected):
    assert code_span(text) == expected
