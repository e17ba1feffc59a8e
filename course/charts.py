"""Plotly figure builders: plain data in, ``go.Figure`` out, plus the same story in words.

Each chart has a text summary beside it, so no one depends on seeing the chart, and
nothing relies on colour alone: traces also differ by marker symbol and line dash.
The palette is Okabe-Ito, which stays distinct for the common kinds of colour blindness.
Every figure the course shows uses ``CHART_CONFIG``, which removes plotly's "Share
chart" button: that button uploads the chart to an online service.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import plotly.graph_objects as go

from .closeness import Person, placements
from .content import ClosenessSettings, Scale
from .journal import CheckIn
from .report import Cohort

# Okabe & Ito (2008), colour-blind-safe.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "star", "x", "cross", "pentagon")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")

CHART_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "modeBarButtonsToRemove": ["sendDataToCloud", "sendChartToCloud", "select2d", "lasso2d"],
    "responsive": True,
}

_FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 14}


def _base_layout(title: str, height: int = 400) -> dict[str, Any]:
    return {
        "title": {"text": title, "x": 0.02, "xanchor": "left"},
        "template": "plotly_white",
        "font": _FONT,
        "height": height,
        "margin": {"l": 60, "r": 30, "t": 60, "b": 60},
        "legend": {"orientation": "h", "y": -0.2},
    }


def _empty(fig: go.Figure, message: str) -> go.Figure:
    fig.add_annotation(
        text=message, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5, font={"size": 16}
    )
    return fig


# --------------------------------------------------------------------------------------
# Check-ins
# --------------------------------------------------------------------------------------


def checkin_figure(checkins: Sequence[CheckIn], scales: Sequence[Scale]) -> go.Figure:
    """Each scale over time: one line per scale, told apart by colour, symbol and dash."""
    layout = _base_layout("Your check-ins over time")
    layout["yaxis"] = {"range": [-0.5, 10.5], "dtick": 2, "title": {"text": "0 = low, 10 = high"}}
    layout["xaxis"] = {"title": {"text": "When you checked in"}}
    fig = go.Figure(layout=layout)
    if not checkins:
        return _empty(fig, "No check-ins yet: your first one will appear here.")
    times = [c.created_at for c in checkins]
    mode = "lines+markers" if len(checkins) > 1 else "markers"
    for i, scale in enumerate(scales):
        values = [c.scores.get(scale.id) for c in checkins]
        fig.add_trace(
            go.Scatter(
                x=times,
                y=values,
                name=scale.label,
                mode=mode,
                connectgaps=False,
                line={"color": PALETTE[i % len(PALETTE)], "dash": DASHES[i % len(DASHES)], "width": 2.5},
                marker={"symbol": SYMBOLS[i % len(SYMBOLS)], "size": 10},
                hovertemplate=f"{scale.label}: %{{y}} of 10<br>%{{x|%d %b %Y, %H:%M}}<extra></extra>",
            )
        )
    return fig


def checkin_summary(checkins: Sequence[CheckIn], scales: Sequence[Scale]) -> str:
    """The check-in chart in words: how many, when, and how the latest compares with the first."""
    if not checkins:
        return "You have no check-ins yet. Move the sliders and press Save to add your first."
    first, last = checkins[0], checkins[-1]
    when = _day(last.created_at)
    if len(checkins) == 1:
        head = f"You have one check-in, from {when}."
    else:
        head = f"You have {len(checkins)} check-ins, from {_day(first.created_at)} to {when}."
    parts = []
    for scale in scales:
        now = last.scores.get(scale.id)
        if now is None:
            continue
        was = next((c.scores[scale.id] for c in checkins if scale.id in c.scores), None)
        if len(checkins) == 1 or was is None or was == now:
            change = "" if len(checkins) == 1 else ", the same as your first"
        else:
            change = f", {'up' if now > was else 'down'} from {was} in your first"
        parts.append(f"{scale.label} {now}{change}")
    return head + " Latest: " + "; ".join(parts) + "."


def _day(moment: datetime) -> str:
    return moment.astimezone().strftime("%d %b %Y")


# --------------------------------------------------------------------------------------
# The closeness map
# --------------------------------------------------------------------------------------


def closeness_figure(people: Iterable[Person], settings: ClosenessSettings) -> go.Figure:
    """You at the centre, people on rings: the closer they feel, the nearer the middle."""
    ticks = (8, 6, 4, 2, 0)  # 10 would sit on top of "you"
    layout = _base_layout("Your closeness map: the nearer the centre, the closer", height=500)
    layout["polar"] = {
        "radialaxis": {
            "range": [0, 11],
            "tickvals": [10.5 - t for t in ticks],
            "ticktext": [str(t) for t in ticks],
            "angle": 90,
            "tickangle": 90,
        },
        "angularaxis": {"showticklabels": False, "ticks": ""},
    }
    layout["legend"] = {"orientation": "h", "y": -0.08}
    fig = go.Figure(layout=layout)
    fig.add_trace(
        go.Scatterpolar(
            r=[0],
            theta=[0],
            mode="markers+text",
            text=["you"],
            textposition="middle center",
            marker={"size": 34, "color": "#FFFFFF", "line": {"color": "#000000", "width": 2}},
            name="You",
            hoverinfo="skip",
            showlegend=False,
        )
    )
    placed = placements(people, settings)
    for i, kind in enumerate(settings.kinds):
        mine = [(p, r, t) for p, r, t in placed if p.kind == kind.id]
        if not mine:
            continue
        fig.add_trace(
            go.Scatterpolar(
                r=[r for _, r, _ in mine],
                theta=[t for _, _, t in mine],
                mode="markers+text",
                text=[p.name for p, _, _ in mine],
                textposition="top center",
                name=kind.label,
                marker={
                    "symbol": kind.symbol,
                    "size": 16,
                    "color": PALETTE[i % len(PALETTE)],
                    "line": {"color": "#000000", "width": 1},
                },
                customdata=[[p.closeness, settings.sharing_choice(p.sharing).label] for p, _, _ in mine],
                hovertemplate=(
                    "%{text} (" + kind.label.lower() + ")<br>closeness %{customdata[0]} of 10"
                    "<br>%{customdata[1]}<extra></extra>"
                ),
            )
        )
    if not placed:
        _empty(fig, "Add someone to see them on your map.")
    return fig


# --------------------------------------------------------------------------------------
# The facilitator's cohort report
# --------------------------------------------------------------------------------------


def _short(assignment: str) -> str:
    return assignment.split("_", 1)[0]


def cohort_scores_figure(cohort: Cohort) -> go.Figure:
    """Each assignment's total scores as a box with every submission shown as a point."""
    layout = _base_layout("Scores per assignment (% of the points)")
    layout["yaxis"] = {"range": [-5, 105], "title": {"text": "score (%)"}}
    layout["showlegend"] = False
    fig = go.Figure(layout=layout)
    if cohort.empty:
        return _empty(fig, "No graded submissions yet.")
    for i, assignment in enumerate(cohort.assignments):
        rows = [r for r in cohort.submissions if r.assignment == assignment]
        if not rows:
            continue
        fig.add_trace(
            go.Box(
                y=[round(r.percent, 1) for r in rows],
                name=assignment,
                boxpoints="all",
                jitter=0.4,
                pointpos=0,
                text=[r.student for r in rows],
                marker={"color": PALETTE[i % len(PALETTE)], "symbol": SYMBOLS[i % len(SYMBOLS)], "size": 8},
                line={"color": PALETTE[i % len(PALETTE)]},
                hovertemplate="%{text}: %{y}%<extra>" + assignment + "</extra>",
            )
        )
    return fig


