"""The review widgets, headless: set values, click buttons, check what was stored and drawn."""

from __future__ import annotations

import re
import time
from datetime import datetime, timezone

from support import course_markdown, walk

import course
from course import content
from course.journal import default_journal
from course.ui.base import ChartView
from course.ui.controls import Button


def _fill(w, n, intention, step, support=""):
    row = w.rows[n]
    row[0].value, row[1].value, row[2].value = intention, step, support


MODULES = content.modules()


def test_plan_is_saved_restored_and_exportable():
    w = course.plan_builder()
    assert w.result == [] and w.download.content == ""
    assert all(r.label for row in w.rows for r in row)
    _fill(w, 0, "Let my sister <b>in</b>", "Call on Sunday", "Dev")
    _fill(w, 2, "Rest more", "Bed by eleven")
    w.save.click()
    assert "✓ Done" in w.status.value
    assert [i.intention for i in w.result] == ["Let my sister <b>in</b>", "Rest more"]
    assert "## 1. Let my sister <b>in</b>" in w.download.content
    assert "&lt;b&gt;" not in w.download.content, "the Markdown file keeps the learner's words"
    assert "<b>in</b>" not in w.summary.value
    (record,) = default_journal().records("plan", "07_next_steps")
    assert record.payload["intentions"][1] == {
        "intention": "Rest more",
        "step": "Bed by eleven",
        "support": "",
    }
    # saving again updates the same record
    _fill(w, 1, "Ask for help", "Tell Ola about work")
    w.save.click()
    (record,) = default_journal().records("plan", "07_next_steps")
    assert len(record.payload["intentions"]) == 3
    # reopening fills the form in again
    again = course.plan_builder()
    assert [row[0].value for row in again.rows] == ["Let my sister <b>in</b>", "Ask for help", "Rest more"]
    assert "filled in below" in again.status.value
    assert again.download.content.startswith("# My Closer plan")
    # and the journal export includes it
    assert "Let my sister <b>in</b>" in default_journal().export_markdown()


def test_plan_problems_are_explained_and_nothing_is_saved():
    w = course.plan_builder()
    w.save.click()
    assert "nothing to save yet" in w.status.value
    _fill(w, 0, "Be braver", "")
    w.save.click()
    assert "✗ Not saved" in w.status.value and "Intention 1 has no small step yet" in w.status.value
    _fill(w, 0, "", "<script>x</script>")
    w.save.click()
    assert "no intention" in w.status.value
    assert default_journal().records("plan") == []


def test_clearing_a_saved_plan_saves_it_empty():
    w = course.plan_builder()
    _fill(w, 0, "One", "Step")
    w.save.click()
    _fill(w, 0, "", "")
    w.save.click()
    (record,) = default_journal().records("plan")
    assert record.payload == {"intentions": []}
    assert w.download.content == ""
    assert "empty so far" in w.summary.value


def test_journal_review_of_an_empty_journal_is_friendly():
    w = course.journal_review()
    assert w.result == []
    assert "empty so far, and that is completely fine" in w.body.value


def test_journal_review_with_only_module_progress_is_friendly():
    course.module_start("07_next_steps")
    course.module_start("03_avoider_and_pursuer")
    course.module_done("00_welcome").button.click()
    w = course.journal_review()
    assert w.result == [], "modules with nothing saved are left out"
    assert "Your journal is empty so far, and that is completely fine" in w.body.value
    assert "No reflections saved" not in w.body.value and "0 reflections" not in w.body.value
    assert "Module 7" not in w.body.value


def test_journal_review_without_reflections_is_friendly_and_lists_what_was_made():
    course.module_start("07_next_steps")
    default_journal().add_record("plan", "07_next_steps", {"intentions": []})
    default_journal().add_checkin({"open": 4})
    w = course.journal_review()
    assert [m.module_id for m in w.result] == ["07_next_steps"]
    assert "You have no written reflections yet, and that is completely fine" in w.body.value
    assert "Module 7: Next steps</b>: ◐ started, plan" in w.body.value
    assert "0 reflections" not in w.body.value
    assert "1 check-in:" in w.body.value


