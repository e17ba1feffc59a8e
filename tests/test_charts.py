"""Figure builders: tested on the figures' data and config, not on pixels."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import plotly.graph_objects as go

from course import charts, content
from course.closeness import make_person
from course.journal import CheckIn

SCALES = content.scales()
S = content.closeness_settings()
T0 = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)


def _checkins(*rows):
    return [CheckIn(i + 1, T0 + timedelta(days=i), dict(r)) for i, r in enumerate(rows)]


def test_no_chart_can_be_uploaded_to_an_online_service():
    assert charts.CHART_CONFIG["showSendToCloud"] is False
    assert charts.CHART_CONFIG["showEditInChartStudio"] is False
    assert "sendChartToCloud" in charts.CHART_CONFIG["modeBarButtonsToRemove"]
    assert charts.CHART_CONFIG["displaylogo"] is False


def test_palette_and_markers_are_distinct():
    assert len(set(charts.PALETTE)) == len(charts.PALETTE)
    assert len(set(charts.SYMBOLS)) == len(charts.SYMBOLS)


def test_checkin_figure_has_one_trace_per_scale_with_the_scores():
    rows = [{s.id: 2 for s in SCALES}, {s.id: 7 for s in SCALES}]
    fig = go.Figure(charts.checkin_figure(_checkins(*rows), SCALES))
    assert [t.name for t in fig.data] == [s.label for s in SCALES]
    assert all(list(t.y) == [2, 7] for t in fig.data)
    assert list(fig.data[0].x) == [T0, T0 + timedelta(days=1)]
    # never colour alone: every scale also has its own symbol and dash
    assert len({t.marker.symbol for t in fig.data}) == len(SCALES)
    assert len({t.line.dash for t in fig.data}) == len(SCALES)
    assert fig.layout.yaxis.range == (-0.5, 10.5)


def test_checkin_figure_with_a_missing_scale_leaves_a_gap():
    fig = go.Figure(charts.checkin_figure(_checkins({"connected": 4}, {"connected": 5, "open": 6}), SCALES))
    open_trace = next(t for t in fig.data if t.name == "Open")
    assert list(open_trace.y) == [None, 6]


def test_single_checkin_is_shown_as_markers_and_empty_history_as_a_message():
    assert go.Figure(charts.checkin_figure(_checkins({"open": 3}), SCALES)).data[0].mode == "markers"
    empty = go.Figure(charts.checkin_figure([], SCALES))
    assert not empty.data
    assert "No check-ins yet" in empty.layout.annotations[0].text


def test_checkin_summary_in_words():
    assert charts.checkin_summary([], SCALES).startswith("You have no check-ins yet")
    first = {"connected": 3, "open": 5, "settled": 6, "hopeful": 4}
    last = {"connected": 6, "open": 5, "settled": 2, "hopeful": 4}
    text = charts.checkin_summary(_checkins(first, last), SCALES)
    assert text.startswith("You have 2 check-ins, from 01 Nov 2026 to 02 Nov 2026.")
    assert "Connected 6, up from 3 in your first" in text
    assert "Open 5, the same as your first" in text
    assert "Settled 2, down from 6 in your first" in text
    one = charts.checkin_summary(_checkins(first), SCALES)
    assert one.startswith("You have one check-in") and "Connected 3;" in one


def test_closeness_figure_places_people_by_kind_with_symbols():
    people = [
        make_person("Sam", "friend", 8, "both", S),
        make_person("Ali", "friend", 3, "me", S),
        make_person("Mum", "family", 10, "them", S),
    ]
    fig = go.Figure(charts.closeness_figure(people, S))
    you, friends, family = fig.data
    assert list(you.r) == [0] and list(you.text) == ["you"]
    assert friends.name == "Friend" and friends.marker.symbol == "circle"
    assert list(friends.text) == ["Sam", "Ali"] and list(friends.r) == [2.5, 7.5]
    assert family.marker.symbol == "square" and list(family.r) == [0.5]
    assert family.customdata[0][1] == "Mostly they open up"
    assert list(fig.layout.polar.radialaxis.ticktext) == ["8", "6", "4", "2", "0"]


def test_empty_closeness_figure_invites_the_learner():
    fig = go.Figure(charts.closeness_figure([], S))
    assert len(fig.data) == 1
    assert "Add someone" in fig.layout.annotations[0].text