def cohort_scores_summary(cohort: Cohort) -> str:
    if cohort.empty:
        return "There are no graded submissions yet."
    parts = []
    for assignment in cohort.assignments:
        pcts = sorted(r.percent for r in cohort.submissions if r.assignment == assignment)
        if not pcts:
            parts.append(f"{assignment}: no submissions yet")
            continue
        mid = len(pcts) // 2
        median = pcts[mid] if len(pcts) % 2 else (pcts[mid - 1] + pcts[mid]) / 2
        parts.append(
            f"{assignment}: {len(pcts)} submission{'s' * (len(pcts) != 1)}, median {median:.0f}%, "
            f"from {pcts[0]:.0f}% to {pcts[-1]:.0f}%"
        )
    return "; ".join(parts) + "."


def question_difficulty_figure(cohort: Cohort) -> go.Figure:
    """Average score on each question: short bars are the hard ones. Reflections are hatched."""
    rows = sorted(cohort.questions, key=lambda q: (q.assignment, q.question))
    height = max(320, 60 + 26 * len(rows))
    layout = _base_layout("How well each question went (average % of its points)", height=height)
    layout["xaxis"] = {"range": [0, 100], "title": {"text": "average score (%)"}}
    layout["yaxis"] = {"autorange": "reversed", "automargin": True}
    fig = go.Figure(layout=layout)
    if not rows:
        return _empty(fig, "No graded questions yet.")
    for manual, label, pattern, colour in ((False, "marked automatically", "", PALETTE[0]),
                                           (True, "reflection, marked by you", "/", PALETTE[1])):  # fmt: skip
        mine = [q for q in rows if q.manual is manual]
        if not mine:
            continue
        fig.add_trace(
            go.Bar(
                x=[round(q.mean_percent, 1) for q in mine],
                y=[f"{_short(q.assignment)} · {q.question}" for q in mine],
                orientation="h",
                name=label,
                marker={"color": colour, "pattern": {"shape": pattern}},
                customdata=[q.graded for q in mine],
                hovertemplate="%{y}: %{x}% on average (%{customdata} graded)<extra></extra>",
            )
        )
    return fig


