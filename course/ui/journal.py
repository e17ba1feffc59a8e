"""Module start and finish, the progress overview, and the journal manager (module 0)."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import ipywidgets as W

from .. import content
from ..journal import Journal, JournalLocked, Progress, in_browser
from . import base
from .controls import Button, CheckboxGroup, DownloadLink
from .privacy import JournalPrivacy


class ModuleStart(base.Panel):
    """Opens a module: records that it was started and says how long it takes."""

    def __init__(self, module_id: str, journal: Journal | None = None):
        self.module = content.module(module_id)
        self.journal = base.journal_or_default(journal)
        self.result: Progress = self.journal.mark(module_id, "started")
        m = self.module
        exercise = (
            f" (its exercise, if your group does them: about {m.exercise_minutes} more)"
            if m.exercise_minutes
            else ""
        )
        since = f"You started it on {base.when(self.result.started_at)}."
        if self.result.completed_at:
            since = f"You finished it on {base.when(self.result.completed_at)}; welcome back."
        card = base.html(
            '<div class="closer-card">'
            f"<b>Module {m.number}: {base.esc(m.title)}</b> · about {m.minutes} minutes{exercise}<br>"
            f"{since} Your progress and anything you write go into your private journal, never into "
            "anything you hand in.</div>"
        )
        super().__init__([card, *base.storage_banner()])


class ModuleDone(base.Panel):
    """A button to mark the module as finished; the progress view in module 7 uses it."""

    def __init__(self, module_id: str, journal: Journal | None = None):
        self.module = content.module(module_id)
        self.journal = base.journal_or_default(journal)
        self.result: Progress | None = self.journal.progress().get(module_id)
        self.button = base.button(
            "I have finished this module", self._done, "success", context=f"Module {self.module.number}"
        )
        self.status = base.status_line()
        if self.result and self.result.completed_at:
            self.status.value = base.status(
                "ok", f"you marked this module as finished on {base.when(self.result.completed_at)}."
            )
        super().__init__([self.button, self.status])

    def _done(self, _: Button | None = None) -> None:
        self.result = self.journal.mark(self.module.id, "completed")
        self.status.value = base.status(
            "ok", f"module {self.module.number} marked as finished ({base.when(self.result.completed_at)})."
        )


class ProgressOverview(base.Panel):
    """Every module with its time and the learner's status, in words and symbols."""

    def __init__(self, journal: Journal | None = None):
        self.journal = base.journal_or_default(journal)
        self.table = base.html()
        refresh = base.button("Refresh", lambda _: self.refresh(), context="your progress table")
        super().__init__([self.table, refresh])
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
                f"<tr><td>{m.number}</td><td>{base.esc(m.title)}</td>"
                f"<td>{m.minutes} min</td><td>{mark}</td></tr>"
            )
        self.table.value = (
            '<table><caption style="text-align:left">'
            "Your progress through the course</caption>"
            '<thead><tr><th scope="col">#</th><th scope="col">Module</th>'
            '<th scope="col">Time</th><th scope="col">Status</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )


BROWSER_WHERE = (
    "<p>Your journal is kept in this browser, in the storage it keeps for this site (as "
    "<code>.closer/journal.jsonl</code>), on this device only. The course never sends anything in it "
    "anywhere. It is private from the course, not from people: anyone who can use this browser can open "
    "it.</p>"
)
BROWSER_NOTICE = (
    "<b>Clearing this browser's data for the site deletes your journal</b> (so does closing a private "
    "or incognito window). Use <b>Export my journal</b>, then the download links, to keep a copy on "
    "your computer."
)


class JournalManager(base.Panel):
    """Where the journal is, what is in it, export (with download links), delete all, and
    device safety (drafts, clear today, the lock, leave quickly: see ``privacy``)."""

    def __init__(self, journal: Journal | None = None):
        self.journal = base.journal_or_default(journal)
        self.result: dict[str, Any] = {}
        self.where = base.html(
            f"<p>Your journal is kept at <code>{base.esc(str(self.journal.path))}</code>. It is private "
            "from the course, not from people: anyone who can use your account or this device can open "
            "it, and on a shared server the people who run that server could reach its files. The course "
            "never sends anything in it anywhere.</p>"
            if not in_browser()
            else BROWSER_WHERE + base.notice(BROWSER_NOTICE)
        )
        self.counts = base.html()
        self.export = base.button("Export my journal", self._export, "primary")
        self.markdown_link = DownloadLink(label="Download as Markdown", mime="text/markdown")
        self.json_link = DownloadLink(label="Download as JSON", mime="application/json")
        self.workbook = base.button("Make my printable workbook", self._workbook, context="from your journal")
        self.workbook_link = DownloadLink(label="Download my workbook (web page, to print)", mime="text/html")
        self.pdf_link = DownloadLink(
            label="Download my workbook (PDF)", mime="application/pdf", encoding="base64"
        )
        # Which file each link holds: when the journal deletes its exports (delete everything,
        # clear today, the lock), the link forgets its copy too.
        self._files: dict[DownloadLink, Path] = {}
        self.delete = base.button("Delete everything…", self._ask, "danger", context="in your journal")
        self.confirm = base.button(
            "Yes, delete everything", self._delete, "danger", context="in your journal"
        )
        self.cancel = base.button("Keep my journal", self._cancel)
        self.confirm_box = W.VBox(
            [
                base.html(
                    base.notice(
                        "This erases every reflection, check-in, saved result and export in your "
                        "journal. It cannot be undone. Export first if you want a copy."
                    )
                ),
                W.HBox([self.confirm, self.cancel]),
            ],
            layout=W.Layout(display="none"),
        )
        self.workbook_intro = base.html(
            "<p><b>A printable workbook</b> gathers the parts you tick below (your plan, your "
            "before-and-after check, your check-ins, reflections and other things you saved) into one "
            "page to print or keep, with charts, each section on a new page (and a PDF, where the "
            "machine running the course can make one). Unfinished drafts and partner views (which hold "
            "the other person's name and scores) stay out unless you tick them. Anyone who finds a "
            "printed copy can read it.</p>"
        )
        from .. import workbook  # light: no charts, no widgets

        self._sections = {s.title: s.id for s in workbook.SECTIONS}
        self.workbook_parts = CheckboxGroup("What goes in my workbook", list(self._sections))
        self.workbook_parts.value = [s.title for s in workbook.SECTIONS if s.ticked]
        self.status = base.status_line()
        self.privacy = JournalPrivacy(self.journal, changed=self._count)
        self._count()
        refresh = base.button("Refresh", lambda _: self._count(), context="what is in your journal")
        super().__init__(
            [
                *base.storage_banner(),
                self.where,
                self.counts,
                W.HBox([self.export, refresh]),
                W.HBox([self.markdown_link, self.json_link]),
                self.workbook_intro,
                self.workbook_parts,
                self.workbook,
                W.HBox([self.workbook_link, self.pdf_link]),
                self.delete,
                self.confirm_box,
                self.status,
                self.privacy,
            ]
        )

    def _count(self) -> None:
        for link, path in list(self._files.items()):
            if not path.exists():  # the journal deleted its exports: the page forgets them too
                link.content = ""
                del self._files[link]
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
        if self.journal.locked:  # not even how much it holds, while locked
            self.counts.value = (
                "<p>🔒 Your journal is locked: unlock it below to see and export what it holds.</p>"
            )
            return
        self.counts.value = f"<p>In your journal: {', '.join(parts)}.</p>"

    def _export(self, _: Button | None = None) -> None:
        try:
            md_path, json_path = self.journal.export_files(base.module_titles())
        except JournalLocked as exc:
            self.status.value = base.status("error", base.esc(str(exc)))
            return
        stamp = md_path.stem.removeprefix("closer-journal-")
        self.markdown_link.filename = f"closer-journal-{stamp}.md"
        self.markdown_link.content = md_path.read_text(encoding="utf-8")
        self.json_link.filename = f"closer-journal-{stamp}.json"
        self.json_link.content = json_path.read_text(encoding="utf-8")
        self.result["export"] = (md_path, json_path)
        self._files.update({self.markdown_link: md_path, self.json_link: json_path})
        self.status.value = base.status(
            "ok",
            "exported. Use the download links to save a copy to your computer. Copies are also "
            f"in your private exports folder: <code>{base.esc(str(md_path.parent))}</code>.",
        )
        self._count()

    def _workbook(self, _: Button | None = None) -> None:
        """The journal as one print-ready page (and a PDF where Chromium is here to make one)."""
        from .. import workbook

        if self.journal.locked:
            self.status.value = base.status(
                "error",
                "your journal is locked, so the workbook cannot be made. Unlock it with your "
                "passphrase below, then press Make my printable workbook again.",
            )
            return
        chosen = [self._sections[title] for title in self.workbook_parts.value]
        if not chosen:
            self.status.value = base.status(
                "warn",
                "tick at least one part under “What goes in my workbook”, then press the button again.",
            )
            return
        try:
            page = workbook.write_workbook(self.journal, _workbook_page(self.journal, chosen))
        except JournalLocked as exc:
            self.status.value = base.status("error", base.esc(str(exc)))
            return
        except OSError as exc:
            said = f"the workbook could not be written: {base.esc(str(exc))}"
            self.status.value = base.status("error", said)
            return
        self.workbook_link.filename = workbook.download_name(page)
        self.workbook_link.content = page.read_text(encoding="utf-8")
        self._files[self.workbook_link] = page
        self.result["workbook"] = page
        try:
            pdf = workbook.print_pdf(page)
        except workbook.PdfUnavailable as exc:
            self.pdf_link.content = ""
            self.result["pdf"] = None
            said = f"No PDF: {base.esc(str(exc))}"
        else:
            self.pdf_link.filename = workbook.download_name(pdf)
            self.pdf_link.content = base64.b64encode(pdf.read_bytes()).decode("ascii")
            self._files[self.pdf_link] = pdf
            self.result["pdf"] = pdf
            said = "The PDF is ready too."
        self.status.value = base.status(
            "ok",
            "your workbook is ready. Use the download links to save it, then open it and print it "
            f"(or save it as a PDF) from your browser. {said} Copies are in your private exports folder: "
            f"<code>{base.esc(str(page.parent))}</code>. Printed pages can be read by anyone who finds them.",
        )
        self._count()

    def _ask(self, _: Button | None = None) -> None:
        self.confirm_box.layout.display = "flex"
        self.status.value = ""
        # The question is right below: start there, on the safe answer.
        self.cancel.focus()

    def _cancel(self, _: Button | None = None) -> None:
        self.confirm_box.layout.display = "none"
        self.status.value = base.status("info", "nothing was deleted.")
        self.delete.focus()

    def _delete(self, _: Button | None = None) -> None:
        self.journal.delete_everything()
        self.confirm_box.layout.display = "none"
        for link in (self.markdown_link, self.json_link, self.workbook_link, self.pdf_link):
            link.content = ""
        self._files.clear()
        self.result["deleted"] = True
        self.status.value = base.status("ok", "your journal is now empty, and its exports are gone.")
        self._count()
        self.status.focus()  # the buttons the learner was on are hidden again


def _workbook_page(journal: Journal, sections: list[str]) -> str:
    """The workbook's HTML from the journal as it is now, with the chosen sections (charts drawn
    as SVG, see ``charts.printable``)."""
    from .. import measure, workbook
    from ..charts import printable

    snap = journal.snapshot()
    settings = measure.measure_settings()
    charts = printable.workbook_charts(snap, settings, content.scales())
    return workbook.workbook_html(
        snap, sections=sections, titles=base.module_titles(), charts=charts, settings=settings
    )
