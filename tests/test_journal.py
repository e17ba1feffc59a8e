"""The private journal: location, privacy, durability, concurrency, export, delete, bad input.

Every test runs against both stores, SQLite and JSON Lines (the browser edition's).
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from course import journal as journal_module
from course.journal import Journal, JournalLocationError, default_data_dir, default_journal
from tests.journal_stores import FILES, from_a_newer_course, intact

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.usefixtures("backend")

# ------------------------------------------------------------------------------------------
# Where it lives
# ------------------------------------------------------------------------------------------


def test_default_location_is_the_jupyter_data_dir(monkeypatch, tmp_path, backend):
    monkeypatch.delenv("CLOSER_DATA_DIR")
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter-data"))
    assert default_data_dir() == tmp_path / "jupyter-data" / "closer"
    assert default_journal().path == tmp_path / "jupyter-data" / "closer" / FILES[backend]


def test_environment_variable_overrides_location(monkeypatch, tmp_path, backend):
    monkeypatch.setenv("CLOSER_DATA_DIR", str(tmp_path / "mine"))
    j = default_journal()
    j.add_checkin({"connected": 3})
    assert (tmp_path / "mine" / FILES[backend]).is_file()


@pytest.mark.parametrize("inside", ["", "course", "exercises/01_what_is_intimacy", "solutions", "notes"])
def test_refuses_any_folder_of_the_course_checkout(inside):
    with pytest.raises(JournalLocationError, match="cannot live inside the course"):
        Journal(ROOT / inside)


def test_refuses_a_folder_inside_an_nbgrader_course(tmp_path):
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n")
    with pytest.raises(JournalLocationError, match="course folder"):
        Journal(tmp_path / "submitted" / "ana")


def test_binder_layout_hidden_data_dir_is_allowed(tmp_path):
    """On Binder the checkout is $HOME, and Jupyter's data dir is the hidden ~/.local/..."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "closer-course"\n')
    j = Journal(tmp_path / ".local" / "share" / "jupyter" / "closer")
    j.add_checkin({"open": 4})
    assert j.path.is_file()
    with pytest.raises(JournalLocationError):
        Journal(tmp_path / ".git" / "closer")


def test_environment_variable_pointing_into_the_repo_is_refused(monkeypatch):
    monkeypatch.setenv("CLOSER_DATA_DIR", str(ROOT / "exercises"))
    with pytest.raises(JournalLocationError, match="CLOSER_DATA_DIR"):
        default_journal()


