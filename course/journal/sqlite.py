"""The journal's SQLite store (on a computer or a server; the browser edition uses ``jsonl``).

Why SQLite: every save is one transaction, so a kernel that dies mid-write (or a second
notebook writing at the same moment) can never leave half an entry or lose a committed one.

A learner who shares a device, or whose device someone else watches, can keep no drafts
(the default), clear a day's entries, or lock the journal with a passphrase (``seal``): what
they write is then sealed at rest, can still be saved without the passphrase, and can only be
read after unlocking. While a locked journal is not unlocked, reading returns only what is
not sealed, and exporting is refused rather than exporting less than the learner has.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
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

# settings keys
_LOCK, _DRAFTS = "lock", "keep_drafts"


FILE_NAME = "journal.sqlite3"


SCHEMA_VERSION = 2


_SCHEMA = """
CREATE TABLE IF NOT EXISTS reflections (
    id INTEGER PRIMARY KEY,
    module TEXT NOT NULL,
    prompt_id TEXT NOT NULL,
    prompt TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reflections_by_prompt ON reflections (module, prompt_id);
CREATE TABLE IF NOT EXISTS checkins (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    scores TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS progress (
    module TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    completed_at TEXT
);
CREATE TABLE IF NOT EXISTS records (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    module TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_by_kind ON records (kind, module);
CREATE TABLE IF NOT EXISTS drafts (
    key TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""
# The columns that hold what a learner wrote: sealed when the journal is locked.
_SEALED = {
    "reflections": ("id", ("text",)),
    "checkins": ("id", ("scores", "note")),
    "records": ("id", ("payload",)),
    "drafts": ("key", ("text",)),
}


_TABLES = ("reflections", "checkins", "progress", "records", "drafts")


class SqliteJournal(Journal):
    """A private journal stored in one SQLite file.

    Each method opens a short-lived connection, so several notebooks (and processes)
    can use the same journal; writers wait for each other instead of failing.
    """

    FILE_NAME = FILE_NAME
    BACKEND = "sqlite"

    def __init__(self, folder: str | os.PathLike[str] | None = None, backend: str | None = None):
        super().__init__(folder)
        self._ready = False

    # -- storage ------------------------------------------------------------------------

    def _prepare(self) -> None:
        """Create the folder (0700) and file (0600) before SQLite touches them."""
        self._prepare_folder()
        fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600)
        os.close(fd)
        with contextlib.suppress(OSError):
            os.chmod(self.path, 0o600)

    @contextlib.contextmanager
    def _connect(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        if not self._ready or not self.path.exists():
            self._prepare()
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA secure_delete = ON")
            if not self._ready:
                self._migrate(conn)
                self._ready = True
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            conn.close()

    def _migrate(self, conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise RuntimeError(
                f"This journal was written by a newer version of Closer (schema {version}). "
                "Update the course to read it; nothing has been changed."
            )
        if version < SCHEMA_VERSION:
            # One script, one transaction: a second process migrating at the same moment
            # waits, then finds every CREATE ... IF NOT EXISTS already done.
            conn.executescript(f"BEGIN IMMEDIATE;{_SCHEMA}PRAGMA user_version = {SCHEMA_VERSION};COMMIT;")

    # -- reflections ----------------------------------------------------------------------

    def add_reflection(self, module: str, prompt_id: str, prompt: str, text: str) -> Reflection:
        """Save a new reflection. Earlier ones for the same prompt are kept, never overwritten."""
        module = check_name(module, "The module")
        prompt_id = check_name(prompt_id, "The prompt id")
        prompt = check_text(prompt, "The prompt")
        text = check_text(text, "Your reflection")
        created = utc_now()
        with self._connect(write=True) as conn:
            cur = conn.execute(
                "INSERT INTO reflections (module, prompt_id, prompt, text, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (module, prompt_id, prompt, self._seal(conn, text), created),
            )
            new_id = cur.lastrowid
        return Reflection(new_id, module, prompt_id, prompt, text, datetime.fromisoformat(created))

    def reflections(self, module: str | None = None, prompt_id: str | None = None) -> list[Reflection]:
        """Reflections, oldest first, optionally for one module and prompt."""
        query, args = "SELECT id, module, prompt_id, prompt, text, created_at FROM reflections", []
        clauses = []
        if module is not None:
            clauses.append("module = ?")
            args.append(module)
        if prompt_id is not None:
            clauses.append("prompt_id = ?")
            args.append(prompt_id)
        if clauses:
            query += " WHERE " + " AND ".join(clauses)
        with self._connect() as conn:
            rows = conn.execute(query + " ORDER BY id", args).fetchall()
        return [
            Reflection(r[0], r[1], r[2], r[3], text, parse_time(r[5]))
            for r in rows
            if (text := self._open(r[4])) is not None
        ]

    # -- check-ins ------------------------------------------------------------------------

    def add_checkin(self, scores: Mapping[str, int], note: str = "") -> CheckIn:
        """Save a check-in: a few 0-10 scores and an optional note."""
        clean = check_scores(scores)
        note = check_text(note, "The note", allow_empty=True)
        created = utc_now()
        with self._connect(write=True) as conn:
            cur = conn.execute(
                "INSERT INTO checkins (created_at, scores, note) VALUES (?, ?, ?)",
                (created, self._seal(conn, json.dumps(clean)), self._seal(conn, note) if note else ""),
            )
            new_id = cur.lastrowid
        return CheckIn(new_id, datetime.fromisoformat(created), clean, note)

    def checkins(self) -> list[CheckIn]:
        """All check-ins, oldest first."""
        with self._connect() as conn:
            rows = conn.execute("SELECT id, created_at, scores, note FROM checkins ORDER BY id").fetchall()
        out = []
        for r in rows:
            scores, note = self._open(r[2]), self._open(r[3])
            if scores is not None and note is not None:
                out.append(CheckIn(r[0], parse_time(r[1]), json.loads(scores), note))
        return out

    # -- progress -------------------------------------------------------------------------

    def mark(self, module: str, status: str = "started") -> Progress:
        """Record that a module was started or completed. Completing implies starting."""
        module = check_name(module, "The module")
        if status not in STATUSES:
            raise ValueError(f"The status must be one of {', '.join(STATUSES)}, got {status!r}.")
        now = utc_now()
        with self._connect(write=True) as conn:
            conn.execute(
                "INSERT INTO progress (module, started_at) VALUES (?, ?) ON CONFLICT (module) DO NOTHING",
                (module, now),
            )
            if status == "completed":
                conn.execute(
                    "UPDATE progress SET completed_at = COALESCE(completed_at, ?) WHERE module = ?",
                    (now, module),
                )
            row = conn.execute(
                "SELECT module, started_at, completed_at FROM progress WHERE module = ?", (module,)
            ).fetchone()
        return Progress(row[0], parse_time(row[1]), parse_time(row[2]))

    def progress(self) -> dict[str, Progress]:
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT module, started_at, completed_at FROM progress ORDER BY module"
            ).fetchall()
        return {r[0]: Progress(r[0], parse_time(r[1]), parse_time(r[2])) for r in rows}

    # -- saved results --------------------------------------------------------------------

    def add_record(self, kind: str, module: str, payload: Mapping[str, Any]) -> Record:
        """Save a widget's result as JSON (it must be JSON-serialisable)."""
        kind = check_name(kind, "The record kind")
        module = check_name(module, "The module")
        encoded = encode_payload(payload)
        created = utc_now()
        with self._connect(write=True) as conn:
            cur = conn.execute(
                "INSERT INTO records (kind, module, payload, created_at) VALUES (?, ?, ?, ?)",
                (kind, module, self._seal(conn, encoded), created),
            )
            new_id = cur.lastrowid
        return Record(new_id, kind, module, json.loads(encoded), datetime.fromisoformat(created))

    def records(self, kind: str | None = None, module: str | None = None) -> list[Record]:
        """Saved results, oldest first."""
        query, args, clauses = "SELECT id, kind, module, payload, created_at FROM records", [], []
        for column, value in (("kind", kind), ("module", module)):
            if value is not None:
                clauses.append(f"{column} = ?")
                args.append(value)
        if clauses:
            query += " WHERE " + " AND ".join(clauses)
        with self._connect() as conn:
            rows = conn.execute(query + " ORDER BY id", args).fetchall()
        return [
            Record(r[0], r[1], r[2], json.loads(payload), parse_time(r[4]))
            for r in rows
            if (payload := self._open(r[3])) is not None
        ]

    def update_record(self, record_id: int, payload: Mapping[str, Any]) -> Record:
        """Replace a saved result's payload (a widget keeps one record per editing session)."""
        encoded = encode_payload(payload)
        with self._connect(write=True) as conn:
            row = conn.execute("SELECT kind, module FROM records WHERE id = ?", (record_id,)).fetchone()
            if row is None:
                raise ValueError(f"There is no saved result with id {record_id}.")
            conn.execute(
                "UPDATE records SET payload = ? WHERE id = ?", (self._seal(conn, encoded), record_id)
            )
            created = conn.execute("SELECT created_at FROM records WHERE id = ?", (record_id,)).fetchone()
        return Record(record_id, row[0], row[1], json.loads(encoded), parse_time(created[0]))

    # -- drafts ---------------------------------------------------------------------------

    def save_draft(self, key: str, text: str) -> bool:
        """Keep unsaved writing under ``key`` if the learner keeps drafts; empty text removes
        the draft. Returns whether a draft was written (never, with drafts turned off)."""
        key = check_name(key, "The draft key")
        text = check_text(text, "The draft", allow_empty=True)
        with self._connect(write=True) as conn:
            if text.strip() and self._setting(conn, _DRAFTS) == "on":
                conn.execute(
                    "INSERT INTO drafts (key, text, updated_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                    (key, self._seal(conn, text), utc_now()),
                )
                return True
            conn.execute("DELETE FROM drafts WHERE key = ?", (key,))
            return False

    def draft(self, key: str) -> Draft | None:
        with self._connect() as conn:
            row = conn.execute("SELECT key, text, updated_at FROM drafts WHERE key = ?", (key,)).fetchone()
        text = self._open(row[1]) if row else None
        return Draft(row[0], text, parse_time(row[2])) if row and text is not None else None

    @property
    def keep_drafts(self) -> bool:
        """Whether unsaved writing is kept as the learner types (off unless they turn it on)."""
        with self._connect() as conn:
            return self._setting(conn, _DRAFTS) == "on"

    def set_keep_drafts(self, keep: bool) -> None:
        """Turn drafts on or off; turning them off deletes every draft kept so far."""
        with self._connect(write=True) as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (_DRAFTS, "on" if keep else "off"),
            )
            if not keep:
                conn.execute("DELETE FROM drafts")

    # -- whole journal --------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        with self._connect() as conn:
            return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in _TABLES}

    def snapshot(self) -> dict[str, Any]:
        """Everything in the journal as plain data, read in one consistent transaction."""
        with self._connect() as conn:
            refl = conn.execute(
                "SELECT id, module, prompt_id, prompt, text, created_at FROM reflections ORDER BY id"
            ).fetchall()
            chk = conn.execute("SELECT id, created_at, scores, note FROM checkins ORDER BY id").fetchall()
            prog = conn.execute(
                "SELECT module, started_at, completed_at FROM progress ORDER BY module"
            ).fetchall()
            recs = conn.execute(
                "SELECT id, kind, module, payload, created_at FROM records ORDER BY id"
            ).fetchall()
            drafts = conn.execute("SELECT key, text, updated_at FROM drafts ORDER BY key").fetchall()
        opened = self._open
        return {
            "format": "closer-journal",
            "schema_version": SNAPSHOT_VERSION,
            "exported_at": utc_now(),
            "locked": self.locked,
            "reflections": [
                dict(
                    zip(
                        ("id", "module", "prompt_id", "prompt", "text", "created_at"),
                        (*r[:4], t, r[5]),
                        strict=True,
                    )
                )
                for r in refl
                if (t := opened(r[4])) is not None
            ],
            "checkins": [
                {"id": r[0], "created_at": r[1], "scores": json.loads(sc), "note": n}
                for r in chk
                if (sc := opened(r[2])) is not None and (n := opened(r[3])) is not None
            ],
            "progress": [dict(zip(("module", "started_at", "completed_at"), r, strict=True)) for r in prog],
            "records": [
                {"id": r[0], "kind": r[1], "module": r[2], "payload": json.loads(pl), "created_at": r[4]}
                for r in recs
                if (pl := opened(r[3])) is not None
            ],
            "drafts": [
                {"key": r[0], "text": t, "updated_at": r[2]}
                for r in drafts
                if (t := opened(r[1])) is not None
            ],
        }

    def delete_everything(self) -> None:
        """Erase every entry, every export and the lock. secure_delete + VACUUM leave no old
        text behind."""
        with self._connect(write=True) as conn:
            for table in (*_TABLES, "settings"):
                conn.execute(f"DELETE FROM {table}")
        self._key = None
        self._vacuum()
        self._delete_exports()

    def _vacuum(self) -> None:
        conn = sqlite3.connect(self.path, timeout=30)
        try:
            conn.execute("VACUUM")
        finally:
            conn.close()

    def clear_today(self) -> dict[str, int]:
        """Erase everything saved today (local time): reflections, check-ins, saved results,
        drafts, today's module marks and today's exports. Returns how many of each went."""
        start = datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
        since = start.astimezone(timezone.utc).isoformat(timespec="microseconds")
        gone: dict[str, int] = {}
        with self._connect(write=True) as conn:
            for table, column in (("reflections", "created_at"), ("checkins", "created_at"),
                                  ("records", "created_at"), ("drafts", "updated_at")):  # fmt: skip
                gone[table] = conn.execute(f"DELETE FROM {table} WHERE {column} >= ?", (since,)).rowcount
            gone["progress"] = conn.execute("DELETE FROM progress WHERE started_at >= ?", (since,)).rowcount
            conn.execute("UPDATE progress SET completed_at = NULL WHERE completed_at >= ?", (since,))
        self._vacuum()
        gone["exports"] = self._delete_exports(since=start)
        return gone

    # -- the lock -------------------------------------------------------------------------

    def _setting(self, conn: sqlite3.Connection, key: str) -> str | None:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _lock_info(self, conn: sqlite3.Connection) -> seal.LockInfo | None:
        value = self._setting(conn, _LOCK)
        return seal.LockInfo.from_json(value) if value else None

    def _seal(self, conn: sqlite3.Connection, text: str) -> str:
        info = self._lock_info(conn)
        return seal.seal(info.public, text) if info else text

    def _stored_lock(self) -> seal.LockInfo | None:
        with self._connect() as conn:
            return self._lock_info(conn)

    def _reseal(self, conn: sqlite3.Connection, change: Any) -> None:
        """Rewrite every sealed column through ``change`` (seal, or open) in one transaction."""
        for table, (key, columns) in _SEALED.items():
            rows = conn.execute(f"SELECT {key}, {', '.join(columns)} FROM {table}").fetchall()
            for row in rows:
                values = [change(v) if v else v for v in row[1:]]
                assignments = ", ".join(f"{c} = ?" for c in columns)
                conn.execute(f"UPDATE {table} SET {assignments} WHERE {key} = ?", (*values, row[0]))

    def set_lock(self, passphrase: str) -> int:
        """Lock the journal with ``passphrase``: everything in it is sealed now, and everything
        saved later too. Earlier exports (which the lock cannot cover) are deleted; returns how
        many. The journal is locked at once: reading needs ``unlock`` with the passphrase."""
        with self._connect(write=True) as conn:
            if self._lock_info(conn) is not None:
                raise ValueError("Your journal already has a lock. Remove it first to set a new passphrase.")
            info, key = seal.create(passphrase)
            conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (_LOCK, info.to_json()))
            self._reseal(conn, lambda v: v if seal.is_sealed(v) else seal.seal(info.public, v))
        del key  # locked at once: a learner who walks away is not leaving it open
        self._key = None
        self._vacuum()
        return self._delete_exports()

    def remove_lock(self, passphrase: str) -> None:
        """Take the lock off: every entry is stored readable again (needs the passphrase)."""
        self.unlock(passphrase)
        key = self._key
        with self._connect(write=True) as conn:
            self._reseal(conn, lambda v: seal.open_sealed(key, v) if seal.is_sealed(v) else v)
            conn.execute("DELETE FROM settings WHERE key = ?", (_LOCK,))
        self._key = None
        self._vacuum()

    def change_passphrase(self, old: str, new: str) -> None:
        with self._connect(write=True) as conn:
            info = self._lock_info(conn)
            if info is None:
                raise ValueError("Your journal has no lock.")
            key = seal.unwrap(info, old)
            conn.execute(
                "UPDATE settings SET value = ? WHERE key = ?", (seal.rewrap(info, key, new).to_json(), _LOCK)
            )
        self._key = key
