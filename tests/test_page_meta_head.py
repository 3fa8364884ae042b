"""Link-preview heads (timeline/page_meta.py): which entry a link names; the tags put into an app shell's HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from timeline.dates import HistDate, Precision
from timeline.page_meta import entry_meta, exhibit_meta, inject_head, linked_entry
from timeline.query import MAX_VALUE, MAX_VALUES, facets_of, query_from_params
from timeline.schema import Entry, Kind
from timeline.settings import Settings

SETTINGS = Settings(title="Desegregation history", introduction="Stories from the *wall*.",
                    public_url="https://exhibit.example/")
HOSTILE = '"><script>alert(1)</script><meta property="og:title" content="pwned'
SHELL = """<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>Streamlit</title>
    <script type="module" src="./static/js/index.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>
"""


def entry(id: str, title: str = "Homer G. Phillips Hospital opens", text: str = "A hospital for the city.") -> Entry:
    return Entry(id=id, kind=Kind.EVENT, date=HistDate(1937, 2, 22, Precision.DAY), title=title, row=2, text=text)


ERA = Entry(id="hgp-years", kind=Kind.ERA, date=HistDate(1937, end=HistDate(1979)), title="Hospital years", row=4)
PUBLISHED = {e.id: e for e in (entry("hgp-opens"), entry("wu-admits", title="Washington University admits"), ERA)}


class Head(HTMLParser):
    """Tags as a browser or a link-preview crawler reads them: (tag, attributes) and every title's text."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.titles: list[str] = []
        self._in_title = False
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title"
        if tag == "title":
            self.titles.append("")

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.titles[-1] += data

    def meta(self, key: str) -> list[str | None]:
        return [a.get("content") for t, a in self.tags if t == "meta" and key in (a.get("property"), a.get("name"))]


@pytest.mark.parametrize(("values", "expected"), [
    (["hgp-opens"], "hgp-opens"),
    ([" hgp-opens\u200b"], "hgp-opens"),  # cleaned as the web mode cleans it
    (["nope", "wu-admits", "hgp-opens"], "wu-admits"),  # the first that names a published entry
    ([], None),
    (["nope"], None),
    ([HOSTILE], None),
    (["hgp-opens" + " " * MAX_VALUE], None),  # oversized values are never looked up
    (["hgp-years"], None),  # an era is a band, not an entry a link opens
    (["nope"] * MAX_VALUES + ["hgp-opens"], None),  # only the first MAX_VALUES values are read
    (["nope"] * 20_000 + ["hgp-opens"], None),
])
def test_linked_entry_reads_event_values_as_the_web_mode_does(values, expected):
    found = linked_entry(values, PUBLISHED)
    assert (found.id if found else None) == expected
    web_entries = [e for e in PUBLISHED.values() if e.kind is not Kind.ERA]  # what the web page lists
    assert query_from_params({"event": values}, facets_of(web_entries, ()))[1] == expected


def test_entry_head_replaces_the_shell_title_and_keeps_the_rest():
    meta = entry_meta(PUBLISHED["hgp-opens"], SETTINGS, url="https://exhibit.example/?event=hgp-opens")
    page = inject_head(SHELL, meta)
    head = Head(page)
    assert head.titles == ["Homer G. Phillips Hospital opens · Desegregation history"]
    assert head.meta("og:title") == head.meta("twitter:title") == [head.titles[0]]
    assert head.meta("description") == ["22 February 1937: A hospital for the city."]
    assert head.meta("og:url") == ["https://exhibit.example/?event=hgp-opens"]
    assert ("link", {"rel": "canonical", "href": "https://exhibit.example/?event=hgp-opens"}) in head.tags
    assert head.meta("og:type") == ["article"]
    assert page.replace(page[page.index("<title>"):page.index('    <script type="module"')], "") == \
        SHELL.replace("<title>Streamlit</title>\n", "")  # nothing else of the shell changed


def test_exhibit_head_without_an_address_leaves_out_urls():
    head = Head(inject_head(SHELL, exhibit_meta(Settings(title="T", introduction="Intro"))))
    assert head.titles == ["T"]
    assert head.meta("og:url") == [] and not any(t == "link" for t, _ in head.tags)
    assert head.meta("twitter:card") == ["summary"]


def test_hostile_curator_text_stays_inside_its_attribute():
    hostile = entry("x", title=HOSTILE, text=HOSTILE)
    page = inject_head(SHELL, entry_meta(hostile, SETTINGS))
    head = Head(page)
    assert "<script>alert" not in page
    assert [t for t, _ in head.tags].count("script") == 1  # only the shell's own
    assert head.meta("og:title") == [head.titles[0]] and head.titles[0].startswith(HOSTILE[:10])


def test_a_shell_without_a_title_gets_the_tags_at_the_end_of_its_head():
    page = inject_head("<html><HEAD><meta charset=utf-8></HEAD><body></body></html>", exhibit_meta(SETTINGS))
    assert re.search(r"<meta charset=utf-8><title>Desegregation history</title>.*</HEAD><body>", page, re.S)


def test_a_page_without_a_head_is_refused():
    with pytest.raises(ValueError, match="</head>"):
        inject_head("<p>fragment</p>", exhibit_meta(SETTINGS))
