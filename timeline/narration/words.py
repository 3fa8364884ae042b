"""Numbers, years and abbreviations as a person says them.

Speech engines read digits literally: Piper says 1923 "nineteen hundred twenty three", 1884 "one thousand eight
hundred eighty four", the 1940s "nineteen hundred forty z", and a period after "St." or an initial ends a sentence.
So the text is written out in words here before any engine sees it, the same way for every engine.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_DIGITS = ("oh", *_ONES[1:10])  # a ZIP code is read digit by digit
_ORDINAL_ENDINGS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                    "nine": "ninth", "twelve": "twelfth"}


def number_words(n: int) -> str:
    """0 to 999,999 in words: 42 "forty-two", 1300 "one thousand three hundred"."""
    if not 0 <= n < 1_000_000:
        raise ValueError(f"{n} is outside 0 to 999,999")
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {number_words(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    return f"{number_words(thousands)} thousand" + (f" {number_words(rest)}" if rest else "")


def ordinal_words(n: int) -> str:
    """22 "twenty-second", 3 "third", 30 "thirtieth"."""
    words = number_words(n)
    head, sep, last = words.rpartition("-") if "-" in words else ("", "", words)
    if last in _ORDINAL_ENDINGS:
        last = _ORDINAL_ENDINGS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def year_words(year: int) -> str:
    """A year as people say it: 1937 "nineteen thirty-seven", 1905 "nineteen oh-five", 1900 "nineteen hundred",
    2000 "two thousand", 2007 "two thousand seven", 2023 "twenty twenty-three"."""
    if 2000 <= year <= 2009 or year % 1000 == 0:
        return number_words(year)
    high, low = divmod(year, 100)
    if low == 0:
        return f"{number_words(high)} hundred"
    if low < 10:
        return f"{number_words(high)} oh-{_ONES[low]}"
    return f"{number_words(high)} {number_words(low)}"


def decade_words(year: int) -> str:
    """The decade starting at ``year``: 1940 "nineteen forties", 1900 "nineteen hundreds", 2000 "two thousands"."""
    words = year_words(year)
    return words[:-1] + "ies" if words.endswith("y") else words + "s"


# --- text -------------------------------------------------------------------------------------------------------

_MONTHS = {"Jan": "January", "Feb": "February", "Mar": "March", "Apr": "April", "Jun": "June", "Jul": "July",
           "Aug": "August", "Sep": "September", "Sept": "September", "Oct": "October", "Nov": "November",
           "Dec": "December"}

# (pattern, replacement) in order; earlier rules see the text first. A table, as the list will grow.
_ABBREVIATIONS: tuple[tuple[str, str | Callable[[re.Match[str]], str]], ...] = (
    (r"\[([^\]]*)\]\((?:[^)\s]*)\)", r"\1"),  # a link is read by its label
    (r"(?<!\w)\*(?=\S)([^*]+?)(?<=\S)\*(?!\w)", r"\1"),  # emphasis marks are not read
    (r"\bBJH\b", "Barnes-Jewish Hospital"),
    (r"\bSLCH\b", "Saint Louis Children's Hospital"),
    (r"\bSt\.(?=\s+[A-Z])", "Saint"),
    (r"\bSt\.", "Street"),
    (r"\bDr\.(?=\s+[A-Z])", "Doctor"),
    (r"\bDr\.", "Drive"),
    (r"\bMrs\.", "Missus"),
    (r"\bMr\.", "Mister"),
    (r"\bMs\.", "Miz"),
    (r"\bJr\.", "Junior"),
    (r"\bSr\.", "Senior"),
    (r"\bNo\.\s*(?=\d)", "number "),
    (r"(?<!\w)#(?=\d)", "number "),
    (r"\b(?:c\.|ca\.|circa)\s*(?=\d)", "about "),
    (r"\b(" + "|".join(_MONTHS) + r")\.", lambda m: _MONTHS[m.group(1)]),
    (r"\b([A-Z][a-z]+) III\b", r"\1 the third"),
    (r"\b([A-Z][a-z]+) II\b", r"\1 the second"),
    (r"\b([A-Z])\.(?=\s*[A-Z])", r"\1"),  # initials and U.S.: a period here is not a sentence's end
    (r"\bMD\b", "M D"),
    (r"\bMPH\b", "M P H"),
    (r"\bZIP\b", "zip"),
    (r"(?<![\d,.$])\b(\d{5})\b(?![,.]\d)", lambda m: " ".join(_DIGITS[int(d)] for d in m.group(1))),  # 63106
    (r"\$(\d[\d,]*(?:\.\d+)?)(\s+(?:thousand|million|billion))?", r"\1\2 dollars"),
    (r"(?<=\d)\s*%", " percent"),
    (r"\b(\d{4}s?)\s*[–—-]\s*(?=\d{4}\b)", r"\1 to "),  # 1923–1947
    (r"(?<=\w)[–—](?=\w)", " to "),  # February–June
    (r"\s+[–—]\s+", ", "),  # a dash between clauses is a pause
    (r"(?<![\d,.$])\b(1\d{3}|20\d{2})s\b", lambda m: decade_words(int(m.group(1)) // 10 * 10)),
    (r"(?<![\d,.$])\b(1\d{3}|20\d{2})\b(?![,.]\d)", lambda m: year_words(int(m.group(1)))),
)
_COMPILED = tuple((re.compile(pattern), replacement) for pattern, replacement in _ABBREVIATIONS)


@lru_cache(maxsize=8192)
def speakable(text: str) -> str:
    """Text as it should be read aloud: abbreviations expanded, years and decades in words, markup dropped.

    Remembered: curator mode works out every entry's narration state on each rerun, from the same sentences."""
    for pattern, replacement in _COMPILED:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


@lru_cache(maxsize=8192)
def plain(text: str) -> str:
    """Curator text without its two marks (links by their label, emphasis unmarked), as captions show it."""
    for pattern, replacement in _COMPILED[:2]:
        text = pattern.sub(replacement, text)
    return text
