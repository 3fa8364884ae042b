"""The insights view's charts, tested as data: one bar series per mode, a week of hours, escaped labels."""

from __future__ import annotations

import pandas as pd

from timeline.ui.curator.insights_figures import hour_of_week_figure, sessions_per_day_figure, share_bars_figure


def test_sessions_per_day_stack_one_series_per_mode():
    per_day = pd.DataFrame({"kiosk": [3, 4], "web": [1, 0]}, index=["2026-03-02", "2026-03-03"])
    figure = sessions_per_day_figure(per_day)
    assert [(t.name, list(t.y)) for t in figure.data] == [("kiosk", [3, 4]), ("web", [1, 0])]
    assert figure.layout.barmode == "stack"


def test_the_hour_grid_is_a_week_of_hours():
    grid = pd.DataFrame(0, index=["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], columns=range(24))
    grid.loc["Sat", 14] = 9
    (heat,) = hour_of_week_figure(grid).data
    assert len(heat.z) == 7 and len(heat.z[0]) == 24 and heat.z[5][14] == 9 and heat.x[14] == "14:00"


def test_group_labels_are_escaped_and_most_opened_is_on_top():
    shares = pd.DataFrame({"entries": [2, 5], "opens": [40, 3]}, index=["<b>Homer</b> G. Phillips", "Other"])
    (bars,) = share_bars_figure(shares, "Attention by institution").data
    assert list(bars.y) == ["Other", "&lt;b&gt;Homer&lt;/b&gt; G. Phillips"] and list(bars.x) == [3, 40]
