"""TimelineJS as a format: sheets and JSON read as rows, and the published catalogue written as JSON."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from timeline.catalog import build_catalog
from timeline.reader import read_table
from timeline.settings import Settings
from timeline.timelinejs import export_timeline, records_from_json, records_from_table

FIXTURES = Path(__file__).parent / "fixtures" / "timelinejs"
CATALOGUE = build_catalog((FIXTURES / "catalogue.csv").read_bytes())


def table(text: str):
    return read_table(io.BytesIO(text.encode("utf-8")))


def test_sheet_headers_match_whatever_their_case_and_spacing():
    records, problem = records_from_table(table("YEAR,end  year,Headline,Text\n1947,1950,Head,Body\n"))
    assert problem is None
    assert [(r.row, dict(r.cells)) for r in records] == [
        (2, {"year": "1947", "end year": "1950", "headline": "Head", "text": "Body"})]


@pytest.mark.parametrize("text", [
    "id,date,title\na,1947,Our own events file\n",
    "Year,Text\n1947,no headline column\n",
])
def test_a_sheet_without_year_and_headline_is_not_timelinejs(text):
    records, problem = records_from_table(table(text))
    assert records == () and problem.startswith("This is not a TimelineJS sheet")


def test_json_slides_are_numbered_as_sheet_rows():
    data = {"title": {"text": {"headline": "T"}},
            "events": [{"start_date": {"year": 1947, "month": "9", "hour": 10},
                        "end_date": {"year": 1950.0}, "text": {"headline": "E", "text": "<p>x</p>"},
                        "media": {"url": "a.jpg", "alt": "A"}, "group": "G", "unique_id": "e-1",
                        "background": {"color": "#fff"}, "display_date": "Fall 1947"}],
            "eras": [{"start_date": {"year": 1937}, "end_date": {"year": 1979}, "text": {"headline": "Era"}}]}
    records, problem = records_from_json(data)
    assert problem is None
    assert [(r.row, dict(r.cells)) for r in records] == [
        (2, {"type": "title", "headline": "T"}),
        (3, {"year": "1947", "month": "9", "time": "10:00", "end year": "1950", "display date": "Fall 1947",
             "headline": "E", "text": "<p>x</p>", "media": "a.jpg", "alt text": "A", "group": "G",
             "background": "#fff", "unique id": "e-1"}),
        (4, {"type": "era", "year": "1937", "end year": "1979", "headline": "Era"}),
    ]


@pytest.mark.parametrize("data", [
    [], "text", 3, None, {}, {"title": {}}, {"events": "not a list"},
])
def test_json_that_is_not_timelinejs_gives_a_message(data):
    records, problem = records_from_json(data)
    assert records == () and problem.startswith("This is not TimelineJS JSON")


def test_json_with_odd_values_reads_what_it_can():
    data = {"title": "not an object", "events": [3, None, {"start_date": {"year": {"x": 1}, "month": True},
                                                           "text": {"headline": ["x"]}}], "eras": "no"}
    records, problem = records_from_json(data)
    assert problem is None
    assert [dict(r.cells) for r in records] == [{}, {}, {}]


def export(settings: Settings | None = None) -> dict:
    exported = export_timeline(CATALOGUE.visible, settings or Settings())
    return json.loads(json.dumps(exported))  # what a file holds


def test_export_has_the_published_events_in_order_and_no_drafts():
    events = export()["events"]
    assert [e["unique_id"] for e in events] == ["hgp-opens", "campaign", "wu-students", "q-one"]
    assert [(e["start_date"], e.get("end_date"), e["display_date"]) for e in events] == [
        ({"year": 1937, "month": 2, "day": 22}, None, "22 February 1937"),
        ({"year": 1940}, {"year": 1959}, "1940s–1950s"),  # TimelineJS has no decades: the span's last year
        ({"year": 1947, "month": 9}, None, "Fall 1947"),
        ({"year": 1990}, None, "1990"),
    ]
    assert [e.get("group") for e in events] == ["Homer G. Phillips Hospital", "St. Louis and national context",
                                                "Washington University", "Homer G. Phillips Hospital"]


def test_export_text_is_escaped_html_with_links_quotes_and_sources():
    first, _, third, quote = export()["events"]
    assert first["text"] == {"headline": "Homer G. Phillips Hospital opens", "text": (
        '<p>The hospital opened.</p><p>It served <em>Black</em> patients; see <a href="https://example.org/hgp" '
        'rel="noopener noreferrer">the history</a> &amp; more &lt;b&gt;.</p><p>Sources: <a href="https://example.org/hgp">'
        'https://example.org/hgp</a>; Becker Archives VF07177</p>')}
    assert third["text"]["text"] == "<p>Five students enrolled.</p><p>Sources: Becker Archives</p>"
    assert quote["text"]["text"] == "<blockquote><p>“It was our hospital.”</p></blockquote><p>— A doctor, 1990</p>"


def test_export_media_only_for_entries_with_an_image():
    events = export()["events"]
    assert events[0]["media"] == {"url": "media/hgp.jpg", "caption": "Nurses &amp; doctors",
                                  "credit": "Becker Archives", "alt": "Nurses on the steps"}
    assert ["media" in e for e in events] == [True, False, False, False]


def test_export_title_slide_and_eras():
    exported = export(Settings(title="Desegregation & medicine", introduction="One.\n\nTwo."))
    assert exported["title"] == {"text": {"headline": "Desegregation &amp; medicine", "text": "<p>One.</p><p>Two.</p>"}}
    assert exported["eras"] == [{"start_date": {"year": 1937}, "end_date": {"year": 1979},
                                 "text": {"headline": "The Homer G. Phillips years",
                                          "text": "<p>The hospital&#x27;s working life.</p>"}}]
