"""Module 6's marble on the pane of glass."""

from __future__ import annotations

import ipywidgets as W

from .. import marble
from ..charts import marble as charts
from . import base
from .base import live_figure, redraw
from .controls import RangeInput, Select

# The effort slider's words follow what the partner does: (label, low end, high end).
_MARBLE_STRENGTH = {
    marble.LEAN_IN: ("{name}'s effort: how much they put in", "nothing", "all they can give"),
    marble.PULL_AWAY: ("How strongly {name} pulls away", "not at all", "as hard as they can"),
}


class MarbleWidget(base.Panel):
    """Two partners tilt a shared pane; the marble's path shows where their closeness goes.

    A story button loads one of the three stories in marble.yaml; every control change
    reruns the (instant) model and redraws. Nothing is saved: it is a thinking tool.
    """

    def __init__(self, story_id: str | None = None):
        self.settings = marble.settings()
        self.story = self.settings.story(story_id) if story_id else self.settings.stories[0]
        self._loading = False
        self.story_buttons = {
            s.id: base.button(f"Story: {s.title}", lambda _, sid=s.id: self.load(sid))
            for s in self.settings.stories
        }
        self.controls: dict[str, tuple[Select, RangeInput, RangeInput]] = {}
        boxes = []
        for key in ("a", "b"):
            stance = Select("x", [(c.label, c.id) for c in self.settings.stances])
            effort = RangeInput(label="x", value=5)
            attention = RangeInput(label="x", value=5, low_label="not noticing", high_label="fully tuned in")
            for control in (stance, effort, attention):
                control.observe(lambda _: self._changed(), names="value")
            self.controls[key] = (stance, effort, attention)
            boxes.append(W.VBox([stance, effort, attention], layout=W.Layout(margin="0 0 0.6em 0")))
        self.story_text = base.html()
        self.figure = live_figure()
        self.summary = base.html()
        self.result: marble.Run | None = None
        intro = base.html(
            "<p>Choose a story to load it, then change anything you like: what each partner does, "
            "how much effort they put in, and how much attention they pay to where the marble is. "
            "The direction the marble rolls means nothing; only its distance from the centre matters. "
            "The numbers are made up to show the idea; they do not measure anyone.</p>"
        )
        super().__init__(
            [
                intro,
                W.HBox(list(self.story_buttons.values()), layout=W.Layout(flex_flow="row wrap")),
                self.story_text,
                *boxes,
                self.figure,
                self.summary,
            ]
        )
        self.load(self.story.id)

    def load(self, story_id: str) -> None:
        """Put a story's settings on the controls and run it."""
        self.story = self.settings.story(story_id)
        self._loading = True
        try:
            for key, side in (("a", self.story.a), ("b", self.story.b)):
                stance, effort, attention = self.controls[key]
                stance.label = f"What {side.name} does"
                stance.value, effort.value, attention.value = side.stance, side.effort, side.attention
        finally:
            self._loading = False
        self.story_text.value = (
            f"<p><b>Story: {base.esc(self.story.title)}.</b> {base.esc(self.story.setup)}</p>"
        )
        self._run()

    def _changed(self) -> None:
        if not self._loading:
            self._run()

    def _partner(self, key: str) -> marble.Partner:
        stance, effort, attention = self.controls[key]
        name = getattr(self.story, key).name
        return marble.make_partner(name, stance.value, effort.value, attention.value)

    def _as_story(self) -> bool:
        """True while the controls still hold the loaded story's settings."""
        return all(
            (stance.value, effort.value, attention.value) == (side.stance, side.effort, side.attention)
            for (stance, effort, attention), side in zip(
                self.controls.values(), (self.story.a, self.story.b), strict=True
            )
        )

    def _run(self) -> None:
        for key, (stance, effort, attention) in self.controls.items():
            name = getattr(self.story, key).name
            label, low, high = _MARBLE_STRENGTH[stance.value]
            effort.label, effort.low_label, effort.high_label = label.format(name=name), low, high
            attention.disabled = stance.value == marble.PULL_AWAY  # pulling away needs no attention
            attention.label = f"{name}'s attention: how well they notice where the marble is" + (
                " (plays no part in pulling away)" if attention.disabled else ""
            )
        self.result = marble.simulate(self._partner("a"), self._partner("b"))
        redraw(self.figure, charts.marble_figure(self.result))
        words = f"<p><b>In words:</b> {base.esc(marble.summary(self.result))}</p>"
        if self._as_story():
            words += f"<p><b>What this story shows:</b> {base.esc(self.story.lesson)}</p>"
        else:
            words += (
                "<p><i>You have changed the story's settings, so the words above describe your "
                "version. Press a story button to go back to it.</i></p>"
            )
        self.summary.value = words
