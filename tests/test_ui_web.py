"""The web page through AppTest: title, filters and count, deep links, previous/next, hostile text."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from tests.fixture_edits import give_hard_times_a_photo
from tests.html_parts import Elements
from tests.web_list import follow_list_link, list_links
from timeline.catalog import build_catalog
from timeline.figure import build_figure, drawn_eras
from timeline.listing import page_of
from timeline.query import Query
from timeline.render import render_macro
from timeline.settings import PROJECT_ROOT, Settings
from timeline.ui import chart
from timeline.ui.state import KEYS
from timeline.ui.web.entry_list import list_page_html
from timeline.ui.web.page import PARTS, SOURCING, facets_for, split_introduction

FIXTURES = Path(__file__).parent / "fixtures" / "ui"
SETTINGS = 'title = "A test exhibit"\nintroduction = "About *these* stories."\npublic_url = "https://exhibit.example/"\n'
# Any script, iframe, image not served by us, or link to the hostile fixture's evil.example is a live tag.
LIVE_TAG = re.compile(r'<\s*(script|iframe|img(?![^>]*src="app/static/)|a\s+href="https://evil)', re.IGNORECASE)


@pytest.fixture
def app(tmp_path, monkeypatch, fresh_app_state):
    """An AppTest on a copy of a fixture CSV (the published store writes beside its data file)."""

    def make(fixture: str = "events.csv") -> AppTest:
        data = tmp_path / fixture
        shutil.copy(FIXTURES / fixture, data)
        (tmp_path / "exhibit.toml").write_text(SETTINGS, encoding="utf-8")
        (tmp_path / "media").mkdir(exist_ok=True)
        monkeypatch.setenv("TIMELINE_MODE", "web")
        monkeypatch.setenv("TIMELINE_DATA", str(data))
        monkeypatch.setenv("TIMELINE_MEDIA", str(tmp_path / "media"))
        monkeypatch.delenv("TIMELINE_SETTINGS", raising=False)
        return AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=30)

    return make


def html_bodies(at: AppTest) -> list[str]:
    return [element.proto.body for element in at.get("html")]


def count_text(at: AppTest) -> str:
    return next(re.sub(r"<[^>]+>", "", body) for body in html_bodies(at) if 'role="status" aria-live' in body)


def detail_title(at: AppTest) -> str | None:
    for body in html_bodies(at):
        found = re.search(r'<h2 class="entry-heading"[^>]*>(.*?)</h2>', body)
        if found:
            return found.group(1)
    return None


def test_page_shows_the_exhibit_title_and_all_published_entries(app):
    at = app()
    at.run()
    assert not at.exception
    assert any("<h1>A test exhibit</h1>" in body for body in html_bodies(at))
    assert count_text(at) == "All 6 entries"  # 8 rows less one era and one draft
    assert "draft-entry" not in list_links(at)


@pytest.mark.parametrize(("widget", "value", "expected", "param"), [
    ("filter-text", "converted", "1 of 6 entries · “converted”", ("q", "converted")),
    ("filter-themes", ["nursing"], "2 of 6 entries · theme: nursing", ("theme", "nursing")),
    ("filter-people", ["Ada Example"], "2 of 6 entries · person: Ada Example", ("person", "Ada Example")),
])
def test_a_filter_changes_the_count_and_the_url(app, widget, value, expected, param):
    at = app()
    at.run()
    element = at.text_input(key=widget) if widget == "filter-text" else at.multiselect(key=widget)
    element.set_value(value).run()
    assert count_text(at) == expected
    assert at.query_params[param[0]] == param[1]  # AppTest keeps the last value of a key


def test_the_chart_is_drawn_on_the_page_colour_with_a_text_key_instead_of_a_legend(app):
    at = app()
    at.run()
    layout = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]
    page = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    assert layout["paper_bgcolor"] == layout["plot_bgcolor"] == page["backgroundColor"]
    assert layout["showlegend"] is False
    assert any('class="chart-key"' in body for body in html_bodies(at))


def test_a_new_category_order_in_the_settings_shows_without_a_new_csv():
    data = (FIXTURES / "events.csv").read_bytes()
    before = build_catalog(data, category_order=("City Hospital", "Nursing School"))
    after = build_catalog(data, category_order=("Nursing School", "City Hospital"))  # exhibit.toml reordered
    assert before.version == after.version
    assert facets_for(before).categories[:2] == ("City Hospital", "Nursing School")
    assert facets_for(after).categories[:2] == ("Nursing School", "City Hospital")


def test_curator_and_visitor_catalogues_of_one_version_have_their_own_facets():
    full = build_catalog((FIXTURES / "events.csv").read_bytes())  # with its draft
    visitors = full.visible
    assert full.version == visitors.version
    assert facets_for(full).ids - facets_for(visitors).ids == {"draft-entry"}
    assert "draft-entry" not in facets_for(visitors).ids


def test_reruns_that_change_nothing_on_the_chart_reuse_the_built_figure(app, monkeypatch):
    builds = []
    monkeypatch.setattr(chart, "build_figure", lambda *args: builds.append(args) or build_figure(*args))
    at = app()
    at.run()
    assert len(builds) == 1
    at.run()  # a live-update poll, a page of the list, an image shown: the same chart
    at.session_state["list-page"] = 1
    at.run()
    assert len(builds) == 1
    at.text_input(key="filter-text").set_value("ward").run()
    at.session_state["open-entry"] = "nurses-train"
    at.run()
    assert len(builds) == 3  # a new filter and an opened entry are new charts


def test_reruns_of_the_same_view_reuse_the_chart_key(app, monkeypatch):
    """Finding the eras the key names walks every entry's years: at 5,000 entries a tenth of a rerun."""
    walks = []
    monkeypatch.setattr(chart, "drawn_eras", lambda *args: walks.append(args) or drawn_eras(*args))
    at = app()
    at.run()
    at.run()
    at.session_state["list-page"] = 1
    at.run()
    assert len(walks) == 2  # once for the key, once for the alt text
    at.text_input(key="filter-text").set_value("ward").run()
    assert len(walks) == 4


