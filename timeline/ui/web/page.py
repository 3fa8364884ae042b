"""The public web page: header, then the explore area (filters, timeline, list or open entry) as one fragment.

Only the fragment reruns on a filter change or a selection, and nothing is parsed on a rerun: the
catalogue comes from the published store and its facets are computed once per catalogue version.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import streamlit as st

from timeline.catalog import Catalog
from timeline.insights.events import Mode as EventMode
from timeline.insights.events import Reached, link_arrival
from timeline.insights.visits import list_route
from timeline.links import exhibit_address
from timeline.listing import page_containing
from timeline.publishing import catalog_for, exhibit_settings, published_snapshot
from timeline.query import Facets, Query, ResultCount, apply_query, facets_of
from timeline.render import render_macro
from timeline.richtext import inline_html, paragraphs
from timeline.schema import Entry, Kind
from timeline.settings import Environment, Settings
from timeline.ui import focus, recording
from timeline.ui.chart import RESULTS, render_chart
from timeline.ui.chart_touch import install_chart_touch
from timeline.ui.state import (
    KEYS,
    apply_widget_values,
    current_notices,
    follow_history,
    keep_widgets_valid,
    sync_from_url,
    widget_values,
    write_url,
)
from timeline.ui.styles import inject_styles
from timeline.ui.web.detail import DetailContext, covered, render_detail
from timeline.ui.web.entry_list import render_list
from timeline.ui.web.filters import render_filters

SOURCING = ("Every entry names its sources: follow them from the entry itself. Dates marked “about” are "
            "approximate; a span of years is drawn as a bar on the timeline.")
PARTS = "ui/web.html"
LEAD_CHARS = 280  # about four lines beside the title on a desktop: the timeline then fits the first screen
NOTHING_PUBLISHED = "The exhibit’s entries are being prepared and will appear here soon."
# A sentence ends at . ! or ? after two lower-case letters ("St. Louis", "Homer G. Phillips" do not end one).
_SENTENCE_END = re.compile(r"(?<=[a-z]{2}[.!?])(?=\s+\S)")
# Catalog.key -> facets; a few versions at most over a day of edits.
_facets: dict[tuple[str, int, int, tuple[str, ...]], Facets] = {}


def facets_for(catalog: Catalog) -> Facets:
    key = catalog.key
    found = _facets.get(key)
    if found is None:
        if len(_facets) > 8:
            _facets.clear()
        found = _facets[key] = facets_of(catalog.entries, catalog.categories)
    return found


def split_introduction(text: str, limit: int = LEAD_CHARS) -> tuple[str, str]:
    """The introduction's lead (whole sentences of its first paragraph: at least one, more while they fit ``limit``
    characters) and the rest, which "About this exhibit" shows. A cut never falls inside a word, an emphasis or a
    link, so lead and rest together read exactly as the whole; a wrongly guessed sentence end only moves text there.
    """
    parts = paragraphs(text)
    if not parts:
        return "", ""
    first = parts[0]
    cut = 0
    for end in [match.start() for match in _SENTENCE_END.finditer(first)] + [len(first)]:
        if cut and end > limit:
            break
        if inline_html(first[:end]) + inline_html(first[end:]) == inline_html(first):
            cut = end
    rest = (first[cut:].strip(), *parts[1:])
    return first[:cut], "\n\n".join(part for part in rest if part)


def render_header(settings: Settings) -> None:
    """Title beside the introduction's lead on wide screens, the rest of it and the sourcing one click away in
    "About this exhibit", so the whole timeline is on the first screen of a desktop. A phone has no room beside
    the title: its lead moves into "About this exhibit" too."""
    lead, rest = split_introduction(settings.introduction)
    title, words = st.columns([6, 5], gap="medium")
    with title:
        st.html(render_macro(PARTS, "header", settings.title))
    with words:
        st.html(render_macro(PARTS, "intro", lead))
        with st.expander("About this exhibit"):
            # A phone shows the lead here instead of under the title, so the timeline starts on its first screen.
            st.html(render_macro(PARTS, "about", lead, (rest, settings.sources_policy, SOURCING)))


def _open(entry_id: str, mode: EventMode | None, reached: Reached) -> None:
    recording.opened(mode, entry_id, reached)
    if entry_id:
        st.session_state[KEYS.open_id] = entry_id
        focus.request_focus(focus.detail_heading())


def _reset_filters(facets: Facets, mode: EventMode | None) -> None:
    recording.filters_reset(mode)
    apply_widget_values(widget_values(Query(), facets))
    st.session_state[KEYS.page] = 0


def _back(order: tuple) -> None:
    entry_id = st.session_state.get(KEYS.open_id)
    st.session_state[KEYS.open_id] = None
    page = page_containing(order, entry_id) if entry_id else None
    if page is not None:
        st.session_state[KEYS.page] = page
        focus.request_focus(focus.list_item(entry_id))
    else:
        focus.request_focus(focus.list_heading())


def _follow_query(query: Query) -> None:
    """A new query starts the list at its first page, and brings the results into view (the first query of a
    session is the page arriving: it stays at the top)."""
    last = st.session_state.get(KEYS.last_query)
    if last != query:
        st.session_state[KEYS.last_query] = query
        st.session_state[KEYS.page] = 0
        if last is not None:
            focus.request_reveal(RESULTS)


def _share_base(settings: Settings) -> str:
    return exhibit_address(settings.public_url) or (st.context.url or "")


def _record_run(mode: EventMode | None, query: Query, results: int, entry: Entry | None, linked: str | None,
                arriving: bool) -> None:
    """What this run shows that the visitor did: an entry its address opened (a shared link or QR code when the
    session arrived with it; later, a list link, which opens an entry by the address too), a new search or filter,
    a content note's outcome."""
    if entry is not None and entry.id == linked:
        route = link_arrival(st.query_params.to_dict()) if arriving else list_route(query)
        recording.opened(mode, entry.id, route)
    recording.follow_query(mode, query, results)
    hidden = entry.id if entry is not None and covered(entry) else ""
    recording.follow_note(mode, hidden, st.session_state.get(KEYS.revealed, set()))


