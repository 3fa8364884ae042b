"""Narrative text between our light Markdown and the HTML other tools (TimelineJS) keep.

Our ``text`` column is plain paragraphs with two kinds of markup only: ``*emphasis*`` and ``[links](https://...)``
(schema.COLUMNS). TimelineJS keeps HTML. Going out, every character of curator text is escaped and only those two
forms become tags, so no curator string can inject markup. Coming in, tags are dropped except the few that carry
meaning we can keep (paragraphs, emphasis, http(s) links); script and style contents are dropped with their tags.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

PARAGRAPH_BREAK = re.compile(r"(?:[ \t]*(?:\r\n|\r|\n))+")  # one or more line breaks: curators press Alt+Enter
_INLINE = re.compile(r"\[(?P<label>[^\]\n]+)\]\((?P<url>https?://[^)\s]+)\)|\*(?P<em>[^*\n]+)\*")
_EMPHASIS = re.compile(r"\*([^*\n]+)\*")
_SAFE_HREF = re.compile(r"^https?://\S+$", re.I)
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr"})
_EMPHASIS_TAGS = frozenset({"em", "i"})
_SILENT_TAGS = frozenset({"script", "style", "iframe", "object", "noscript", "template"})
_ANY_BLOCK = re.compile(rf"<\s*/?\s*(?:{'|'.join(sorted(_BLOCK_TAGS))})\b", re.I)


def paragraphs(text: str) -> tuple[str, ...]:
    """The paragraphs of a text cell; a line break (or several) separates two."""
    return tuple(part.strip() for part in PARAGRAPH_BREAK.split(text) if part.strip())


def text_to_html(text: str) -> str:
    """Our text as HTML paragraphs: everything escaped, then *x* as <em> and [x](https://...) as <a>."""
    return "".join(f"<p>{inline_html(part)}</p>" for part in paragraphs(text))


def inline_html(text: str) -> str:
    """One paragraph (or label) as escaped HTML with our two inline forms as tags."""
    out, position = [], 0
    for match in _INLINE.finditer(text):
        out.append(html.escape(text[position:match.start()]))
        if match["em"] is not None:
            out.append(f"<em>{html.escape(match['em'])}</em>")
        else:
            label = _EMPHASIS.sub(r"<em>\1</em>", html.escape(match["label"]))  # [the *Argus*](https://...)
            out.append(f'<a href="{html.escape(match["url"])}">{label}</a>')
        position = match.end()
    out.append(html.escape(text[position:]))
    return "".join(out)


def html_to_text(markup: str) -> str:
    """HTML as our text: block tags become paragraph breaks, <em>/<i> *x*, http(s) links [x](url), the rest text.

    Text without any block tag is treated as typed text, so its own line breaks stay paragraph breaks; inside
    HTML, line breaks are only source formatting and collapse to spaces, as a browser shows them.
    """
    typed = not _ANY_BLOCK.search(markup)
    parser = _TextParser(typed)
    parser.feed(markup)
    parser.close()
    return "\n\n".join(parser.finish())


def html_to_line(markup: str) -> str:
    """HTML (a headline, a caption) as one line of plain text: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(" ".join(paragraphs(html_to_text(markup))).replace("*", "").split())


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
        elif tag in _BLOCK_TAGS:
            self._break()
        elif tag in _EMPHASIS_TAGS or tag == "a":
            href = (dict(attrs).get("href") or "").strip() if tag == "a" else ""
            self.open.append(("a" if tag == "a" else "em", href if _SAFE_HREF.match(href) else "", []))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SILENT_TAGS:
            self.silent = max(0, self.silent - 1)
        elif tag in _BLOCK_TAGS:
            self._break()
        elif self.open and self.open[-1][0] == ("a" if tag == "a" else "em" if tag in _EMPHASIS_TAGS else None):
            self._close()

    def handle_data(self, data: str) -> None:
        if self.silent:
            return
        if not self.typed:
            self._write(data)
            return
        first, *rest = PARAGRAPH_BREAK.split(data)
        self._write(first)
        for part in rest:
            self._break()
            self._write(part)

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
        paragraph = " ".join("".join(self.current).split())
        if paragraph:
            self.done.append(paragraph)
        self.current = []

    def finish(self) -> list[str]:
        self._break()
        return self.done
