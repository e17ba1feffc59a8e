"""The learner's private journal: reflections, check-ins, module progress, saved results.

Why SQLite: every save is one transaction, so a kernel that dies mid-write (or a
second notebook writing at the same moment) can never leave half an entry or lose a
committed one. The file lives in the learner's Jupyter data folder, readable only by
them (mode 0600), and never inside a course checkout, where it could be committed,
shared or handed in by accident. Nothing here talks to the network.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

DATA_DIR_ENV = "CLOSER_DATA_DIR"
FILE_NAME = "journal.sqlite3"
SCHEMA_VERSION = 1
MAX_TEXT = 100_000
SCALE_MIN, SCALE_MAX = 0, 10
STATUSES = ("started", "completed")
# Folders of a course checkout that must never hold a journal.
COURSE_FOLDERS = ("course", "exercises", "solutions", "submitted", "autograded", "feedback")

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


class JournalLocationError(ValueError):
    """The journal was pointed at a place where private writing must not be kept."""


# --------------------------------------------------------------------------------------
# Entries
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reflection:
    id: int
    module: str
    prompt_id: str
    prompt: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class CheckIn:
    id: int
    created_at: datetime
    scores: dict[str, int]
    note: str = ""


@dataclass(frozen=True)
class Progress:
    module: str
    started_at: datetime
    completed_at: datetime | None = None

    @property
    def status(self) -> str:
        return "completed" if self.completed_at else "started"


@dataclass(frozen=True)
class Draft:
    """Unsaved writing, kept so that closing a notebook never loses a half-written entry."""

    key: str
    text: str
    updated_at: datetime


@dataclass(frozen=True)
class Record:
    """A saved widget result (a closeness map, a self-assessment, a plan...)."""

    id: int
    kind: str
    module: str
    payload: dict[str, Any] = field(default_factory=dict)
    created_at: datetime | None = None


# --------------------------------------------------------------------------------------
# Where the journal lives
# --------------------------------------------------------------------------------------


def on_binder() -> bool:
    """True on mybinder.org-style sessions, whose files vanish when the session ends."""
    return any(
        os.environ.get(name)
        for name in ("BINDER_SERVICE_HOST", "BINDER_LAUNCH_HOST", "BINDER_REQUEST", "BINDER_REPO_URL")
    )


def under_grader() -> bool:
    """True while nbgrader executes a notebook (autograde or validate)."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))


def default_data_dir() -> Path:
    """$CLOSER_DATA_DIR if set, else a ``closer`` folder in the Jupyter data directory."""
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    from jupyter_core.paths import jupyter_data_dir

    return Path(jupyter_data_dir()) / "closer"


def _project_root(path: Path) -> Path | None:
    """The nearest folder above ``path`` that is a Closer checkout or an nbgrader course."""
    for folder in (path, *path.parents):
        if (folder / "nbgrader_config.py").is_file():
            return folder
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "closer-course" in pyproject.read_text(errors="replace"):
            return folder
    return None


def check_location(folder: Path) -> Path:
    """Refuse folders where private writing could be committed, shared or handed in.

    A checkout's own files are off limits. Hidden folders under a checkout are allowed
    because on Binder the checkout *is* the home folder, and Jupyter's data directory
    (~/.local/share/jupyter) sits inside it, out of sight and out of git's way.
    """
    folder = Path(os.path.abspath(folder))
    package_dir = Path(__file__).resolve().parent
    if folder == package_dir or package_dir in folder.parents:
        raise JournalLocationError(
            f"The journal cannot live inside the course package ({package_dir}). "
            f"Set {DATA_DIR_ENV} to a private folder outside the course, or unset it."
        )
    root = _project_root(folder)
    if root is None:
        return folder
    relative = folder.relative_to(root).parts
    first = relative[0] if relative else ""
    if not first or not first.startswith(".") or first == ".git" or first in COURSE_FOLDERS:
        raise JournalLocationError(
            f"The journal cannot live inside the course folder {root} (asked for {folder}): "
            "it could be committed, shared or handed in with an assignment. "
            f"Set {DATA_DIR_ENV} to a private folder outside the course, or unset it."
        )
    return folder


# --------------------------------------------------------------------------------------
# Validation helpers: bad input gets a clear ValueError, never a half-written entry
# --------------------------------------------------------------------------------------


def _text(value: Any, what: str, *, allow_empty: bool = False) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text, got {type(value).__name__}.")
    if not allow_empty and not value.strip():
        raise ValueError(f"{what} is empty: write something before saving.")
    if len(value) > MAX_TEXT:
        raise ValueError(f"{what} is too long ({len(value):,} characters; the limit is {MAX_TEXT:,}).")
    return value


