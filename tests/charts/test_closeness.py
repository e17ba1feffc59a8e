"""The closeness charts: checked on the figure's data (loaded into go.Figure, so plotly
validates every property), never on pixels."""

from __future__ import annotations

import plotly.graph_objects as go

from course import closeness
from course.charts.closeness import closeness_figure
from course.closeness import make_person

S = closeness.settings()


def test_closeness_figure_places_people_by_kind_with_symbols():
    people = [
        make_person("Sam", "friend", 8, "both", S),
        make_person("Ali", "friend", 3, "me", S),
        make_person("Mum", "family", 10, "them", S),
    ]
    fig = go.Figure(closeness_figure(people, S))
    you, friends, family = fig.data
    assert list(you.r) == [0] and list(you.text) == ["you"]
    assert friends.name == "Friend" and friends.marker.symbol == "circle"
    assert list(friends.text) == ["Sam", "Ali"] and list(friends.r) == [2.5, 7.5]
    assert family.marker.symbol == "square" and list(family.r) == [0.5]
    assert family.customdata[0][1] == "Mostly they open up"
    assert list(fig.layout.polar.radialaxis.ticktext) == ["8", "6", "4", "2", "0"]


def test_empty_closeness_figure_invites_the_learner():
    fig = go.Figure(closeness_figure([], S))
    assert len(fig.data) == 1
    assert "Add someone" in fig.layout.annotations[0].text
