"""Partner mode: each person chooses what to share, sees it, and makes a code; both together on
one chart, the loop their patterns tend to make, and one guided conversation taking turns."""

from __future__ import annotations

from typing import Any

import ipywidgets as W

from .. import content, partner, scoring
from ..charts import patterns as charts
from ..journal import Journal, JournalLocked
from . import base
from .base import live_figure, redraw
from .controls import (
    Button,
    CheckboxGroup,
    DownloadLink,
    FileInput,
    RadioGroup,
    RangeInput,
    Select,
    TextArea,
    TextBox,
)

PAUSE = "Pause (either of us can)"
NOT_GIVEN = ""  # a score drop-down's first choice: nothing filled in
SCORES = "scores"  # the two scores are offered as one choice: the chart needs both


def _hidden(box: W.Box, hidden: bool) -> None:
    box.layout.display = "none" if hidden else None


def _score_options(scale_id: str) -> list[tuple[str, Any]]:
    """Every score the self-assessment can give, written as module 3 shows it (one decimal)."""
    means = partner.possible_means(scale_id)
    short = [f"{m:.1f}" for m in means]
    labels = short if len(set(short)) == len(short) else [f"{m:.2f}" for m in means]
    return [("not filled in", NOT_GIVEN), *zip(labels, means, strict=True)]


class PersonPart(W.VBox):
    """One person's part: a name, the two scores, the check-in, and what they choose to share.

    ``who`` is "My" for the learner at the keyboard and "Their" for the other person on the same
    screen, so every control on the page has a name of its own."""

    def __init__(self, who: str) -> None:
        self.who = who
        patterns = scoring.patterns_settings()
        self.fields = partner.shareable_fields()
        pronoun = "your" if who == "My" else "their"
        self.name = TextBox(
            f"{who} first name or nickname (optional)",
            hint=f"Shared only if ticked below; up to {partner.MAX_NAME_CHARS} characters.",
        )
        self.scores = {
            s: Select(f"{who} {patterns.scale(s).label} score, as module 3 showed it", _score_options(s))
            for s in partner.PATTERN_FIELDS
        }
        self.checkin = {
            s.id: RangeInput(
                label=f"{who} check-in, {s.label}: {s.question}", value=5, low_label=s.low, high_label=s.high
            )
            for s in content.scales()
        }
        # The choices, in the order shown: the scores first (the chart needs both), then the rest.
        self.choices: dict[str, tuple[str, ...]] = {
            f"{who} Avoider and Pursuer scores": partner.PATTERN_FIELDS,
            **{f.label.replace("My ", f"{who} ", 1): (f.id,) for f in self.fields if f.id == "name"},
            **{
                f.label.replace("My ", f"{who} ", 1): (f.id,)
                for f in self.fields
                if f.id.startswith(partner.CHECKIN_PREFIX)
            },
        }
        self.choose = CheckboxGroup(
            f"What {'I' if who == 'My' else 'they'} choose to share",
            list(self.choices),
        )
        scales_note = base.html(
            f"<p>Pick {pronoun} two scores from module 3's self-assessment (it shows them as "
            "“Avoider scale 4.6, Pursuer scale 3.2”). Nobody has to take it to use this: share only "
            "what you want to.</p>"
        )
        # At the keyboard's own part, what sharing a check-in can mean (it was about everyone).
        misread = f" {base.esc(partner.settings().checkin_note)}" if who == "My" else ""
        checkin_note = base.html(
            f"<p>The closeness check is optional: the same four 0 to 10 scales as module 0's check-in, for "
            f"how {pronoun} day feels. It goes nowhere unless ticked below.{misread}</p>"
        )
        super().__init__(
            [self.name, scales_note, *self.scores.values(), checkin_note, *self.checkin.values(), self.choose]
        )

    def chosen(self) -> list[str]:
        return [field for label in self.choose.value for field in self.choices[label]]

    def available(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            s: (None if w.value == NOT_GIVEN else w.value) for s, w in self.scores.items()
        }
        values["name"] = self.name.value.strip() or None
        values.update({partner.CHECKIN_PREFIX + s: w.value for s, w in self.checkin.items()})
        return values

    def share(self) -> partner.Share:
        return partner.make_share(self.chosen(), self.available())

    def fill(self, result: scoring.PatternResult | None, checkin: dict[str, int] | None) -> None:
        if result is not None:
            for s, value in (("avoider", result.avoider), ("pursuer", result.pursuer)):
                self.scores[s].value = partner.nearest_mean(s, value)
        for s, value in (checkin or {}).items():
            if s in self.checkin and isinstance(value, int):
                self.checkin[s].value = value


