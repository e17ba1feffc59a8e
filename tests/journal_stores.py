"""The journal's two stores, for the tests that run against both: their file names, and the
few things a test does to a store's file directly (backdating an entry, a file from a newer
course, checking that a file is intact)."""

from __future__ import annotations

import json
import sqlite3

from course.journal import Journal

FILES = {"sqlite": "journal.sqlite3", "jsonl": "journal.jsonl"}


def _append_lines(j: Journal, *records: dict) -> None:
    with open(j.path, "ab") as handle:
        for record in records:
            handle.write(json.dumps(record).encode() + b"\n")


def add_backdated(j: Journal, reflection: tuple, progress: tuple) -> None:
    """A reflection (module, prompt_id, prompt, text, created_at) and a progress row (module,
    started_at, completed_at) written straight into the file, as if saved on another day."""
    if j.BACKEND == "sqlite":
        with sqlite3.connect(j.path) as conn:
            columns = "module, prompt_id, prompt, text, created_at"
            conn.execute(f"INSERT INTO reflections ({columns}) VALUES (?, ?, ?, ?, ?)", reflection)
            conn.execute("INSERT INTO progress (module, started_at, completed_at) VALUES (?, ?, ?)", progress)
        return
    next_id = max((r.id for r in j.reflections()), default=0) + 1
    fields = ("module", "prompt_id", "prompt", "text", "created_at")
    _append_lines(
        j,
        {"t": "reflections", "id": next_id, **dict(zip(fields, reflection, strict=True))},
        {"t": "progress", **dict(zip(("module", "started_at", "completed_at"), progress, strict=True))},
    )


def from_a_newer_course(j: Journal) -> None:
    """Mark the journal's file as written by a newer version of Closer."""
    if j.BACKEND == "sqlite":
        conn = sqlite3.connect(j.path)
        conn.execute("PRAGMA user_version = 99")
        conn.commit()
        conn.close()
        return
    lines = j.path.read_bytes().split(b"\n")
    header = json.loads(lines[0])
    lines[0] = json.dumps({**header, "version": 99}).encode()
    j.path.write_bytes(b"\n".join(lines))


def intact(j: Journal) -> bool:
    """Whether the store's file is whole: SQLite's integrity check, or every complete line of
    the JSON Lines file a record (a torn last line, never acknowledged, is allowed)."""
    if j.BACKEND == "sqlite":
        conn = sqlite3.connect(j.path)
        try:
            return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    raw = j.path.read_bytes()
    complete = raw[: raw.rfind(b"\n") + 1].split(b"\n")[:-1]
    try:
        records = [json.loads(line) for line in complete]
    except ValueError:
        return False
    return bool(records) and records[0].get("format") == "closer-journal-lines"
