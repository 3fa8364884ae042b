"""The timeline figure, tested as data: what a visitor would see, read from the figure's JSON."""

from __future__ import annotations

import json
import random
import re

import pytest

from timeline.colors import contrast_ratio
from timeline.dates import HistDate, Precision
from timeline.figure import (
    GL_THRESHOLD,
    KEY_ITEMS,
    MIN_YEARS,
    PLOTLY_CONFIG,
    FigureOptions,
    build_figure,
    drawn_eras,
    era_number_color,
    figure_alt_text,
    fit_range,
    numbered_eras,
    plotly_config,
    range_presets,
)
from timeline.schema import Entry, Kind
from timeline.settings import CategoryStyle, Settings

WU, HGP, CITY = "Washington University", "Homer G. Phillips Hospital", "City of St. Louis"
SETTINGS = Settings(categories=(
    CategoryStyle(HGP, "#1F77B4", "Homer G. Phillips"),
    CategoryStyle(WU, "#A51417"),
    CategoryStyle(CITY, "#2CA02C", "City"),
))


def entry(id_: str, date: HistDate, category: str = WU, kind: Kind = Kind.EVENT, title: str = "") -> Entry:
    return Entry(id_, kind, date, title or f"Title of {id_}", row=2, category=category)


def year(y: int, **kw) -> HistDate:
    return HistDate(y, **kw)


ENTRIES = (
    entry("wu-1947", year(1947), WU),
    entry("wu-quote", year(1947), WU, Kind.QUOTE),
    entry("wu-sept", HistDate(1947, 9, precision=Precision.MONTH), WU),
    entry("hgp-opens", HistDate(1937, 2, 22, Precision.DAY), HGP),
    entry("hgp-span", year(1955, end=year(1966)), HGP),
    entry("city-1940s", year(1940, precision=Precision.DECADE), CITY),
    entry("city-about", year(1952, approximate=True), CITY),
)
ERAS = (
    Entry("era-late", Kind.ERA, year(1954, end=year(1979)), "Integration", row=9),
    Entry("era-early", Kind.ERA, year(1930, end=year(1953)), "Segregation", row=10),
)


def marker_traces(fig):
    return [t for t in fig.data if t.mode == "markers" and t.customdata is not None]


def points(fig) -> dict[str, tuple]:
    """id -> (trace, x, y) for every clickable point."""
    found = {}
    for trace in marker_traces(fig):
        for data, x, y in zip(trace.customdata, trace.x, trace.y, strict=True):
            assert data[0] not in found, f"{data[0]} drawn twice"
            found[data[0]] = (trace, x, y)
    return found


def segments(fig, name: str) -> list[tuple[float, float, float]]:
    """(x0, x1, y) of every horizontal segment in the line traces called ``name``."""
    found = []
    for trace in fig.data:
        if trace.mode == "lines" and trace.name == name:
            xs, ys = list(trace.x), list(trace.y)
            found += [(xs[i], xs[i + 1], ys[i]) for i in range(0, len(xs), 3)]
    return found


def era_tags(fig) -> list:
    return [a for a in fig.layout.annotations if a.name != "lane"]


def lane_labels(fig) -> list[tuple[str, float]]:
    """(the label as read, the y where its lane starts) from the top lane down; the colour swatch's markup removed."""
    return [(re.sub(r"<span[^>]*>■</span> ", "", a.text), a.y) for a in fig.layout.annotations if a.name == "lane"]


def lane_of_y(fig, y: float) -> int:
    """The index of the lane whose band holds ``y`` (lanes run from their label's y down to the next label's)."""
    return sum(top <= y for _, top in lane_labels(fig)) - 1


def all_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in all_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in all_strings(v)]
    return []


def test_one_marker_per_entry_with_its_id_first_in_customdata():
    fig = build_figure(ENTRIES, ERAS, SETTINGS, FigureOptions(selected_id="wu-sept"))
    assert sorted(points(fig)) == sorted(e.id for e in ENTRIES)