def test_years_slider_filters(app):
    at = app()
    at.run()
    at.slider(key="filter-years").set_value((1930, 1940)).run()
    assert count_text(at) == "2 of 6 entries · 1930–1940"


def test_reset_appears_only_when_there_is_something_to_reset(app):
    at = app()
    at.run()
    assert not [b for b in at.button if b.key == "reset-filters"]
    at.text_input(key="filter-text").set_value("ward").run()
    assert at.button(key="reset-filters").label == "Reset filters"


def test_reset_filters_clears_every_filter(app):
    at = app()
    at.query_params.update({"q": "ward", "theme": "patients"})
    at.run()
    assert count_text(at) != "All 6 entries"
    at.button(key="reset-filters").click().run()
    assert count_text(at) == "All 6 entries"
    assert "q" not in at.query_params


def test_deep_link_opens_the_entry(app):
    at = app()
    at.query_params["event"] = "nurses-train"
    at.run()
    assert detail_title(at) == "Nurses begin training"
    assert at.get("code")[0].value == "https://exhibit.example/?event=nurses-train"


def test_the_share_link_is_the_entry_link_the_kiosk_and_link_previews_use(app, tmp_path):
    at = app()
    (tmp_path / "exhibit.toml").write_text(SETTINGS.replace('"https://exhibit.example/"',
                                                            '"https://exhibit.example/?embed=true#top"'))
    at.query_params["event"] = "nurses-train"
    at.run()
    assert at.get("code")[0].value == "https://exhibit.example/?event=nurses-train"


def test_unknown_entry_gives_a_notice_and_the_normal_page(app):
    at = app()
    at.query_params["event"] = "no-such-entry"
    at.run()
    assert detail_title(at) is None
    assert any('class="notice"' in body and "no-such-entry" in body for body in html_bodies(at))
    assert "hospital-opens" in list_links(at)


def test_oversized_link_values_are_not_echoed(app):
    at = app()
    at.query_params["q"] = "x" * 5000
    at.run()
    assert not at.exception
    assert all("x" * 201 not in body for body in html_bodies(at))


@pytest.mark.parametrize(("params", "steps", "expected"), [
    ({}, ["next-entry"], "A nurse remembers"),
    ({}, ["next-entry", "next-entry"], "Wards are closed"),
    ({}, ["previous-entry"], "City hospital opens its doors"),
    ({"category": "Nursing School"}, ["next-entry"], "A nurse remembers"),
    ({"category": "Nursing School"}, ["next-entry", "next-entry"], "The two schools merge"),
])
def test_previous_and_next_follow_the_filtered_order(app, params, steps, expected):
    at = app()
    at.query_params.update({"event": "nurses-train", **params})
    at.run()
    for step in steps:
        at.button(key=step).click().run()
    assert detail_title(at) == expected


