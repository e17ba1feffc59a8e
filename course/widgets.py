"""ipywidgets UIs: thin wiring of content, logic, journal and charts.

Each widget is a box that shows itself when it is the last thing in a cell, and keeps
its latest outcome in ``.result`` so notebooks and tests can read it. Nothing here
waits for input, so nbgrader can execute any notebook that shows them.
Learner-written text is always HTML-escaped before it is shown.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, ClassVar

import ipywidgets as W
from ipywidgets.widgets.widget_string import HTMLStyle

from . import (
    charts,
    closeness,
    content,
    dynamics,
    fear,
    flags,
    ladder,
    marble,
    pacing,
    plan,
    planner,
    review,
    scoring,
    vocabulary,
)
from .controls import CheckboxGroup, DownloadLink, PlotlyChart, RangeInput
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


_TEXT_LOOK: list[Any] = []


def _text_look() -> tuple[W.Layout, HTMLStyle]:
    """One layout and style shared by every text block (made on first use, inside the kernel).

    Why shared: each HTML widget otherwise brings its own Layout and HTMLStyle, and these
    copies were a third of a module's widget models, each a message to the page and a model
    for it to build (`make bench`). Never change them in place: pass ``layout=`` instead.
    They are made again if something closed them (``Widget.close_all()``).
    """
    if not _TEXT_LOOK or any(w.comm is None for w in _TEXT_LOOK):
        _TEXT_LOOK[:] = [W.Layout(width="100%", max_width="52em"), HTMLStyle()]
    layout, style = _TEXT_LOOK
    return layout, style


def _html(body: str = "", layout: W.Layout | None = None, **kwargs: Any) -> W.HTML:
    shared_layout, shared_style = _text_look()
    return W.HTML(body, layout=layout or shared_layout, style=shared_style, **kwargs)


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


class ChartView(PlotlyChart):
    """A plotly chart that the page redraws in place (see ``controls.PlotlyChart``).

    Why not plotly's FigureWidget: every FigureWidget carries plotly.js (5 MB) in its widget
    state, and its first use in a kernel imports plotly's renderer module, which pulls in
    nbformat and jsonschema (seconds of start-up, measured by ``make bench``). Here the kernel
    sends only the figure's JSON with the course's config (no "Share chart" upload), and the
    page's own plotly.js draws it. ``spec`` is the figure being shown; ``figure`` loads it into
    plotly's ``go.Figure`` for whoever wants to inspect it (tests, a curious learner).
    """

    def __init__(self, fig: charts.Figure | None = None):
        super().__init__(layout=W.Layout(width="100%", max_width="52em"))
        self._config = dict(charts.CHART_CONFIG)
        self.spec: charts.Figure = {"data": [], "layout": {}}
        if fig is not None:
            self.show(fig)

    def show(self, fig: charts.Figure) -> None:
        """Replace the chart with ``fig`` (one message; nothing of the old figure survives)."""
        self.spec = fig
        title = fig["layout"].get("title", {}).get("text") or "plotly figure"
        with self.hold_sync():
            self.label = f"Chart: {title}"
            self.plot = {"data": fig["data"], "layout": fig["layout"], "config": self._config}

    @property
    def bundle(self) -> dict[str, Any]:
        """What the browser receives: data, layout and config."""
        return self.plot

    @property
    def figure(self) -> Any:
        """The chart as a ``go.Figure`` (plotly validates it on the way in)."""
        import plotly.graph_objects as go

        return go.Figure(self.spec)

    @property
    def data(self) -> tuple[Any, ...]:
        return self.figure.data

    @property
    def plot_layout(self) -> Any:
        return self.figure.layout


def live_figure(fig: charts.Figure | None = None) -> ChartView:
    """A chart view of ``fig`` with the course's chart config (no "Share chart" upload)."""
    return ChartView(fig)


