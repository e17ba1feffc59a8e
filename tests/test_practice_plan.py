"""Spaced practice (course/practice_plan.py): steps from the ladder and the plan, their dates,
and the calendar file, parsed back by the icalendar library."""

from __future__ import annotations

import re
import sys
from datetime import date, datetime, time, timedelta, timezone
from itertools import pairwise

import icalendar
import pytest
import yaml

from course import ladder, plan, practice_plan, schema

TODAY = date(2026, 11, 30)
STAMP = datetime(2026, 11, 30, 9, 15, 42, tzinfo=timezone.utc)
AWKWARD = 'Call Mum; ask, gently, "how are you really?" \\ then listen'


def _parse(ics: str) -> icalendar.Calendar:
    cal = icalendar.Calendar.from_ical(ics)
    cal.validate()  # PRODID and VERSION; raises IncompleteComponent otherwise
    return cal


def _events(cal: icalendar.Calendar) -> list[icalendar.Event]:
    return list(cal.walk("VEVENT"))


def test_steps_come_from_the_ladder_bottom_rung_first_then_the_plan():
    ladder_payload = {
        "steps": [
            {"text": "Ask for help with the move", "difficulty": 6, "done": False},
            {"text": "Tell Ravi one true thing", "difficulty": 2, "done": True},
            {"text": "Say I'd rather not", "difficulty": 4},
        ]
    }
    plan_payload = plan.plan_payload(
        [
            plan.make_intention("Be closer to my sister", "Call her on Sunday"),
            plan.make_intention("Say when I need a minute", "say i'd rather not"),  # already on the ladder
        ]
    )
    steps = practice_plan.candidate_steps(ladder_payload, plan_payload, ladder.settings())
    assert [(s.text, s.source, s.done) for s in steps] == [
        ("Tell Ravi one true thing", "ladder", True),
        ("Say I'd rather not", "ladder", False),
        ("Ask for help with the move", "ladder", False),
        ("Call her on Sunday", "plan", False),
    ]
    assert practice_plan.candidate_steps(None, None) == []
    assert practice_plan.candidate_steps({"steps": "garbled"}, {"intentions": [42]}) == []


def test_the_ladder_is_read_where_its_widget_saves_it():
    from course.ui.building import SmallStepsLadderWidget

    assert (practice_plan.LADDER_KIND, practice_plan.LADDER_MODULE) == (
        SmallStepsLadderWidget.KIND,
        SmallStepsLadderWidget.MODULE,
    )


@pytest.mark.parametrize("every", [2, 3, 7])
def test_dates_follow_the_chosen_spacing_each_step_repeated_in_turn(every):
    sessions = practice_plan.schedule(
        ["First step", "Second step"], date(2026, 12, 1), every, time(18, 30), 2
    )
    assert [s.step for s in sessions] == ["First step", "First step", "Second step", "Second step"]
    assert [s.start for s in sessions] == [
        datetime(2026, 12, 1, 18, 30) + timedelta(days=n * every) for n in range(4)
    ]
    cal = _parse(practice_plan.calendar_ics(sessions, stamp=STAMP))
    events = _events(cal)
    assert len(events) == 4
    starts = [e.decoded("dtstart") for e in events]
    assert [b - a for a, b in pairwise(starts)] == [timedelta(days=every)] * 3
    assert all(s.tzinfo is None for s in starts), "floating local times: 18:30 wherever the calendar is"
    assert all(e.decoded("dtend") - e.decoded("dtstart") == timedelta(minutes=15) for e in events)


def test_the_calendar_file_is_valid_and_holds_only_what_the_learner_chose():
    sessions = practice_plan.schedule([AWKWARD, "Tell Ravi one true thing"], date(2026, 12, 1), 3, time(7, 0))
    ics = practice_plan.calendar_ics(sessions, alarm_minutes=15, stamp=STAMP)
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n")), "lines folded at 75 octets"
    assert (
        'SUMMARY:Practise: Call Mum\\; ask\\, gently\\, "how are you really?" \\\\ then listen'
        in ics.replace("\r\n ", "")
    ), "escaped, then unfolded"
    cal = _parse(ics)
    assert str(cal["version"]) == "2.0" and "Closer" in str(cal["prodid"])
    events = _events(cal)
    assert [str(e["summary"]) for e in events] == [
        f"Practise: {AWKWARD}",
        "Practise: Tell Ravi one true thing",
    ]
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids) == 2
    description = practice_plan.settings().description
    for e in events:
        for required in ("uid", "dtstamp", "dtstart", "summary"):
            assert required in e
        assert e.decoded("dtstamp") == STAMP
        assert str(e["description"]) == description, "the same fixed words for every event"
        assert str(e["transp"]) == "TRANSPARENT"
        assert not e.errors
        (alarm,) = e.walk("VALARM")
        assert str(alarm["action"]) == "DISPLAY" and str(alarm["description"])
        assert alarm.decoded("trigger") == timedelta(minutes=-15)
    assert not re.search(r"ATTENDEE|ORGANIZER|LOCATION|URL|ATTACH", ics), "nothing else about the learner"


def test_private_titles_no_alarm_and_fresh_ids_per_file():
    sessions = practice_plan.schedule(["A step nobody else should read"], TODAY, 7, time(20, 0), 3)
    private = practice_plan.calendar_ics(sessions, show_step=False, alarm_minutes=None)
    assert "nobody else" not in private
    events = _events(_parse(private))
    assert [str(e["summary"]) for e in events] == ["Practice time"] * 3
    assert not any(e.walk("VALARM") for e in events)
    again = practice_plan.calendar_ics(sessions, show_step=False)
    first_ids = {str(e["uid"]) for e in events}
    assert first_ids.isdisjoint({str(e["uid"]) for e in _events(_parse(again))})
    at_start = practice_plan.calendar_ics(sessions, alarm_minutes=0)
    assert {a.decoded("trigger") for a in _parse(at_start).walk("VALARM")} == {timedelta(0)}