def test_opening_from_the_list_and_going_back(app):
    at = app()
    at.run()
    follow_list_link(at, "merger").run()
    assert detail_title(at) == "The two schools merge"
    assert at.query_params["event"] == "merger"
    at.button(key="back-to-list").click().run()
    assert detail_title(at) is None
    assert "event" not in at.query_params


def test_back_and_forward_follow_the_address(app):
    """Browser Back and Forward rerun the whole page with an earlier address (AppTest: set it, then run)."""
    at = app()
    at.run()
    at.pills(key="filter-categories").set_value(["Nursing School"]).run()
    follow_list_link(at, "merger").run()
    assert dict(at.query_params) == {"category": "Nursing School", "event": "merger"}
    at.query_params.clear()
    at.query_params["category"] = "Nursing School"  # Back: the list, still filtered
    at.run()
    assert detail_title(at) is None
    assert at.pills(key="filter-categories").value == ["Nursing School"]
    at.query_params.clear()  # Back again: no filter
    at.run()
    assert at.pills(key="filter-categories").value == []
    assert count_text(at).startswith("All ")
    at.query_params.update({"category": "Nursing School", "event": "merger"})  # Forward twice
    at.run()
    assert detail_title(at) == "The two schools merge"
    assert at.pills(key="filter-categories").value == ["Nursing School"]


def test_the_page_keeps_its_state_when_the_address_has_not_moved(app):
    at = app()
    at.run()
    at.text_input(key="filter-text").set_value("ward").run()
    follow_list_link(at, "late-change").run()
    at.run()  # a whole-page run at the address the page wrote itself, as a live update makes
    assert at.text_input(key="filter-text").value == "ward"
    assert detail_title(at) == "The wards are integrated"
    assert dict(at.query_params) == {"event": "late-change", "q": "ward"}


def test_a_live_redraw_with_an_old_address_keeps_the_visitors_choice(app):
    """A live update reruns the page with the address of the poll that found it, which can predate a click."""
    at = app()
    at.run()
    at.text_input(key="filter-text").set_value("ward").run()
    at.query_params.clear()  # the address before the search, as the poll's run carried it
    at.session_state[KEYS.server_rerun] = True  # what state.rerun_page sets
    at.run()
    assert at.text_input(key="filter-text").value == "ward"
    assert dict(at.query_params) == {"q": "ward"}  # and the address is put right


def test_content_note_covers_a_photograph_until_asked(app, tmp_path):

    at = app()
    give_hard_times_a_photo(tmp_path)
    at.query_params["event"] = "hard-times"
    at.run()
    assert any("Describes racial violence." in body for body in html_bodies(at))
    assert not any("<figure" in body for body in html_bodies(at))
    at.button(key="reveal-hard-times").click().run()
    assert any('<figure class="entry-figure">' in body and 'alt="The closed ward"' in body for body in html_bodies(at))


def test_content_note_does_not_cover_a_placeholder(app):
    at = app()
    at.query_params["event"] = "hard-times"  # no image supplied yet: nothing distressing to hide
    at.run()
    assert any("Describes racial violence." in body for body in html_bodies(at))
    assert any("placeholder-card" in body for body in html_bodies(at))
    assert not [b for b in at.button if b.key == "reveal-hard-times"]


@pytest.mark.parametrize(("entry_id", "literal"), [
    ("script-title", "&lt;script&gt;alert(1)&lt;/script&gt; in a title"),
    ("heading", "# Heading"),
    ("colour", ":red[red] title"),
    ("dollars", "$1 million of an $87 million bond issue"),
    ("autolinks", "See www.example.com or someone@example.org"),
    ("anchor", "&lt;a href=&#34;https://evil.example&#34;&gt;click&lt;/a&gt; here"),  # markupsafe's &#34;
    ("iframe-text", "An iframe in the story"),
    ("quote-hostile", "`code` and **bold** and [link](https://evil.example)"),
])
def test_hostile_text_renders_escaped_with_no_live_tags(app, entry_id, literal):
    at = app("hostile.csv")
    at.query_params["event"] = entry_id
    at.run()
    assert not at.exception
    assert detail_title(at) == literal
    ours = "<script data-config="  # our own scripts, from timeline/static/ (compat.script_element)
    assert not [body for body in html_bodies(at) if not body.startswith(ours) and LIVE_TAG.search(body)]


