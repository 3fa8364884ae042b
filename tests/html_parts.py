"""Read built pages as elements, not strings: the tests ask what a browser would see."""

from __future__ import annotations

from html.parser import HTMLParser


class Elements(HTMLParser):
    """Every start tag as (tag, attributes), every text run, and the text of each <script>."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)

    def find(self, tag: str, **wanted: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags
                if name == tag and all(attrs.get(k.rstrip("_").replace("_", "-")) == v for k, v in wanted.items())]

    def meta(self, key: str) -> str:
        for attrs in self.find("meta"):
            if key in (attrs.get("name"), attrs.get("property")):
                return attrs.get("content", "")
        return ""

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())