def redraw(view: ChartView, fig: charts.Figure) -> None:
    """Show ``fig`` in an existing chart view."""
    view.show(fig)


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
            f"{since} Your progress and anything you write go into your private journal, never into "
            "anything you hand in.</div>"
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

    def __init__(
        self,
        module_id: str,
        prompt_id: str,
        journal: Journal | None = None,
        prompt: content.Prompt | None = None,
    ):
        self.journal = _journal(journal)
        # A widget may pass its own prompt (module 2's roots reflection builds them from data).
        self.prompt = prompt if prompt is not None else content.prompt(module_id, prompt_id)
        self.draft_key = f"reflection:{module_id}:{prompt_id}"
        self.result: Reflection | None = None
        hint = f'<br><span style="color:#444">{_esc(self.prompt.hint)}</span>' if self.prompt.hint else ""
        self.question = _html(f"<p><b>✎ {_esc(self.prompt.text)}</b>{hint}</p>")
        self.text = W.Textarea(
            description="Your reflection",
            placeholder="Write here. It is saved only in your private journal, which is never handed in.",
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
            "Only your own user account can open it (on a shared server, the people who run that "
            "server could reach its files), and the course never sends anything in it anywhere.</p>"
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
                f"closeness {p.closeness}, {_esc(self.settings.sharing_choice(p.sharing).label.lower())}",
                layout=W.Layout(width="auto"),
            )
            rows.append(W.HBox([_button(f"Remove {p.name}", lambda _, n=p.name: self.remove(n)), label]))
        self.people.children = rows
        redraw(self.figure, charts.closeness_figure(self.result, self.settings))
        text = _esc(closeness.summary(self.result, self.settings)).replace("\n", "<br>")
        self.summary.value = f"<p><b>In words:</b><br>{text}</p>"