def _name(value: Any, what: str) -> str:
    value = _text(value, what)
    if value != value.strip() or len(value) > 200:
        raise ValueError(f"{what} must be a short name without surrounding spaces, got {value!r}.")
    return value


def _scores(scores: Any) -> dict[str, int]:
    if not isinstance(scores, Mapping) or not scores:
        raise ValueError("A check-in needs at least one score, given as {scale: number}.")
    clean = {}
    for scale, value in scores.items():
        scale = _name(scale, "A check-in scale name")
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(
                f"The score for {scale!r} must be a whole number from {SCALE_MIN} to {SCALE_MAX}, "
                f"got {value!r}."
            )
        if not SCALE_MIN <= value <= SCALE_MAX:
            raise ValueError(f"The score for {scale!r} must be from {SCALE_MIN} to {SCALE_MAX}, got {value}.")
        clean[scale] = value
    return clean


def _payload(payload: Any) -> str:
    if not isinstance(payload, Mapping):
        raise ValueError(f"A record's payload must be a mapping, got {type(payload).__name__}.")
    try:
        encoded = json.dumps(dict(payload), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"A record's payload must be plain JSON data: {exc}") from None
    return _text(encoded, "The record")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


# --------------------------------------------------------------------------------------
# The journal
# --------------------------------------------------------------------------------------


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
        module = _name(module, "The module")
        prompt_id = _name(prompt_id, "The prompt id")
        prompt = _text(prompt, "The prompt")
        text = _text(text, "Your reflection")
        created = _now()
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
        return [Reflection(r[0], r[1], r[2], r[3], r[4], _time(r[5])) for r in rows]

    # -- check-ins ------------------------------------------------------------------------

    def add_checkin(self, scores: Mapping[str, int], note: str = "") -> CheckIn:
        """Save a check-in: a few 0-10 scores and an optional note."""
        clean = _scores(scores)
        note = _text(note, "The note", allow_empty=True)
        created = _now()
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
        return [CheckIn(r[0], _time(r[1]), json.loads(r[2]), r[3]) for r in rows]

    # -- progress -------------------------------------------------------------------------

    def mark(self, module: str, status: str = "started") -> Progress:
        """Record that a module was started or completed. Completing implies starting."""
        module = _name(module, "The module")
        if status not in STATUSES:
            raise ValueError(f"The status must be one of {', '.join(STATUSES)}, got {status!r}.")
        now = _now()
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
        return Progress(row[0], _time(row[1]), _time(row[2]))

    def progress(self) -> dict[str, Progress]:
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT module, started_at, completed_at FROM progress ORDER BY module"
            ).fetchall()
        return {r[0]: Progress(r[0], _time(r[1]), _time(r[2])) for r in rows}

    # -- saved results --------------------------------------------------------------------

    def add_record(self, kind: str, module: str, payload: Mapping[str, Any]) -> Record:
        """Save a widget's result as JSON (it must be JSON-serialisable)."""
        kind = _name(kind, "The record kind")
        module = _name(module, "The module")
        encoded = _payload(payload)
        created = _now()
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
        return [Record(r[0], r[1], r[2], json.loads(r[3]), _time(r[4])) for r in rows]

    def update_record(self, record_id: int, payload: Mapping[str, Any]) -> Record:
        """Replace a saved result's payload (a widget keeps one record per editing session)."""
        encoded = _payload(payload)
        with self._connect(write=True) as conn:
            row = conn.execute("SELECT kind, module FROM records WHERE id = ?", (record_id,)).fetchone()
            if row is None:
                raise ValueError(f"There is no saved result with id {record_id}.")
            conn.execute("UPDATE records SET payload = ? WHERE id = ?", (encoded, record_id))
            created = conn.execute("SELECT created_at FROM records WHERE id = ?", (record_id,)).fetchone()
        return Record(record_id, row[0], row[1], json.loads(encoded), _time(created[0]))

    # -- drafts ---------------------------------------------------------------------------

    def save_draft(self, key: str, text: str) -> None:
        """Keep unsaved writing under ``key``; empty text removes the draft."""
        key = _name(key, "The draft key")
        text = _text(text, "The draft", allow_empty=True)
        with self._connect(write=True) as conn:
            if text.strip():
                conn.execute(
                    "INSERT INTO drafts (key, text, updated_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                    (key, text, _now()),
                )
            else:
                conn.execute("DELETE FROM drafts WHERE key = ?", (key,))

    def draft(self, key: str) -> Draft | None:
        with self._connect() as conn:
            row = conn.execute("SELECT key, text, updated_at FROM drafts WHERE key = ?", (key,)).fetchone()
        return Draft(row[0], row[1], _time(row[2])) if row else None

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
            "exported_at": _now(),
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
        md = _write_private(folder / f"closer-journal-{stamp}.md", render_markdown(snap, titles))
        js = _write_private(
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


def _write_private(path: Path, text: str) -> Path:
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def _local(stamp: str | None) -> str:
    if not stamp:
        return ""
    return datetime.fromisoformat(stamp).astimezone().strftime("%d %b %Y, %H:%M")


def render_markdown(snap: Mapping[str, Any], titles: Mapping[str, str] | None = None) -> str:
    """A readable export of a journal snapshot, grouped the way a learner thinks of it.

    ``titles`` maps module ids to their titles, so the export reads "What emotional
    intimacy is" rather than "01_what_is_intimacy".
    """
    titles = titles or {}

    def title(module: str) -> str:
        return titles.get(module, module)

    lines = [
        "# My Closer journal",
        "",
        f"Exported {_local(snap['exported_at'])}. This file is private: keep it somewhere safe.",
        "",
    ]
    if not any(snap.get(k) for k in ("reflections", "checkins", "progress", "records", "drafts")):
        lines += ["The journal is empty.", ""]
        return "\n".join(lines)
    if snap["progress"]:
        lines += ["## Modules", ""]
        for p in snap["progress"]:
            state = f"completed {_local(p['completed_at'])}" if p["completed_at"] else "started"
            lines.append(f"- {title(p['module'])}: {state} (began {_local(p['started_at'])})")
        lines.append("")
    if snap["checkins"]:
        lines += ["## Check-ins", ""]
        for c in snap["checkins"]:
            scores = ", ".join(f"{k} {v}/10" for k, v in c["scores"].items())
            lines.append(f"- {_local(c['created_at'])}: {scores}")
            if c["note"].strip():
                lines.append(f"  - Note: {_one_line(c['note'])}")
        lines.append("")
    if snap["reflections"]:
        lines += ["## Reflections", ""]
        current = None
        for r in snap["reflections"]:
            if r["module"] != current:
                current = r["module"]
                lines += [f"### {title(current)}", ""]
            lines += [f"**{r['prompt']}**", "", f"*{_local(r['created_at'])}*", ""]
            lines += [r["text"].strip(), ""]
    if snap["records"]:
        lines += ["## Saved results", ""]
        for rec in snap["records"]:
            label = rec["kind"].replace("_", " ")
            lines.append(f"### {label.capitalize()}, {title(rec['module'])} ({_local(rec['created_at'])})")
            lines.append("")
            lines += _payload_lines(rec["payload"], 0)
            lines.append("")
    if snap.get("drafts"):
        lines += ["## Unsaved drafts", ""]
        for d in snap["drafts"]:
            lines += [f"**{d['key']}** (last edited {_local(d['updated_at'])})", "", d["text"].strip(), ""]
    return "\n".join(lines)


def _payload_lines(value: Any, depth: int) -> list[str]:
    """Nested data as a Markdown bullet list."""
    pad = "  " * depth
    if isinstance(value, Mapping):
        out = []
        for key, item in value.items():
            name = str(key).replace("_", " ")
            if isinstance(item, (Mapping, list)):
                out.append(f"{pad}- {name}:")
                out += _payload_lines(item, depth + 1)
            else:
                out.append(f"{pad}- {name}: {_one_line(str(item))}")
        return out
    if isinstance(value, list):
        out = []
        for i, item in enumerate(value, start=1):
            if isinstance(item, (Mapping, list)):
                out.append(f"{pad}- {i}.")
                out += _payload_lines(item, depth + 1)
            else:
                out.append(f"{pad}- {_one_line(str(item))}")
        return out
    return [f"{pad}- {_one_line(str(value))}"]


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------------------
# The journal a notebook uses by default
# --------------------------------------------------------------------------------------

_default: Journal | None = None
_GRADING_PREFIX = "closer-grading-"


def default_journal() -> Journal:
    """The learner's journal; under nbgrader a throwaway one, so grading never touches
    (or waits on) anyone's real journal."""
    global _default
    if under_grader():
        if _default is None or not _default.folder.name.startswith(_GRADING_PREFIX):
            folder = tempfile.mkdtemp(prefix=_GRADING_PREFIX)
            atexit.register(shutil.rmtree, folder, True)
            _default = Journal(folder)
        return _default
    folder = check_location(default_data_dir())
    if _default is None or _default.folder != folder:
        _default = Journal(folder)
    return _default


def as_dict(entry: Reflection | CheckIn | Progress | Record) -> dict[str, Any]:
    """An entry as plain data with ISO times (handy for widgets and tests)."""
    out = asdict(entry)
    for key, value in out.items():
        if isinstance(value, datetime):
            out[key] = value.isoformat()
    return out
