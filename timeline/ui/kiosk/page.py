"""The kiosk beside the history wall: attract screen, explore (eras, institutions, timeline, card strip), entry.

Touch first and locked down: no text entry, no links (sources are text, a QR code takes an entry home), big
type and targets (``kiosk.styles``), and an idle timer in the page (``kiosk.idle``) that clicks the hidden
reset button. A session with no state (a new visitor, or any page after a server restart) starts on the
attract screen. The rules are pure functions in ``kiosk_state``; this module only draws and wires callbacks.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from timeline.catalog import Catalog
from timeline.figure import (
    BACKGROUND,
    FigureOptions,
    build_figure,
    figure_alt_text,
    numbered_eras,
    plotly_config,
    range_presets,
)
from timeline.image_urls import web_image
from timeline.kiosk_state import (
    CATEGORIES,
    CHART,
    ENTRY,
    ERA,
    PAGE,
    TAP_PARAM,
    VIEW,
    View,
    current_view,
    featured_entries,
    neighbours,
    note_touch,
    prompt_window,
    reset_session,
    source_texts,
    strip_entries,
    strip_page,
    tapped_entry,
)
from timeline.publishing import published_snapshot
from timeline.qr import entry_url, qr_svg_data_uri
from timeline.schema import Entry, Kind
from timeline.settings import Environment, Settings
from timeline.ui import compat
from timeline.ui.chart import key_html
from timeline.ui.kiosk.idle import RESET_KEY, idle_html
from timeline.ui.kiosk.styles import kiosk_css
from timeline.ui.safe_text import code_span, escape, paragraphs_html

CHART_MIN_HEIGHT = 300  # the figure's own height; the page stretches it to the room its orientation leaves
ENTER_LABEL = "Touch anywhere to explore"
QR_LABEL = "Continue on your phone"
CARD_BUTTON_PREFIX = "kiosk-open-"


@dataclass(frozen=True)
class Exhibit:
    """What every kiosk view draws from, resolved once per run."""

    catalog: Catalog
    eras: tuple[Entry, ...]  # numbered as the chart numbers them: the era buttons carry the same numbers
    settings: Settings
    media: Path


def render_kiosk(env: Environment, settings: Settings) -> None:
    catalog = published_snapshot(env, settings).current.visible
    idle_seconds = env.idle_seconds or settings.idle_seconds
    note_touch(st.session_state, time.monotonic(), idle_seconds)
    _open_tapped(catalog)
    exhibit = Exhibit(catalog, tuple(era for _, era in numbered_eras(catalog.eras)), settings, env.media)
    featured = featured_entries(catalog.entries)
    compat.add_stylesheet(kiosk_css(len(featured), len(exhibit.eras)))
    view = current_view(st.session_state)
    if view is View.ENTRY and st.session_state.get(ENTRY) not in catalog.by_id:
        view = View.EXPLORE  # the entry left the catalogue since it was opened
    VIEWS[view](exhibit)
    st.button("Start over", key=RESET_KEY, on_click=reset_session, args=(st.session_state,))
    compat.run_in_page(idle_html(idle_seconds, prompt_window(idle_seconds)))


# --- callbacks: each changes session state only; Streamlit reruns afterwards ------------------------------------


def _enter() -> None:
    reset_session(st.session_state)  # a stale filter from the previous visitor never survives
    st.session_state[VIEW] = View.EXPLORE


def _choose_era(index: int) -> None:
    st.session_state[ERA] = index
    _first_page()


def _first_page() -> None:
    """A new filter starts its strip at the beginning."""
    st.session_state.pop(PAGE, None)


def _turn_page(page: int) -> None:
    st.session_state[PAGE] = page


def _open(entry_id: str) -> None:
    st.session_state[ENTRY] = entry_id
    st.session_state[VIEW] = View.ENTRY


def _open_tapped(catalog: Catalog) -> None:
    """A tap on a chart marker: the page script put its entry id in the URL and made Streamlit rerun with it
    (``chart_touch.KIOSK``), so it works whichever page of the strip the entry's card is on. Honoured once, and only
    for an id in the catalogue."""
    if TAP_PARAM not in st.query_params:
        return
    entry_ids = {entry.id for entry in catalog.entries}
    entry_id = tapped_entry(st.query_params.get(TAP_PARAM), current_view(st.session_state), entry_ids)
    del st.query_params[TAP_PARAM]
    if entry_id is not None:
        _open(entry_id)


def _back() -> None:
    st.session_state[VIEW] = View.EXPLORE


# --- attract ----------------------------------------------------------------------------------------------------


def _slide_html(entry: Entry, exhibit: Exhibit) -> str:
    """One attract card: where, when and what, read from across the room; an entry still waiting for its image
    shows its words alone, larger."""
    image = web_image(entry, exhibit.media, "display") if entry.image else None
    placeholder = image is None or image.is_placeholder
    picture = "" if placeholder else f'<img src="{escape(image.url)}" alt="{escape(image.alt)}">'
    where = (f'<p class="kiosk-slide-category">{escape(_short(entry.category, exhibit.settings))}</p>'
             if entry.category else "")
    return (f'<div class="kiosk-slide{" kiosk-slide-text" if placeholder else ""}">{picture}'
            f'<div>{where}<p class="kiosk-slide-year">{escape(entry.date_label)}</p>'
            f'<p class="kiosk-slide-title">{escape(entry.title)}</p></div></div>')


def render_attract(exhibit: Exhibit) -> None:
    slides = "".join(_slide_html(e, exhibit) for e in featured_entries(exhibit.catalog.entries))
    with st.container(key="attract"):
        st.html(f'<h1 class="kiosk-attract-title">{escape(exhibit.settings.title)}</h1>'
                f'<div class="kiosk-slides">{slides}</div>')
        st.button(ENTER_LABEL, key="kiosk-enter", on_click=_enter)


# --- explore ----------------------------------------------------------------------------------------------------


def _era_choice(count: int) -> int:
    choice = st.session_state.get(ERA, 0)
    return choice if isinstance(choice, int) and 0 <= choice < count else 0


def _chosen_categories(catalog: Catalog) -> frozenset[str]:
    """The pills' value, with institutions a new catalogue no longer has dropped before the pills draw."""
    chosen = [c for c in st.session_state.get(CATEGORIES) or () if c in catalog.categories]
    st.session_state[CATEGORIES] = chosen
    return frozenset(chosen)


