"""Module 1's closeness map as a chart."""

from __future__ import annotations

from collections.abc import Iterable

from ..closeness import ClosenessSettings, Person, placements
from . import base
from .base import PALETTE, Figure


def closeness_figure(people: Iterable[Person], settings: ClosenessSettings) -> Figure:
    """You at the centre, people on rings: the closer they feel, the nearer the middle."""
    ticks = (8, 6, 4, 2, 0)  # 10 would sit on top of "you"
    placed = placements(people, settings)
    # The ring numbers run out from "you" halfway between two people, where no name is written.
    between = 360 / len(placed) / 2 if placed else 90
    layout = base.base_layout("Your closeness map: the nearer the centre, the closer", height=500)
    layout["polar"] = {
        "radialaxis": {
            "range": [0, 11],
            "tickvals": [10.5 - t for t in ticks],
            "ticktext": [str(t) for t in ticks],
            "angle": between,
            "tickangle": 90,
        },
        "angularaxis": {"showticklabels": False, "ticks": ""},
    }
    fig = base.figure(layout)
    fig["data"].append(
        base.trace(
            "scatterpolar",
            r=[0],
            theta=[0],
            mode="markers+text",
            text=["you"],
            textposition="middle center",
            marker={"size": 34, "color": base.PAGE, "line": {"color": base.INK, "width": 2}},
            name="You",
            hoverinfo="skip",
            showlegend=False,
        )
    )
    for i, kind in enumerate(settings.kinds):
        mine = [(p, r, t) for p, r, t in placed if p.kind == kind.id]
        if not mine:
            continue
        fig["data"].append(
            base.trace(
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
                    "line": {"color": base.INK, "width": 1},
                },
                customdata=[[p.closeness, settings.sharing_choice(p.sharing).label] for p, _, _ in mine],
                hovertemplate=(
                    "%{text} (" + kind.label.lower() + ")<br>closeness %{customdata[0]} of 10"
                    "<br>%{customdata[1]}<extra></extra>"
                ),
            )
        )
    if not placed:
        # below "you" and clear of the ring numbers above it
        base.empty(fig, "Add someone to see them on your map.", y=0.22)
    return fig
