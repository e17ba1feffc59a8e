"""Pieces every course widget shares: the panel every tool sits in, text blocks, status lines,
buttons, writing boxes, the chart view, the journal in use, and Binder's export reminder.

Colours are never written into the HTML: status lines, notices and boxes carry classes whose
colours come from JupyterLab's theme (``controls.CourseStyle``), so they read well in light and
dark themes alike."""

from __future__ import annotations

import html as _html_lib
from collections.abc import Callable
from datetime import datetime
from typing import Any

import ipywidgets as W
from ipywidgets.widgets.widget_string import HTMLStyle

from .. import content
from ..charts.base import CHART_CONFIG, Figure, dark_theme
from ..journal import Journal, JournalLocked, browser_storage_missing, default_journal, on_binder
from .controls import Button, CourseStyle, DownloadLink, PlotlyChart, StatusLine, TextArea

BROWSER_STORAGE_NOTICE = (
    "<b>This page could not reach your browser's storage</b>, so anything you write here now "
    "would be gone when the page reloads or closes. Reload the page to try again. If this "
    "notice comes back, your browser may not allow storage here (some private windows do not): "
    "open Closer in a normal window, or use <b>Export my journal</b> in the journal panel before "
    "you leave to keep a copy."
)
BINDER_NOTICE = (
    "<b>You are on Binder, and Binder forgets.</b> This session's files, your journal "
    "included, are deleted when the session ends or sits idle for a while. Use "
    "<b>Export my journal</b> in the journal panel, then the download links, to keep a copy "
    "on your own computer."
)


def esc(text: str) -> str:
    return _html_lib.escape(text, quote=True)


def uncapital(text: str) -> str:
    """A label used mid-sentence: only its first letter goes lower case ("mostly I open up")."""
    return text[:1].lower() + text[1:]


_TEXT_LOOK: list[Any] = []


def text_look() -> tuple[W.Layout, HTMLStyle]:
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


def html(body: str = "", layout: W.Layout | None = None, **kwargs: Any) -> W.HTML:
    shared_layout, shared_style = text_look()
    return W.HTML(body, layout=layout or shared_layout, style=shared_style, **kwargs)


_STYLE: list[CourseStyle] = []


def course_style() -> CourseStyle:
    """The course's page-wide style, one model per kernel shown in every course widget (so any
    notebook that shows one gets the theme colours, focus rings and phone layout)."""
    if not _STYLE or _STYLE[0].comm is None:
        _STYLE[:] = [CourseStyle()]
    return _STYLE[0]


class Panel(W.VBox):
    """The box every course tool sits in: it carries the course's style and keeps its keys
    away from JupyterLab's notebook shortcuts (see ``controls.CourseStyle``)."""

    def __init__(self, children: list[W.Widget], **kwargs: Any):
        super().__init__([*children, course_style()], **kwargs)
        self.add_class("closer-widget")


def status(kind: str, message: str) -> str:
    """A status line carrying a symbol and a word, so colour is never the only signal.

    Shown in a ``status_line()``, which is the live region screen readers announce."""
    symbol, word = {
        "ok": ("✓", "Done"),
        "info": ("ℹ", "Note"),
        "warn": ("⚠", "Check"),
        "error": ("✗", "Not saved"),
    }[kind]
    return f'<p class="closer-status closer-status--{kind}"><b>{symbol} {word}:</b> {message}</p>'


def status_line(value: str = "") -> StatusLine:
    """Where a tool says what just happened: announced by screen readers, and able to take the
    focus when an action removed the control the learner was on."""
    return StatusLine(value)


def notice(body: str) -> str:
    return f'<div class="closer-notice">⚠ {body}</div>'


def when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%d %b %Y, %H:%M") if moment else ""


def button(text: str, on_click: Callable[[Button], None], style: str = "", **kw: Any) -> Button:
    """A native button; ``context=`` adds words to its name for screen readers only."""
    button = Button(text, button_style=style, **kw)
    button.on_click(on_click)
    return button


def writing_box(
    label: str,
    placeholder: str = "",
    *,
    rows: int = 4,
    width: str = "40em",
    value: str = "",
    hint: str = "",
    context: str = "",
) -> TextArea:
    """A labelled text area for the learner's own words, sent to the kernel when focus leaves it."""
    return TextArea(
        label, rows=rows, value=value, placeholder=placeholder, hint=hint, context=context, max_width=width
    )


