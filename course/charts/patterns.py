"""Module 3: the Avoider and Pursuer quadrant, and the pursue-withdraw loop."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ..dynamics import LEVEL_MAX, LoopRun
from ..scoring import PatternResult, PatternsSettings
from . import base
from .base import DASHES, PALETTE, SYMBOLS, Figure


def _quadrant(title: str, settings: PatternsSettings, pad: float = 0.3, corners: bool = True) -> Figure:
    """The empty chart both quadrant figures share: two axes, the middle lines and (``corners``)
    the four areas named in the corners; ``pad`` is the room around the scale, in scale points."""
    low, high, mid = settings.low, settings.high, settings.threshold
    span = [low - pad, high + pad]
    layout = base.base_layout(title, height=520)
    scale_range = f"({low} to {high})"
    layout["xaxis"] = {
        "range": span,
        "dtick": 1,
        "title": {"text": f"{settings.scale('avoider').axis}<br>{scale_range}"},
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
    line = {"color": base.RULE, "width": 1.5, "dash": "dot"}
    layout["shapes"] = [
        {"type": "line", "x0": mid, "x1": mid, "y0": span[0], "y1": span[1], "line": line},
        {"type": "line", "x0": span[0], "x1": span[1], "y0": mid, "y1": mid, "line": line},
    ]
    ticks = list(range(low, high + 1))
    layout["xaxis"]["tickvals"] = layout["yaxis"]["tickvals"] = ticks
    if not corners:
        return base.figure(layout)
    places = {
        "settled": (span[0], span[0], "left", "bottom"),
        "leaning_avoider": (span[1], span[0], "right", "bottom"),
        "leaning_pursuer": (span[0], span[1], "left", "top"),
        "swinging": (span[1], span[1], "right", "top"),
    }
    # Each label breaks after its first word, so two fit side by side on a phone-wide chart.
    layout["annotations"] = [
        {
            "text": "<b>" + base.capital(settings.region(rid).label).replace(" ", "<br>", 1) + "</b>",
            "x": x,
            "y": y,
            "xanchor": xa,
            "yanchor": ya,
            "showarrow": False,
            "bgcolor": base.VEIL,
            "font": {"size": 13, "color": base.INK},
        }
        for rid, (x, y, xa, ya) in places.items()
    ]
    return base.figure(layout)


def patterns_figure(
    current: PatternResult | None,
    earlier: Sequence[tuple[datetime, PatternResult]],
    settings: PatternsSettings,
) -> Figure:
    """Both scales as continuous axes, split at the midpoint into four named regions.

    The newest result is a star labelled "you, now"; earlier saved results are open
    circles labelled with their dates, so the learner can see any movement.
    """
    fig = _quadrant("Where you sit on the two scales", settings)
    if earlier:
        fig["data"].append(
            base.trace(
                "scatter",
                x=[r.avoider for _, r in earlier],
                y=[r.pursuer for _, r in earlier],
                mode="markers+text",
                text=[base.day(when) for when, _ in earlier],
                textposition="bottom center",
                name="Earlier results",
                marker={"symbol": "circle-open", "size": 14, "color": PALETTE[0], "line": {"width": 2.5}},
                hovertemplate="Saved %{text}<br>Avoider %{x:.1f}, Pursuer %{y:.1f}<extra></extra>",
            )
        )
    if current is not None:
        fig["data"].append(
            base.trace(
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
                    "line": {"color": base.INK, "width": 1},
                },
                hovertemplate="This time<br>Avoider %{x:.1f}, Pursuer %{y:.1f}<extra></extra>",
            )
        )
    if current is None and not earlier:
        # narrow lines: on a phone the square plot is barely wider than the words
        base.empty(fig, "Answer every statement, then press “See where I sit”.", width=18, bgcolor=base.VEIL)
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
        listed = "; ".join(f"{base.day(when)}: {_result_words(r, settings)}" for when, r in shown)
        label = "Your earlier saved result" if len(shown) == 1 else "Your earlier saved results"
        parts.append(f"{label}: {listed}.")
    return " ".join(parts)


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
    layout = base.base_layout(f"The loop over {run.rounds} rounds: {word}", height=440)
    ticks = [-10, -5, 0, 5, 10]
    layout["yaxis"] = {
        "range": [-LEVEL_MAX - 0.8, LEVEL_MAX + 0.8],
        "tickvals": ticks,
        "ticktext": [str(abs(t)) for t in ticks],
        "title": {"text": "0 = calm, 10 = full stretch"},
        "zeroline": True,
        "zerolinecolor": base.RULE,
    }
    layout["xaxis"] = {"range": [-0.3, run.rounds + 0.3], "dtick": 2, "title": {"text": "Round"}}
    layout["annotations"] = [
        {"text": "<b>↑ reaching out</b>", "xref": "paper", "yref": "y", "x": 0.01, "y": LEVEL_MAX + 0.6},
        {"text": "<b>↓ pulling back</b>", "xref": "paper", "yref": "y", "x": 0.01, "y": -LEVEL_MAX - 0.6},
    ]
    for note in layout["annotations"]:
        note.update(showarrow=False, xanchor="left", font={"size": 13, "color": base.INK})
    fig = base.figure(layout)
    rounds = list(range(run.rounds + 1))
    names = _loop_names(run)
    fills = ("rgba(0, 114, 178, 0.12)", "rgba(213, 94, 0, 0.12)")
    for i, (values, name, sign) in enumerate(((run.pursue, names[0], 1), (run.withdraw, names[1], -1))):
        fig["data"].append(
            base.trace(
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


# Person A and person B: told apart by marker shape and by the name written beside each, never
# by colour alone. A is a wide ring and B a smaller solid diamond, so two people at the same spot
# show as a diamond inside a ring rather than one marker hiding the other.
PAIR_MARKS = (
    {"symbol": "circle-open", "size": 28, "line": {"width": 3.5}, "word": "ring"},
    {"symbol": "diamond", "size": 16, "line": {"color": base.INK, "width": 1.5}, "word": "diamond"},
)
PAIR_COLOURS = (PALETTE[0], PALETTE[1])
# Room around the scale for the names, so a name beside a score of 1 or 7 stays inside the plot.
PAIR_PAD = 1.0


def _plain(name: str) -> str:
    """A person's name as plotly text: never markup (plotly reads <b>, <a href> and the like)."""
    return name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _side(result: PatternResult, mid: float) -> str:
    """Towards the middle of the chart, so a name never runs off its edge."""
    return f"{'top' if result.pursuer <= mid else 'bottom'} {'right' if result.avoider <= mid else 'left'}"


