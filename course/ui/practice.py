"""Practise the skills (the optional notebook 05_practice): three skills with feedback, and
the spaced-practice calendar file."""

from __future__ import annotations

import contextlib
import os
import re
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import ipywidgets as W

from .. import ladder, plan, practice, practice_plan
from ..journal import Journal, Record
from ..journal.export import write_private
from . import base
from .controls import Button, CheckboxGroup, DownloadLink, RadioGroup, Select, TextBox


class PracticeWidget(base.Panel):
    """Pick a situation, write your own sentence, and read what works and what to try.

    Nothing is saved until **Save to my journal** is pressed; then the sentence, the situation
    and the feedback are kept as a "practice" record (plain words any journal reader can show)."""

    KIND = practice.KIND
    MODULE = practice.MODULE
    HISTORY = 5

    def __init__(self, skill_id: str, journal: Journal | None = None):
        self.journal = base.journal_or_default(journal)
        self.data = practice.settings()
        self.skill = self.data.skill(skill_id)
        self.result: practice.Feedback | None = None
        self.saved: Record | None = None
        skill = self.skill
        self.scenario = RadioGroup(
            "Situation to practise",
            [(f"{s.who}: {_short(s.text)}", s.id) for s in skill.scenarios],
            value=skill.scenarios[0].id,
            hint=self.data.role_note,
            context=skill.title,
        )
        self.scenario.observe(self._new_scenario, names="value")
        self.situation = base.html()
        self.sentence = base.writing_box(skill.label, rows=3, width="44em")
        self.check_button = base.button("Check my sentence", self._check, "primary", context=skill.title)
        self.feedback = base.status_line()
        self.save = base.button("Save to my journal", self._save, context=f"your practice: {skill.title}")
        self.status = base.status_line()
        self.history = base.html()
        self.binder = base.binder_export(self.journal)
        steps = "".join(f"<li>{base.esc(h)}</li>" for h in skill.how)
        examples = "".join(
            f"<li>“{base.esc(e.sentence)}”<br><i>Why it works:</i> {base.esc(e.why)}</li>"
            for e in skill.examples
        )
        intro = base.html(
            f"<p>{base.esc(skill.about)}</p><ol>{steps}</ol>"
            f"<details><summary>Worked examples: {base.esc(skill.title.lower())}</summary>"
            f"<ul>{examples}</ul></details>"
        )
        note = base.html(
            "<p><small>The feedback comes from simple rules that look for certain words, run on this "
            "computer, and are about the sentence, never about you. A sentence can be kind and "
            "still miss a cue the rules look for; trust your own sense of it too. Nothing is saved "
            "until you press <b>Save to my journal</b>.</small></p>"
        )
        self._new_scenario()
        self._show_history()
        super().__init__(
            [
                *base.locked_notice(self.journal),
                intro,
                self.scenario,
                self.situation,
                self.sentence,
                W.HBox([self.check_button, self.save], layout=W.Layout(flex_flow="row wrap")),
                self.feedback,
                self.status,
                note,
                self.history,
                *([self.binder] if self.binder else []),
            ]
        )

    def _new_scenario(self, _change: dict[str, Any] | None = None) -> None:
        s = self.skill.scenario(self.scenario.value)
        said = f"“{base.esc(s.text)}”" if self.skill.id == "speaker_listener" else base.esc(s.text)
        lead = base.esc(self.skill.lead)
        self.situation.value = base.box(f"<p><b>{base.esc(s.who)}</b> {lead} {said}</p>")

    def check(self) -> practice.Feedback | None:
        """Read the sentence in the box; show the feedback (or what is missing) and return it."""
        try:
            feedback = practice.check(self.skill.id, self.sentence.value, self.scenario.value, self.data)
        except ValueError as exc:
            self.feedback.value = base.status("info", base.esc(str(exc)))
            return None
        self.result = feedback
        self.feedback.value = feedback_html(feedback)
        return feedback

    def _check(self, _: Button | None = None) -> None:
        self.check()

    def _save(self, _: Button | None = None) -> None:
        feedback = self.check()
        if feedback is None:
            self.status.value = base.status(
                "error", "write your sentence first; there is nothing to save yet."
            )
            return
        payload = practice.practice_payload(feedback, self.scenario.value, self.data)
        self.saved = self.journal.add_record(self.KIND, self.MODULE, payload)
        self.status.value = base.status("ok", f"saved to your journal ({base.when(self.saved.created_at)}).")
        self._show_history()
        if self.binder:
            self.binder.refresh()

    def _show_history(self) -> None:
        mine = [
            r for r in self.journal.records(self.KIND, self.MODULE) if r.payload.get("skill") == self.skill.id
        ]
        rows = [
            f"<i>{base.when(r.created_at)}</i>: “{base.esc(str(r.payload.get('sentence', '')))}”"
            for r in mine[-self.HISTORY :]
        ]
        self.history.value = base.history(f"Your saved practice: {base.esc(self.skill.title.lower())}", rows)


