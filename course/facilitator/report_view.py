"""The cohort report's widget: the facilitator's view of the gradebook."""

from __future__ import annotations

import ipywidgets as W

from ..ui import base
from ..ui.base import live_figure, redraw
from . import charts


class CohortReport(W.VBox):
    """Scores, question difficulty, completion over time and reflections awaiting marking."""

    def __init__(self, db_url: str | None = None, hide_names: bool = True):
        from . import report

        self._report = report
        self.db_url = db_url if db_url is not None else report.find_gradebook()
        self.hide = W.Checkbox(
            value=hide_names,
            description="Hide learners' names (show Learner 01, Learner 02, ...)",
            indent=False,
            layout=W.Layout(width="auto"),
        )
        self.hide.observe(lambda _: self._show(), names="value")
        self.source = base.html()
        self.scores = live_figure()
        self.scores_text = base.html()
        self.questions = live_figure()
        self.questions_text = base.html()
        self.completion = live_figure()
        self.completion_text = base.html()
        self.pending = base.html()
        self.result = report.Cohort()
        super().__init__(
            [
                W.HBox([self.hide, base.button("Refresh", lambda _: self.refresh())]),
                self.source,
                self.scores,
                self.scores_text,
                self.questions,
                self.questions_text,
                self.completion,
                self.completion_text,
                self.pending,
            ]
        )
        self.refresh()

    def refresh(self) -> None:
        self._raw = self._report.load_cohort(self.db_url)
        notes = " ".join(base.esc(n) for n in self._raw.notes)
        where = f"Reading <code>{base.esc(self._raw.source)}</code>. " if self._raw.source else ""
        self.source.value = f"<p>{where}{notes}</p>"
        self._show()

    def _show(self) -> None:
        cohort = self._report.anonymised(self._raw) if self.hide.value else self._raw
        self.result = cohort
        for figure, text, build, describe in (
            (self.scores, self.scores_text, charts.cohort_scores_figure, charts.cohort_scores_summary),
            (
                self.questions,
                self.questions_text,
                charts.question_difficulty_figure,
                charts.question_difficulty_summary,
            ),
            (self.completion, self.completion_text, charts.completion_figure, charts.completion_summary),
        ):
            redraw(figure, build(cohort))
            text.value = f"<p><b>In words:</b> {base.esc(describe(cohort))}</p>"
        stuck = [r for r in cohort.submissions if r.ungraded]
        ungraded = ""
        if stuck:
            who = ", ".join(f"{base.esc(r.student)} ({base.esc(r.assignment)})" for r in stuck)
            ungraded = (
                f"<p><b>Hand-ins the autograder could not grade: {len(stuck)}.</b> {who}. They are left "
                "out of the scores above; the grading report in <code>reports/</code> names each problem.</p>"
            )
        if not cohort.pending:
            self.pending.value = f"{ungraded}<p><b>Reflections waiting for you:</b> none.</p>"
            return
        rows = "".join(
            f"<tr><td>{base.esc(p.student)}</td><td>{base.esc(p.assignment)}</td><td>{base.esc(p.question)}</td></tr>"
            for p in cohort.pending
        )
        self.pending.value = ungraded + (
            f"<p><b>Reflections waiting for you: {len(cohort.pending)}.</b> Grade them in the Formgrader "
            "(Nbgrader menu, Formgrader).</p>"
            '<table><caption style="text-align:left">Answers that need manual grading</caption>'
            '<thead><tr><th scope="col">Learner</th><th scope="col">Assignment</th>'
            f'<th scope="col">Question</th></tr></thead><tbody>{rows}</tbody></table>'
        )
