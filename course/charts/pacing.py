"""Module 4: knowing and sharing over time."""

from __future__ import annotations

from collections.abc import Sequence

from ..pacing import PacingSettings
from . import base
from .base import DASHES, PALETTE, SYMBOLS, Figure


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
    layout = base.base_layout(title, height=430)
    layout["yaxis"] = {
        "range": [-0.5, 10.5],
        "dtick": 2,
        "title": {"text": "0 = not at all, 10 = completely"},
    }
    # a tick every other month: thirteen would run into each other on a phone
    layout["xaxis"] = {"title": {"text": "Months since you met"}, "dtick": 2}
    fig = base.figure(layout)
    tol = settings.tolerance
    fig["data"].append(
        base.trace(
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
        base.trace(
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
            base.trace(
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
