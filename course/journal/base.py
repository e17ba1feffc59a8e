"""What every journal store shares: where it lives, export, the lock's reading side, and the
choice of store.

There are two stores with one API: ``sqlite`` (``journal.sqlite3``, on a computer or a server)
and ``jsonl`` (``journal.jsonl``, in the browser edition, whose file system keeps whole files
only, where SQLite fails). ``Journal(folder)`` opens the store this Python should use: JSON Lines
in a browser (Pyodide), SQLite elsewhere, or the one named by ``$CLOSER_JOURNAL_BACKEND``
(``sqlite`` or ``jsonl``; the tests run the journal's suite against both).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from . import seal
from .export import render_markdown, write_private
from .location import check_location, default_data_dir, in_browser

BACKEND_ENV = "CLOSER_JOURNAL_BACKEND"
BACKENDS = ("sqlite", "jsonl")
# The version of the export's format (and of the snapshot it is made from), whichever store.
SNAPSHOT_VERSION = 2


class JournalLocked(PermissionError):
    """The journal is locked and not unlocked here: what it holds cannot be read or exported."""

    def __init__(self) -> None:
        super().__init__(
            "Your journal is locked. Unlock it with your passphrase in the journal panel "
            "to read or export it."
        )


def backend_name() -> str:
    """The store to use: $CLOSER_JOURNAL_BACKEND, else JSON Lines in a browser, else SQLite."""
    chosen = os.environ.get(BACKEND_ENV, "").strip().lower()
    if chosen:
        if chosen not in BACKENDS:
            raise ValueError(f"{BACKEND_ENV} must be one of {', '.join(BACKENDS)}, got {chosen!r}.")
        return chosen
    return "jsonl" if in_browser() else "sqlite"


def _store(name: str) -> type[Journal]:
    if name == "jsonl":
        from .jsonl import JsonlJournal

        return JsonlJournal
    from .sqlite import SqliteJournal

    return SqliteJournal


class Journal:
    """A private journal in ``folder``. ``Journal(folder)`` opens the right store for this
    Python (see the module's docstring); ``backend=`` asks for one by name."""

    FILE_NAME: ClassVar[str]
    BACKEND: ClassVar[str]

    def __new__(cls, folder: str | os.PathLike[str] | None = None, backend: str | None = None) -> Journal:
        if cls is Journal:
            cls = _store(backend or backend_name())
        return super().__new__(cls)

    def __init__(self, folder: str | os.PathLike[str] | None = None, backend: str | None = None):
        folder = Path(folder) if folder is not None else default_data_dir()
        self.folder = check_location(folder)
        self.path = self.folder / self.FILE_NAME
        self._key: Any = None  # the lock's private key, only while unlocked in this process

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self.folder)!r})"

    def _prepare_folder(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(self.folder, 0o700)

    # -- what every store provides -------------------------------------------------------
    # add_reflection, reflections, add_checkin, checkins, mark, progress, add_record, records,
    # update_record, save_draft, draft, keep_drafts, set_keep_drafts, counts, snapshot,
    # delete_everything, clear_today, set_lock, remove_lock, change_passphrase, and
    # _stored_lock (the lock's stored details, or None).

    def clear_draft(self, key: str) -> None:
        self.save_draft(key, "")

    def is_empty(self) -> bool:
        return not any(self.counts().values())

    # -- export ---------------------------------------------------------------------------

    def _whole(self) -> dict[str, Any]:
        """The whole journal for an export: refused while locked, never a part passed off as all."""
        if self.locked:
            raise JournalLocked()
        return self.snapshot()

    def export_json(self) -> str:
        return json.dumps(self._whole(), ensure_ascii=False, indent=2)

    def export_markdown(self, titles: Mapping[str, str] | None = None) -> str:
        return render_markdown(self._whole(), titles)

    def export_files(self, titles: Mapping[str, str] | None = None) -> tuple[Path, Path]:
        """Write a Markdown and a JSON export into the journal's private exports folder."""
        snap = self._whole()
        folder = self.folder / "exports"
        folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(folder, 0o700)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        md = write_private(folder / f"closer-journal-{stamp}.md", render_markdown(snap, titles))
        js = write_private(
            folder / f"closer-journal-{stamp}.json", json.dumps(snap, ensure_ascii=False, indent=2)
        )
        return md, js

    def _delete_exports(self, since: datetime | None = None) -> int:
        exports, removed = self.folder / "exports", 0
        if exports.is_dir():
            for item in exports.iterdir():
                made = datetime.fromtimestamp(item.stat().st_mtime).astimezone()
                if item.is_file() and (since is None or made >= since):
                    item.unlink()
                    removed += 1
        return removed

    # -- the lock, as every store reads it ------------------------------------------------

    @property
    def lock_available(self) -> bool:
        """Whether this Python can lock the journal (the browser edition's cannot: see ``seal``)."""
        return seal.AVAILABLE

    def _open(self, value: str) -> str | None:
        """A stored value as text: opened with the key if sealed, or None while locked."""
        if not seal.is_sealed(value):
            return value
        return seal.open_sealed(self._key, value) if self._key is not None else None

    @property
    def has_lock(self) -> bool:
        """Whether the learner has set a passphrase lock."""
        return self._stored_lock() is not None

    @property
    def locked(self) -> bool:
        """Whether there is a lock and it has not been unlocked here (sealed entries are hidden)."""
        return self._key is None and self.has_lock

    def unlock(self, passphrase: str) -> None:
        """Open the lock for this session (the key stays in this process's memory only)."""
        info = self._stored_lock()
        if info is None:
            raise ValueError("Your journal has no lock.")
        self._key = seal.unwrap(info, passphrase)

    def lock_now(self) -> None:
        """Forget the key: sealed entries are hidden again until the passphrase is given."""
        self._key = None
