"""The phone benchmark (benchmarks/phone_bench.py) times what it claims: its marks and byte counts hold on the
static site and on TimelineJS3, served as the benchmark serves them (one visit each, not throttled)."""

from __future__ import annotations

import pytest

from benchmarks import phone_bench as bench
from benchmarks.static_server import StaticServer

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The static site built from the bundled data, and TimelineJS3 on the same entries, on one file server."""
    www = tmp_path_factory.mktemp("phone-www")
    with StaticServer(www) as server:
        bench.build_static_site(www / "site", server.url + "site/")
        bench.build_timelinejs(www / "timelinejs")
        yield server, www


def first_view_of(browser, page_at, subject):
    """The visit's figures, and the page at the end of the same kind of visit for a look at what was marked."""
    measured = bench.visit(browser, subject, None)
    page = page_at("phone")
    page.add_init_script(path=str(bench.PAGE_MARKS))
    page.add_init_script(f"__bench.watch('first', () => {subject.first_view})")
    page.goto(subject.url)
    mark = bench.wait_for_mark(page, "first")
    html_arrived = page.evaluate("performance.getEntriesByType('navigation')[0].responseEnd") / 1000
    return measured, page, mark, html_arrived


def test_the_static_sites_mark_is_its_first_entry_on_the_first_screen(browser, page_at, served):
    server, www = served
    subject = bench.Subject("static site", server.url + "site/", bench.STATIC_FIRST)
    measured, page, mark, html_arrived = first_view_of(browser, page_at, subject)
    assert measured.seconds > 0 and mark > html_arrived > 0  # the page's clock, after its HTML arrived
    first = page.locator("[data-entry-id]").first
    assert first.is_visible() and first.bounding_box()["y"] < page.viewport_size["height"]
    page_gz = (www / "site" / "index.html.gz").stat().st_size
    page_raw = (www / "site" / "index.html").stat().st_size
    # The page went over the wire as its gzip twin, and was counted (with its headers) before the mark.
    assert page_gz < measured.bytes_before < page_raw
    assert measured.bytes_before <= measured.bytes_total


def test_timelinejs3s_mark_is_its_first_slide_on_the_first_screen(browser, page_at, served):
    server, www = served
    subject = bench.Subject("TimelineJS3", server.url + "timelinejs/", bench.TIMELINEJS_FIRST)
    measured, page, mark, html_arrived = first_view_of(browser, page_at, subject)
    assert measured.seconds > 0 and mark > html_arrived > 0
    assert page.locator(".tl-slide-content .tl-headline").first.is_visible()
    script_gz = (www / "timelinejs" / "js" / "timeline.js.gz").stat().st_size
    assert script_gz < measured.bytes_before <= measured.bytes_total  # its script came compressed, before the mark


def test_the_streamlit_pages_mark_is_its_points_drawn(browser, web_app):
    """On a phone the chart sits below the filters, so the mark is its points drawn, not on the first screen."""
    measured = bench.visit(browser, bench.Subject("Streamlit app.py", web_app.url, bench.STREAMLIT_FIRST), None)
    assert measured.seconds > 0
    # Its scripts and the chart's Plotly came before the points could be drawn, and were counted.
    assert 1_000_000 < measured.bytes_before <= measured.bytes_total
