"""Module 6: the marble's path on the pane of glass."""

from __future__ import annotations

from .. import marble
from . import base
from .base import DASHES, PALETTE, SYMBOLS, Figure

_BANDS = ((marble.CLOSE, "close"), (marble.FAR, "partway"), (marble.EDGE, "near the edge"))


def marble_figure(run: marble.Run) -> Figure:
    """The marble's path on the pane seen from above, and its distance from the centre by round.

    The centre is the closest place; rings mark the close, middle and edge zones. The
    start and the marble's last position carry their own symbols and words. Two panels, one
    above the other (side by side they were too narrow on a phone): the pane on axes x/y, the
    distance on axes x2/y2. Each panel says what it is in its axis titles, so nothing is drawn
    where the legend goes; the last position's words point towards the centre and may leave
    the pane, so they are never cut off at its edge.
    """
    edge = marble.EDGE
    span = edge + 1.5
    layout = base.base_layout("The marble on the pane of glass", height=760)
    layout["showlegend"] = True
    layout["xaxis"] = {
        "domain": [0.0, 1.0],
        "anchor": "y",
        "range": [-span, span],
        "showticklabels": False,
        "showgrid": False,
        "zeroline": False,
        "showline": False,
        "title": {"text": "The pane, from above:<br>the centre is closest", "standoff": 4},
    }
    layout["yaxis"] = {
        "domain": [0.5, 1.0],
        "anchor": "x",
        "range": [-span, span],
        "visible": False,
        "scaleanchor": "x",
        "scaleratio": 1,
    }
    layout["xaxis2"] = {
        "domain": [0.0, 1.0],
        "anchor": "y2",
        "title": {"text": "Round"},
        "range": [-0.5, max(run.rounds, marble.ROUNDS) + 0.5],
        "dtick": 2,
    }
    layout["yaxis2"] = {
        "domain": [0.0, 0.34],
        "anchor": "x2",
        "title": {"text": "Distance from the centre<br>(0 = centre, 10 = edge)"},
        "range": [-0.3, edge + 0.5],
        "tickvals": [0, marble.CLOSE, marble.FAR, edge],
    }
    small = {"size": 12, "color": base.MUTED}
    layout["annotations"] = [
        {"text": "centre", "x": 0, "y": -0.9, "xref": "x", "yref": "y", "showarrow": False, "font": small},
    ]
    layout["shapes"] = []
    for radius, word in _BANDS:
        outer = radius == edge
        line = {"color": base.RULE if outer else base.FAINT, "dash": "solid" if outer else "dot"}
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
    # The words sit on the side of the marble that faces the centre, where the pane has room.
    towards_centre = ("top" if ys[-1] < 0 else "bottom") + " " + ("right" if xs[-1] < 0 else "left")
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
        # The start is told by its symbol and the legend: its own words would run into the
        # end's on a small pane when the marble ends near where it began.
        base.trace(
            "scatter",
            x=[xs[0]],
            y=[ys[0]],
            mode="markers",
            name="Start",
            text=["start"],
            marker={"symbol": "circle-open", "size": 16, "color": base.INK, "line": {"width": 2}},
            hovertemplate="start<extra></extra>",
        ),
        base.trace(
            "scatter",
            x=[xs[-1]],
            y=[ys[-1]],
            mode="markers+text",
            name="Fell off the edge" if fell else "Where the marble ends",
            text=[end_word],
            textposition=towards_centre,
            cliponaxis=False,
            marker={
                "symbol": "x" if fell else "circle",
                "size": 20,
                "color": PALETTE[1],
                "line": {"color": base.INK, "width": 1.5},
            },
            hoverinfo="skip",
        ),
    ]
    return fig
