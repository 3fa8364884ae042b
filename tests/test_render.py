"""Templates escape by default; curator text becomes markup only through the rich-text renderer."""

from __future__ import annotations

import pytest
from jinja2 import UndefinedError

from tests.html_parts import Elements
from timeline.render import environment, render, render_macro

HOSTILE = '<script>alert(1)</script> & "$x$" # not a heading\n:red[not red]'


def test_every_template_escapes_what_it_is_given() -> None:
    template = environment().from_string("<p>{{ text }}</p>")
    assert template.render(text="<script>x</script>") == "<p>&lt;script&gt;x&lt;/script&gt;</p>"


def test_rich_text_goes_through_the_one_renderer() -> None:
    template = environment().from_string("{{ text|rich }}|{{ text|rich(False) }}")
    html = template.render(text="A *b* [c](https://example.org) <i>d</i>")
    links, plain = html.split("|")
    link = '<a href="https://example.org" rel="noopener noreferrer">c</a>'
    assert links == f"<p>A <em>b</em> {link} &lt;i&gt;d&lt;/i&gt;</p>"
    assert plain == "<p>A <em>b</em> c &lt;i&gt;d&lt;/i&gt;</p>"


def test_a_hostile_narrative_shows_as_typed_in_paragraphs() -> None:
    shown = Elements(environment().from_string("{{ text|rich }}").render(text=f"{HOSTILE}\n\nSecond paragraph"))
    assert [tag for tag, _ in shown.tags] == ["p", "br", "p"]
    assert "".join(shown.text) == HOSTILE.replace("\n", "") + "Second paragraph"


@pytest.mark.parametrize("allow_links", [True, False])
def test_only_emphasis_and_web_links_become_markup(allow_links: bool) -> None:
    text = "the *Argus* [the hospital](https://example.org/h) [bad](javascript:alert(1))"
    template = environment().from_string("{{ text|rich(allow_links) }}")
    shown = Elements(template.render(text=text, allow_links=allow_links))
    links = [attrs["href"] for tag, attrs in shown.tags if tag == "a"]
    assert links == (["https://example.org/h"] if allow_links else [])  # the kiosk has no outbound links
    assert [tag for tag, _ in shown.tags if tag != "a"] == ["p", "em"]
    assert "".join(shown.text) == "the Argus the hospital [bad](javascript:alert(1))"


@pytest.mark.parametrize(("macro", "args", "tags"), [
    ("section_title", (HOSTILE,), [("h2", {"class": "section-title"})]),
    ("section_title", (HOSTILE, True), [("h2", {"class": "section-title visually-hidden"})]),
    ("note", (HOSTILE,), [("p", {"class": "detail-meta"})]),
    ("subhead", (HOSTILE,), [("h3", {"class": "entry-subhead"})]),
])
def test_the_pages_shared_pieces_show_their_text_as_text(macro: str, args: tuple, tags: list) -> None:
    shown = Elements(render_macro("ui/common.html", macro, *args))
    assert shown.tags == tags and shown.words == " ".join(HOSTILE.split())


def test_a_misspelt_name_fails_instead_of_printing_nothing() -> None:
    with pytest.raises(UndefinedError):
        environment().from_string("{{ missing.attribute }}").render()


def test_the_head_template_leaves_out_what_it_does_not_know() -> None:
    from timeline.page_meta import PageMeta

    head = render("head_meta.html", meta=PageMeta("T", "D", "S", "website"))
    assert "og:url" not in head and "og:image" not in head and 'name="twitter:card" content="summary"' in head
