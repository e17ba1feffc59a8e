"""ipywidgets UIs: thin wiring of content, logic, journal and charts.

Each widget is a box that shows itself when it is the last thing in a cell, and keeps
its latest outcome in ``.result`` so notebooks and tests can read it. Nothing here
waits for input, so nbgrader can execute any notebook that shows them.
Learner-written text is always HTML-escaped before it is shown.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime
from typing import Any, ClassVar

import ipywidgets as W
import plotly.graph_objects as go

from . import charts, closeness, content, flags, ladder, pacing, planner, vocabulary
from .controls import DownloadLink, RangeInput
from .journal import CheckIn, Journal, Progress, Record, Reflection, default_journal, on_binder

BINDER_NOTICE = (
    "<b>You are on Binder, and Binder forgets.</b> This session's files, your journal "
    "included, are deleted when the session ends or sits idle for a while. Use "
    "<b>Export my journal</b> in the journal panel, then the download links, to keep a copy "
    "on your own computer."
)


# --------------------------------------------------------------------------------------
# Shared pieces
# --------------------------------------------------------------------------------------


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _html(body: str = "", **kwargs: Any) -> W.HTML:
    return W.HTML(body, layout=W.Layout(width="100%", max_width="52em"), **kwargs)


def _status(kind: str, message: str) -> str:
    """A status line carrying a symbol and a word, so colour is never the only signal."""
    symbol, word, colour = {
        "ok": ("✓", "Done", "#00603f"),
        "info": ("ℹ", "Note", "#00467a"),
        "warn": ("⚠", "Check", "#8a3b00"),
        "error": ("✗", "Not saved", "#8a1c00"),
    }[kind]
    return f'<div role="status" style="color:{colour};margin:0.3em 0"><b>{symbol} {word}:</b> {message}</div>'


def _notice(body: str) -> str:
    return (
        '<div style="border-left:4px solid #E69F00;background:#fff8e6;color:#222;'
        f'padding:0.5em 0.8em;margin:0.4em 0">⚠ {body}</div>'
    )


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%d %b %Y, %H:%M") if moment else ""


def _button(text: str, on_click: Callable[[W.Button], None], style: str = "", **kw: Any) -> W.Button:
    button = W.Button(
        description=text, button_style=style, layout=W.Layout(width="auto", align_self="flex-start"), **kw
    )
    button.on_click(on_click)
    return button


def live_figure(fig: go.Figure) -> go.FigureWidget:
    """A FigureWidget of ``fig`` with the course's chart config (no "Share chart" upload)."""
    widget = go.FigureWidget(fig)
    widget._config = dict(charts.CHART_CONFIG)
    return widget


def redraw(widget: go.FigureWidget, fig: go.Figure) -> None:
    """Show ``fig`` in an existing FigureWidget, in one batched update.

    Layout keys the new figure lacks (an "empty chart" annotation, say) are removed
    explicitly: the browser applies a layout as a patch and would otherwise keep them.
    """
    stale = set(widget.layout.to_plotly_json()) - set(fig.layout.to_plotly_json())
    with widget.batch_update():
        widget.data = ()
        widget.add_traces(list(fig.data))
        widget.layout = fig.layout
        for key in stale:
            widget.layout[key] = None


def _journal(journal: Journal | None) -> Journal:
    return journal if journal is not None else default_journal()


def _binder_banner() -> list[W.Widget]:
    return [_html(_notice(BINDER_NOTICE))] if on_binder() else []


def _titles() -> dict[str, str]:
    return {m.id: f"Module {m.number}: {m.title}" for m in content.modules()}


class BinderExport(W.VBox):
    """On Binder only: a reminder that files vanish, with the journal as a download link."""

    def __init__(self, journal: Journal):
        self.journal = journal
        self.link = DownloadLink(
            label="Download my journal (Markdown)", mime="text/markdown", filename="closer-journal.md"
        )
        note = _html(
            _notice(
                "<b>Binder forgets:</b> this session's files vanish when it ends. "
                "Save your journal to your own computer with the link below before you leave."
            )
        )
        super().__init__([note, self.link])
        self.refresh()

    def refresh(self) -> None:
        self.link.content = self.journal.export_markdown(_titles())


def _binder_export(journal: Journal) -> BinderExport | None:
    return BinderExport(journal) if on_binder() else None


# --------------------------------------------------------------------------------------
# Module start and finish, progress overview
# --------------------------------------------------------------------------------------


class ModuleStart(W.VBox):
    """Opens a module: records that it was started and says how long it takes."""

    def __init__(self, module_id: str, journal: Journal | None = None):
        self.module = content.module(module_id)
        self.journal = _journal(journal)
        self.result: Progress = self.journal.mark(module_id, "started")
        m = self.module
        since = f"You started it on {_when(self.result.started_at)}."
        if self.result.completed_at:
            since = f"You finished it on {_when(self.result.completed_at)}; welcome back."
        card = _html(
            '<div style="border:1px solid #0072B2;border-radius:6px;padding:0.6em 0.9em">'
            f"<b>Module {m.number}: {_esc(m.title)}</b> · about {m.minutes} minutes<br>"
            f"{since} Your progress and anything you write stay on this computer.</div>"
        )
        super().__init__([card, *_binder_banner()])


