"""What is spoken for an entry, as a pure function of the entry: ``script_for(entry)``.

The order follows the screen: the content note first (visitors read it before the story), then the date as a
person says it, the title, the story (a quotation introduced by its speaker), and the picture's description, so a
visitor who cannot see it hears what it shows. Each sentence has two forms: ``shown``, the words as written, for
the captions, and ``spoken``, what the engine is given (abbreviations expanded, years in words, the curators'
pronunciations applied). One sentence is one caption cue.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from timeline.dates import MONTH_NAMES, HistDate, Precision
from timeline.narration.pronunciation import NO_PRONUNCIATIONS, Pronunciations
from timeline.narration.words import decade_words, ordinal_words, plain, speakable, year_words
from timeline.richtext import paragraphs
from timeline.schema import Entry, Kind


@dataclass(frozen=True)
class Sentence:
    shown: str  # as written: the caption
    spoken: str  # as the engine should read it


# A period after one of these does not end a sentence ("St. Louis", "Dr. Nash", "Homer G. Phillips").
_NOT_AN_END = frozenset({"St", "Dr", "Mr", "Mrs", "Ms", "Jr", "Sr", "c", "ca", "vs", "Jan", "Feb", "Mar",
                         "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mt", "Ft", "Ave"})
_CANDIDATE_END = re.compile(r"([.!?…])[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"(\w+)$")


def split_sentences(text: str) -> tuple[str, ...]:
    """A paragraph's sentences. Paragraph breaks always end one; a period after an abbreviation or an initial
    does not."""
    found = (" ".join(paragraph[start:end].split()) for paragraph in paragraphs(text)
             for start, end in sentence_bounds(paragraph))
    return tuple(s for s in found if s)


def sentence_bounds(paragraph: str) -> tuple[tuple[int, int], ...]:
    """Where each sentence of one paragraph (as ``paragraphs`` gives it) starts and ends, as offsets into it: the
    entry's own text is marked sentence by sentence with these, so its page can follow the narration's captions."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _CANDIDATE_END.finditer(paragraph):
        before = _WORD_BEFORE.search(paragraph[: match.start(1)])
        word = before.group(1) if before else ""
        if match.group(1) == "." and _abbreviated(word, match.group(0)[1:].strip(), paragraph[match.end():]):
            continue
        bounds.append((start, match.end()))
        start = match.end()
    bounds.append((start, len(paragraph)))
    return tuple((a, b) for a, b in bounds if paragraph[a:b].strip())


def _abbreviated(word: str, closing: str, after: str) -> bool:
    """Whether the period after ``word`` marks an abbreviation or an initial rather than a sentence's end. A
    closing quote after it always ends the sentence ("He said “No.”"); "No." is an abbreviation before a number."""
    if closing:
        return False
    if word == "No":
        return after[:1].isdigit()
    return word in _NOT_AN_END or (len(word) == 1 and word.isupper())


def said_date(date: HistDate, in_words: bool) -> str:
    """A date as a person says it: "February 1937", "about 1884", "1923 to 1947", "February 22, 1937", "the
    1940s"; with ``in_words`` the numbers too ("February nineteen thirty-seven")."""
    about = "about " if date.approximate else ""
    start = _said_point(date, in_words)
    if date.end is None:
        return about + start
    return f"{about}{start} to {_said_point(date.end, in_words)}"


def _said_point(date: HistDate, in_words: bool) -> str:
    year = year_words(date.year) if in_words else str(date.year)
    if date.precision is Precision.DECADE:
        return "the " + (decade_words(date.year) if in_words else f"{date.year}s")
    if date.precision is Precision.YEAR:
        return year
    month = MONTH_NAMES[date.month - 1]
    if date.precision is Precision.MONTH:
        return f"{month} {year}"
    day = ordinal_words(date.day) if in_words else str(date.day)
    return f"{month} {day}, {year}"


def script_for(entry: Entry, pronunciations: Pronunciations = NO_PRONUNCIATIONS) -> tuple[Sentence, ...]:
    """Every sentence spoken for ``entry``, in order."""
    return tuple(sentence for _, part in script_parts(entry, pronunciations) for sentence in part)


def script_parts(entry: Entry, pronunciations: Pronunciations = NO_PRONUNCIATIONS,
                 ) -> tuple[tuple[str, tuple[Sentence, ...]], ...]:
    """The script by the part of the entry each sentence reads ("note", "date", "title", "intro", "story",
    "source", "picture"), in the order spoken: the page marks the part's words with their cue numbers."""
    def said(text: str) -> tuple[Sentence, ...]:
        return tuple(Sentence(plain(s), speakable(pronunciations.apply(s))) for s in split_sentences(text))

    date = (said(entry.display_date) if entry.display_date
            else (Sentence(said_date(entry.date, False), said_date(entry.date, True)),))
    quote = _quotation(entry, said) if entry.kind is Kind.QUOTE else ((), ())
    return (
        ("note", said(f"Content note: {_ended(entry.content_note)}" if entry.content_note else "")),
        ("date", _as_one(date)),
        ("title", said(_ended(entry.title))),
        ("intro", quote[0]),
        ("story", said(entry.text)),
        ("source", quote[1]),
        ("picture", said(_picture(entry))),
    )


def cue_numbers(entry: Entry) -> dict[str, tuple[int, int]]:
    """Each part's cues as (first cue number, how many): cues are numbered from 1 in the order spoken, as the
    captions number them (captions.to_webvtt)."""
    found, number = {}, 1
    for name, sentences in script_parts(entry):
        found[name] = (number, len(sentences))
        number += len(sentences)
    return found


def _quotation(entry: Entry, said: Callable[[str], tuple[Sentence, ...]],
               ) -> tuple[tuple[Sentence, ...], tuple[Sentence, ...]]:
    """A quotation's introduction by its speaker (the attribution up to its first comma), and where it is from."""
    speaker, _, rest = entry.attribution.partition(",")
    intro = said(f"{speaker.strip() or 'Someone'} said:")
    source = said(_ended(f"From {entry.attribution.strip()}")) if rest.strip() else ()
    return intro, source


def _picture(entry: Entry) -> str:
    """What the picture shows (its alt text), or the archival picture still to come (its description)."""
    if entry.image and entry.image_alt:
        return f"The picture shows: {_ended(entry.image_alt)}"
    if entry.image_description:
        return f"Picture to come: {_ended(entry.image_description)}"
    return ""


def _as_one(sentences: tuple[Sentence, ...]) -> tuple[Sentence, ...]:
    """A date is one cue however its label is punctuated ("1894 (uncertain)", "c. 1884")."""
    if len(sentences) <= 1:
        return sentences
    return (Sentence(" ".join(s.shown for s in sentences), " ".join(s.spoken for s in sentences)),)


def _ended(text: str) -> str:
    """A sentence ends with its own punctuation, or a period: titles and notes are typed without one."""
    text = text.strip()
    return text if not text or text[-1] in ".!?…:\"”’" else text + "."
