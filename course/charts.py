"""Plotly figure builders: plain data in, a plotly figure as plain JSON out, plus the same
story in words.

Why plain JSON (``{"data": [...], "layout": {...}}``) rather than ``go.Figure``: plotly's
object model validates every property through hundreds of lazily imported classes, which
`make bench` measured at about a quarter of a second of every notebook's start. The browser
draws the same JSON either way; the tests load every figure into ``go.Figure``, so plotly
still checks each property name and value.

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

from . import marble
from .closeness import Person, placements
from .content import ClosenessSettings, Module, PacingSettings, PatternsSettings, Scale, Taxonomy
from .dynamics import LEVEL_MAX, LoopRun
from .journal import CheckIn
from .ladder import Step, ladder
from .report import Cohort
from .scoring import PatternResult

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


_LINES = {"gridcolor": "#E4E9F2", "linecolor": "#C9D3E0", "ticks": ""}
_GRID = {**_LINES, "zerolinecolor": "#C9D3E0"}
# The course's own small template. plotly's "plotly_white" looks much the same but is large:
# plotly copies and validates it for every figure, and it travels with every redraw (6.6 kB
# against a few hundred bytes), which `make bench` showed in notebook and slider timings.
_TEMPLATE: dict[str, Any] = {
    "layout": {
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "font": {"color": "#1f2d3d"},
        "colorway": list(PALETTE),
        "hoverlabel": {"align": "left"},
        "xaxis": {**_GRID, "automargin": True},
        "yaxis": {**_GRID, "automargin": True},
        "polar": {"bgcolor": "white", "angularaxis": _LINES, "radialaxis": _LINES},
    }
}

Figure = dict[str, Any]
"""A plotly figure as JSON: ``{"data": [trace, ...], "layout": {...}}``."""


def _figure(layout: dict[str, Any]) -> Figure:
    return {"data": [], "layout": layout}


def _trace(kind: str, **props: Any) -> dict[str, Any]:
    """One trace; ``kind`` is plotly's trace type ("scatter", "bar", ...)."""
    return {"type": kind, **props}


def _annotate(fig: Figure, **note: Any) -> None:
    fig["layout"].setdefault("annotations", []).append(note)


def _base_layout(title: str, height: int = 400) -> dict[str, Any]:
    return {
        "title": {"text": title, "x": 0.02, "xanchor": "left"},
        "template": _TEMPLATE,
        "font": _FONT,
        "height": height,
        "margin": {"l": 60, "r": 30, "t": 60, "b": 60},
        "legend": {"orientation": "h", "y": -0.2},
    }


def _empty(fig: Figure, message: str) -> Figure:
    _annotate(fig, text=message, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5, font={"size": 16})
    return fig


# --------------------------------------------------------------------------------------
# Check-ins
# --------------------------------------------------------------------------------------