def test_lanes_follow_curator_order_then_first_use():
    extra = (entry("zoo", year(1960), "Zoo"), entry("quote-free", year(1961), "", Kind.QUOTE))
    fig = build_figure((*ENTRIES, *extra), ERAS, SETTINGS)
    assert [label for label, _ in lane_labels(fig)] == ["Homer G. Phillips", WU, "City", "Zoo", "Other"]
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1] == 0  # first lane on top
    lane_of = {e.id: [HGP, WU, CITY, "Zoo", ""].index(e.category) for e in (*ENTRIES, *extra)}
    assert {id_: lane_of_y(fig, y) for id_, (_, _, y) in points(fig).items()} == lane_of


def test_lane_labels_sit_above_their_markers_not_in_a_margin():
    """A 390 px phone cannot spare 40% of its width for names: each lane's name is above its rows."""
    fig = build_figure(ENTRIES, ERAS, SETTINGS)
    assert fig.layout.yaxis.showticklabels is False and fig.layout.margin.l <= 12
    labels = [a for a in fig.layout.annotations if a.name == "lane"]
    assert all((a.xref, a.x, a.xanchor, a.yanchor) == ("paper", 0, "left", "top") for a in labels)
    for id_, (trace, _, y) in points(fig).items():
        label = labels[lane_of_y(fig, y)]
        assert y - trace.marker.size / 2 >= label.y + 14, f"{id_} touches its lane's name"  # a 14 px line of text
        assert trace.marker.color in label.text  # the swatch before the name is the lane's colour


def test_lanes_only_for_categories_in_view():
    fig = build_figure([e for e in ENTRIES if e.category == CITY], (), SETTINGS)
    assert [label for label, _ in lane_labels(fig)] == ["City"]


def test_quotes_differ_from_events_by_shape_and_the_text_key_names_the_shapes_drawn():
    found = points(build_figure(ENTRIES, (), SETTINGS))
    quote, event, about = (found[id_][0].marker for id_ in ("wu-quote", "wu-1947", "city-about"))
    assert quote.color == event.color and quote.symbol != event.symbol
    key = {item.label: item.symbol for item in KEY_ITEMS}
    assert key == {"Event": event.symbol, "Quote": quote.symbol, "Approximate date": about.symbol}


@pytest.mark.parametrize("id_, start, end", [("hgp-span", 1955.0, 1967.0), ("city-1940s", 1940.0, 1950.0)])
def test_spans_and_decades_have_a_bar_from_start_to_end(id_, start, end):
    fig = build_figure(ENTRIES, (), SETTINGS)
    _, x, y = points(fig)[id_]
    assert x == start
    assert (start, end, y) in segments(fig, "span")


def test_points_in_time_have_no_bar():
    fig = build_figure(ENTRIES, (), SETTINGS)
    assert len(segments(fig, "span")) == 2  # only hgp-span and city-1940s


def test_approximate_dates_are_open_markers_with_a_whisker_over_the_uncertain_range():
    fig = build_figure(ENTRIES, (), SETTINGS)
    found = points(fig)
    trace, x, y = found["city-about"]
    assert trace.marker.symbol.endswith("-open")
    assert not found["wu-1947"][0].marker.symbol.endswith("-open")
    assert segments(fig, "uncertainty") == [(x - 2.0, x + 3.0, y)]  # 1947~ may mean 1950 to 1954; exact dates: none


def test_eras_are_bands_below_tagged_with_their_numbers_on_top():
    fig = build_figure(ENTRIES, ERAS, SETTINGS, FigureOptions(x_range=(1920.0, 1990.0)))
    bands = [(s.x0, s.x1, s.fillcolor) for s in fig.layout.shapes if s.type == "rect"]
    assert [b[:2] for b in bands] == [(1930.0, 1954.0), (1954.0, 1980.0)]  # in time, fills alternating in time
    assert bands[0][2] != bands[1][2]
    assert {s.layer for s in fig.layout.shapes} == {"below"}
    assert [(a.text, a.x, a.yref, a.y) for a in era_tags(fig)] == [("1", 1930.0, "paper", 1), ("2", 1954.0, "paper", 1)]


def test_eras_are_numbered_by_start():
    assert [(n, era.title) for n, era in numbered_eras(ERAS)] == [(1, "Segregation"), (2, "Integration")]


