"""Widget labels show curator text literally; narratives become inert HTML with only the CSV's light markup."""

from __future__ import annotations

import pytest

from tests.html_parts import Elements
from timeline.ui.safe_text import code_span, escape, paragraphs_html

HOSTILE = '<script>alert(1)</script> & "$x$" # not a heading\n:red[not red]'


def test_a_hostile_narrative_shows_as_typed_in_paragraphs():
    shown = Elements(paragraphs_html(f"{HOSTILE}\n\nSecond paragraph"))
    assert [tag for tag, _ in shown.tags] == ["p", "br", "p"]
    assert "".join(shown.text) == HOSTILE.replace("\n", "") + "Second paragraph"


@pytest.mark.parametrize("allow_links", [True, False])
def test_only_emphasis_and_web_links_become_markup(allow_links):
    text = "the *Argus* [the hospital](https://example.org/h) [bad](javascript:alert(1))"
    shown = Elements(paragraphs_html(text, allow_links=allow_links))
    links = [attrs["href"] for tag, attrs in shown.tags if tag == "a"]
    assert links == (["https://example.org/h"] if allow_links else [])  # the kiosk has no outbound links
    assert [tag for tag, _ in shown.tags if tag != "a"] == ["p", "em"]
    assert "".join(shown.text) == "the Argus the hospital [bad](javascript:alert(1))"


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
