"""Narrative text to and from HTML: what survives, what is escaped, and that nothing raises."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.richtext import (
    Unlinked,
    html_to_line,
    html_to_text,
    images,
    paragraphs,
    sentences_html,
    text_to_html,
    unlinked,
)


@pytest.mark.parametrize(("markup", "expected"), [
    ("<p>One</p><p>Two</p>", "One\n\nTwo"),
    ("<p>a<br>b</p>", "a\nb"),  # a line break stays one
    ("<p>a<br/><br />b</p>", "a\n\nb"),  # an empty line, as a browser shows it, starts a paragraph
    ("<p>Five students <em>enter</em> the <i>school</i>.</p>", "Five students *enter* the *school*."),
    ("<p>x <em> spaced </em> y</p>", "x *spaced* y"),
    ('See <a href="https://example.org/a?b=1&amp;c=2">the record</a>.', "See [the record](https://example.org/a?b=1&c=2)."),
    ('<a href="javascript:alert(1)">click</a> <a href="mailto:a@b.org">mail</a>', "click mail"),
    ('<a href="https://example.org/">  </a>tail', "tail"),
    ("Tom &amp; Jerry &mdash; &lt;b&gt; &#8220;q&#8221;", "Tom & Jerry — <b> “q”"),
    ("<p>kept <b>bold</b> <span class='x'>span</span></p>", "kept bold span"),
    ("<p>ok</p><script>alert(1)</script><style>p{}</style>", "ok"),
    ("Typed line one\nline two\n\n\nthree", "Typed line one\nline two\n\nthree"),
    ("Typed\r\n  \r\nCRLF", "Typed\n\nCRLF"),
    ("<p>html\nsource   lines</p>", "html source lines"),
    ("<p>unclosed <em>emphasis", "unclosed *emphasis*"),
    ("<<<>>>&&", "<<<>>>&&"),
    ("", ""),
])
def test_html_to_text(markup, expected):
    assert html_to_text(markup) == expected


HREF = 'href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer"'


# Curator text is data: Streamlit-Markdown and HTML constructs stay literal, only *emphasis* and links are markup.
@pytest.mark.parametrize(("text", "expected"), [
    ("", ""),
    ("  \n \n", ""),
    ("Plain words.", "<p>Plain words.</p>"),
    ("One.\n\nTwo.", "<p>One.</p><p>Two.</p>"),
    ("One.\r\n  \r\nTwo.", "<p>One.</p><p>Two.</p>"),
    ("Line one\nline two", "<p>Line one<br>line two</p>"),  # docs/curators.md: blank lines start paragraphs
    ("Line\r\nbreak  \n\n\n  next", "<p>Line<br>break</p><p>next</p>"),
    ("$1 million of an $87 million bond issue", "<p>$1 million of an $87 million bond issue</p>"),
    ("# Heading", "<p># Heading</p>"),
    (":red[red]", "<p>:red[red]</p>"),
    ("see www.example.com or someone@example.org", "<p>see www.example.com or someone@example.org</p>"),
    ("<script>alert(1)</script> & 'q'", "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#x27;q&#x27;</p>"),
    ("<iframe src=x>", "<p>&lt;iframe src=x&gt;</p>"),
    ('<a href="https://evil.example">click</a>',
     "<p>&lt;a href=&quot;https://evil.example&quot;&gt;click&lt;/a&gt;</p>"),
    ("*Black* patients", "<p><em>Black</em> patients</p>"),
    ("an _underscored_ word", "<p>an _underscored_ word</p>"),  # the contract names *emphasis* only
    ("snake_case_name and 2*3*4", "<p>snake_case_name and 2*3*4</p>"),
    ("* not emphasis *", "<p>* not emphasis *</p>"),
    ("[the record](https://example.org/a?b=1&c=2)", f'<p><a {HREF}>the record</a></p>'),
    ("[the *Argus*](http://example.org)",
     '<p><a href="http://example.org" rel="noopener noreferrer">the <em>Argus</em></a></p>'),
    ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>"),
    ("[x](mailto:someone@example.org)", "<p>[x](mailto:someone@example.org)</p>"),
    # A quote in an address is percent-encoded there (CommonMark), so it cannot close the href attribute.
    ('[x](https://a.example/"onmouseover=alert(1))',
     '<p><a href="https://a.example/%22onmouseover=alert(1)" rel="noopener noreferrer">x</a></p>'),
    # Addresses as CommonMark writes them, which the page showed as raw Markdown before.
    ("[the hospital](https://en.wikipedia.org/wiki/Homer_G._Phillips_Hospital_(St._Louis))",
     '<p><a href="https://en.wikipedia.org/wiki/Homer_G._Phillips_Hospital_(St._Louis)" rel="noopener noreferrer">'
     "the hospital</a></p>"),
    ("[x]( https://example.org/a )", '<p><a href="https://example.org/a" rel="noopener noreferrer">x</a></p>'),
    ("[x](<https://example.org/a b>)", '<p><a href="https://example.org/a%20b" rel="noopener noreferrer">x</a></p>'),
    ("[O'Fallon Park](https://example.org/O'Fallon_Park)",
     '<p><a href="https://example.org/O&#x27;Fallon_Park" rel="noopener noreferrer">O&#x27;Fallon Park</a></p>'),
    ("[x](https://example.org/café)", '<p><a href="https://example.org/caf%C3%A9" rel="noopener noreferrer">x</a></p>'),
    ("[x](www.example.org) [y](https://localhost/)", "<p>[x](www.example.org) [y](https://localhost/)</p>"),
    ("**strong** is not in the contract", "<p>**strong** is not in the contract</p>"),
    ("[a](https://example.org) and *b*, [c](ftp://x.org)",
     '<p><a href="https://example.org" rel="noopener noreferrer">a</a> and <em>b</em>, [c](ftp://x.org)</p>'),
])
def test_text_to_html_escapes_everything_but_our_two_forms(text, expected):
    assert text_to_html(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("[the record](https://example.org)", "<p>the record</p>"),
    ("a [<b>label</b>](https://example.org) here", "<p>a &lt;b&gt;label&lt;/b&gt; here</p>"),
])
def test_links_become_labels_when_not_allowed(text, expected):
    assert text_to_html(text, allow_links=False) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("No links here, only [brackets] and (parentheses).", ()),
    ("[fine](https://en.wikipedia.org/wiki/Homer_G._Phillips_Hospital_(St._Louis)) and [x]( <https://a.org/b> )", ()),
    ("[x](javascript:alert(1)) and [y](www.example.org)",
     (Unlinked("javascript:alert(1)", ""), Unlinked("www.example.org", ""))),
    ("See [the record](https://example.org/record for details.",
     (Unlinked("", "See [the record](https://example.org/record for"),)),
    ("One.\n\nTwo [a](mailto:a@b.org).", (Unlinked("mailto:a@b.org", ""),)),
])
def test_unlinked_names_what_the_renderer_shows_as_typed(text, expected):
    assert unlinked(text) == expected
    for item in expected:  # derived from the renderer: each one is in the page as typed
        assert html.escape(item.address or item.written) in text_to_html(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("A ![a map](https://example.org/map.jpg) of the ward.", ("![a map](https://example.org/map.jpg)",)),
    ("*![x](https://a.org/x.png)* and ![y](javascript:alert(1))", ("![x](https://a.org/x.png)",
                                                                  "![y](javascript:alert(1))")),
    ("Wow! [a link](https://a.org) and ! [spaced](https://a.org)", ()),
])
def test_a_markdown_picture_is_named_and_shown_as_typed_not_as_a_link(text, expected):
    assert images(text) == expected
    assert unlinked(text) == ()  # named once, as a picture, not also as a broken link
    shown = text_to_html(text)
    for written in expected:
        assert html.escape(written) in shown
    assert all(f'href="{written.split("(", 1)[1][:-1]}"' not in shown for written in expected)


def test_html_to_line_flattens():
    assert html_to_line("<p><b>Head</b> &amp;</p><p><em>line</em></p>") == "Head & line"


words = st.text(st.characters(codec="utf-8", exclude_characters="*[]\r\n\x85\u2028\u2029",
                              exclude_categories=("Cs", "Cc")), max_size=30)


@given(st.lists(words, max_size=4))
def test_plain_text_survives_the_round_trip(parts):
    text = "\n".join(parts)
    expected = "\n\n".join("\n".join(" ".join(line.split()) for line in p.split("\n")) for p in paragraphs(text))
    assert html_to_text(text_to_html(text)) == expected


@given(st.text(max_size=80))
def test_any_text_renders_to_our_tags_only_and_never_raises(text):
    assert set(re.findall(r"<(/?[a-z]+)", text_to_html(text))) <= {"p", "/p", "br", "em", "/em", "a", "/a"}
    assert all(isinstance(item, Unlinked) for item in unlinked(text))


def _bounds_after_periods(paragraph: str) -> list[tuple[int, int]]:
    """Sentences end after ". " (the narration's own splitter is tested in test_narration_script.py)."""
    ends = [m.end() for m in re.finditer(r"\. ", paragraph)]
    starts = [0, *ends]
    return list(zip(starts, [*ends, len(paragraph)], strict=True))


@pytest.mark.parametrize(("text", "expected"), [
    ("One. Two.", '<p><span data-cue="5">One. </span><span data-cue="6">Two.</span></p>'),
    ("A *b. c* d.\nE.\n\nF.",
     '<p><span data-cue="5">A <em>b. </em></span><span data-cue="6"><em>c</em> d.<br>E.</span></p>'
     '<p><span data-cue="7">F.</span></p>'),
    ("[x. y](https://example.org/) <b>.", '<p><span data-cue="5"><a href="https://example.org/" rel="noopener '
     'noreferrer">x. </a></span><span data-cue="6"><a href="https://example.org/" rel="noopener noreferrer">y</a>'
     ' &lt;b&gt;.</span></p>'),
])
def test_sentences_are_marked_with_their_cue_numbers_and_nest_properly(text, expected):
    marked = sentences_html(text, _bounds_after_periods, 5)
    assert marked == expected
    plain = re.sub(r'<span data-cue="\d+">|</span>', "", marked)
    assert re.sub(r"</(em|a)>(<(em|a)[^>]*>)", "", plain) == text_to_html(text)  # the same words and marks


def test_the_sentence_mark_in_curator_text_cuts_nothing():
    assert sentences_html("One\ue000 two. Three.", _bounds_after_periods, 1) == (
        '<p><span data-cue="1">One two. </span><span data-cue="2">Three.</span></p>')
