"""Module 5: the emotion explorer, the small-steps ladder and the conversation planner."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import ipywidgets as W

from .. import ladder, planner, vocabulary
from ..charts import building as charts
from ..journal import Journal, Record
from . import base
from .base import live_figure, redraw
from .controls import Button, CheckboxGroup, DownloadLink, RangeInput, TextBox


class EmotionExplorerWidget(base.Panel):
    """A wheel of feeling words; tick the ones that fit right now and save a "name it" entry."""

    KIND = "name_it"
    MODULE = "05_building_intimacy"
    HISTORY = 5

    def __init__(self, journal: Journal | None = None):
        self.journal = base.journal_or_default(journal)
        self.taxonomy = vocabulary.taxonomy()
        self.result: Record | None = None
        self._quiet = False
        self.groups: dict[str, CheckboxGroup] = {}
        for core in self.taxonomy.cores:
            group = CheckboxGroup(
                legend=core.label,
                options=[w.word for w in core.words],
                hints=[w.meaning for w in core.words],
                layout=W.Layout(width="11em", max_width="100%"),
            )
            group.observe(self._ticked, names="value")
            self.groups[core.id] = group
        self.figure = live_figure()  # drawn by self._update() below
        self.words_list = base.html(self._word_list())
        self.chosen = base.status_line()
        self.summary = base.html()
        self.note = base.writing_box(
            "What is going on (optional)",
            "A line about what is behind the feeling, if you like. It goes only into your journal.",
            rows=2,
        )
        self.save = base.button("Save to my journal", self._save, "primary", context="the words you ticked")
        self.status = base.status_line()
        self.history = base.html()
        self.binder = base.binder_export(self.journal)
        intro = base.html(
            "<p>The wheel has core feelings in the middle and finer words around them. Hover over a "
            "word to see what it means, or open the full list below the wheel. Then tick the words that "
            "fit how you feel right now, as many as you like, and save them as a <b>name it</b> entry "
            "in your private journal.</p>"
        )
        self._update()
        self._show_history()
        super().__init__(
            [
                *base.locked_notice(self.journal),
                intro,
                self.figure,
                self.summary,
                self.words_list,
                W.HBox(list(self.groups.values()), layout=W.Layout(flex_flow="row wrap")),
                self.chosen,
                self.note,
                self.save,
                self.status,
                self.history,
                *([self.binder] if self.binder else []),
            ]
        )

    def _word_list(self) -> str:
        cores = "".join(
            f"<li><b>{base.esc(c.label)}</b> ({base.esc(c.about)})<ul>"
            + "".join(f"<li>{base.esc(w.word)}: {base.esc(w.meaning)}</li>" for w in c.words)
            + "</ul></li>"
            for c in self.taxonomy.cores
        )
        summary = "All the words as a list, with their meanings"
        return f"<details><summary>{summary}</summary><ul>{cores}</ul></details>"

    def pick(self, *words: str) -> None:
        """Tick ``words`` (in addition to any already ticked)."""
        chosen = {w.word for w in vocabulary.choose(words, self.taxonomy)}
        with self._one_redraw():
            for group in self.groups.values():
                group.value = [*group.value, *chosen.intersection(group.options)]

    def picked(self) -> tuple[vocabulary.EmotionWord, ...]:
        return vocabulary.choose([w for g in self.groups.values() for w in g.value], self.taxonomy)

    def _ticked(self, _change: dict[str, Any]) -> None:
        if not self._quiet:
            self._update()

    @contextmanager
    def _one_redraw(self) -> Iterator[None]:
        """Change many groups at once with one redraw of the wheel, not one per group."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False
        self._update()

    def _update(self) -> None:
        chosen = self.picked()
        redraw(self.figure, charts.emotion_sunburst(self.taxonomy, [w.word for w in chosen]))
        sentence = base.esc(vocabulary.sentence(chosen, self.taxonomy))
        self.chosen.value = f"<p><b>{sentence}</b></p>"
        cores = ", ".join(c.label for c in self.taxonomy.cores)
        picked = f"Ticked on the wheel: {base.esc(', '.join(w.word for w in chosen))}." if chosen else ""
        self.summary.value = (
            f"<p><b>In words:</b> the wheel has {len(self.taxonomy.cores)} core feelings "
            f"({base.esc(cores)}), "
            "each with finer words around it. All of them are listed with their meanings just below. "
            f"{picked}</p>"
        )

    def _save(self, _: Button | None = None) -> None:
        try:
            payload = vocabulary.name_it_payload(self.picked(), self.note.value, self.taxonomy)
            self.result = self.journal.add_record(self.KIND, self.MODULE, payload)
        except ValueError as exc:
            self.status.value = base.status("error", base.esc(str(exc)))
            return
        with self._one_redraw():
            for group in self.groups.values():
                group.value = []
        self.note.value = ""
        self.status.value = base.status("ok", f"saved to your journal ({base.when(self.result.created_at)}).")
        self._show_history()
        if self.binder:
            self.binder.refresh()

    def _show_history(self) -> None:
        saved = self.journal.records(self.KIND, self.MODULE)[-self.HISTORY :]
        if not saved:
            self.history.value = ""
            return
        items = "".join(
            f"<li><i>{base.when(r.created_at)}</i>: {base.esc(str(r.payload.get('feeling', '')))}"
            + (f"<br>{base.esc(str(r.payload['note']))}" if r.payload.get("note") else "")
            + "</li>"
            for r in reversed(saved)
        )
        head = f"Your latest name-it entries ({len(saved)})"
        self.history.value = f"<details><summary>{head}</summary><ul>{items}</ul></details>"