def era(id_: str, start: int, end: int) -> Entry:
    return Entry(id_, Kind.ERA, year(start, end=year(end)), f"The {id_} era, a long title", row=9)


@pytest.mark.parametrize(("eras", "x_range", "expected"), [
    # (era number, x, row): each number at its band's start, above the plot
    ((era("a", 1900, 1920), era("b", 1960, 1980)), (1900.0, 2000.0), [("1", 1900.0, 0), ("2", 1960.0, 0)]),
    # starts 14 years apart on a 200-year phone-wide axis would touch: the second goes up a row, the third back
    ((era("a", 1820, 1866), era("b", 1923, 1948), era("c", 1937, 1980)), (1814.0, 2028.0),
     [("1", 1820.0, 0), ("2", 1923.0, 0), ("3", 1937.0, 1)]),
    # zoomed in: a band that began before the view is numbered at the view's left edge; one outside is left out
    ((era("a", 1820, 1866), era("b", 1923, 1948), era("c", 1937, 1980)), (1935.0, 1982.0),
     [("2", 1935.0, 0), ("3", 1937.0, 1)]),
])
def test_eras_are_numbered_where_they_start_and_never_overprint(eras, x_range, expected):
    fig = build_figure(ENTRIES, eras, SETTINGS, FigureOptions(x_range=x_range))
    labels = era_tags(fig)
    row = min(a.yshift for a in labels)
    assert [(a.text, a.x, round((a.yshift - row) / 20)) for a in labels] == expected
    assert all(a.xanchor == "left" and a.yref == "paper" and a.y == 1 for a in labels)
    assert fig.layout.margin.t > max(a.yshift for a in labels)  # room above the plot for every row


@pytest.mark.parametrize(("large", "rows"), [(False, 2), (True, 1)])
def test_era_numbers_are_spaced_for_the_narrowest_plot_at_each_scale(large, rows):
    """Starts 14 years apart touch on a phone's plot but not on a kiosk's, which needs no second row."""
    eras = (era("a", 1820, 1866), era("b", 1923, 1948), era("c", 1937, 1980))
    fig = build_figure(ENTRIES, eras, SETTINGS, FigureOptions(x_range=(1814.0, 2028.0), large=large))
    assert len({a.yshift for a in era_tags(fig)}) == rows


@pytest.mark.parametrize("large", [False, True])
def test_the_figure_draws_no_legend_the_page_shows_a_text_key(large):
    fig = build_figure(ENTRIES, ERAS, SETTINGS, FigureOptions(large=large))
    assert fig.layout.showlegend is False
    assert not [t for t in fig.data if t.showlegend is not False]


PAPER = "#FAF6EE"


def test_the_figure_is_drawn_on_the_page_background_and_markers_read_on_it():
    settings = Settings(categories=(CategoryStyle(WU, "#C9A227"), CategoryStyle(HGP, "#1F77B4"),
                                    CategoryStyle(CITY, "#E8C07A")))  # gold and sand: under 3:1 on the paper
    fig = build_figure(ENTRIES, ERAS, settings, FigureOptions(background=PAPER))
    assert (fig.layout.paper_bgcolor, fig.layout.plot_bgcolor, fig.layout.hoverlabel.bgcolor) == (PAPER,) * 3
    traces = marker_traces(fig)
    assert all(contrast_ratio(t.marker.color, PAPER) >= 3.0 for t in traces)
    assert {t.marker.line.color for t in traces} == {PAPER}  # the rim that parts neighbours is the paper
    assert all(era_number_color(n, PAPER) == a.bgcolor for n, a in enumerate(era_tags(fig), start=1))


def test_selected_entry_is_larger_and_outlined_in_its_own_trace():
    fig = build_figure(ENTRIES, (), SETTINGS, FigureOptions(selected_id="hgp-opens"))
    trace = points(fig)["hgp-opens"][0]
    plain = points(fig)["wu-1947"][0]
    assert trace.name == "selected" and [d[0] for d in trace.customdata] == ["hgp-opens"]
    assert trace.marker.size > plain.marker.size and trace.marker.line.width > plain.marker.line.width


