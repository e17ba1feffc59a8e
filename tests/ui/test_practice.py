"""The practice widgets, headless: write a sentence, check it, save it only when asked; make a
calendar file from saved steps and download it."""

from __future__ import annotations

from datetime import date

import icalendar
import pytest
from support import html_text, walk

import course
from course import ladder, plan, practice
from course.journal import default_journal
from course.ui.base import esc
from course.ui.controls import CheckboxGroup, RadioGroup, TextArea
from course.ui.practice import PracticeCalendar, PracticeWidget

MODULE5 = "05_building_intimacy"
PASS = "a long enough passphrase"


@pytest.mark.parametrize("skill", practice.SKILLS)
def test_each_skill_has_its_situations_a_box_and_worked_examples(skill):
    w = course.practice_skill(skill)
    data = practice.settings().skill(skill)
    assert isinstance(w, PracticeWidget)
    assert w.scenario.labels[0].startswith(data.scenarios[0].who + ": ")
    assert len(w.scenario.options) == len(data.scenarios)
    assert w.scenario.context == data.title, "three situation groups, three names for screen readers"
    assert isinstance(w.sentence, TextArea) and w.sentence.label == data.label
    assert esc(data.examples[0].sentence) in html_text(w)
    assert esc(data.scenarios[0].text) in w.situation.value
    w.scenario.value = data.scenarios[2].id  # as the page sends a choice
    assert esc(data.scenarios[2].text) in w.situation.value
    assert w.scenario.hint.startswith("Picture whoever fits that role for you"), "not only Mum and Dad"


def test_the_situations_are_not_all_about_a_mum_dad_brother_or_sister():
    whos = {s.who for skill in practice.settings().skills for s in skill.scenarios}
    assert {"Your parent", "Your sibling"} <= whos


@pytest.mark.parametrize("skill", practice.SKILLS)
def test_distress_shows_only_a_caring_message_with_a_link_and_can_still_be_saved(skill):
    w = course.practice_skill(skill)
    w.sentence.value = "I feel like giving up. I’m scared of him."
    w.check_button.click()
    shown = w.feedback.value
    assert "What you wrote sounds really hard" in shown
    assert '<a href="https://findahelpline.com" target="_blank" rel="noopener">' in shown
    for coaching in ("What works", "To try", "One way it could be said", "✓", "→", "thought"):
        assert coaching not in shown, coaching
    assert "Save" not in shown, "saving is allowed, not suggested"
    assert default_journal().records("practice") == []
    w.save.click()
    (record,) = default_journal().records("practice", MODULE5)
    assert record.payload["sentence"] == "I feel like giving up. I’m scared of him."
    assert record.payload["works"] == record.payload["try"] == []


def test_a_serious_word_gets_its_own_message_not_a_request_to_soften_it():
    w = course.practice_skill("i_statement")
    w.sentence.value = "I feel controlled"
    w.check_button.click()
    shown = w.feedback.value
    assert "“I feel controlled” names something serious" in shown
    assert "your safety comes first" in shown and "Is this course right for you now?" in shown
    assert "can be heard as a charge" not in shown
    assert shown.index("names something serious") < shown.index("To try"), "shown first"
    assert "→ “I feel controlled”" not in shown, "not listed as a thing to try"
    assert "To try" in shown and "→ Try adding the situation" in shown, "the skill notes still follow"


def test_checking_shows_what_works_and_what_to_try_and_saves_nothing():
    w = course.practice_skill("i_statement")
    w.sentence.value = "You never listen"
    w.check_button.click()
    shown = w.feedback.value
    assert "To try" in shown and "“never”" in shown and "“You never listen”" in shown
    assert "→" in shown, "a symbol, not colour alone, marks each thing to try"
    assert "One way it could be said:" in shown
    assert w.result is not None and "absolute" in w.result.ids
    assert default_journal().records("practice") == [], "checking never saves"
    w.sentence.value = "I feel lonely when we go all week without talking. Could we keep Sunday free?"
    w.check_button.click()
    assert "✓ Your sentence names a feeling: “lonely”." in w.feedback.value
    assert "Nothing to add" in w.feedback.value


def test_saving_keeps_the_sentence_situation_and_feedback_as_a_practice_record():
    w = course.practice_skill("speaker_listener")
    w.scenario.value = "parent_worry"
    w.sentence.value = "It sounds like hearing my news from our cousin hurts. Is that how it feels?"
    w.save.click()
    (record,) = default_journal().records("practice", MODULE5)
    assert record.payload["skill"] == "speaker_listener"
    assert record.payload["scenario"] == "parent_worry"
    assert record.payload["sentence"] == w.sentence.value
    assert record.payload["situation"].startswith("Your parent: You never tell me")
    assert any("checks whether you understood" in t for t in record.payload["works"])
    assert "saved to your journal" in w.status.value
    assert "Your saved practice: listening, saying back and checking (1)" in w.history.value
    other = course.practice_skill("repair")
    assert other.history.value == "", "each skill lists its own saves"
    assert "(1)" in course.practice_skill("speaker_listener").history.value


def test_empty_or_huge_input_gets_a_message_and_is_not_saved():
    w = course.practice_skill("repair")
    w.check_button.click()
    assert "There is nothing to check yet" in w.feedback.value
    w.save.click()
    assert "nothing to save yet" in w.status.value
    w.sentence.value = "sorry " * 500
    w.save.click()
    assert "characters long" in w.feedback.value
    assert default_journal().records("practice") == []


