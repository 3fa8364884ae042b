"""What a page says about itself: a description cut at a word and marked, quotes kept as quotes."""

from __future__ import annotations

from timeline.dates import HistDate
from timeline.page_meta import ELLIPSIS, entry_meta, exhibit_meta, plain_text, shorten, summary
from timeline.schema import Entry, Kind
from timeline.settings import Settings

SETTINGS = Settings(title="The Exhibit", introduction="An *exhibit* about a [hospital](https://example.org).")


def _entry(text: str, kind: Kind = Kind.EVENT, **more: str) -> Entry:
    return Entry(id="e", kind=kind, date=HistDate(1947), title="A title", row=2, text=text, **more)


def test_plain_text_drops_markup_and_keeps_the_words() -> None:
    assert plain_text("One *two* [three](https://example.org).\n\nFour <b>five</b>") == \
        "One two three. Four <b>five</b>"


def test_a_cut_falls_between_words_and_is_marked() -> None:
    assert shorten("short enough", 20) == "short enough"
    cut = shorten("one two three four five six", 16)
    assert cut == "one two three" + ELLIPSIS and len(cut) <= 16


def test_a_quote_keeps_its_marks_and_its_speaker() -> None:
    assert summary(_entry("“We waited.”", Kind.QUOTE, attribution="Ada, 1990")) == "“We waited.” — Ada, 1990"
    assert summary(_entry("We waited.", Kind.QUOTE)) == "“We waited.”"


def test_an_entrys_description_starts_with_its_date_and_stays_short() -> None:
    meta = entry_meta(_entry("word " * 200), SETTINGS, url="https://example.org/e/")
    assert meta.description.startswith("1947: word word")
    assert len(meta.description) <= 160 and meta.description.endswith(ELLIPSIS)
    assert meta.title == "A title · The Exhibit" and meta.og_type == "article"
    assert (meta.image, meta.image_width) == ("", 0)


def test_a_description_stays_short_whatever_the_cells_hold() -> None:
    long_date = _entry("word " * 200, display_date="d" * 199)
    long_quote = _entry("word " * 200, Kind.QUOTE, attribution="name " * 100, display_date="Fall " * 39)
    for entry in (long_date, long_quote):
        assert len(entry_meta(entry, SETTINGS).description) <= 160
        assert len(summary(entry)) <= 150 and len(summary(entry, 60)) <= 60
    assert entry_meta(long_quote, SETTINGS).description.startswith("Fall Fall")
    assert "— name name" in summary(long_quote)


def test_the_exhibits_own_description_is_its_introduction_in_plain_words() -> None:
    meta = exhibit_meta(SETTINGS)
    assert meta.description == "An exhibit about a hospital."
    assert meta.og_type == "website" and meta.title == "The Exhibit"
