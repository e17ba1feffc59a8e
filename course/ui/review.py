"""Module 7: the personal plan, the journal review and the progress charts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import ipywidgets as W

from .. import content, plan, review
from ..charts import journal as charts
from ..journal import Journal
from . import base
from .base import live_figure, redraw
from .controls import Button, DownloadLink, TextBox


class PlanBuilder(base.Panel):
    """Up to three intentions, each with a small step and a supporter; saved, restored, exportable.

    The step and supporter boxes repeat in each row, so their names carry the row for screen
    readers ("Intention 2: A small first step")."""

    KIND = plan.KIND
    MODULE = plan.MODULE
    EXAMPLES = (
        (
            "Let my sister know more about how I really am",
            "Call her on Sunday and tell her one true thing about my week",
            "my friend Dev",
        ),
        (
            "Notice when I shut down, and say so",
            'Say "I need a minute" once this week instead of going quiet',
            "my partner; a counsellor",
        ),
        ("Be a steadier friend to Ola", "Ask her a second question next time she says she is fine", "myself"),
    )

    def __init__(self, journal: Journal | None = None):
        self.journal = base.journal_or_default(journal)
        saved = self.journal.records(self.KIND, self.MODULE)
        self.result: list[plan.Intention] = plan.plan_from_payload(saved[-1].payload) if saved else []
        self._record_id: int | None = None
        self._saved_at: datetime | None = saved[-1].created_at if saved else None
        self.rows: list[tuple[TextBox, TextBox, TextBox]] = []
        boxes = []
        for n, (goal, step, who) in enumerate(self.EXAMPLES, start=1):
            row = (
                TextBox(f"Intention {n}", placeholder=f"e.g. {goal}", max_width="50em"),
                TextBox(
                    "A small first step",
                    context=f"Intention {n}",
                    placeholder=f"e.g. {step}",
                    max_width="50em",
                ),
                TextBox(
                    "Who can support you",
                    context=f"Intention {n}",
                    placeholder=f"e.g. {who}",
                    max_width="50em",
                ),
            )
            self.rows.append(row)
            boxes.append(W.VBox(list(row), layout=W.Layout(margin="0 0 0.8em 0")))
        for row, item in zip(self.rows, self.result, strict=False):
            row[0].value, row[1].value, row[2].value = item.intention, item.step, item.support
        self.save = base.button("Save my plan", self._save, "primary", context="your intentions")
        self.status = base.status_line()
        self.summary = base.html()
        self.download = DownloadLink(
            label="Download my plan (Markdown)", mime="text/markdown", filename="closer-plan.md"
        )
        self.binder = base.binder_export(self.journal)
        if saved:
            self.status.value = base.status(
                "info", f"your plan from {base.when(self._saved_at)} is filled in below."
            )
        intro = base.html(
            "<p>Write up to three things you would like to move towards, a first step small enough "
            "to try this week, and who could support you. One is plenty. The plan is saved in your "
            "private journal, and you can download it.</p>"
        )
        self._show()
        super().__init__(
            [
                *base.locked_notice(self.journal),
                intro,
                *boxes,
                self.save,
                self.status,
                self.summary,
                self.download,
                *([self.binder] if self.binder else []),
            ]
        )

    def _save(self, _: Button | None = None) -> None:
        try:
            new = plan.plan_from_rows([[w.value for w in row] for row in self.rows])
        except ValueError as exc:
            self.status.value = base.status("error", base.esc(str(exc)))
            return
        if not new and not self.result and self._record_id is None:
            self.status.value = base.status(
                "info", "nothing to save yet: write at least one intention and its step."
            )
            return
        payload = plan.plan_payload(new)
        if self._record_id is None:
            record = self.journal.add_record(self.KIND, self.MODULE, payload)
            self._record_id = record.id
        else:
            record = self.journal.update_record(self._record_id, payload)
        self.result = new
        self._saved_at = datetime.now().astimezone()
        self.status.value = base.status(
            "ok", f"your plan is saved in your journal ({base.when(self._saved_at)})."
        )
        self._show()
        if self.binder:
            self.binder.refresh()

    def _show(self) -> None:
        self.summary.value = f"<p><b>In words:</b> {base.esc(plan.plan_summary(self.result))}</p>"
        self.download.content = plan.plan_markdown(self.result, self._saved_at) if self.result else ""


class JournalReview(base.Panel):
    """The learner's own journal, grouped by module, with a friendly word when it is empty."""

    def __init__(self, journal: Journal | None = None):
        self.journal = base.journal_or_default(journal)
        self.body = base.html()
        self.result: list[review.ModuleReview] = []
        refresh = base.button("Refresh", lambda _: self.refresh(), context="your journal review")
        super().__init__([*base.locked_notice(self.journal), self.body, refresh])
        self.refresh()

    def refresh(self) -> None:
        snap = self.journal.snapshot()
        self.result = review.review_by_module(snap, content.modules())
        checkins = len(snap["checkins"])
        if any(m.reflections for m in self.result):
            parts = [
                "<p>Everything you have saved, module by module. Open a module to read it. Long "
                "reflections are shortened here; the export has every word.</p>"
            ]
        else:  # no reflections yet: say kindly that this is fine, whatever else is saved
            empty = "You have no written reflections yet"
            if not self.result and not checkins:
                empty = "Your journal is empty so far"
            parts = [
                f"<p>{empty}, and that is completely fine. Nothing here is required. If you would "
                "like something to look back on, the reflection questions in each module and the "
                "check-in are good places to start.</p>"
            ]
            if self.result:
                parts.append("<p>What you have made so far:</p>")
        parts += [_module_review_html(m) for m in self.result]
        if checkins:
            parts.append(
                f"<p>You also have {checkins} check-in{'s' * (checkins != 1)}: "
                "the charts below show them over time.</p>"
            )
        self.body.value = "".join(parts)