class SmallStepsLadderWidget(base.Panel):
    """List small steps towards openness, rate how hard each feels, climb from the bottom.

    Each rung's row is kept while its step is on the ladder (only its words change), so the
    focus stays on "Mark done" after pressing it; after "Remove" it goes to the status line
    that says what happened."""

    KIND = "small_steps"
    MODULE = "05_building_intimacy"

    def __init__(self, journal: Journal | None = None):
        self.journal = base.journal_or_default(journal)
        self.settings = ladder.settings()
        saved = self.journal.records(self.KIND, self.MODULE)
        self.result: list[ladder.Step] = (
            ladder.steps_from_payload(saved[-1].payload, self.settings) if saved else []
        )
        self._record_id: int | None = None
        self.text = TextBox("A small step", placeholder="e.g. tell Sam one thing that worried me this week")
        self.hard = RangeInput(
            label="How hard does it feel?", value=3, low_label="easy", high_label="very hard"
        )
        self.add = base.button("Add to my ladder", self._add, "primary")
        self.status = base.status_line()
        self.rows = W.VBox()
        self._rows: dict[str, tuple[W.VBox, W.HTML, Button, Button]] = {}
        self.figure = live_figure(charts.ladder_figure(self.result))
        self.summary = base.html()
        self.binder = base.binder_export(self.journal)
        ideas = "".join(f"<li>{base.esc(e)}</li>" for e in self.settings.examples)
        intro = base.html(
            "<p>Write a few small steps towards more openness with someone who has shown they respond "
            "with care, and say how hard each one feels. The ladder puts the easiest at the bottom: start "
            "there, and mark each step done when you have tried it, however it went. Your ladder is "
            f"saved in your private journal as you go, and holds up to {self.settings.max_steps} steps.</p>"
            f"<details><summary>Need ideas?</summary><ul>{ideas}</ul></details>"
        )
        self._refresh(save=False)
        super().__init__(
            [
                *base.locked_notice(self.journal),
                intro,
                self.text,
                self.hard,
                self.add,
                self.status,
                self.rows,
                self.figure,
                self.summary,
                *([self.binder] if self.binder else []),
            ]
        )

    def _add(self, _: Button | None = None) -> None:
        try:
            step = ladder.make_step(self.text.value, self.hard.value)
            self.result = ladder.add_step(self.result, step, self.settings)
        except ValueError as exc:
            self.status.value = base.status("error", base.esc(str(exc)))
            return
        self.text.value = ""
        self.status.value = base.status("ok", f"“{base.esc(step.text)}” is on your ladder.")
        self._refresh()

    def toggle(self, text: str) -> None:
        """Mark the step done, or not done again."""
        step = next(s for s in self.result if s.text == text)
        self.result = ladder.set_done(self.result, text, not step.done)
        word = "done. Well done for trying it" if not step.done else "not done yet"
        self.status.value = base.status("ok", f"“{base.esc(text)}” marked {word}.")
        self._refresh()

    def remove(self, text: str) -> None:
        self.result = ladder.remove_step(self.result, text)
        self.status.value = base.status("ok", f"“{base.esc(text)}” is off your ladder.")
        self._refresh()
        self.status.focus()  # the row the learner was on is gone

    def _row(self, text: str) -> tuple[W.VBox, W.HTML, Button, Button]:
        """The row for a step, made once and kept while the step is on the ladder."""
        if text not in self._rows:
            label = base.html()
            toggle = base.button("Mark done", lambda _: self.toggle(text))
            remove = base.button("Remove", lambda _: self.remove(text))
            box = W.VBox([label, W.HBox([toggle, remove])], layout=W.Layout(margin="0 0 0.5em 0"))
            self._rows[text] = (box, label, toggle, remove)
        return self._rows[text]

    def _refresh(self, save: bool = True) -> None:
        if save:
            base.save_session_record(self, {"steps": [s.to_dict() for s in self.result]})
        rows = []
        for n, s in reversed(list(enumerate(ladder.ladder(self.result), start=1))):
            mark = "✓ done" if s.done else "○ to do"
            box, label, toggle, remove = self._row(s.text)
            label.value = f"<b>Rung {n}:</b> {base.esc(s.text)} (feels {s.difficulty} of 10; {mark})"
            toggle.description = f"Not done yet: {s.text}" if s.done else f"Mark done: {s.text}"
            remove.description = f"Remove: {s.text}"
            rows.append(box)
        for gone in set(self._rows) - {s.text for s in self.result}:
            del self._rows[gone]
        self.rows.children = rows
        redraw(self.figure, charts.ladder_figure(self.result))
        text = base.esc(ladder.summary(self.result)).replace("\n", "<br>")
        self.summary.value = f"<p><b>In words:</b><br>{text}</p>"


