"""Curator text becomes escaped HTML with only emphasis and http(s) links, and literal widget labels."""

from __future__ import annotations

import pytest

from timeline.ui.safe_text import code_span, escape, paragraphs_html


@pytest.mark.parametrize(("text", "expected"), [
    ("", ""),
    ("Plain words.", "<p>Plain words.</p>"),
    ("$1 million of an $87 million bond issue", "<p>$1 million of an $87 million bond issue</p>"),
    ("# Heading", "<p># Heading</p>"),
    (":red[red]", "<p>:red[red]</p>"),
    ("see www.example.com or someone@example.org",
     "<p>see www.example.com or someone@example.org</p>"),
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    ("<iframe src=x>", "<p>&lt;iframe src=x&gt;</p>"),
    ('<a href="https://evil.example">click</a>',
     "<p>&lt;a href=&quot;https://evil.example&quot;&gt;click&lt;/a&gt;</p>"),
    ("One.\n\nTwo.", "<p>One.</p><p>Two.</p>"),
    ("One.\r\n  \r\nTwo.", "<p>One.</p><p>Two.</p>"),
    ("Line one\nline two", "<p>Line one<br>line two</p>"),
    ("an *emphasised* word", "<p>an <em>emphasised</em> word</p>"),
    ("an _emphasised_ word", "<p>an <em>emphasised</em> word</p>"),
    ("snake_case_name and 2*3*4", "<p>snake_case_name and 2*3*4</p>"),
    ("* not emphasis *", "<p>* not emphasis *</p>"),
    ("[the record](https://example.org/a?b=1&c=2)",
     '<p><a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">the record</a></p>'),
    ("[*bold* claim](http://example.org)",
     '<p><a href="http://example.org" rel="noopener noreferrer"><em>bold</em> claim</a></p>'),
    ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>"),
    ("[x](mailto:someone@example.org)", "<p>[x](mailto:someone@example.org)</p>"),
    ('[x](https://a.example/"onmouseover=alert(1))', '<p>[x](https://a.example/&quot;onmouseover=alert(1))</p>'),
])
def test_paragraphs_html(text, expected):
    assert paragraphs_html(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("[the record](https://example.org)", "<p>the record</p>"),
    ("a [<b>label</b>](https://example.org) here", "<p>a &lt;b&gt;label&lt;/b&gt; here</p>"),
])
def test_links_become_labels_when_not_allowed(text, expected):
    assert paragraphs_html(text, allow_links=False) == expected


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
