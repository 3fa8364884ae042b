"""Curator text as safe HTML and safe widget labels.

Streamlit's Markdown is not a text renderer: it turns ``$...$`` into LaTeX, ``# `` into headings,
``:red[...]`` into colour and bare ``www.`` or e-mail text into links. So curator text never goes
through ``st.markdown``. Narratives become HTML in ``timeline.richtext`` (the one implementation,
shared with the TimelineJS export), with everything escaped and only the light markup the CSV
contract allows; ``st.html`` then sanitises it again. Widget labels *are* Markdown in Streamlit,
so curator text in a label travels as an inline code span, the one Markdown construct whose content
is never interpreted (CSS gives it ordinary type): that part is the UI's own, and lives here.
"""

from __future__ import annotations

import html
import re

from timeline.richtext import text_to_html

# A narrative as <p> paragraphs with <br> line breaks; links only when allowed (the kiosk has none).
paragraphs_html = text_to_html


def escape(text: str) -> str:
    """Plain text for HTML element content or attributes: every markup character escaped."""
    return html.escape(text, quote=True)


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