def question_difficulty_summary(cohort: Cohort) -> str:
    graded = [q for q in cohort.questions if q.graded]
    if not graded:
        return "No question has been graded yet."
    hardest = sorted(graded, key=lambda q: q.mean_percent)[:3]
    listed = ", ".join(f"{q.question} in {q.assignment} ({q.mean_percent:.0f}%)" for q in hardest)
    return f"{len(graded)} questions graded. The hardest so far: {listed}."


def completion_figure(cohort: Cohort) -> go.Figure:
    """How many learners have handed in each assignment, over time."""
    layout = _base_layout("Submissions over time")
    layout["yaxis"] = {"title": {"text": "submissions so far"}, "rangemode": "tozero"}
    layout["xaxis"] = {"title": {"text": "date handed in"}}
    fig = go.Figure(layout=layout)
    dated = [r for r in cohort.submissions if r.submitted_at]
    if not dated:
        return _empty(fig, "No dated submissions yet.")
    for i, assignment in enumerate(cohort.assignments):
        times = sorted(r.submitted_at for r in dated if r.assignment == assignment)
        if not times:
            continue
        fig.add_trace(
            go.Scatter(
                x=times,
                y=list(range(1, len(times) + 1)),
                name=assignment,
                mode="lines+markers",
                line={"shape": "hv", "color": PALETTE[i % len(PALETTE)], "dash": DASHES[i % len(DASHES)]},
                marker={"symbol": SYMBOLS[i % len(SYMBOLS)], "size": 8},
                hovertemplate="%{y} by %{x|%d %b %Y}<extra>" + assignment + "</extra>",
            )
        )
    return fig


def completion_summary(cohort: Cohort) -> str:
    if cohort.empty:
        return "Nobody has handed anything in yet."
    total = len(cohort.students)
    parts = []
    for assignment in cohort.assignments:
        rows = [r for r in cohort.submissions if r.assignment == assignment]
        dates = sorted(r.submitted_at for r in rows if r.submitted_at)
        when = f", the latest on {dates[-1]:%d %b %Y}" if dates else ""
        parts.append(f"{assignment}: {len(rows)} of {total} learners{when}")
    return "; ".join(parts) + "."
