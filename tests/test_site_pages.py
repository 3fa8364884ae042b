"""The static site's pages as data: every published entry listed and linked, heads for link previews, no drafts."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from tests.html_parts import Elements
from tests.site_fixture import exhibit_copy, load_exhibit
from timeline.entry_views import ImageFiles
from timeline.listing import groups
from timeline.site.pages import (
    EXHIBIT_PREVIEW,
    Assets,
    SiteInput,
    entry_page,
    index_page,
    inline_style,
    not_found_page,
    robots,
    search_index,
    sitemap,
)

ASSETS = Assets(css="assets/site.1.css", script="assets/site.1.js", plotly="assets/plotly.1.js",
                figure="assets/figure.1.json", search="assets/search.1.json",
                style='.filter-panel > summary::before { content: "▸"; }')
PHOTO = ImageFiles((("media/a-thumbnail.jpg", 480, 320), ("media/a-medium.jpg", 960, 640),
                    ("media/a-display.jpg", 1500, 1000)), "Nurses on the hospital steps", "Graduating nurses",
                   "Example Archive")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SiteInput:
    csv, media = exhibit_copy(tmp_path_factory.mktemp("exhibit"))
    catalog, settings = load_exhibit(csv, media)
    assert catalog.publishable, catalog.problems
    return SiteInput(catalog.visible, settings, ASSETS, {"hospital-opens": PHOTO},
                     {EXHIBIT_PREVIEW: "previews/site.jpg", "hospital-opens": "previews/h.jpg"}, "https://example.org/ex/")


def _page(site: SiteInput, entry_id: str) -> Elements:
    entries = site.catalog.entries
    at = [e.id for e in entries].index(entry_id)
    return Elements(entry_page(site, entries[at], entries[at - 1] if at else None,
                               entries[at + 1] if at + 1 < len(entries) else None))


def test_the_timeline_lists_every_published_entry_once_with_a_link_to_its_page(site: SiteInput) -> None:
    page = Elements(index_page(site))
    listed = [attrs["data-entry-id"] for attrs in page.find("li") if "data-entry-id" in attrs]
    assert listed == [e.id for e in site.catalog.entries]
    links = {attrs["href"] for attrs in page.find("a")}
    assert {f"entries/{e.id}/" for e in site.catalog.entries} <= links
    assert "secret-draft" not in index_page(site)


def test_entries_carry_what_the_filter_script_matches_on(site: SiteInput) -> None:
    page = Elements(index_page(site))
    item = next(a for a in page.find("li") if a.get("data-entry-id") == "hospital-opens")
    assert item["data-category"] == "City Hospital"
    assert item["data-kind"] == "event"
    assert json.loads(item["data-themes"]) == ["patients", "nursing"]
    assert json.loads(item["data-people"]) == ["Ada Example", "Béla Kovács"]
    assert float(item["data-start"]) == pytest.approx(1937 + (1 + 21 / 28) / 12, abs=1e-4)


def test_the_search_index_holds_the_cores_folded_text(site: SiteInput) -> None:
    index = json.loads(search_index(site.catalog.entries))
    assert set(index) == {e.id for e in site.catalog.entries}
    assert "bela kovacs" in index["hospital-opens"]  # accents and case folded once, by the core
    assert "secret-draft" not in index


def test_the_filters_offer_what_the_catalogue_holds(site: SiteInput) -> None:
    page = Elements(index_page(site))
    categories = [a["value"] for a in page.find("input", name="category")]
    assert categories == list(site.catalog.categories)
    assert page.find("form", id="filters")[0].get("hidden") == ""  # shown by the script; without it, just the list
    assert {a["value"] for a in page.find("input", name="kind")} == {"event", "quote"}


def test_decades_are_the_year_markers_and_eras_are_named_where_they_begin(site: SiteInput) -> None:
    found = groups(site.catalog.entries, site.catalog.eras)
    assert [g.label for g in found] == ["1930s", "1940s", "1950s", "1960s"]
    assert [e.id for e in found[0].eras] == ["era-hospital"]
    assert [e.id for e in found[0].entries] == ["hospital-opens"]
    assert "A period begins The hospital years" in Elements(index_page(site)).words


def test_an_entry_page_has_the_head_a_link_preview_needs(site: SiteInput) -> None:
    page = _page(site, "hospital-opens")
    assert page.find("title") and "City hospital opens its doors · A Test Exhibit" in page.words
    assert page.meta("description").startswith("22 February 1937: The hospital opened with separate wards.")
    assert page.find("link", rel="canonical")[0]["href"] == "https://example.org/ex/entries/hospital-opens/"
    assert page.meta("og:url") == "https://example.org/ex/entries/hospital-opens/"
    assert page.meta("og:image") == "https://example.org/ex/previews/h.jpg"
    assert page.meta("og:type") == "article"
    assert page.meta("twitter:card") == "summary_large_image"
    ld = json.loads(page.scripts[0])
    assert ld["headline"] == "City hospital opens its doors"
    assert ld["temporalCoverage"] == "1937-02-22"


def test_without_a_base_url_no_tag_claims_an_address(site: SiteInput) -> None:
    local = SiteInput(site.catalog, site.settings, ASSETS)
    page = _page(local, "nurses-train")
    assert not page.find("link", rel="canonical")
    assert page.meta("og:url") == "" and page.meta("og:image") == ""
    assert page.meta("og:title").startswith("Nurses train at the hospital")


def test_an_entry_page_tells_the_whole_entry(site: SiteInput) -> None:
    page = _page(site, "hospital-opens")
    words = page.words
    for part in ("The hospital opened with separate wards.", "A second paragraph", "Ada Example; Béla Kovács",
                 "Main Street", "Graduating nurses", "Credit: Example Archive", "Part of: The hospital years"):
        assert part in words
    assert {"href": "https://example.org/record", "rel": "noopener noreferrer"} in page.find("a")
    sources = [a["href"] for a in page.find("a", rel="noopener noreferrer")]
    assert "https://example.org/opening" in sources and "Archive box 7 folder 2" in words
    image = page.find("img")[0]
    assert image["src"] == "../../media/a-medium.jpg"  # the copy that fills its slot, not the largest
    assert image["srcset"].split(", ") == ["../../media/a-thumbnail.jpg 480w", "../../media/a-medium.jpg 960w",
                                           "../../media/a-display.jpg 1500w"]
    assert (image["width"], image["height"], image["alt"]) == ("960", "640", "Nurses on the hospital steps")
    related = [a["href"] for a in page.find("a") if a["href"].endswith("nurses-train/")]
    assert related  # a related entry, as a card
    assert page.find("a", rel="next")[0]["href"] == "../../entries/nurses-train/"
    assert not page.find("a", rel="prev")  # the first entry has none


def test_an_event_without_its_image_says_what_belongs_there(site: SiteInput) -> None:
    page = _page(site, "nurses-train")
    assert "Archival image to be added Photograph of the first nursing class" in page.words
    assert [a["class"] for a in page.find("img")] == ["entry-thumb"]  # only the related entry's thumbnail


def test_hostile_curator_text_stays_text(site: SiteInput) -> None:
    index, page = index_page(site), _page(site, "hostile")
    assert "<script>alert" not in index and "<img src=x" not in index
    assert "<script>alert(1)</script> in a title" in page.words  # shown literally
    assert "<b>Bold</b> Hospital" in page.words
    assert not [t for t, _ in page.tags if t in ("b", "i")]
    assert all("alert" not in s for s in page.scripts[1:])  # only the JSON-LD script, which is data
    assert "</script" not in page.scripts[0]


def test_the_sitemap_lists_every_entry_page_and_robots_points_to_it(site: SiteInput) -> None:
    text = sitemap(site)
    assert text.count("<loc>") == len(site.catalog.entries) + 1
    assert "<loc>https://example.org/ex/entries/quote-ada/</loc>" in text
    assert robots(site).splitlines()[-1] == "Sitemap: https://example.org/ex/sitemap.xml"


def test_the_not_found_page_links_home_by_the_sites_address(site: SiteInput) -> None:
    page = Elements(not_found_page(site))
    assert page.find("a")[0]["href"] == "https://example.org/ex/"
    assert page.meta("robots") == "noindex"


def test_without_the_sites_address_the_not_found_page_links_home_relatively(site: SiteInput) -> None:
    page = Elements(not_found_page(replace(site, base_url="")))
    assert page.find("a")[0]["href"] == "./"  # "/" would leave a site served under a sub-path
    assert "/entries/" in page.scripts[0]  # from a missing entry's address, the part before /entries/


def test_pages_link_their_shared_assets_relative_to_where_they_are(site: SiteInput, tmp_path: Path) -> None:
    assert Elements(index_page(site)).find("link", rel="prefetch")[0]["href"] == "assets/site.1.css"
    assert _page(site, "quote-ada").find("link", rel="stylesheet")[0]["href"] == "../../assets/site.1.css"


def test_the_timeline_carries_its_stylesheet_inline_and_waits_for_no_other(site: SiteInput) -> None:
    """Its first screen draws with the page's own bytes: a linked stylesheet would cost a round trip first."""
    html = index_page(site)
    assert Elements(html).find("link", rel="stylesheet") == []
    assert '<style>.filter-panel > summary::before { content: "▸"; }</style>' in html  # as written, not escaped
    assert html.index('rel="prefetch"') > html.index("</main>")  # for entry pages, once the page has arrived


def test_a_stylesheet_that_would_end_its_style_element_is_refused() -> None:
    with pytest.raises(ValueError, match="</style"):
        inline_style("a { color: red } </STYLE><script>alert(1)</script>")
