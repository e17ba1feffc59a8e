"""The journal's JSON Lines store, for the browser edition (and anywhere SQLite cannot work).

Why not SQLite in the browser: the kernel's files live in JupyterLite's drive, which keeps a
whole file and stores it whole when it is closed. SQLite writes pages in place and relies on
file locks, and fails there ("disk image is malformed", jupyterlite/pyodide-kernel#35). This
store asks nothing of the file system but whole writes, so it keeps SQLite's guarantees:

- The first line says what the file is and its format's version. Every other line is one
  complete JSON record ending in a newline: a row of a table, added, or replacing the row with
  the same key (a module's progress, a setting).
- A save that only adds *appends* one line. A process killed mid-append on a real disk can
  leave a torn last line: reading skips it (that save was never acknowledged), and the next
  writer cuts it off first. In the browser the drive stores the file in one transaction when it
  is closed, so a tab closed mid-save leaves the file as it was before the save or after it.
- A change that removes or replaces words (delete, clear today, drafts, updating a result,
  the lock) *rewrites* the file: a new file beside it, renamed over it, so no removed words
  stay in the journal and a crash leaves the old file or the new one, never half of each.
- Writers take an exclusive lock on a side file where the system has locks (not in the
  browser, whose drive has none), so two notebooks saving at once lose nothing.
"""

from __future__ import annotations

import contextlib
import json
import os
import warnings
from collections.abc import Iterator, Mapping
from datetime import datetime, timezone
from typing import Any

from . import seal
from .base import SNAPSHOT_VERSION, Journal
from .entries import (
    STATUSES,
    CheckIn,
    Draft,
    Progress,
    Record,
    Reflection,
    check_name,
    check_scores,
    check_text,
    encode_payload,
    parse_time,
    utc_now,
)
from .location import in_browser

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

FILE_NAME = "journal.jsonl"
FORMAT, VERSION = "closer-journal-lines", 1
# Each table's key, and the fields that hold what a learner wrote (sealed when locked).
_KEYS = {"reflections": "id", "checkins": "id", "progress": "module", "records": "id", "drafts": "key"}
_SEALED = {
    "reflections": ("text",),
    "checkins": ("scores", "note"),
    "records": ("payload",),
    "drafts": ("text",),
}
_TABLES = tuple(_KEYS)
_LOCK, _DRAFTS = "lock", "keep_drafts"


