"""The before-and-after check, headless: answer, save, compare; bad answers; a locked journal."""

from __future__ import annotations

import ipywidgets as W
from support import html_text, walk

import course
from course import measure
from course.journal import default_journal
from course.ui.controls import RadioGroup

S = measure.measure_settings()


def _answer(w, level: int) -> None:
    """Every statement answered so that it counts as ``level``."""
    for item in S.items:
        w.answers[item.id].value = S.low + S.high - level if item.reverse else level


def test_each_statement_is_a_named_radio_group_and_the_check_says_it_is_the_courses_own():
    w = course.before_and_after("start")
    radios = [x for x in walk(w) if isinstance(x, RadioGroup)]
    assert len(radios) == len(S.items) == 8
    assert all(r.orientation == "horizontal" and r.index is None for r in radios)
    assert radios[0].label == f"1. {S.items[0].text}" and radios[0].labels[1] == "2 disagree"
    assert radios[0].labels[-1] == "Doesn't fit my life right now", "an answer left out of the averages"
    assert not any(isinstance(x, (W.IntSlider, W.FloatSlider)) for x in walk(w))
    text = html_text(w)
    assert "the course&#x27;s own check" in text or "the course's own check" in text
    assert "not a validated or published questionnaire" in text
    assert (
        "How the scores are worked out" in text
        and "Statements 4 and 7 are worded the other way round" in text
    )
    assert "What this can and cannot say" in text and "cannot be compared with anyone else" in text
    assert "0 of 8 answered" in w.progress.value
    assert "No answers yet" in str(w.figure.spec["layout"]["annotations"][0]["text"]).replace("<br>", " ")


def test_missing_answers_are_asked_for_and_nothing_is_saved():
    w = course.before_and_after("start")
    w.save.click()
    assert "No statement has an answer yet" in w.status.value
    _answer(w, 4)
    w.answers[S.items[6].id].value = None
    w.save.click()
    assert "Statement 7 has no answer yet" in w.status.value
    assert default_journal().records(measure.KIND) == [] and w.result is None


def test_start_then_along_the_way_then_end_shows_the_change_honestly():
    start = course.before_and_after("start")
    _answer(start, 3)
    assert "8 of 8 answered" in start.progress.value
    start.save.click()
    (saved,) = default_journal().records(measure.KIND)
    assert saved.module == "00_welcome" and saved.payload["when"] == "start" and saved.payload["total"] == 3.0
    assert "saved to your private journal as your answers at the start" in start.status.value
    assert (
        "Letting people in 3.0; Staying present 3.0; Limits and patterns 3.0; Overall 3.0"
        in start.reading.value
    )
    assert start.save.disabled, "one press, one answer set"
    (bars,) = start.figure.data
    assert list(bars.y) == [3.0] * 4 and "You answered the check once" in start.summary.value

    again = course.before_and_after("start")  # module 0 opened again, a week later
    assert "you answered this at the start on" in again.status.value and again.when == "weekly"
    _answer(again, 4)
    again.save.click()
    assert default_journal().records(measure.KIND)[-1].payload["when"] == "weekly"
    assert "along the way" in again.status.value

    end = course.before_and_after("end")
    _answer(end, 5)
    end.save.click()
    last = default_journal().records(measure.KIND)[-1]
    assert (last.module, last.payload["when"]) == ("07_next_steps", "end")
    assert [t.name for t in end.figure.data] == [
        "Letting people in",
        "Staying present",
        "Limits and patterns",
        "Overall",
    ]
    assert list(end.figure.data[3].y) == [3.0, 4.0, 5.0], "three answer sets: lines over time"
    assert "Overall: higher (3.0 then 5.0)" in end.summary.value
    assert "treats a change of less than one point as &#x27;about the same&#x27;" in end.summary.value
    assert "rule of thumb, not a measured figure" in end.summary.value
    assert "many things besides the course" in html_text(end)
    end.answers[S.items[0].id].value = 6
    assert not end.save.disabled, "a changed answer can be saved as a new set"


def test_a_locked_journal_still_saves_and_says_why_earlier_answers_are_hidden():
    j = default_journal()
    first = course.before_and_after("start")
    _answer(first, 3)
    first.save.click()
    j.set_lock("correct horse battery staple")
    w = course.before_and_after("end")
    assert "Your journal is locked" in html_text(w)
    assert w.takes() == [] and "You have not answered the check yet" in w.summary.value
    _answer(w, 5)
    w.save.click()
    assert "saved to your private journal" in w.status.value
    j.unlock("correct horse battery staple")
    assert [r.payload["when"] for r in j.records(measure.KIND)] == ["start", "end"]


def test_any_week_the_check_can_be_taken_again_and_is_saved_with_its_date():
    w = course.before_and_after("weekly")
    _answer(w, 4)
    w.save.click()
    (record,) = default_journal().records(measure.KIND)
    assert record.payload["when"] == "weekly" and record.created_at is not None
    assert "along the way" in w.status.value


def test_doesnt_fit_is_an_answer_and_a_thin_group_says_not_enough_answers():
    w = course.before_and_after("start")
    _answer(w, 5)
    for item in S.items_in("staying_present")[:2]:
        w.answers[item.id].value = measure.NOT_FIT
    assert "8 of 8 answered" in w.progress.value and "2 marked “Doesn&#x27;t fit" in w.progress.value
    w.save.click()
    (saved,) = default_journal().records(measure.KIND)
    assert saved.payload["groups"]["staying_present"] is None and saved.payload["total"] == 5.0
    assert "Staying present not enough answers" in w.reading.value and "Overall 5.0" in w.reading.value
    bars = w.figure.data[0]
    assert list(bars.y)[1] is None and list(bars.text)[1] == "", "the chart leaves a gap"
    assert "the average of the counts for all 8 statements" in html_text(w)
    assert "at least five of the eight" in html_text(w)


def test_an_answer_set_from_version_1_is_mentioned_not_compared():
    journal = default_journal()
    journal.add_record(
        measure.KIND,
        "00_welcome",
        {"when": "start", "version": 1, "answers": {i.id: 4 for i in S.items}, "groups": {}, "total": 4.0},
    )
    w = course.before_and_after("end")
    assert "No answers yet" in str(w.figure.spec["layout"]["annotations"][0]["text"]).replace("<br>", " ")
    assert "1 answer set from an earlier version of this check" in w.summary.value
