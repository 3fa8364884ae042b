"""Filters and search over a catalogue's entries, as a value.

``Query`` says what a visitor asked for; ``apply_query`` is the pure filter,
``describe`` says the state in words (for the screen and for screen readers),
and the same value round-trips through URL query parameters, so every
filtered view can be shared. Links arrive from anywhere, stale or hostile:
``query_from_params`` keeps what it can use and explains, gently, what it
dropped. Within one facet values are alternatives (OR); across facets they
all apply (AND).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from timeline.schema import Entry, Kind
from timeline.wording import counted

MAX_TEXT = 100  # characters of free text a search keeps
MAX_VALUE = 200  # a longer URL value is dropped unread
MAX_VALUES = 50  # values used per URL parameter
SHOWN_CHARS = 40  # how much of a bad value a notice repeats back
LIST_KINDS: tuple[Kind, ...] = (Kind.EVENT, Kind.QUOTE)  # eras are bands, not list entries

# URL parameter -> (Query field, what a visitor reads in a notice). The order is the canonical URL order.
FACET_PARAMS: Mapping[str, tuple[str, str]] = {
    "category": ("categories", "categories"),
    "theme": ("themes", "themes"),
    "person": ("people", "people"),
    "kind": ("kinds", "kinds of entry"),
}
PARAM_ORDER: tuple[str, ...] = ("event", *FACET_PARAMS, "from", "to", "q")
_NOUNS = {"event": "entry", "category": "category", "theme": "theme", "person": "person", "kind": "kind of entry",
          "from": "start year", "to": "end year", "q": "search"}
_YEAR = re.compile(r"-?[0-9]{1,4}")


def clean_text(value: str) -> str:
    """Drop control and invisible format characters and collapse whitespace, so a value means what it shows."""
    kept = (" " if ch.isspace() else ch for ch in value if ch.isspace() or unicodedata.category(ch)[0] != "C")
    return " ".join("".join(kept).split())


def fold(text: str) -> str:
    """Accent- and case-insensitive form for matching: "Hélène" and "HELENE" both become "helene"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Query:
    """What a visitor asked for. Empty fields do not filter. ``text`` is stored cleaned and capped at MAX_TEXT."""

    categories: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()
    kinds: frozenset[Kind] = frozenset()
    year_from: int | None = None
    year_to: int | None = None
    text: str = ""

    def __post_init__(self) -> None:
        # Canonical on construction, so equal searches are equal values and round-trip through URLs.
        object.__setattr__(self, "text", clean_text(self.text)[:MAX_TEXT].rstrip())

    @property
    def is_empty(self) -> bool:
        return self == Query()


@dataclass(frozen=True)
class Facets:
    """What exists in the catalogue: the choices filters offer and the values a URL may name."""

    categories: tuple[str, ...]
    themes: tuple[str, ...]
    people: tuple[str, ...]
    year_min: int
    year_max: int
    ids: frozenset[str]


def facets_of(entries: Sequence[Entry], category_order: Sequence[str]) -> Facets:
    """Collect the facets; categories follow the exhibit's order, then any others alphabetically."""
    present = {e.category for e in entries if e.category}
    ordered = [c for c in dict.fromkeys(category_order) if c in present]
    others = sorted(present.difference(ordered), key=fold)
    starts = [e.date.start_year for e in entries]
    ends = [e.date.end_year for e in entries]
    year_min = math.floor(min(starts)) if starts else 0
    year_max = max(year_min, math.ceil(max(ends)) - 1) if ends else 0  # the last year an entry covers
    return Facets(
        categories=(*ordered, *others),
        themes=_sorted_unique(t for e in entries for t in e.themes),
        people=_sorted_unique(p for e in entries for p in e.people),
        year_min=year_min,
        year_max=year_max,
        ids=frozenset(e.id for e in entries),
    )


def _sorted_unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(values), key=lambda v: (fold(v), v)))


# entry id -> (the entry it was made from, its folded text). Keyed by id, so it holds one haystack per id and
# cannot grow with reloads; an unchanged entry from a reloaded catalogue is recognised by value and reused.
_HAYSTACKS: dict[str, tuple[Entry, str]] = {}
_HAYSTACKS_MAX = 50_000  # ids that come and go over weeks of editing; beyond this, start again


def haystack(entry: Entry) -> str:
    """The folded text a search looks through: title, text, people, place, attribution, date label, category, themes.

    Folding long narratives is the slow part of a search, so each entry is folded once. The lookup compares
    identity first (a dict lookup and ``is``), which keeps a search over 5,000 entries at a few milliseconds.
    """
    hit = _HAYSTACKS.get(entry.id)
    if hit is not None and (hit[0] is entry or hit[0] == entry):
        if hit[0] is not entry:
            _HAYSTACKS[entry.id] = (entry, hit[1])  # the next lookup for the reloaded entry is by identity
        return hit[1]
    if len(_HAYSTACKS) >= _HAYSTACKS_MAX:
        _HAYSTACKS.clear()
    parts = (entry.title, entry.text, *entry.people, entry.place, entry.attribution, entry.date_label,
             entry.category, *entry.themes)
    text = fold("\n".join(parts))
    _HAYSTACKS[entry.id] = (entry, text)
    return text


