"""Device safety in the journal panel: drafts or none, clear today, a passphrase lock, leave
quickly. For learners who share a device or an account, or whose device someone else watches."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as W

from .. import content
from ..journal import Journal, WrongPassphrase, seal
from . import base
from .controls import Button, CheckboxGroup, LeaveButton, TextBox

KEEP_DRAFTS = "Keep drafts while I type"
LOCK_WARNING = (
    "<b>Before you lock:</b> choose a passphrase you will remember, a few words work well. "
    "<b>Nobody can recover a lost passphrase, not even you: a lost passphrase means lost entries.</b> "
    "The lock seals what you write; someone opening the file could still see which modules and "
    "questions you did, and when. The journal locks at once. You can still save while it is locked; "
    "to read or export what it holds, unlock it with the passphrase. Exports in your journal folder "
    "are deleted, because the lock cannot cover them; copies you downloaded are not touched, so "
    "delete those yourself."
)


def leave_quickly(journal: Journal | None = None) -> LeaveButton:
    """The **Leave quickly** button: locks the journal (if it has a lock) and swaps the course
    page for an everyday one."""
    journal = base.journal_or_default(journal)
    return LeaveButton(url=content.help_info().quick_exit, on_leave=journal.lock_now)


class JournalPrivacy(W.VBox):
    """Drafts, clearing today, the lock and leaving quickly; ``changed`` runs after each change."""

    def __init__(self, journal: Journal, changed: Callable[[], None] | None = None):
        self.journal = journal
        self.changed = changed or (lambda: None)
        self.result: dict[str, Any] = {}
        self.drafts = CheckboxGroup(
            legend="Drafts", options=[KEEP_DRAFTS], value=[KEEP_DRAFTS] if journal.keep_drafts else []
        )
        self.drafts.observe(self._drafts, names="value")
        self.clear = base.button("Clear today's entries…", self._ask_clear)
        self.clear_box = W.VBox(
            [
                base.html(
                    base.notice(
                        "This erases everything saved today: reflections, check-ins, saved results, "
                        "drafts, today's module marks and today's exports. It cannot be undone."
                    )
                ),
                W.HBox(
                    [
                        base.button("Yes, clear today's entries", self._clear, "danger"),
                        base.button("Keep them", self._cancel_clear),
                    ]
                ),
            ],
            layout=W.Layout(display="none"),
        )
        self.passphrase = TextBox("Passphrase", secret=True, max_width="24em", context="your journal's lock")
        self.repeat = TextBox("The same passphrase again", secret=True, max_width="24em")
        self.lock_box = W.VBox()
        self.status = base.status_line()
        self.leave = leave_quickly(journal)
        intro = base.html(
            "<p><b>Device safety.</b> If someone else uses or watches this device or account, these "
            "help: keep no drafts, clear what you saved today, lock the journal with a passphrase, or "
            "leave the page at once. <b>Leave quickly</b> locks the journal (if it has a lock) and swaps "
            "this page for an everyday one; it cannot clear your browser's history, so do that "
            "afterwards if someone might look.</p>"
        )
        self._show_lock()
        super().__init__(
            [self.leave, intro, self.drafts, self.clear, self.clear_box, self.lock_box, self.status]
        )

    # -- drafts and today ---------------------------------------------------------------

    def _drafts(self, change: dict[str, Any]) -> None:
        keep = KEEP_DRAFTS in change["new"]
        self.journal.set_keep_drafts(keep)
        self.result["keep_drafts"] = keep
        if keep:
            self.status.value = base.status("ok", "drafts are kept as you type, until you save them.")
        else:
            self.status.value = base.status(
                "ok", "drafts are off, and every draft kept so far is deleted. Only what you save is kept."
            )
        self.changed()

    def _ask_clear(self, _: Button | None = None) -> None:
        self.clear_box.layout.display = "flex"
        self.status.value = ""

    def _cancel_clear(self, _: Button | None = None) -> None:
        self.clear_box.layout.display = "none"
        self.status.value = base.status("info", "nothing was cleared.")

    def _clear(self, _: Button | None = None) -> None:
        gone = self.journal.clear_today()
        self.result["cleared"] = gone
        self.clear_box.layout.display = "none"
        total = sum(gone.values())
        self.status.value = base.status(
            "ok", f"today's entries are cleared ({total} item{'s' * (total != 1)} erased)."
        )
        self.changed()

    # -- the lock -----------------------------------------------------------------------

    def _show_lock(self) -> None:
        if not self.journal.lock_available:  # the browser edition: said plainly, never faked
            note = base.notice(seal.UNAVAILABLE)
            self.lock_box.children = [base.html(f"<p><b>Lock my journal</b></p>{note}")]
            self.result["lock"] = "unavailable"
            return
        has_lock, locked = self.journal.has_lock, self.journal.locked
        if not has_lock:
            self.lock_box.children = [
                base.html(f"<p><b>Lock my journal</b></p>{base.notice(LOCK_WARNING)}"),
                self.passphrase,
                self.repeat,
                base.button("Lock my journal", self._lock, "primary"),
            ]
        elif locked:
            self.lock_box.children = [
                base.html(
                    "<p>🔒 <b>Your journal is locked.</b> Enter your passphrase to read or export it.</p>"
                ),
                self.passphrase,
                base.button("Unlock", self._unlock, "primary"),
            ]
        else:
            self.lock_box.children = [
                base.html(
                    "<p>🔓 <b>Your journal has a lock and is open in this notebook.</b> Closing the tab does "
                    "not lock it: before you step away, press <b>Lock again now</b> (or shut down this "
                    "notebook's kernel: Kernel menu, Shut Down Kernel). To take the lock off, enter the "
                    "passphrase and press <b>Remove the lock</b>.</p>"
                ),
                base.button("Lock again now", self._lock_now, "primary"),
                self.passphrase,
                base.button("Remove the lock", self._remove),
            ]
        self.result["lock"] = "none" if not has_lock else ("locked" if locked else "open")

    def _forget_typed(self) -> None:
        self.passphrase.value = ""
        self.repeat.value = ""

    def _lock(self, _: Button | None = None) -> None:
        if self.passphrase.value != self.repeat.value:
            self.status.value = base.status("error", "the two passphrases are not the same; type them again.")
            self._forget_typed()
            return
        try:
            removed = self.journal.set_lock(self.passphrase.value)
        except ValueError as exc:
            self.status.value = base.status("error", base.esc(str(exc)))
            self._forget_typed()
            return
        self._forget_typed()
        gone = f" {removed} earlier export{'s' * (removed != 1)} deleted." if removed else ""
        self.status.value = base.status(
            "ok", f"your journal is locked now. Unlock it with your passphrase to read or export it.{gone}"
        )
        self._show_lock()
        self.changed()

    def _unlock(self, _: Button | None = None) -> None:
        try:
            self.journal.unlock(self.passphrase.value)
        except (WrongPassphrase, ValueError) as exc:
            self.status.value = base.status("error", base.esc(str(exc)))
            self._forget_typed()
            return
        self._forget_typed()
        self.status.value = base.status(
            "ok", "unlocked for this session. Widgets opened from now on show what you saved before."
        )
        self._show_lock()
        self.changed()

    def _lock_now(self, _: Button | None = None) -> None:
        self.journal.lock_now()
        self.status.value = base.status("ok", "locked again. Your passphrase opens it.")
        self._show_lock()
        self.changed()

    def _remove(self, _: Button | None = None) -> None:
        try:
            self.journal.remove_lock(self.passphrase.value)
        except (WrongPassphrase, ValueError) as exc:
            self.status.value = base.status("error", base.esc(str(exc)))
            self._forget_typed()
            return
        self._forget_typed()
        self.status.value = base.status("ok", "the lock is off; your journal is stored readable again.")
        self._show_lock()
        self.changed()
