"""The cohort report's charts, each with the same story in words."""

from __future__ import annotations

from ..charts import base
from ..charts.base import DASHES, PALETTE, SYMBOLS, Figure
from .report import Cohort


def _assignment_number(assignment: str) -> str:
    return assignment.split("_", 1)[0]


def cohort_scores_figure(cohort: Cohort) -> Figure:
    """Each assignment's total scores as a box with every submission shown as a point."""
    layout = base.base_layout("Scores per assignment (% of the points)")
    layout["yaxis"] = {"range": [-5, 105], "title": {"text": "score (%)"}}
    layout["showlegend"] = False
    fig = base.figure(layout)
    if cohort.empty:
        return base.empty(fig, "No graded submissions yet.")
    for i, assignment in enumerate(cohort.assignments):
        rows = [r for r in cohort.submissions if r.assignment == assignment and not r.ungraded]
        if not rows:
            continue
        fig["data"].append(
            base.trace(
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
        pcts = sorted(r.percent for r in cohort.submissions if r.assignment == assignment and not r.ungraded)
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
    layout = base.base_layout("How well each question went (average % of its points)", height=height)
    layout["xaxis"] = {"range": [0, 100], "title": {"text": "average score (%)"}}
    layout["yaxis"] = {"autorange": "reversed", "automargin": True}
    fig = base.figure(layout)
    if not rows:
        return base.empty(fig, "No graded questions yet.")
    for manual, label, pattern, colour in ((False, "marked automatically", "", PALETTE[0]),
                                           (True, "reflection, marked by you", "/", PALETTE[1])):  # fmt: skip
        mine = [q for q in rows if q.manual is manual]
        if not mine:
            continue
        fig["data"].append(
            base.trace(
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
    layout = base.base_layout("Submissions over time")
    layout["yaxis"] = {"title": {"text": "submissions so far"}, "rangemode": "tozero"}
    layout["xaxis"] = {"title": {"text": "date handed in"}}
    fig = base.figure(layout)
    dated = [r for r in cohort.submissions if r.submitted_at]
    if not dated:
        return base.empty(fig, "No dated submissions yet.")
    for i, assignment in enumerate(cohort.assignments):
        times = sorted(r.submitted_at for r in dated if r.assignment == assignment)
        if not times:
            continue
        fig["data"].append(
            base.trace(
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
