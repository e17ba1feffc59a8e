"""The building charts: checked on the figure's data (loaded into go.Figure, so plotly
validates every property), never on pixels."""

from __future__ import annotations

import plotly.graph_objects as go

from course import vocabulary
from course.charts.base import ink
from course.charts.building import emotion_sunburst, ladder_figure
from course.ladder import make_step

TAX = vocabulary.taxonomy()


def test_sunburst_holds_every_core_and_word_and_marks_choices_with_a_tick():
    fig = go.Figure(emotion_sunburst(TAX, ["wary", "hopeful"]))
    (sun,) = fig.data
    assert len(sun.ids) == len(TAX.cores) + len(TAX.words)
    assert [p for p in sun.parents if p == ""] == [""] * len(TAX.cores)
    ticked = [label for label in sun.labels if label.startswith("✓ ")]
    assert sorted(ticked) == ["✓ hopeful", "✓ wary"]
    i = list(sun.ids).index("scared/wary")
    assert sun.marker.line.width[i] > sun.marker.line.width[0]
    assert sun.customdata[i] == TAX.word("wary").meaning
    assert not any(label.startswith("✓") for label in go.Figure(emotion_sunburst(TAX)).data[0].labels)


def test_sunburst_text_is_readable_on_every_core_colour():
    fig = go.Figure(emotion_sunburst(TAX))
    inks = dict(zip(fig.data[0].ids, fig.data[0].insidetextfont.color, strict=True))
    assert inks["ashamed"] == "#FFFFFF"  # on black
    assert inks["mixed"] == "#000000"  # on yellow
    assert ink("#000000") == "#FFFFFF" and ink("#FFFFFF") == "#000000"


def test_ladder_figure_stacks_rungs_easiest_first_and_marks_done_in_words():
    steps = [make_step("ask for help", 7), make_step("share a worry", 2, done=True), make_step("say no", 5)]
    fig = go.Figure(ladder_figure(steps))
    assert list(fig.layout.yaxis.categoryarray) == [
        "Rung 1: share a worry",
        "Rung 2: say no",
        "Rung 3: ask for help",
    ]
    todo, done = fig.data
    assert (todo.name, done.name) == ("○ to do", "✓ done")
    assert list(todo.y) == ["Rung 2: say no", "Rung 3: ask for help"]
    assert list(todo.x) == [5.5, 7.5] and todo.base == -0.5
    assert list(done.text) == ["✓ done · 2"]
    assert done.marker.pattern.shape == "/" and not todo.marker.pattern.shape


def test_empty_ladder_shows_a_hint_and_long_steps_are_shortened():
    empty = go.Figure(ladder_figure([]))
    assert not empty.data and "Add a step" in empty.layout.annotations[0].text
    fig = go.Figure(ladder_figure([make_step("x" * 60, 3)]))
    label = fig.layout.yaxis.categoryarray[0]
    assert label.endswith("…") and len(label) <= len("Rung 1: ") + 38
