"""The kiosk beside the history wall: attract screen, explore (eras, institutions, timeline, card strip), entry.

Touch first and locked down: no text entry, no links (sources are text, a QR code takes an entry home), big
type and targets (``kiosk.styles``), a voice for every screen and button and a volume (``kiosk.guide``), and an
idle timer in the page (``kiosk.idle``) that clicks the hidden reset button. Every visitor can use it: by keys
alone (``kiosk.keys``), with larger text, and seated: what a visitor
reads (title, chart, image, story) goes at the top, every control below the reach line (``timeline.kiosk_reach``).
A session with no state (a new visitor, or any page after a server restart) starts on the attract screen. The rules
are pure functions in ``kiosk_state``; this module only draws and wires callbacks.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from timeline.catalog import Catalog
from timeline.figure import (
    FigureOptions,
    numbered_eras,
    plotly_config,
    range_presets,
)
from timeline.image_urls import WebImage, web_image
from timeline.insights.events import Mode as EventMode
from timeline.insights.events import Reached
from timeline.insights.visits import list_route
from timeline.kiosk_state import (
    CATEGORIES,
    CHART,
    ENTRY,
    ERA,
    LARGER,
    PAGE,
    STRIP_PAGE,
    TAP_PARAM,
    VIEW,
    View,
    current_view,
    era_query,
    featured_entries,
    note_touch,
    prompt_window,
    reset_session,
    source_texts,
    strip_caption,
    strip_entries,
    strip_neighbours,
    tapped_entry,
)
from timeline.links import take_home_url
from timeline.listen import Listen
from timeline.listing import page_containing, page_of
from timeline.narration.prompts import LABELS
from timeline.narration_urls import web_listen
from timeline.publishing import published_snapshot
from timeline.qr import qr_svg_data_uri
from timeline.render import render_macro
from timeline.schema import Entry
from timeline.settings import Environment, Settings
from timeline.ui import compat, recording
from timeline.ui.chart import KEY_SHAPES, alt_for, figure_for
from timeline.ui.focus import apply_focus, request_focus
from timeline.ui.kiosk.guide import CARD_BUTTON_PREFIX, guide_html, sound_controls_html
from timeline.ui.kiosk.idle import IDLE_RESET_KEY, RESET_KEY, idle_html
from timeline.ui.kiosk.keys import BACK_KEY, ENTER_KEY, LARGER_KEY, LARGER_LABEL, keys_html
from timeline.ui.kiosk.styles import kiosk_css
from timeline.ui.safe_text import code_span

CHART_MIN_HEIGHT = 300  # the figure's own height; the page stretches it to the room its orientation leaves
ENTER_LABEL = LABELS["enter"]
QR_LABEL = "Continue on your phone"
PARTS = "ui/kiosk.html"


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
    mode = recording.start(env.mode, settings)
    recording.heartbeat(mode)
    if note_touch(st.session_state, time.monotonic(), idle_seconds):  # the browser's idle timer died
        recording.end(mode, "idle")
    _open_tapped(catalog)
    exhibit = Exhibit(catalog, tuple(era for _, era in numbered_eras(catalog.eras)), settings, env.media)
    featured = featured_entries(catalog.entries)
    larger = bool(st.session_state.get(LARGER))
    compat.add_stylesheet(kiosk_css(len(featured), len(exhibit.eras), settings.kiosk, larger))
    view = current_view(st.session_state)
    if view is View.ENTRY and st.session_state.get(ENTRY) not in catalog.by_id:
        view = View.EXPLORE  # the entry left the catalogue since it was opened
    VIEWS[view](exhibit)
    st.button(LABELS["start-over"], key=RESET_KEY, on_click=_start_over, args=("reset",))  # the Home key
    st.button(LABELS["start-over"], key=IDLE_RESET_KEY, on_click=_start_over, args=("idle",))  # the idle timer
    guide = guide_html(view.value, st.session_state.get(ENTRY, "") if view is View.ENTRY else "",
                       settings.kiosk.volume, [era.id for era in exhibit.eras], catalog.categories)
    compat.run_in_page(idle_html(idle_seconds, prompt_window(idle_seconds)) + keys_html(RESET_KEY, larger) + guide)
    apply_focus()


# --- callbacks: each changes session state only; Streamlit reruns afterwards ------------------------------------


def _enter() -> None:
    reset_session(st.session_state)  # a stale filter from the previous visitor never survives
    st.session_state[VIEW] = View.EXPLORE
    recording.begin(EventMode.KIOSK)  # the first touch or key after the attract screen: a visitor


def _start_over(reason: str) -> None:
    """The visitor's session ends (``idle``: the idle timer; ``reset``: the Home key), and the next starts fresh."""
    recording.end(EventMode.KIOSK, reason)
    reset_session(st.session_state)


