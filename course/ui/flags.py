"""Module 4: the pacing chart, the flag sorter and the yellow-flag triage."""

from __future__ import annotations

from typing import ClassVar

import ipywidgets as W

from .. import flags, pacing
from ..charts import pacing as charts
from . import base
from .base import live_figure, redraw
from .controls import RadioGroup, RangeInput


class PacingChartWidget(base.Panel):
    """Shape two curves (knowing, sharing) with sliders; see whether closeness keeps pace."""

    # Examples for the "Try" buttons: (knowing start, knowing pace, sharing start, sharing pace).
    PRESETS: ClassVar[dict[str, tuple[int, int, int, int]]] = {
        "ahead": (0, 3, 6, 8),
        "behind": (2, 7, 0, 1),
        "pace": (1, 5, 1, 5),
    }

    def __init__(self) -> None:
        self.settings = pacing.settings()
        self.at = pacing.times(self.settings.months)
        self.sliders: dict[tuple[str, str], RangeInput] = {}
        groups = []
        for c in self.settings.curves:
            start = RangeInput(
                label=c.start_label, value=c.start, low_label="not at all", high_label="completely"
            )
            pace = RangeInput(
                label=c.pace_label, value=c.pace, low_label="not at all", high_label="very fast"
            )
            self.sliders[(c.id, "start")], self.sliders[(c.id, "pace")] = start, pace
            groups.append(W.VBox([base.html(f"<b>{base.esc(c.label)}</b>"), start, pace]))
        self.verdict = base.status_line()
        self.figure = live_figure()
        self.summary = base.html()
        self.presets = W.HBox(
            [
                base.button(
                    f"Try: {self.settings.verdict(v).label.lower()}",
                    lambda _, v=v: self.preset(v),
                    context="set the sliders to this example",
                )
                for v in ("ahead", "behind", "pace")
            ],
            layout=W.Layout(flex_flow="row wrap"),
        )
        intro = base.html(
            "<p>Picture a relationship in its first year: a new friend, a date, a colleague. Use the "
            "sliders to say where each curve starts and how fast it grows, or try one of the "
            "examples. The chart and the words below it update when you let go of a slider.</p>"
        )
        self._quiet = False
        for slider in self.sliders.values():
            slider.observe(lambda _: self._quiet or self._update(), names="value")
        self._update()
        super().__init__([intro, *groups, self.presets, self.verdict, self.figure, self.summary])

    def preset(self, verdict: str) -> None:
        """Set the sliders to an example that shows ``verdict`` ("ahead", "behind", "pace")."""
        keys = [(c, part) for c in ("knowing", "sharing") for part in ("start", "pace")]
        self._quiet = True
        for key, value in zip(keys, self.PRESETS[verdict], strict=True):
            self.sliders[key].value = value
        self._quiet = False
        self._update()

    def curves(self) -> tuple[list[float], list[float]]:
        knowing, sharing = (
            pacing.curve(
                self.sliders[(c, "start")].value, self.sliders[(c, "pace")].value, self.settings.months
            )
            for c in ("knowing", "sharing")
        )
        return knowing, sharing

    def _update(self) -> None:
        knowing, sharing = self.curves()
        self.result = pacing.assess(knowing, sharing, self.at, self.settings.tolerance)
        verdict = self.settings.verdict(self.result.verdict)
        self.verdict.value = base.box(f"<b>{base.esc(verdict.tag)}.</b> {base.esc(verdict.meaning)}")
        redraw(
            self.figure, charts.pacing_figure(self.at, knowing, sharing, self.settings, self.result.verdict)
        )
        self.summary.value = (
            f"<p><b>In words:</b> {base.esc(pacing.describe(self.result, self.settings))}</p>"
        )