def _short(text: str, most: int = 60) -> str:
    """A situation in a few words, for a choice's label."""
    return text if len(text) <= most else text[: most - 1].rsplit(" ", 1)[0] + "…"


_URL = re.compile(r"https://[^\s()<>]+[^\s()<>.,;:!?]")


def linked(text: str) -> str:
    """A message as HTML, with each web address in it (from practice.yaml) made a link."""
    out, at = [], 0
    for m in _URL.finditer(text):
        url = m.group()
        out += [base.esc(text[at : m.start()]), f'<a href="{base.esc(url)}" target="_blank" rel="noopener">']
        out += [base.esc(url), "</a>"]
        at = m.end()
    return "".join([*out, base.esc(text[at:])])


def feedback_html(feedback: practice.Feedback) -> str:
    """The feedback as a framed block: any word about safety first, then what works (✓), what to
    try (→), and an example; or, when the words may mean distress or danger, only the caring
    message."""
    if feedback.distress:
        return base.box("".join(f"<p>{linked(n.text)}</p>" for n in feedback.care))
    parts = [f"<p><b>{base.esc(practice.summary(feedback))}</b></p>"]
    parts += [f"<p>{linked(n.text)}</p>" for n in feedback.care]
    if feedback.works:
        items = "".join(f"<li>✓ {base.esc(n.text)}</li>" for n in feedback.works)
        parts.append(f'<p><b>What works</b></p><ul class="closer-plain">{items}</ul>')
    if feedback.tries:
        items = "".join(f"<li>→ {linked(n.text)}</li>" for n in feedback.tries)
        parts.append(f'<p><b>To try</b></p><ul class="closer-plain">{items}</ul>')
    if feedback.example:
        parts.append(f"<p><b>One way it could be said:</b> “{base.esc(feedback.example)}”</p>")
    return base.box("".join(parts))


# --------------------------------------------------------------------------------------
# The spaced-practice calendar
# --------------------------------------------------------------------------------------

REPEATS = (("Once", 1), ("Twice", 2), ("3 times", 3), ("4 times", 4))


