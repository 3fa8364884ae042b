"""Opens set beside the catalogue: every published entry by title, the ones nobody opened included, and attention
by era and by institution (the ``category`` column). Eras overlap, so an entry counts in each era it falls in."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from timeline.schema import Entry

ENTRY_COLUMNS = ["id", "title", "category", "opens"]


def entry_attention(entries: Sequence[Entry], opens: pd.Series) -> pd.DataFrame:
    """One row per entry, most opened first; entries never opened have 0. Opens of ids no longer in the
    catalogue (an entry removed since) are left out: there is nothing to feature or rewrite."""
    table = pd.DataFrame([(e.id, e.title, e.category) for e in entries], columns=ENTRY_COLUMNS[:3])
    table["opens"] = table["id"].map(opens).fillna(0).astype("int64")
    return table.sort_values(["opens", "title"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _share(table: pd.DataFrame, by: str) -> pd.DataFrame:
    grouped = table.groupby(by, sort=False)
    out = pd.DataFrame({"entries": grouped.size(), "opens": grouped["opens"].sum()})
    out["opens_per_entry"] = (out["opens"] / out["entries"]).round(1)
    return out.sort_values("opens", ascending=False, kind="stable")


def by_institution(attention: pd.DataFrame) -> pd.DataFrame:
    return _share(attention.assign(category=attention["category"].replace("", "(none)")), "category")


def by_era(entries: Sequence[Entry], eras: Sequence[Entry], attention: pd.DataFrame) -> pd.DataFrame:
    """Each era's entries (those starting within it) and their opens; an entry in no era counts under "(no era)"."""
    opens = dict(zip(attention["id"], attention["opens"], strict=True))
    rows = []
    for entry in entries:
        start = entry.date.start_year
        names = [era.title for era in eras if era.date.start_year <= start < era.date.end_year] or ["(no era)"]
        rows += [(name, opens.get(entry.id, 0)) for name in names]
    return _share(pd.DataFrame(rows, columns=["era", "opens"]), "era")
