"""The journal panel's device safety: drafts, clear today, the lock and leave quickly, headless."""

from __future__ import annotations

from support import html_text

import course
from course import content
from course.journal import default_journal

PASS = "correct horse battery staple"


def _panel():
    return course.journal_manager().privacy


def test_the_drafts_box_turns_drafts_on_and_off_and_says_what_it_did():
    panel = _panel()
    assert panel.drafts.value == [] and panel.drafts.options == ["Keep drafts while I type"]
    panel.drafts.value = ["Keep drafts while I type"]
    assert default_journal().keep_drafts and "drafts are kept as you type" in panel.status.value
    default_journal().save_draft("reflection:x:y", "half")
    panel.drafts.value = []
    assert not default_journal().keep_drafts and default_journal().counts()["drafts"] == 0
    assert "every draft kept so far is deleted" in panel.status.value


def _button(box, starts: str):
    return next(b for b in box.children if getattr(b, "description", "").startswith(starts))


def test_clear_today_asks_first_then_clears():
    w = course.reflection("01_what_is_intimacy", "seen")
    w.text.value = "saved today"
    w.save.click()
    panel = _panel()
    _button(panel, "Clear today's entries").click()
    assert panel.clear_box.layout.display == "flex"
    choices = panel.clear_box.children[1]
    _button(choices, "Keep them").click()
    assert default_journal().counts()["reflections"] == 1 and "nothing was cleared" in panel.status.value
    _button(panel, "Clear today's entries").click()
    _button(choices, "Yes, clear today").click()
    assert default_journal().counts()["reflections"] == 0
    assert "today's entries are cleared (1 item erased)" in panel.status.value


def _click(panel, label):
    next(b for b in panel.lock_box.children if getattr(b, "description", "") == label).click()


def test_locking_unlocking_and_removing_the_lock_from_the_panel():
    panel = _panel()
    assert "a lost passphrase means lost entries" in html_text(panel)
    panel.passphrase.value, panel.repeat.value = PASS, PASS + "!"
    _click(panel, "Lock my journal")
    assert "not the same" in panel.status.value and not default_journal().has_lock
    assert panel.passphrase.value == "" and panel.repeat.value == "", "typed passphrases are never kept"
    panel.passphrase.value = panel.repeat.value = "short"
    _click(panel, "Lock my journal")
    assert "at least 8 characters" in panel.status.value
    panel.passphrase.value = panel.repeat.value = PASS
    _click(panel, "Lock my journal")
    assert default_journal().locked and panel.result["lock"] == "locked", "locked at once, not left open"
    assert "locked now" in panel.status.value
    reflection = course.reflection("01_what_is_intimacy", "seen")
    assert "Your journal is locked" in html_text(reflection), "widgets say why earlier entries are hidden"
    panel.passphrase.value = "wrong passphrase"
    _click(panel, "Unlock")
    assert "does not open this journal" in panel.status.value and default_journal().locked
    panel.passphrase.value = PASS
    _click(panel, "Unlock")
    assert not default_journal().locked and panel.result["lock"] == "open"
    assert "Closing the tab does not lock it" in html_text(panel)
    _click(panel, "Lock again now")
    assert default_journal().locked and panel.result["lock"] == "locked"
    panel.passphrase.value = PASS
    _click(panel, "Unlock")
    panel.passphrase.value = PASS
    _click(panel, "Remove the lock")
    assert not default_journal().has_lock and panel.result["lock"] == "none"


def test_a_locked_journal_will_not_export_and_says_why():
    manager = course.journal_manager()
    default_journal().set_lock(PASS)
    default_journal().lock_now()
    manager.export.click()
    assert "Your journal is locked" in manager.status.value and manager.markdown_link.content == ""


def test_leave_quickly_locks_an_unlocked_journal_before_the_page_goes():
    journal = default_journal()
    journal.set_lock(PASS)
    journal.unlock(PASS)
    button = _panel().leave
    button._message(button, {"type": "leave"}, [])  # what the page sends on a click
    assert journal.locked
    button._message(button, {"type": "something else"}, [])  # other messages do nothing
    assert journal.locked


def test_leave_quickly_comes_first_in_the_panel():
    panel = _panel()
    assert panel.children[0] is panel.leave


def test_leave_quickly_goes_to_the_everyday_page_in_help_yaml():
    button = course.leave_quickly()
    assert button.url == content.help_info().quick_exit and button.url.startswith("https://")
    assert button.label == "Leave quickly"
    assert any(getattr(w, "label", "") == "Leave quickly" for w in [_panel().leave])


def test_where_the_lock_cannot_work_the_panel_says_so_instead_of_offering_it(monkeypatch):
    """The browser edition's Python has no cryptography: the lock is not offered, and saving,
    drafts, clear today and leave quickly still work."""
    from course.journal import seal

    monkeypatch.setattr(seal, "AVAILABLE", False)
    panel = _panel()
    words = html_text(panel.lock_box)
    assert panel.result["lock"] == "unavailable"
    assert "not available in the browser edition" in words and "your own computer" in words
    assert not any(getattr(w, "description", "") == "Lock my journal" for w in panel.lock_box.children)
    default_journal().add_checkin({"open": 3})
    panel.drafts.value = ["Keep drafts while I type"]
    assert default_journal().keep_drafts
