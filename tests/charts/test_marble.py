"""The marble charts: checked on the figure's data (loaded into go.Figure, so plotly
validates every property), never on pixels."""

from __future__ import annotations

import plotly.graph_objects as go

from course import marble
from course.charts.marble import marble_figure
from course.marble import LEAN_IN, PULL_AWAY, make_partner, simulate


def test_marble_figure_draws_the_path_on_the_pane_and_by_round():
    run = simulate(make_partner("Jo", LEAN_IN, 8, 8), make_partner("Sam", LEAN_IN, 7, 8))
    fig = go.Figure(marble_figure(run))
    path, by_round, start, end = fig.data
    assert path.name == "The marble's path" and len(path.x) == run.rounds + 1
    assert list(by_round.y) == list(run.distances) and list(by_round.x) == list(range(run.rounds + 1))
    assert start.marker.symbol == "circle-open" and start.name == "Start" and start.mode == "markers"
    assert end.name == "Where the marble ends" and end.marker.symbol == "circle"
    assert list(end.text) == ["round 12"]
    # the pane is square, centred on the closest place, with rings for the bands and the edge
    assert fig.layout.yaxis.scaleanchor == "x"
    circles = [s for s in fig.layout.shapes if s.type == "circle"]
    assert sorted(s.x1 for s in circles) == [marble.CLOSE, marble.FAR, marble.EDGE]
    assert {a.text for a in fig.layout.annotations} >= {"centre", "close", "partway", "near the edge"}
    # the last position's words point towards the centre and may leave the pane (never cut off)
    assert end.cliponaxis is False
    assert end.textposition == ("top" if end.y[0] < 0 else "bottom") + " " + (
        "right" if end.x[0] < 0 else "left"
    )


def test_marble_figure_marks_a_fall_with_a_cross_and_words():
    run = simulate(make_partner("Kit", LEAN_IN, 9, 9), make_partner("Rafi", PULL_AWAY, 7, 0))
    end = go.Figure(marble_figure(run)).data[-1]
    assert end.marker.symbol == "x"
    assert end.name == "Fell off the edge"
    assert list(end.text) == [f"off the edge (round {run.fell_at})"]
