"""Widget labels show curator text literally; narratives go through timeline.richtext."""

from __future__ import annotations

import pytest

from timeline.richtext import text_to_html
from timeline.ui.safe_text import code_span, escape, paragraphs_html


def test_narratives_use_the_one_rich_text_implementation():
    assert paragraphs_html is text_to_html  # its hostile cases live in tests/test_richtext.py


@pytest.mark.parametrize(("text", "expected"), [
    ('"quoted" & <tag>', "&quot;quoted&quot; &amp; &lt;tag&gt;"),
    ("it's", "it&#x27;s"),
])
def test_escape(text, expected):
    assert escape(text) == expected


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
