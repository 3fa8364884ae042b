"""The curators' pronunciation file: read with every problem by row and column, applied to whole words."""

from __future__ import annotations

from pathlib import Path

from timeline.narration.pronunciation import (
    NO_PRONUNCIATIONS,
    Pronunciations,
    load_pronunciations,
    parse_pronunciations,
    pronunciations_path_for,
)

FIXTURES = Path(__file__).parent / "fixtures" / "narration"


def flat(problems) -> list[tuple[str, int | None, str | None]]:
    return [(p.code, p.row, p.column) for p in problems]


def test_the_bundled_file_reads_cleanly():
    pronunciations, problems = load_pronunciations(FIXTURES / "pronunciations.csv")
    assert problems == ()
    assert pronunciations.pairs == (("Ville", "Vill"),)


def test_each_problem_names_its_row_and_column_and_good_rows_still_apply():
    pronunciations, problems = parse_pronunciations(
        b"word,say\nVille,Vill\nville,Veel\n,Nobody\nNash,\nWhittico,Whit-ih-co\n")
    assert flat(problems) == [("pronunciation-repeated", 3, "word"), ("pronunciation-value", 4, "word"),
                              ("pronunciation-value", 5, "say")]
    assert pronunciations.pairs == (("Ville", "Vill"), ("Whittico", "Whit-ih-co"))


def test_a_file_without_the_columns_is_refused_whole():
    pronunciations, problems = parse_pronunciations(b"name,sound\nVille,Vill\n")
    assert flat(problems) == [("pronunciation-header", 1, None)]
    assert pronunciations == NO_PRONUNCIATIONS


def test_the_header_may_be_capitalised_and_the_file_may_be_windows_1252():
    pronunciations, problems = parse_pronunciations("Word,Say\nCafé,Ka-fay\n".encode("cp1252"))
    assert pronunciations.pairs == (("Café", "Ka-fay"),)
    assert [p.code for p in problems] == ["encoding-windows-1252"]


def test_no_file_is_no_pronunciations_and_no_problem(tmp_path):
    assert load_pronunciations(tmp_path / "pronunciations.csv") == (NO_PRONUNCIATIONS, ())


def test_the_file_lives_beside_the_events_file():
    assert pronunciations_path_for(Path("data/events.csv")) == Path("data/pronunciations.csv")


def test_whole_words_match_regardless_of_case_the_longest_first():
    say = Pronunciations((("Ville", "Vill"), ("Homer G. Phillips", "Homer Gee Fillips"), ("Phillips", "Fill")))
    assert say.apply("The VILLE, Louisville, Homer G. Phillips; Phillips.") == \
        "The Vill, Louisville, Homer Gee Fillips; Fill."


def test_the_exhibits_own_file_passes_the_check():
    pronunciations, problems = load_pronunciations(Path(__file__).parent.parent / "data" / "pronunciations.csv")
    assert problems == ()
    assert ("Ville", "Vill") in pronunciations.pairs