def checkin_figure(checkins: Sequence[CheckIn], scales: Sequence[Scale]) -> Figure:
    """Each scale over time: one line per scale, told apart by colour, symbol and dash."""
    layout = _base_layout("Your check-ins over time")
    layout["yaxis"] = {"range": [-0.5, 10.5], "dtick": 2, "title": {"text": "0 = low, 10 = high"}}
    layout["xaxis"] = {"title": {"text": "When you checked in"}}
    fig = _figure(layout)
    if not checkins:
        return _empty(fig, "No check-ins yet: your first one will appear here.")
    times = [c.created_at for c in checkins]
    mode = "lines+markers" if len(checkins) > 1 else "markers"
    for i, scale in enumerate(scales):
        values = [c.scores.get(scale.id) for c in checkins]
        fig["data"].append(
            _trace(
                "scatter",
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


def closeness_figure(people: Iterable[Person], settings: ClosenessSettings) -> Figure:
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
    fig = _figure(layout)
    fig["data"].append(
        _trace(
            "scatterpolar",
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
        fig["data"].append(
            _trace(
                "scatterpolar",
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


def _assignment_number(assignment: str) -> str:
    return assignment.split("_", 1)[0]


def cohort_scores_figure(cohort: Cohort) -> Figure:
    """Each assignment's total scores as a box with every submission shown as a point."""
    layout = _base_layout("Scores per assignment (% of the points)")
    layout["yaxis"] = {"range": [-5, 105], "title": {"text": "score (%)"}}
    layout["showlegend"] = False
    fig = _figure(layout)
    if cohort.empty:
        return _empty(fig, "No graded submissions yet.")
    for i, assignment in enumerate(cohort.assignments):
        rows = [r for r in cohort.submissions if r.assignment == assignment]
        if not rows:
            continue
        fig["data"].append(
            _trace(
                "box",
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


def question_difficulty_figure(cohort: Cohort) -> Figure:
    """Average score on each question: short bars are the hard ones. Reflections are hatched."""
    rows = sorted(cohort.questions, key=lambda q: (q.assignment, q.question))
    height = max(320, 60 + 26 * len(rows))
    layout = _base_layout("How well each question went (average % of its points)", height=height)
    layout["xaxis"] = {"range": [0, 100], "title": {"text": "average score (%)"}}
    layout["yaxis"] = {"autorange": "reversed", "automargin": True}
    fig = _figure(layout)
    if not rows:
        return _empty(fig, "No graded questions yet.")
    for manual, label, pattern, colour in ((False, "marked automatically", "", PALETTE[0]),
                                           (True, "reflection, marked by you", "/", PALETTE[1])):  # fmt: skip
        mine = [q for q in rows if q.manual is manual]
        if not mine:
            continue
        fig["data"].append(
            _trace(
                "bar",
                x=[round(q.mean_percent, 1) for q in mine],
                y=[f"{_assignment_number(q.assignment)} · {q.question}" for q in mine],
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


def completion_figure(cohort: Cohort) -> Figure:
    """How many learners have handed in each assignment, over time."""
    layout = _base_layout("Submissions over time")
    layout["yaxis"] = {"title": {"text": "submissions so far"}, "rangemode": "tozero"}
    layout["xaxis"] = {"title": {"text": "date handed in"}}
    fig = _figure(layout)
    dated = [r for r in cohort.submissions if r.submitted_at]
    if not dated:
        return _empty(fig, "No dated submissions yet.")
    for i, assignment in enumerate(cohort.assignments):
        times = sorted(r.submitted_at for r in dated if r.assignment == assignment)
        if not times:
            continue
        fig["data"].append(
            _trace(
                "scatter",
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


# --------------------------------------------------------------------------------------
# Module 03: the Avoider and Pursuer quadrant chart
# --------------------------------------------------------------------------------------


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def patterns_figure(
    current: PatternResult | None,
    earlier: Sequence[tuple[datetime, PatternResult]],
    settings: PatternsSettings,
) -> Figure:
    """Both scales as continuous axes, split at the midpoint into four named regions.

    The newest result is a star labelled "you, now"; earlier saved results are open
    circles labelled with their dates, so the learner can see any movement.
    """
    low, high, mid = settings.low, settings.high, settings.threshold
    span = [low - 0.3, high + 0.3]
    layout = _base_layout("Where you sit on the two scales", height=520)
    scale_range = f"({low} to {high})"
    layout["xaxis"] = {
        "range": span,
        "dtick": 1,
        "title": {"text": f"{settings.scale('avoider').axis} {scale_range}"},
        "zeroline": False,
        "constrain": "domain",
    }
    layout["yaxis"] = {
        "range": span,
        "dtick": 1,
        "title": {"text": f"{settings.scale('pursuer').axis} {scale_range}"},
        "zeroline": False,
        "scaleanchor": "x",
        "constrain": "domain",
    }
    line = {"color": "#555555", "width": 1.5, "dash": "dot"}
    layout["shapes"] = [
        {"type": "line", "x0": mid, "x1": mid, "y0": span[0], "y1": span[1], "line": line},
        {"type": "line", "x0": span[0], "x1": span[1], "y0": mid, "y1": mid, "line": line},
    ]
    corners = {
        "settled": (span[0], span[0], "left", "bottom"),
        "leaning_avoider": (span[1], span[0], "right", "bottom"),
        "leaning_pursuer": (span[0], span[1], "left", "top"),
        "swinging": (span[1], span[1], "right", "top"),
    }
    layout["annotations"] = [
        {
            "text": f"<b>{_capital(settings.region(rid).label)}</b>",
            "x": x,
            "y": y,
            "xanchor": xa,
            "yanchor": ya,
            "showarrow": False,
            "bgcolor": "rgba(255, 255, 255, 0.85)",
            "font": {"size": 14, "color": "#333333"},
        }
        for rid, (x, y, xa, ya) in corners.items()
    ]
    fig = _figure(layout)
    if earlier:
        fig["data"].append(
            _trace(
                "scatter",
                x=[r.avoider for _, r in earlier],
                y=[r.pursuer for _, r in earlier],
                mode="markers+text",
                text=[_day(when) for when, _ in earlier],
                textposition="bottom center",
                name="Earlier results",
                marker={"symbol": "circle-open", "size": 14, "color": PALETTE[0], "line": {"width": 2.5}},
                hovertemplate="Saved %{text}<br>Avoider %{x:.1f}, Pursuer %{y:.1f}<extra></extra>",
            )
        )
    if current is not None:
        fig["data"].append(
            _trace(
                "scatter",
                x=[current.avoider],
                y=[current.pursuer],
                mode="markers+text",
                text=["you, now"],
                textposition="top center",
                name="This time",
                marker={
                    "symbol": "star",
                    "size": 22,
                    "color": PALETTE[1],
                    "line": {"color": "#000000", "width": 1},
                },
                hovertemplate="This time<br>Avoider %{x:.1f}, Pursuer %{y:.1f}<extra></extra>",
            )
        )
    if current is None and not earlier:
        _annotate(
            fig,
            text="Answer every statement, then press “See where I sit”.",
            showarrow=False,
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.5,
            bgcolor="#FFFFFF",
            font={"size": 15},
        )
    return fig


def _result_words(result: PatternResult, settings: PatternsSettings) -> str:
    return (
        f"{result.avoider:.1f} on the Avoider scale and {result.pursuer:.1f} on the Pursuer scale "
        f"({settings.region(result.region).label})"
    )


def patterns_summary(
    current: PatternResult | None,
    earlier: Sequence[tuple[datetime, PatternResult]],
    settings: PatternsSettings,
) -> str:
    """The quadrant chart in words: where the learner sits now, and where they sat before."""
    parts = []
    if current is None:
        parts.append(
            "No result yet. When you have answered every statement, press “See where I sit” "
            "to place yourself on the chart."
        )
    else:
        region = settings.region(current.region)
        parts.append(
            f"This time you placed yourself at {current.avoider:.1f} on the Avoider scale and "
            f"{current.pursuer:.1f} on the Pursuer scale (each runs from {settings.low} to "
            f"{settings.high}, with {settings.threshold} in the middle), in the area the chart calls "
            f"“{region.label}”."
        )
        near = [
            name
            for name, value in (("Avoider", current.avoider), ("Pursuer", current.pursuer))
            if abs(value - settings.threshold) <= 0.5
        ]
        if near:
            which = " and ".join(near)
            scales = "scores are" if len(near) == 2 else "score is"
            parts.append(
                f"Your {which} {scales} close to the middle, so a few different answers could move "
                "you across a line: treat the region as a rough guide."
            )
    if earlier:
        shown = earlier[-5:]
        listed = "; ".join(f"{_day(when)}: {_result_words(r, settings)}" for when, r in shown)
        label = "Your earlier saved result" if len(shown) == 1 else "Your earlier saved results"
        parts.append(f"{label}: {listed}.")
    return " ".join(parts)


# --------------------------------------------------------------------------------------
# Module 03: the pursue-withdraw loop over time
# --------------------------------------------------------------------------------------


def _loop_names(run: LoopRun) -> tuple[str, str]:
    me_pursue = run.role == "pursue"
    return (
        f"Reaching out ({'you' if me_pursue else 'them'})",
        f"Pulling back ({'them' if me_pursue else 'you'})",
    )


def pursue_withdraw_figure(run: LoopRun) -> Figure:
    """Reaching out drawn upwards and pulling back downwards, round by round.

    Mirroring the two makes the loop's shape visible: it opens out when the loop
    escalates and closes towards the calm middle line when it settles. The lines also
    differ by dash and marker symbol, never by colour alone.
    """
    word = {"escalating": "⚠ escalating", "settling": "✓ settling", "steady": "◐ holding steady"}[run.trend]
    layout = _base_layout(f"The loop over {run.rounds} rounds: {word}", height=440)
    ticks = [-10, -5, 0, 5, 10]
    layout["yaxis"] = {
        "range": [-LEVEL_MAX - 0.8, LEVEL_MAX + 0.8],
        "tickvals": ticks,
        "ticktext": [str(abs(t)) for t in ticks],
        "title": {"text": "0 = calm, 10 = full stretch"},
        "zeroline": True,
        "zerolinecolor": "#555555",
    }
    layout["xaxis"] = {"range": [-0.3, run.rounds + 0.3], "dtick": 1, "title": {"text": "Round"}}
    layout["annotations"] = [
        {"text": "<b>↑ reaching out</b>", "xref": "paper", "yref": "y", "x": 0.01, "y": LEVEL_MAX + 0.6},
        {"text": "<b>↓ pulling back</b>", "xref": "paper", "yref": "y", "x": 0.01, "y": -LEVEL_MAX - 0.6},
    ]
    for note in layout["annotations"]:
        note.update(showarrow=False, xanchor="left", font={"size": 13, "color": "#333333"})
    fig = _figure(layout)
    rounds = list(range(run.rounds + 1))
    names = _loop_names(run)
    fills = ("rgba(0, 114, 178, 0.12)", "rgba(213, 94, 0, 0.12)")
    for i, (values, name, sign) in enumerate(((run.pursue, names[0], 1), (run.withdraw, names[1], -1))):
        fig["data"].append(
            _trace(
                "scatter",
                x=rounds,
                y=[sign * v for v in values],
                customdata=list(values),
                name=name,
                mode="lines+markers",
                fill="tozeroy",
                fillcolor=fills[i],
                line={"color": PALETTE[i], "dash": DASHES[i], "width": 3},
                marker={"symbol": SYMBOLS[i + 1], "size": 9},
                hovertemplate=f"{name}<br>round %{{x}}: %{{customdata:.1f}} of 10<extra></extra>",
            )
        )
    return fig


def pursue_withdraw_summary(run: LoopRun) -> str:
    """Two sentences: what the loop is doing, and what made the difference."""
    if run.trend == "escalating":
        r = run.full_stretch_round
        when = (
            f"by round {r} you are both at full stretch"
            if r is not None
            else (f"it is still building at round {run.rounds}")
        )
        first = f"The loop is escalating: each move draws a bigger one from the other person, and {when}."
        if run.my_change == 0:
            second = (
                "Nothing has changed yet in how either of you responds; try moving “What I change in how "
                "I respond” to see what your side alone can do."
            )
        else:
            second = (
                "Your change softens your side, but not yet enough to stop the loop; try a little more, "
                "and notice that a small shift from them would help too."
            )
    elif run.trend == "settling":
        r = run.calm_round
        when = (
            f"by round {r} you are both back near calm"
            if r is not None
            else (f"both are still easing off at round {run.rounds}")
        )
        first = f"The loop is settling: reaching out and pulling back both ease off, and {when}."
        if run.trend_without_change == "escalating":
            second = (
                "In this toy, your change calms the loop; real people may need both sides to change, "
                "and some loops should simply be left."
            )
        elif run.trend_without_change == "steady":
            second = "Your change tips a loop that would otherwise hold steady towards calm."
        else:
            second = (
                "With reactions this light on at least one side, the loop cannot build up speed, "
                "even before anyone changes anything."
            )
    else:
        first = (
            "The loop is holding steady: neither of you escalates, but neither lets go, so the tension "
            "stays about where it started."
        )
        second = "A small change from either of you would tip it towards calm."
    return f"{first} {second}"


# --------------------------------------------------------------------------------------
# The marble on the pane of glass (module 06)
# --------------------------------------------------------------------------------------

_BANDS = ((marble.CLOSE, "close"), (marble.FAR, "partway"), (marble.EDGE, "near the edge"))


def marble_figure(run: marble.Run) -> Figure:
    """The marble's path on the pane seen from above, and its distance from the centre by round.

    The centre is the closest place; rings mark the close, middle and edge zones. The
    start and the marble's last position carry their own symbols and words. Two panels side
    by side: the pane on axes x/y, the distance on axes x2/y2 (the domains plotly's
    make_subplots gives for column widths 0.45 and 0.55 with 0.12 between them).
    """
    edge = marble.EDGE
    span = edge + 1.5
    layout = _base_layout("The marble on the pane of glass", height=460)
    layout["showlegend"] = True
    layout["legend"] = {"orientation": "h", "y": -0.18}
    layout["xaxis"] = {"domain": [0.0, 0.396], "anchor": "y", "range": [-span, span], "visible": False}
    layout["yaxis"] = {
        "domain": [0.0, 1.0],
        "anchor": "x",
        "range": [-span, span],
        "visible": False,
        "scaleanchor": "x",
        "scaleratio": 1,
    }
    layout["xaxis2"] = {
        "domain": [0.516, 1.0],
        "anchor": "y2",
        "title": {"text": "Round"},
        "range": [-0.5, max(run.rounds, marble.ROUNDS) + 0.5],
        "dtick": 2,
    }
    layout["yaxis2"] = {
        "domain": [0.0, 1.0],
        "anchor": "x2",
        "title": {"text": "0 = centre (closest), 10 = edge"},
        "range": [-0.3, edge + 0.5],
        "tickvals": [0, marble.CLOSE, marble.FAR, edge],
    }
    panel_title = {"xref": "paper", "yref": "paper", "y": 1.0, "yanchor": "bottom", "xanchor": "center",
                   "showarrow": False, "font": {"size": 16}}  # fmt: skip
    small = {"size": 12, "color": "#444444"}
    layout["annotations"] = [
        {"text": "The pane from above (centre = closest)", "x": 0.198, **panel_title},
        {"text": "Distance from the centre, by round", "x": 0.758, **panel_title},
        {"text": "centre", "x": 0, "y": -0.9, "xref": "x", "yref": "y", "showarrow": False, "font": small},
    ]
    layout["shapes"] = []
    for radius, word in _BANDS:
        outer = radius == edge
        line = {"color": "#555555" if outer else "#999999", "dash": "solid" if outer else "dot"}
        ring = {"type": "circle", "xref": "x", "yref": "y", "x0": -radius, "y0": -radius, "x1": radius,
                "y1": radius, "line": line, "layer": "below"}  # fmt: skip
        if radius == marble.CLOSE:
            ring["fillcolor"] = "rgba(0,158,115,0.10)"
        layout["shapes"] += [
            ring,
            {"type": "line", "xref": "x2 domain", "yref": "y2", "x0": 0, "x1": 1, "y0": radius, "y1": radius,
             "line": line, "layer": "below"},
        ]  # fmt: skip
        layout["annotations"].append(
            {"text": word, "x": 1, "xref": "x2 domain", "xanchor": "right", "y": radius - 0.2, "yref": "y2",
             "yanchor": "top", "showarrow": False, "font": small}
        )  # fmt: skip
    fig = _figure(layout)
    xs, ys = marble.path(run)
    rounds = list(range(len(run.distances)))
    hover = "Round %{customdata}: %{text} from the centre<extra></extra>"
    words = [f"{d:.1f}" for d in run.distances]
    path_style = {
        "mode": "lines+markers",
        "line": {"color": PALETTE[0], "width": 2.5, "dash": DASHES[0]},
        "marker": {"symbol": SYMBOLS[0], "size": 7, "color": PALETTE[0]},
        "customdata": rounds,
        "text": words,
        "hovertemplate": hover,
    }
    fell = run.fell_at is not None
    end_word = f"off the edge (round {run.fell_at})" if fell else f"round {run.rounds}"
    fig["data"] = [
        _trace("scatter", x=list(xs), y=list(ys), name="The marble's path", **path_style),
        _trace(
            "scatter",
            x=rounds,
            y=list(run.distances),
            xaxis="x2",
            yaxis="y2",
            name="Distance from the centre",
            showlegend=False,
            **path_style,
        ),
        _trace(
            "scatter",
            x=[xs[0]],
            y=[ys[0]],
            mode="markers+text",
            name="Start",
            text=["start"],
            textposition="top center",
            marker={"symbol": "circle-open", "size": 16, "color": "#000000", "line": {"width": 2}},
            hoverinfo="skip",
        ),
        _trace(
            "scatter",
            x=[xs[-1]],
            y=[ys[-1]],
            mode="markers+text",
            name="Fell off the edge" if fell else "Where the marble ends",
            text=[end_word],
            textposition="bottom center",
            marker={
                "symbol": "x" if fell else "circle",
                "size": 20,
                "color": PALETTE[1],
                "line": {"color": "#000000", "width": 1.5},
            },
            hoverinfo="skip",
        ),
    ]
    return fig


# --------------------------------------------------------------------------------------
# Progress through the modules (module 07)
# --------------------------------------------------------------------------------------

_PROGRESS_STYLE = {
    "completed": ("✓ Finished", "✓ finished", PALETTE[2], ""),
    "started": ("◐ Started", "◐ started", PALETTE[4], "/"),
    "not started": ("○ Not started yet", "○ not yet", "#F4F4F4", ""),
}


def progress_figure(modules: Sequence[Module], status: dict[str, str]) -> Figure:
    """One bar per module, as long as its reading time; status shown by fill, pattern and words."""
    layout = _base_layout("Your progress through the course", height=max(300, 70 + 42 * len(modules)))
    layout["xaxis"] = {"title": {"text": "About how many minutes each module takes"}, "rangemode": "tozero"}
    layout["yaxis"] = {"autorange": "reversed", "automargin": True}
    layout["barmode"] = "overlay"
    layout["margin"] = {"l": 20, "r": 30, "t": 60, "b": 60}
    fig = _figure(layout)
    if not modules:
        return _empty(fig, "The course lists no modules.")
    names = [f"{m.number}. {m.title}" for m in modules]
    for state, (name, word, colour, shape) in _PROGRESS_STYLE.items():
        rows = [
            (n, m) for n, m in zip(names, modules, strict=True) if status.get(m.id, "not started") == state
        ]
        if not rows:
            continue
        fig["data"].append(
            _trace(
                "bar",
                orientation="h",
                y=[n for n, _ in rows],
                x=[m.minutes for _, m in rows],
                name=name,
                text=[word] * len(rows),
                textposition="inside",
                insidetextanchor="start",
                textfont={"color": "#000000"},
                marker={
                    "color": colour,
                    "line": {"color": "#000000", "width": 1},
                    "pattern": {"shape": shape, "fgcolor": "#333333", "solidity": 0.15},
                },
                hovertemplate="%{y}: %{text}, about %{x} minutes<extra></extra>",
            )
        )
    # keep the course order on the axis even when statuses interleave
    fig["layout"]["yaxis"].update(categoryorder="array", categoryarray=names)
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
) -> Figure:
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
    fig = _figure(layout)
    tol = settings.tolerance
    fig["data"].append(
        _trace(
            "scatter",
            x=list(at),
            y=[min(10.5, k + tol) for k in knowing],
            mode="lines",
            line={"width": 0},
            hoverinfo="skip",
            showlegend=False,
            name="keeps-pace band (top)",
        )
    )
    fig["data"].append(
        _trace(
            "scatter",
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
        fig["data"].append(
            _trace(
                "scatter",
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


def emotion_sunburst(taxonomy: Taxonomy, chosen: Iterable[str] = ()) -> Figure:
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
    fig = _figure(layout)
    fig["data"].append(
        _trace(
            "sunburst",
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


def ladder_figure(steps: Iterable[Step]) -> Figure:
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
    fig = _figure(layout)
    if not rungs:
        layout["yaxis"].update(showticklabels=False, showgrid=False, zeroline=False)
        return _empty(fig, "Add a step to start your ladder.")
    groups = (
        (False, "○ to do", PALETTE[0], ""),
        (True, "✓ done", PALETTE[2], "/"),
    )
    for done, word, colour, pattern in groups:
        mine = [(name, s) for name, s in zip(names, rungs, strict=True) if s.done is done]
        if not mine:
            continue
        fig["data"].append(
            _trace(
                "bar",
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
