"""Device safety in the journal: drafts only when wanted, clear today, a passphrase lock.

Every test runs against both stores, SQLite and JSON Lines (the browser edition's), except the
SQLite file's own migration.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from course.journal import Journal, JournalLocked, WrongPassphrase
from course.journal.sqlite import FILE_NAME
from tests.journal_stores import add_backdated

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.usefixtures("backend")
PASS = "correct horse battery staple"
SECRETS = ("my aunt at the station", "tired but ok", "Sam the neighbour", "an unfinished thought")


def _fill(j: Journal) -> None:
    j.add_reflection("01_what_is_intimacy", "seen", "When did you feel seen?", SECRETS[0])
    j.add_checkin({"connected": 6}, SECRETS[1])
    j.add_record("closeness_map", "01_what_is_intimacy", {"people": [{"name": SECRETS[2]}]})
    j.set_keep_drafts(True)
    j.save_draft("reflection:01:kinds", SECRETS[3])


def _on_disk(j: Journal) -> bytes:
    """Every file of the store (with SQLite's journal or write-ahead files, or a half-made file)."""
    return b"".join(p.read_bytes() for p in j.folder.glob(f"{j.path.name}*"))


def test_drafts_are_kept_only_when_the_learner_wants(journal):
    assert journal.keep_drafts is False
    assert journal.save_draft("reflection:01:seen", "half a thought") is False
    assert journal.draft("reflection:01:seen") is None and b"half a thought" not in _on_disk(journal)
    journal.set_keep_drafts(True)
    assert journal.save_draft("reflection:01:seen", "half a thought") is True
    assert journal.draft("reflection:01:seen").text == "half a thought"
    journal.set_keep_drafts(False)
    assert journal.counts()["drafts"] == 0, "turning drafts off deletes the ones kept so far"
    assert b"half a thought" not in _on_disk(journal)


def test_the_lock_seals_what_is_there_and_what_comes_later(journal):
    _fill(journal)
    (journal.folder / "exports").mkdir()
    (journal.folder / "exports" / "closer-journal-old.md").write_text("plain words")
    assert journal.set_lock(PASS) == 1, "earlier exports, which the lock cannot cover, are deleted"
    journal.add_reflection("01_what_is_intimacy", "seen", "When did you feel seen?", "written after the lock")
    raw = _on_disk(journal)
    for secret in (*SECRETS, "written after the lock"):
        assert secret.encode() not in raw, secret
    # another notebook (a new process) sees a locked journal: it can save, not read
    other = Journal(journal.folder)
    assert other.locked and other.has_lock
    assert other.reflections() == [] and other.checkins() == [] and other.records() == []
    assert other.counts()["reflections"] == 2
    other.add_checkin({"connected": 2}, "saved while locked")
    with pytest.raises(JournalLocked, match="Unlock it with your passphrase"):
        other.export_markdown()
    with pytest.raises(WrongPassphrase, match="does not open this journal"):
        other.unlock("not the passphrase")
    other.unlock(PASS)
    assert [r.text for r in other.reflections()] == [SECRETS[0], "written after the lock"]
    assert [c.note for c in other.checkins()] == [SECRETS[1], "saved while locked"]
    assert other.records()[0].payload == {"people": [{"name": SECRETS[2]}]}
    assert other.draft("reflection:01:kinds").text == SECRETS[3]
    assert SECRETS[0] in other.export_markdown()
    other.lock_now()
    assert other.locked and other.reflections() == []


def test_the_passphrase_can_change_and_the_lock_can_come_off(journal):
    _fill(journal)
    journal.set_lock(PASS)
    journal.change_passphrase(PASS, "a new passphrase here")
    fresh = Journal(journal.folder)
    with pytest.raises(WrongPassphrase):
        fresh.unlock(PASS)
    fresh.remove_lock("a new passphrase here")
    assert not Journal(journal.folder).has_lock
    assert SECRETS[0].encode() in _on_disk(journal), "stored readable again"
    assert [r.text for r in Journal(journal.folder).reflections()] == [SECRETS[0]]


@pytest.mark.parametrize(
    ("passphrase", "words"), [("short", "at least 8 characters"), (12345678, "must be text")]
)
def test_a_weak_or_odd_passphrase_is_refused_with_a_reason(journal, passphrase, words):
    with pytest.raises(ValueError, match=words):
        journal.set_lock(passphrase)
    assert not journal.has_lock


def test_a_locked_journal_refuses_a_second_lock(journal):
    journal.set_lock(PASS)
    with pytest.raises(ValueError, match="already has a lock"):
        journal.set_lock("another passphrase")


def test_a_lock_set_in_one_process_is_honoured_by_another(journal):
    _fill(journal)
    journal.set_lock(PASS)
    code = (
        "import sys; from course.journal import Journal\n"
        "j = Journal(sys.argv[1])\n"
        "j.add_reflection('01_what_is_intimacy', 'seen', 'P', 'from another process')\n"
        "print(j.locked, len(j.reflections()))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(journal.folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert done.stdout.split() == ["True", "0"]
    journal.unlock(PASS)
    assert "from another process" in [r.text for r in journal.reflections()]


def test_clear_today_erases_today_and_keeps_earlier_days(journal):
    _fill(journal)
    journal.mark("01_what_is_intimacy", "completed")
    yesterday = (datetime.now(timezone.utc) - timedelta(days=2)).isoformat(timespec="microseconds")
    add_backdated(
        journal,
        ("00_welcome", "hopes", "Your hopes", "an older reflection", yesterday),
        ("00_welcome", yesterday, datetime.now(timezone.utc).isoformat()),
    )
    exports = journal.folder / "exports"
    exports.mkdir()
    (exports / "today.md").write_text(SECRETS[0])
    gone = journal.clear_today()
    assert gone == {"reflections": 1, "checkins": 1, "records": 1, "drafts": 1, "progress": 1, "exports": 1}
    assert [r.text for r in journal.reflections()] == ["an older reflection"]
    assert journal.progress()["00_welcome"].completed_at is None, "today's completion is undone"
    raw = _on_disk(journal)
    assert all(secret.encode() not in raw for secret in SECRETS)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_journal_from_the_first_version_opens_and_gains_settings(tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    with sqlite3.connect(folder / FILE_NAME) as conn:
        conn.executescript(
            "CREATE TABLE reflections (id INTEGER PRIMARY KEY, module TEXT NOT NULL, "
            "prompt_id TEXT NOT NULL, prompt TEXT NOT NULL, text TEXT NOT NULL, created_at TEXT NOT NULL);"
            "INSERT INTO reflections VALUES (1, '00_welcome', 'hopes', 'P', 'kept from before', "
            "'2026-11-01T10:00:00+00:00');"
            "PRAGMA user_version = 1;"
        )
    j = Journal(folder)
    assert [r.text for r in j.reflections()] == ["kept from before"]
    j.set_lock(PASS)
    assert j.locked, "a new lock is closed at once"
    j.unlock(PASS)
    assert json.loads(j.export_json())["reflections"][0]["text"] == "kept from before"


def test_a_journal_without_a_lock_never_loads_the_cryptography_library(tmp_path):
    """Most journals have no lock: they should not pay for loading ``cryptography`` at every
    notebook's start (about 30 ms). It loads when a lock is set or used."""
    code = (
        "import sys\nfrom course.journal import Journal\n"
        "j = Journal(sys.argv[1])\nj.add_reflection('00_welcome', 'hopes', 'P', 'words')\nj.reflections()\n"
        "print(any(m.startswith('cryptography') for m in sys.modules))\n"
        "j.set_lock('a long passphrase')\n"
        "print(any(m.startswith('cryptography') for m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "j")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert done.stdout.split() == ["False", "True"]
