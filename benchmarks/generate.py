"""Generate a large, valid, varied events CSV for benchmarks and tests.

Every row should pass ``python -m timeline check``: the rows use only canonical date forms (no friendly forms
that earn a hint), ids that are unique slugs, related ids that exist, https sources and categories from the
exhibit settings. Variety (quotes, spans, approximate dates, decades, line breaks, commas, quotes and dollar
signs in text, drafts) makes the reader and validator do their real work.

    python benchmarks/generate.py 5000 [--seed 7] > /tmp/events.csv
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

from timeline.schema import COLUMN_NAMES, Kind, Status  # noqa: E402
from timeline.settings import load_settings, read_environment  # noqa: E402

FIRST_YEAR, LAST_YEAR = 1900, 1999
SUBJECTS = ("Nursing school", "City hospital", "Medical society", "Residency program", "Clinic", "Dental school",
            "Board of aldermen", "Student council", "Interns' association", "Women's auxiliary")
VERBS = ("admits", "opens", "debates", "rejects", "integrates", "petitions", "closes", "expands", "honours", "funds")
OBJECTS = ("its first Black students", "a new ward", "the segregation policy", "a training program",
           "a community clinic", "the 1946 report", "a scholarship fund", "the nurses' residence")
FRAGMENTS = ('The board met on a Tuesday, and the vote was close.', 'Tuition was $150 a year, "a fortune" then.',
             "Local newspapers covered it; national ones did not.", "Nurses, students and patients took part.",
             "Records in the archive are incomplete.", "It took *years* of pressure from the community.")
THEMES = ("nursing", "students", "patients", "activism", "faculty", "law", "research", "community", "press")
PEOPLE = ("Helen E. Nash", "Park J. White", "James Whittico", "Estelle Massey Riddle", "Frankie Muse Freeman",
          "William Sinkler", "Mary Williams", "Jean Gilmore")
PLACES = ("Kingshighway", "The Ville", "Downtown", "Central West End", "North St. Louis", "")
ARCHIVES = ("Becker Archives VF07177", "Missouri Historical Society, box 12", "Oral history interview, 1990")
QUOTE_SHARE, DRAFT_SHARE, FEATURED_SHARE = 0.15, 0.05, 0.03


def exhibit_categories() -> tuple[str, ...]:
    """The exhibit's categories (data/exhibit.toml or TIMELINE_SETTINGS), so rows match its lanes and colours."""
    path = read_environment().settings
    categories = load_settings(path).category_order()
    if not categories:
        raise ValueError(f"{path} names no categories; pass categories= or set TIMELINE_SETTINGS")
    return categories


def _year(rng: random.Random) -> int:
    return rng.randint(FIRST_YEAR, LAST_YEAR)


def _span(rng: random.Random) -> str:
    start = rng.randint(FIRST_YEAR, LAST_YEAR - 1)
    return f"{start}/{rng.randint(start + 1, min(start + 30, LAST_YEAR))}"


# Canonical forms only, weighted towards plain years as real catalogues are.
DATE_FORMS: tuple[tuple[int, Callable[[random.Random], str]], ...] = (
    (5, lambda rng: str(_year(rng))),
    (3, lambda rng: f"{_year(rng)}-{rng.randint(1, 12):02d}"),
    (3, lambda rng: f"{_year(rng)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"),
    (2, lambda rng: f"{_year(rng)}~"),
    (1, lambda rng: f"{_year(rng) // 10}X"),
    (1, _span),
)


def _date(rng: random.Random) -> str:
    weights, forms = zip(*DATE_FORMS, strict=True)
    return rng.choices(forms, weights)[0](rng)


def _text(rng: random.Random) -> str:
    paragraphs = (" ".join(rng.sample(FRAGMENTS, rng.randint(1, 3))) for _ in range(rng.randint(1, 3)))
    return "\n\n".join(paragraphs)


def _sample(rng: random.Random, values: Sequence[str], most: int) -> str:
    return "; ".join(rng.sample(values, rng.randint(0, most)))


def generate_row(index: int, rng: random.Random, categories: Sequence[str], earlier: Sequence[str]) -> dict[str, str]:
    """One valid row; ``earlier`` are published ids already written, the only ones ``related`` may name."""
    kind = Kind.QUOTE if rng.random() < QUOTE_SHARE else Kind.EVENT
    title = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    row = dict.fromkeys(COLUMN_NAMES, "")
    row.update(
        id=f"{re.sub('[^a-z0-9]+', '-', title.lower())}-{index}",
        kind=kind.value,
        date=_date(rng),
        title=title,
        text=_text(rng),
        category=rng.choice(categories),
        themes=_sample(rng, THEMES, 3),
        people=_sample(rng, PEOPLE, 2),
        place=rng.choice(PLACES),
        related="; ".join(rng.sample(earlier, min(len(earlier), rng.randint(0, 2)))),
        featured="yes" if rng.random() < FEATURED_SHARE else "",
        status=Status.DRAFT.value if rng.random() < DRAFT_SHARE else Status.PUBLISHED.value,
    )
    if kind is Kind.QUOTE:
        row["attribution"] = f"{rng.choice(PEOPLE)}, interview, {rng.randint(1960, 2020)}"
    else:
        row["sources"] = f"https://example.org/archive/{index}; {rng.choice(ARCHIVES)}"
        row["image_description"] = rng.choice(("", f"Photograph: {title.lower()}"))
    return row


def generate_catalog(n: int, seed: int = 0, categories: Sequence[str] | None = None) -> str:
    """A CSV text of ``n`` valid rows, the same for the same seed."""
    rng = random.Random(seed)
    categories = tuple(categories) if categories is not None else exhibit_categories()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMN_NAMES)
    writer.writeheader()
    published: list[str] = []
    for index in range(n):
        row = generate_row(index, rng, categories, published[-50:])
        writer.writerow(row)
        if row["status"] == Status.PUBLISHED:
            published.append(row["id"])
    return out.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a generated, valid events CSV to standard output.")
    parser.add_argument("n", type=int, help="number of entries")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        sys.stdout.write(generate_catalog(args.n, args.seed))
    except ValueError as exc:
        print(f"generate.py: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