def test_file_is_private_to_the_user(journal):
    journal.add_reflection("01_what_is_intimacy", "seen", "A prompt", "words")
    assert stat.S_IMODE(journal.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(journal.folder.stat().st_mode) == 0o700


def test_existing_file_with_loose_permissions_is_tightened(tmp_path, backend):
    folder = tmp_path / "j"
    folder.mkdir()
    (folder / FILES[backend]).touch(mode=0o644)
    os.chmod(folder / FILES[backend], 0o644)
    Journal(folder).add_checkin({"open": 1})
    assert stat.S_IMODE((folder / FILES[backend]).stat().st_mode) == 0o600
    assert Journal(folder).counts()["checkins"] == 1


def test_under_nbgrader_the_default_journal_is_throwaway(monkeypatch, tmp_path):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    j = default_journal()
    assert j.folder.name.startswith("closer-grading-")
    assert not str(j.folder).startswith(str(tmp_path / "default-journal"))
    assert default_journal() is j
    j.add_checkin({"open": 2})
    assert not (tmp_path / "default-journal").exists()


# ------------------------------------------------------------------------------------------
# What it keeps
# ------------------------------------------------------------------------------------------


def test_reflections_are_kept_in_order_and_never_overwritten(journal):
    journal.add_reflection("01_what_is_intimacy", "seen", "Prompt A", "first try")
    journal.add_reflection("01_what_is_intimacy", "seen", "Prompt A", "second try")
    journal.add_reflection("01_what_is_intimacy", "kinds", "Prompt B", "other")
    journal.add_reflection("00_welcome", "hopes", "Prompt C", "hopes")
    seen = journal.reflections("01_what_is_intimacy", "seen")
    assert [r.text for r in seen] == ["first try", "second try"]
    assert seen[0].created_at <= seen[1].created_at
    assert len(journal.reflections("01_what_is_intimacy")) == 3
    assert len(journal.reflections()) == 4


def test_checkins_round_trip(journal):
    saved = journal.add_checkin({"connected": 0, "open": 10}, "a note\nover two lines")
    (loaded,) = journal.checkins()
    assert loaded == saved
    assert loaded.scores == {"connected": 0, "open": 10}


def test_progress_start_then_complete_keeps_first_times(journal):
    started = journal.mark("01_what_is_intimacy")
    assert started.status == "started"
    done = journal.mark("01_what_is_intimacy", "completed")
    again = journal.mark("01_what_is_intimacy", "completed")
    assert done.started_at == started.started_at
    assert again.completed_at == done.completed_at
    assert journal.progress()["01_what_is_intimacy"].status == "completed"
    assert journal.mark("00_welcome", "completed").started_at is not None


def test_records_add_update_and_filter(journal):
    rec = journal.add_record("closeness_map", "01_what_is_intimacy", {"people": []})
    journal.add_record("other", "01_what_is_intimacy", {"x": 1})
    updated = journal.update_record(rec.id, {"people": [{"name": "Sam"}]})
    assert updated.created_at == rec.created_at
    (loaded,) = journal.records("closeness_map")
    assert loaded.payload == {"people": [{"name": "Sam"}]}
    with pytest.raises(ValueError, match="no saved result with id 999"):
        journal.update_record(999, {})


def test_drafts_are_kept_replaced_and_cleared(journal):
    journal.set_keep_drafts(True)
    journal.save_draft("reflection:01:seen", "half a tho")
    journal.save_draft("reflection:01:seen", "half a thought")
    assert journal.draft("reflection:01:seen").text == "half a thought"
    journal.clear_draft("reflection:01:seen")
    assert journal.draft("reflection:01:seen") is None


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda j: j.add_reflection("01", "seen", "P", "   "), "Your reflection is empty"),
        (lambda j: j.add_reflection("01", "seen", "P", 42), "Your reflection must be text, got int"),
        (lambda j: j.add_reflection("01", "seen", "P", "x" * 100_001), "too long"),
        (lambda j: j.add_reflection(" 01", "seen", "P", "x"), "short name without surrounding spaces"),
        (lambda j: j.add_checkin({}), "at least one score"),
        (lambda j: j.add_checkin({"open": 11}), "must be from 0 to 10, got 11"),
        (lambda j: j.add_checkin({"open": -1}), "must be from 0 to 10, got -1"),
        (lambda j: j.add_checkin({"open": 5.5}), "whole number from 0 to 10, got 5.5"),
        (lambda j: j.add_checkin({"open": True}), "whole number from 0 to 10, got True"),
        (lambda j: j.add_checkin({"open": "7"}), "whole number"),
        (lambda j: j.add_checkin({"open": 5}, note=None), "The note must be text"),
        (lambda j: j.mark("01", "finished"), "status must be one of started, completed"),
        (lambda j: j.add_record("k", "01", ["not", "a", "mapping"]), "must be a mapping, got list"),
        (lambda j: j.add_record("k", "01", {"when": object()}), "plain JSON data"),
        (lambda j: j.add_record("k", "01", {"x": float("nan")}), "plain JSON data"),
    ],
)
def test_bad_input_raises_a_clear_error_and_saves_nothing(journal, call, message):
    with pytest.raises(ValueError, match=message):
        call(journal)
    assert not any(journal.counts().values())


def test_journal_from_a_newer_course_version_is_left_untouched(journal):
    journal.add_checkin({"open": 1})
    from_a_newer_course(journal)
    before = journal.path.read_bytes()
    with pytest.raises(RuntimeError, match="newer version of Closer"):
        Journal(journal.folder).checkins()
    with pytest.raises(RuntimeError, match="newer version of Closer"):
        Journal(journal.folder).add_checkin({"open": 2})
    assert journal.path.read_bytes() == before


# ------------------------------------------------------------------------------------------
# Export and delete
# ------------------------------------------------------------------------------------------


def _fill(j: Journal) -> None:
    j.mark("01_what_is_intimacy", "completed")
    j.add_checkin({"connected": 6, "open": 3}, "tired but ok")
    j.add_reflection("01_what_is_intimacy", "seen", "When did you feel seen?", "My aunt, at the station.")
    j.add_record("closeness_map", "01_what_is_intimacy", {"people": [{"name": "Sam", "closeness": 8}]})
    j.set_keep_drafts(True)
    j.save_draft("reflection:01_what_is_intimacy:kinds", "unfinished thought")


