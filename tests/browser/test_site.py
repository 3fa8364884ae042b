"""The static site in a real Chromium at desktop and phone sizes: the list without JavaScript, filters by URL and
by hand, the deep link, the chart on wide screens only, hostile text inert, nothing sideways, axe-core clean."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from browser_pages import VIEWPORTS, describe_violations, run_axe, screenshot
from playwright.sync_api import Browser, Page, expect

from benchmarks.static_server import StaticServer
from tests.site_fixture import exhibit_copy, load_exhibit
from timeline.catalog import load_catalog
from timeline.query import Query, apply_query
from timeline.settings import DEFAULT_DATA, load_settings
from timeline.site.build import build_site

pytestmark = pytest.mark.browser
SIZES = ("desktop", "phone")


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("site-fixture")
    csv, media = exhibit_copy(folder / "exhibit")
    catalog, settings = load_exhibit(csv, media)
    build_site(catalog, settings, media, folder / "out", folder / "cache", "https://example.org/ex/")
    with StaticServer(folder / "out") as server:
        yield server.url


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("site-bundled")
    settings = load_settings(DEFAULT_DATA.parent / "exhibit.toml")
    catalog = load_catalog(DEFAULT_DATA, DEFAULT_DATA.parent.parent / "media", settings.category_order())
    build_site(catalog, settings, DEFAULT_DATA.parent.parent / "media", folder / "out", folder / "cache")
    with StaticServer(folder / "out") as server:
        yield server.url


def _open(browser: Browser, size: str, url: str, javascript: bool = True) -> Page:
    context = browser.new_context(**VIEWPORTS[size], locale="en-US", java_script_enabled=javascript)
    page = context.new_page()
    page.goto(url)
    return page


def _shown_ids(page: Page) -> list[str]:
    return page.eval_on_selector_all("li.entry:not([hidden])", "els => els.map(e => e.dataset.entryId)")


def _no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("size", SIZES)
def test_without_javascript_every_entry_is_listed_and_linked(browser: Browser, fixture_site: str, size: str) -> None:
    page = _open(browser, size, fixture_site, javascript=False)
    ids = page.eval_on_selector_all("[data-entry-id]", "els => els.map(e => e.dataset.entryId)")
    assert ids == ["hospital-opens", "nurses-train", "hostile", "quote-ada"]
    for entry_id in ids:
        assert page.locator(f'[data-entry-id="{entry_id}"] a[href="entries/{entry_id}/"]').count() == 1
    assert page.locator("#filters").is_hidden()  # a form that cannot work without its script is not offered
    page.click('a[href="entries/nurses-train/"]')
    expect(page.locator("h1")).to_have_text("Nurses train at the hospital")
    page.context.close()


@pytest.mark.parametrize("size", SIZES)
def test_filters_in_the_address_show_the_entries_the_web_mode_would(browser: Browser, bundled_site: str,
                                                                   size: str) -> None:
    settings = load_settings(DEFAULT_DATA.parent / "exhibit.toml")
    catalog = load_catalog(DEFAULT_DATA, None, settings.category_order()).visible
    category = catalog.categories[2]
    expected = [e.id for e in apply_query(Query(categories=frozenset({category}), year_from=1940), catalog.entries)]
    page = _open(browser, size, f"{bundled_site}?category={quote(category)}&from=1940")
    expect(page.locator("[data-count]")).to_have_text(f"{len(expected)} of {len(catalog.entries)} entries")
    assert _shown_ids(page) == expected
    assert page.locator(f'input[name="category"][value="{category}"]').is_checked()
    expect(page.locator(".reset-button")).to_be_visible()
    screenshot(page, f"site-{size}-filtered", full_page=False)
    page.click(".reset-button")
    expect(page.locator("[data-count]")).to_have_text(f"{len(catalog.entries)} entries")
    assert len(_shown_ids(page)) == len(catalog.entries)
    assert page.evaluate("location.search") == ""
    page.context.close()


def test_a_search_hides_what_does_not_match_and_the_address_follows(browser: Browser, fixture_site: str) -> None:
    page = _open(browser, "phone", fixture_site)
    page.fill("#f-q", "KOVACS")  # folded like the core folds: accents and case do not matter
    expect(page.locator("[data-count]")).to_have_text("1 of 4 entries")
    assert _shown_ids(page) == ["hospital-opens"]
    assert page.evaluate("location.search") == "?q=KOVACS"
    expect(page.locator(".filter-count")).to_have_text("· 1 of 4")
    page.fill("#f-q", "no such words")
    expect(page.locator(".no-results")).to_be_visible()
    page.context.close()


def test_an_entry_link_from_the_streamlit_page_opens_the_entry_page(browser: Browser, fixture_site: str) -> None:
    page = _open(browser, "phone", f"{fixture_site}?event=quote-ada")
    page.wait_for_url(re.compile(r"/entries/quote-ada/$"))
    expect(page.locator("h1")).to_have_text("Ada on the wards")
    page.goto(f"{fixture_site}?event=secret-draft")  # a draft (or unknown id) gets the timeline, not an error
    expect(page.locator("[data-entry-id]").first).to_be_visible()
    assert page.url.endswith("?event=secret-draft")
    page.context.close()


def test_the_way_back_from_an_entry_keeps_the_filters(browser: Browser, fixture_site: str) -> None:
    page = _open(browser, "desktop", f"{fixture_site}?kind=quote")
    expect(page.locator("[data-count]")).to_have_text("1 of 4 entries")
    page.click('a[href="entries/quote-ada/"]')
    page.click(".back-link")
    expect(page.locator("[data-count]")).to_have_text("1 of 4 entries")
    assert page.evaluate("location.search") == "?kind=quote"
    page.context.close()


def test_the_chart_joins_on_wide_screens_only_and_opens_an_entry(browser: Browser, bundled_site: str) -> None:
    context = browser.new_context(**VIEWPORTS["desktop"], locale="en-US")
    wide = context.new_page()
    errors: list[str] = []
    wide.on("console", lambda message: errors.append(message.text) if message.type == "error"
            and not message.location["url"].endswith("/favicon.ico") else None)  # the site has no icon: a 404
    wide.on("pageerror", lambda error: errors.append(str(error)))
    wide.goto(bundled_site)
    wide.wait_for_selector("#overview-chart .scatterlayer .point", timeout=30_000)
    # Drawn by plotly.js's basic bundle, which has every trace type the figure uses, with nothing said in the console.
    assert "(basic - minified)" in wide.evaluate("fetch(document.getElementById('overview').dataset.plotly)"
                                                 ".then((r) => r.text()).then((t) => t.slice(0, 200))")
    used = wide.evaluate("document.getElementById('overview-chart').data.map((trace) => trace.type)")
    assert set(used) == {"scatter"} and set(used) <= set(wide.evaluate("Object.keys(Plotly.PlotSchema.get().traces)"))
    assert errors == []
    box = wide.locator("#overview-chart").bounding_box()
    assert box is not None and box["y"] + box["height"] <= 900  # the whole chart on the first screen of a desktop
    screenshot(wide, "site-desktop")
    violations = run_axe(wide)  # with the chart drawn: nothing focusable nested in its role="img"
    assert violations == [], describe_violations(violations)
    wide.locator("#overview-chart .scatterlayer .point").first.click(force=True)
    wide.wait_for_url(re.compile(r"/entries/[a-z0-9-]+/$"))
    wide.context.close()
    phone = _open(browser, "phone", bundled_site)
    scripts: list[str] = []
    phone.on("request", lambda request: scripts.append(request.url) if "plotly" in request.url else None)
    phone.wait_for_load_state("networkidle")  # the overview's script would be asked for after the load event
    assert scripts == [] and phone.locator("#overview").is_hidden()
    first = phone.locator("li.entry").first.bounding_box()
    assert first is not None and first["y"] < 844  # the first entry starts on a phone's first screen
    screenshot(phone, "site-phone")
    phone.context.close()


@pytest.mark.parametrize("size", SIZES)
def test_hostile_curator_text_stays_inert_text(browser: Browser, fixture_site: str, size: str) -> None:
    dialogs: list[str] = []
    for path in ("", "entries/hostile/"):
        page = _open(browser, size, fixture_site + path)
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.wait_for_load_state("load")
        assert "<script>alert(1)</script> in a title" in page.inner_text("body")
        assert page.locator("main script, main img[src='x'], main b, main iframe").count() == 0
        page.context.close()
    assert dialogs == []


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("path", ["", "entries/hospital-opens/", "entries/quote-ada/"])
def test_no_sideways_scrolling_and_no_serious_accessibility_violation(browser: Browser, fixture_site: str,
                                                                      size: str, path: str) -> None:
    page = _open(browser, size, fixture_site + path)
    page.wait_for_load_state("load")
    _no_sideways_scroll(page)
    violations = run_axe(page)
    assert violations == [], describe_violations(violations)
    page.context.close()


@pytest.mark.parametrize("size", SIZES)
def test_the_bundled_exhibit_passes_axe_core_with_its_filters_open(browser: Browser, bundled_site: str,
                                                                   size: str) -> None:
    page = _open(browser, size, bundled_site)
    page.click("#filter-panel > summary")
    _no_sideways_scroll(page)
    violations = run_axe(page)
    assert violations == [], describe_violations(violations)
    entry = page.eval_on_selector("li.entry", "el => el.dataset.entryId")
    page.goto(f"{bundled_site}entries/{entry}/")
    _no_sideways_scroll(page)
    assert run_axe(page) == []
    screenshot(page, f"site-{size}-entry", full_page=True)
    page.context.close()


def test_images_are_sized_to_their_slot(browser: Browser, fixture_site: str) -> None:
    page = _open(browser, "phone", fixture_site + "entries/hospital-opens/")
    page.wait_for_load_state("load")
    chosen = page.eval_on_selector(".entry-figure img", "img => [img.currentSrc, img.naturalWidth, img.width]")
    assert "-medium" in chosen[0] or "-display" in chosen[0]
    assert chosen[1] <= 1600 and chosen[2] <= 390
    page.context.close()


def test_what_the_first_view_needs_fits_the_phone_budget(browser: Browser, bundled_site: str) -> None:
    """The page (its stylesheet inline) and its script, compressed as a static host sends them: under 150 KB."""
    import urllib.request

    page = _open(browser, "phone", bundled_site)
    needed = [bundled_site + "index.html", *page.eval_on_selector_all(
        "link[rel=stylesheet], script[src]", "els => els.map(e => e.href || e.src)")]
    page.context.close()
    sizes = []
    for url in needed:
        with urllib.request.urlopen(url + ".gz") as answer:  # the twin nginx's gzip_static would send
            sizes.append(len(answer.read()))
    assert len(sizes) == 2 and sum(sizes) < 150_000, sizes
