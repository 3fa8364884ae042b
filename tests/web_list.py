"""The web page's list under AppTest, as a visitor uses it: its entries' links, and following one.

A plain click on a link puts its address in the address bar and has Streamlit rerun with it
(timeline/static/chart-tap.js); under AppTest that is: set the address, then run.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit

from streamlit.testing.v1 import AppTest

# One entry of the list (templates/ui/web.html, entry_list_page): its id, its link's address and the link's text.
_ENTRY = re.compile(r'<li data-entry-id="([^"]+)">.*?<h4 class="entry-title"><a href="([^"]+)">(.*?)</a>', re.S)


def _listed(at: AppTest) -> Iterator[tuple[str, str, str]]:
    for element in at.get("html"):
        for entry_id, href, title in _ENTRY.findall(element.proto.body):
            yield entry_id, html.unescape(href), html.unescape(title)


def list_links(at: AppTest) -> dict[str, str]:
    """Each listed entry's id and its link's address, in the list's order."""
    return {entry_id: href for entry_id, href, _ in _listed(at)}


def list_titles(at: AppTest) -> list[str]:
    """The titles the list shows, as text."""
    return [title for _, _, title in _listed(at)]


def follow_list_link(at: AppTest, entry_id: str) -> AppTest:
    """Click the entry's link in the list: the address becomes the link's, and the page reruns with it."""
    at.query_params.clear()
    at.query_params.update(parse_qsl(urlsplit(list_links(at)[entry_id]).query))
    return at