@pytest.mark.parametrize("selected", [None, "no-such-id"])
def test_no_highlight_without_a_shown_selection(selected):
    fig = build_figure(ENTRIES, (), SETTINGS, FigureOptions(selected_id=selected))
    assert "selected" not in {t.name for t in fig.data}


HOSTILE = ('<a href="https://evil">x</a>', "<script>alert(1)</script>", "<b>bold</b>")


@pytest.mark.parametrize("text", HOSTILE)
def test_curator_text_is_escaped_everywhere_in_the_figure(text):
    hostile_entry = Entry("h", Kind.EVENT, year(1950), text, row=2, category=text, display_date=text)
    era = Entry("era", Kind.ERA, year(1940, end=year(1960)), text, row=3)
    settings = Settings(categories=(CategoryStyle(text, "#123456", text),))
    fig = build_figure([hostile_entry], [era], settings, FigureOptions(selected_id="h"))
    strings = all_strings(json.loads(fig.to_json()))
    assert not [s for s in strings if text in s or "<a" in s or "<script" in s]
    assert sum("&lt;" in s for s in strings) >= 3  # title, date label, lane label (eras show numbers only)
    assert all(t.hovertemplate.endswith("<extra></extra>") for t in marker_traces(fig))


def test_hover_reads_date_label_and_title_from_customdata():
    fig = build_figure([entry("x", year(1947, approximate=True), title="Nurses & doctors")], (), SETTINGS)
    trace = marker_traces(fig)[0]
    assert list(trace.customdata[0]) == ["x", "about 1947", "Nurses &amp; doctors"]
    assert "customdata[1]" in trace.hovertemplate and "customdata[2]" in trace.hovertemplate


PHONE_PLOT_PX = 300  # the plot's width on a phone 340 px wide (the page's margins take the rest)


def overlapping(fig, plot_px: float = PHONE_PLOT_PX) -> list[tuple[str, str]]:
    """Pairs of markers that cover one another on a plot ``plot_px`` wide zoomed all the way out (the y axis
    counts pixels at the figure's own height). Rims of the page's colour may touch: they part the two."""
    low, high = fig.layout.xaxis.minallowed, fig.layout.xaxis.maxallowed
    drawn = [(id_, x * plot_px / (high - low), y, trace.marker.size) for id_, (trace, x, y) in points(fig).items()]
    return [(a[0], b[0]) for i, a in enumerate(drawn) for b in drawn[i + 1:]
            if abs(a[1] - b[1]) < (a[3] + b[3]) / 2 and abs(a[2] - b[2]) < (a[3] + b[3]) / 2]


def test_same_lane_same_year_markers_get_their_own_rows_inside_the_lane():
    crowd = [entry(f"c{i}", year(1947), WU) for i in range(6)] + [entry("other-lane", year(1947), HGP)]
    fig = build_figure(crowd, (), SETTINGS)
    ys = {i: y for i, (_, _, y) in points(fig).items()}
    assert len({ys[f"c{i}"] for i in range(6)}) == 6
    assert {lane_of_y(fig, ys[f"c{i}"]) for i in range(6)} == {1} and lane_of_y(fig, ys["other-lane"]) == 0
    assert not overlapping(fig)
    shuffled = random.Random(7).sample(crowd, len(crowd))
    assert {i: y for i, (_, _, y) in points(build_figure(shuffled, (), SETTINGS)).items()} == ys


def test_no_marker_hides_another_on_a_phone():
    """Entries a few years apart cover each other on a phone's 300 px plot; each gets a row where it does not,
    and a lane is as tall as its rows (a lane of one row stays low)."""
    rng = random.Random(5)
    crowd = [entry(f"e{i}", year(rng.randint(1930, 1990), approximate=i % 7 == 0), rng.choice([WU, HGP]),
                   Kind.QUOTE if i % 5 == 0 else Kind.EVENT) for i in range(40)]
    alone = entry("alone", year(1960), CITY)
    fig = build_figure([*crowd, alone], ERAS, SETTINGS)
    assert not overlapping(fig)
    (_, hgp), (_, wu), (_, city) = lane_labels(fig)
    assert fig.layout.yaxis.range[0] - city < min(wu - hgp, city - wu)