def test_the_learners_words_are_shown_as_text():
    w = course.practice_skill("repair")
    w.sentence.value = "<script>x()</script> I'm sorry I <b>snapped</b>"
    w.save.click()
    for shown in (w.feedback.value, w.history.value):
        assert "<script>" not in shown and "&lt;b&gt;snapped" in shown


def test_an_unknown_skill_is_refused_in_words():
    with pytest.raises(ValueError, match="Unknown practice skill 'juggling'"):
        course.practice_skill("juggling")


def test_a_locked_journal_still_saves_and_says_why_earlier_saves_are_hidden():
    journal = default_journal()
    journal.set_lock(PASS)
    journal.lock_now()
    w = course.practice_skill("repair")
    assert "Your journal is locked" in html_text(w)
    w.sentence.value = "Can we start again?"
    w.save.click()
    assert "saved to your journal" in w.status.value
    journal.unlock(PASS)
    assert [r.payload["sentence"] for r in journal.records("practice")] == ["Can we start again?"]


# --------------------------------------------------------------------------------------
# The calendar
# --------------------------------------------------------------------------------------

TODAY = date(2026, 11, 30)


def _saved_steps() -> None:
    journal = default_journal()
    journal.add_record(
        "small_steps",
        MODULE5,
        {
            "steps": [
                ladder.make_step("Say no to one extra shift", 5).to_dict(),
                ladder.make_step("Text Ravi", 1, True).to_dict(),
            ]
        },
    )
    journal.add_record(
        plan.KIND,
        plan.MODULE,
        plan.plan_payload([plan.make_intention("Closer to Dad", "Ring Dad on Sunday")]),
    )


def test_the_calendar_offers_the_saved_steps_easiest_first_with_done_ones_unticked():
    _saved_steps()
    w = course.practice_calendar()
    assert isinstance(w, PracticeCalendar) and isinstance(w.choose, CheckboxGroup)
    assert w.choose.options == ["Text Ravi", "Say no to one extra shift", "Ring Dad on Sunday"]
    assert w.choose.value == ["Say no to one extra shift", "Ring Dad on Sunday"]
    assert w.choose.hints[0] == "from your small-steps ladder (module 5); done once already"
    assert w.choose.hints[2] == "from your plan (module 7)"
    assert w.first_day.value == "2026-12-01" or w.first_day.value > "2026-11-30"


def test_making_the_file_gives_a_download_and_a_private_copy():
    _saved_steps()
    w = PracticeCalendar(today=TODAY)
    w.first_day.value = "2026-12-02"
    w.spacing.value = 7
    w.repeats.value = 1
    w.own.value = "Ask a second question"
    w.shows.value = True  # the step's own words (the default is private)
    w.make.click()
    assert "your calendar file is ready: 3 practice times" in w.status.value
    assert "Wed 02 Dec: Say no to one extra shift" in w.summary.value
    assert w.download.filename.endswith(".ics") and w.download.mime == "text/calendar"
    cal = icalendar.Calendar.from_ical(w.download.content)
    events = list(cal.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == [
        "Practise: Say no to one extra shift",
        "Practise: Ring Dad on Sunday",
        "Practise: Ask a second question",
    ]
    assert [e.decoded("dtstart").day for e in events] == [2, 9, 16]
    assert all(e.walk("VALARM") for e in events), "a reminder 15 minutes before, by default"
    assert w.path is not None and w.path.parent == default_journal().folder / "exports"
    assert w.path.read_bytes().decode("utf-8") == w.download.content, "CRLF line ends kept"
    assert (w.path.stat().st_mode & 0o777) == 0o600, "private to the learner"


def test_the_private_choice_is_the_default_and_keeps_the_course_and_the_steps_out_of_the_file():
    w = PracticeCalendar(today=TODAY)
    assert w.choose is None and "no saved steps yet" in html_text(w)
    assert w.shows.value is False and w.shows.options[0][0] == "Only “Practice time”"
    assert (
        "a private copy of the file is kept in your journal's exports folder on this device" in w.shows.hint
    )
    assert "deleted with your other exports" in w.shows.hint
    assert "closer" not in w.download.filename.lower()
    w.own.value = "Tell my sister I miss her"
    w.alarm.value = -1
    w.make.click()
    content = w.download.content.replace("\r\n ", "")
    assert "miss her" not in content and "closer" not in content.lower()
    assert "SUMMARY:Practice time" in content and "VALARM" not in content
    assert "X-WR-CALNAME:Reminders" in content
    assert w.download.filename.startswith("reminders-") and w.download.filename.endswith(".ics")
    assert w.path is not None and w.path.name == w.download.filename
    assert "A private copy is kept in your journal's exports folder on this device" in w.status.value


def test_the_calendar_explains_what_it_cannot_make():
    w = PracticeCalendar(today=TODAY)
    w.make.click()
    assert "Choose at least one step" in w.status.value and w.download.content == ""
    w.own.value = "A step"
    w.first_day.value = "next tuesday"
    w.make.click()
    assert "year-month-day" in w.status.value and w.download.content == ""
    w.first_day.value = "2026-11-01"
    w.make.click()
    assert "has passed" in w.status.value


def test_every_control_in_the_practice_widgets_is_a_course_control():
    import ipywidgets as W

    for widget in (course.practice_skill("repair"), PracticeCalendar(today=TODAY)):
        raw = [
            w
            for w in walk(widget)
            if isinstance(w, (W.Text, W.Textarea, W.Dropdown, W.RadioButtons, W.Button))
        ]
        assert raw == [], "accessible anywidget controls only"
        assert any(isinstance(w, RadioGroup) for w in walk(widget))
