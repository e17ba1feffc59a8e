"""The check-in, the reflection prompt and the self-check quiz: used by every module."""

from __future__ import annotations

from typing import Any

import ipywidgets as W

from .. import content
from ..charts import journal as charts
from ..journal import CheckIn, Journal, Reflection
from . import base
from .base import live_figure, redraw
from .controls import Button, RadioGroup, RangeInput


class CheckInWidget(base.Panel):
    """A few 0-10 sliders and a note, saved to the journal, with past check-ins charted."""

    def __init__(self, journal: Journal | None = None):
        self.journal = base.journal_or_default(journal)
        self.scales = content.scales()
        self.result: CheckIn | None = None
        self.sliders = {
            s.id: RangeInput(label=s.question, value=5, low_label=s.low, high_label=s.high)
            for s in self.scales
        }
        self.note = base.writing_box(
            "A note about today (optional)",
            "Anything you want to remember about today. It goes only into your journal.",
            rows=3,
        )
        self.save = base.button("Save check-in", self._save, "primary")
        self.status = base.status_line()
        self.support = base.html()
        past = self.journal.checkins()
        self.figure = live_figure(charts.checkin_figure(past, self.scales))
        self.summary = base.html()
        self.binder = base.binder_export(self.journal)
        self._describe(past)
        intro = base.html(
            "<p>There are no right answers. Move each slider to wherever feels true today, "
            "then save. Doing this now and then lets you see how things shift over the course.</p>"
        )
        super().__init__(
            [
                *base.locked_notice(self.journal),
                intro,
                *self.sliders.values(),
                self.note,
                self.save,
                self.status,
                self.support,
                self.figure,
                self.summary,
                *([self.binder] if self.binder else []),
            ]
        )

    def _describe(self, past: list[CheckIn]) -> None:
        self.summary.value = f"<p><b>In words:</b> {base.esc(charts.checkin_summary(past, self.scales))}</p>"

    def _save(self, _: Button | None = None) -> None:
        scores = {sid: slider.value for sid, slider in self.sliders.items()}
        try:
            self.result = self.journal.add_checkin(scores, self.note.value)
        except ValueError as exc:
            self.status.value = base.status("error", base.esc(str(exc)))
            return
        self.note.value = ""
        self.status.value = base.status("ok", f"check-in saved ({base.when(self.result.created_at)}).")
        self.support.value = self._support_message(scores)
        past = self.journal.checkins()
        redraw(self.figure, charts.checkin_figure(past, self.scales))
        self._describe(past)
        if self.binder:
            self.binder.refresh()

    @staticmethod
    def _support_message(scores: dict[str, int]) -> str:
        if sum(scores.values()) / len(scores) > 2:
            return ""
        info = content.help_info()
        links = " or ".join(
            f'<a href="{base.esc(f.url)}" target="_blank" rel="noopener">{base.esc(f.name)}</a>'
            for f in info.finders
        )
        return base.notice(
            "Things sound hard right now. You do not have to carry them alone: a friend, "
            f"a doctor or a helpline can listen. {links} can find a free, confidential "
            f"line near you. {base.esc(info.emergency)}"
        )


