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
from .content import ClosenessSettings, PacingSettings, Scale, Taxonomy
from .journal import CheckIn
from .ladder import Step, ladder

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
# Module 04: the pacing chart
# --------------------------------------------------------------------------------------


def pacing_figure(
    at: Sequence[float],
    knowing: Sequence[float],
    sharing: Sequence[float],
    settings: PacingSettings,
    verdict: str | None = None,
) -> go.Figure:
    """Two curves over time, with a grey band around "knowing" where sharing keeps pace.

    The curves differ by colour, dash and marker symbol; the verdict, if given, is in
    the title as symbol and words.
    """
    title = "Knowing and sharing over time"
    if verdict is not None:
        title += f": {settings.verdict(verdict).tag.lower()}"
    layout = _base_layout(title, height=430)
    layout["yaxis"] = {
        "range": [-0.5, 10.5],
        "dtick": 2,
        "title": {"text": "0 = not at all, 10 = completely"},
    }
    layout["xaxis"] = {"title": {"text": "Months since you met"}, "dtick": 1}
    fig = go.Figure(layout=layout)
    tol = settings.tolerance
    fig.add_trace(
        go.Scatter(
            x=list(at),
            y=[min(10.5, k + tol) for k in knowing],
            mode="lines",
            line={"width": 0},
            hoverinfo="skip",
            showlegend=False,
            name="keeps-pace band (top)",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=list(at),
            y=[max(-0.5, k - tol) for k in knowing],
            mode="lines",
            line={"width": 0},
            fill="tonexty",
            fillcolor="rgba(120,120,120,0.18)",
            hoverinfo="skip",
            name=f"Keeps pace (within {tol:g} points)",
        )
    )
    for i, (curve, values) in enumerate(zip(settings.curves, (knowing, sharing), strict=True)):
        fig.add_trace(
            go.Scatter(
                x=list(at),
                y=list(values),
                name=curve.label,
                mode="lines+markers",
                line={"color": PALETTE[i], "dash": DASHES[i], "width": 3},
                marker={"symbol": SYMBOLS[i], "size": 8, "maxdisplayed": 13},
                hovertemplate=f"{curve.label}: %{{y:.1f}} of 10<br>month %{{x}}<extra></extra>",
            )
        )
    return fig


# --------------------------------------------------------------------------------------
# Module 05: the emotion wheel and the small-steps ladder
# --------------------------------------------------------------------------------------


def _ink(colour: str) -> str:
    """Black or white text, whichever reads better on ``colour`` (WCAG relative luminance)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if luminance > 0.179 else "#FFFFFF"


def emotion_sunburst(taxonomy: Taxonomy, chosen: Iterable[str] = ()) -> go.Figure:
    """Core feelings in the middle, finer words around them. Chosen words carry a ✓ and
    a thick outline, so the choice never rests on colour."""
    picked = set(chosen)
    ids, labels, parents, colours, inks, outlines, hover = [], [], [], [], [], [], []
    for core in taxonomy.cores:
        ids.append(core.id)
        labels.append(core.label)
        parents.append("")
        colours.append(core.colour)
        inks.append(_ink(core.colour))
        outlines.append(1)
        hover.append(core.about)
        for w in core.words:
            mine = w.word in picked
            ids.append(f"{core.id}/{w.word}")
            labels.append(f"✓ {w.word}" if mine else w.word)
            parents.append(core.id)
            colours.append(core.colour)
            inks.append(_ink(core.colour))
            outlines.append(4 if mine else 1)
            hover.append(w.meaning)
    layout = _base_layout("Words for feelings: core feelings in the middle", height=560)
    layout["margin"] = {"l": 10, "r": 10, "t": 50, "b": 10}
    fig = go.Figure(layout=layout)
    fig.add_trace(
        go.Sunburst(
            ids=ids,
            labels=labels,
            parents=parents,
            customdata=hover,
            hovertemplate="<b>%{label}</b><br>%{customdata}<extra></extra>",
            marker={"colors": colours, "line": {"color": "#FFFFFF", "width": outlines}},
            insidetextfont={"color": inks},
            insidetextorientation="radial",
        )
    )
    return fig


def ladder_figure(steps: Iterable[Step]) -> go.Figure:
    """The ladder: one rung per step, easiest at the bottom; bar length is how hard it feels.

    Done and not-done rungs differ by colour, fill pattern and the words on the bar.
    """
    rungs = ladder(steps)
    layout = _base_layout("Your ladder: easiest step at the bottom", height=max(320, 140 + 48 * len(rungs)))
    # Room on the right for the words beside the longest bar.
    layout["xaxis"] = {
        "range": [-0.5, 13],
        "tickvals": list(range(11)),
        "title": {"text": "How hard it feels (0 to 10)"},
    }
    names = [f"Rung {n}: {_short(s.text)}" for n, s in enumerate(rungs, start=1)]
    layout["yaxis"] = {"categoryorder": "array", "categoryarray": names, "automargin": True}
    layout["barmode"] = "overlay"
    fig = go.Figure(layout=layout)
    if not rungs:
        fig.update_yaxes(showticklabels=False, showgrid=False, zeroline=False)
        return _empty(fig, "Add a step to start your ladder.")
    groups = (
        (False, "○ to do", PALETTE[0], ""),
        (True, "✓ done", PALETTE[2], "/"),
    )
    for done, word, colour, pattern in groups:
        mine = [(name, s) for name, s in zip(names, rungs, strict=True) if s.done is done]
        if not mine:
            continue
        fig.add_trace(
            go.Bar(
                orientation="h",
                y=[name for name, _ in mine],
                x=[s.difficulty + 0.5 for _, s in mine],
                base=-0.5,
                name=word,
                text=[f"{word} · {s.difficulty}" for _, s in mine],
                textposition="outside",
                cliponaxis=False,
                textfont={"color": "#000000"},
                marker={
                    "color": colour,
                    "pattern": {"shape": pattern},
                    "line": {"color": "#000000", "width": 1},
                },
                customdata=[[s.text, s.difficulty] for _, s in mine],
                hovertemplate="%{customdata[0]}<br>feels %{customdata[1]} of 10<extra>" + word + "</extra>",
            )
        )
    return fig


def _short(text: str, limit: int = 38) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
