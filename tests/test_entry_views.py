"""What a card and an article show, decided once for the static site and the Streamlit page."""

from __future__ import annotations

import pytest

from timeline.dates import HistDate, Precision
from timeline.entry_views import article_view, card_view, source_of, tile_year
from timeline.schema import Entry, Kind
from timeline.settings import CategoryStyle, Settings

SETTINGS = Settings(categories=(CategoryStyle("City Hospital", "#1B8072"),))


def _entry(**fields: object) -> Entry:
    base: dict[str, object] = {"id": "e", "kind": Kind.EVENT, "date": HistDate(1947), "title": "T", "row": 2,
                               "text": "Story.", "category": "City Hospital"}
    return Entry(**{**base, **fields})  # type: ignore[arg-type]


@pytest.mark.parametrize(("date", "shown"), [
    (HistDate(1947), "1947"),
    (HistDate(1947, approximate=True), "c. 1947"),
    (HistDate(1940, precision=Precision.DECADE), "1940s"),
    (HistDate(1947, 9, precision=Precision.MONTH), "1947"),
])
def test_a_tile_shows_the_year_as_precisely_as_the_date(date: HistDate, shown: str) -> None:
    assert tile_year(_entry(date=date)) == shown


@pytest.mark.parametrize(("citation", "url"), [
    ("https://example.org/page", "https://example.org/page"),
    ("HTTP://example.org", "HTTP://example.org"),
    ("Archive box 7, folder 2", ""),
    ("javascript:alert(1)", ""),
    ("https://", ""),
    ("https://example.org/a b", ""),
])
def test_only_a_whole_web_address_becomes_a_link(citation: str, url: str) -> None:
    assert source_of(citation).url == url


def test_a_card_without_its_image_gets_a_tile_in_the_category_colour() -> None:
    card = card_view(_entry(image_description="Photograph of the wards"), SETTINGS)
    assert card.picture is None and card.color == "#1B8072" and card.year == "1947"
    assert card.where == "City Hospital" and card.summary == "Story."


def test_an_event_without_its_image_shows_a_placeholder_that_says_what_belongs_there() -> None:
    article = article_view(_entry(image_description="Photograph of the wards"), SETTINGS, {})
    assert article.picture is not None and article.picture.placeholder
    assert article.picture.description == "Photograph of the wards"


def test_a_bare_quotation_stands_alone() -> None:
    quote = _entry(kind=Kind.QUOTE, category="", attribution="Ada")
    assert article_view(quote, SETTINGS, {}).picture is None
    assert card_view(quote, SETTINGS).where == "Quotation"


def test_an_article_names_the_eras_it_belongs_to() -> None:
    era = _entry(id="era", kind=Kind.ERA, title="The hospital years", date=HistDate(1937, end=HistDate(1979)))
    article = article_view(_entry(related=("era", "missing")), SETTINGS, {"era": era})
    assert article.eras == ("The hospital years (1937–1979)",)
