"""The entry view's HTML pieces and the list's labels: curator text escaped, links only for http(s)."""

from __future__ import annotations

import pytest

from timeline.dates import parse_date
from timeline.schema import Entry, Kind
from timeline.ui.detail import body_html, facts_html, figure_html, has_picture, source_html
from timeline.ui.entry_list import item_meta, open_label


def entry(**fields) -> Entry:
    base = {"id": "e", "kind": Kind.EVENT, "date": parse_date("1947"), "title": "T", "row": 2}
    return Entry(**{**base, **fields})


@pytest.mark.parametrize(("source", "allow_links", "expected"), [
    ("https://example.org/a?b=1&c=2", True,
     '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">https://example.org/a?b=1&amp;c=2</a>'),
    ("HTTP://EXAMPLE.ORG", True, '<a href="HTTP://EXAMPLE.ORG" rel="noopener noreferrer">HTTP://EXAMPLE.ORG</a>'),
    ("https://example.org", False, "https://example.org"),
    ("Becker Archives VF07177", True, "Becker Archives VF07177"),
    ("<script>x</script>", True, "&lt;script&gt;x&lt;/script&gt;"),
    ("www.example.org", True, "www.example.org"),
    ("https://example.org/a page", True, "https://example.org/a page"),  # the checker says link-unrendered
    ("javascript:alert(1)", True, "javascript:alert(1)"),
])
def test_source_html(source, allow_links, expected):
    assert source_html(source, allow_links) == expected


@pytest.mark.parametrize(("fields", "expected"), [
    ({"text": "Said <b>this</b>."}, '<div class="prose"><p>Said &lt;b&gt;this&lt;/b&gt;.</p></div>'),
    ({"kind": Kind.QUOTE, "text": "We waited.", "attribution": "A & B, 1980"},
     '<blockquote class="quote prose"><p>We waited.</p></blockquote><p class="attribution">— A &amp; B, 1980</p>'),
])
def test_body_html(fields, expected):
    assert body_html(entry(**fields)) == expected


def test_facts_and_figure_escape_everything():
    shown = entry(people=("<i>x</i>",), place="A & B", image_caption='"cap"', image_credit="<credit>")
    assert facts_html(shown) == ('<dl class="detail-facts"><dt>People</dt><dd>&lt;i&gt;x&lt;/i&gt;</dd>'
                                 "<dt>Place</dt><dd>A &amp; B</dd></dl>")
    assert figure_html(shown, "app/static/derived/x.jpg", 'a "b"') == (
        '<figure class="detail-figure"><img src="app/static/derived/x.jpg" alt="a &quot;b&quot;">'
        '<figcaption>&quot;cap&quot; <span class="credit">Credit: &lt;credit&gt;</span></figcaption></figure>')


@pytest.mark.parametrize(("fields", "expected"), [
    ({}, True),
    ({"kind": Kind.QUOTE}, False),
    ({"kind": Kind.QUOTE, "image_description": "Portrait"}, True),
])
def test_has_picture(fields, expected):
    assert has_picture(entry(**fields)) is expected


def test_list_label_and_meta():
    shown = entry(title="$1 million :red[x]", display_date="Fall 1947", category="A <b>")
    assert open_label(shown) == "`Open:` `$1 million :red[x]` `, Fall 1947`"
    assert item_meta(shown) == '<p class="item-meta">Fall 1947 · A &lt;b&gt;</p>'