def _close(a: PatternResult, b: PatternResult) -> bool:
    """Near enough that two names written beside their markers could run into each other."""
    return abs(a.avoider - b.avoider) < 3 and abs(a.pursuer - b.pursuer) < 1


def _name_labels(people: Sequence[tuple[str, PatternResult | None]], mid: float) -> list[tuple[str, str]]:
    """Each marker's (words, place). Two people close together share one label naming both,
    each with their marker's shape, so their names never sit on top of each other."""
    shown = [(name, result) for name, result in people if result is not None]
    if len(shown) == 2 and _close(shown[0][1], shown[1][1]):
        marks = zip(people, PAIR_MARKS, strict=False)
        both = "<br>".join(f"{_plain(name)} ({mark['word']})" for (name, _), mark in marks)
        first = next(i for i, (_, r) in enumerate(people) if r is not None)
        return [(both, _side(r, mid)) if i == first else ("", "") for i, (_, r) in enumerate(people)]
    return [(_plain(name), _side(r, mid)) if r is not None else ("", "") for name, r in people]


def partner_figure(
    people: Sequence[tuple[str, PatternResult | None]],
    settings: PatternsSettings,
) -> Figure:
    """Two people on module 3's quadrant: one marker each, labelled with their names.

    A person who did not share both scores has no marker; the words say so instead."""
    fig = _quadrant("The two of you on the two scales", settings, pad=PAIR_PAD, corners=False)
    labels = _name_labels(people, settings.threshold)
    for (name, result), mark, colour, (words, where) in zip(
        people, PAIR_MARKS, PAIR_COLOURS, labels, strict=False
    ):
        if result is None:
            continue
        label = _plain(name)
        fig["data"].append(
            base.trace(
                "scatter",
                x=[result.avoider],
                y=[result.pursuer],
                mode="markers+text" if words else "markers",
                text=[words],
                textposition=where or "top right",
                textfont={"size": 15, "color": base.INK},
                name=label,
                marker={
                    "symbol": mark["symbol"],
                    "size": mark["size"],
                    "color": colour,
                    "line": mark["line"],
                },
                hovertemplate=(
                    f"{label}, {settings.region(result.region).label}<br>"
                    "Avoider %{x:.1f}, Pursuer %{y:.1f}<extra></extra>"
                ),
            )
        )
    if not fig["data"]:
        base.empty(fig, "Both people's scores appear here once they are shared.", width=18, bgcolor=base.VEIL)
    return fig


def partner_summary(people: Sequence[tuple[str, PatternResult | None]], settings: PatternsSettings) -> str:
    """The two-person chart in words: each person's scores and area, or that they did not share them."""
    parts = [] if people else ["Nobody is on the chart yet: it shows both people once both parts are in."]
    for (name, result), mark in zip(people, PAIR_MARKS, strict=False):
        if result is None:
            parts.append(f"{name} did not share both scores, so the chart does not place them.")
        else:
            parts.append(f"{name} (the {mark['word']}) is at {_result_words(result, settings)}.")
    areas = ", ".join(
        f"{settings.region(rid).label} ({where})"
        for rid, where in (
            ("settled", "bottom left"),
            ("leaning_avoider", "bottom right"),
            ("leaning_pursuer", "top left"),
            ("swinging", "top right"),
        )
    )
    parts.append(
        f"Each scale runs from {settings.low} to {settings.high}, with {settings.threshold} in the middle; "
        "a score near the middle could fall on either side with a few different answers. "
        f"The dotted lines split the chart into four areas: {areas}."
    )
    return " ".join(parts)