def test_spans_and_whiskers_keep_their_row_to_themselves():
    span, inside = entry("span", year(1940, end=year(1960))), entry("inside", year(1950))
    about, near = entry("about", year(1970, approximate=True)), entry("near", year(1973))
    found = points(build_figure([span, inside, about, near], (), SETTINGS))
    assert found["span"][2] != found["inside"][2] and found["about"][2] != found["near"][2]


def _many(n: int) -> list[Entry]:
    rng = random.Random(3)
    return [entry(f"e{i}", year(rng.randint(1900, 1990), approximate=i % 5 == 0),
                  rng.choice([WU, HGP, CITY]), Kind.QUOTE if i % 9 == 0 else Kind.EVENT) for i in range(n)]


def test_five_thousand_entries_build_with_webgl():
    many = _many(5000)
    fig = build_figure(many, ERAS, SETTINGS, FigureOptions(selected_id="e42"))
    assert len(points(fig)) == 5000
    assert {type(t).__name__ for t in marker_traces(fig)} == {"Scattergl"}
    assert {type(t).__name__ for t in marker_traces(build_figure(many[:GL_THRESHOLD], (), SETTINGS))} == {"Scatter"}


def test_without_webgl_every_trace_is_svg_scatter_at_any_size():
    """What plotly.js's basic bundle (the static site's) can draw: it has no WebGL traces."""
    fig = build_figure(_many(GL_THRESHOLD + 1), ERAS, SETTINGS, FigureOptions(selected_id="e42", webgl=False))
    assert len(points(fig)) == GL_THRESHOLD + 1
    assert {trace.type for trace in fig.data} == {"scatter"}


def test_view_state_options_and_sizes():
    fig = build_figure(ENTRIES, ERAS, SETTINGS, FigureOptions(x_range=(1940.0, 1960.0)))
    assert list(fig.layout.xaxis.range) == [1940.0, 1960.0]
    assert fig.layout.uirevision and fig.layout.dragmode == "pan" and fig.layout.xaxis.type == "linear"
    margin = fig.layout.margin
    assert fig.layout.height == round(margin.t + fig.layout.yaxis.range[0] + margin.b)  # as tall as its rows
    assert build_figure(ENTRIES, ERAS, SETTINGS, FigureOptions(height=500)).layout.height == 500
    large = build_figure(ENTRIES, ERAS, SETTINGS, FigureOptions(large=True))
    assert large.layout.font.size >= 20 and min(t.marker.size for t in marker_traces(large)) >= 22
    assert list(large.layout.xaxis.range) == list(fit_range(ENTRIES))


def test_plotly_config_removes_selection_tools_and_the_logo():
    assert PLOTLY_CONFIG["displaylogo"] is False and PLOTLY_CONFIG["responsive"] is True
    assert PLOTLY_CONFIG["scrollZoom"] is True
    assert {"lasso2d", "select2d", "autoScale2d", "toImage"} <= set(PLOTLY_CONFIG["modeBarButtonsToRemove"])
    assert plotly_config(kiosk=True)["displayModeBar"] is False


def test_every_category_colour_in_the_figure_reads_on_white():
    settings = Settings(categories=(CategoryStyle(WU, "#FFEE00"), CategoryStyle(HGP, "not a colour"),
                                    CategoryStyle(CITY, "#2CA02C")))
    fig = build_figure(ENTRIES, (), settings)
    colours = {t.marker.color for t in marker_traces(fig)} | {t.line.color for t in fig.data if t.mode == "lines"}
    assert len(colours) == 3 and all(contrast_ratio(c, fig.layout.plot_bgcolor) >= 3.0 for c in colours)


def test_range_presets_all_then_eras_by_start():
    presets = range_presets(ERAS, ENTRIES)
    assert [label for label, _ in presets] == ["All", "Segregation", "Integration"]
    (low, high), (era_low, era_high) = presets[0][1], presets[1][1]
    assert low < 1930.0 and high > 1980.0
    assert 1928.0 < era_low < 1930.0 and 1954.0 < era_high < 1956.0
    assert range_presets((), ()) == (("All", (1900.0, 2000.0)),)


