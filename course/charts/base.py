"""What every chart shares: the palette, the template, the config and small builders."""

from __future__ import annotations

from datetime import datetime
from typing import Any

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


FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 14}


LINES = {"gridcolor": "#E4E9F2", "linecolor": "#C9D3E0", "ticks": ""}


GRID = {**LINES, "zerolinecolor": "#C9D3E0"}


# The course's own small template. plotly's "plotly_white" looks much the same but is large:
# plotly copies and validates it for every figure, and it travels with every redraw (6.6 kB
# against a few hundred bytes), which `make bench` showed in notebook and slider timings.
TEMPLATE: dict[str, Any] = {
    "layout": {
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "font": {"color": "#1f2d3d"},
        "colorway": list(PALETTE),
        "hoverlabel": {"align": "left"},
        "xaxis": {**GRID, "automargin": True},
        "yaxis": {**GRID, "automargin": True},
        "polar": {"bgcolor": "white", "angularaxis": LINES, "radialaxis": LINES},
    }
}


Figure = dict[str, Any]


"""A plotly figure as JSON: ``{"data": [trace, ...], "layout": {...}}``."""


def figure(layout: dict[str, Any]) -> Figure:
    return {"data": [], "layout": layout}


def trace(kind: str, **props: Any) -> dict[str, Any]:
    """One trace; ``kind`` is plotly's trace type ("scatter", "bar", ...)."""
    return {"type": kind, **props}


def annotate(fig: Figure, **note: Any) -> None:
    fig["layout"].setdefault("annotations", []).append(note)


def base_layout(title: str, height: int = 400) -> dict[str, Any]:
    return {
        "title": {"text": title, "x": 0.02, "xanchor": "left"},
        "template": TEMPLATE,
        "font": FONT,
        "height": height,
        "margin": {"l": 60, "r": 30, "t": 60, "b": 60},
        "legend": {"orientation": "h", "y": -0.2},
    }


def empty(fig: Figure, message: str) -> Figure:
    annotate(fig, text=message, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5, font={"size": 16})
    return fig


def day(moment: datetime) -> str:
    return moment.astimezone().strftime("%d %b %Y")


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def ink(colour: str) -> str:
    """Black or white text, whichever reads better on ``colour`` (WCAG relative luminance)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if luminance > 0.179 else "#FFFFFF"


def short(text: str, limit: int = 38) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
