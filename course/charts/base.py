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
    # One button, "save as an image": zooming and panning a small chart only gets learners lost,
    # and every mode-bar button is another Tab stop for keyboard users.
    "modeBarButtons": [["toImage"]],
    "responsive": True,
}


FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 14}


# Colours with a role, as light-theme values. In a dark JupyterLab the page swaps each for its
# dark value (see ``course/ui/controls.py``, PlotlyChart), so builders use these, never a
# literal, for text on the page, rules and backgrounds. Colours of data (PALETTE) and text on a
# filled shape (``ink``) never change with the theme, so no role may share their values.
ROLES: dict[str, str] = {
    "ink": "#1f2d3d",  # text and outlines on the page
    "muted": "#4a4a4a",  # small notes on the page
    "rule": "#555555",  # guide lines
    "faint": "#999999",  # secondary guide lines
    "page": "white",  # shapes that should look like the background
    "veil": "rgba(255, 255, 255, 0.85)",  # behind labels drawn over data
    "surface": "#F4F4F4",  # an empty, not-yet-filled bar
    "grid": "#E4E9F2",
    "axis": "#C9D3E0",
}
DARK_ROLES: dict[str, str] = {
    "ink": "#e6e9ee",
    "muted": "#c8c8c8",
    "rule": "#b0b0b0",
    "faint": "#7a7a7a",
    "page": "#111111",
    "veil": "rgba(17, 17, 17, 0.85)",
    "surface": "#3a3a3a",
    "grid": "#3a3f47",
    "axis": "#5b6470",
}
INK, MUTED, RULE, FAINT, PAGE, VEIL, SURFACE = (
    ROLES[r] for r in ("ink", "muted", "rule", "faint", "page", "veil", "surface")
)


def _template(c: dict[str, str]) -> dict[str, Any]:
    lines = {"gridcolor": c["grid"], "linecolor": c["axis"], "ticks": ""}
    grid = {**lines, "zerolinecolor": c["axis"]}
    return {
        "layout": {
            # transparent: the chart sits on whatever the notebook's background is
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)",
            "font": {"color": c["ink"]},
            "colorway": list(PALETTE),
            "hoverlabel": {"align": "left"},
            "xaxis": {**grid, "automargin": True},
            "yaxis": {**grid, "automargin": True},
            "polar": {"bgcolor": "rgba(0,0,0,0)", "angularaxis": lines, "radialaxis": lines},
            # plotly derives the mode bar's colours from the (here transparent) paper: set them
            "modebar": {"bgcolor": c["veil"], "color": c["muted"], "activecolor": c["ink"]},
        }
    }


# The course's own small template. plotly's "plotly_white" looks much the same but is large:
# plotly copies and validates it for every figure, and it travels with every redraw (6.6 kB
# against a few hundred bytes), which `make bench` showed in notebook and slider timings.
TEMPLATE: dict[str, Any] = _template(ROLES)
DARK_TEMPLATE: dict[str, Any] = _template(DARK_ROLES)


def dark_theme() -> dict[str, Any]:
    """What the page needs to show any course chart in a dark theme: the template, and each
    role colour's dark value (keyed by its light value)."""
    return {"template": DARK_TEMPLATE, "colours": {ROLES[r]: DARK_ROLES[r] for r in ROLES}}


Figure = dict[str, Any]


"""A plotly figure as JSON: ``{"data": [trace, ...], "layout": {...}}``."""


def figure(layout: dict[str, Any]) -> Figure:
    return {"data": [], "layout": layout}


def trace(kind: str, **props: Any) -> dict[str, Any]:
    """One trace; ``kind`` is plotly's trace type ("scatter", "bar", ...)."""
    return {"type": kind, **props}


def annotate(fig: Figure, **note: Any) -> None:
    fig["layout"].setdefault("annotations", []).append(note)


LEGEND: dict[str, Any] = {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"}


def base_layout(title: str, height: int = 400) -> dict[str, Any]:
    return {
        "title": {"text": title, "x": 0.02, "xanchor": "left"},
        "template": TEMPLATE,
        "font": FONT,
        "height": height,
        # The page shows the title as text above the chart (ChartView); the legend sits above the
        # plot, where nothing else is, so it can never cover an axis title (plotly makes room for it).
        "margin": {"l": 60, "r": 30, "t": 50, "b": 60},
        "legend": LEGEND,
    }


def lines(text: str, width: int = 28) -> str:
    """Text broken into lines of about ``width`` characters: plotly never wraps a title or a
    note, and on a phone a long one runs off the chart."""
    import textwrap

    return "<br>".join(textwrap.wrap(text, width)) or text


def empty(fig: Figure, message: str, width: int = 28, **note: Any) -> Figure:
    """``fig`` with ``message`` in the middle of the plot, in lines of ``width`` characters
    (``note`` may move or frame it)."""
    where = {"showarrow": False, "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5, "font": {"size": 14}}
    annotate(fig, text=lines(message, width), **{**where, **note})
    return fig


def wrapped_ticks(axis: dict[str, Any], names: list[str], width: int = 22) -> None:
    """Show long category names on ``axis`` broken into lines (the categories keep their names),
    so a phone-wide chart has room for them beside the plot."""
    axis.update(tickmode="array", tickvals=list(names), ticktext=[lines(n, width) for n in names])


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