@st.fragment
def explore(env: Environment) -> None:
    settings = exhibit_settings(env)
    catalog = catalog_for(env.mode, published_snapshot(env, settings))
    if not catalog.entries and not catalog.eras:  # a first install, or a broken file with no last good copy
        st.html(render_macro(PARTS, "notice", NOTHING_PUBLISHED))
        return
    facets = facets_for(catalog)
    mode = recording.start(env.mode, settings)
    recording.begin(mode)  # one Streamlit session is one web visitor
    was_open = st.session_state.get(KEYS.open_id)
    arriving = KEYS.url_written not in st.session_state  # this session's first run: it came by its address
    linked = sync_from_url(facets)
    if linked:  # a link to an entry lands on it, as a link to an #anchor would
        focus.request_focus(focus.detail_heading())
    elif was_open and st.session_state.get(KEYS.open_id) is None:  # Back closed the entry: its view is gone
        focus.request_focus(focus.list_heading())
    query = keep_widgets_valid(facets)
    _follow_query(query)
    shown = apply_query(query, catalog.entries)
    open_id = st.session_state.get(KEYS.open_id)
    entry = catalog.by_id.get(open_id) if open_id else None
    if entry is None or entry.kind is Kind.ERA:
        open_id = st.session_state[KEYS.open_id] = None
        entry = None
    _record_run(mode, query, len(shown), entry, linked, arriving)
    for notice in current_notices(query, open_id):
        # Not st.info: it is Markdown, and a notice may quote the link's text.
        st.html(render_macro(PARTS, "notice", notice))
    counts = catalog.counts
    render_filters(facets, query, ResultCount.of(shown, counts.published_entries, counts.drafts),
                   lambda: _reset_filters(facets, mode))
    render_chart(shown, catalog.eras, settings, open_id, lambda entry_id: _open(entry_id, mode, Reached.CHART),
                 (catalog.key, query))
    if entry is not None:
        render_detail(entry, DetailContext(shown, catalog.by_id, env.media, settings, _share_base(settings),
                                           lambda entry_id, reached: _open(entry_id, mode, reached),
                                           lambda: _back(shown)))
    else:
        render_list(shown, catalog.eras, query, env.media, settings, lambda: _reset_filters(facets, mode))
    focus.apply_focus()
    write_url(query, open_id)


def render_web(env: Environment, settings: Settings, preface: Callable[[], None] | None = None) -> None:
    """The page; ``preface`` draws what goes between the header and the exhibit (the curator's panel), so the
    exhibit's title stays the page's first heading."""
    inject_styles()
    install_chart_touch()
    render_header(settings)
    if preface is not None:
        preface()
    follow_history()  # here, outside the fragment: Back and Forward rerun the whole page
    explore(env)
