"""The journal widgets, headless: set values, click buttons, check what was stored and drawn."""

from __future__ import annotations

from support import html_text, walk

import course
from course.journal import default_journal
from course.ui.controls import DownloadLink


def test_module_start_records_progress_and_says_how_long():
    w = course.module_start("01_what_is_intimacy")
    assert w.result.status == "started"
    assert "about 45 minutes" in html_text(w)
    assert default_journal().progress()["01_what_is_intimacy"].status == "started"


def test_module_done_marks_completion_and_remembers_it():
    w = course.module_done("00_welcome")
    assert w.result is None
    w.button.click()
    assert w.result.status == "completed"
    assert "marked as finished" in w.status.value
    assert "you marked this module as finished" in course.module_done("00_welcome").status.value


def test_progress_overview_shows_status_in_words():
    course.module_done("00_welcome").button.click()
    course.module_start("01_what_is_intimacy")
    w = course.progress_overview()
    assert w.result["00_welcome"] == "completed"
    assert w.result["01_what_is_intimacy"] == "started"
    assert w.result["07_next_steps"] == "not started"
    assert "✓ done" in w.table.value and "◐ started" in w.table.value and "○ not started" in w.table.value


def test_journal_manager_exports_with_download_links():
    course.reflection("01_what_is_intimacy", "seen")  # nothing saved yet
    j = default_journal()
    j.add_reflection("01_what_is_intimacy", "seen", "Prompt", "kept words")
    w = course.journal_manager()
    assert "1 reflection, 0 check-ins" in w.counts.value
    assert str(j.path) in w.where.value
    w.export.click()
    md, js = w.result["export"]
    assert md.is_file() and js.is_file()
    links = [x for x in walk(w) if isinstance(x, DownloadLink)]
    assert {link.filename.rsplit(".", 1)[1] for link in links} == {"md", "json"}
    assert "kept words" in w.markdown_link.content
    assert "### Module 1: What emotional intimacy is" in w.markdown_link.content
    assert '"kept words"' in w.json_link.content


def test_journal_manager_deletes_only_after_confirmation():
    default_journal().add_checkin({"open": 5})
    w = course.journal_manager()
    w.delete.click()
    assert w.confirm_box.layout.display == "flex"
    assert default_journal().counts()["checkins"] == 1
    w.cancel.click()
    assert w.confirm_box.layout.display == "none"
    assert "nothing was deleted" in w.status.value
    assert default_journal().counts()["checkins"] == 1
    w.delete.click()
    w.confirm.click()
    assert not any(default_journal().counts().values())
    assert w.result["deleted"] is True
    assert "0 check-ins" in w.counts.value


def test_in_the_browser_the_panel_says_clearing_browser_data_deletes_the_journal(monkeypatch, tmp_path):
    import sys

    monkeypatch.setattr(sys, "platform", "emscripten")  # what in_browser() looks at
    w = course.journal_manager()
    text = w.where.value
    assert "kept in this browser" in text and ".closer/journal.jsonl" in text
    assert "Clearing this browser's data for the site deletes your journal" in text
    assert "Export my journal" in text
