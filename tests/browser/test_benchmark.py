"""The benchmark's browser figures (benchmarks/bench.py) time the real page: its marks and selectors hold."""

from __future__ import annotations

import pytest
from browser_pages import wait_for_run
from playwright.sync_api import expect

from benchmarks import bench

pytestmark = pytest.mark.browser


def test_the_first_view_mark_is_stamped_when_the_points_are_on_screen(web_app, page_at):
    page = page_at("desktop")
    page.add_init_script(path=str(bench.PAGE_MARKS))
    page.add_init_script(f"__bench.watch('timeline', () => __bench.onScreen({bench.TIMELINE_VISIBLE!r}))")
    page.goto(web_app.url)
    page.wait_for_function("'timeline' in __bench.marks")
    mark, html_arrived = page.evaluate(
        "[__bench.marks.timeline, performance.getEntriesByType('navigation')[0].responseEnd]")
    assert mark > html_arrived > 0  # on the page's clock, after its HTML: the page's time, not the harness's
    assert page.locator(bench.TIMELINE_VISIBLE).first.is_visible()


def test_the_rerun_figures_find_what_they_click_and_wait_for(web_app, page_at):
    page = page_at("desktop")
    page.add_init_script(path=str(bench.PAGE_MARKS))
    page.goto(web_app.url)
    wait_for_run(page)
    count = page.locator(bench.RESULT_COUNT)
    before = count.inner_text()
    page.locator(f".st-key-{bench.KINDS_KEY} button", has_text="Quotes").click()
    wait_for_run(page)
    expect(count).not_to_have_text(before)
    page.evaluate(f"__bench.watch('open', () => __bench.onScreen({bench.DETAIL_TITLE!r}))")
    page.locator(bench.OPEN_BUTTONS).first.click()
    page.wait_for_function("'open' in __bench.marks")
    assert page.evaluate("__bench.marks.open - __bench.lastClick()") > 0
    expect(page.locator(bench.DETAIL_TITLE)).to_be_visible()
    expect(page.locator(bench.APP_IDLE)).to_have_count(1)