def _era_label(index: int, exhibit: Exhibit) -> str:
    if index == 0:
        return "All years"
    era = exhibit.eras[index - 1]  # its number is the chart's tag on the band (kiosk.styles draws it as one)
    return f"{code_span(str(index))} {code_span(era.title)} · {code_span(era.date_label)}"


def _render_filters(exhibit: Exhibit, choice: int, count: int) -> None:
    with st.container(key="filters"):
        with st.container(horizontal=True, key="kiosk-eras"):
            for index in range(count):
                st.button(_era_label(index, exhibit), key=f"kiosk-era-{index}", on_click=_choose_era,
                          args=(index,), type="primary" if index == choice else "secondary", wrap=True)
        st.pills("Institutions", options=exhibit.catalog.categories, selection_mode="multi", key=CATEGORIES,
                 on_change=_first_page, format_func=lambda c: code_span(_short(c, exhibit.settings)))


def _card(entry: Entry, exhibit: Exhibit) -> None:
    """A big button in the strip: thumbnail (or, without an image, the institution's colour), year and title.

    An entry without an image never asks for one: its placeholder picture would not be shown, and making one
    per card is what made a strip of thousands take minutes."""
    image = web_image(entry, exhibit.media, "thumbnail") if entry.image else None
    color = escape(exhibit.settings.color_for(entry.category))
    top = (f'<img src="{escape(image.url)}" alt="">' if image and not image.is_placeholder
           else f'<p class="kiosk-card-band" style="border-color: {color}">'
           f"{escape(_short(entry.category, exhibit.settings))}</p>")
    with st.container(key=f"kiosk-card-{entry.id}"):
        st.html(f'<div class="kiosk-card">{top}<p class="kiosk-card-year">{escape(entry.date_label)}</p>'
                f'<p class="kiosk-card-title">{escape(entry.title)}</p></div>')
        st.button(code_span(entry.title), key=f"{CARD_BUTTON_PREFIX}{entry.id}", on_click=_open, args=(entry.id,))


def _short(category: str, settings: Settings) -> str:
    """The institution's short name, as the chart's lanes show it."""
    return next((s.short for s in settings.categories if s.name == category and s.short), category)


def render_explore(exhibit: Exhibit) -> None:
    catalog = exhibit.catalog
    presets = range_presets(exhibit.eras, catalog.entries)
    choice = _era_choice(len(presets))
    categories = _chosen_categories(catalog)
    era = exhibit.eras[choice - 1] if choice else None
    shown = strip_entries(catalog.entries, era, categories)
    st.html(f'<h1 class="kiosk-heading">{escape(exhibit.settings.title)}</h1>')
    _render_filters(exhibit, choice, len(presets))
    with st.container(key="timeline-chart"):
        options = FigureOptions(x_range=presets[choice][1], large=True, height=CHART_MIN_HEIGHT)
        figure = build_figure(shown, exhibit.eras, exhibit.settings, options)
        st.plotly_chart(figure, key=CHART, theme=None, config=plotly_config(kiosk=True), height="stretch",
                        alt=figure_alt_text(shown, exhibit.eras, exhibit.settings))
    strip = strip_page(shown, st.session_state.get(PAGE))
    st.html(f'<div class="kiosk-under-chart"><p class="kiosk-count">{escape(strip.caption())}</p>'
            f"{key_html((), BACKGROUND)}</div>")
    if strip.pages > 1:
        _render_pages(strip.page, strip.pages)
    with st.container(key="event-list", horizontal=True):
        for entry in strip.cards:
            _card(entry, exhibit)


