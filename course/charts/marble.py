"""Module 6: the marble's path on the pane of glass."""

from __future__ import annotations

from .. import marble
from . import base
from .base import DASHES, PALETTE, SYMBOLS, Figure

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
    layout = base.base_layout("The marble on the pane of glass", height=460)
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
    fig = base.figure(layout)
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
        base.trace("scatter", x=list(xs), y=list(ys), name="The marble's path", **path_style),
        base.trace(
            "scatter",
            x=rounds,
            y=list(run.distances),
            xaxis="x2",
            yaxis="y2",
            name="Distance from the centre",
            showlegend=False,
            **path_style,
        ),
        base.trace(
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
        base.trace(
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
