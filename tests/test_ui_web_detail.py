"""The entry view's article and the list's labels: curator text escaped, links only for http(s)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.html_parts import Elements
from timeline.dates import parse_date
from timeline.entry_views import card_view
from timeline.render import render_macro
from timeline.schema import Entry, Kind
from timeline.settings import Settings
from timeline.ui.web.detail import PARTS, DetailContext, article_html


def entry(**fields) -> Entry:
    base = {"id": "e", "kind": Kind.EVENT, "date": parse_date("1947"), "title": "T", "row": 2}
    return Entry(**{**base, **fields})


def context(tmp_path: Path, allow_links: bool = True) -> DetailContext:
    return DetailContext((), {}, tmp_path, Settings(), "", lambda *_: None, lambda: None, allow_links)


@pytest.mark.parametrize(("source", "allow_links", "link"), [
    ("https://example.org/a?b=1&c=2", True, "https://example.org/a?b=1&c=2"),
    ("HTTP://EXAMPLE.ORG", True, "HTTP://EXAMPLE.ORG"),
    ("https://example.org", False, None),
    ("Becker Archives VF07177", True, None),
    ("<script>x</script>", True, None),
    ("www.example.org", True, None),
    ("https://example.org/a page", True, None),  # the checker says link-unrendered
    ("javascript:alert(1)", True, None),
])
def test_sources_link_only_web_addresses(tmp_path: Path, source: str, allow_links: bool, link: str | None) -> None:
    page = Elements(article_html(entry(sources=(source,)), context(tmp_path, allow_links)))
    assert source in page.words
    assert [a["href"] for a in page.find("a")] == ([link] if link else [])
    assert not [tag for tag, _ in page.tags if tag == "script"]


def test_a_quotation_is_set_as_one_with_its_speaker(tmp_path: Path) -> None:
    html = article_html(entry(kind=Kind.QUOTE, text="We waited.", attribution="A & B, 1980"), context(tmp_path))
    assert '<blockquote class="entry-quote prose"><p>We waited.</p></blockquote>' in html
    assert '<p class="attribution">— A &amp; B, 1980</p>' in html
    assert "placeholder" not in html  # a bare quotation stands alone


def test_facts_and_the_placeholder_escape_everything(tmp_path: Path) -> None:
    shown = entry(people=("<i>x</i>",), place="A & B", image_description='"a <photo>"', text="Said <b>this</b>.")
    page = Elements(article_html(shown, context(tmp_path)))
    assert "People <i>x</i> Place A & B" in page.words and "Said <b>this</b>." in page.words
    assert 'Archival image to be added "a <photo>"' in page.words
    assert not [tag for tag, _ in page.tags if tag in ("i", "b", "photo")]
    assert page.find("h2", class_="entry-heading") and page.find("h3", class_="entry-subhead") == []


def test_previous_and_next_name_hostile_titles_as_text() -> None:
    before, after = entry(title="<script>alert(1)</script>"), entry(title='<a href="https://evil.example">x</a>')
    both = Elements(render_macro(PARTS, "neighbour_titles", before, after))
    assert both.tags == [("p", {"class": "neighbour"})] * 2 and not both.scripts
    assert both.words == 'Previous: <script>alert(1)</script> Next: <a href="https://evil.example">x</a>'
    assert Elements(render_macro(PARTS, "neighbour_titles", None, after)).words.startswith("Next: ")


def test_the_entry_views_own_headings_and_notes_keep_their_classes() -> None:
    share = Elements(render_macro(PARTS, "share_heading"))
    assert share.tags == [("h3", {"class": "entry-subhead"}), ("p", {"class": "detail-meta"})]
    cover = Elements(render_macro(PARTS, "image_cover"))
    assert cover.tags == [("div", {"class": "image-cover"}), ("p", {})] and "“Show image”" in cover.words


def test_the_card_parts_show_curator_text_literally() -> None:
    shown = entry(title="$1 million :red[x]", display_date="Fall 1947", category="A <b>", text="It *was* so.")
    card = card_view(shown, Settings())
    assert render_macro("entry_card.html", "card_meta", card) == (
        '<p class="entry-meta"><span class="entry-date">Fall 1947</span> · <span class="entry-where">A &lt;b&gt;'
        "</span></p>")
    assert render_macro("entry_card.html", "card_summary", card) == '<p class="entry-summary">It was so.</p>'
    assert 'class="entry-tile"' in render_macro("entry_card.html", "card_visual", card)