def _every_text(cal: icalendar.Calendar) -> list[str]:
    """Every property value in the calendar and all its components, as text."""
    return [str(value) for component in cal.walk() for _, value in component.property_items()]


def test_a_private_file_says_nothing_about_the_course_or_the_steps():
    steps = ["Tell my sister I miss her", "Ask Sam about the Closer course"]
    sessions = practice_plan.schedule(steps, date(2026, 12, 1), 3, time(19, 0), 2)
    ics = practice_plan.calendar_ics(sessions, show_step=False, alarm_minutes=15, stamp=STAMP)
    cal = _parse(ics)
    texts = _every_text(cal)
    unfolded = ics.replace("\r\n ", "")
    for needle in ("closer", "Closer", "CLOSER", "sister", "miss her", "Sam", "plan", "step", "course"):
        assert needle not in unfolded, needle
        assert not any(needle in t for t in texts), needle
    assert str(cal["x-wr-calname"]) == "Reminders"
    events = _events(cal)
    assert len(events) == 4
    for e in events:
        assert str(e["summary"]) == str(e["description"]) == "Practice time"
        assert str(e["uid"]).endswith("@reminders")
        (alarm,) = e.walk("VALARM")
        assert str(alarm["description"]) == "Practice time"
    name = practice_plan.file_name(datetime(2026, 11, 30, 9, 15), private=True)
    assert name == "reminders-20261130-091500.ics"
    # the learner's choice to show the steps still names them (and the course)
    shown = _parse(practice_plan.calendar_ics(sessions, show_step=True, stamp=STAMP))
    assert str(shown["x-wr-calname"]) == "Closer practice"
    assert "Practise: Tell my sister I miss her" in _every_text(shown)
    assert practice_plan.file_name(datetime(2026, 11, 30, 9, 15)).startswith("closer-practice-")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1/12/2026", "Write the first day as year-month-day, for example 2026-12-01 (got '1-12-2026')."),
        ("", "Write the first day as year-month-day, for example 2026-12-01."),
        ("2026-11-29", "29 Nov 2026 has passed. Pick today (2026-11-30) or a later day."),
        ("2028-01-01", "Pick a first day within the next year"),
    ],
)
def test_a_first_day_that_cannot_be_used_gets_a_clear_message(text, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        practice_plan.parse_day(text, TODAY)


def test_good_days_and_times_are_read():
    assert practice_plan.parse_day(" 2026-11-30 ", TODAY) == TODAY
    assert practice_plan.parse_day("2026/12/24", TODAY) == date(2026, 12, 24)
    assert practice_plan.parse_time("7.30") == time(7, 30)
    with pytest.raises(ValueError, match="24-hour clock, such as 18:30 \\(got '25:00'\\)"):
        practice_plan.parse_time("25:00")


def test_a_schedule_refuses_what_it_cannot_make():
    with pytest.raises(ValueError, match="Choose at least one step"):
        practice_plan.schedule([], TODAY, 3, time(9, 0))
    with pytest.raises(ValueError, match="Write the step in a few words first"):
        practice_plan.schedule(["  "], TODAY, 3, time(9, 0))
    with pytest.raises(ValueError, match="from 1 to 30, got 0"):
        practice_plan.schedule(["x"], TODAY, 0, time(9, 0))
    with pytest.raises(ValueError, match="from 1 to 4 times, got 9"):
        practice_plan.schedule(["x"], TODAY, 3, time(9, 0), 9)
    with pytest.raises(ValueError, match="That makes 64 practice times; the calendar holds up to 60"):
        practice_plan.schedule([f"step {n}" for n in range(16)], TODAY, 2, time(9, 0), 4)
    with pytest.raises(ValueError, match="nothing to put in the calendar"):
        practice_plan.calendar_ics([])
    with pytest.raises(ValueError, match="from 0 to 1440 minutes before, got -5"):
        practice_plan.calendar_ics(practice_plan.schedule(["x"], TODAY, 3, time(9, 0)), alarm_minutes=-5)


def test_the_summary_reads_the_plan_in_words():
    sessions = practice_plan.schedule(["Ring my brother"], date(2026, 12, 1), 7, time(18, 30), 2)
    assert practice_plan.summary(sessions) == (
        "2 practice times, from Tue 01 Dec 2026 to Tue 08 Dec 2026, at 18:30:\n"
        "- Tue 01 Dec: Ring my brother\n- Tue 08 Dec: Ring my brother"
    )


def test_icalendar_is_imported_only_when_a_file_is_made():
    import subprocess

    code = (
        "import sys, course, course.practice_plan as p; assert 'icalendar' not in sys.modules; "
        "from datetime import date, time; "
        "p.calendar_ics(p.schedule(['x'], date(2030, 1, 1), 3, time(9, 0))); "
        "assert 'icalendar' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_broken_calendar_section_names_the_field(data_copy):
    path = data_copy / "practice.yaml"
    raw = yaml.safe_load(path.read_text())
    raw["calendar"]["spacings"][0]["days"] = 0
    path.write_text(yaml.safe_dump(raw, allow_unicode=True))
    with pytest.raises(
        schema.ContentError, match="practice.yaml, section 'calendar', spacing 1, field 'days'"
    ):
        practice_plan.load_settings(data_copy)
