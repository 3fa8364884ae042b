"""Templates escape by default; curator text becomes markup only through the rich-text renderer."""

from __future__ import annotations

import pytest
from jinja2 import UndefinedError

from timeline.render import environment, render


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


def test_a_misspelt_name_fails_instead_of_printing_nothing() -> None:
    with pytest.raises(UndefinedError):
        environment().from_string("{{ missing.attribute }}").render()


def test_the_head_template_leaves_out_what_it_does_not_know() -> None:
    from timeline.page_meta import PageMeta

    head = render("head_meta.html", meta=PageMeta("T", "D", "S", "website"))
    assert "og:url" not in head and "og:image" not in head and 'name="twitter:card" content="summary"' in head