def test_journal_review_shows_reflections_by_module_escaped_and_refreshes():
    j = default_journal()
    j.add_reflection("01_what_is_intimacy", "seen", "When were you <i>seen</i>?", "At <b>school</b>\nby Ms K")
    j.add_checkin({"open": 4})
    w = course.journal_review()
    assert "Module 1: What emotional intimacy is" in w.body.value
    assert "At &lt;b&gt;school&lt;/b&gt;<br>by Ms K" in w.body.value
    assert "When were you &lt;i&gt;seen&lt;/i&gt;?" in w.body.value
    assert "1 check-in:" in w.body.value
    j.add_reflection("06_couples_sex_and_support", "pane", "Who tilts?", "Me, mostly")
    w.refresh()
    assert "Module 6: Couples, sex and supporting others" in w.body.value
    assert [m.module_id for m in w.result] == ["01_what_is_intimacy", "06_couples_sex_and_support"]


def test_journal_review_and_charts_stay_quick_with_hundreds_of_entries():
    j = default_journal()
    j.add_checkin({"open": 1})
    import sqlite3

    now = datetime.now(timezone.utc).isoformat()
    conn = sqlite3.connect(j.path)
    with conn:
        conn.executemany(
            "INSERT INTO reflections (module, prompt_id, prompt, text, created_at) VALUES (?, ?, ?, ?, ?)",
            [(MODULES[i % 8].id, "p", "A prompt", "words " * 150, now) for i in range(400)],
        )
        conn.executemany(
            "INSERT INTO checkins (created_at, scores, note) VALUES (?, ?, '')",
            [(now, '{"open": 5, "settled": 6}') for _ in range(400)],
        )
    conn.close()
    start = time.perf_counter()
    review_widget = course.journal_review()
    charts_widget = course.progress_charts()
    took = time.perf_counter() - start
    assert sum(len(m.reflections) for m in review_widget.result) == 400
    assert charts_widget.result["checkins"] == 401
    assert len(charts_widget.checkin_figure.data[0].y) == 401
    assert "You have 401 check-ins" in charts_widget.checkin_words.value
    assert took < 5, f"opening the review and charts took {took:.1f}s"


def test_progress_charts_follow_the_journal():
    w = course.progress_charts()
    assert set(w.result["status"].values()) == {"not started"}
    assert "You have no check-ins yet" in w.checkin_words.value
    assert "You have not marked any modules as finished yet" in w.progress_words.value
    assert "minutes" not in w.progress_words.value and "Next:" not in w.progress_words.value
    course.module_done("00_welcome").button.click()
    course.module_start("06_couples_sex_and_support")
    default_journal().add_checkin({"open": 7, "connected": 6})
    w.refresh()
    assert w.result["status"]["00_welcome"] == "completed"
    assert w.result["status"]["06_couples_sex_and_support"] == "started"
    assert "You have marked 1 of 8 modules as finished, and opened 1 more" in w.progress_words.value
    assert "You have one check-in" in w.checkin_words.value
    assert any(isinstance(x, ChartView) for x in walk(w))
    assert isinstance(w.children[-2], Button), "the refresh button closes the panel"


def test_the_quiz_note_names_the_questions_that_mention_sex():
    text = course_markdown("06_couples_sex_and_support")
    note = re.search(r"Questions (\d) and (\d) mention sex\. You can skip them", text)
    assert note, "a note above the quiz warns about the questions that mention sex"
    quiz = content.quiz("06_couples_sex_and_support")
    about_sex = [
        n
        for n, q in enumerate(quiz, start=1)
        if re.search(r"\bsex\b|\bin bed\b", q.question + " ".join(o.text for o in q.options), re.I)
    ]
    assert about_sex == [int(note.group(1)), int(note.group(2))]
    assert about_sex == [len(quiz) - 1, len(quiz)], "they come last, so skipping them is easy"


def test_privacy_words_in_modules_06_and_07_are_true_on_a_shared_server():
    for name in ("06_couples_sex_and_support", "07_next_steps"):
        text = course_markdown(name)
        assert "nowhere else" not in text and "this computer" not in text
        assert "Only you can see" not in text
        assert "the people who run it could technically reach it" in text
    plan_answer = next(q for q in content.quiz("07_next_steps") if q.id == "plan_private")
    assert all("this computer" not in o.text for o in plan_answer.options)
