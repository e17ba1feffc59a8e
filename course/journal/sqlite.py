"""The journal's SQLite store.

Why SQLite: every save is one transaction, so a kernel that dies mid-write (or a second
notebook writing at the same moment) can never leave half an entry or lose a committed one.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

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
from .export import render_markdown, write_private
from .location import check_location, default_data_dir

FILE_NAME = "journal.sqlite3"


SCHEMA_VERSION = 1


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
"""


_TABLES = ("reflections", "checkins", "progress", "records", "drafts")


class Journal:
    """A private journal stored in one SQLite file.

    Each method opens a short-lived connection, so several notebooks (and processes)
    can use the same journal; writers wait for each other instead of failing.
    """

    def __init__(self, folder: str | os.PathLike[str] | None = None):
        folder = Path(folder) if folder is not None else default_data_dir()
        self.folder = check_location(folder)
        self.path = self.folder / FILE_NAME
        self._ready = False

    def __repr__(self) -> str:
        return f"Journal({str(self.folder)!r})"

    # -- storage ------------------------------------------------------------------------

    def _prepare(self) -> None:
        """Create the folder (0700) and file (0600) before SQLite touches them."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(self.folder, 0o700)
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
                (module, prompt_id, prompt, text, created),
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
        return [Reflection(r[0], r[1], r[2], r[3], r[4], parse_time(r[5])) for r in rows]

    # -- check-ins ------------------------------------------------------------------------

    def add_checkin(self, scores: Mapping[str, int], note: str = "") -> CheckIn:
        """Save a check-in: a few 0-10 scores and an optional note."""
        clean = check_scores(scores)
        note = check_text(note, "The note", allow_empty=True)
        created = utc_now()
        with self._connect(write=True) as conn:
            cur = conn.execute(
                "INSERT INTO checkins (created_at, scores, note) VALUES (?, ?, ?)",
                (created, json.dumps(clean), note),
            )
            new_id = cur.lastrowid
        return CheckIn(new_id, datetime.fromisoformat(created), clean, note)

    def checkins(self) -> list[CheckIn]:
        """All check-ins, oldest first."""
        with self._connect() as conn:
            rows = conn.execute("SELECT id, created_at, scores, note FROM checkins ORDER BY id").fetchall()
        return [CheckIn(r[0], parse_time(r[1]), json.loads(r[2]), r[3]) for r in rows]

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
                (kind, module, encoded, created),
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
        return [Record(r[0], r[1], r[2], json.loads(r[3]), parse_time(r[4])) for r in rows]

    def update_record(self, record_id: int, payload: Mapping[str, Any]) -> Record:
        """Replace a saved result's payload (a widget keeps one record per editing session)."""
        encoded = encode_payload(payload)
        with self._connect(write=True) as conn:
            row = conn.execute("SELECT kind, module FROM records WHERE id = ?", (record_id,)).fetchone()
            if row is None:
                raise ValueError(f"There is no saved result with id {record_id}.")
            conn.execute("UPDATE records SET payload = ? WHERE id = ?", (encoded, record_id))
            created = conn.execute("SELECT created_at FROM records WHERE id = ?", (record_id,)).fetchone()
        return Record(record_id, row[0], row[1], json.loads(encoded), parse_time(created[0]))

    # -- drafts ---------------------------------------------------------------------------

    def save_draft(self, key: str, text: str) -> None:
        """Keep unsaved writing under ``key``; empty text removes the draft."""
        key = check_name(key, "The draft key")
        text = check_text(text, "The draft", allow_empty=True)
        with self._connect(write=True) as conn:
            if text.strip():
                conn.execute(
                    "INSERT INTO drafts (key, text, updated_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                    (key, text, utc_now()),
                )
            else:
                conn.execute("DELETE FROM drafts WHERE key = ?", (key,))

    def draft(self, key: str) -> Draft | None:
        with self._connect() as conn:
            row = conn.execute("SELECT key, text, updated_at FROM drafts WHERE key = ?", (key,)).fetchone()
        return Draft(row[0], row[1], parse_time(row[2])) if row else None

    def clear_draft(self, key: str) -> None:
        self.save_draft(key, "")

    # -- whole journal --------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        with self._connect() as conn:
            return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in _TABLES}

    def is_empty(self) -> bool:
        return not any(self.counts().values())

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
        return {
            "format": "closer-journal",
            "schema_version": SCHEMA_VERSION,
            "exported_at": utc_now(),
            "reflections": [
                dict(zip(("id", "module", "prompt_id", "prompt", "text", "created_at"), r, strict=True))
                for r in refl
            ],
            "checkins": [
                {"id": r[0], "created_at": r[1], "scores": json.loads(r[2]), "note": r[3]} for r in chk
            ],
            "progress": [dict(zip(("module", "started_at", "completed_at"), r, strict=True)) for r in prog],
            "records": [
                {"id": r[0], "kind": r[1], "module": r[2], "payload": json.loads(r[3]), "created_at": r[4]}
                for r in recs
            ],
            "drafts": [dict(zip(("key", "text", "updated_at"), r, strict=True)) for r in drafts],
        }

    def export_json(self) -> str:
        return json.dumps(self.snapshot(), ensure_ascii=False, indent=2)

    def export_markdown(self, titles: Mapping[str, str] | None = None) -> str:
        return render_markdown(self.snapshot(), titles)

    def export_files(self, titles: Mapping[str, str] | None = None) -> tuple[Path, Path]:
        """Write a Markdown and a JSON export into the journal's private exports folder."""
        snap = self.snapshot()
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

    def delete_everything(self) -> None:
        """Erase every entry and every export. secure_delete + VACUUM leave no old text behind."""
        with self._connect(write=True) as conn:
            for table in _TABLES:
                conn.execute(f"DELETE FROM {table}")
        conn = sqlite3.connect(self.path, timeout=30)
        try:
            conn.execute("VACUUM")
        finally:
            conn.close()
        exports = self.folder / "exports"
        if exports.is_dir():
            for item in exports.iterdir():
                if item.is_file():
                    item.unlink()
