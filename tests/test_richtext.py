"""Narrative text to and from HTML: what survives, what is escaped, and that nothing raises."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.richtext import html_to_line, html_to_text, paragraphs, text_to_html


@pytest.mark.parametrize(("markup", "expected"), [
    ("<p>One</p><p>Two</p>", "One\n\nTwo"),
    ("<p>a<br>b</p>", "a\n\nb"),
    ("<p>Five students <em>enter</em> the <i>school</i>.</p>", "Five students *enter* the *school*."),
    ("<p>x <em> spaced </em> y</p>", "x *spaced* y"),
    ('See <a href="https://example.org/a?b=1&amp;c=2">the record</a>.', "See [the record](https://example.org/a?b=1&c=2)."),
    ('<a href="javascript:alert(1)">click</a> <a href="mailto:a@b.org">mail</a>', "click mail"),
    ('<a href="https://example.org/">  </a>tail', "tail"),
    ("Tom &amp; Jerry &mdash; &lt;b&gt; &#8220;q&#8221;", "Tom & Jerry — <b> “q”"),
    ("<p>kept <b>bold</b> <span class='x'>span</span></p>", "kept bold span"),
    ("<p>ok</p><script>alert(1)</script><style>p{}</style>", "ok"),
    ("Typed line one\nline two\n\n\nthree", "Typed line one\n\nline two\n\nthree"),
    ("<p>html\nsource   lines</p>", "html source lines"),
    ("<p>unclosed <em>emphasis", "unclosed *emphasis*"),
    ("<<<>>>&&", "<<<>>>&&"),
    ("", ""),
])
def test_html_to_text(markup, expected):
    assert html_to_text(markup) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("One\n\nTwo", "<p>One</p><p>Two</p>"),
    ("Line\r\nbreak", "<p>Line</p><p>break</p>"),
    ("<script>x</script> & 'q'", "<p>&lt;script&gt;x&lt;/script&gt; &amp; &#x27;q&#x27;</p>"),
    ("*Black* patients", "<p><em>Black</em> patients</p>"),
    ("[the *Argus*](https://example.org/?a=1&b=2)",
     '<p><a href="https://example.org/?a=1&amp;b=2">the <em>Argus</em></a></p>'),
    ("[bad](javascript:alert(1))", "<p>[bad](javascript:alert(1))</p>"),
    ('[x](https://e.org/"onclick=y)', '<p><a href="https://e.org/&quot;onclick=y">x</a></p>'),
    ("", ""),
])
def test_text_to_html_escapes_everything_but_our_two_forms(text, expected):
    assert text_to_html(text) == expected


def test_html_to_line_flattens():
    assert html_to_line("<p><b>Head</b> &amp;</p><p><em>line</em></p>") == "Head & line"


words = st.text(st.characters(codec="utf-8", exclude_characters="*[]\r\n\x85\u2028\u2029",
                              exclude_categories=("Cs", "Cc")), max_size=30)


@given(st.lists(words, max_size=4))
def test_plain_text_survives_the_round_trip(parts):
    text = "\n".join(parts)
    expected = "\n\n".join(" ".join(p.split()) for p in paragraphs(text) if p.split())
    assert html_to_text(text_to_html(text)) == expected