def apply_query(query: Query, entries: Sequence[Entry]) -> tuple[Entry, ...]:
    """The entries matching every facet of ``query``, in their given (chronological) order."""
    if query.is_empty:
        return tuple(entries)
    words = fold(query.text).split()
    low = -math.inf if query.year_from is None else query.year_from
    high = math.inf if query.year_to is None else query.year_to + 1
    return tuple(
        e for e in entries
        if (not query.categories or e.category in query.categories)
        and (not query.kinds or e.kind in query.kinds)
        and (not query.themes or not query.themes.isdisjoint(e.themes))
        and (not query.people or not query.people.isdisjoint(e.people))
        and e.date.start_year < high and e.date.end_year > low  # any covered year counts
        and all(w in haystack(e) for w in words)
    )


@dataclass(frozen=True)
class ResultCount:
    """How many entries a query lets through, by the rule every screen counts with (``Catalog.counts``): an entry is
    a published event or quote; drafts, which only curators see, are counted apart. A visitor's count has none."""

    shown: int  # published entries the query lets through
    total: int  # published entries
    drafts_shown: int = 0  # drafts the query lets through
    drafts: int = 0  # every draft in the file, eras too, as the checker and the curator panel count them

    @classmethod
    def of(cls, results: Sequence[Entry], published: int, drafts: int) -> ResultCount:
        """The count of ``results``, out of the catalogue's ``published`` entries and ``drafts``."""
        drafts_shown = sum(not e.is_published for e in results)
        return cls(len(results) - drafts_shown, published, drafts_shown, drafts)


def describe(query: Query, count: ResultCount) -> str:
    """The state in words, e.g. "12 of 61 entries · Homer G. Phillips Hospital · 1930–1960 · “nurse”"; a curator's
    also names the drafts ("All 45 entries · 16 drafts")."""
    noun = "entry" if count.total == 1 else "entries"
    drafts = [counted(count.drafts if query.is_empty else count.drafts_shown, "draft")] if count.drafts else []
    if query.is_empty:
        return " · ".join([f"All {count.total} {noun}" if count.total != 1 else "1 entry", *drafts])
    parts = [f"{count.shown} of {count.total} {noun}", *drafts]
    parts += [label + _either(values) for label, values in (
        ("", query.categories), ("theme: ", query.themes), ("person: ", query.people),
        ("", {f"{kind}s" for kind in query.kinds}),
    ) if values]
    if query.year_from is not None or query.year_to is not None:
        parts.append(_years(query.year_from, query.year_to))
    if query.text:
        parts.append(f"“{query.text}”")
    return " · ".join(parts)


def _either(values: Iterable[str]) -> str:
    return " or ".join(sorted(values, key=fold))


def _years(year_from: int | None, year_to: int | None) -> str:
    if year_to is None:
        return f"from {year_from}"
    if year_from is None:
        return f"until {year_to}"
    return str(year_from) if year_from == year_to else f"{year_from}–{year_to}"


def query_to_params(query: Query, event_id: str | None) -> dict[str, list[str]]:
    """Canonical URL parameters: empty fields left out, keys in PARAM_ORDER, values sorted."""
    params: dict[str, list[str]] = {"event": [event_id] if event_id else []}
    for name, (field_name, _) in FACET_PARAMS.items():
        params[name] = sorted(str(v) for v in getattr(query, field_name))
    params["from"] = [] if query.year_from is None else [str(query.year_from)]
    params["to"] = [] if query.year_to is None else [str(query.year_to)]
    params["q"] = [query.text] if query.text else []
    return {name: values for name, values in params.items() if values}


def query_from_params(params: Mapping[str, list[str]], known: Facets) -> tuple[Query, str | None, tuple[str, ...]]:
    """Read a link: (query, entry id to open or None, notices for the visitor). Never raises on bad values."""
    notices: list[str] = []
    event_id = linked_event(params.get("event") or [], known.ids.__contains__, notices)
    values = {name: _usable(name, params.get(name) or [], notices) for name in PARAM_ORDER if name != "event"}
    facets = {field_name: _known_values(name, values[name], _choices(name, known), notices)
              for name, (field_name, _) in FACET_PARAMS.items()}
    year_from, year_to = (_first(values[name], _YEAR.fullmatch, name, notices) for name in ("from", "to"))
    years = _year_range(_int(year_from), _int(year_to), known, notices)
    text = values["q"][0] if values["q"] else ""
    if len(values["q"]) > 1:
        notices.append("The link held more than one search; we used the first.")
    if len(text) > MAX_TEXT:
        notices.append(f"Searches are limited to {MAX_TEXT} characters, so yours was shortened.")
    query = Query(**facets, year_from=years[0], year_to=years[1], text=text)
    return query, event_id, tuple(dict.fromkeys(notices))


