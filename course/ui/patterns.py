"""Module 3's Avoider and Pursuer self-assessment and the pursue-withdraw simulator."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import ipywidgets as W

from .. import dynamics, scoring
from ..charts import patterns as charts
from ..journal import Journal
from . import base
from .base import live_figure, redraw
from .controls import Button, RadioGroup, RangeInput


class PatternsCheckWidget(base.Panel):
    """Two scales answered 1-7, scored as means, placed on a quadrant chart with earlier results.

    Each statement is one radio group named by the statement (one Tab stop, arrow keys move
    along the scale), and every point carries its words ("2 disagree"), so a screen reader
    never announces a bare number."""

    KIND = "patterns_check"
    MODULE = "03_avoider_and_pursuer"

    def __init__(self, journal: Journal | None = None):
        self.journal = base.journal_or_default(journal)
        self.settings = s = scoring.patterns_settings()
        self.result: scoring.PatternResult | None = None
        self._saved_id: int | None = None
        options = [(f"{v} {s.answers[v - s.low]}", v) for v in range(s.low, s.high + 1)]
        legend = ", ".join(
            f"{v} = {word}" for v, word in zip(range(s.low, s.high + 1), s.answers, strict=True)
        )
        self.answers: dict[str, RadioGroup] = {}
        rows: list[W.Widget] = []
        for n, item in enumerate(s.items, start=1):
            radio = RadioGroup(f"{n}. {item.text}", options, orientation="horizontal")
            radio.observe(self._answered, names="value")
            self.answers[item.id] = radio
            rows.append(radio)
        self.progress = base.html()
        self.show = base.button("See where I sit", self._score, "primary")
        self.save = base.button("Save this result to my journal", self._save, disabled=True)
        self.status = base.status_line()
        self.reading = base.status_line()
        earlier = self._earlier()
        self.figure = live_figure(charts.patterns_figure(None, earlier, s))
        self.summary = base.html(self._words(earlier))
        self.binder = base.binder_export(self.journal)
        intro = base.html(
            f"{base.notice(base.esc(s.note))}<p>Answer each statement for how you are <i>in general</i> with "
            f"people you are close to, or would like to be: {base.esc(legend)}. Go with your first sense; "
            "there are no right answers. Then press <b>See where I sit</b>. Nothing is saved unless "
            "you choose to save it.</p>"
        )
        self._answered()
        super().__init__(
            [
                *base.locked_notice(self.journal),
                intro,
                *rows,
                self.progress,
                W.HBox([self.show, self.save]),
                self.status,
                self.reading,
                self.figure,
                self.summary,
                *([self.binder] if self.binder else []),
            ]
        )

    def _earlier(self) -> list[tuple[datetime, scoring.PatternResult]]:
        out = []
        for record in self.journal.records(self.KIND, self.MODULE):
            result = scoring.result_from_payload(record.payload, self.settings)
            if result is not None and record.id != self._saved_id and record.created_at is not None:
                out.append((record.created_at, result))
        return out

    def _given(self) -> dict[str, int]:
        return {item_id: radio.value for item_id, radio in self.answers.items() if radio.value is not None}

    def _answered(self, change: dict[str, Any] | None = None) -> None:
        done, total = len(self._given()), len(self.answers)
        self.progress.value = f"<p><b>{done} of {total} answered.</b></p>"
        if change is not None and self.result is not None:
            self._score()  # an answer changed after scoring: keep the result in step

    def _score(self, _: Button | None = None) -> None:
        try:
            result = scoring.score_patterns(self._given(), self.settings)
        except ValueError as exc:
            self.status.value = base.status("warn", base.esc(str(exc)))
            return
        changed = result != self.result
        self.result = result
        region = self.settings.region(result.region)
        self.reading.value = (
            '<div class="closer-box">'
            f"<p><b>Where you sit today: {base.esc(region.label)}.</b> {base.esc(region.description)}</p>"
            f"<p>Avoider scale {result.avoider:.1f}, Pursuer scale {result.pursuer:.1f} "
            f"(each from {self.settings.low} to {self.settings.high}; {self.settings.threshold} is the "
            "middle). This is a reflection tool, not a validated test or a diagnosis.</p></div>"
        )
        if changed:
            self._saved_id = None
            self.save.disabled = False
            self.status.value = base.status(
                "info", "here is where your answers place you. Save it if you would like to compare later."
            )
        self._describe()

    def _words(self, earlier: list[tuple[datetime, scoring.PatternResult]]) -> str:
        text = charts.patterns_summary(self.result, earlier, self.settings)
        return f"<p><b>In words:</b> {base.esc(text)}</p>"

    def _describe(self) -> None:
        earlier = self._earlier()
        redraw(self.figure, charts.patterns_figure(self.result, earlier, self.settings))
        self.summary.value = self._words(earlier)

    def _save(self, _: Button | None = None) -> None:
        if self.result is None:
            self.status.value = base.status("warn", "press “See where I sit” first.")
            return
        payload = {
            **self.result.to_dict(),
            "in_words": self.settings.region(self.result.region).label,
        }
        record = self.journal.add_record(self.KIND, self.MODULE, payload)
        self._saved_id = record.id
        self.save.disabled = True
        self.status.value = base.status(
            "ok",
            f"saved to your private journal ({base.when(record.created_at)}). Come back any time to compare.",
        )
        self.status.focus()  # the button the learner pressed is now disabled, and would drop the focus
        self._describe()
        if self.binder:
            self.binder.refresh()


class PursueWithdrawWidget(base.Panel):
    """The pursue-withdraw loop: sliders for both people's sensitivity and for my own change."""

    def __init__(self) -> None:
        self.role = RadioGroup(
            "In this loop I",
            [("mostly reach out (I pursue)", "pursue"), ("mostly step back (I withdraw)", "withdraw")],
            value="pursue",
        )
        self.mine = RangeInput(
            label="How strongly I react to their move",
            value=8,
            low_label="hardly",
            high_label="very strongly",
        )
        self.theirs = RangeInput(
            label="How strongly they react to my move",
            value=8,
            low_label="hardly",
            high_label="very strongly",
        )
        self.change = RangeInput(
            label="What I change in how I respond", value=0, low_label="nothing yet", high_label="a lot"
        )
        self.result: dynamics.LoopRun = self._run()
        self.figure = live_figure(charts.pursue_withdraw_figure(self.result))
        self.summary = base.status_line(self._words())
        for control in (self.role, self.mine, self.theirs, self.change):
            control.observe(lambda _: self._update(), names="value")
        intro = base.html(
            "<p>Two people, one loop. Choose your side, set how strongly each of you reacts to the "
            "other's last move, then try changing your own response. Softening your side might mean "
            "saying what you feel once and then giving space, instead of chasing; or saying “I need "
            "half an hour, then let's talk”, instead of vanishing. This is a toy model to think with, "
            "not a prediction about any real relationship.</p>"
        )
        super().__init__([intro, self.role, self.mine, self.theirs, self.change, self.figure, self.summary])

    def _run(self) -> dynamics.LoopRun:
        return dynamics.pursue_withdraw(
            self.mine.value, self.theirs.value, self.change.value, role=self.role.value
        )

    def _words(self) -> str:
        text = charts.pursue_withdraw_summary(self.result)
        return f"<p><b>In words, what you are seeing:</b> {base.esc(text)}</p>"

    def _update(self) -> None:
        self.result = self._run()
        redraw(self.figure, charts.pursue_withdraw_figure(self.result))
        self.summary.value = self._words()
