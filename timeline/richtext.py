"""Narrative text as safe HTML: the one implementation for the web page, the kiosk, the TimelineJS export and the
checker's link messages.

Our ``text`` column is plain paragraphs with two kinds of markup only: ``*emphasis*`` and ``[links](https://...)``
(schema.COLUMNS, docs/curators.md): blank lines start new paragraphs and a single line break stays a line break.
A Markdown picture (``![alt](https://...)``) is shown as typed: pictures come from the image column.
Going out, every character of curator text is escaped and only those two forms become tags, so no curator string
can inject markup. Streamlit's Markdown is not used at all: it would read ``$...$`` as LaTeX, ``# `` as a heading
and bare ``www.`` as links. Each line is read by markdown-it-py's inline parser (CommonMark's rules for link
destinations: balanced parentheses as in Wikipedia's ``..._(St._Louis)``, ``<...>``, spaces around the address)
with only emphasis and links switched on, HTML off and only web addresses accepted. The checker asks the same
parser what would not become a link (``unlinked``), so the two cannot disagree. Coming in (TimelineJS keeps HTML),
tags are dropped except the few that carry meaning we can keep (paragraphs, line breaks, emphasis, http(s) links);
script and style contents are dropped with their tags.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline, image
from markdown_it.rules_inline.state_inline import Delimiter
from markdown_it.token import Token

LINK_REL = "noopener noreferrer"  # a followed link gets no handle on this page and no referrer
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# An http(s) address with a dotted host name (an optional port) and no spaces: the only links the exhibit makes, in
# the text and in sources. No user name or IP-literal host: an exhibit cites neither, and urlsplit reads the rest.
_WEB_ADDRESS = re.compile(r"https?://[\w-]+(?:\.[\w-]+)+(?::\d{1,5})?(?:[/?#]\S*)?", re.I)
# What a curator means as an address: a scheme with "//", a script-capable or other non-web scheme, or "www.".
_ADDRESS_LIKE = re.compile(r"^(?:[a-z][a-z0-9+.\-]*://|(?:javascript|vbscript|data|file|mailto|tel|ftp|blob):|www\.)",
                           re.I)
_LINK_TEXT = "]("  # every inline link has it, so a line without it needs no link check
_PARAGRAPH_TAGS = frozenset({"p", "div", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr"})
_BLOCK_TAGS = _PARAGRAPH_TAGS | {"br"}
_EMPHASIS_TAGS = frozenset({"em", "i"})
_SILENT_TAGS = frozenset({"script", "style", "iframe", "object", "noscript", "template"})
_ANY_BLOCK = re.compile(rf"<\s*/?\s*(?:{'|'.join(sorted(_BLOCK_TAGS))})\b", re.I)


def is_web_address(text: str) -> bool:
    """Whether ``text`` is an address the exhibit links to: http(s), a dotted host, no spaces."""
    return bool(_WEB_ADDRESS.fullmatch(text))


def looks_like_address(text: str) -> bool:
    """Whether a citation starts like an address (``https://``, ``mailto:``, ``www.``), linkable or not."""
    return bool(_ADDRESS_LIKE.match(text))


def _star_emphasis(state: StateInline, silent: bool) -> bool:
    """markdown-it's emphasis tokenizer for ``*`` only, which never splits a word (as CommonMark's ``_`` does).

    The contract names ``*emphasis*`` alone, so ``snake_case_name`` and ``2*3*4`` stay as typed; the pairing of
    the delimiters is markdown-it's own (its ``emphasis`` post-processing rule).
    """
    if silent or state.src[state.pos] != "*":
        return False
    scanned = state.scanDelims(state.pos, False)
    for _ in range(scanned.length):
        state.push("text", "", 0).content = "*"
        state.delimiters.append(Delimiter(ord("*"), scanned.length, len(state.tokens) - 1, -1, scanned.can_open,
                                          scanned.can_close))
    state.pos += scanned.length
    return True


_PICTURE = "picture"  # our token for a picture written in Markdown: its text as typed (not joined with others)


def _image_as_typed(state: StateInline, silent: bool) -> bool:
    """markdown-it's image rule, keeping what it matched as typed text: without it ``![a map](https://...)`` reads
    as "!" and a link. A picture belongs in the image column; the checker names each one (``images``)."""
    start = state.pos
    if not image(state, silent):
        return False
    if not silent:
        state.tokens.pop()
        state.push(_PICTURE, "", 0).content = state.src[start:state.pos]
    return True


def _parser(accept: Callable[[str], bool]) -> MarkdownIt:
    """The inline parser: emphasis and links only, no HTML, links only to addresses ``accept`` allows."""
    parser = MarkdownIt("zero", {"html": False}).enable(["emphasis", "link", "image"])
    parser.inline.ruler.at("emphasis", _star_emphasis)
    parser.inline.ruler.at("image", _image_as_typed)
    parser.validateLink = accept  # type: ignore[method-assign]
    return parser


_RENDERER = _parser(is_web_address)
# The same parser accepting any address: what it links and the renderer does not is a link the checker names.
_ANY_LINK = _parser(lambda address: True)


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


Bounds = Callable[[str], Sequence[tuple[int, int]]]  # a paragraph's sentences as (start, end) offsets into it
_SENTENCE_MARK = "\ue000"  # a private-use character: never in curator text, passed through by the renderer
_TAG = re.compile(r"<(/?)(em|a)\b[^>]*>")


def sentences_html(text: str, bounds: Bounds, first_cue: int, allow_links: bool = True) -> str:
    """``text_to_html`` with each sentence in ``<span data-cue="N">``, numbered on from ``first_cue``, so a page
    can mark the sentence its narration is reading (timeline/static/listen.js). ``bounds`` says where a
    paragraph's sentences are; a sentence that starts inside emphasis or a link closes it and opens it again, so
    the spans nest properly."""
    cue = first_cue
    out = []
    for part in paragraphs(text.replace(_SENTENCE_MARK, "")):  # invisible anyway; it would cut a sentence in two
        found = [(a, b) for a, b in bounds(part) if part[a:b].strip()]
        marked = "".join(_SENTENCE_MARK + part[a:b] for a, b in found) if found else part
        lines = "<br>".join(inline_html(line, allow_links) for line in marked.split("\n"))
        pieces = lines.split(_SENTENCE_MARK)
        out.append("<p>" + pieces[0] + _wrapped(pieces[1:], cue) + "</p>")
        cue += len(pieces) - 1
    return "".join(out)


def _wrapped(pieces: Sequence[str], first_cue: int) -> str:
    """Each piece of a paragraph's HTML in its cue's span, closing the tags still open at its end and opening
    them again in the next."""
    out: list[str] = []
    open_tags: list[tuple[str, str]] = []  # (the tag as written, its name)
    for number, piece in enumerate(pieces, first_cue):
        out.append(f'<span data-cue="{number}">' + "".join(written for written, _ in open_tags) + piece)
        for tag in _TAG.finditer(piece):
            if tag.group(1):
                open_tags.pop()
            else:
                open_tags.append((tag.group(0), tag.group(2)))
        out.append("".join(f"</{name}>" for _, name in reversed(open_tags)) + "</span>")
    return "".join(out)


@lru_cache(maxsize=4096)
def inline_html(text: str, allow_links: bool = True) -> str:
    """One line as escaped HTML with *x* as <em> and [x](https://...) as <a> (or just its label).

    Remembered: every rerun renders the same few lines again.
    """
    return "".join(_TOKEN_HTML.get(token.type, _as_typed)(token, allow_links) for token in _inline(_RENDERER, text))


def _inline(parser: MarkdownIt, line: str) -> list[Token]:
    return [child for token in parser.parseInline(line) for child in token.children or ()]


def _link_open(token: Token, allow_links: bool) -> str:
    return f'<a href="{html.escape(str(token.attrGet("href")))}" rel="{LINK_REL}">' if allow_links else ""


def _as_typed(token: Token, allow_links: bool) -> str:
    """Markup the contract does not have (``**strong**``) is shown as typed."""
    return html.escape(token.markup or token.content)


_TOKEN_HTML: dict[str, Callable[[Token, bool], str]] = {
    "text": lambda token, allow_links: html.escape(token.content),
    _PICTURE: lambda token, allow_links: html.escape(token.content),
    "em_open": lambda token, allow_links: "<em>",
    "em_close": lambda token, allow_links: "</em>",
    "link_open": _link_open,
    "link_close": lambda token, allow_links: "</a>" if allow_links else "",
}


@dataclass(frozen=True)
class Unlinked:
    """Something in curator text written as a link that visitors see as typed instead.

    ``address`` is the address of a well-formed ``[label](address)`` that is not a web address; it is "" when the
    brackets themselves do not form a link (``[label] (https://...``, an unclosed parenthesis), and ``written``
    then shows the words around the stray ``](``.
    """

    address: str
    written: str


def _link_lines(text: str) -> list[str]:
    return [line for part in paragraphs(text) for line in part.split("\n") if _LINK_TEXT in line]


def unlinked(text: str) -> tuple[Unlinked, ...]:
    """Every place in ``text`` that looks like a link (it has ``](``) and that ``text_to_html`` shows as typed."""
    if _LINK_TEXT not in text:
        return ()
    found: list[Unlinked] = []
    for line in _link_lines(text):
        for token in _inline(_ANY_LINK, line):
            address = str(token.attrGet("href") or "")
            if token.type == "link_open" and not is_web_address(address):
                found.append(Unlinked(address, ""))
            elif token.type == "text" and _LINK_TEXT in token.content:
                at = token.content.index(_LINK_TEXT)
                found.append(Unlinked("", token.content[max(at - 30, 0):at + 32].strip()))
    return tuple(found)


def images(text: str) -> tuple[str, ...]:
    """Every picture written in Markdown (``![a map](https://...)``) in ``text``, as typed: visitors see it so."""
    if _LINK_TEXT not in text:
        return ()
    return tuple(token.content for line in _link_lines(text) for token in _inline(_ANY_LINK, line)
                 if token.type == _PICTURE)


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
            self.open.append(("a" if tag == "a" else "em", href if is_web_address(href) else "", []))

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
