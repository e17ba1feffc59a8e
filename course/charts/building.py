"""Module 5: the emotion wheel and the small-steps ladder."""

from __future__ import annotations

from collections.abc import Iterable

from ..ladder import Step, ladder
from ..vocabulary import Taxonomy
from . import base
from .base import PALETTE, Figure


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
        inks.append(base.ink(core.colour))
        outlines.append(1)
        hover.append(core.about)
        for w in core.words:
            mine = w.word in picked
            ids.append(f"{core.id}/{w.word}")
            labels.append(f"✓ {w.word}" if mine else w.word)
            parents.append(core.id)
            colours.append(core.colour)
            inks.append(base.ink(core.colour))
            outlines.append(4 if mine else 1)
            hover.append(w.meaning)
    layout = base.base_layout("Words for feelings: core feelings in the middle", height=560)
    layout["margin"] = {"l": 10, "r": 10, "t": 50, "b": 10}
    fig = base.figure(layout)
    fig["data"].append(
        base.trace(
            "sunburst",
            ids=ids,
            labels=labels,
            parents=parents,
            customdata=hover,
            hovertemplate="<b>%{label}</b><br>%{customdata}<extra></extra>",
            marker={"colors": colours, "line": {"color": base.PAGE, "width": outlines}},
            # full colour, so the words keep the ink chosen for it (plotly fades outer rings)
            leaf={"opacity": 1},
            insidetextfont={"color": inks},
            insidetextorientation="radial",
        )
    )
    # On a phone-sized wheel, a word too small to read is left out rather than shrunk to a
    # smudge; every word is in the list below the wheel.
    layout["uniformtext"] = {"minsize": 11, "mode": "hide"}
    return fig


def ladder_figure(steps: Iterable[Step]) -> Figure:
    """The ladder: one rung per step, easiest at the bottom; bar length is how hard it feels.

    Done and not-done rungs differ by colour, fill pattern and the words on the bar.
    """
    rungs = ladder(steps)
    layout = base.base_layout(
        "Your ladder: easiest step at the bottom", height=max(320, 140 + 48 * len(rungs))
    )
    # Room on the right for the words beside the longest bar.
    layout["xaxis"] = {
        "range": [-0.5, 13],
        "tickvals": list(range(11)),
        "title": {"text": "How hard it feels (0 to 10)"},
    }
    names = [f"Rung {n}: {base.short(s.text)}" for n, s in enumerate(rungs, start=1)]
    layout["yaxis"] = {"categoryorder": "array", "categoryarray": names, "automargin": True}
    base.wrapped_ticks(layout["yaxis"], names)
    layout["barmode"] = "overlay"
    fig = base.figure(layout)
    if not rungs:
        layout["yaxis"].update(showticklabels=False, showgrid=False, zeroline=False)
        return base.empty(fig, "Add a step to start your ladder.")
    groups = (
        (False, "○ to do", PALETTE[0], ""),
        (True, "✓ done", PALETTE[2], "/"),
    )
    for done, word, colour, pattern in groups:
        mine = [(name, s) for name, s in zip(names, rungs, strict=True) if s.done is done]
        if not mine:
            continue
        fig["data"].append(
            base.trace(
                "bar",
                orientation="h",
                y=[name for name, _ in mine],
                x=[s.difficulty + 0.5 for _, s in mine],
                base=-0.5,
                name=word,
                text=[f"{word} · {s.difficulty}" for _, s in mine],
                textposition="outside",
                cliponaxis=False,
                textfont={"color": base.INK},  # beside the bar, on the page
                marker={
                    "color": colour,
                    "pattern": {"shape": pattern, "fgcolor": "#1a1a1a", "bgcolor": colour, "solidity": 0.15},
                    "line": {"color": base.INK, "width": 1},
                },
                customdata=[[s.text, s.difficulty] for _, s in mine],
                hovertemplate="%{customdata[0]}<br>feels %{customdata[1]} of 10<extra>" + word + "</extra>",
            )
        )
    return fig
