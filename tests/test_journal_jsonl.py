"""The browser edition's journal store (JSON Lines): torn writes, crashes mid-rewrite, damaged
lines, and what the browser's Python cannot do (the lock). The store also passes the whole
journal suite (tests/test_journal.py and tests/test_journal_privacy.py run against both)."""

from __future__ import annotations

import json
import os
import sys

import pytest

from course import journal as journal_module
from course.journal import BACKEND_ENV, Journal, LockUnavailable, backend_name, default_data_dir
from course.journal import seal as seal_module
from course.journal.jsonl import JsonlJournal
from course.journal.location import BROWSER_DATA_DIR


@pytest.fixture
def journal(tmp_path) -> JsonlJournal:
    return JsonlJournal(tmp_path / "journal")


def _lines(j: JsonlJournal) -> list[bytes]:
    return j.path.read_bytes().split(b"\n")


def _reflect(j: JsonlJournal, text: str) -> None:
    j.add_reflection("01_what_is_intimacy", "seen", "When did you feel seen?", text)


def test_each_save_appends_one_complete_line(journal):
    _reflect(journal, "first")
    journal.add_checkin({"open": 4}, "a note")
    journal.mark("01_what_is_intimacy")
    lines = _lines(journal)
    assert lines[-1] == b"", "the file ends with a newline"
    records = [json.loads(line) for line in lines[:-1]]
    assert records[0] == {"format": "closer-journal-lines", "version": 1}
    assert [r["t"] for r in records[1:]] == ["reflections", "checkins", "progress"]


def test_a_torn_last_line_is_skipped_then_cut_off_by_the_next_save(journal):
    _reflect(journal, "saved before the crash")
    whole = journal.path.read_bytes()
    with open(journal.path, "ab") as handle:  # a writer killed halfway through its line
        handle.write(b'{"t":"reflections","id":2,"module":"01_what_is_intimacy","text":"half a sen')
    again = Journal(journal.folder, backend="jsonl")
    assert [r.text for r in again.reflections()] == ["saved before the crash"]
    assert again.counts()["reflections"] == 1
    _reflect(again, "saved after the crash")
    assert b"half a sen" not in journal.path.read_bytes()
    assert journal.path.read_bytes().startswith(whole)
    assert all(json.loads(line) for line in _lines(journal)[:-1])
    assert [r.text for r in Journal(journal.folder, backend="jsonl").reflections()] == [
        "saved before the crash",
        "saved after the crash",
    ]
    assert [r.id for r in again.reflections()] == [1, 2]


def test_a_file_torn_in_its_first_line_starts_afresh(tmp_path):
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "journal.jsonl").write_bytes(b'{"format":"closer-jou')
    j = JsonlJournal(folder)
    assert j.is_empty()
    j.add_checkin({"open": 3})
    assert _lines(j)[0] == b'{"format":"closer-journal-lines","version":1}'
    assert JsonlJournal(folder).counts()["checkins"] == 1


def test_a_damaged_line_is_left_out_with_a_warning_and_the_rest_kept(journal):
    _reflect(journal, "one")
    _reflect(journal, "two")
    lines = _lines(journal)
    lines[1] = b"\x00\x00 not a record \x00"
    journal.path.write_bytes(b"\n".join(lines))
    with pytest.warns(UserWarning, match="1 line could not be read and was left out"):
        assert [r.text for r in JsonlJournal(journal.folder).reflections()] == ["two"]


def test_a_rewrite_that_dies_before_the_rename_leaves_the_journal_as_it_was(journal, monkeypatch):
    _reflect(journal, "kept")
    rec = journal.add_record("plan", "07_next_steps", {"step": "ring Sam"})
    before = journal.path.read_bytes()

    def crash(*_args):
        raise OSError("the tab closed")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="the tab closed"):
        journal.update_record(rec.id, {"step": "ring Sam on Sunday"})
    monkeypatch.undo()
    assert journal.path.read_bytes() == before
    again = JsonlJournal(journal.folder)
    assert again.records()[0].payload == {"step": "ring Sam"}
    again.update_record(rec.id, {"step": "ring Sam on Sunday"})  # the half-made file is replaced
    assert JsonlJournal(journal.folder).records()[0].payload == {"step": "ring Sam on Sunday"}
    assert not (journal.folder / "journal.jsonl.new").exists()