class PartnerModeWidget(base.Panel):
    """Partner mode: my part and a share code; their part from a code or on this screen; both of
    us on one chart, the loop in words, and one conversation taking turns."""

    KIND = "partner_view"
    MODULE = "03_avoider_and_pursuer"

    def __init__(self, journal: Journal | None = None):
        self.journal = base.journal_or_default(journal)
        self.words = partner.settings()
        self.mine_share: partner.Share | None = None
        self.their_share: partner.Share | None = None
        self.view: partner.JointView | None = None
        self.step = 0
        self.paused = False
        self._saved = False

        safety = base.html(
            base.notice(f"<b>Before you start.</b> {base.esc(self.words.safety)}")
            + f"<p>{base.esc(self.words.not_pressure)} If you are not sure, the course page “Is this "
            "course right for you now?” (before_you_start, in the course folder) says where to turn instead. "
            f"{base.help_links()}</p>"
        )

        # 1. My part
        self.me = PersonPart("My")
        self.fill_button = base.button("Fill in from my journal", self._fill)
        self.preview = base.status_line()
        self.make = base.button("Make my share code", self._make, "primary")
        self.code_shown = base.html()
        self.file_link = DownloadLink(
            label="Download my share code as a file (.json)",
            mime="application/json",
            filename="share-code.json",
        )
        self.mine_status = base.status_line()
        mine = [
            base.html(
                "<p><b>1. Your part.</b> Fill in what you like, tick what you choose to share, and check the "
                "preview: it is exactly what your code will hold, and nothing else leaves your journal.</p>"
            ),
            self.fill_button,
            self.me,
            self.preview,
            self.make,
            self.mine_status,
            self.code_shown,
            self.file_link,
            base.html(f"<p>{base.esc(self.words.code_note)}</p>"),
        ]

        # 2. Their part: a code or file, or the same screen
        self.how = RadioGroup(
            "How does the other person's part arrive?",
            [
                ("They are here with me, on this screen", "here"),
                ("They send me their share code or file", "code"),
            ],
            hint="Choose one to see the other person's part.",
        )
        self.paste = TextArea(
            "Paste the other person's share code",
            rows=3,
            hint="The whole code, from CLOSER1- to its last character; or open their .json file in a text "
            "editor and paste all of it.",
        )
        self.read = base.button("Read their code", self._read)
        self.upload = FileInput(
            "Or open their share file",
            hint="The .json file their “Download my share code” link made. It is read here, on this "
            "computer, and sent nowhere.",
            accept=".json,application/json",
            max_bytes=partner.MAX_FILE_BYTES,
        )
        self.upload.on_file(self._file)
        self.code_box = W.VBox([self.paste, self.read, self.upload])
        _hidden(self.code_box, True)
        self.them = PersonPart("Their")
        self.here_box = W.VBox([base.html(base.notice(base.esc(self.words.same_screen))), self.them])
        _hidden(self.here_box, True)
        self.their_status = base.status_line()
        self.together = base.button("See us together", self._together, "primary")
        theirs = [
            base.html("<p><b>2. The other person's part.</b></p>"),
            self.how,
            self.code_box,
            self.here_box,
            self.together,
            self.their_status,
        ]

        # 3. Together: the chart, the loop in words, one conversation
        settings = scoring.patterns_settings()
        self.reading = base.html()
        self.figure = live_figure(charts.partner_figure([], settings))
        self.summary = base.html(self._words([]))
        conv = self.words.conversation
        self.first = RadioGroup("Who speaks first?", [("Person A", 0), ("Person B", 1)], value=0)
        self.step_line = base.status_line()
        self.back = base.button("Back a step", self._back)
        self.next = base.button("Next step", self._next)
        self.pause = base.button(PAUSE, self._pause)
        self.save = base.button("Save this joint view to my journal", self._save)
        self.save_status = base.status_line()
        self.joint = W.VBox(
            [
                self.reading,
                self.figure,
                self.summary,
                base.html(f"<p><b>{base.esc(conv.title)}.</b> {base.esc(conv.intro)}</p>"),
                self.first,
                self.step_line,
                W.HBox([self.back, self.next, self.pause], layout=W.Layout(flex_flow="row wrap")),
                base.html(f"<p>{base.esc(self.words.save_note)}</p>"),
                self.save,
                self.save_status,
            ]
        )
        _hidden(self.joint, True)

        for control in (self.me.name, *self.me.scores.values(), *self.me.checkin.values(), self.me.choose):
            control.observe(lambda _: self._preview(), names="value")
        self.how.observe(self._switch, names="value")
        self.first.observe(lambda _: self._show_step(), names="value")
        self.binder = base.binder_export(self.journal)
        self._preview()
        super().__init__(
            [
                *base.locked_notice(self.journal),
                safety,
                *mine,
                *theirs,
                self.joint,
                *([self.binder] if self.binder else []),
            ]
        )

    # -- my part ------------------------------------------------------------------------

    def _fill(self, _: Button | None = None) -> None:
        settings = scoring.patterns_settings()
        try:
            if self.journal.locked:
                raise JournalLocked()
            saved = self.journal.records("patterns_check", "03_avoider_and_pursuer")
            checkins = self.journal.checkins()
        except JournalLocked:
            self.mine_status.value = base.status(
                "warn",
                "your journal is locked: unlock it in the journal panel, or fill in your part by hand.",
            )
            return
        results = [
            r for r in (scoring.result_from_payload(x.payload, settings) for x in saved) if r is not None
        ]
        result = results[-1] if results else None
        latest = checkins[-1].scores if checkins else None
        self.me.fill(result, latest)
        found = [
            what
            for what, got in (("your latest module 3 result", result), ("your latest check-in", latest))
            if got
        ]
        if found:
            self.mine_status.value = base.status(
                "ok", f"filled in {' and '.join(found)}. Nothing is shared until you tick it and make a code."
            )
        else:
            self.mine_status.value = base.status(
                "info",
                "your journal has no saved module 3 result or check-in yet: fill in your part by hand.",
            )

    def _preview(self) -> None:
        try:
            share = self.me.share()
        except partner.ShareCodeError as exc:
            self.preview.value = base.status("info", f"<b>Preview:</b> {base.esc(str(exc))}")
            return
        items = "".join(f"<li>{base.esc(line)}</li>" for line in partner.preview_lines(share))
        self.preview.value = base.box(
            f"<p><b>Preview: your code will hold exactly this, and nothing else.</b></p><ul>{items}</ul>"
        )

    def _make(self, _: Button | None = None) -> None:
        try:
            share = self.me.share()
        except partner.ShareCodeError as exc:
            self.mine_status.value = base.status("warn", base.esc(str(exc)))
            return
        self.mine_share = share
        code = partner.encode(share)
        self.code_shown.value = (
            "<p><b>Your share code</b> (select it all, copy it, and send it however you like):</p>"
            '<p><code style="user-select: all; overflow-wrap: anywhere; word-break: break-all">'
            f"{base.esc(code)}</code></p>"
        )
        self.file_link.content = partner.to_file(share)
        self.mine_status.value = base.status(
            "ok", f"your code is ready; it holds only the {len(share.values)} things in the preview."
        )

    # -- their part ---------------------------------------------------------------------

    def _switch(self, change: dict[str, Any]) -> None:
        _hidden(self.code_box, change["new"] != "code")
        _hidden(self.here_box, change["new"] != "here")
        self.their_status.value = ""

    def _read(self, _: Button | None = None) -> bool:
        try:
            share = partner.decode(self.paste.value)
        except partner.ShareCodeError as exc:
            self.their_share = None
            # What was pasted stays in the box, so it can be corrected rather than pasted again.
            self.their_status.value = base.status("warn", base.esc(str(exc)))
            return False
        self.their_share = share
        lines = "; ".join(partner.preview_lines(share))
        self.their_status.value = base.status("ok", f"read their code. It holds only: {base.esc(lines)}.")
        return True

    def _file(self, name: str, data: bytes | None, size: int) -> None:
        """A share file chosen in the page: read it, and put its code in the box if it reads."""
        shown = base.esc(name or "the file")
        try:
            if data is None:
                raise partner.TooLarge(
                    f"It is far larger than any share file ({size} bytes); it can't be one."
                )
            share = partner.decode_file(data)
        except partner.ShareCodeError as exc:
            self.their_status.value = base.status("warn", f"{shown}: {base.esc(str(exc))}")
            return
        self.paste.value = partner.encode(share)
        lines = "; ".join(partner.preview_lines(share))
        self.their_status.value = base.status(
            "ok",
            f"read {shown}. It holds only: {base.esc(lines)}. Press “See us together” when you are ready.",
        )

    def _together(self, _: Button | None = None) -> None:
        try:
            mine = self.me.share()
        except partner.ShareCodeError as exc:
            self.their_status.value = base.status("warn", f"Your part: {base.esc(str(exc))}")
            return
        if self.how.value is None:
            self.their_status.value = base.status(
                "warn", "choose how the other person's part arrives: on this screen, or as a code or file."
            )
            return
        if self.how.value == "here":
            try:
                theirs = self.them.share()
            except partner.ShareCodeError as exc:
                self.their_status.value = base.status("warn", f"Their part: {base.esc(str(exc))}")
                return
            self.their_share = theirs
            self.their_status.value = ""
        elif not self._read():
            return
        self.mine_share = mine
        self.view = partner.joint_view(mine, self.their_share)
        self._saved = False
        self.save.disabled = False
        self.save_status.value = ""
        self._draw()
        _hidden(self.joint, False)
        self.their_status.value = base.status("ok", "here is your joint view, below.")

    # -- together -----------------------------------------------------------------------

    def _draw(self) -> None:
        view = self.view
        assert view is not None
        settings = scoring.patterns_settings()
        people = list(zip(view.names, view.results, strict=True))
        redraw(self.figure, charts.partner_figure(people, settings))
        self.summary.value = self._words(people)
        body = [f"<p><b>Your joint view: {base.esc(view.title)}.</b> {base.esc(view.loop)}</p>"]
        if view.to_try:
            body.append(f"<p><b>What each of you could try:</b> {base.esc(view.to_try)}</p>")
        # Where both people read the result: what "could try" means, when to stop, and what the
        # scores were about (close relationships in general, not each other).
        body.append(f"<p><b>{base.esc(self.words.invitations)}</b></p>")
        body.append(f"<p>{base.esc(self.words.fit)}</p>")
        body.append(
            "<p>Patterns are habits, not identities: these words describe what two habits tend to do "
            "together, not who either of you is, and nobody is to blame for a loop.</p>"
        )
        checkins = partner.checkin_lines(view)
        if checkins:
            items = "".join(f"<li>{base.esc(line)}</li>" for line in checkins)
            body.append(
                f"<p><b>Your closeness check, side by side</b> (not a competition):</p><ul>{items}</ul>"
            )
        self.reading.value = base.box("".join(body))
        self.first.options = [(view.names[0], 0), (view.names[1], 1)]
        self.first.value = self.first.value if self.first.value is not None else 0
        self.step, self.paused = 0, False
        self._show_step()

    @staticmethod
    def _words(people: list[tuple[str, scoring.PatternResult | None]]) -> str:
        text = charts.partner_summary(people, scoring.patterns_settings())
        return f"<p><b>In words:</b> {base.esc(text)}</p>"

    def _speakers(self) -> tuple[str, str]:
        assert self.view is not None
        a, b = self.view.names
        return (a, b) if self.first.value != 1 else (b, a)

    def _show_step(self) -> None:
        if self.view is None:
            return
        conv = self.words.conversation
        if self.paused:
            self.step_line.value = base.box(f"<p><b>Paused.</b> {base.esc(conv.pause)}</p>")
        else:
            steps = partner.conversation_steps(*self._speakers())
            title, text = steps[self.step]
            self.step_line.value = base.box(
                f"<p><b>Step {self.step + 1} of {len(steps)}: {base.esc(title)}.</b> {base.esc(text)}</p>"
            )
        last = len(conv.steps) - 1
        self.back.disabled = self.paused or self.step == 0
        self.next.disabled = self.paused or self.step == last
        self.pause.description = "We are ready to carry on" if self.paused else PAUSE

    def _next(self, _: Button | None = None) -> None:
        self.step = min(self.step + 1, len(self.words.conversation.steps) - 1)
        self._show_step()
        if self.next.disabled:
            self.step_line.focus()  # the last step: the button the learner was on is now disabled

    def _back(self, _: Button | None = None) -> None:
        self.step = max(self.step - 1, 0)
        self._show_step()
        if self.back.disabled:
            self.step_line.focus()

    def _pause(self, _: Button | None = None) -> None:
        self.paused = not self.paused
        self._show_step()

    def _save(self, _: Button | None = None) -> None:
        if self.view is None:
            self.save_status.value = base.status("warn", "press “See us together” first.")
            return
        payload = {**self.view.to_dict(), "how": self.how.value}
        record = self.journal.add_record(self.KIND, self.MODULE, payload)
        self._saved = True
        self.save.disabled = True
        self.save_status.value = base.status(
            "ok",
            f"the joint view is saved to your private journal ({base.when(record.created_at)}), "
            "and nowhere else.",
        )
        self.save_status.focus()
        if self.binder:
            self.binder.refresh()
