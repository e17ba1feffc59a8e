"""Partner mode's joint chart: two people on module 3's quadrant, told apart by symbol and name."""

from __future__ import annotations

import json

import plotly.graph_objects as go

from course import scoring
from course.charts.patterns import partner_figure, partner_summary, patterns_figure
from course.scoring import PatternResult

S = scoring.patterns_settings()
ANA = PatternResult(2.0, 6.0, "leaning_pursuer")
BO = PatternResult(5.56, 3.0, "leaning_avoider")


def test_two_people_are_two_markers_with_different_symbols_and_their_names():
    fig = go.Figure(partner_figure([("Ana", ANA), ("Bo", BO)], S))
    a, b = fig.data
    assert (a.x, a.y, b.x, b.y) == ((2.0,), (6.0,), (5.56,), (3.0,))
    assert a.text == ("Ana",) and b.text == ("Bo",) and (a.name, b.name) == ("Ana", "Bo")
    assert a.mode == b.mode == "markers+text", "each name is written beside its marker"
    assert a.marker.symbol != b.marker.symbol, "not told apart by colour alone"
    assert a.marker.color != b.marker.color


def test_the_joint_chart_is_module_3s_quadrant_with_room_for_names():
    joint = go.Figure(partner_figure([("Ana", ANA), ("Bo", BO)], S))
    alone = go.Figure(patterns_figure(ANA, [], S))
    assert joint.layout.xaxis.title.text == alone.layout.xaxis.title.text
    assert joint.layout.yaxis.title.text == alone.layout.yaxis.title.text
    assert joint.layout.xaxis.tickvals == alone.layout.xaxis.tickvals == tuple(range(1, 8))
    assert joint.layout.xaxis.range == (0.0, 8.0), "a name beside a 1 or a 7 stays inside the plot"
    lines = [(sh.x0, sh.x1, sh.y0, sh.y1) for sh in joint.layout.shapes]
    assert (4, 4, 0.0, 8.0) in lines and (0.0, 8.0, 4, 4) in lines
    # the areas are named in words instead of corners, where names at a 1 or a 7 would sit on them
    assert not joint.layout.annotations
    words = partner_summary([("Ana", ANA), ("Bo", BO)], S)
    assert "leaning neither way (bottom left)" in words and "leaning both ways (top right)" in words
    assert "two of you" in joint.layout.title.text


def test_names_sit_towards_the_middle_and_two_people_close_together_share_one_label():
    corner = PatternResult(1.0, 1.0, "settled")
    far = PatternResult(7.0, 7.0, "swinging")
    a, b = go.Figure(partner_figure([("Ana", corner), ("Bo", far)], S)).data
    assert (a.text, a.textposition) == (("Ana",), "top right")
    assert (b.text, b.textposition) == (("Bo",), "bottom left")
    assert "Bo, leaning both ways" in b.hovertemplate
    a, b = go.Figure(partner_figure([("Ana", corner), ("Bo", PatternResult(2.0, 1.44, "settled"))], S)).data
    assert a.text == ("Ana (ring)<br>Bo (diamond)",) and a.mode == "markers+text"
    assert b.mode == "markers", "one label names both, each with its marker's shape"


def test_a_person_without_both_scores_has_no_marker_and_the_words_say_so():
    fig = go.Figure(partner_figure([("Ana", ANA), ("Bo", None)], S))
    assert [t.name for t in fig.data] == ["Ana"]
    words = partner_summary([("Ana", ANA), ("Bo", None)], S)
    assert (
        "Ana (the ring) is at 2.0 on the Avoider scale and 6.0 on the Pursuer scale (leaning Pursuer)"
        in words
    )
    assert "Bo did not share both scores" in words
    assert partner_summary([], S).startswith("Nobody is on the chart yet")
    empty = go.Figure(partner_figure([("Ana", None), ("Bo", None)], S))
    assert not empty.data and "appear here" in json.dumps(empty.layout.annotations[-1].text)


def test_names_never_become_plotly_markup():
    fig = partner_figure([("<a href='x'>Ana</a>", ANA), ("Bo & Jo", BO)], S)
    a, b = fig["data"]
    assert "<" not in a["text"][0] and "<a" not in a["name"] and "<a " not in a["hovertemplate"]
    assert b["text"] == ["Bo &amp; Jo"]


def test_the_figure_is_plain_json_for_the_browser_edition():
    fig = partner_figure([("Ana", ANA), ("Bo", BO)], S)
    assert json.loads(json.dumps(fig)) == fig


def test_two_people_at_the_same_spot_both_stay_visible():
    same = PatternResult(4.0, 4.0, "settled")
    a, b = go.Figure(partner_figure([("Ana", same), ("Bo", same)], S)).data
    assert a.marker.symbol == "circle-open" and b.marker.symbol == "diamond"
    assert a.marker.size > b.marker.size + 8, "the diamond sits inside the ring, never over it"
