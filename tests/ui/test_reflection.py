"""The reflection widgets, headless: set values, click buttons, check what was stored and drawn."""

from __future__ import annotations

import course
from course import content
from course.journal import default_journal


def test_checkin_saves_scores_and_note_and_redraws_the_chart():
    w = course.checkin()
    assert len(w.figure.data) == 0
    for i, slider in enumerate(w.sliders.values()):
        slider.value = i + 3
    w.note.value = "first day"
    w.save.click()
    assert w.result.scores == {"connected": 3, "open": 4, "settled": 5, "hopeful": 6}
    assert w.result.note == "first day"
    assert w.note.value == ""
    assert "✓ Done:" in w.status.value and "check-in saved" in w.status.value
    assert [list(t.y) for t in w.figure.data] == [[3], [4], [5], [6]]
    assert "You have one check-in" in w.summary.value
    w.save.click()
    assert len(default_journal().checkins()) == 2
    assert all(len(t.y) == 2 for t in w.figure.data)
    assert "You have 2 check-ins" in w.summary.value


def test_a_very_low_checkin_offers_help():
    w = course.checkin()
    for slider in w.sliders.values():
        slider.value = 1
    w.save.click()
    assert "findahelpline.com" in w.support.value
    for slider in w.sliders.values():
        slider.value = 6
    w.save.click()
    assert w.support.value == ""


def test_reflection_saves_shows_history_and_escapes_text():
    w = course.reflection("01_what_is_intimacy", "seen")
    assert "truly seen" in w.question and w.text.label == w.question, "the prompt names the box"
    w.text.value = "My aunt <b>at</b> the station"
    w.save.click()
    assert w.result.text == "My aunt <b>at</b> the station"
    assert w.text.value == ""
    assert "What you have saved for this prompt (1)" in w.history.value
    assert "My aunt &lt;b&gt;at&lt;/b&gt; the station" in w.history.value
    w.text.value = "A second thought"
    w.save.click()
    assert w.history.value.index("A second thought") < w.history.value.index("My aunt")
    assert [r.text for r in default_journal().reflections("01_what_is_intimacy", "seen")] == [
        "My aunt <b>at</b> the station",
        "A second thought",
    ]


def test_empty_reflection_is_not_saved_and_says_why():
    w = course.reflection("01_what_is_intimacy", "kinds")
    w.text.value = "   "
    w.save.click()
    assert w.result is None
    assert "✗ Not saved" in w.status.value and "write something" in w.status.value


def test_with_drafts_off_nothing_unsaved_is_written_and_the_box_says_so():
    journal = default_journal()
    assert not journal.keep_drafts, "drafts are kept only when the learner wants"
    w = course.reflection("01_what_is_intimacy", "two_way")
    assert "Drafts are off" in w.drafts.value
    w.text.value = "something I might not want kept"
    assert journal.counts()["drafts"] == 0
    raw = journal.path.read_bytes()
    assert b"something I might not want kept" not in raw
    assert course.reflection("01_what_is_intimacy", "two_way").text.value == ""


def test_unsaved_writing_survives_closing_the_notebook_when_drafts_are_on():
    default_journal().set_keep_drafts(True)
    w = course.reflection("01_what_is_intimacy", "two_way")
    assert "Drafts are on" in w.drafts.value
    w.text.value = "I could ask my brother"
    reopened = course.reflection("01_what_is_intimacy", "two_way")
    assert reopened.text.value == "I could ask my brother"
    assert "restored what you were writing" in reopened.status.value
    reopened.save.click()
    assert course.reflection("01_what_is_intimacy", "two_way").text.value == ""


def test_quiz_explains_every_option_and_keeps_score():
    w = course.quiz("01_what_is_intimacy")
    questions = content.quiz("01_what_is_intimacy")
    for i, q in enumerate(questions):
        for index, option in enumerate(q.options):
            w.choices[i].index = index
            assert option.explanation[:40] in w.feedback[i].value.replace("&#x27;", "'")
            assert ("✓ Right." if option.correct else "✗ Not quite.") in w.feedback[i].value
        w.choices[i].index = q.correct_index
    assert w.result == {q.id: {"chosen": q.correct_index, "correct": True} for q in questions}
    assert f"{len(questions)} of {len(questions)} answered, {len(questions)} right" in w.score.value