class FlagSorterWidget(base.Panel):
    """One scenario at a time: pick a flag, see the course's reading and why; a summary at the end.

    Scenes about control, pressure or threats (``safety``) start hidden: only the title and a
    content note show until the learner presses "Show scene", so skipping one really spares
    them from reading it.
    """

    def __init__(self) -> None:
        self.settings = flags.settings()
        self.order = flags.sorter_order(self.settings)
        self.index = 0
        self.picks: dict[str, flags.Pick] = {}
        self.revealed: set[str] = set()
        self.result = flags.tally([], self.settings)
        self.where = base.html()
        self.card = base.status_line()
        self.show = base.button(
            "Show scene", lambda _: self.reveal(), tooltip="Show the full text of this scene"
        )
        self.flag_buttons = {
            f.id: base.button(f.tag, lambda _, f=f.id: self.choose(f), tooltip=f.meaning)
            for f in self.settings.flags
        }
        self.skip = base.button(
            "Skip this one", lambda _: self.choose(flags.SKIPPED), tooltip="Skipping is always fine"
        )
        self.feedback = base.status_line()
        self.next = base.button("Next scene →", lambda _: self.step(+1), "primary")
        self.back = base.button("← Previous", lambda _: self.step(-1))
        self.summary = base.html()
        self.restart = base.button("Start again", lambda _: self.reset(), context="sorting the scenes")
        key = " ".join(f"<b>{base.esc(f.tag)}</b>: {base.esc(f.meaning)}<br>" for f in self.settings.flags)
        intro = base.html(
            f"<p>Read each short scene and choose the flag you think fits. Then see how the course "
            f"reads it, and why. There are {len(self.order)} scenes, from friendships, families, dating "
            f"and long relationships. You can skip any of them. A few describe control, pressure "
            "or a threat: those stay hidden behind a content note until you choose to show them."
            f"</p><p>{key}</p>"
        )
        super().__init__(
            [
                intro,
                self.where,
                self.card,
                self.show,
                W.HBox([*self.flag_buttons.values(), self.skip], layout=W.Layout(flex_flow="row wrap")),
                self.feedback,
                W.HBox([self.back, self.next]),
                self.summary,
                self.restart,
            ]
        )
        self.go(0)

    @property
    def scenario(self) -> flags.Scenario:
        return self.order[self.index]

    @property
    def hidden(self) -> bool:
        """Whether the current scene is a safety scene the learner has not chosen to read."""
        return self.scenario.safety and self.scenario.id not in self.revealed

    def go(self, index: int) -> None:
        """Show scenario number ``index`` (0-based), with its feedback if already answered."""
        self.index = max(0, min(index, len(self.order) - 1))
        s = self.scenario
        area = self.settings.area(s.area).label
        self.where.value = f"<p><b>Scene {self.index + 1} of {len(self.order)}</b> · {base.esc(area)}</p>"
        if self.hidden:
            self.card.value = base.box(
                f"<b>{base.esc(s.title)}</b><br><b>Content note:</b> this scene is about "
                f"{base.esc(s.content_note)}. It stays hidden unless you choose to read it: press "
                "<b>Show scene</b> to read it, or <b>Skip this one</b> to move on."
            )
        else:
            self.card.value = base.box(f"<b>{base.esc(s.title)}</b><br>{base.esc(s.text)}")
        self.show.layout.display = None if self.hidden else "none"
        for button in self.flag_buttons.values():
            button.disabled = self.hidden
        done = self.picks.get(s.id)
        self.feedback.value = self._feedback(done) if done else ""
        self.back.disabled = self.index == 0
        self.next.disabled = self.index == len(self.order) - 1

    def step(self, by: int) -> None:
        """Go to the next (+1) or previous (-1) scene; if that button is now disabled (first or
        last scene), the focus moves to the scene itself instead of dropping off the page."""
        self.go(self.index + by)
        end = self.next if by > 0 else self.back
        if end.disabled:
            self.card.focus()

    def reveal(self) -> None:
        """Show the full text of the current scene (for a safety scene, which starts hidden)."""
        self.revealed.add(self.scenario.id)
        self.go(self.index)
        # "Show scene" hides itself: read on from the scene that is now shown.
        self.card.focus()

    def choose(self, flag: str) -> None:
        """Pick ``flag`` ("green", "yellow", "red" or "skipped") for the current scenario."""
        p = flags.pick(self.scenario, flag)
        self.picks[p.scenario] = p
        self.result = flags.tally(self.picks.values(), self.settings)
        if p.skipped and self.index < len(self.order) - 1:
            self.go(self.index + 1)
        else:
            self.feedback.value = self._feedback(p)
        at_end = self.index == len(self.order) - 1 or len(self.picks) == len(self.order)
        if at_end or self.summary.value:
            self._summarise()

    def _feedback(self, p: flags.Pick) -> str:
        s = self.settings.scenario(p.scenario)
        expected = self.settings.flag(s.flag)
        if p.skipped and s.safety and s.id not in self.revealed:
            # The reading would describe the scene the learner chose not to read.
            return base.notice(
                f"Skipped, which is always fine. {base.esc(self.settings.safety_note)} {base.help_links()}"
            )
        if p.skipped:
            head = f"Skipped. The course reads this one as <b>{base.esc(expected.tag)}</b>."
        elif p.matches:
            head = f"You chose <b>{base.esc(expected.tag)}</b>, and the course reads it the same way."
        else:
            mine = self.settings.flag(p.chosen)
            head = (
                f"You chose <b>{base.esc(mine.tag)}</b>. "
                f"The course reads it as <b>{base.esc(expected.tag)}</b>."
            )
        # The flag's own colour marks the edge; the words carry the reading, never the colour alone.
        body = (
            f'<div class="closer-feedback" style="border-left-color:{expected.colour}">'
            f"{head}<br>{base.esc(s.why)}</div>"
        )
        if s.safety:
            body += base.notice(f"{base.esc(self.settings.safety_note)} {base.help_links()}")
        return body

    def _summarise(self) -> None:
        text = base.esc(flags.summary(list(self.picks.values()), self.settings))
        self.summary.value = f"<p><b>Your summary.</b> {text}</p>"

    def reset(self) -> None:
        self.picks = {}
        self.revealed = set()
        self.result = flags.tally([], self.settings)
        self.summary.value = ""
        self.go(0)