# --------------------------------------------------------------------------------------
# Facilitators: the cohort report
# --------------------------------------------------------------------------------------


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
        self.source = _html()
        self.scores = live_figure()
        self.scores_text = _html()
        self.questions = live_figure()
        self.questions_text = _html()
        self.completion = live_figure()
        self.completion_text = _html()
        self.pending = _html()
        self.result = report.Cohort()
        super().__init__(
            [
                W.HBox([self.hide, _button("Refresh", lambda _: self.refresh())]),
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
        notes = " ".join(_esc(n) for n in self._raw.notes)
        where = f"Reading <code>{_esc(self._raw.source)}</code>. " if self._raw.source else ""
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
            text.value = f"<p><b>In words:</b> {_esc(describe(cohort))}</p>"
        if not cohort.pending:
            self.pending.value = "<p><b>Reflections waiting for you:</b> none.</p>"
            return
        rows = "".join(
            f"<tr><td>{_esc(p.student)}</td><td>{_esc(p.assignment)}</td><td>{_esc(p.question)}</td></tr>"
            for p in cohort.pending
        )
        self.pending.value = (
            f"<p><b>Reflections waiting for you: {len(cohort.pending)}.</b> Grade them in the Formgrader "
            "(Nbgrader menu, Formgrader).</p>"
            '<table><caption style="text-align:left">Answers that need manual grading</caption>'
            '<thead><tr><th scope="col">Learner</th><th scope="col">Assignment</th>'
            f'<th scope="col">Question</th></tr></thead><tbody>{rows}</tbody></table>'
        )


# --------------------------------------------------------------------------------------
# Module 2: the signs check and the roots reflection
# --------------------------------------------------------------------------------------


def _history(title: str, rows: list[str]) -> str:
    """Earlier saves as a collapsible list, newest first (rows are already escaped)."""
    if not rows:
        return ""
    items = "".join(f"<li>{row}</li>" for row in reversed(rows))
    return f"<details><summary>{title} ({len(rows)})</summary><ul>{items}</ul></details>"


class SignsCheckWidget(W.VBox):
    """The seven common signs as a checklist, read back gently. Never a score or a label."""

    KIND = "signs_check"
    MODULE = "02_fear_of_intimacy"

    def __init__(self, journal: Journal | None = None):
        self.journal = _journal(journal)
        self.settings = content.fear_settings()
        self.boxes = {
            sign.id: W.Checkbox(
                value=False,
                description=sign.label,
                indent=False,
                layout=W.Layout(width="auto", max_width="52em"),
            )
            for sign in self.settings.signs
        }
        for box in self.boxes.values():
            box.observe(lambda _: self._read(), names="value")
        self.reading = _html()
        self.save = _button("Save to my journal", self._save)
        self.status = _html()
        self.history = _html()
        self.binder = _binder_export(self.journal)
        intro = _html(
            "<p>Tick any statement that sounds like you <i>most of the time</i>, with friends, "
            "family or partners. Leave the rest. A reading appears below as you tick. Nothing is "
            "saved unless you press <b>Save to my journal</b>.</p>" + _notice(_esc(self.settings.note))
        )
        self._read()
        self._show_history()
        super().__init__(
            [
                intro,
                *self.boxes.values(),
                self.reading,
                self.save,
                self.status,
                self.history,
                *([self.binder] if self.binder else []),
            ]
        )

    def _read(self) -> None:
        ticked = [sign_id for sign_id, box in self.boxes.items() if box.value]
        self.result: fear.SignsReading = fear.read_signs(ticked, self.settings)
        r = self.result
        body = f"<p>{_esc(r.text)}</p>"
        if r.signs:
            items = "".join(
                f"<li><b>{_esc(sign.label)}.</b> {_esc(sign.meaning)}<br><i>A small step:</i> "
                f"{_esc(sign.step)}</li>"
                for sign in r.signs
            )
            body += f"<p><b>{_esc(r.opening)}</b></p><ul>{items}</ul>"
        self.reading.value = (
            '<div style="border:1px solid #0072B2;border-radius:6px;padding:0.4em 0.9em;margin:0.5em 0">'
            f"<p><b>A gentle reading</b></p>{body}</div>"
        )

    def _save(self, _: W.Button | None = None) -> None:
        labels = [sign.label for sign in self.result.signs]
        record = self.journal.add_record(
            self.KIND, self.MODULE, {"signs_recognised": labels or ["none of the seven, this time"]}
        )
        self.status.value = _status("ok", f"saved to your private journal ({_when(record.created_at)}).")
        self._show_history()
        if self.binder:
            self.binder.refresh()

    def _show_history(self) -> None:
        rows = []
        for record in self.journal.records(self.KIND, self.MODULE):
            labels = record.payload.get("signs_recognised", [])
            words = "; ".join(str(label) for label in labels) if isinstance(labels, list) else ""
            rows.append(f"<i>{_when(record.created_at)}</i>: {_esc(words)}")
        self.history.value = _history("What you have saved before", rows)


class RootsReflectionWidget(W.VBox):
    """Guided prompts about where a fear of closeness may come from, saved to the journal.

    The learner picks one area; each has a prompt and a few guiding questions. Every
    area is an ordinary journal reflection (prompt id ``roots_<area>``), with drafts kept.
    """

    MODULE = "02_fear_of_intimacy"

    def __init__(self, journal: Journal | None = None):
        self.journal = _journal(journal)
        self.settings = content.fear_settings()
        self.area = W.RadioButtons(
            options=[(a.label, a.id) for a in self.settings.roots],
            value=self.settings.roots[0].id,
            description="Area to explore",
            layout=W.Layout(width="auto", max_width="52em"),
            style={"description_width": "initial"},
        )
        self.guide = _html()
        self.holder = W.VBox()
        self._reflections: dict[str, ReflectionWidget] = {}
        intro = _html(
            "<p>Choose one area to think about. You do not have to write about anything painful, "
            "and you can stop at any time. What you write goes only into your private journal.</p>"
        )
        self._show(self.area.value)
        self.area.observe(lambda change: self._show(change["new"]), names="value")
        super().__init__([intro, self.area, self.guide, self.holder])

    def prompt_for(self, area: content.RootArea) -> content.Prompt:
        return content.Prompt(module=self.MODULE, id=f"roots_{area.id}", text=area.prompt, hint=area.hint)

    def _show(self, area_id: str) -> None:
        area = self.settings.root(area_id)
        if area_id not in self._reflections:
            prompt = self.prompt_for(area)
            self._reflections[area_id] = ReflectionWidget(self.MODULE, prompt.id, self.journal, prompt=prompt)
        self.current = self._reflections[area_id]
        note = _notice(_esc(area.note)) if area.note else ""
        questions = "".join(f"<li>{_esc(q)}</li>" for q in area.questions)
        self.guide.value = (
            f"{note}<p>Questions that may help with the prompt below (answer any, all or none):</p>"
            f"<ul>{questions}</ul>"
        )
        self.holder.children = [self.current]

    @property
    def result(self) -> Reflection | None:
        """The reflection saved last for the area on screen, if any."""
        return self.current.result


# --------------------------------------------------------------------------------------
# Module 3: the Avoider and Pursuer self-assessment, and the pursue-withdraw loop
# --------------------------------------------------------------------------------------


class PatternsCheckWidget(W.VBox):
    """Two scales answered 1-7, scored as means, placed on a quadrant chart with earlier results."""

    KIND = "patterns_check"
    MODULE = "03_avoider_and_pursuer"

    def __init__(self, journal: Journal | None = None):
        self.journal = _journal(journal)
        self.settings = s = content.patterns_settings()
        self.result: scoring.PatternResult | None = None
        self._saved_id: int | None = None
        middle = (s.low + s.high) // 2
        options = [
            (f"{v} {s.answers[v - s.low]}" if v in (s.low, middle, s.high) else str(v), v)
            for v in range(s.low, s.high + 1)
        ]
        legend = ", ".join(
            f"{v} = {word}" for v, word in zip(range(s.low, s.high + 1), s.answers, strict=True)
        )
        self.answers: dict[str, W.RadioButtons] = {}
        rows: list[W.Widget] = []
        for n, item in enumerate(s.items, start=1):
            radio = W.RadioButtons(
                options=options,
                index=None,
                description=f"Statement {n}",
                orientation="horizontal",
                layout=W.Layout(width="auto", max_width="52em"),
                style={"description_width": "initial"},
            )
            radio.observe(self._answered, names="value")
            self.answers[item.id] = radio
            rows += [_html(f'<p style="margin:0.9em 0 0.1em"><b>{n}.</b> {_esc(item.text)}</p>'), radio]
        self.progress = _html()
        self.show = _button("See where I sit", self._score, "primary")
        self.save = _button("Save this result to my journal", self._save, disabled=True)
        self.status = _html()
        self.reading = _html()
        earlier = self._earlier()
        self.figure = live_figure(charts.patterns_figure(None, earlier, s))
        self.summary = _html(self._words(earlier))
        self.binder = _binder_export(self.journal)
        intro = _html(
            f"{_notice(_esc(s.note))}<p>Answer each statement for how you are <i>in general</i> with "
            f"people you are close to, or would like to be: {_esc(legend)}. Go with your first sense; "
            "there are no right answers. Then press <b>See where I sit</b>. Nothing is saved unless "
            "you choose to save it.</p>"
        )
        self._answered()
        super().__init__(
            [
                intro,
                *rows,
                self.progress,
                W.HBox([self.show, self.save]),
                self.status,
                self.reading,
                self.figure,
                self.summary,
                *([self.binder] if self.binder else []),
            ]
        )

    def _earlier(self) -> list[tuple[datetime, scoring.PatternResult]]:
        out = []
        for record in self.journal.records(self.KIND, self.MODULE):
            result = scoring.result_from_payload(record.payload, self.settings)
            if result is not None and record.id != self._saved_id and record.created_at is not None:
                out.append((record.created_at, result))
        return out

    def _given(self) -> dict[str, int]:
        return {item_id: radio.value for item_id, radio in self.answers.items() if radio.value is not None}

    def _answered(self, change: dict[str, Any] | None = None) -> None:
        done, total = len(self._given()), len(self.answers)
        self.progress.value = f"<p><b>{done} of {total} answered.</b></p>"
        if change is not None and self.result is not None:
            self._score()  # an answer changed after scoring: keep the result in step

    def _score(self, _: W.Button | None = None) -> None:
        try:
            result = scoring.score_patterns(self._given(), self.settings)
        except ValueError as exc:
            self.status.value = _status("warn", _esc(str(exc)))
            return
        changed = result != self.result
        self.result = result
        region = self.settings.region(result.region)
        self.reading.value = (
            '<div style="border:1px solid #0072B2;border-radius:6px;padding:0.4em 0.9em;margin:0.5em 0">'
            f"<p><b>Where you sit today: {_esc(region.label)}.</b> {_esc(region.description)}</p>"
            f"<p>Avoider scale {result.avoider:.1f}, Pursuer scale {result.pursuer:.1f} "
            f"(each from {self.settings.low} to {self.settings.high}; {self.settings.threshold} is the "
            "middle). This is a reflection tool, not a validated test or a diagnosis.</p></div>"
        )
        if changed:
            self._saved_id = None
            self.save.disabled = False
            self.status.value = _status(
                "info", "here is where your answers place you. Save it if you would like to compare later."
            )
        self._describe()

    def _words(self, earlier: list[tuple[datetime, scoring.PatternResult]]) -> str:
        text = charts.patterns_summary(self.result, earlier, self.settings)
        return f"<p><b>In words:</b> {_esc(text)}</p>"

    def _describe(self) -> None:
        earlier = self._earlier()
        redraw(self.figure, charts.patterns_figure(self.result, earlier, self.settings))
        self.summary.value = self._words(earlier)

    def _save(self, _: W.Button | None = None) -> None:
        if self.result is None:
            self.status.value = _status("warn", "press “See where I sit” first.")
            return
        payload = {
            **self.result.to_dict(),
            "in_words": self.settings.region(self.result.region).label,
        }
        record = self.journal.add_record(self.KIND, self.MODULE, payload)
        self._saved_id = record.id
        self.save.disabled = True
        self.status.value = _status(
            "ok",
            f"saved to your private journal ({_when(record.created_at)}). Come back any time to compare.",
        )
        self._describe()
        if self.binder:
            self.binder.refresh()


class PursueWithdrawWidget(W.VBox):
    """The pursue-withdraw loop: sliders for both people's sensitivity and for my own change."""

    def __init__(self) -> None:
        self.role = W.RadioButtons(
            options=[
                ("mostly reach out (I pursue)", "pursue"),
                ("mostly step back (I withdraw)", "withdraw"),
            ],
            value="pursue",
            description="In this loop I",
            layout=W.Layout(width="auto", max_width="52em"),
            style={"description_width": "initial"},
        )
        self.mine = RangeInput(
            label="How strongly I react to their move",
            value=8,
            low_label="hardly",
            high_label="very strongly",
        )
        self.theirs = RangeInput(
            label="How strongly they react to my move",
            value=8,
            low_label="hardly",
            high_label="very strongly",
        )
        self.change = RangeInput(
            label="What I change in how I respond", value=0, low_label="nothing yet", high_label="a lot"
        )
        self.result: dynamics.LoopRun = self._run()
        self.figure = live_figure(charts.pursue_withdraw_figure(self.result))
        self.summary = _html(self._words())
        for control in (self.role, self.mine, self.theirs, self.change):
            control.observe(lambda _: self._update(), names="value")
        intro = _html(
            "<p>Two people, one loop. Choose your side, set how strongly each of you reacts to the "
            "other's last move, then try changing your own response. Softening your side might mean "
            "saying what you feel once and then giving space, instead of chasing; or saying “I need "
            "half an hour, then let's talk”, instead of vanishing. This is a toy model to think with, "
            "not a prediction about any real relationship.</p>"
        )
        super().__init__([intro, self.role, self.mine, self.theirs, self.change, self.figure, self.summary])

    def _run(self) -> dynamics.LoopRun:
        return dynamics.pursue_withdraw(
            self.mine.value, self.theirs.value, self.change.value, role=self.role.value
        )

    def _words(self) -> str:
        text = charts.pursue_withdraw_summary(self.result)
        return f'<p role="status"><b>In words, what you are seeing:</b> {_esc(text)}</p>'

    def _update(self) -> None:
        self.result = self._run()
        redraw(self.figure, charts.pursue_withdraw_figure(self.result))
        self.summary.value = self._words()


# --------------------------------------------------------------------------------------
# The marble on the pane of glass (module 06)
# --------------------------------------------------------------------------------------


# The effort slider's words follow what the partner does: (label, low end, high end).
_MARBLE_STRENGTH = {
    marble.LEAN_IN: ("{name}'s effort: how much they put in", "nothing", "all they can give"),
    marble.PULL_AWAY: ("How strongly {name} pulls away", "not at all", "as hard as they can"),
}


class MarbleWidget(W.VBox):
    """Two partners tilt a shared pane; the marble's path shows where their closeness goes.

    A story button loads one of the three stories in marble.yaml; every control change
    reruns the (instant) model and redraws. Nothing is saved: it is a thinking tool.
    """

    def __init__(self, story_id: str | None = None):
        self.settings = content.marble_settings()
        self.story = self.settings.story(story_id) if story_id else self.settings.stories[0]
        self._loading = False
        wide = {"description_width": "initial"}
        self.story_buttons = {
            s.id: _button(f"Story: {s.title}", lambda _, sid=s.id: self.load(sid))
            for s in self.settings.stories
        }
        self.controls: dict[str, tuple[W.Dropdown, RangeInput, RangeInput]] = {}
        boxes = []
        for key in ("a", "b"):
            stance = W.Dropdown(
                options=[(c.label, c.id) for c in self.settings.stances],
                description="x",
                style=wide,
                layout=W.Layout(width="34em", max_width="100%"),
            )
            effort = RangeInput(label="x", value=5)
            attention = RangeInput(label="x", value=5, low_label="not noticing", high_label="fully tuned in")
            for control in (stance, effort, attention):
                control.observe(lambda _: self._changed(), names="value")
            self.controls[key] = (stance, effort, attention)
            boxes.append(W.VBox([stance, effort, attention], layout=W.Layout(margin="0 0 0.6em 0")))
        self.story_text = _html()
        self.figure = live_figure()
        self.summary = _html()
        self.result: marble.Run | None = None
        intro = _html(
            "<p>Choose a story to load it, then change anything you like: what each partner does, "
            "how much effort they put in, and how much attention they pay to where the marble is. "
            "The direction the marble rolls means nothing; only its distance from the centre matters. "
            "The numbers are made up to show the idea; they do not measure anyone.</p>"
        )
        super().__init__(
            [
                intro,
                W.HBox(list(self.story_buttons.values()), layout=W.Layout(flex_flow="row wrap")),
                self.story_text,
                *boxes,
                self.figure,
                self.summary,
            ]
        )
        self.load(self.story.id)

    def load(self, story_id: str) -> None:
        """Put a story's settings on the controls and run it."""
        self.story = self.settings.story(story_id)
        self._loading = True
        try:
            for key, side in (("a", self.story.a), ("b", self.story.b)):
                stance, effort, attention = self.controls[key]
                stance.description = f"What {side.name} does"
                stance.value, effort.value, attention.value = side.stance, side.effort, side.attention
        finally:
            self._loading = False
        self.story_text.value = f"<p><b>Story: {_esc(self.story.title)}.</b> {_esc(self.story.setup)}</p>"
        self._run()

    def _changed(self) -> None:
        if not self._loading:
            self._run()

    def _partner(self, key: str) -> marble.Partner:
        stance, effort, attention = self.controls[key]
        name = getattr(self.story, key).name
        return marble.make_partner(name, stance.value, effort.value, attention.value)

    def _as_story(self) -> bool:
        """True while the controls still hold the loaded story's settings."""
        return all(
            (stance.value, effort.value, attention.value) == (side.stance, side.effort, side.attention)
            for (stance, effort, attention), side in zip(
                self.controls.values(), (self.story.a, self.story.b), strict=True
            )
        )

    def _run(self) -> None:
        for key, (stance, effort, attention) in self.controls.items():
            name = getattr(self.story, key).name
            label, low, high = _MARBLE_STRENGTH[stance.value]
            effort.label, effort.low_label, effort.high_label = label.format(name=name), low, high
            attention.disabled = stance.value == marble.PULL_AWAY  # pulling away needs no attention
            attention.label = f"{name}'s attention: how well they notice where the marble is" + (
                " (plays no part in pulling away)" if attention.disabled else ""
            )
        self.result = marble.simulate(self._partner("a"), self._partner("b"))
        redraw(self.figure, charts.marble_figure(self.result))
        words = f"<p><b>In words:</b> {_esc(marble.summary(self.result))}</p>"
        if self._as_story():
            words += f"<p><b>What this story shows:</b> {_esc(self.story.lesson)}</p>"
        else:
            words += (
                "<p><i>You have changed the story's settings, so the words above describe your "
                "version. Press a story button to go back to it.</i></p>"
            )
        self.summary.value = words


# --------------------------------------------------------------------------------------
# Next steps (module 07): plan builder, journal review, progress charts
# --------------------------------------------------------------------------------------


class PlanBuilder(W.VBox):
    """Up to three intentions, each with a small step and a supporter; saved, restored, exportable."""

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
        self.journal = _journal(journal)
        saved = self.journal.records(self.KIND, self.MODULE)
        self.result: list[plan.Intention] = plan.plan_from_payload(saved[-1].payload) if saved else []
        self._record_id: int | None = None
        self._saved_at: datetime | None = saved[-1].created_at if saved else None
        wide = {"description_width": "11em"}  # one width, so the three boxes line up
        field = W.Layout(width="100%", max_width="50em")
        self.rows: list[tuple[W.Text, W.Text, W.Text]] = []
        boxes = []
        for n, (goal, step, who) in enumerate(self.EXAMPLES, start=1):
            row = (
                W.Text(description=f"Intention {n}", placeholder=f"e.g. {goal}", style=wide, layout=field),
                W.Text(
                    description="A small first step", placeholder=f"e.g. {step}", style=wide, layout=field
                ),
                W.Text(
                    description="Who can support you", placeholder=f"e.g. {who}", style=wide, layout=field
                ),
            )
            self.rows.append(row)
            boxes.append(W.VBox(list(row), layout=W.Layout(margin="0 0 0.8em 0")))
        for row, item in zip(self.rows, self.result, strict=False):
            row[0].value, row[1].value, row[2].value = item.intention, item.step, item.support
        self.save = _button("Save my plan", self._save, "primary")
        self.status = _html()
        self.summary = _html()
        self.download = DownloadLink(
            label="Download my plan (Markdown)", mime="text/markdown", filename="closer-plan.md"
        )
        self.binder = _binder_export(self.journal)
        if saved:
            self.status.value = _status("info", f"your plan from {_when(self._saved_at)} is filled in below.")
        intro = _html(
            "<p>Write up to three things you would like to move towards, a first step small enough "
            "to try this week, and who could support you. One is plenty. The plan is saved in your "
            "private journal, and you can download it.</p>"
        )
        self._show()
        super().__init__(
            [
                intro,
                *boxes,
                self.save,
                self.status,
                self.summary,
                self.download,
                *([self.binder] if self.binder else []),
            ]
        )

    def _save(self, _: W.Button | None = None) -> None:
        try:
            new = plan.plan_from_rows([[w.value for w in row] for row in self.rows])
        except ValueError as exc:
            self.status.value = _status("error", _esc(str(exc)))
            return
        if not new and not self.result and self._record_id is None:
            self.status.value = _status(
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
        self.status.value = _status("ok", f"your plan is saved in your journal ({_when(self._saved_at)}).")
        self._show()
        if self.binder:
            self.binder.refresh()

    def _show(self) -> None:
        self.summary.value = f"<p><b>In words:</b> {_esc(plan.plan_summary(self.result))}</p>"
        self.download.content = plan.plan_markdown(self.result, self._saved_at) if self.result else ""


class JournalReview(W.VBox):
    """The learner's own journal, grouped by module, with a friendly word when it is empty."""

    def __init__(self, journal: Journal | None = None):
        self.journal = _journal(journal)
        self.body = _html()
        self.result: list[review.ModuleReview] = []
        super().__init__([self.body, _button("Refresh", lambda _: self.refresh())])
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
        f"<li><i>{_when(e.when)}</i> · <b>{_esc(e.prompt)}</b><br>{_esc(e.text).replace(chr(10), '<br>')}"
        "</li>"
        for e in m.reflections
    )
    body = f"<ul>{items}</ul>" if items else "<p>Nothing written here, only what is listed above.</p>"
    return f"<details><summary><b>{_esc(m.title)}</b>: {_esc(', '.join(bits))}</summary>{body}</details>"


class ProgressCharts(W.VBox):
    """Progress through the modules and check-ins over time, each chart told in words too."""

    def __init__(self, journal: Journal | None = None):
        self.journal = _journal(journal)
        self.progress_figure = live_figure()
        self.progress_words = _html()
        self.checkin_figure = live_figure()
        self.checkin_words = _html()
        self.result: dict[str, Any] = {}
        super().__init__(
            [
                self.progress_figure,
                self.progress_words,
                self.checkin_figure,
                self.checkin_words,
                _button("Refresh the charts", lambda _: self.refresh()),
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
            f"<p><b>In words:</b> {_esc(review.progress_summary(modules, status))}</p>"
        )
        redraw(self.checkin_figure, charts.checkin_figure(checkins, scales))
        self.checkin_words.value = f"<p><b>In words:</b> {_esc(charts.checkin_summary(checkins, scales))}</p>"


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
        self.figure = live_figure()
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
    """One scenario at a time: pick a flag, see the course's reading and why; a summary at the end.

    Scenes about control, pressure or threats (``safety``) start hidden: only the title and a
    content note show until the learner presses "Show scene", so skipping one really spares
    them from reading it.
    """

    def __init__(self) -> None:
        self.settings = content.flag_settings()
        self.order = flags.sorter_order(self.settings)
        self.index = 0
        self.picks: dict[str, flags.Pick] = {}
        self.revealed: set[str] = set()
        self.result = flags.tally([], self.settings)
        self.where = _html()
        self.card = _html()
        self.show = _button("Show scene", lambda _: self.reveal(), tooltip="Show the full text of this scene")
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
    def scenario(self) -> content.Scenario:
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
        self.where.value = f"<p><b>Scene {self.index + 1} of {len(self.order)}</b> · {_esc(area)}</p>"
        if self.hidden:
            self.card.value = _box(
                f"<b>{_esc(s.title)}</b><br><b>Content note:</b> this scene is about "
                f"{_esc(s.content_note)}. It stays hidden unless you choose to read it: press "
                "<b>Show scene</b> to read it, or <b>Skip this one</b> to move on."
            )
        else:
            self.card.value = _box(f"<b>{_esc(s.title)}</b><br>{_esc(s.text)}")
        self.show.layout.display = None if self.hidden else "none"
        for button in self.flag_buttons.values():
            button.disabled = self.hidden
        done = self.picks.get(s.id)
        self.feedback.value = self._feedback(done) if done else ""
        self.back.disabled = self.index == 0
        self.next.disabled = self.index == len(self.order) - 1

    def reveal(self) -> None:
        """Show the full text of the current scene (for a safety scene, which starts hidden)."""
        self.revealed.add(self.scenario.id)
        self.go(self.index)

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
            note = _notice(
                f"Skipped, which is always fine. {_esc(self.settings.safety_note)} {_help_links()}"
            )
            return f'<div role="status">{note}</div>'
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
        self.revealed = set()
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
                "someone who never seems to share back. Answer the three questions about it.</p>"
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
        support = []
        if self.result.outcome == "treat_as_red":
            support.append("If you feel unsafe or afraid, you deserve support.")
        if self.result.not_heard:
            support.append(_esc(self.settings.not_heard_note))
        if support:
            body += _notice(f"{' '.join(support)} {_help_links()}")
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
        self._quiet = False
        self.groups: dict[str, CheckboxGroup] = {}
        for core in self.taxonomy.cores:
            group = CheckboxGroup(
                legend=core.label,
                options=[w.word for w in core.words],
                hints=[w.meaning for w in core.words],
                layout=W.Layout(width="11em"),
            )
            group.observe(self._ticked, names="value")
            self.groups[core.id] = group
        self.figure = live_figure()  # drawn by self._update() below
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
            f"<li><b>{_esc(c.label)}</b> ({_esc(c.about)})<ul>"
            + "".join(f"<li>{_esc(w.word)}: {_esc(w.meaning)}</li>" for w in c.words)
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

    def picked(self) -> tuple[content.EmotionWord, ...]:
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
        with self._one_redraw():
            for group in self.groups.values():
                group.value = []
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