HOSTILE = "<script>alert(1)</script>"


def test_the_title_and_a_notice_show_hostile_text_as_text():
    header = Elements(render_macro(PARTS, "header", f"{HOSTILE} <b>title</b>"))
    assert [tag for tag, _ in header.tags] == ["header", "p", "h1"] and not header.scripts
    assert header.words == f"An online exhibit {HOSTILE} <b>title</b>"
    notice = Elements(render_macro(PARTS, "notice", f"No entry “{HOSTILE}”"))
    assert notice.tags == [("p", {"class": "notice", "role": "status"})] and notice.words == f"No entry “{HOSTILE}”"


def test_the_introduction_keeps_only_emphasis_and_web_links():
    text = f'{HOSTILE} *these* [ok](https://ok.example) [js](javascript:alert(1)) <a href="https://evil.example">x</a>'
    shown = f'{HOSTILE} these ok [js](javascript:alert(1)) <a href="https://evil.example">x</a>'
    intro = Elements(render_macro(PARTS, "intro", text))
    about = Elements(render_macro(PARTS, "about", text, ("", "Policy <i>here</i>", SOURCING)))
    assert [tag for tag, _ in intro.tags] == ["div", "p", "em", "a"] and intro.words == shown
    assert [tag for tag, _ in about.tags] == ["div", "div", "p", "em", "a", "p", "p"]  # an empty part adds nothing
    assert about.words == f"{shown} Policy <i>here</i> {SOURCING}"
    assert [a["href"] for a in intro.find("a") + about.find("a")] == ["https://ok.example"] * 2
    assert not intro.scripts and not about.scripts


def test_the_list_shows_hostile_titles_as_text(app):
    at = app("hostile.csv")
    at.run()
    page = next(Elements(body) for body in html_bodies(at) if "entry-list-page" in body)
    assert not page.scripts and not page.find("a", href="https://evil.example")
    assert {"<script>alert(1)</script> in a title", "$1 million of an $87 million bond issue"} <= set(page.text)
    assert list_links(at)["script-title"] == "?event=script-title"
    at = follow_list_link(at, "script-title").run()
    assert detail_title(at) == "&lt;script&gt;alert(1)&lt;/script&gt; in a title"


def test_a_list_link_keeps_the_visitors_filters_however_odd_their_text(tmp_path):
    search = '"><script>x</script> & event=evil'
    query = Query(categories=frozenset({"A & B"}), text=search, year_from=1900)
    catalog = build_catalog((FIXTURES / "events.csv").read_bytes())  # its entries, whatever the query
    page = page_of(catalog.entries[:3], 0)
    markup = Elements(list_page_html(page, catalog.eras, query, tmp_path, Settings()))
    hrefs = [a["href"] for a in markup.find("a")]
    assert len(hrefs) == 3 and not markup.scripts
    for entry, href in zip(page.entries, hrefs, strict=True):
        assert parse_qs(urlsplit(href).query) == {"event": [entry.id], "category": ["A & B"], "from": ["1900"],
                                                  "q": [search]}



@pytest.mark.parametrize(("text", "limit", "lead", "rest"), [
    ("About *these* stories.", 280, "About *these* stories.", ""),
    ("", 280, "", ""),
    ("One here. Two here.", 280, "One here. Two here.", ""),  # a short paragraph stays whole
    ("One here. Two here. Three.", 12, "One here.", "Two here. Three."),  # at least one sentence
    ("A very long first sentence here. Two.", 5, "A very long first sentence here.", "Two."),
    ("Seen in St. Louis today. Homer G. Phillips opened.", 20, "Seen in St. Louis today.", "Homer G. Phillips opened."),
    ("One *two. Three* four. Five.", 10, "One *two. Three* four.", "Five."),  # never inside an emphasis
    ("See [the Argus. Here](https://a.example/) now. Then.", 10, "See [the Argus. Here](https://a.example/) now.",
     "Then."),
    ("First here.\nSecond here. Third.\n\nNext one.", 15, "First here.", "Second here. Third.\n\nNext one."),
])
def test_the_introduction_leads_with_whole_sentences_and_keeps_the_rest(text, limit, lead, rest):
    assert split_introduction(text, limit) == (lead, rest)