def test_replaced_words_leave_the_file(journal):
    rec = journal.add_record("plan", "07_next_steps", {"step": "an old secret step"})
    journal.update_record(rec.id, {"step": "a new step"})
    journal.set_keep_drafts(True)
    journal.save_draft("reflection:01:seen", "a first draft")
    journal.save_draft("reflection:01:seen", "a second draft")
    raw = journal.path.read_bytes()
    assert b"an old secret step" not in raw and b"a first draft" not in raw
    assert b"a new step" in raw and b"a second draft" in raw


def test_opening_a_module_again_writes_nothing(journal):
    journal.mark("01_what_is_intimacy")
    before = journal.path.read_bytes()
    again = journal.mark("01_what_is_intimacy")
    assert journal.path.read_bytes() == before
    assert again.status == "started"
    journal.mark("01_what_is_intimacy", "completed")
    assert JsonlJournal(journal.folder).progress()["01_what_is_intimacy"].status == "completed"


def test_another_file_is_not_taken_for_a_journal(tmp_path):
    folder = tmp_path / "other"
    folder.mkdir()
    (folder / "journal.jsonl").write_text('{"something": "else"}\n')
    with pytest.raises(RuntimeError, match="is not a Closer journal; nothing has been changed"):
        JsonlJournal(folder).add_checkin({"open": 1})
    assert (folder / "journal.jsonl").read_text() == '{"something": "else"}\n'


def test_without_cryptography_the_lock_says_so_and_saving_still_works(journal, monkeypatch):
    monkeypatch.setattr(seal_module, "AVAILABLE", False)
    assert journal.lock_available is False
    with pytest.raises(LockUnavailable, match="not available in the browser edition"):
        journal.set_lock("correct horse battery staple")
    assert not journal.has_lock and not journal.locked
    _reflect(journal, "still saved")
    assert "still saved" in journal.export_markdown()


def test_the_browser_uses_json_lines_in_its_drive(monkeypatch):
    monkeypatch.delenv(BACKEND_ENV, raising=False)
    monkeypatch.delenv("CLOSER_DATA_DIR")
    monkeypatch.setattr(sys, "platform", "emscripten")
    assert backend_name() == "jsonl"
    assert default_data_dir() == BROWSER_DATA_DIR
    monkeypatch.setattr(sys, "platform", "linux")
    assert backend_name() == "sqlite"
    monkeypatch.setenv(BACKEND_ENV, "paper")
    with pytest.raises(ValueError, match="must be one of sqlite, jsonl, got 'paper'"):
        backend_name()


def test_the_default_journal_follows_a_change_of_store(monkeypatch, tmp_path):
    monkeypatch.setenv(BACKEND_ENV, "sqlite")
    first = journal_module.default_journal()
    monkeypatch.setenv(BACKEND_ENV, "jsonl")
    second = journal_module.default_journal()
    assert isinstance(second, JsonlJournal) and second is not first
    assert isinstance(second, Journal)


def test_in_the_browser_a_save_uses_no_lock_file(tmp_path, monkeypatch):
    """The browser's Python has no file locks: the side file there only cost three round trips
    through the page per save. Elsewhere writers still take the lock."""
    from course.journal import jsonl

    here = JsonlJournal(tmp_path / "server")
    _reflect(here, "on a server")
    assert (here.folder / "journal.jsonl.lock").exists()
    monkeypatch.setattr(jsonl, "in_browser", lambda: True)
    there = JsonlJournal(tmp_path / "browser")
    _reflect(there, "in the browser")
    there.mark("00_welcome")
    assert not (there.folder / "journal.jsonl.lock").exists()
    assert [r.text for r in there.reflections()] == ["in the browser"]