def _render_pages(page: int, pages: int) -> None:
    """Big page turns for a strip too long to swipe through, with where the visitor is between them."""
    with st.container(key="kiosk-pages", horizontal=True):
        st.button("‹ Earlier entries", key="kiosk-page-earlier", disabled=page == 0, on_click=_turn_page,
                  args=(page - 1,))
        st.html(f'<p class="kiosk-count">Page {page + 1:,} of {pages:,}</p>')
        st.button("Later entries ›", key="kiosk-page-later", disabled=page + 1 >= pages, on_click=_turn_page,
                  args=(page + 1,))


# --- entry ------------------------------------------------------------------------------------------------------


def _image_html(entry: Entry, media: Path) -> str:
    image = web_image(entry, media, "display")
    caption = " — ".join(part for part in (entry.image_caption, entry.image_credit) if part)
    note = f'<p class="kiosk-note">Content note: {escape(entry.content_note)}</p>' if entry.content_note else ""
    return (f'{note}<figure class="kiosk-entry-image"><img src="{escape(image.url)}" alt="{escape(image.alt)}">'
            + (f"<figcaption>{escape(caption)}</figcaption>" if caption else "") + "</figure>")


def _story_html(entry: Entry) -> str:
    text = paragraphs_html(entry.text, allow_links=False)
    if entry.kind is Kind.QUOTE:
        credit = f"<footer>— {escape(entry.attribution)}</footer>" if entry.attribution else ""
        text = f'<blockquote class="kiosk-quote">{text}{credit}</blockquote>'
    else:
        text = f'<div class="kiosk-text">{text}</div>'
    sources = "".join(f"<li>{escape(s)}</li>" for s in source_texts(entry.sources))
    place = f'<p class="kiosk-sources">{escape(entry.place)}</p>' if entry.place else ""
    listed = f'<div class="kiosk-sources"><strong>Sources</strong><ul>{sources}</ul></div>' if sources else ""
    # The story scrolls when long, so it is a named region that can take focus (axe: scrollable-region-focusable).
    return (f'<div class="kiosk-story" tabindex="0" role="region" aria-label="{escape(entry.title)}">'
            f'<p class="kiosk-date">{escape(entry.date_label)}</p><h2 class="kiosk-title">{escape(entry.title)}</h2>'
            f"{text}{place}{listed}</div>")


def _qr_html(entry: Entry, settings: Settings) -> str:
    url = entry_url(settings.public_url, entry.id)
    if url is None:
        return ""
    return (f'<figure class="kiosk-qr"><img src="{qr_svg_data_uri(url, label=QR_LABEL)}" alt="QR code: {QR_LABEL}">'
            f"<figcaption>{QR_LABEL}</figcaption></figure>")


def _render_nav(previous: Entry | None, following: Entry | None) -> None:
    with st.container(key="kiosk-nav", horizontal=True):
        st.button("‹ Previous", key="kiosk-previous", disabled=previous is None, on_click=_open,
                  args=(previous.id if previous else "",))
        st.button("Back to the timeline", key="kiosk-back", type="primary", on_click=_back)
        st.button("Next ›", key="kiosk-next", disabled=following is None, on_click=_open,
                  args=(following.id if following else "",))


def render_entry(exhibit: Exhibit) -> None:
    catalog = exhibit.catalog
    entry = catalog.by_id[st.session_state[ENTRY]]
    choice = _era_choice(len(exhibit.eras) + 1)
    shown = strip_entries(catalog.entries, exhibit.eras[choice - 1] if choice else None,
                          _chosen_categories(catalog))
    previous, following = neighbours(shown if entry in shown else catalog.entries, entry.id)
    with st.container(key="event-detail"):
        picture, words = st.columns([11, 9])
        with picture:
            st.html(_image_html(entry, exhibit.media))
        with words:
            st.html(_story_html(entry))
            qr = _qr_html(entry, exhibit.settings)
            if qr:
                st.html(qr)
        _render_nav(previous, following)


VIEWS: dict[View, Callable[[Exhibit], None]] = {
    View.ATTRACT: render_attract,
    View.EXPLORE: render_explore,
    View.ENTRY: render_entry,
}