_STATUS_WORDS = {"completed": "✓ finished", "started": "◐ started", "not started": "○ not started"}


def _module_review_html(m: review.ModuleReview) -> str:
    n = len(m.reflections)
    bits = [_STATUS_WORDS.get(m.status, m.status)] + ([f"{n} reflection{'s' * (n != 1)}"] if n else [])
    bits += [f"{kind} ({count})" if count > 1 else kind for kind, count in m.saved]
    items = "".join(
        f"<li><i>{base.when(e.when)}</i> · <b>{base.esc(e.prompt)}</b><br>"
        f"{base.esc(e.text).replace(chr(10), '<br>')}"
        "</li>"
        for e in m.reflections
    )
    body = f"<ul>{items}</ul>" if items else "<p>Nothing written here, only what is listed above.</p>"
    return (
        f"<details><summary><b>{base.esc(m.title)}</b>: {base.esc(', '.join(bits))}</summary>{body}</details>"
    )


class ProgressCharts(base.Panel):
    """Progress through the modules and check-ins over time, each chart told in words too."""

    def __init__(self, journal: Journal | None = None):
        self.journal = base.journal_or_default(journal)
        self.progress_figure = live_figure()
        self.progress_words = base.html()
        self.checkin_figure = live_figure()
        self.checkin_words = base.html()
        self.result: dict[str, Any] = {}
        super().__init__(
            [
                *base.locked_notice(self.journal),
                self.progress_figure,
                self.progress_words,
                self.checkin_figure,
                self.checkin_words,
                base.button("Refresh the charts", lambda _: self.refresh()),
            ]
        )
        self.refresh()

    def refresh(self) -> None:
        modules = content.modules()
        status = review.statuses(modules, {m: p.status for m, p in self.journal.progress().items()})
        checkins = self.journal.checkins()
        scales = content.scales()
        self.result = {"status": status, "checkins": len(checkins)}
        redraw(self.progress_figure, charts.progress_figure(modules, status))
        self.progress_words.value = (
            f"<p><b>In words:</b> {base.esc(review.progress_summary(modules, status))}</p>"
        )
        redraw(self.checkin_figure, charts.checkin_figure(checkins, scales))
        self.checkin_words.value = (
            f"<p><b>In words:</b> {base.esc(charts.checkin_summary(checkins, scales))}</p>"
        )
