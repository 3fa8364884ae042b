"""The benchmark's browser figures (benchmarks/browser_bench.py) time the real page: its marks and selectors hold."""

from __future__ import annotations

import pytest
from browser_pages import wait_for_run
from playwright.sync_api import expect

from benchmarks import browser_bench as bench
from benchmarks.browser_bench import js

pytestmark = pytest.mark.browser


def test_the_first_view_mark_is_stamped_when_the_points_are_on_screen(web_app, page_at):
    page = page_at("desktop")
    page.add_init_script(path=str(bench.PAGE_MARKS))
    page.add_init_script(f"__bench.watch('timeline', () => __bench.onScreen({js(bench.TIMELINE_VISIBLE)}))")
    page.goto(web_app.url)
    painted = bench.wait_for_mark(page, "timeline")
    html_arrived = page.evaluate("performance.getEntriesByType('navigation')[0].responseEnd") / 1000
    assert painted > html_arrived > 0  # on the page's clock, after its HTML: the page's time, not the harness's
    assert page.locator(bench.TIMELINE_VISIBLE).first.is_visible()


def test_the_rerun_marks_time_from_the_click_to_the_answer(web_app, page_at):
    page = page_at("desktop")
    page.add_init_script(path=str(bench.PAGE_MARKS))
    page.goto(web_app.url)
    wait_for_run(page)
    count = page.locator(bench.RESULT_COUNT)
    before = count.inner_text()
    page.locator(bench.FILTERS_CONTROL).click()
    quotes = page.locator(f".st-key-{bench.KINDS_KEY} button", has_text="Quotes")
    quotes.wait_for(state="visible")
    page.evaluate(f"__bench.watchChange('filter', {js(bench.RESULT_COUNT)}, {js(bench.APP_IDLE)})")
    quotes.click()
    assert bench.wait_for_mark(page, "filter", since_click=True) > 0
    expect(count).not_to_have_text(before)
    wait_for_run(page)
    page.evaluate(f"__bench.watch('open', () => __bench.onScreen({js(bench.DETAIL_TITLE)}))")
    with pytest.raises(RuntimeError, match="no click before it"):  # a mark older than the last click
        page.evaluate("__bench.marks.open = 0")
        bench.wait_for_mark(page, "open", since_click=True)
    page.evaluate(f"__bench.watch('open', () => __bench.onScreen({js(bench.DETAIL_TITLE)}))")
    page.keyboard.press("Escape")  # the filters panel closes, as a visitor's next click would close it
    page.locator(f"{bench.OPEN_LINKS}:visible").first.click()
    assert bench.wait_for_mark(page, "open", since_click=True) > 0
    expect(page.locator(bench.DETAIL_TITLE)).to_be_visible()
