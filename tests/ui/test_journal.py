"""The journal widgets, headless: set values, click buttons, check what was stored and drawn."""

from __future__ import annotations

import base64
import re

from support import html_text, walk

import course
from course.journal import default_journal
from course.ui.controls import CheckboxGroup, DownloadLink


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
    links = [x for x in walk(w) if isinstance(x, DownloadLink) and x.content]  # the workbook's: not yet
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


def test_the_journal_panel_makes_a_printable_workbook_and_a_pdf():
    j = default_journal()
    j.add_reflection("00_welcome", "hopes", "What do you hope?", "<script>alert(1)</script> closer")
    j.add_record("practice", "05_building_intimacy", {"sentence": "I feel worried when plans change."})
    w = course.journal_manager()
    assert w.workbook_link.content == "" and w.pdf_link.content == ""
    w.workbook.click()
    page = w.result["workbook"]
    assert page.parent == j.folder / "exports" and page.suffix == ".html"
    assert w.workbook_link.mime == "text/html"
    assert re.fullmatch(r"notes-\d{4}-\d\d-\d\d\.html", w.workbook_link.filename), "a neutral download name"
    assert re.fullmatch(r"notes-\d{4}-\d\d-\d\d\.pdf", w.pdf_link.filename)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; closer" in w.workbook_link.content
    assert "I feel worried when plans change." in w.workbook_link.content
    assert "your workbook is ready" in w.status.value
    pdf = w.result["pdf"]  # this machine has Chromium (the browser suite needs it too)
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
    assert w.pdf_link.encoding == "base64" and w.pdf_link.mime == "application/pdf"
    assert base64.b64decode(w.pdf_link.content) == pdf.read_bytes()
    assert "The PDF is ready too." in w.status.value
    # Delete everything: the files go, and the page forgets its copies
    w.delete.click()
    w.confirm.click()
    assert not page.exists() and not pdf.exists()
    assert w.workbook_link.content == "" and w.pdf_link.content == ""


def test_without_a_pdf_maker_the_workbook_still_comes_as_a_page_to_print(monkeypatch):
    from course import workbook

    monkeypatch.setattr(workbook, "find_chromium", lambda: None)
    w = course.journal_manager()
    w.workbook.click()
    assert w.workbook_link.content.startswith("<!DOCTYPE html>") and w.pdf_link.content == ""
    assert "No PDF: the machine running the course has no Chromium or Chrome" in w.status.value
    assert "browser&#x27;s Print command" in w.status.value or "browser's Print command" in w.status.value


def test_a_locked_journal_makes_no_workbook_and_asks_to_unlock_and_locking_forgets_one():
    w = course.journal_manager()
    w.workbook.click()
    page = w.result["workbook"]
    w.privacy.passphrase.value = w.privacy.repeat.value = "correct horse battery staple"
    lock = next(b for b in walk(w.privacy) if getattr(b, "description", "") == "Lock my journal")
    lock.click()
    assert not page.exists(), "locking deletes the exports, the workbook included"
    assert w.workbook_link.content == "" and w.pdf_link.content == "", "and the page forgets its copies"
    w.workbook.click()
    assert "your journal is locked" in w.status.value and "Unlock it with your passphrase" in w.status.value
    assert w.workbook_link.content == ""


def test_the_learner_chooses_what_goes_in_the_workbook_drafts_and_partner_views_unticked(monkeypatch):
    from course import workbook

    monkeypatch.setattr(workbook, "find_chromium", lambda: None)  # the page is enough here
    j = default_journal()
    j.add_reflection("00_welcome", "hopes", "What do you hope?", "to be braver")
    j.set_keep_drafts(True)
    j.save_draft("07_next_steps:kind_words", "half a thought")
    j.add_record(
        "partner_view",
        "03_avoider_and_pursuer",
        {"names": ["Ana", "Bo"], "results": [None, None], "checkins": [{}, {}], "title": "T", "loop": "L"},
    )
    w = course.journal_manager()
    parts = w.workbook_parts
    assert isinstance(parts, CheckboxGroup) and parts.legend == "What goes in my workbook"
    assert "Unfinished drafts" in parts.options and "Partner views" in parts.options
    assert "Unfinished drafts" not in parts.value and "Partner views" not in parts.value
    assert {"My plan", "Before and after", "My reflections"} <= set(parts.value)
    assert "Anyone who finds a printed copy can read it." in w.workbook_intro.value
    w.workbook.click()
    page = w.workbook_link.content
    assert "to be braver" in page and "half a thought" not in page and "Ana" not in page
    parts.value = [*parts.value, "Unfinished drafts", "Partner views"]
    w.workbook.click()
    page = w.workbook_link.content
    assert "half a thought" in page and "Ana" in page
    parts.value = ["Unfinished drafts"]
    w.workbook.click()
    assert "to be braver" not in w.workbook_link.content, "only what was ticked"
    parts.value = []
    w.workbook.click()
    assert "tick at least one part" in w.status.value