def _choose_era(index: int) -> None:
    st.session_state[ERA] = index
    _first_page()
    recording.filtered(EventMode.KIOSK, ("from", "to"))  # an era is a span of years


def _choose_categories() -> None:
    _first_page()
    recording.filtered(EventMode.KIOSK, ("category",))


def _first_page() -> None:
    """A new filter starts its strip at the beginning."""
    st.session_state.pop(PAGE, None)


def _turn_page(page: int) -> None:
    st.session_state[PAGE] = page


def _open(entry_id: str, reached: Reached) -> None:
    recording.opened(EventMode.KIOSK, entry_id, reached)
    st.session_state[ENTRY] = entry_id
    st.session_state[VIEW] = View.ENTRY


def _open_card(entry_id: str, reached: Reached) -> None:
    """A card opens its entry with focus on the story, which Up and Down then scroll (Previous and Next keep focus
    where it is, so a keypad visitor can step on)."""
    _open(entry_id, reached)
    request_focus(f"{compat.key_selector('event-detail')} .kiosk-story")


def _toggle_larger() -> None:
    st.session_state[LARGER] = not st.session_state.get(LARGER)
    if st.session_state[LARGER]:
        recording.feature_on(EventMode.KIOSK, "larger-text")


def _larger_button() -> None:
    """On in every view once chosen, until the kiosk starts over; the key script marks it pressed (aria-pressed)."""
    st.button(LARGER_LABEL, key=LARGER_KEY, on_click=_toggle_larger,
              type="primary" if st.session_state.get(LARGER) else "secondary")


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
        _open(entry_id, Reached.CHART)


def _back(strip_page: int | None) -> None:
    """Back to the strip at the page holding the entry the visitor stepped or tapped to, as the web list does, with
    focus on that entry's card (a keypad visitor goes on from where they were)."""
    st.session_state[VIEW] = View.EXPLORE
    if strip_page is not None:
        st.session_state[PAGE] = strip_page
        request_focus(f"{compat.key_selector(CARD_BUTTON_PREFIX + st.session_state[ENTRY])} button")


# --- attract ----------------------------------------------------------------------------------------------------


def _slide(entry: Entry, exhibit: Exhibit) -> tuple[Entry, WebImage | None, str]:
    """One attract card: where, when and what, read from across the room, with its image if it has a real one."""
    image = web_image(entry, exhibit.media, "display") if entry.image else None
    shown = image if image and not image.is_placeholder else None
    return entry, shown, _short(entry.category, exhibit.settings)


def render_attract(exhibit: Exhibit) -> None:
    slides = [_slide(e, exhibit) for e in featured_entries(exhibit.catalog.entries)]
    with st.container(key="attract"):
        st.html(render_macro(PARTS, "attract", exhibit.settings.title, slides))
        st.button(ENTER_LABEL, key=ENTER_KEY, on_click=_enter)


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
        return LABELS["all-years"]
    era = exhibit.eras[index - 1]  # its number is the chart's tag on the band (kiosk.styles draws it as one)
    return f"{code_span(str(index))} {code_span(era.title)} · {code_span(era.date_label)}"


def _render_filters(exhibit: Exhibit, choice: int, count: int) -> None:
    with st.container(key="filters"):
        with st.container(horizontal=True, key="kiosk-eras"):
            for index in range(count):
                st.button(_era_label(index, exhibit), key=f"kiosk-era-{index}", on_click=_choose_era,
                          args=(index,), type="primary" if index == choice else "secondary", wrap=True)
        st.pills("Institutions", options=exhibit.catalog.categories, selection_mode="multi", key=CATEGORIES,
                 on_change=_choose_categories, format_func=lambda c: code_span(_short(c, exhibit.settings)))


