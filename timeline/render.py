"""HTML from Jinja2 templates with autoescaping: the one way this project writes markup.

The Streamlit views and the static site render the same templates (``timeline/templates/``), so the two never
drift and escaping is the default: a curator string becomes markup only through the ``rich`` and ``inline``
filters, which are the one rich-text renderer (timeline/richtext.py).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from timeline.narration.script import sentence_bounds
from timeline.richtext import inline_html, sentences_html, text_to_html

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = TEMPLATES.parent / "static"  # the stylesheets and scripts, beside the templates: the front end's one home


def _rich(text: str, allow_links: bool = True, first_cue: int = 0) -> Markup:
    """Curator text as HTML; from ``first_cue`` on, each sentence the narration reads is marked with its cue's
    number (``<span data-cue="N">``), as the narration script splits it (narration/script.py)."""
    if first_cue:
        return Markup(sentences_html(text, sentence_bounds, first_cue, allow_links))  # noqa: S704 - as below
    return Markup(text_to_html(text, allow_links))  # noqa: S704 - the renderer escapes every curator character


def _inline(text: str, allow_links: bool = True) -> Markup:
    return Markup(inline_html(text, allow_links))  # noqa: S704 - as above, for one line


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(("html", "xml", "svg"), default_for_string=True),
        undefined=StrictUndefined,  # a misspelt name fails the build instead of printing nothing
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates ship with the code, which a restart reloads: no stat of each file per render
    )
    env.filters["rich"] = _rich
    env.filters["inline"] = _inline
    return env


def render(name: str, **context: Any) -> str:
    """One template with its context, as a string of escaped HTML."""
    return environment().get_template(name).render(**context)


def render_macro(name: str, macro: str, *args: Any, **kwargs: Any) -> str:
    """One macro of a template (a part of a card, the article), as the Streamlit page draws parts in turn."""
    return str(getattr(environment().get_template(name).module, macro)(*args, **kwargs)).strip()