class YellowFlagTriageWidget(base.Panel):
    """The three yellow-flag questions lead to keep going, go carefully, or treat it as red."""

    def __init__(self) -> None:
        self.settings = flags.settings()
        self.result: flags.Triage | None = None
        self.questions: dict[str, RadioGroup] = {}
        children: list[W.Widget] = [
            base.html(
                "<p>Think of a moment that left you unsure: an awkward reply, a defensive reaction, "
                "someone who never seems to share back. Answer the three questions about it.</p>"
                + base.notice(
                    "This is for <b>⚠&nbsp;yellow</b> flags only. Disrespect, crossing your boundaries, "
                    "control, threats or harm are <b>✕&nbsp;red flags</b> straight away: no questions "
                    "needed."
                )
            )
        ]
        for n, q in enumerate(self.settings.questions, start=1):
            radio = RadioGroup(f"{n}. {q.question}", [(f"Yes: {q.if_yes}", True), (f"No: {q.if_no}", False)])
            radio.observe(lambda _: self._update(), names="index")
            self.questions[q.id] = radio
            children.append(radio)
        self.outcome = base.status_line()
        self.clear = base.button(
            "Clear my answers", lambda _: self.reset(), context="the three yellow-flag questions"
        )
        super().__init__([*children, self.outcome, self.clear])
        self._update()

    def answer(self, **answers: bool) -> None:
        """Answer by question id, e.g. ``answer(pattern=True, feedback=False, solvable=True)``."""
        for qid, value in answers.items():
            self.questions[qid].value = value

    def reset(self) -> None:
        for radio in self.questions.values():
            radio.index = None
        # Start again from the first question (the button stays, but the answers it follows are gone).
        next(iter(self.questions.values())).focus()

    def _update(self) -> None:
        open_questions = [qid for qid, r in self.questions.items() if r.index is None]
        if open_questions:
            self.result = None
            self.outcome.value = base.status(
                "info",
                f"answer all three questions to see where this leads "
                f"({len(self.questions) - len(open_questions)} of {len(self.questions)} so far).",
            )
            return
        answers = {qid: r.value for qid, r in self.questions.items()}
        self.result = flags.triage(answers)
        outcome = self.settings.outcome(self.result.outcome)
        steps = "".join(
            f"<li>{base.esc(q.question)} <b>{'Yes' if answers[q.id] else 'No'}</b>: "
            f"{base.esc(q.if_yes if answers[q.id] else q.if_no)}</li>"
            for q in self.settings.questions
        )
        body = (
            f"<p style='font-size:1.15em'><b>{base.esc(outcome.tag)}</b></p>"
            f"<p><b>Your answers:</b></p><ul>{steps}</ul>"
            f"<p><b>Why:</b> {base.esc(self.result.reason)}</p>"
            f"<p><b>What to do:</b> {base.esc(outcome.advice)}</p>"
        )
        support = []
        if self.result.outcome == "treat_as_red":
            support.append("If you feel unsafe or afraid, you deserve support.")
        if self.result.not_heard:
            support.append(base.esc(self.settings.not_heard_note))
        if support:
            body += base.notice(f"{' '.join(support)} {base.help_links()}")
        self.outcome.value = base.box(body)