def _card(entry: Entry, exhibit: Exhibit, reached: Reached) -> None:
    """A big button in the strip: thumbnail (or, without an image, the institution's colour), year and title.

    An entry without an image never asks for one: its placeholder picture would not be shown, and making one
    per card is what made a strip of thousands take minutes."""
    image = web_image(entry, exhibit.media, "thumbnail") if entry.image else None
    shown = image if image and not image.is_placeholder else None
    with st.container(key=f"kiosk-card-{entry.id}"):
        st.html(render_macro(PARTS, "card", entry, shown, exhibit.settings.color_for(entry.category),
                             _short(entry.category, exhibit.settings)))
        st.button(code_span(entry.title), key=f"{CARD_BUTTON_PREFIX}{entry.id}", on_click=_open_card,
                  args=(entry.id, reached))


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
    shown_key = (catalog.key, era_query(era, categories))  # what ``shown`` is drawn from
    with st.container(key="kiosk-above"):  # what is read: above the reach line
        st.html(render_macro(PARTS, "heading", exhibit.settings.title))
        with st.container(key="timeline-chart"):
            options = FigureOptions(x_range=presets[choice][1], large=True, height=CHART_MIN_HEIGHT)
            figure = figure_for(shown, exhibit.eras, exhibit.settings, options, shown_key)
            st.plotly_chart(figure, key=CHART, theme=None, config=plotly_config(kiosk=True), height="stretch",
                            alt=alt_for(shown, exhibit.eras, exhibit.settings, shown_key))
    with st.container(key="kiosk-within"):  # every control: below it
        _render_filters(exhibit, choice, len(presets))
        with st.container(horizontal=True, key="kiosk-key-row"):  # the chart's key, and the text size beside it
            st.html(render_macro(PARTS, "under_chart", KEY_SHAPES))
            _larger_button()
            st.html(sound_controls_html(exhibit.settings.kiosk.volume))
        strip = page_of(shown, st.session_state.get(PAGE), STRIP_PAGE)
        _render_pages(strip.number, strip.count, strip_caption(strip))
        with st.container(key="event-list", horizontal=True):
            reached = list_route(era_query(era, categories))  # the strip, as chosen: a filtered list or all
            for entry in strip.entries:
                _card(entry, exhibit, reached)


def _render_pages(page: int, pages: int, caption: str) -> None:
    """The strip's caption, then big page turns around where the visitor is when the strip is too long to swipe."""
    with st.container(key="kiosk-pages", horizontal=True):
        st.html(render_macro(PARTS, "count", caption))
        if pages > 1:
            st.button(LABELS["earlier"], key="kiosk-page-earlier", disabled=page == 0, on_click=_turn_page,
                      args=(page - 1,))
            st.html(render_macro(PARTS, "count", f"Page {page + 1:,} of {pages:,}"))
            st.button(LABELS["later"], key="kiosk-page-later", disabled=page + 1 >= pages, on_click=_turn_page,
                      args=(page + 1,))


# --- entry ------------------------------------------------------------------------------------------------------


def _qr_html(entry: Entry, settings: Settings) -> str:
    url = take_home_url(settings.public_url, entry.id)  # src=qr: its visits count as QR arrivals
    if url is None:
        return ""
    return render_macro(PARTS, "qr", qr_svg_data_uri(url, label=QR_LABEL), QR_LABEL)


def _render_nav(previous: Entry | None, following: Entry | None, strip_page: int | None, volume: float,
                listen: Listen | None) -> None:
    with st.container(key="kiosk-nav", horizontal=True):
        if listen is not None:  # the big Listen/Pause button and its player (templates/listen.html)
            st.html(render_macro("listen.html", "listen_player", listen, "button"))
        st.button(LABELS["previous"], key="kiosk-previous", disabled=previous is None, on_click=_open,
                  args=(previous.id if previous else "", Reached.PREVIOUS_NEXT))
        st.button(LABELS["back"], key=BACK_KEY, type="primary", on_click=_back, args=(strip_page,))
        _larger_button()
        st.button(LABELS["next"], key="kiosk-next", disabled=following is None, on_click=_open,
                  args=(following.id if following else "", Reached.PREVIOUS_NEXT))
        st.html(sound_controls_html(volume))


def render_entry(exhibit: Exhibit) -> None:
    catalog = exhibit.catalog
    entry = catalog.by_id[st.session_state[ENTRY]]
    choice = _era_choice(len(exhibit.eras) + 1)
    shown = strip_entries(catalog.entries, exhibit.eras[choice - 1] if choice else None,
                          _chosen_categories(catalog))
    previous, following = strip_neighbours(shown, catalog.entries, entry.id)
    with st.container(key="event-detail"):
        picture, words = st.columns([11, 9])
        with picture:
            st.html(render_macro(PARTS, "entry_image", entry, web_image(entry, exhibit.media, "display")))
        with words:
            listen = web_listen(entry)
            st.html(render_macro(PARTS, "story", entry, source_texts(entry.sources), listen))
            qr = _qr_html(entry, exhibit.settings)
            if qr:
                st.html(qr)
        _render_nav(previous, following, page_containing(shown, entry.id, STRIP_PAGE), exhibit.settings.kiosk.volume,
                    listen)


VIEWS: dict[View, Callable[[Exhibit], None]] = {
    View.ATTRACT: render_attract,
    View.EXPLORE: render_explore,
    View.ENTRY: render_entry,
}