def test_markdown_export_reads_well(journal):
    _fill(journal)
    md = journal.export_markdown({"01_what_is_intimacy": "Module 1: What emotional intimacy is"})
    assert md.startswith("# My Closer journal")
    assert "- Module 1: What emotional intimacy is: completed" in md
    assert "connected 6/10, open 3/10" in md and "Note: tired but ok" in md
    assert "### Module 1: What emotional intimacy is" in md
    assert "**When did you feel seen?**" in md and "My aunt, at the station." in md
    assert "- people:" in md and "  - name: Sam" in md
    assert "## Unsaved drafts" in md and "unfinished thought" in md


def test_json_export_holds_everything(journal):
    _fill(journal)
    data = json.loads(journal.export_json())
    assert data["format"] == "closer-journal"
    assert [len(data[k]) for k in ("reflections", "checkins", "progress", "records", "drafts")] == [1] * 5
    assert data["records"][0]["payload"]["people"][0]["name"] == "Sam"


def test_empty_journal_exports_a_friendly_file(journal):
    assert "The journal is empty." in journal.export_markdown()


def test_export_files_are_private(journal):
    _fill(journal)
    md, js = journal.export_files()
    assert md.parent == journal.folder / "exports"
    for path in (md, js):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "My aunt, at the station." in md.read_text()
    assert json.loads(js.read_text())["checkins"][0]["note"] == "tired but ok"


def test_delete_everything_leaves_no_trace_of_the_words(journal):
    _fill(journal)
    journal.export_files()
    journal.delete_everything()
    assert not any(journal.counts().values())
    assert list((journal.folder / "exports").iterdir()) == []
    raw = journal.path.read_bytes()
    for secret in (b"My aunt, at the station.", b"tired but ok", b"unfinished thought", b"Sam"):
        assert secret not in raw
    journal.add_checkin({"open": 5})  # still usable afterwards
    assert journal.counts()["checkins"] == 1


# ------------------------------------------------------------------------------------------
# Durability: two writers at once, and a writer killed mid-write
# ------------------------------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    from course.journal import Journal
    j = Journal(sys.argv[1])
    tag, count, size = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    for i in range(count):
        r = j.add_reflection("01_what_is_intimacy", tag, "prompt", f"{tag}-{i}:" + "x" * size)
        print(r.id, flush=True)
    """
)


def _writer(folder: Path, tag: str, count: int, size: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(folder), tag, str(count), str(size)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    folder = tmp_path / "shared"
    Journal(folder).counts()  # create it first so both start on an existing file
    a, b = _writer(folder, "a", 150, 200), _writer(folder, "b", 150, 200)
    out_a, _ = a.communicate(timeout=120)
    out_b, _ = b.communicate(timeout=120)
    assert a.returncode == b.returncode == 0
    ids = [int(x) for x in (out_a + out_b).split()]
    assert len(ids) == len(set(ids)) == 300
    texts = {r.text.split(":")[0] for r in Journal(folder).reflections()}
    assert texts == {f"a-{i}" for i in range(150)} | {f"b-{i}" for i in range(150)}


def test_a_writer_killed_mid_write_leaves_every_committed_entry_readable(tmp_path):
    folder = tmp_path / "killed"
    Journal(folder).counts()
    proc = _writer(folder, "k", 100_000, 50_000)
    acknowledged = []
    assert proc.stdout is not None
    while len(acknowledged) < 40:
        line = proc.stdout.readline()
        assert line, "the writer stopped early"
        acknowledged.append(int(line))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert intact(Journal(folder))
    survivors = Journal(folder).reflections()
    by_id = {r.id: r for r in survivors}
    assert set(acknowledged) <= set(by_id)
    for r in survivors:  # no half-written entry either
        assert r.text.endswith("x" * 50_000)
    Journal(folder).add_checkin({"open": 5})  # and the journal still takes new entries


def test_default_journal_follows_a_changed_location(monkeypatch, tmp_path):
    monkeypatch.setenv("CLOSER_DATA_DIR", str(tmp_path / "one"))
    first = default_journal()
    assert default_journal() is first
    monkeypatch.setenv("CLOSER_DATA_DIR", str(tmp_path / "two"))
    assert default_journal().folder == tmp_path / "two"
    assert journal_module.default_journal() is not first