class ConversationPlannerWidget(base.Panel):
    """Plan a hard conversation in four parts; saved to the journal and downloadable."""

    KIND = "conversation_plan"
    MODULE = "05_building_intimacy"

    def __init__(self, journal: Journal | None = None):
        self.journal = base.journal_or_default(journal)
        self.settings = planner.settings()
        saved = self.journal.records(self.KIND, self.MODULE)
        self.result: dict[str, str] = (
            planner.plan_from_payload(saved[-1].payload, self.settings) if saved else {}
        )
        self._record_id: int | None = None
        self.fields: dict[str, W.Widget] = {}
        parts: list[W.Widget] = []
        for f in self.settings.fields:
            # The part's name is the box's label; its prompt is read with it, as a hint.
            area = base.writing_box(
                f.label, value=self.result.get(f.id, ""), rows=3, width="44em", hint=f.prompt
            )
            self.fields[f.id] = area
            parts.append(area)
        self.save = base.button("Save my plan", self._save, "primary", context="for a hard conversation")
        self.status = base.status_line()
        self.download = DownloadLink(
            label="Download my plan (Markdown)", mime="text/markdown", filename="closer-conversation-plan.md"
        )
        self.binder = base.binder_export(self.journal)
        if saved and self.result:
            self.download.content = planner.plan_markdown(self.result, self.settings, saved[-1].created_at)
            self.status.value = base.status(
                "info",
                f"this is the plan you saved on {base.when(saved[-1].created_at)}. Edit it and save again.",
            )
        intro = base.html(
            "<p>Think of a conversation you have been putting off with someone who is safe to disagree "
            "with. Fill in as much as you like; saving keeps the plan in your private journal, and the "
            "download link gives you a copy to keep.</p>"
            + base.notice(f"{base.esc(self.settings.safety_note)} {base.help_links()}")
        )
        super().__init__(
            [
                *base.locked_notice(self.journal),
                intro,
                *parts,
                self.save,
                self.status,
                self.download,
                *([self.binder] if self.binder else []),
            ]
        )

    def _save(self, _: Button | None = None) -> None:
        try:
            plan = planner.make_plan({fid: area.value for fid, area in self.fields.items()}, self.settings)
            self.result = plan
            base.save_session_record(self, {"plan": plan})
        except ValueError as exc:
            self.status.value = base.status("error", base.esc(str(exc)))
            return
        self.download.content = planner.plan_markdown(plan, self.settings, datetime.now().astimezone())
        todo = planner.missing(plan, self.settings)
        more = f" Still to write: {base.esc('; '.join(todo))}." if todo else ""
        self.status.value = base.status(
            "ok", f"your plan is saved in your journal. Download a copy below.{more}"
        )