def test_alt_text_counts_categories_years_and_eras():
    text = figure_alt_text(ENTRIES, ERAS, SETTINGS)
    assert "7 entries (1 quote) from 1937 to 1966" in text
    assert f"Homer G. Phillips Hospital 2, {WU} 3, {CITY} 2" in text
    assert "2 eras: Integration (1954–1979); Segregation (1930–1953)" in text
    assert "no entries" in figure_alt_text((), ERAS, SETTINGS)


HGP_ENTRIES = [e for e in ENTRIES if e.category == HGP]  # 1937 to 1966


def test_without_a_chosen_range_the_axis_fits_the_entries_shown_with_a_little_margin():
    fig = build_figure(HGP_ENTRIES, ERAS, SETTINGS)
    low, high = fig.layout.xaxis.range
    assert 1934 < low < 1937 and 1967 < high < 1970  # 30 years and a margin, not the 50 every era spans
    assert (fig.layout.xaxis.minallowed, fig.layout.xaxis.maxallowed) == (low, high)  # no panning into nothing
    assert (low, high) == fit_range(HGP_ENTRIES)


def test_one_entry_alone_is_shown_in_a_decade_of_context():
    low, high = fit_range([entry("one", HistDate(1947, 9, 1, Precision.DAY))])
    assert high - low >= MIN_YEARS and low < 1947 < high


def test_era_bands_are_drawn_only_within_the_years_a_visitor_can_reach():
    eras = (era("before", 1820, 1866), era("across", 1923, 1948), era("inside", 1950, 1960))
    fig = build_figure(HGP_ENTRIES, eras, SETTINGS)
    low, high = fig.layout.xaxis.range
    bands = [(s.x0, s.x1) for s in fig.layout.shapes if s.type == "rect"]
    assert bands == [(low, 1949.0), (1950.0, 1961.0)]  # 1820-1866 is left out, 1923-1948 cut at the axis
    assert [a.text for a in era_tags(fig)] == ["2", "3"]  # numbers stay those of every era
    assert [n for n, _ in drawn_eras(eras, HGP_ENTRIES)] == [2, 3]


def test_a_chosen_range_wider_than_the_entries_can_be_reached_and_shows_its_eras():
    eras = (era("before", 1820, 1866), era("across", 1923, 1948))
    fig = build_figure(HGP_ENTRIES, eras, SETTINGS, FigureOptions(x_range=(1814.0, 1870.0)))
    assert list(fig.layout.xaxis.range) == [1814.0, 1870.0]
    assert fig.layout.xaxis.minallowed == 1814.0 and fig.layout.xaxis.maxallowed > 1966
    assert [a.text for a in era_tags(fig)] == ["1"]
    assert len([s for s in fig.layout.shapes if s.type == "rect"]) == 2


def test_a_chart_of_one_row_keeps_the_height_of_a_timeline_with_its_row_in_its_lane():
    fig = build_figure([entry("x", year(1950), CITY)], (), SETTINGS)
    plot = fig.layout.yaxis.range[0]
    assert plot >= 150  # not a strip
    (_, top), = lane_labels(fig)
    assert top < points(fig)["x"][2] < plot


def test_a_kiosk_names_its_lanes_beside_them_where_its_wide_screen_has_room_and_its_short_chart_has_none():
    fig = build_figure(ENTRIES, ERAS, SETTINGS, FigureOptions(large=True))
    assert not lane_labels(fig)
    assert [re.sub(r"<span[^>]*>■</span> ", "", t) for t in fig.layout.yaxis.ticktext] == [
        "Homer G. Phillips", WU, "City"]
    assert fig.layout.yaxis.showticklabels is True
    assert sorted(fig.layout.yaxis.tickvals) == list(fig.layout.yaxis.tickvals)  # one per lane, top lane first


@pytest.mark.parametrize("large", [False, True])
def test_a_chart_with_nothing_to_show_still_draws_its_axis_and_eras(large):
    fig = build_figure((), ERAS, SETTINGS, FigureOptions(large=large))
    assert not points(fig) and not lane_labels(fig) and fig.layout.yaxis.range[0] > 0
    assert list(fig.layout.xaxis.range) == [1900.0, 2000.0]
