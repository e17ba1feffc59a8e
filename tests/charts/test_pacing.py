"""The pacing charts: checked on the figure's data (loaded into go.Figure, so plotly
validates every property), never on pixels."""

from __future__ import annotations

import plotly.graph_objects as go

from course import pacing
from course.charts.pacing import pacing_figure

S = pacing.settings()


def test_pacing_figure_has_two_curves_told_apart_without_colour():
    at = pacing.times(S.months)
    knowing, sharing = pacing.curve(1, 5, S.months), pacing.curve(6, 8, S.months)
    fig = go.Figure(pacing_figure(at, knowing, sharing, S, "ahead"))
    band_top, band, k, s = fig.data
    assert (k.name, s.name) == ("How well you know each other", "How much you share")
    assert list(k.y) == knowing and list(s.y) == sharing and list(k.x) == at
    assert k.line.dash != s.line.dash and k.marker.symbol != s.marker.symbol
    assert band.fill == "tonexty" and "1.5 points" in band.name
    assert band_top.y[0] == knowing[0] + S.tolerance
    assert "▲ closeness runs ahead" in fig.layout.title.text
    assert fig.layout.yaxis.range == (-0.5, 10.5)
    assert "runs ahead" not in go.Figure(pacing_figure(at, knowing, knowing, S)).layout.title.text
