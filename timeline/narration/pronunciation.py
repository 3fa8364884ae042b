"""The curators' pronunciation file, ``data/pronunciations.csv``: a word, and how to say it.

Names the voice gets wrong ("the Ville", a family name) are respelled there by curators, e.g. ``Ville,Vill``.
A word matches whole and regardless of case, the longest first, so ``Homer G. Phillips`` wins over ``Phillips``.
Only the words given to the engine change; captions keep the word as written. ``python -m timeline check`` reports
the file's problems as it does the events file's: by row and column, with how to fix each.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from timeline.problems import Problem, make_problem, quoted
from timeline.reader import read_table

PRONUNCIATIONS_NAME = "pronunciations.csv"
COLUMNS = ("word", "say")
_READER_CODES_NOT_OURS = frozenset({"column-missing", "column-unknown"})  # about the events file's header


@dataclass(frozen=True)
class Pronunciations:
    """Words and how to say them, applied to the text an engine is given."""

    pairs: tuple[tuple[str, str], ...] = ()
    _by_word: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_word.update((word.casefold(), say) for word, say in self.pairs)

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        if not self.pairs:
            return None
        words = sorted((word for word, _ in self.pairs), key=len, reverse=True)
        return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)

    def apply(self, text: str) -> str:
        """``text`` with every listed word replaced by how to say it."""
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda m: self._by_word[m.group(0).casefold()], text)


NO_PRONUNCIATIONS = Pronunciations()


def pronunciations_path_for(csv_path: Path) -> Path:
    """The pronunciation file lives beside the events file."""
    return csv_path.parent / PRONUNCIATIONS_NAME


def parse_pronunciations(data: bytes) -> tuple[Pronunciations, tuple[Problem, ...]]:
    """The file's pronunciations and its problems. Rows with a problem are left out; the rest still apply."""
    table = read_table(io.BytesIO(data))
    problems = [p for p in table.problems if p.code not in _READER_CODES_NOT_OURS]
    columns = {c.casefold() for c in table.columns}
    missing = [c for c in COLUMNS if c not in columns]
    if table.encoding and missing:
        problems.append(make_problem(
            "pronunciation-header", f"The header row has no {' or '.join(repr(c) for c in missing)} column; it "
            f"reads {quoted(','.join(table.columns))}.", row=1))
        return NO_PRONUNCIATIONS, tuple(problems)
    pairs: list[tuple[str, str]] = []
    first_row: dict[str, int] = {}
    for record in table.records:
        cells = {name.casefold(): value for name, value in record.cells.items()}
        word, say = cells.get("word", ""), cells.get("say", "")
        if not word or not say:
            column = "say" if word else "word"
            problems.append(make_problem("pronunciation-value", f"The {column} cell is empty.", row=record.row,
                                         column=column, value=word or say))
        elif word.casefold() in first_row:
            problems.append(make_problem(
                "pronunciation-repeated", f"{quoted(word)} is listed already, in row {first_row[word.casefold()]}.",
                row=record.row, column="word", value=word))
        else:
            first_row[word.casefold()] = record.row
            pairs.append((word, say))
    return Pronunciations(tuple(pairs)), tuple(problems)


def load_pronunciations(path: Path) -> tuple[Pronunciations, tuple[Problem, ...]]:
    """The file at ``path``; none at all is fine (no pronunciations), an unreadable one is a problem."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return NO_PRONUNCIATIONS, ()
    except OSError as exc:
        return NO_PRONUNCIATIONS, (make_problem("file-unreadable", f"The pronunciation file {path} could not be "
                                                f"read ({exc.strerror or exc})."),)
    return parse_pronunciations(data)
