"""Curator text as safe HTML and safe widget labels.

Streamlit's Markdown is not a text renderer: it turns ``$...$`` into LaTeX, ``# `` into headings,
``:red[...]`` into colour and bare ``www.`` or e-mail text into links. So curator text never goes
through ``st.markdown``. Narratives become HTML here, with everything escaped and only the light
markup the CSV contract allows (emphasis and http(s) links); ``st.html`` then sanitises it again.
Widget labels *are* Markdown in Streamlit, so curator text in a label travels as an inline code
span, the one Markdown construct whose content is never interpreted (CSS gives it ordinary type).
"""

from __future__ import annotations

import html
import re

# [label](https://...) with no brackets in the label and no spaces, quotes or angle brackets in the URL.
_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\((https?://[^\s()<>\"']{1,2000})\)")
# *emphasis* or _emphasis_: delimiters hug the words inside and are not part of a longer word outside.
_EMPHASIS = (
    re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"),
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")


def escape(text: str) -> str:
    """Plain text for HTML element content or attributes: every markup character escaped."""
    return html.escape(text, quote=True)


def _inline(text: str) -> str:
    """Escape, then turn the allowed emphasis into <em>; escaping leaves ``*`` and ``_`` alone."""
    out = escape(text)
    for pattern in _EMPHASIS:
        out = pattern.sub(r"<em>\1</em>", out)
    return out


def _with_links(text: str, allow_links: bool) -> str:
    parts: list[str] = []
    last = 0
    for match in _LINK.finditer(text):
        parts.append(_inline(text[last:match.start()]))
        label = _inline(match.group(1))
        if allow_links:
            parts.append(f'<a href="{escape(match.group(2))}" rel="noopener noreferrer">{label}</a>')
        else:
            parts.append(label)
        last = match.end()
    parts.append(_inline(text[last:]))
    return "".join(parts)


def paragraphs_html(text: str, allow_links: bool = True) -> str:
    """A narrative as ``<p>`` paragraphs (split on blank lines; single line breaks kept as ``<br>``).

    Only *emphasis*, _emphasis_ and [label](https://...) links become markup; with ``allow_links=False``
    (the kiosk) a link becomes its label. Everything else, including bare URLs, stays literal text.
    """
    normalised = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not normalised:
        return ""
    paragraphs = (p.strip() for p in _PARAGRAPH_BREAK.split(normalised))
    return "".join(
        "<p>" + "<br>".join(_with_links(line, allow_links) for line in p.split("\n")) + "</p>"
        for p in paragraphs if p
    )


def code_span(text: str) -> str:
    """Curator text for a Streamlit widget label: a Markdown code span that shows ``text`` literally.

    The fence is one backtick longer than any run inside, padded when the text touches a backtick,
    as CommonMark requires. Labels are one line, so whitespace collapses.
    """
    flat = " ".join(text.split())
    if not flat:
        return ""
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"
