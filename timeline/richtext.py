"""Narrative text as safe HTML: the one implementation for the web page, the kiosk and the TimelineJS export.

Our ``text`` column is plain paragraphs with two kinds of markup only: ``*emphasis*`` and ``[links](https://...)``
(schema.COLUMNS, docs/curators.md): blank lines start new paragraphs and a single line break stays a line break.
Going out, every character of curator text is escaped and only those two forms become tags, so no curator string
can inject markup. Streamlit's Markdown is not used at all: it would read ``$...$`` as LaTeX, ``# `` as a heading
and bare ``www.`` as links. Coming in (TimelineJS keeps HTML), tags are dropped except the few that carry meaning we
can keep (paragraphs, line breaks, emphasis, http(s) links); script and style contents are dropped with their tags.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

LINK_REL = "noopener noreferrer"  # a followed link gets no handle on this page and no referrer
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# [label](https://...) with no brackets in the label and no spaces, quotes, parentheses or angle brackets in the URL.
_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\((https?://[^\s()<>\"']{1,2000})\)")
# *emphasis*: the stars hug the words inside and are not part of a longer word outside (2*3*4 stays as typed).
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_SAFE_HREF = re.compile(r"^https?://\S+$", re.I)
_PARAGRAPH_TAGS = frozenset({"p", "div", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr"})
_BLOCK_TAGS = _PARAGRAPH_TAGS | {"br"}
_EMPHASIS_TAGS = frozenset({"em", "i"})
_SILENT_TAGS = frozenset({"script", "style", "iframe", "object", "noscript", "template"})
_ANY_BLOCK = re.compile(rf"<\s*/?\s*(?:{'|'.join(sorted(_BLOCK_TAGS))})\b", re.I)


def paragraphs(text: str) -> tuple[str, ...]:
    """The paragraphs of a text cell: runs of non-blank lines, each line stripped, lines joined by "\\n"."""
    return tuple("\n".join(lines) for lines in _paragraph_lines(_LINE_BREAK.split(text)))


def _paragraph_lines(lines: list[str]) -> list[list[str]]:
    """Group lines into paragraphs; a blank (whitespace only) line ends one."""
    groups: list[list[str]] = [[]]
    for line in (line.strip() for line in lines):
        if line:
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [group for group in groups if group]


def text_to_html(text: str, allow_links: bool = True) -> str:
    """Our text as ``<p>`` paragraphs with ``<br>`` line breaks, everything escaped but our two inline forms.

    With ``allow_links=False`` (the kiosk has no outbound links) a link becomes its label.
    """
    return "".join("<p>" + "<br>".join(inline_html(line, allow_links) for line in part.split("\n")) + "</p>"
                   for part in paragraphs(text))


def inline_html(text: str, allow_links: bool = True) -> str:
    """One line as escaped HTML with *x* as <em> and [x](https://...) as <a> (or just its label)."""
    out, position = [], 0
    for match in _LINK.finditer(text):
        out.append(_emphasised(text[position:match.start()]))
        label = _emphasised(match[1])  # [the *Argus*](https://...)
        out.append(f'<a href="{html.escape(match[2])}" rel="{LINK_REL}">{label}</a>' if allow_links else label)
        position = match.end()
    out.append(_emphasised(text[position:]))
    return "".join(out)


def _emphasised(text: str) -> str:
    """Escape, then turn *emphasis* into <em>; escaping leaves ``*`` alone."""
    return _EMPHASIS.sub(r"<em>\1</em>", html.escape(text))


def html_to_text(markup: str) -> str:
    """HTML as our text: paragraphs apart by a blank line, <br> a line break, <em>/<i> *x*, http(s) links [x](url).

    Text without any block tag is treated as typed text, so its own line breaks stay line breaks; inside HTML,
    line breaks are only source formatting and collapse to spaces, as a browser shows them. An empty line (two
    <br> in a row) starts a new paragraph, as it looks in a browser.
    """
    parser = _TextParser(typed=not _ANY_BLOCK.search(markup))
    parser.feed(markup)
    parser.close()
    return "\n\n".join(parser.finish())


def html_to_line(markup: str) -> str:
    """HTML (a headline, a caption) as one line of plain text: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html_to_text(markup).replace("*", "").split())


class _TextParser(HTMLParser):
    """Collects paragraphs; entities are decoded by HTMLParser itself (convert_charrefs).

    An open <em> or <a> collects its words on a stack so that the Markdown is written only once the tag closes,
    with the spaces moved outside the marks (``*x*``, not ``* x *``, which Markdown would not read as emphasis).
    """

    def __init__(self, typed: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.typed = typed
        self.done: list[str] = []
        self.current: list[str] = []
        self.open: list[tuple[str, str, list[str]]] = []  # (tag, http(s) href or "", words so far)
        self.silent = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SILENT_TAGS:
            self.silent += 1
        elif tag == "br":
            self._write("\n")
        elif tag in _PARAGRAPH_TAGS:
            self._break()
        elif tag in _EMPHASIS_TAGS or tag == "a":
            href = (dict(attrs).get("href") or "").strip() if tag == "a" else ""
            self.open.append(("a" if tag == "a" else "em", href if _SAFE_HREF.match(href) else "", []))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SILENT_TAGS:
            self.silent = max(0, self.silent - 1)
        elif tag in _PARAGRAPH_TAGS:
            self._break()
        elif self.open and self.open[-1][0] == ("a" if tag == "a" else "em" if tag in _EMPHASIS_TAGS else None):
            self._close()

    def handle_data(self, data: str) -> None:
        if self.silent:
            return
        self._write(_LINE_BREAK.sub("\n" if self.typed else " ", data))

    def _write(self, text: str) -> None:
        (self.open[-1][2] if self.open else self.current).append(text)

    def _close(self) -> None:
        kind, href, words = self.open.pop()
        raw = "".join(words)
        label = " ".join(raw.split())
        if not label:
            self._write(raw)
            return
        marked = f"[{label}]({href})" if href else f"*{label}*" if kind == "em" else label
        self._write((" " if raw[:1].isspace() else "") + marked + (" " if raw[-1:].isspace() else ""))

    def _break(self) -> None:
        while self.open:  # a paragraph ends inside an unclosed tag: keep its words
            self._close()
        lines = [" ".join(line.split()) for line in "".join(self.current).split("\n")]
        self.done += ["\n".join(group) for group in _paragraph_lines(lines)]
        self.current = []

    def finish(self) -> list[str]:
        self._break()
        return self.done
