"""The before-and-after chart: checked on the figure's data (loaded into go.Figure, so plotly
validates every property), never on pixels."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import plotly.graph_objects as go

from course import measure
from course.charts.measure import measure_figure, measure_summary

S = measure.measure_settings()
T0 = datetime(2026, 9, 1, 9, tzinfo=timezone.utc)
GROUPS = ["Letting people in", "Staying present", "Limits and patterns", "Overall"]


def _take(when: str, days: int, level: int) -> measure.Take:
    given = {i.id: (8 - level if i.reverse else level) for i in S.items}  # every statement counts as level
    return measure.Take(when, T0 + timedelta(days=days), measure.score(given, S))


def test_no_answers_yet_says_so_in_the_chart():
    fig = go.Figure(measure_figure([], S))
    assert not fig.data
    assert "No answers yet" in fig.layout.annotations[0].text.replace("<br>", " ")


def test_start_and_end_are_bars_per_group_and_overall_told_apart_by_more_than_colour():
    takes = [_take("start", 0, 3), _take("end", 40, 5)]
    spec = measure_figure(takes, S)
    json.dumps(spec)  # plain JSON: the browser edition's kernel can send it
    fig = go.Figure(spec)
    start, end = fig.data
    assert start.type == end.type == "bar" and fig.layout.barmode == "group"
    assert list(start.x) == list(end.x) == GROUPS
    assert list(start.y) == [3.0] * 4 and list(end.y) == [5.0] * 4
    assert start.name == "Start<br>01 Sep 2026" and end.name == "Latest (end)<br>11 Oct 2026"
    assert start.marker.color != end.marker.color
    assert start.marker.pattern.shape != end.marker.pattern.shape, "a fill pattern as well as a colour"
    assert list(end.text) == ["5.0"] * 4, "every bar says its value"
    assert tuple(fig.layout.yaxis.range) == (S.low - 0.3, S.high + 0.6)
    assert "1 = least at ease, 7 = most" in fig.layout.yaxis.title.text


def test_one_answer_set_is_one_set_of_bars():
    (only,) = go.Figure(measure_figure([_take("start", 0, 4)], S)).data
    assert list(only.y) == [4.0] * 4


def test_three_or_more_answer_sets_are_lines_over_time_each_with_its_own_dash_and_symbol():
    takes = [_take("start", 0, 3), _take("weekly", 7, 4), _take("weekly", 14, 4), _take("end", 40, 6)]
    spec = measure_figure(takes, S)
    json.dumps(spec)
    fig = go.Figure(spec)
    assert [t.name for t in fig.data] == GROUPS
    assert all(t.mode == "lines+markers" for t in fig.data)
    assert len({t.line.dash for t in fig.data}) == 4 and len({t.marker.symbol for t in fig.data}) == 4
    assert list(fig.data[3].y) == [3.0, 4.0, 4.0, 6.0]
    assert all(isinstance(x, str) for x in fig.data[0].x), "times as ISO text"
    words = measure_summary(takes, S)
    assert words.startswith("The chart shows all 4 of your answer sets over time.")
    assert "Overall: higher (3.0 then 6.0)" in words