class PracticeCalendar(base.Panel):
    """Dates for practising the steps from the ladder (module 5) and the plan (module 7), as a
    calendar file for the learner's own calendar app. Nothing is sent anywhere."""

    def __init__(self, journal: Journal | None = None, today: date | None = None):
        self.journal = base.journal_or_default(journal)
        self.settings = practice_plan.settings()
        self.today = today or date.today()
        self.result: list[practice_plan.Session] = []
        self.ics = ""
        self.path: Path | None = None
        self.steps = self._saved_steps()
        done = {s.text for s in self.steps if s.done}
        self.choose: CheckboxGroup | None = None
        if self.steps:
            self.choose = CheckboxGroup(
                "Steps to put in your calendar",
                [s.text for s in self.steps],
                hints=[_from(s) for s in self.steps],
                value=[s.text for s in self.steps if s.text not in done],
            )
        self.own = TextBox(
            "Another step to practise (optional)",
            placeholder="e.g. ask my brother a second question about his week",
            max_width="44em",
        )
        self.first_day = TextBox(
            "First day (year-month-day)",
            value=f"{self.today + timedelta(days=1):%Y-%m-%d}",
            hint="For example 2026-12-01. Today or later.",
            max_width="14em",
        )
        spacings = [(s.label, s.days) for s in self.settings.spacings]
        self.spacing = RadioGroup(
            "How often to practise",
            spacings,
            value=next((d for _, d in spacings if d == 3), spacings[0][1]),
            orientation="horizontal",
        )
        self.repeats = Select("Times to practise each step", list(REPEATS), value=2)
        self.at = Select("Time of day", [(f"{t:%H:%M}", t) for t in practice_plan.TIMES], value=time(18, 0))
        alarms = [(a.label, a.minutes) for a in self.settings.alarms]
        self.alarm = Select("Reminder", alarms, value=next((m for _, m in alarms if m == 15), alarms[0][1]))
        self.shows = RadioGroup(
            "What each event in the calendar says",
            [(f"Only “{self.settings.private_summary}”", False), ("The step's own words", True)],
            value=False,
            hint=(
                f"Only “{self.settings.private_summary}” (the default) keeps the course and your steps "
                f"out of the file: the events, their notes, the calendar's name "
                f"(“{self.settings.private_name}”) and the file's name. Choose the step's own words only "
                "if nobody else can see your calendar. Either way, a private copy of the file is kept "
                "in your journal's exports folder on this device, and is deleted with your other "
                "exports."
            ),
        )
        self.make = base.button("Make my calendar file", self._make, "primary")
        self.status = base.status_line()
        self.summary = base.html()
        self.download = DownloadLink(
            label="Download my practice calendar (.ics)",
            mime="text/calendar",
            filename=practice_plan.file_name(private=True, cal_settings=self.settings),
        )
        where = (
            "<p>You have no saved steps yet. Write one below, or add steps to the ladder in module 5 "
            "or to your plan in module 7 and run this cell again.</p>"
            if not self.steps
            else "<p>Your saved steps are listed below, the ladder's easiest first. Untick any you "
            "would rather leave out.</p>"
        )
        intro = base.html(
            "<p>Trying a step once is a start; trying it again a few days later is how it gets easier. "
            "Choose steps, a first day, how often and a time, and the course makes a calendar file. "
            "Open it with your own calendar app (on a phone or a computer) and the reminders come from "
            "there. The file is made on this computer and nothing is sent anywhere.</p>" + where
        )
        super().__init__(
            [
                *base.locked_notice(self.journal),
                intro,
                *([self.choose] if self.choose else []),
                self.own,
                self.first_day,
                self.spacing,
                self.repeats,
                self.at,
                self.alarm,
                self.shows,
                self.make,
                self.status,
                self.summary,
                self.download,
            ]
        )

    def _saved_steps(self) -> list[practice_plan.PracticeStep]:
        ladders = self.journal.records(practice_plan.LADDER_KIND, practice_plan.LADDER_MODULE)
        plans = self.journal.records(plan.KIND, plan.MODULE)
        return practice_plan.candidate_steps(
            ladders[-1].payload if ladders else None, plans[-1].payload if plans else None, ladder.settings()
        )

    def chosen_steps(self) -> list[str]:
        steps = list(self.choose.value) if self.choose else []
        if self.own.value.strip():
            steps.append(practice_plan.clean_step(self.own.value))
        return steps

    def _make(self, _: Button | None = None) -> None:
        try:
            first = practice_plan.parse_day(self.first_day.value, self.today)
            sessions = practice_plan.schedule(
                self.chosen_steps(),
                first,
                self.spacing.value,
                self.at.value,
                self.repeats.value,
                self.settings.max_events,
            )
            alarm = None if self.alarm.value < 0 else self.alarm.value
            ics = practice_plan.calendar_ics(
                sessions, self.settings, show_step=self.shows.value, alarm_minutes=alarm
            )
        except ValueError as exc:
            self.status.value = base.status("error", base.esc(str(exc)))
            return
        self.result, self.ics = sessions, ics
        name = practice_plan.file_name(private=not self.shows.value, cal_settings=self.settings)
        self.download.filename = name
        self.download.content = ics
        saved = ""
        try:
            self.path = _write_export(self.journal, name, ics)
            saved = (
                " A private copy is kept in your journal's exports folder on this device (deleted with "
                f"your other exports): <code>{base.esc(str(self.path.parent))}</code>."
            )
        except OSError:
            self.path = None
        n = len(sessions)
        self.status.value = base.status(
            "ok",
            f"your calendar file is ready: {n} practice time{'s' * (n != 1)}. Download it below and open it "
            f"with your calendar app.{saved}",
        )
        words = base.esc(practice_plan.summary(sessions)).replace("\n", "<br>")
        self.summary.value = f"<p><b>In words:</b><br>{words}</p>"


def _from(step: practice_plan.PracticeStep) -> str:
    if step.source == "ladder":
        return "from your small-steps ladder (module 5)" + ("; done once already" if step.done else "")
    return "from your plan (module 7)"


def _write_export(journal: Journal, name: str, text: str) -> Path:
    """The calendar file in the journal's private exports folder (never the course folder)."""
    folder = journal.folder / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(folder, 0o700)
    return write_private(folder / name, text)
