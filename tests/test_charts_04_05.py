"""Modules 04 and 05's figures: tested on the figures' data, not on pixels."""

from __future__ import annotations

import plotly.graph_objects as go

from course import charts, content, pacing
from course.ladder import make_step

S = content.pacing_settings()
TAX = content.emotions()


def test_pacing_figure_has_two_curves_told_apart_without_colour():
    at = pacing.times(S.months)
    knowing, sharing = pacing.curve(1, 5, S.months), pacing.curve(6, 8, S.months)
    fig = go.Figure(charts.pacing_figure(at, knowing, sharing, S, "ahead"))
    band_top, band, k, s = fig.data
    assert (k.name, s.name) == ("How well you know each other", "How much you share")
    assert list(k.y) == knowing and list(s.y) == sharing and list(k.x) == at
    assert k.line.dash != s.line.dash and k.marker.symbol != s.marker.symbol
    assert band.fill == "tonexty" and "1.5 points" in band.name
    assert band_top.y[0] == knowing[0] + S.tolerance
    assert "▲ closeness runs ahead" in fig.layout.title.text
    assert fig.layout.yaxis.range == (-0.5, 10.5)
    assert "runs ahead" not in go.Figure(charts.pacing_figure(at, knowing, knowing, S)).layout.title.text


def test_sunburst_holds_every_core_and_word_and_marks_choices_with_a_tick():
    fig = go.Figure(charts.emotion_sunburst(TAX, ["wary", "hopeful"]))
    (sun,) = fig.data
    assert len(sun.ids) == len(TAX.cores) + len(TAX.words)
    assert [p for p in sun.parents if p == ""] == [""] * len(TAX.cores)
    ticked = [label for label in sun.labels if label.startswith("✓ ")]
    assert sorted(ticked) == ["✓ hopeful", "✓ wary"]
    i = list(sun.ids).index("scared/wary")
    assert sun.marker.line.width[i] > sun.marker.line.width[0]
    assert sun.customdata[i] == TAX.word("wary").meaning
    assert not any(label.startswith("✓") for label in go.Figure(charts.emotion_sunburst(TAX)).data[0].labels)


def test_sunburst_text_is_readable_on_every_core_colour():
    fig = go.Figure(charts.emotion_sunburst(TAX))
    inks = dict(zip(fig.data[0].ids, fig.data[0].insidetextfont.color, strict=True))
    assert inks["ashamed"] == "#FFFFFF"  # on black
    assert inks["mixed"] == "#000000"  # on yellow
    assert charts._ink("#000000") == "#FFFFFF" and charts._ink("#FFFFFF") == "#000000"


def test_ladder_figure_stacks_rungs_easiest_first_and_marks_done_in_words():
    steps = [make_step("ask for help", 7), make_step("share a worry", 2, done=True), make_step("say no", 5)]
    fig = go.Figure(charts.ladder_figure(steps))
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
    empty = go.Figure(charts.ladder_figure([]))
    assert not empty.data and "Add a step" in empty.layout.annotations[0].text
    fig = go.Figure(charts.ladder_figure([make_step("x" * 60, 3)]))
    label = fig.layout.yaxis.categoryarray[0]
    assert label.endswith("…") and len(label) <= len("Rung 1: ") + 38