class ModuleDone(W.VBox):
    """A button to mark the module as finished; the progress view in module 7 uses it."""

    def __init__(self, module_id: str, journal: Journal | None = None):
        self.module = content.module(module_id)
        self.journal = _journal(journal)
        self.result: Progress | None = self.journal.progress().get(module_id)
        self.button = _button("I have finished this module", self._done, "success")
        self.status = _html()
        if self.result and self.result.completed_at:
            self.status.value = _status(
                "ok", f"you marked this module as finished on {_when(self.result.completed_at)}."
            )
        super().__init__([self.button, self.status])

    def _done(self, _: W.Button | None = None) -> None:
        self.result = self.journal.mark(self.module.id, "completed")
        self.status.value = _status(
            "ok", f"module {self.module.number} marked as finished ({_when(self.result.completed_at)})."
        )


class ProgressOverview(W.VBox):
    """Every module with its time and the learner's status, in words and symbols."""

    def __init__(self, journal: Journal | None = None):
        self.journal = _journal(journal)
        self.table = _html()
        super().__init__([self.table, _button("Refresh", lambda _: self.refresh())])
        self.refresh()

    def refresh(self) -> None:
        done = self.journal.progress()
        rows = []
        self.result: dict[str, str] = {}
        for m in content.modules():
            p = done.get(m.id)
            status = p.status if p else "not started"
            self.result[m.id] = status
            mark = {"completed": "✓ done", "started": "◐ started", "not started": "○ not started"}[status]
            rows.append(
                f"<tr><td>{m.number}</td><td>{_esc(m.title)}</td><td>{m.minutes} min</td><td>{mark}</td></tr>"
            )
        self.table.value = (
            '<table style="border-collapse:collapse"><caption style="text-align:left">'
            "Your progress through the course</caption>"
            '<thead><tr><th scope="col">#</th><th scope="col">Module</th>'
            '<th scope="col">Time</th><th scope="col">Status</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )


# --------------------------------------------------------------------------------------
# Check-in
# --------------------------------------------------------------------------------------


class CheckInWidget(W.VBox):
    """A few 0-10 sliders and a note, saved to the journal, with past check-ins charted."""

    def __init__(self, journal: Journal | None = None):
        self.journal = _journal(journal)
        self.scales = content.scales()
        self.result: CheckIn | None = None
        self.sliders = {
            s.id: RangeInput(label=s.question, value=5, low_label=s.low, high_label=s.high)
            for s in self.scales
        }
        self.note = W.Textarea(
            description="A note (optional)",
            placeholder="Anything you want to remember about today. Only you will see it.",
            continuous_update=False,
            layout=W.Layout(width="100%", max_width="40em", height="5em"),
            style={"description_width": "initial"},
        )
        self.save = _button("Save check-in", self._save, "primary")
        self.status = _html()
        self.support = _html()
        past = self.journal.checkins()
        self.figure = live_figure(charts.checkin_figure(past, self.scales))
        self.summary = _html()
        self.binder = _binder_export(self.journal)
        self._describe(past)
        intro = _html(
            "<p>There are no right answers. Move each slider to wherever feels true today, "
            "then save. Doing this now and then lets you see how things shift over the course.</p>"
        )
        super().__init__(
            [
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
        self.summary.value = f"<p><b>In words:</b> {_esc(charts.checkin_summary(past, self.scales))}</p>"

    def _save(self, _: W.Button | None = None) -> None:
        scores = {sid: slider.value for sid, slider in self.sliders.items()}
        try:
            self.result = self.journal.add_checkin(scores, self.note.value)
        except ValueError as exc:
            self.status.value = _status("error", _esc(str(exc)))
            return
        self.note.value = ""
        self.status.value = _status("ok", f"check-in saved ({_when(self.result.created_at)}).")
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
            f'<a href="{_esc(f.url)}" target="_blank" rel="noopener">{_esc(f.name)}</a>' for f in info.finders
        )
        return _notice(
            "Things sound hard right now. You do not have to carry them alone: a friend, "
            f"a doctor or a helpline can listen. {links} can find a free, confidential "
            f"line near you. {_esc(info.emergency)}"
        )


# --------------------------------------------------------------------------------------
# Reflection prompt
# --------------------------------------------------------------------------------------


class ReflectionWidget(W.VBox):
    """A prompt, a text area and a save button. Every save is kept; drafts survive closing."""

    def __init__(self, module_id: str, prompt_id: str, journal: Journal | None = None):
        self.journal = _journal(journal)
        self.prompt = content.prompt(module_id, prompt_id)
        self.draft_key = f"reflection:{module_id}:{prompt_id}"
        self.result: Reflection | None = None
        hint = f'<br><span style="color:#444">{_esc(self.prompt.hint)}</span>' if self.prompt.hint else ""
        self.question = _html(f"<p><b>✎ {_esc(self.prompt.text)}</b>{hint}</p>")
        self.text = W.Textarea(
            description="Your reflection",
            placeholder="Write here. It is saved only in your private journal on this computer.",
            continuous_update=False,
            layout=W.Layout(width="100%", max_width="46em", height="9em"),
            style={"description_width": "initial"},
        )
        self.save = _button("Save to my journal", self._save, "primary")
        self.status = _html()
        self.history = _html()
        self.binder = _binder_export(self.journal)
        self._restore_draft()
        self.text.observe(self._keep_draft, names="value")
        self._show_history()
        extra = [self.binder] if self.binder else []
        super().__init__([self.question, self.text, self.save, self.status, self.history, *extra])

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
        self.status.value = _status(
            "info", f"restored what you were writing on {_when(draft.updated_at)}. It is not saved yet."
        )

    def _keep_draft(self, change: dict[str, Any]) -> None:
        try:
            self.journal.save_draft(self.draft_key, change["new"])
        except ValueError as exc:
            self.status.value = _status("warn", _esc(str(exc)))

    def _save(self, _: W.Button | None = None) -> None:
        try:
            self.result = self.journal.add_reflection(
                self.prompt.module, self.prompt.id, self.prompt.text, self.text.value
            )
        except ValueError as exc:
            self.status.value = _status("error", _esc(str(exc)))
            return
        self.journal.clear_draft(self.draft_key)
        self.text.value = ""
        self.status.value = _status(
            "ok", f"your reflection is in your journal ({_when(self.result.created_at)})."
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
            f"<li><i>{_when(r.created_at)}</i><br>{_esc(r.text).replace(chr(10), '<br>')}</li>"
            for r in reversed(saved)
        )
        self.history.value = (
            f"<details open><summary>What you have saved for this prompt ({len(saved)})</summary>"
            f"<ul>{items}</ul></details>"
        )


# --------------------------------------------------------------------------------------
# Journal manager
# --------------------------------------------------------------------------------------


class JournalManager(W.VBox):
    """Where the journal is, what is in it, export (with download links) and delete all."""

    def __init__(self, journal: Journal | None = None):
        self.journal = _journal(journal)
        self.result: dict[str, Any] = {}
        self.where = _html(
            f"<p>Your journal is kept privately at <code>{_esc(str(self.journal.path))}</code>. "
            "Only your user account on this computer can open it, and nothing in it is sent "
            "anywhere.</p>"
        )
        self.counts = _html()
        self.export = _button("Export my journal", self._export, "primary")
        self.markdown_link = DownloadLink(label="Download as Markdown", mime="text/markdown")
        self.json_link = DownloadLink(label="Download as JSON", mime="application/json")
        self.delete = _button("Delete everything…", self._ask, "danger")
        self.confirm = _button("Yes, delete everything", self._delete, "danger")
        self.cancel = _button("Keep my journal", self._cancel)
        self.confirm_box = W.VBox(
            [
                _html(
                    _notice(
                        "This erases every reflection, check-in, saved result and export in your "
                        "journal. It cannot be undone. Export first if you want a copy."
                    )
                ),
                W.HBox([self.confirm, self.cancel]),
            ],
            layout=W.Layout(display="none"),
        )
        self.status = _html()
        self._count()
        super().__init__(
            [
                *_binder_banner(),
                self.where,
                self.counts,
                W.HBox([self.export, _button("Refresh", lambda _: self._count())]),
                W.HBox([self.markdown_link, self.json_link]),
                self.delete,
                self.confirm_box,
                self.status,
            ]
        )

    def _count(self) -> None:
        n = self.journal.counts()
        self.result["counts"] = n
        parts = [
            f"{n['reflections']} reflection{'s' * (n['reflections'] != 1)}",
            f"{n['checkins']} check-in{'s' * (n['checkins'] != 1)}",
            f"{n['progress']} module{'s' * (n['progress'] != 1)} started",
            f"{n['records']} saved result{'s' * (n['records'] != 1)}",
        ]
        if n["drafts"]:
            parts.append(f"{n['drafts']} unsaved draft{'s' * (n['drafts'] != 1)}")
        self.counts.value = f"<p>In your journal: {', '.join(parts)}.</p>"

    def _export(self, _: W.Button | None = None) -> None:
        md_path, json_path = self.journal.export_files(_titles())
        stamp = md_path.stem.removeprefix("closer-journal-")
        self.markdown_link.filename = f"closer-journal-{stamp}.md"
        self.markdown_link.content = md_path.read_text(encoding="utf-8")
        self.json_link.filename = f"closer-journal-{stamp}.json"
        self.json_link.content = json_path.read_text(encoding="utf-8")
        self.result["export"] = (md_path, json_path)
        self.status.value = _status(
            "ok",
            "exported. Use the download links to save a copy to your computer. Copies are also "
            f"in your private exports folder: <code>{_esc(str(md_path.parent))}</code>.",
        )
        self._count()

    def _ask(self, _: W.Button | None = None) -> None:
        self.confirm_box.layout.display = "flex"
        self.status.value = ""

    def _cancel(self, _: W.Button | None = None) -> None:
        self.confirm_box.layout.display = "none"
        self.status.value = _status("info", "nothing was deleted.")

    def _delete(self, _: W.Button | None = None) -> None:
        self.journal.delete_everything()
        self.confirm_box.layout.display = "none"
        self.markdown_link.content = ""
        self.json_link.content = ""
        self.result["deleted"] = True
        self.status.value = _status("ok", "your journal is now empty, and its exports are gone.")
        self._count()


# --------------------------------------------------------------------------------------
# Self-check quiz
# --------------------------------------------------------------------------------------


class QuizWidget(W.VBox):
    """Multiple-choice questions with an explanation for whichever option is picked."""

    def __init__(self, module_id: str):
        self.questions = content.quiz(module_id)
        self.result: dict[str, dict[str, Any]] = {}
        self.choices: list[W.RadioButtons] = []
        self.feedback: list[W.HTML] = []
        self.score = _html()
        children: list[W.Widget] = []
        for n, q in enumerate(self.questions, start=1):
            radio = W.RadioButtons(
                options=[o.text for o in q.options],
                index=None,
                description=f"Question {n}",
                layout=W.Layout(width="auto", max_width="52em"),
                style={"description_width": "initial"},
            )
            note = _html()
            radio.observe(lambda change, i=n - 1: self._answer(i, change["new"]), names="index")
            self.choices.append(radio)
            self.feedback.append(note)
            children += [_html(f"<p><b>{n}. {_esc(q.question)}</b></p>"), radio, note]
        self._tally()
        super().__init__([*children, self.score])

    def _answer(self, i: int, index: int | None) -> None:
        if index is None:
            return
        q = self.questions[i]
        option = q.options[index]
        self.result[q.id] = {"chosen": index, "correct": option.correct}
        if option.correct:
            head = '<b style="color:#00603f">✓ Right.</b>'
        else:
            head = '<b style="color:#8a3b00">✗ Not quite.</b>'
        self.feedback[
            i
        ].value = f'<div role="status" style="margin:0 0 0.8em 1em">{head} {_esc(option.explanation)}</div>'
        self._tally()

    def _tally(self) -> None:
        answered = len(self.result)
        right = sum(r["correct"] for r in self.result.values())
        total = len(self.questions)
        note = " Try another option any time: each one explains itself." if answered else ""
        self.score.value = f"<p><b>{answered} of {total} answered, {right} right so far.</b>{note}</p>"


# --------------------------------------------------------------------------------------
# Closeness map
# --------------------------------------------------------------------------------------


class ClosenessMapWidget(W.VBox):
    """Name people, say how close you feel and whether sharing goes both ways; see the map."""

    KIND = "closeness_map"
    MODULE = "01_what_is_intimacy"

    def __init__(self, journal: Journal | None = None):
        self.journal = _journal(journal)
        self.settings = content.closeness_settings()
        saved = self.journal.records(self.KIND, self.MODULE)
        self.result: list[closeness.Person] = (
            closeness.people_from_payload(saved[-1].payload, self.settings) if saved else []
        )
        self._record_id: int | None = None
        wide = {"description_width": "initial"}
        self.name = W.Text(description="Name, nickname or initials", style=wide)
        self.kind = W.Dropdown(
            description="Who they are to you",
            options=[(k.label, k.id) for k in self.settings.kinds],
            style=wide,
        )
        self.level = RangeInput(
            label="How close do you feel to them?",
            value=5,
            low_label="distant",
            high_label="very close",
        )
        self.sharing = W.Dropdown(
            description="Opening up",
            options=[(c.label, c.id) for c in self.settings.sharing],
            style=wide,
        )
        self.add = _button("Add to my map", self._add, "primary")
        self.status = _html()
        self.people = W.VBox()
        self.figure = live_figure(charts.closeness_figure(self.result, self.settings))
        self.summary = _html()
        self.binder = _binder_export(self.journal)
        intro = _html(
            "<p>Add the people who matter in your life, in any role. Initials or nicknames are "
            f"fine. The map holds up to {self.settings.max_people} people and stays in your "
            "private journal; it is saved as you go.</p>"
        )
        self._refresh(save=False)
        super().__init__(
            [
                intro,
                self.name,
                self.kind,
                self.level,
                self.sharing,
                self.add,
                self.status,
                self.people,
                self.figure,
                self.summary,
                *([self.binder] if self.binder else []),
            ]
        )

    def _add(self, _: W.Button | None = None) -> None:
        try:
            person = closeness.make_person(
                self.name.value, self.kind.value, self.level.value, self.sharing.value, self.settings
            )
            self.result = closeness.add_person(self.result, person, self.settings)
        except ValueError as exc:
            self.status.value = _status("error", _esc(str(exc)))
            return
        self.name.value = ""
        self.status.value = _status("ok", f"{_esc(person.name)} is on your map.")
        self._refresh()

    def remove(self, name: str) -> None:
        self.result = [p for p in self.result if p.name != name]
        self.status.value = _status("ok", f"{_esc(name)} is off your map.")
        self._refresh()

    def _refresh(self, save: bool = True) -> None:
        if save:
            payload = {"people": [p.to_dict() for p in self.result]}
            if self._record_id is None:
                self._record_id = self.journal.add_record(self.KIND, self.MODULE, payload).id
            else:
                self.journal.update_record(self._record_id, payload)
            if self.binder:
                self.binder.refresh()
        rows = []
        for p in self.result:
            label = _html(
                f"{_esc(p.name)}: {_esc(self.settings.kind(p.kind).label.lower())}, "
                f"closeness {p.closeness}, {_esc(self.settings.sharing_choice(p.sharing).label.lower())}"
            )
            label.layout.width = "auto"
            rows.append(W.HBox([_button(f"Remove {p.name}", lambda _, n=p.name: self.remove(n)), label]))
        self.people.children = rows
        redraw(self.figure, charts.closeness_figure(self.result, self.settings))
        text = _esc(closeness.summary(self.result, self.settings)).replace("\n", "<br>")
        self.summary.value = f"<p><b>In words:</b><br>{text}</p>"


# --------------------------------------------------------------------------------------
# Shared by modules 04 and 05
# --------------------------------------------------------------------------------------


def _help_links() -> str:
    """The help finders as links, then what to do in an emergency (HTML)."""
    info = content.help_info()
    links = " or ".join(
        f'<a href="{_esc(f.url)}" target="_blank" rel="noopener">{_esc(f.name)}</a>' for f in info.finders
    )
    return f"{links} can find a free, confidential line near you. {_esc(info.emergency)}"


def _box(body: str) -> str:
    return (
        '<div role="status" style="border:1px solid #0072B2;border-radius:6px;padding:0.5em 0.9em;'
        f'margin:0.4em 0;max-width:50em">{body}</div>'
    )


def _save_session_record(widget: Any, payload: dict[str, Any]) -> None:
    """One journal record per editing session: added on the first save, updated after."""
    if widget._record_id is None:
        widget._record_id = widget.journal.add_record(widget.KIND, widget.MODULE, payload).id
    else:
        widget.journal.update_record(widget._record_id, payload)
    if widget.binder:
        widget.binder.refresh()


# --------------------------------------------------------------------------------------
# Module 04: pacing chart
# --------------------------------------------------------------------------------------


class PacingChartWidget(W.VBox):
    """Shape two curves (knowing, sharing) with sliders; see whether closeness keeps pace."""

    # Examples for the "Try" buttons: (knowing start, knowing pace, sharing start, sharing pace).
    PRESETS: ClassVar[dict[str, tuple[int, int, int, int]]] = {
        "ahead": (0, 3, 6, 8),
        "behind": (2, 7, 0, 1),
        "pace": (1, 5, 1, 5),
    }

    def __init__(self) -> None:
        self.settings = content.pacing_settings()
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
            groups.append(W.VBox([_html(f"<b>{_esc(c.label)}</b>"), start, pace]))
        self.verdict = _html()
        self.figure = live_figure(go.Figure())
        self.summary = _html()
        self.presets = W.HBox(
            [
                _button(f"Try: {self.settings.verdict(v).label.lower()}", lambda _, v=v: self.preset(v))
                for v in ("ahead", "behind", "pace")
            ],
            layout=W.Layout(flex_flow="row wrap"),
        )
        intro = _html(
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
        self.verdict.value = _box(f"<b>{_esc(verdict.tag)}.</b> {_esc(verdict.meaning)}")
        redraw(
            self.figure, charts.pacing_figure(self.at, knowing, sharing, self.settings, self.result.verdict)
        )
        self.summary.value = f"<p><b>In words:</b> {_esc(pacing.describe(self.result, self.settings))}</p>"


# --------------------------------------------------------------------------------------
# Module 04: flag sorter
# --------------------------------------------------------------------------------------


class FlagSorterWidget(W.VBox):
    """One scenario at a time: pick a flag, see the course's reading and why; a summary at the end."""

    def __init__(self) -> None:
        self.settings = content.flag_settings()
        self.order = flags.sorter_order(self.settings)
        self.index = 0
        self.picks: dict[str, flags.Pick] = {}
        self.result = flags.tally([], self.settings)
        self.where = _html()
        self.card = _html()
        self.flag_buttons = {
            f.id: _button(f.tag, lambda _, f=f.id: self.choose(f), tooltip=f.meaning)
            for f in self.settings.flags
        }
        self.skip = _button(
            "Skip this one", lambda _: self.choose(flags.SKIPPED), tooltip="Skipping is always fine"
        )
        self.feedback = _html()
        self.next = _button("Next scene →", lambda _: self.go(self.index + 1), "primary")
        self.back = _button("← Previous", lambda _: self.go(self.index - 1))
        self.summary = _html()
        self.restart = _button("Start again", lambda _: self.reset())
        key = " ".join(f"<b>{_esc(f.tag)}</b>: {_esc(f.meaning)}<br>" for f in self.settings.flags)
        intro = _html(
            f"<p>Read each short scene and choose the flag you think fits. Then see how the course "
            f"reads it, and why. There are {len(self.order)} scenes, from friendships, families, dating "
            f"and long relationships. You can skip any of them.</p><p>{key}</p>"
        )
        super().__init__(
            [
                intro,
                self.where,
                self.card,
                W.HBox([*self.flag_buttons.values(), self.skip], layout=W.Layout(flex_flow="row wrap")),
                self.feedback,
                W.HBox([self.back, self.next]),
                self.summary,
                self.restart,
            ]
        )
        self.go(0)

    @property
    def scenario(self) -> content.Scenario:
        return self.order[self.index]

    def go(self, index: int) -> None:
        """Show scenario number ``index`` (0-based), with its feedback if already answered."""
        self.index = max(0, min(index, len(self.order) - 1))
        s = self.scenario
        area = self.settings.area(s.area).label
        self.where.value = f"<p><b>Scene {self.index + 1} of {len(self.order)}</b> · {_esc(area)}</p>"
        self.card.value = _box(f"<b>{_esc(s.title)}</b><br>{_esc(s.text)}")
        done = self.picks.get(s.id)
        self.feedback.value = self._feedback(done) if done else ""
        self.back.disabled = self.index == 0
        self.next.disabled = self.index == len(self.order) - 1

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
        if p.skipped:
            head = f"Skipped. The course reads this one as <b>{_esc(expected.tag)}</b>."
        elif p.matches:
            head = f"You chose <b>{_esc(expected.tag)}</b>, and the course reads it the same way."
        else:
            mine = self.settings.flag(p.chosen)
            head = f"You chose <b>{_esc(mine.tag)}</b>. The course reads it as <b>{_esc(expected.tag)}</b>."
        body = (
            f'<div role="status" style="border-left:6px solid {expected.colour};padding:0.4em 0.9em;'
            f'margin:0.4em 0;max-width:50em;background:#f7f7f7">{head}<br>{_esc(s.why)}</div>'
        )
        if s.safety:
            body += _notice(f"{_esc(self.settings.safety_note)} {_help_links()}")
        return body

    def _summarise(self) -> None:
        text = _esc(flags.summary(list(self.picks.values()), self.settings))
        self.summary.value = f"<p><b>Your summary.</b> {text}</p>"

    def reset(self) -> None:
        self.picks = {}
        self.result = flags.tally([], self.settings)
        self.summary.value = ""
        self.go(0)


# --------------------------------------------------------------------------------------
# Module 04: yellow-flag triage
# --------------------------------------------------------------------------------------


class YellowFlagTriageWidget(W.VBox):
    """The three yellow-flag questions lead to keep going, go carefully, or treat it as red."""

    def __init__(self) -> None:
        self.settings = content.flag_settings()
        self.result: flags.Triage | None = None
        self.questions: dict[str, W.RadioButtons] = {}
        children: list[W.Widget] = [
            _html(
                "<p>Think of a moment that left you unsure: an awkward reply, a defensive reaction, "
                "someone who did not share back. Answer the three questions about it.</p>"
                + _notice(
                    "This is for <b>⚠&nbsp;yellow</b> flags only. Disrespect, crossing your boundaries, "
                    "control, threats or harm are <b>✕&nbsp;red flags</b> straight away: no questions "
                    "needed."
                )
            )
        ]
        for n, q in enumerate(self.settings.questions, start=1):
            radio = W.RadioButtons(
                options=[(f"Yes: {q.if_yes}", True), (f"No: {q.if_no}", False)],
                index=None,
                description=f"Question {n}",
                layout=W.Layout(width="auto", max_width="52em"),
                style={"description_width": "initial"},
            )
            radio.observe(lambda _: self._update(), names="index")
            self.questions[q.id] = radio
            children += [_html(f"<p><b>{n}. {_esc(q.question)}</b></p>"), radio]
        self.outcome = _html()
        self.clear = _button("Clear my answers", lambda _: self.reset())
        super().__init__([*children, self.outcome, self.clear])
        self._update()

    def answer(self, **answers: bool) -> None:
        """Answer by question id, e.g. ``answer(pattern=True, feedback=False, solvable=True)``."""
        for qid, value in answers.items():
            self.questions[qid].value = value

    def reset(self) -> None:
        for radio in self.questions.values():
            radio.index = None

    def _update(self) -> None:
        open_questions = [qid for qid, r in self.questions.items() if r.index is None]
        if open_questions:
            self.result = None
            self.outcome.value = _status(
                "info",
                f"answer all three questions to see where this leads "
                f"({len(self.questions) - len(open_questions)} of {len(self.questions)} so far).",
            )
            return
        answers = {qid: r.value for qid, r in self.questions.items()}
        self.result = flags.triage(answers)
        outcome = self.settings.outcome(self.result.outcome)
        steps = "".join(
            f"<li>{_esc(q.question)} <b>{'Yes' if answers[q.id] else 'No'}</b>: "
            f"{_esc(q.if_yes if answers[q.id] else q.if_no)}</li>"
            for q in self.settings.questions
        )
        body = (
            f"<p style='font-size:1.1em'><b>{_esc(outcome.tag)}</b></p>"
            f"<p><b>Your answers:</b></p><ul>{steps}</ul>"
            f"<p><b>Why:</b> {_esc(self.result.reason)}</p><p><b>What to do:</b> {_esc(outcome.advice)}</p>"
        )
        if self.result.outcome == "treat_as_red":
            body += _notice(f"If you feel unsafe or afraid, you deserve support. {_help_links()}")
        self.outcome.value = _box(body)


# --------------------------------------------------------------------------------------
# Module 05: emotion vocabulary explorer
# --------------------------------------------------------------------------------------


class EmotionExplorerWidget(W.VBox):
    """A wheel of feeling words; tick the ones that fit right now and save a "name it" entry."""

    KIND = "name_it"
    MODULE = "05_building_intimacy"
    HISTORY = 5

    def __init__(self, journal: Journal | None = None):
        self.journal = _journal(journal)
        self.taxonomy = content.emotions()
        self.result: Record | None = None
        self.boxes: dict[str, W.Checkbox] = {}
        columns = []
        for core in self.taxonomy.cores:
            boxes = []
            for w in core.words:
                box = W.Checkbox(value=False, description=w.word, indent=False, tooltip=w.meaning)
                box.observe(lambda _: self._update(), names="value")
                self.boxes[w.word] = box
                boxes.append(box)
            columns.append(
                W.VBox(
                    [_html(f"<b>{_esc(core.label)}</b>"), *boxes],
                    layout=W.Layout(width="11em", margin="0 1em 0.8em 0"),
                )
            )
        self.figure = live_figure(charts.emotion_sunburst(self.taxonomy))
        self.words_list = _html(self._word_list())
        self.chosen = _html()
        self.summary = _html()
        self.note = W.Textarea(
            description="What is going on (optional)",
            placeholder="A line about what is behind the feeling, if you like. Only you will see it.",
            continuous_update=False,
            layout=W.Layout(width="100%", max_width="40em", height="4em"),
            style={"description_width": "initial"},
        )
        self.save = _button("Save to my journal", self._save, "primary")
        self.status = _html()
        self.history = _html()
        self.binder = _binder_export(self.journal)
        intro = _html(
            "<p>The wheel has core feelings in the middle and finer words around them. Hover over a "
            "word to see what it means, or open the full list below the wheel. Then tick the words that "
            "fit how you feel right now, as many as you like, and save them as a <b>name it</b> entry "
            "in your private journal.</p>"
        )
        self._update()
        self._show_history()
        super().__init__(
            [
                intro,
                self.figure,
                self.summary,
                self.words_list,
                W.HBox(columns, layout=W.Layout(flex_flow="row wrap")),
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
            f"<li><b>{_esc(c.label)}</b> ({_esc(c.about)})<ul>"
            + "".join(f"<li>{_esc(w.word)}: {_esc(w.meaning)}</li>" for w in c.words)
            + "</ul></li>"
            for c in self.taxonomy.cores
        )
        summary = "All the words as a list, with their meanings"
        return f"<details><summary>{summary}</summary><ul>{cores}</ul></details>"

    def pick(self, *words: str) -> None:
        """Tick ``words`` (in addition to any already ticked)."""
        for w in vocabulary.choose(words, self.taxonomy):
            self.boxes[w.word].value = True

    def picked(self) -> tuple[content.EmotionWord, ...]:
        return vocabulary.choose([w for w, box in self.boxes.items() if box.value], self.taxonomy)

    def _update(self) -> None:
        chosen = self.picked()
        redraw(self.figure, charts.emotion_sunburst(self.taxonomy, [w.word for w in chosen]))
        sentence = _esc(vocabulary.sentence(chosen, self.taxonomy))
        self.chosen.value = f"<p><b>{sentence}</b></p>"
        cores = ", ".join(c.label for c in self.taxonomy.cores)
        picked = f"Ticked on the wheel: {_esc(', '.join(w.word for w in chosen))}." if chosen else ""
        self.summary.value = (
            f"<p><b>In words:</b> the wheel has {len(self.taxonomy.cores)} core feelings ({_esc(cores)}), "
            "each with finer words around it. All of them are listed with their meanings just below. "
            f"{picked}</p>"
        )

    def _save(self, _: W.Button | None = None) -> None:
        try:
            payload = vocabulary.name_it_payload(self.picked(), self.note.value, self.taxonomy)
            self.result = self.journal.add_record(self.KIND, self.MODULE, payload)
        except ValueError as exc:
            self.status.value = _status("error", _esc(str(exc)))
            return
        for box in self.boxes.values():
            box.value = False
        self.note.value = ""
        self.status.value = _status("ok", f"saved to your journal ({_when(self.result.created_at)}).")
        self._show_history()
        if self.binder:
            self.binder.refresh()

    def _show_history(self) -> None:
        saved = self.journal.records(self.KIND, self.MODULE)[-self.HISTORY :]
        if not saved:
            self.history.value = ""
            return
        items = "".join(
            f"<li><i>{_when(r.created_at)}</i>: {_esc(str(r.payload.get('feeling', '')))}"
            + (f"<br>{_esc(str(r.payload['note']))}" if r.payload.get("note") else "")
            + "</li>"
            for r in reversed(saved)
        )
        head = f"Your latest name-it entries ({len(saved)})"
        self.history.value = f"<details><summary>{head}</summary><ul>{items}</ul></details>"


# --------------------------------------------------------------------------------------
# Module 05: small-steps ladder
# --------------------------------------------------------------------------------------


class SmallStepsLadderWidget(W.VBox):
    """List small steps towards openness, rate how hard each feels, climb from the bottom."""

    KIND = "small_steps"
    MODULE = "05_building_intimacy"

    def __init__(self, journal: Journal | None = None):
        self.journal = _journal(journal)
        self.settings = content.ladder_settings()
        saved = self.journal.records(self.KIND, self.MODULE)
        self.result: list[ladder.Step] = (
            ladder.steps_from_payload(saved[-1].payload, self.settings) if saved else []
        )
        self._record_id: int | None = None
        self.text = W.Text(
            description="A small step",
            placeholder="e.g. tell Sam one thing that worried me this week",
            layout=W.Layout(width="100%", max_width="40em"),
            style={"description_width": "initial"},
        )
        self.hard = RangeInput(
            label="How hard does it feel?", value=3, low_label="easy", high_label="very hard"
        )
        self.add = _button("Add to my ladder", self._add, "primary")
        self.status = _html()
        self.rows = W.VBox()
        self.figure = live_figure(charts.ladder_figure(self.result))
        self.summary = _html()
        self.binder = _binder_export(self.journal)
        ideas = "".join(f"<li>{_esc(e)}</li>" for e in self.settings.examples)
        intro = _html(
            "<p>Write a few small steps towards more openness with someone who has shown they respond "
            "with care, and say how hard each one feels. The ladder puts the easiest at the bottom: start "
            "there, and mark each step done when you have tried it, however it went. Your ladder is "
            f"saved in your private journal as you go, and holds up to {self.settings.max_steps} steps.</p>"
            f"<details><summary>Need ideas?</summary><ul>{ideas}</ul></details>"
        )
        self._refresh(save=False)
        super().__init__(
            [
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

    def _add(self, _: W.Button | None = None) -> None:
        try:
            step = ladder.make_step(self.text.value, self.hard.value)
            self.result = ladder.add_step(self.result, step, self.settings)
        except ValueError as exc:
            self.status.value = _status("error", _esc(str(exc)))
            return
        self.text.value = ""
        self.status.value = _status("ok", f"“{_esc(step.text)}” is on your ladder.")
        self._refresh()

    def toggle(self, text: str) -> None:
        """Mark the step done, or not done again."""
        step = next(s for s in self.result if s.text == text)
        self.result = ladder.set_done(self.result, text, not step.done)
        word = "done. Well done for trying it" if not step.done else "not done yet"
        self.status.value = _status("ok", f"“{_esc(text)}” marked {word}.")
        self._refresh()

    def remove(self, text: str) -> None:
        self.result = ladder.remove_step(self.result, text)
        self.status.value = _status("ok", f"“{_esc(text)}” is off your ladder.")
        self._refresh()

    def _refresh(self, save: bool = True) -> None:
        if save:
            _save_session_record(self, {"steps": [s.to_dict() for s in self.result]})
        rows = []
        for n, s in reversed(list(enumerate(ladder.ladder(self.result), start=1))):
            mark = "✓ done" if s.done else "○ to do"
            label = _html(f"<b>Rung {n}:</b> {_esc(s.text)} (feels {s.difficulty} of 10; {mark})")
            toggle = _button(
                f"Not done yet: {s.text}" if s.done else f"Mark done: {s.text}",
                lambda _, t=s.text: self.toggle(t),
            )
            remove = _button(f"Remove: {s.text}", lambda _, t=s.text: self.remove(t))
            for button in (toggle, remove):
                button.layout.flex = "0 0 auto"
            rows.append(W.VBox([label, W.HBox([toggle, remove])], layout=W.Layout(margin="0 0 0.5em 0")))
        self.rows.children = rows
        redraw(self.figure, charts.ladder_figure(self.result))
        text = _esc(ladder.summary(self.result)).replace("\n", "<br>")
        self.summary.value = f"<p><b>In words:</b><br>{text}</p>"


# --------------------------------------------------------------------------------------
# Module 05: conversation planner
# --------------------------------------------------------------------------------------


class ConversationPlannerWidget(W.VBox):
    """Plan a hard conversation in four parts; saved to the journal and downloadable."""

    KIND = "conversation_plan"
    MODULE = "05_building_intimacy"

    def __init__(self, journal: Journal | None = None):
        self.journal = _journal(journal)
        self.settings = content.planner_settings()
        saved = self.journal.records(self.KIND, self.MODULE)
        self.result: dict[str, str] = (
            planner.plan_from_payload(saved[-1].payload, self.settings) if saved else {}
        )
        self._record_id: int | None = None
        self.fields: dict[str, W.Textarea] = {}
        parts: list[W.Widget] = []
        for f in self.settings.fields:
            area = W.Textarea(
                value=self.result.get(f.id, ""),
                description=f.label,
                continuous_update=False,
                layout=W.Layout(width="100%", max_width="44em", height="5em"),
                style={"description_width": "initial"},
            )
            self.fields[f.id] = area
            parts += [_html(f"<p style='margin-bottom:0'><b>{_esc(f.label)}.</b> {_esc(f.prompt)}</p>"), area]
        self.save = _button("Save my plan", self._save, "primary")
        self.status = _html()
        self.download = DownloadLink(
            label="Download my plan (Markdown)", mime="text/markdown", filename="closer-conversation-plan.md"
        )
        self.binder = _binder_export(self.journal)
        if saved and self.result:
            self.download.content = planner.plan_markdown(self.result, self.settings, saved[-1].created_at)
            self.status.value = _status(
                "info",
                f"this is the plan you saved on {_when(saved[-1].created_at)}. Edit it and save again.",
            )
        intro = _html(
            "<p>Think of a conversation you have been putting off with someone who is safe to disagree "
            "with. Fill in as much as you like; saving keeps the plan in your private journal, and the "
            "download link gives you a copy to keep.</p>"
            + _notice(f"{_esc(self.settings.safety_note)} {_help_links()}")
        )
        super().__init__(
            [intro, *parts, self.save, self.status, self.download, *([self.binder] if self.binder else [])]
        )

    def _save(self, _: W.Button | None = None) -> None:
        try:
            plan = planner.make_plan({fid: area.value for fid, area in self.fields.items()}, self.settings)
            self.result = plan
            _save_session_record(self, {"plan": plan})
        except ValueError as exc:
            self.status.value = _status("error", _esc(str(exc)))
            return
        self.download.content = planner.plan_markdown(plan, self.settings, datetime.now().astimezone())
        todo = planner.missing(plan, self.settings)
        more = f" Still to write: {_esc('; '.join(todo))}." if todo else ""
        self.status.value = _status("ok", f"your plan is saved in your journal. Download a copy below.{more}")