class _State:
    """The journal as read from its file: each table by key, the settings, and where the file's
    last complete line ends (anything after it is a torn write)."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[Any, dict[str, Any]]] = {t: {} for t in _TABLES}
        self.settings: dict[str, str] = {}
        self.complete = 0  # bytes up to and including the last newline
        self.size = 0

    def rows(self, table: str) -> list[dict[str, Any]]:
        rows = self.tables[table].values()
        return sorted(rows, key=lambda r: r[_KEYS[table]])

    def next_id(self, table: str) -> int:
        return max(self.tables[table], default=0) + 1

    def lines(self) -> Iterator[dict[str, Any]]:
        """The whole journal as records, for a rewrite."""
        for key, value in sorted(self.settings.items()):
            yield {"t": "settings", "key": key, "value": value}
        for table in _TABLES:
            for row in self.rows(table):
                yield {"t": table, **row}


def _line(record: Mapping[str, Any]) -> bytes:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


_HEADER = _line({"format": FORMAT, "version": VERSION})


class JsonlJournal(Journal):
    """A private journal stored in one JSON Lines file (see the module's docstring).

    Every call reads the file afresh (unless it has not changed since the last read), so
    several notebooks can use the same journal.
    """

    FILE_NAME = FILE_NAME
    BACKEND = "jsonl"

    def __init__(self, folder: str | os.PathLike[str] | None = None, backend: str | None = None):
        super().__init__(folder)
        self._cache: tuple[tuple[int, int, int], _State] | None = None

    # -- reading --------------------------------------------------------------------------

    def _load(self, fresh: bool = False) -> _State:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return _State()
        stamp = (st.st_size, st.st_mtime_ns, st.st_ino)
        if not fresh and self._cache is not None and self._cache[0] == stamp:
            return self._cache[1]
        state = self._parse(self.path.read_bytes())
        self._cache = (stamp, state)
        return state

    def _parse(self, raw: bytes) -> _State:
        state = _State()
        state.size = len(raw)
        state.complete = raw.rfind(b"\n") + 1  # a torn last line (no newline yet) is not read
        lines = raw[: state.complete].split(b"\n")[:-1]
        if not lines:
            return state
        try:
            header = json.loads(lines[0])
        except ValueError:
            header = None
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise RuntimeError(f"{self.path} is not a Closer journal; nothing has been changed.")
        if not isinstance(header.get("version"), int) or header["version"] > VERSION:
            raise RuntimeError(
                f"This journal was written by a newer version of Closer (format {header.get('version')}). "
                "Update the course to read it; nothing has been changed."
            )
        damaged = 0
        for line in lines[1:]:
            try:
                record = json.loads(line)
                table = record.pop("t")
                if table == "settings":
                    state.settings[record["key"]] = record["value"]
                else:
                    state.tables[table][record[_KEYS[table]]] = record
            except (ValueError, KeyError, TypeError, AttributeError):
                damaged += 1
        if damaged:
            warnings.warn(
                f"{self.path}: {damaged} line{'s' * (damaged != 1)} could not be read and "
                f"{'were' if damaged != 1 else 'was'} left out; everything else is here.",
                stacklevel=3,
            )
        return state

    # -- writing --------------------------------------------------------------------------

    def _private(self, path: os.PathLike[str], flags: int) -> int:
        fd = os.open(path, flags | os.O_CREAT, 0o600)
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)
        return fd

    @contextlib.contextmanager
    def _writing(self) -> Iterator[_State]:
        """One change at a time: the writers' lock (where the system has one) and the journal
        as it is now, read inside the lock."""
        self._prepare_folder()
        # The browser has no locks (and one kernel per page): there the side file would only cost
        # three round trips through the page per save.
        lock = None if in_browser() else self._private(self.folder / f"{FILE_NAME}.lock", os.O_RDWR)
        try:
            if fcntl is not None and lock is not None:
                fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield self._load(fresh=True)
            finally:
                self._cache = None
        finally:
            if lock is not None:
                os.close(lock)

    def _sync(self, fd: int) -> None:
        if not in_browser():  # the browser's drive stores a file whole when it is closed
            os.fsync(fd)

    def _append(self, state: _State, *records: Mapping[str, Any]) -> None:
        """Add records at the end, after cutting off a torn last line if there is one."""
        fd = self._private(self.path, os.O_RDWR)
        try:
            if state.complete == 0:  # a new file, or one whose first line was torn
                os.ftruncate(fd, 0)
                os.write(fd, _HEADER)
            elif state.complete < state.size:
                os.ftruncate(fd, state.complete)
            os.lseek(fd, 0, os.SEEK_END)
            data = b"".join(_line(r) for r in records)
            while data:
                data = data[os.write(fd, data) :]
            self._sync(fd)
        finally:
            os.close(fd)

    def _rewrite(self, state: _State) -> None:
        """Replace the file with ``state``: written beside it, then renamed over it."""
        new = self.folder / f"{FILE_NAME}.new"
        fd = self._private(new, os.O_WRONLY | os.O_TRUNC)
        try:
            data = _HEADER + b"".join(_line(r) for r in state.lines())
            while data:
                data = data[os.write(fd, data) :]
            self._sync(fd)
        finally:
            os.close(fd)
        os.replace(new, self.path)
        if not in_browser() and hasattr(os, "O_DIRECTORY"):
            folder = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)

    # -- the lock's storage ---------------------------------------------------------------

    @staticmethod
    def _lock_info(state: _State) -> seal.LockInfo | None:
        value = state.settings.get(_LOCK)
        return seal.LockInfo.from_json(value) if value else None

    def _stored_lock(self) -> seal.LockInfo | None:
        return self._lock_info(self._load())

    def _seal(self, state: _State, text: str) -> str:
        info = self._lock_info(state)
        return seal.seal(info.public, text) if info else text

    def _reseal(self, state: _State, change: Any) -> None:
        for table, fields in _SEALED.items():
            for row in state.tables[table].values():
                for name in fields:
                    if row[name]:
                        row[name] = change(row[name])

    # -- reflections, check-ins, progress -------------------------------------------------

    def add_reflection(self, module: str, prompt_id: str, prompt: str, text: str) -> Reflection:
        """Save a new reflection. Earlier ones for the same prompt are kept, never overwritten."""
        module = check_name(module, "The module")
        prompt_id = check_name(prompt_id, "The prompt id")
        prompt = check_text(prompt, "The prompt")
        text = check_text(text, "Your reflection")
        created = utc_now()
        with self._writing() as state:
            new_id = state.next_id("reflections")
            row = {"id": new_id, "module": module, "prompt_id": prompt_id, "prompt": prompt}
            row |= {"text": self._seal(state, text), "created_at": created}
            self._append(state, {"t": "reflections", **row})
        return Reflection(new_id, module, prompt_id, prompt, text, datetime.fromisoformat(created))

    def reflections(self, module: str | None = None, prompt_id: str | None = None) -> list[Reflection]:
        """Reflections, oldest first, optionally for one module and prompt."""
        return [
            Reflection(r["id"], r["module"], r["prompt_id"], r["prompt"], text, parse_time(r["created_at"]))
            for r in self._load().rows("reflections")
            if (module is None or r["module"] == module)
            and (prompt_id is None or r["prompt_id"] == prompt_id)
            and (text := self._open(r["text"])) is not None
        ]

    def add_checkin(self, scores: Mapping[str, int], note: str = "") -> CheckIn:
        """Save a check-in: a few 0-10 scores and an optional note."""
        clean = check_scores(scores)
        note = check_text(note, "The note", allow_empty=True)
        created = utc_now()
        with self._writing() as state:
            new_id = state.next_id("checkins")
            sealed_note = self._seal(state, note) if note else ""
            scores_text = self._seal(state, json.dumps(clean))
            row = {"id": new_id, "created_at": created, "scores": scores_text, "note": sealed_note}
            self._append(state, {"t": "checkins", **row})
        return CheckIn(new_id, datetime.fromisoformat(created), clean, note)

    def checkins(self) -> list[CheckIn]:
        """All check-ins, oldest first."""
        out = []
        for r in self._load().rows("checkins"):
            scores, note = self._open(r["scores"]), self._open(r["note"])
            if scores is not None and note is not None:
                out.append(CheckIn(r["id"], parse_time(r["created_at"]), json.loads(scores), note))
        return out

    def mark(self, module: str, status: str = "started") -> Progress:
        """Record that a module was started or completed. Completing implies starting."""
        module = check_name(module, "The module")
        if status not in STATUSES:
            raise ValueError(f"The status must be one of {', '.join(STATUSES)}, got {status!r}.")
        now = utc_now()
        with self._writing() as state:
            old = state.tables["progress"].get(module)
            row = dict(old) if old else {"module": module, "started_at": now, "completed_at": None}
            if status == "completed" and row["completed_at"] is None:
                row["completed_at"] = now
            if row != old:  # opening a module again changes nothing, and writes nothing
                self._append(state, {"t": "progress", **row})
        return Progress(module, parse_time(row["started_at"]), parse_time(row["completed_at"]))

    def progress(self) -> dict[str, Progress]:
        return {
            r["module"]: Progress(r["module"], parse_time(r["started_at"]), parse_time(r["completed_at"]))
            for r in self._load().rows("progress")
        }

    # -- saved results --------------------------------------------------------------------

    def add_record(self, kind: str, module: str, payload: Mapping[str, Any]) -> Record:
        """Save a widget's result as JSON (it must be JSON-serialisable)."""
        kind = check_name(kind, "The record kind")
        module = check_name(module, "The module")
        encoded = encode_payload(payload)
        created = utc_now()
        with self._writing() as state:
            new_id = state.next_id("records")
            row = {"id": new_id, "kind": kind, "module": module, "payload": self._seal(state, encoded)}
            self._append(state, {"t": "records", **row, "created_at": created})
        return Record(new_id, kind, module, json.loads(encoded), datetime.fromisoformat(created))

    def records(self, kind: str | None = None, module: str | None = None) -> list[Record]:
        """Saved results, oldest first."""
        return [
            Record(r["id"], r["kind"], r["module"], json.loads(payload), parse_time(r["created_at"]))
            for r in self._load().rows("records")
            if (kind is None or r["kind"] == kind)
            and (module is None or r["module"] == module)
            and (payload := self._open(r["payload"])) is not None
        ]

    def update_record(self, record_id: int, payload: Mapping[str, Any]) -> Record:
        """Replace a saved result's payload (a widget keeps one record per editing session)."""
        encoded = encode_payload(payload)
        with self._writing() as state:
            row = state.tables["records"].get(record_id)
            if row is None:
                raise ValueError(f"There is no saved result with id {record_id}.")
            row["payload"] = self._seal(state, encoded)
            self._rewrite(state)  # the old payload's words go with the old file
        created = parse_time(row["created_at"])
        return Record(record_id, row["kind"], row["module"], json.loads(encoded), created)

    # -- drafts ---------------------------------------------------------------------------

    def save_draft(self, key: str, text: str) -> bool:
        """Keep unsaved writing under ``key`` if the learner keeps drafts; empty text removes
        the draft. Returns whether a draft was written (never, with drafts turned off)."""
        key = check_name(key, "The draft key")
        text = check_text(text, "The draft", allow_empty=True)
        with self._writing() as state:
            drafts = state.tables["drafts"]
            if text.strip() and state.settings.get(_DRAFTS) == "on":
                drafts[key] = {"key": key, "text": self._seal(state, text), "updated_at": utc_now()}
                self._rewrite(state)
                return True
            if drafts.pop(key, None) is not None:
                self._rewrite(state)
            return False

    def draft(self, key: str) -> Draft | None:
        row = self._load().tables["drafts"].get(key)
        text = self._open(row["text"]) if row else None
        return Draft(row["key"], text, parse_time(row["updated_at"])) if row and text is not None else None

    @property
    def keep_drafts(self) -> bool:
        """Whether unsaved writing is kept as the learner types (off unless they turn it on)."""
        return self._load().settings.get(_DRAFTS) == "on"

    def set_keep_drafts(self, keep: bool) -> None:
        """Turn drafts on or off; turning them off deletes every draft kept so far."""
        with self._writing() as state:
            state.settings[_DRAFTS] = "on" if keep else "off"
            if keep:
                self._append(state, {"t": "settings", "key": _DRAFTS, "value": "on"})
            else:
                state.tables["drafts"].clear()
                self._rewrite(state)

    # -- whole journal --------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        state = self._load()
        return {t: len(state.tables[t]) for t in _TABLES}

    def snapshot(self) -> dict[str, Any]:
        """Everything in the journal as plain data, from one reading of the file."""
        state, opened = self._load(), self._open
        refl = ("id", "module", "prompt_id", "prompt")
        return {
            "format": "closer-journal",
            "schema_version": SNAPSHOT_VERSION,
            "exported_at": utc_now(),
            "locked": self._key is None and self._lock_info(state) is not None,
            "reflections": [
                {**{k: r[k] for k in refl}, "text": t, "created_at": r["created_at"]}
                for r in state.rows("reflections")
                if (t := opened(r["text"])) is not None
            ],
            "checkins": [
                {"id": r["id"], "created_at": r["created_at"], "scores": json.loads(sc), "note": n}
                for r in state.rows("checkins")
                if (sc := opened(r["scores"])) is not None and (n := opened(r["note"])) is not None
            ],
            "progress": [
                {k: r[k] for k in ("module", "started_at", "completed_at")} for r in state.rows("progress")
            ],
            "records": [
                {k: r[k] for k in ("id", "kind", "module")}
                | {"payload": json.loads(pl), "created_at": r["created_at"]}
                for r in state.rows("records")
                if (pl := opened(r["payload"])) is not None
            ],
            "drafts": [
                {"key": r["key"], "text": t, "updated_at": r["updated_at"]}
                for r in state.rows("drafts")
                if (t := opened(r["text"])) is not None
            ],
        }

    def delete_everything(self) -> None:
        """Erase every entry, every export and the lock: the file is rewritten empty."""
        with self._writing():
            self._rewrite(_State())
        self._key = None
        self._delete_exports()

    def clear_today(self) -> dict[str, int]:
        """Erase everything saved today (local time): reflections, check-ins, saved results,
        drafts, today's module marks and today's exports. Returns how many of each went."""
        start = datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
        since = start.astimezone(timezone.utc).isoformat(timespec="microseconds")
        gone: dict[str, int] = {}
        with self._writing() as state:
            for table, column in (("reflections", "created_at"), ("checkins", "created_at"),
                                  ("records", "created_at"), ("drafts", "updated_at"),
                                  ("progress", "started_at")):  # fmt: skip
                rows = state.tables[table]
                today = [key for key, row in rows.items() if row[column] >= since]
                for key in today:
                    del rows[key]
                gone[table] = len(today)
            for row in state.tables["progress"].values():
                if row["completed_at"] and row["completed_at"] >= since:
                    row["completed_at"] = None
            self._rewrite(state)
        gone["exports"] = self._delete_exports(since=start)
        return gone

    # -- the lock -------------------------------------------------------------------------

    def set_lock(self, passphrase: str) -> int:
        """Lock the journal with ``passphrase``: everything in it is sealed now, and everything
        saved later too. Earlier exports (which the lock cannot cover) are deleted; returns how
        many. The journal is locked at once: reading needs ``unlock`` with the passphrase."""
        with self._writing() as state:
            if self._lock_info(state) is not None:
                raise ValueError("Your journal already has a lock. Remove it first to set a new passphrase.")
            info, key = seal.create(passphrase)
            state.settings[_LOCK] = info.to_json()
            self._reseal(state, lambda v: v if seal.is_sealed(v) else seal.seal(info.public, v))
            self._rewrite(state)
        del key  # locked at once: a learner who walks away is not leaving it open
        self._key = None
        return self._delete_exports()

    def remove_lock(self, passphrase: str) -> None:
        """Take the lock off: every entry is stored readable again (needs the passphrase)."""
        self.unlock(passphrase)
        key = self._key
        with self._writing() as state:
            self._reseal(state, lambda v: seal.open_sealed(key, v) if seal.is_sealed(v) else v)
            state.settings.pop(_LOCK, None)
            self._rewrite(state)
        self._key = None

    def change_passphrase(self, old: str, new: str) -> None:
        with self._writing() as state:
            info = self._lock_info(state)
            if info is None:
                raise ValueError("Your journal has no lock.")
            key = seal.unwrap(info, old)
            state.settings[_LOCK] = seal.rewrap(info, key, new).to_json()
            self._rewrite(state)  # the old passphrase's wrapping goes with the old file
        self._key = key
