"""Curator text in a Streamlit widget label, shown literally.

Widget labels are Markdown in Streamlit, and its Markdown is not a text renderer: it turns ``$...$`` into
LaTeX, ``# `` into headings, ``:red[...]`` into colour and bare ``www.`` or e-mail text into links. So curator
text in a label travels as an inline code span, the one Markdown construct whose content is never interpreted
(CSS gives it ordinary type). Everything else the page shows is HTML from the autoescaping templates
(``timeline.render``).
"""

from __future__ import annotations

import re


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