class ChartView(PlotlyChart):
    """A plotly chart that the page redraws in place (see ``controls.PlotlyChart``).

    Why not plotly's FigureWidget: every FigureWidget carries plotly.js (5 MB) in its widget
    state, and its first use in a kernel imports plotly's renderer module, which pulls in
    nbformat and jsonschema (seconds of start-up, measured by ``make bench``). Here the kernel
    sends only the figure's JSON with the course's config (no "Share chart" upload), and the
    page's own plotly.js draws it. ``spec`` is the figure being shown; ``figure`` loads it into
    plotly's ``go.Figure`` for whoever wants to inspect it (tests, a curious learner).
    """

    def __init__(self, fig: Figure | None = None):
        super().__init__(layout=W.Layout(width="100%", max_width="52em"), themes={"dark": dark_theme()})
        self._config = dict(CHART_CONFIG)
        self.spec: Figure = {"data": [], "layout": {}}
        if fig is not None:
            self.show(fig)

    def show(self, fig: Figure) -> None:
        """Replace the chart with ``fig`` (one message; nothing of the old figure survives).

        The title goes to the page as text above the plot (``caption``): it wraps on a phone,
        where plotly would cut it off, and the room plotly kept for it goes to the legend."""
        self.spec = fig
        title = fig["layout"].get("title", {}).get("text") or ""
        layout = {key: value for key, value in fig["layout"].items() if key != "title"}
        if title:
            layout["margin"] = {**layout.get("margin", {}), "t": 10}
        with self.hold_sync():
            self.label = f"Chart: {title or 'plotly figure'}"
            self.caption = title
            self.plot = {"data": fig["data"], "layout": layout, "config": self._config}

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


def live_figure(fig: Figure | None = None) -> ChartView:
    """A chart view of ``fig`` with the course's chart config (no "Share chart" upload)."""
    return ChartView(fig)


def redraw(view: ChartView, fig: Figure) -> None:
    """Show ``fig`` in an existing chart view."""
    view.show(fig)


def journal_or_default(journal: Journal | None) -> Journal:
    return journal if journal is not None else default_journal()


def storage_banner() -> list[W.Widget]:
    """A notice where the journal will not last: on Binder, or in a browser page whose storage
    is not connected."""
    if on_binder():
        return [html(notice(BINDER_NOTICE))]
    if browser_storage_missing():
        return [html(notice(BROWSER_STORAGE_NOTICE))]
    return []


def module_titles() -> dict[str, str]:
    return {m.id: f"Module {m.number}: {m.title}" for m in content.modules()}


class BinderExport(W.VBox):
    """On Binder only: a reminder that files vanish, with the journal as a download link."""

    def __init__(self, journal: Journal):
        self.journal = journal
        self.link = DownloadLink(
            label="Download my journal (Markdown)", mime="text/markdown", filename="closer-journal.md"
        )
        note = html(
            notice(
                "<b>Binder forgets:</b> this session's files vanish when it ends. "
                "Save your journal to your own computer with the link below before you leave."
            )
        )
        super().__init__([note, self.link])
        self.refresh()

    def refresh(self) -> None:
        try:
            self.link.content = self.journal.export_markdown(module_titles())
        except JournalLocked:
            self.link.content = ""  # a locked journal is exported only after unlocking


LOCKED_NOTICE = (
    "🔒 <b>Your journal is locked.</b> What you save here is sealed with your passphrase. To see "
    "what you saved before, unlock the journal in the journal panel (module 0 or module 7)."
)


def locked_notice(journal: Journal) -> list[W.Widget]:
    """A line saying the journal is locked, for widgets that show what was saved before."""
    return [html(notice(LOCKED_NOTICE))] if journal.locked else []


def binder_export(journal: Journal) -> BinderExport | None:
    return BinderExport(journal) if on_binder() else None


def history(title: str, rows: list[str]) -> str:
    """Earlier saves as a collapsible list, newest first (rows are already escaped)."""
    if not rows:
        return ""
    items = "".join(f"<li>{row}</li>" for row in reversed(rows))
    return f"<details><summary>{title} ({len(rows)})</summary><ul>{items}</ul></details>"


def help_links() -> str:
    """The help finders as links, then what to do in an emergency (HTML)."""
    info = content.help_info()
    links = " or ".join(
        f'<a href="{esc(f.url)}" target="_blank" rel="noopener">{esc(f.name)}</a>' for f in info.finders
    )
    return f"{links} can find a free, confidential line near you. {esc(info.emergency)}"


def box(body: str) -> str:
    """A framed block of words (a reading, a verdict); shown in a status line when it changes."""
    return f'<div class="closer-box">{body}</div>'


def save_session_record(widget: Any, payload: dict[str, Any]) -> None:
    """One journal record per editing session: added on the first save, updated after."""
    if widget._record_id is None:
        widget._record_id = widget.journal.add_record(widget.KIND, widget.MODULE, payload).id
    else:
        widget.journal.update_record(widget._record_id, payload)
    if widget.binder:
        widget.binder.refresh()
