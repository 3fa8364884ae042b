"""What is spoken for an entry: a pure function of the entry, in the screen's order."""

from __future__ import annotations

import pytest

from timeline.dates import HistDate, Precision, parse_date
from timeline.narration.pronunciation import Pronunciations
from timeline.narration.script import (
    Sentence,
    cue_numbers,
    said_date,
    script_for,
    sentence_bounds,
    split_sentences,
)
from timeline.richtext import paragraphs
from timeline.schema import Entry, Kind


def entry(**fields) -> Entry:
    values = {"id": "e", "kind": Kind.EVENT, "date": HistDate(1937), "title": "A title", "row": 2} | fields
    return Entry(**values)


def shown(sentences: tuple[Sentence, ...]) -> list[str]:
    return [s.shown for s in sentences]


@pytest.mark.parametrize(("date", "words", "digits"), [
    ("1937-02", "February nineteen thirty-seven", "February 1937"),
    ("c. 1884", "about eighteen eighty-four", "about 1884"),
    ("1923/1947", "nineteen twenty-three to nineteen forty-seven", "1923 to 1947"),
    ("1937-02-22", "February twenty-second, nineteen thirty-seven", "February 22, 1937"),
    ("1940s", "the nineteen forties", "the 1940s"),
    ("1947~/1955", "about nineteen forty-seven to nineteen fifty-five", "about 1947 to 1955"),
])
def test_dates_are_said_as_a_person_says_them(date, words, digits):
    parsed = parse_date(date)
    assert isinstance(parsed, HistDate)
    assert said_date(parsed, in_words=True) == words
    assert said_date(parsed, in_words=False) == digits


def test_order_is_content_note_date_title_story_picture():
    spoken = script_for(entry(content_note="Describes violence", title="Riot", text="It happened. Then more.",
                              image="a.jpg", image_alt="A crowd on a street"))
    assert shown(spoken) == ["Content note: Describes violence.", "1937", "Riot.", "It happened.", "Then more.",
                             "The picture shows: A crowd on a street."]


def test_no_content_note_and_no_picture_say_nothing_of_them():
    assert shown(script_for(entry(text="Story."))) == ["1937", "A title.", "Story."]


def test_a_picture_still_to_come_is_described():
    assert shown(script_for(entry(image_description="Photograph of the ward")))[-1] == \
        "Picture to come: Photograph of the ward."


def test_a_date_is_spoken_in_words_and_shown_in_digits():
    date = script_for(entry(date=HistDate(1937, 2, precision=Precision.MONTH)))[0]
    assert date == Sentence("February 1937", "February nineteen thirty-seven")


def test_the_curators_display_date_is_what_is_said():
    assert script_for(entry(display_date="Fall 1977"))[0] == Sentence("Fall 1977", "Fall nineteen seventy-seven")


def test_a_quotation_is_introduced_by_its_speaker_and_followed_by_its_source():
    quote = entry(kind=Kind.QUOTE, text="“We were welcome.”", attribution="Dr. Helen E. Nash, oral history, 1990")
    spoken = script_for(quote)
    assert shown(spoken)[2:] == ["Dr. Helen E. Nash said:", "“We were welcome.”",
                                 "From Dr. Helen E. Nash, oral history, 1990."]
    assert spoken[2].spoken == "Doctor Helen E Nash said:"
    assert spoken[-1].spoken.endswith("oral history, nineteen ninety.")


def test_a_quotation_attributed_to_a_name_alone_is_not_sourced_twice():
    assert shown(script_for(entry(kind=Kind.QUOTE, text="Yes.", attribution="Helen Nash")))[2:] == \
        ["Helen Nash said:", "Yes."]


def test_abbreviations_are_expanded_in_what_is_spoken_only():
    sentence = script_for(entry(text="BJH and SLCH stand in St. Louis."))[-1]
    assert sentence == Sentence("BJH and SLCH stand in St. Louis.",
                                "Barnes-Jewish Hospital and Saint Louis Children's Hospital stand in Saint Louis.")


def test_pronunciations_change_what_is_spoken_not_the_captions():
    sentence = script_for(entry(text="It opened in the Ville."), Pronunciations((("Ville", "Vill"),)))[-1]
    assert sentence == Sentence("It opened in the Ville.", "It opened in the Vill.")


@pytest.mark.parametrize(("text", "sentences"), [
    ("Homer G. Phillips opened in St. Louis. It was new.", ["Homer G. Phillips opened in St. Louis.", "It was new."]),
    ("Dr. Nash came. She stayed!", ["Dr. Nash came.", "She stayed!"]),
    ("City Hospital No. 2 opened. No. It did.", ["City Hospital No. 2 opened.", "No.", "It did."]),
    ("He said “No.” Then he left.", ["He said “No.”", "Then he left."]),
    ("Opened in Feb. 1937 in the U.S. It grew.", ["Opened in Feb. 1937 in the U.S. It grew."]),
    ("One.\n\nTwo without a stop\n\nThree", ["One.", "Two without a stop", "Three"]),
])
def test_sentences_end_where_a_reader_hears_them_end(text, sentences):
    assert list(split_sentences(text)) == sentences


def test_the_script_is_a_pure_function_of_the_entry():
    one = entry(text="Same. Words.")
    assert script_for(one) == script_for(entry(text="Same. Words."))


@pytest.mark.parametrize("text", [
    "Homer G. Phillips opened.  It served the Ville.\nDr. Nash came in 1950. No. 2 ward.",
    "He said “No.” Then he left.",
    "One line only",
])
def test_sentence_bounds_cut_a_paragraph_where_the_narration_does(text):
    cut = [" ".join(part[a:b].split()) for part in paragraphs(text) for a, b in sentence_bounds(part)]
    assert cut == list(split_sentences(text))


def test_cue_numbers_count_each_part_in_the_order_spoken():
    numbers = cue_numbers(entry(text="One. Two. Three.", content_note="Violence.", image_description="A ward"))
    assert numbers == {"note": (1, 1), "date": (2, 1), "title": (3, 1), "intro": (4, 0), "story": (4, 3),
                       "source": (7, 0), "picture": (7, 1)}
    quote = cue_numbers(entry(kind=Kind.QUOTE, text="We came.", attribution="Ada, 1990"))
    assert quote["intro"] == (3, 1) and quote["story"] == (4, 1) and quote["source"] == (5, 1)
