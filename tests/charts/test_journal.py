"""The journal charts: checked on the figure's data (loaded into go.Figure, so plotly
validates every property), never on pixels."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import plotly.graph_objects as go

from course import content, review
from course.charts.journal import checkin_figure, checkin_summary, progress_figure
from course.journal import CheckIn

MODULES = content.modules()


SCALES = content.scales()


T0 = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)


def _checkins(*rows):
    return [CheckIn(i + 1, T0 + timedelta(days=i), dict(r)) for i, r in enumerate(rows)]


def test_progress_figure_shows_status_by_fill_pattern_and_words():
    status = review.statuses(MODULES, {"00_welcome": "completed", "03_avoider_and_pursuer": "started"})
    fig = go.Figure(progress_figure(MODULES, status))
    by_name = {t.name: t for t in fig.data}
    assert set(by_name) == {"✓ Finished", "◐ Started", "○ Not started yet"}
    assert list(by_name["✓ Finished"].y) == ["0. Welcome"]
    assert list(by_name["◐ Started"].text) == ["◐ started"]
    assert by_name["◐ Started"].marker.pattern.shape == "/"
    assert list(by_name["✓ Finished"].x) == [20]
    assert len({t.marker.color for t in fig.data}) == 3
    assert list(fig.layout.yaxis.categoryarray) == [f"{m.number}. {m.title}" for m in MODULES]
    assert "no modules" in go.Figure(progress_figure([], {})).layout.annotations[0].text


def test_checkin_figure_has_one_trace_per_scale_with_the_scores():
    rows = [{s.id: 2 for s in SCALES}, {s.id: 7 for s in SCALES}]
    fig = go.Figure(checkin_figure(_checkins(*rows), SCALES))
    assert [t.name for t in fig.data] == [s.label for s in SCALES]
    assert all(list(t.y) == [2, 7] for t in fig.data)
    # on the learner's own clock, as the words beside the chart are
    local = T0.astimezone().replace(tzinfo=None)
    assert list(fig.data[0].x) == [local.isoformat(), (local + timedelta(days=1)).isoformat()]
    # never colour alone: every scale also has its own symbol and dash
    assert len({t.marker.symbol for t in fig.data}) == len(SCALES)
    assert len({t.line.dash for t in fig.data}) == len(SCALES)
    assert fig.layout.yaxis.range == (-0.5, 10.5)


def test_checkin_figure_with_a_missing_scale_leaves_a_gap():
    fig = go.Figure(checkin_figure(_checkins({"connected": 4}, {"connected": 5, "open": 6}), SCALES))
    open_trace = next(t for t in fig.data if t.name == "Open")
    assert list(open_trace.y) == [None, 6]


def test_single_checkin_is_shown_as_markers_and_empty_history_as_a_message():
    one = go.Figure(checkin_figure(_checkins({"open": 3}), SCALES))
    assert one.data[0].mode == "markers"
    # a date on the axis, never a zoom into fractions of a second around the one check-in
    start, end = (datetime.fromisoformat(str(x)) for x in one.layout.xaxis.range)
    assert end - start == timedelta(days=3) and one.layout.xaxis.tickformat == "%d %b %Y"
    assert one.layout.xaxis.dtick == 24 * 60 * 60 * 1000
    empty = go.Figure(checkin_figure([], SCALES))
    assert not empty.data
    assert "No check-ins yet" in empty.layout.annotations[0].text


def test_checkin_summary_in_words():
    assert checkin_summary([], SCALES).startswith("You have no check-ins yet")
    first = {"connected": 3, "open": 5, "settled": 6, "hopeful": 4}
    last = {"connected": 6, "open": 5, "settled": 2, "hopeful": 4}
    text = checkin_summary(_checkins(first, last), SCALES)
    assert text.startswith("You have 2 check-ins, from 01 Nov 2026 to 02 Nov 2026.")
    assert "Connected 6, up from 3 in your first" in text
    assert "Open 5, the same as your first" in text
    assert "Settled 2, down from 6 in your first" in text
    one = checkin_summary(_checkins(first), SCALES)
    assert one.startswith("You have one check-in") and "Connected 3;" in one


def test_checkin_figure_is_plain_json_with_iso_times():
    """The browser edition's kernel sends widget state as it is, with no datetime converter."""
    import json

    fig = checkin_figure(_checkins({"connected": 3}, {"connected": 5}), SCALES)
    assert json.loads(json.dumps(fig)) == fig
    # the learner's own clock, without a zone (plotly shows a date's wall time)
    local = T0.astimezone().replace(tzinfo=None)
    assert fig["data"][0]["x"] == [local.isoformat(), (local + timedelta(days=1)).isoformat()]
    assert all("+" not in x for x in fig["data"][0]["x"])
