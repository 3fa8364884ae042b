"""Counts in plain English ("1 entry", "3 entries") for every summary the project writes: the checker's, the
curator panel's and the chart's alt text, so they all agree on the rule."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str = "") -> str:
    """``number`` and its noun, plural unless the number is exactly one; ``plural`` for nouns not taking "s"."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
