"""The before-and-after measure (module 0 at the start, module 7 at the end, any week between)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .. import measure
from ..charts import measure as charts
from ..journal import Journal, JournalLocked
from . import base
from .base import live_figure, redraw
from .controls import Button, RadioGroup


class MeasureWidget(base.Panel):
    """Eight statements answered 1-7 (one radio group each: one Tab stop, arrows along the
    scale, every point in words), scored by the published key, saved with its date, and shown
    as change with what it can and cannot say.

    ``when`` is where in the course this copy sits: "start" (module 0), "end" (module 7) or
    "weekly". Once a start is saved, answering again in module 0 is saved as "along the way"."""

    KIND = measure.KIND

    def __init__(self, when: str = "start", journal: Journal | None = None, module_id: str | None = None):
        self.journal = base.journal_or_default(journal)
        self.settings = s = measure.measure_settings()
        self.placement = measure.check_when(when)
        self.module = module_id or measure.MODULE_FOR.get(when, "00_welcome")
        self.result: measure.MeasureResult | None = None
        self.saved: measure.Take | None = None
        options: list[tuple[str, Any]] = [
            (f"{v} {s.answers[v - s.low]}", v) for v in range(s.low, s.high + 1)
        ]
        options.append((s.not_fit, measure.NOT_FIT))  # left out of the averages
        self.answers: dict[str, RadioGroup] = {}
        for n, item in enumerate(s.items, start=1):
            radio = RadioGroup(f"{n}. {item.text}", options, orientation="horizontal")
            radio.observe(self._answered, names="value")
            self.answers[item.id] = radio
        self.progress = base.html()
        self.save = base.button("Save my answers", self._save, "primary", context=s.title)
        self.status = base.status_line()
        self.reading = base.status_line()
        self.figure = live_figure()
        self.summary = base.html()
        self.binder = base.binder_export(self.journal)
        legend = ", ".join(f"{v} = {w}" for v, w in zip(range(s.low, s.high + 1), s.answers, strict=True))
        key = "".join(f"<li>{base.esc(line)}</li>" for line in measure.key_in_words(s))
        intro = base.html(
            f"{base.notice(base.esc(s.label))}<p>{base.esc(s.about)}</p>"
            f"<p>{base.esc(s.skip)} The scale: {base.esc(legend)}.</p>"
            "<details><summary>How the scores are worked out (the key)</summary>"
            f"<ul>{key}</ul></details>"
        )
        self.note = base.html(f'<div class="closer-box"><p>{base.esc(s.note)}</p></div>')
        self._answered()
        self.refresh()
        super().__init__(
            [
                *base.locked_notice(self.journal),
                intro,
                *self.answers.values(),
                self.progress,
                self.save,
                self.status,
                self.reading,
                self.figure,
                self.summary,
                self.note,
                *([self.binder] if self.binder else []),
            ]
        )

    # -- reading back -----------------------------------------------------------------------

    def earlier(self) -> list[measure.Take]:
        """Answer sets from an earlier version of the check: listed, never compared."""
        try:
            return measure.earlier_takes(self.journal.records(self.KIND), self.settings)
        except JournalLocked:
            return []

    def takes(self) -> list[measure.Take]:
        """Every answer set in the journal (none readable while it is locked)."""
        try:
            return measure.takes_from_records(self.journal.records(self.KIND), self.settings)
        except JournalLocked:
            return []

    @property
    def when(self) -> str:
        """What the next save is: a second start becomes an answer set "along the way"."""
        if self.placement == "start" and any(t.when == "start" for t in self.takes()):
            return "weekly"
        return self.placement

    def refresh(self) -> None:
        takes = self.takes()
        redraw(self.figure, charts.measure_figure(takes, self.settings))
        words = charts.measure_summary(takes, self.settings)
        older = measure.earlier_in_words(self.earlier())
        words = f"{words} {older}" if older else words
        self.summary.value = f"<p><b>In words:</b> {base.esc(words)}</p>"
        if self.placement == "start" and any(t.when == "start" for t in takes) and self.saved is None:
            first = next(t for t in takes if t.when == "start")
            self.status.value = base.status(
                "info",
                f"you answered this at the start on {base.when(first.at)}. Answering again saves a new "
                "set, dated, along the way; module 7 compares the start with your latest.",
            )

    # -- answering and saving -----------------------------------------------------------------

    def _given(self) -> dict[str, int | str]:
        return {item_id: radio.value for item_id, radio in self.answers.items() if radio.value is not None}

    def _answered(self, change: dict[str, Any] | None = None) -> None:
        given = self._given()
        done, total = len(given), len(self.answers)
        left_out = sum(1 for v in given.values() if v == measure.NOT_FIT)
        aside = f" ({left_out} marked “{base.esc(self.settings.not_fit)}”)" if left_out else ""
        self.progress.value = f"<p><b>{done} of {total} answered.</b>{aside}</p>"
        if change is not None and self.save.disabled:
            self.save.disabled = False  # a changed answer after saving can be saved as a new set

    def _save(self, _: Button | None = None) -> None:
        s = self.settings
        when = self.when
        try:
            data = measure.payload(when, self._given(), s)
        except ValueError as exc:
            self.status.value = base.status("warn", base.esc(str(exc)))
            return
        record = self.journal.add_record(self.KIND, self.module, data)
        self.result = measure.MeasureResult(data["groups"], data["total"])
        at = record.created_at or datetime.now().astimezone()
        self.saved = measure.Take(when, at, self.result, record.id)
        scores = "; ".join(f"{s.label_of(k)} {measure.shown(self.result.score(k))}" for k in s.keys)
        self.reading.value = base.box(
            f"<p><b>Your scores today</b> (each from {s.low} to {s.high}; higher means more at ease): "
            f"{base.esc(scores)}.</p><p>{base.esc(s.label)}</p>"
        )
        self.save.disabled = True
        self.status.value = base.status(
            "ok",
            f"saved to your private journal as your answers {measure.WHEN_WORDS[when]} "
            f"({base.when(record.created_at)}).",
        )
        self.status.focus()  # the button the learner pressed is now disabled
        self.refresh()
        if self.binder:
            self.binder.refresh()
