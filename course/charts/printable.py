"""Charts for the printable workbook, drawn as small inline SVG.

Why not plotly: its static export needs kaleido (and a browser it drives), which the course
does not install and the browser edition cannot run; embedding plotly.js (about 5 MB) would
make a page that is slow to print and hard to keep self-contained. These SVGs are plain text,
scale to the printed page's width (a ``viewBox``, never a fixed width) and carry everything in
words too: a title and a description for screen readers, the values written on the chart, and
bars told apart by fill pattern and lines by dash and marker shape as well as colour.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .base import PALETTE

if TYPE_CHECKING:  # pragma: no cover
    from ..content import Scale
    from ..measure import MeasureSettings, Take

INK, MUTED, GRID = "#1f2d3d", "#4a4a4a", "#c9d3e0"
DASHES = ("", "8 4", "2 4", "10 4 2 4", "14 6", "4 2")
WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 56, 64
LABEL_GAP = 95  # px between the centres of two date labels ("30 Nov 2026" is about 80 px)


@dataclass(frozen=True)
class PrintChart:
    """A chart for the page: its title, the SVG, and the same thing in words."""

    title: str
    svg: str
    words: str


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _frame(title: str, desc: str, body: list[str], defs: str = "") -> str:
    return (
        f'<svg class="wb-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="system-ui, sans-serif" font-size="13">'
        f"<title>{_e(title)}</title><desc>{_e(desc)}</desc>"
        f"<defs>{defs}</defs>" + "".join(body) + "</svg>"
    )


def _y(value: float, low: float, high: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (value - low) / (high - low))


def _grid(low: int, high: int, step: int = 1) -> list[str]:
    out = []
    for v in range(low, high + 1, step):
        y = _y(v, low, high)
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>')
        out.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}">{v}</text>')
    return out


def _legend(names: Sequence[str], swatch: list[str]) -> list[str]:
    """One row per series at the top, each with its swatch (pattern, or dash and marker)."""
    out, x, y = [], LEFT, 4
    for name, mark in zip(names, swatch, strict=True):
        width = 40 + 7 * len(name)
        if x > LEFT and x + width > WIDTH - RIGHT:  # no room left on this row: start another
            x, y = LEFT, y + 20
        out.append(
            f'<g transform="translate({x},{y})">{mark}<text x="30" y="12" fill="{INK}">{_e(name)}</text></g>'
        )
        x += width
    return out


def _wrap(text: str, width: int = 16) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width) or [text]


def bars(
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    low: int,
    high: int,
) -> str:
    """Grouped bars from ``low`` to ``high``, one colour and fill pattern per series, each bar's
    value written above it; a missing value (None) leaves a gap marked with a dash."""
    defs = []
    for i in range(len(series)):
        colour = PALETTE[i % len(PALETTE)]
        lines = "" if i == 0 else f'<path d="M0,8 L8,0" stroke="{INK}" stroke-width="1.2"/>'
        dots = "" if i != 2 else f'<circle cx="4" cy="4" r="1.5" fill="{INK}"/>'
        defs.append(
            f'<pattern id="wb-fill-{i}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f'<rect width="8" height="8" fill="{colour}"/>{lines}{dots}</pattern>'
        )
    body = _grid(low, high)
    plot = WIDTH - LEFT - RIGHT
    slot = plot / max(1, len(categories))
    bar = min(48.0, slot * 0.8 / max(1, len(series)))
    base_y = _y(low, low, high)
    for c, name in enumerate(categories):
        start = LEFT + c * slot + (slot - bar * len(series)) / 2
        for s, (_, values) in enumerate(series):
            value = values[c]
            if value is None:  # too few answers for a score: a gap, and a dash on the axis
                x = start + s * bar
                body.append(
                    f'<text x="{x + (bar - 2) / 2:.1f}" y="{base_y - 4:.1f}" text-anchor="middle" '
                    f'fill="{INK}" font-size="12">–</text>'
                )
                continue
            x, y = start + s * bar, _y(value, low, high)
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar - 2:.1f}" height="{base_y - y:.1f}" '
                f'fill="url(#wb-fill-{s})" stroke="{INK}" stroke-width="0.8"/>'
            )
            body.append(
                f'<text x="{x + (bar - 2) / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" fill="{INK}" '
                f'font-size="12">{value:.1f}</text>'
            )
        for n, line in enumerate(_wrap(name)):
            body.append(
                f'<text x="{LEFT + c * slot + slot / 2:.1f}" y="{base_y + 18 + 15 * n:.1f}" '
                f'text-anchor="middle" fill="{INK}">{_e(line)}</text>'
            )
    swatch = [
        f'<rect width="24" height="14" fill="url(#wb-fill-{i})" stroke="{INK}" stroke-width="0.8"/>'
        for i in range(len(series))
    ]
    body += _legend([n for n, _ in series], swatch)
    desc = "; ".join(
        f"{name}: "
        + ", ".join(
            f"{cat} {'not enough answers' if v is None else f'{v:.1f}'}"
            for cat, v in zip(categories, values, strict=True)
        )
        for name, values in series
    )
    return _frame(title, desc, body, "".join(defs))


MARKERS = ("circle", "square", "diamond", "triangle")


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{colour}" stroke="{INK}"/>'
    if kind == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}" stroke="{INK}"/>'
    if kind == "diamond":
        return (
            f'<path d="M{x:.1f},{y - 5.5:.1f} L{x + 5.5:.1f},{y:.1f} L{x:.1f},{y + 5.5:.1f} '
            f'L{x - 5.5:.1f},{y:.1f} Z" fill="{colour}" stroke="{INK}"/>'
        )
    return (
        f'<path d="M{x:.1f},{y - 5.5:.1f} L{x + 5.5:.1f},{y + 4.5:.1f} L{x - 5.5:.1f},{y + 4.5:.1f} Z" '
        f'fill="{colour}" stroke="{INK}"/>'
    )


def lines(
    title: str,
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    low: int,
    high: int,
    step: int = 1,
) -> str:
    """One line per series over evenly spaced points (``x_labels``, e.g. dates), each with its
    own colour, dash and marker shape; gaps (None) break the line."""
    body = _grid(low, high, step)
    n = len(x_labels)
    pad = 45  # room for half a date label either side of the first and last points
    plot = WIDTH - LEFT - RIGHT - 2 * pad
    xs = [LEFT + pad + (plot * i / (n - 1) if n > 1 else plot / 2) for i in range(n)]
    # Date labels at least LABEL_GAP apart, the last always shown, so they never run into each other.
    every = max(1, -(-(n - 1) * LABEL_GAP // plot)) if n > 1 else 1
    shown = list(range(0, n, every))
    if shown[-1] != n - 1:
        if xs[n - 1] - xs[shown[-1]] < LABEL_GAP:
            shown.pop()
        shown.append(n - 1)
    base_y = _y(low, low, high)
    for i, label in enumerate(x_labels):
        if i in shown:
            body.append(
                f'<text x="{xs[i]:.1f}" y="{base_y + 18:.1f}" text-anchor="middle" '
                f'fill="{INK}">{_e(label)}</text>'
            )
    swatch = []
    for s, (_, values) in enumerate(series):
        colour, dash, shape = PALETTE[s % len(PALETTE)], DASHES[s % len(DASHES)], MARKERS[s % len(MARKERS)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        run: list[str] = []
        for x, v in [*zip(xs, values, strict=True), (0.0, None)]:
            if v is None:
                if len(run) > 1:
                    body.append(
                        f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" '
                        f'stroke-width="2.5"{dash_attr}/>'
                    )
                run = []
            else:
                run.append(f"{x:.1f},{_y(v, low, high):.1f}")
        points = [(x, v) for x, v in zip(xs, values, strict=True) if v is not None]
        body += [_marker(shape, x, _y(v, low, high), colour) for x, v in points]
        swatch.append(
            f'<line x1="0" x2="24" y1="7" y2="7" stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
            + _marker(shape, 12, 7, colour)
        )
    body += _legend([name for name, _ in series], swatch)
    desc = "; ".join(
        f"{name}: "
        + ", ".join(
            f"{lab} {'no answer' if v is None else v}" for lab, v in zip(x_labels, values, strict=True)
        )
        for name, values in series
    )
    return _frame(title, desc, body)


def _local_day(stamp: str) -> str:
    from datetime import datetime

    return datetime.fromisoformat(stamp).astimezone().strftime("%d %b %Y")


def measure_chart(takes: Sequence[Take], settings: MeasureSettings) -> PrintChart | None:
    """The before-and-after check: first and latest as bars, or every answer set as lines."""
    from ..measure import before_and_after, change_in_words

    if not takes:
        return None
    labels = [settings.label_of(k) for k in settings.keys]
    title = "Your before-and-after check"
    if len(takes) >= 3:
        days = [t.at.astimezone().strftime("%d %b %Y") for t in takes]
        series = [(settings.label_of(k), [t.result.score(k) for t in takes]) for k in settings.keys]
        svg = lines(title, days, series, settings.low, settings.high)
    else:
        first, last = before_and_after(list(takes))
        shown = [t for t in (first, last) if t is not None]
        from .measure import take_name

        series = [
            (take_name(t, first=i == 0), [t.result.score(k) for k in settings.keys])
            for i, t in enumerate(shown)
        ]
        svg = bars(title, labels, series, settings.low, settings.high)
    return PrintChart(title, svg, change_in_words(list(takes), settings))


def checkin_chart(checkins: Sequence[dict], scales: Sequence[Scale]) -> PrintChart | None:
    """Check-ins over time (0 to 10), one line per scale."""
    if not checkins:
        return None
    days = [_local_day(c["created_at"]) for c in checkins]
    series = [(s.label, [c["scores"].get(s.id) for c in checkins]) for s in scales]
    title = "Your check-ins over time"
    n, latest = len(checkins), checkins[-1]["scores"]
    words = (
        f"{n} check-in{'s' * (n != 1)}, from {days[0]} to {days[-1]}. Latest: "
        + ", ".join(f"{s.label} {latest[s.id]} of 10" for s in scales if s.id in latest)
        + "."
    )
    return PrintChart(title, lines(title, days, series, 0, 10, step=2), words)


def workbook_charts(snap: dict, settings: MeasureSettings, scales: Sequence[Scale]) -> list[PrintChart]:
    """The charts the printable workbook shows, from a journal snapshot."""
    from ..measure import takes_from_snapshot

    takes = takes_from_snapshot(snap, settings)
    made = [measure_chart(takes, settings), checkin_chart(snap["checkins"], scales)]
    return [c for c in made if c is not None]
