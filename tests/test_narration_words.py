"""Numbers, years and abbreviations in words, as the engine is given them."""

from __future__ import annotations

import pytest

from timeline.narration.words import decade_words, number_words, ordinal_words, plain, speakable, year_words


@pytest.mark.parametrize(("year", "said"), [
    (1820, "eighteen twenty"), (1884, "eighteen eighty-four"), (1900, "nineteen hundred"),
    (1905, "nineteen oh-five"), (1923, "nineteen twenty-three"), (1947, "nineteen forty-seven"),
    (2000, "two thousand"), (2007, "two thousand seven"), (2010, "twenty ten"), (2023, "twenty twenty-three"),
])
def test_years_are_said_as_people_say_them(year, said):
    assert year_words(year) == said


@pytest.mark.parametrize(("year", "said"), [(1940, "nineteen forties"), (1900, "nineteen hundreds"),
                                            (2000, "two thousands"), (2010, "twenty tens")])
def test_decades(year, said):
    assert decade_words(year) == said


@pytest.mark.parametrize(("n", "said"), [(0, "zero"), (42, "forty-two"), (90, "ninety"), (101, "one hundred one"),
                                         (2500, "two thousand five hundred")])
def test_numbers(n, said):
    assert number_words(n) == said


@pytest.mark.parametrize(("n", "said"), [(1, "first"), (2, "second"), (3, "third"), (12, "twelfth"),
                                         (20, "twentieth"), (22, "twenty-second"), (31, "thirty-first")])
def test_ordinals(n, said):
    assert ordinal_words(n) == said


@pytest.mark.parametrize(("text", "said"), [
    ("St. Louis", "Saint Louis"),
    ("2601 N. Whittier St.", "2601 N Whittier Street"),
    ("BJH and SLCH", "Barnes-Jewish Hospital and Saint Louis Children's Hospital"),
    ("Homer G. Phillips", "Homer G Phillips"),
    ("Dr. Helen E. Nash", "Doctor Helen E Nash"),
    ("Feb. 1937", "February nineteen thirty-seven"),
    ("City Hospital No. 2 and #1", "City Hospital number 2 and number 1"),
    ("1923–1947", "nineteen twenty-three to nineteen forty-seven"),
    ("February–June 2023", "February to June twenty twenty-three"),
    ("in the 1940s", "in the nineteen forties"),
    ("c. 1884", "about eighteen eighty-four"),
    ("$1.2 million", "1.2 million dollars"),
    ("James L. Sweatt III, MD", "James L Sweatt the third, M D"),
    ("ZIP code 63106", "zip code six three one oh six"),
    ("2,000 people", "2,000 people"),
    ("[the report](https://example.org) was *late*", "the report was late"),
])
def test_text_is_made_speakable(text, said):
    assert speakable(text) == said


def test_captions_keep_the_words_as_written_without_markup():
    assert plain("[St. Louis](https://example.org) in *1947*") == "St. Louis in 1947"
