"""Module 2's signs check and roots reflection."""

from __future__ import annotations

import ipywidgets as W

from .. import content, fear
from ..journal import Journal, Reflection
from . import base
from .controls import Button, CheckboxGroup, RadioGroup
from .reflection import ReflectionWidget


class SignsCheckWidget(base.Panel):
    """The seven common signs as a checklist, read back gently. Never a score or a label.

    One group of native checkboxes under a legend: each label wraps on a phone instead of being
    cut off, and the group is named for screen readers."""

    KIND = "signs_check"
    MODULE = "02_fear_of_intimacy"

    def __init__(self, journal: Journal | None = None):
        self.journal = base.journal_or_default(journal)
        self.settings = fear.settings()
        self.signs = CheckboxGroup(
            legend="Which of these sound like you most of the time?",
            options=[sign.label for sign in self.settings.signs],
        )
        self._ids = {sign.label: sign.id for sign in self.settings.signs}
        self.signs.observe(lambda _: self._read(), names="value")
        self.reading = base.status_line()
        self.save = base.button("Save to my journal", self._save, context="the signs you ticked")
        self.status = base.status_line()
        self.history = base.html()
        self.binder = base.binder_export(self.journal)
        intro = base.html(
            "<p>Tick any statement that sounds like you <i>most of the time</i>, with friends, "
            "family or partners. Leave the rest. A reading appears below as you tick. Nothing is "
            "saved unless you press <b>Save to my journal</b>.</p>"
            + base.notice(base.esc(self.settings.note))
        )
        self._read()
        self._show_history()
        super().__init__(
            [
                *base.locked_notice(self.journal),
                intro,
                self.signs,
                self.reading,
                self.save,
                self.status,
                self.history,
                *([self.binder] if self.binder else []),
            ]
        )

    def _read(self) -> None:
        ticked = [self._ids[label] for label in self.signs.value]
        self.result: fear.SignsReading = fear.read_signs(ticked, self.settings)
        r = self.result
        body = f"<p>{base.esc(r.text)}</p>"
        if r.signs:
            items = "".join(
                f"<li><b>{base.esc(sign.label)}.</b> {base.esc(sign.meaning)}<br><i>A small step:</i> "
                f"{base.esc(sign.step)}</li>"
                for sign in r.signs
            )
            body += f"<p><b>{base.esc(r.opening)}</b></p><ul>{items}</ul>"
        self.reading.value = f'<div class="closer-box"><p><b>A gentle reading</b></p>{body}</div>'

    def tick(self, *sign_ids: str) -> None:
        """Tick exactly these signs (by id), as a learner's clicks would."""
        labels = {sign.id: sign.label for sign in self.settings.signs}
        self.signs.value = [labels[i] for i in sign_ids]

    def _save(self, _: Button | None = None) -> None:
        labels = [sign.label for sign in self.result.signs]
        record = self.journal.add_record(
            self.KIND, self.MODULE, {"signs_recognised": labels or ["none of the seven, this time"]}
        )
        self.status.value = base.status(
            "ok", f"saved to your private journal ({base.when(record.created_at)})."
        )
        self._show_history()
        if self.binder:
            self.binder.refresh()

    def _show_history(self) -> None:
        rows = []
        for record in self.journal.records(self.KIND, self.MODULE):
            labels = record.payload.get("signs_recognised", [])
            words = "; ".join(str(label) for label in labels) if isinstance(labels, list) else ""
            rows.append(f"<i>{base.when(record.created_at)}</i>: {base.esc(words)}")
        self.history.value = base.history("What you have saved before", rows)


class RootsReflectionWidget(base.Panel):
    """Guided prompts about where a fear of closeness may come from, saved to the journal.

    The learner picks one area; each has a prompt and a few guiding questions. Every
    area is an ordinary journal reflection (prompt id ``roots_<area>``), with drafts kept.
    """

    MODULE = "02_fear_of_intimacy"

    def __init__(self, journal: Journal | None = None):
        self.journal = base.journal_or_default(journal)
        self.settings = fear.settings()
        self.area = RadioGroup(
            "Area to explore",
            [(a.label, a.id) for a in self.settings.roots],
            value=self.settings.roots[0].id,
        )
        self.guide = base.html()
        self.holder = W.VBox()
        self._reflections: dict[str, ReflectionWidget] = {}
        intro = base.html(
            "<p>Choose one area to think about. You do not have to write about anything painful, "
            "and you can stop at any time. What you write goes only into your private journal.</p>"
        )
        self._show(self.area.value)
        self.area.observe(lambda change: self._show(change["new"]), names="value")
        super().__init__([intro, self.area, self.guide, self.holder])

    def prompt_for(self, area: fear.RootArea) -> content.Prompt:
        return content.Prompt(module=self.MODULE, id=f"roots_{area.id}", text=area.prompt, hint=area.hint)

    def _show(self, area_id: str) -> None:
        area = self.settings.root(area_id)
        if area_id not in self._reflections:
            prompt = self.prompt_for(area)
            self._reflections[area_id] = ReflectionWidget(self.MODULE, prompt.id, self.journal, prompt=prompt)
        self.current = self._reflections[area_id]
        note = base.notice(base.esc(area.note)) if area.note else ""
        questions = "".join(f"<li>{base.esc(q)}</li>" for q in area.questions)
        self.guide.value = (
            f"{note}<p>Questions that may help with the prompt below (answer any, all or none):</p>"
            f"<ul>{questions}</ul>"
        )
        self.holder.children = [self.current]

    @property
    def result(self) -> Reflection | None:
        """The reflection saved last for the area on screen, if any."""
        return self.current.result