def linked_event(values: Sequence[str] | str, is_entry: Callable[[str], bool],
                 notices: list[str] | None = None) -> str | None:
    """The entry id a link's ``event`` values open: of the first MAX_VALUES values, cleaned, the first that
    ``is_entry`` accepts. The one rule for the web page and the link-preview head, so both open the same entry
    (and 20,000 values cost what 50 do); ``notices`` collects what the visitor is told."""
    notices = [] if notices is None else notices
    return _first(_usable("event", values, notices), is_entry, "event", notices)


def _usable(name: str, raw: list[str] | str, notices: list[str]) -> tuple[str, ...]:
    """Cleaned, non-empty values of one parameter; oversized ones and those beyond MAX_VALUES are dropped."""
    raw = [raw] if isinstance(raw, str) else list(raw)
    if len(raw) > MAX_VALUES:
        notices.append(f"The link held too many values for “{name}”; we used the first {MAX_VALUES}.")
        raw = raw[:MAX_VALUES]
    if any(len(v) > MAX_VALUE for v in raw):
        notices.append(f"The {_NOUNS[name]} in the link was too long to use, so it was left out.")
    return tuple(v for v in (clean_text(v) for v in raw if len(v) <= MAX_VALUE) if v)


def _choices(name: str, known: Facets) -> Mapping[str, str]:
    """URL spelling -> canonical value: exact values first, then folded forms (so "Nursing" finds "nursing")."""
    canon = LIST_KINDS if name == "kind" else getattr(known, FACET_PARAMS[name][0])
    folded = {fold(clean_text(v)): v for v in reversed(canon)}  # reversed: the first canonical spelling wins a tie
    return {**folded, **{v: v for v in canon}}


def _known_values(name: str, values: tuple[str, ...], choices: Mapping[str, str], notices: list[str]) -> frozenset:
    found = [choices.get(v) or choices.get(fold(v)) for v in values]
    unknown = [v for v, f in zip(values, found, strict=True) if f is None]
    if unknown:
        listed = ", ".join(f"“{_shown(v)}”" for v in unknown[:3])
        more = f" and {len(unknown) - 3} more" if len(unknown) > 3 else ""
        pronoun = "it was" if len(unknown) == 1 else "they were"
        notices.append(f"We couldn't find {listed}{more} among the {FACET_PARAMS[name][1]}, so {pronoun} left out.")
    return frozenset(f for f in found if f is not None)


def _first(values: tuple[str, ...], valid: Callable[[str], object], name: str, notices: list[str]) -> str | None:
    """The first valid value; invalid ones and later valid ones are reported."""
    good = [v for v in values if valid(v)]
    for v in values:
        if not valid(v):
            notices.append(_BAD[name].format(value=_shown(v)))
    if len(good) > 1:
        notices.append(f"The link named more than one {_NOUNS[name]}; we used the first.")
    return good[0] if good else None


_BAD = {
    "event": "We couldn't find the entry “{value}”; showing the timeline instead.",
    "from": "“{value}” isn't a year we can use, so the start year was left out.",
    "to": "“{value}” isn't a year we can use, so the end year was left out.",
}


def _int(value: str | None) -> int | None:
    return None if value is None else int(value)


def _year_range(year_from: int | None, year_to: int | None, known: Facets,
                notices: list[str]) -> tuple[int | None, int | None]:
    """Swap a reversed range, drop a bound with no entries beyond it, clamp the rest to the catalogue's years."""
    if year_from is not None and year_to is not None and year_from > year_to:
        year_from, year_to = year_to, year_from
        notices.append(f"The years were the wrong way round, so we show {year_from}–{year_to}.")
    if year_from is not None and year_from > known.year_max:
        notices.append(f"The timeline ends in {known.year_max}, so the start year {year_from} was left out.")
        year_from = None
    if year_to is not None and year_to < known.year_min:
        notices.append(f"The timeline begins in {known.year_min}, so the end year {year_to} was left out.")
        year_to = None
    return _clamp(year_from, known), _clamp(year_to, known)


def _clamp(year: int | None, known: Facets) -> int | None:
    """A bound beyond the catalogue's years selects the same entries as the catalogue's own first or last year."""
    return None if year is None else min(max(year, known.year_min), known.year_max)


def _shown(value: str) -> str:
    """A bad value as a notice may repeat it: no control characters, at most SHOWN_CHARS characters."""
    value = clean_text(value)
    return value if len(value) <= SHOWN_CHARS else value[:SHOWN_CHARS - 1] + "…"