class ReflectionWidget(base.Panel):
    """A prompt, a text area and a save button. Every save is kept; drafts survive closing.

    The prompt is the text area's label (with its hint read after it), so a screen reader names
    each box by its own question, not three boxes all called "Your reflection"."""

    def __init__(
        self,
        module_id: str,
        prompt_id: str,
        journal: Journal | None = None,
        prompt: content.Prompt | None = None,
    ):
        self.journal = base.journal_or_default(journal)
        # A widget may pass its own prompt (module 2's roots reflection builds them from data).
        self.prompt = prompt if prompt is not None else content.prompt(module_id, prompt_id)
        self.draft_key = f"reflection:{module_id}:{prompt_id}"
        self.result: Reflection | None = None
        self.text = base.writing_box(
            self.prompt.text,
            "Write here, then press Save. It goes only into your private journal, not into what you hand in.",
            rows=6,
            width="46em",
            hint=self.prompt.hint,
        )
        self.drafts = base.html()
        self.save = base.button(
            "Save to my journal", self._save, "primary", context=f"your reflection on “{self.prompt.text}”"
        )
        self.status = base.status_line()
        self.history = base.html()
        self.binder = base.binder_export(self.journal)
        self._restore_draft()
        self.text.observe(self._keep_draft, names="value")
        self._say_drafts(self.journal.keep_drafts)
        self._show_history()
        extra = [self.binder] if self.binder else []
        super().__init__(
            [
                *base.locked_notice(self.journal),
                self.text,
                self.drafts,
                self.save,
                self.status,
                self.history,
                *extra,
            ]
        )

    @property
    def question(self) -> str:
        """The prompt, as the learner reads it above the box."""
        return self.text.label

    def _saved(self) -> list[Reflection]:
        return self.journal.reflections(self.prompt.module, self.prompt.id)

    def _restore_draft(self) -> None:
        draft = self.journal.draft(self.draft_key)
        if draft is None:
            return
        saved = self._saved()
        if saved and saved[-1].created_at >= draft.updated_at:
            return
        self.text.value = draft.text
        self.status.value = base.status(
            "info", f"restored what you were writing on {base.when(draft.updated_at)}. It is not saved yet."
        )

    def _keep_draft(self, change: dict[str, Any]) -> None:
        try:
            kept = self.journal.save_draft(self.draft_key, change["new"])
        except ValueError as exc:
            self.status.value = base.status("warn", base.esc(str(exc)))
            return
        self._say_drafts(kept or not change["new"].strip())

    def _say_drafts(self, kept: bool) -> None:
        """Say, under the box, whether unsaved writing survives closing the page."""
        words = (
            "Drafts are on: what you type is kept until you save it."
            if kept
            else "Drafts are off: what you type is kept only when you press Save. "
            "You can turn drafts on in the journal panel (module 0)."
        )
        self.drafts.value = f'<p style="margin:0.2em 0;font-size:0.9em">{words}</p>'

    def _save(self, _: Button | None = None) -> None:
        try:
            self.result = self.journal.add_reflection(
                self.prompt.module, self.prompt.id, self.prompt.text, self.text.value
            )
        except ValueError as exc:
            self.status.value = base.status("error", base.esc(str(exc)))
            return
        self.journal.clear_draft(self.draft_key)
        self.text.value = ""
        self.status.value = base.status(
            "ok", f"your reflection is in your journal ({base.when(self.result.created_at)})."
        )
        self._show_history()
        if self.binder:
            self.binder.refresh()

    def _show_history(self) -> None:
        saved = self._saved()
        if not saved:
            self.history.value = ""
            return
        items = "".join(
            f"<li><i>{base.when(r.created_at)}</i><br>{base.esc(r.text).replace(chr(10), '<br>')}</li>"
            for r in reversed(saved)
        )
        self.history.value = (
            f"<details><summary>What you have saved for this prompt ({len(saved)})</summary>"
            f"<ul>{items}</ul></details>"
        )


class QuizWidget(base.Panel):
    """Multiple-choice questions with an explanation for whichever option is picked.

    Each question is one radio group named by the question itself (one Tab stop; arrow keys
    choose), and its explanation appears in a status line just under it."""

    def __init__(self, module_id: str):
        self.questions = content.quiz(module_id)
        self.result: dict[str, dict[str, Any]] = {}
        self.choices: list[RadioGroup] = []
        self.feedback: list[W.Widget] = []
        self.score = base.html()
        children: list[W.Widget] = []
        for n, q in enumerate(self.questions, start=1):
            radio = RadioGroup(f"{n}. {q.question}", [o.text for o in q.options])
            note = base.status_line()
            radio.observe(lambda change, i=n - 1: self._answer(i, change["new"]), names="index")
            self.choices.append(radio)
            self.feedback.append(note)
            children += [radio, note]
        self._tally()
        super().__init__([*children, self.score])

    def _answer(self, i: int, index: int | None) -> None:
        if index is None:
            return
        q = self.questions[i]
        option = q.options[index]
        self.result[q.id] = {"chosen": index, "correct": option.correct}
        if option.correct:
            head = '<b class="closer-right">✓ Right.</b>'
        else:
            head = '<b class="closer-wrong">✗ Not quite.</b>'
        self.feedback[i].value = f'<p class="closer-feedback">{head} {base.esc(option.explanation)}</p>'

        self._tally()

    def _tally(self) -> None:
        answered = len(self.result)
        right = sum(r["correct"] for r in self.result.values())
        total = len(self.questions)
        note = " Try another option any time: each one explains itself." if answered else ""
        self.score.value = f"<p><b>{answered} of {total} answered, {right} right so far.</b>{note}</p>"
