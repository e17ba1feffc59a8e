"""Spaced practice: the small steps from module 5's ladder and module 7's plan, given dates,
and written as a calendar file (RFC 5545, with the ``icalendar`` library). Pure logic.

Why a calendar file: a step tried once is easy to forget, and trying it again a few days
later is how it gets easier. The learner's own calendar app can remind them at the right
time, so the course needs no server, sends nothing anywhere, and keeps no reminders of its
own. The file is made on the learner's machine and saved where they choose.

What an event holds: a summary from the step, or (the default, "private") only "Practice
time"; a fixed description from ``data/practice.yaml``; a start in the learner's local time
(a "floating" time, without a time zone, so it stays at 18:30 wherever the calendar is); a
unique id, a time stamp and, if chosen, a reminder. Nothing else from the journal goes in.
A private file says nothing about the course either: a neutral calendar name ("Reminders"),
summary, description, reminder text, product id, UID domain and file name, so a calendar (or a
downloads folder) others can see shows only "Practice time".
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

from . import ladder, plan, schema
from .schema import DATA_DIR

TIMES = tuple(time(h, m) for h in range(6, 23) for m in (0, 30) if (h, m) <= (22, 0))
MAX_REPEATS = 4
MAX_STEP_TEXT = 300
MAX_DAYS_AHEAD = 366
# Where the small-steps ladder is saved in the journal (course/ui/building.py's widget).
LADDER_KIND, LADDER_MODULE = "small_steps", "05_building_intimacy"
# Who made the file, and the domain part of each event's UID: a private file names neither the
# course nor anything else that could give it away.
PRODID, PRIVATE_PRODID = "-//Closer//Practice plan//EN", "-//Reminders//EN"
UID_DOMAIN, PRIVATE_UID_DOMAIN = "closer-practice", "reminders"


@dataclass(frozen=True)
class Spacing:
    days: int = schema.whole(1, 30)
    label: str = schema.text()


@dataclass(frozen=True)
class AlarmChoice:
    minutes: int = schema.whole(-1, 1440)  # -1: no reminder
    label: str = schema.text()


@dataclass(frozen=True)
class CalendarSettings:
    """practice.yaml's ``calendar`` section: what each event says, and the choices offered."""

    name: str = schema.text()
    file_prefix: str = schema.text()
    summary_prefix: str = schema.text()
    private_name: str = schema.text()
    private_file_prefix: str = schema.text()
    private_summary: str = schema.text()
    description: str = schema.text()
    alarm_text: str = schema.text()
    minutes: int = schema.whole(5, 240)
    max_events: int = schema.whole(1, 200)
    spacings: tuple[Spacing, ...] = schema.entries(Spacing, "spacing", minimum=1)
    alarms: tuple[AlarmChoice, ...] = schema.entries(AlarmChoice, "alarm", minimum=1)


def load_settings(data_dir: Path = DATA_DIR) -> CalendarSettings:
    return schema.load_section("practice.yaml", "calendar", CalendarSettings, data_dir)


def settings() -> CalendarSettings:
    return schema.cached(load_settings)


@dataclass(frozen=True)
class PracticeStep:
    """A step to practise, and where it came from ("ladder" or "plan")."""

    text: str
    source: str
    done: bool = False


def candidate_steps(
    ladder_payload: Mapping[str, Any] | None,
    plan_payload: Mapping[str, Any] | None,
    ladder_settings: ladder.LadderSettings | None = None,
) -> list[PracticeStep]:
    """The steps a learner has saved: the ladder's rungs from the bottom up (the easiest
    first), then the plan's first steps; each step once."""
    found: list[PracticeStep] = []
    if ladder_payload:
        rungs = ladder.ladder(ladder.steps_from_payload(ladder_payload, ladder_settings or ladder.settings()))
        found += [PracticeStep(s.text, "ladder", s.done) for s in rungs]
    if plan_payload:
        found += [PracticeStep(i.step, "plan") for i in plan.plan_from_payload(plan_payload)]
    seen: set[str] = set()
    unique = []
    for s in found:
        if s.text.casefold() not in seen:
            seen.add(s.text.casefold())
            unique.append(s)
    return unique


def clean_step(text: Any) -> str:
    """A step the learner typed here: one line, not empty, not too long."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("Write the step in a few words first.")
    text = " ".join(text.split())
    if len(text) > MAX_STEP_TEXT:
        raise ValueError(f"Keep the step to {MAX_STEP_TEXT} characters or fewer: one small, concrete action.")
    return text


def parse_day(text: Any, today: date) -> date:
    """The first practice day, written as year-month-day (2026-12-01); today or later."""
    if isinstance(text, date) and not isinstance(text, datetime):
        day = text
    else:
        raw = str(text or "").strip().replace("/", "-").replace(".", "-")
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            raise ValueError(
                f"Write the first day as year-month-day, for example {today + timedelta(days=1):%Y-%m-%d}"
                + (f" (got {raw!r})." if raw else ".")
            ) from None
    if day < today:
        raise ValueError(f"{day:%d %b %Y} has passed. Pick today ({today:%Y-%m-%d}) or a later day.")
    if day > today + timedelta(days=MAX_DAYS_AHEAD):
        raise ValueError("Pick a first day within the next year, so the plan stays close enough to try.")
    return day


def parse_time(text: Any) -> time:
    """A time of day as 24-hour HH:MM ("18:30")."""
    if isinstance(text, time):
        return text.replace(second=0, microsecond=0)
    raw = str(text or "").strip().replace(".", ":")
    try:
        hours, minutes = raw.split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise ValueError(
            f"Write the time as hours and minutes on a 24-hour clock, such as 18:30 (got {raw!r})."
        ) from None


@dataclass(frozen=True)
class Session:
    """One practice time: the step, and when (local time, no time zone)."""

    number: int
    step: str
    start: datetime


def schedule(
    steps: Sequence[str],
    first_day: date,
    every_days: int,
    at: time,
    repeats: int = 1,
    max_events: int = 60,
) -> list[Session]:
    """Practice times from ``first_day``, one every ``every_days`` days at ``at``: each step
    ``repeats`` times in a row before the next (trying the same step again is what makes it
    easier), steps in the order given (the ladder's easiest first)."""
    steps = [clean_step(s) for s in steps]
    if not steps:
        raise ValueError("Choose at least one step to practise, or write one.")
    if isinstance(every_days, bool) or not isinstance(every_days, int) or not 1 <= every_days <= 30:
        raise ValueError(
            f"The days between practice times must be a whole number from 1 to 30, got {every_days!r}."
        )
    if isinstance(repeats, bool) or not isinstance(repeats, int) or not 1 <= repeats <= MAX_REPEATS:
        raise ValueError(f"Practise each step from 1 to {MAX_REPEATS} times, got {repeats!r}.")
    total = len(steps) * repeats
    if total > max_events:
        raise ValueError(
            f"That makes {total} practice times; the calendar holds up to {max_events}. Choose fewer steps "
            "or fewer times each."
        )
    sessions = []
    for n in range(total):
        day = first_day + timedelta(days=n * every_days)
        sessions.append(Session(n + 1, steps[n // repeats], datetime.combine(day, at)))
    return sessions


def summary(sessions: Sequence[Session]) -> str:
    """The plan in words, one line per practice time."""
    if not sessions:
        return "No practice times yet."
    first, last = sessions[0].start, sessions[-1].start
    lines = [
        f"{len(sessions)} practice time{'s' * (len(sessions) != 1)}, from {first:%a %d %b %Y} to "
        f"{last:%a %d %b %Y}, at {first:%H:%M}:"
    ]
    lines += [f"- {s.start:%a %d %b}: {s.step}" for s in sessions]
    return "\n".join(lines)


def calendar_ics(
    sessions: Iterable[Session],
    cal_settings: CalendarSettings | None = None,
    *,
    show_step: bool = True,
    alarm_minutes: int | None = None,
    stamp: datetime | None = None,
    uid_seed: str | None = None,
) -> str:
    """The sessions as an RFC 5545 calendar (text). ``show_step`` False (private) keeps the
    step's words and every mention of the course out of the file: each event, its description
    and reminder say only "Practice time", in a calendar named "Reminders". ``alarm_minutes``
    adds a reminder that many minutes before each start (0: at the start; None: none). Each
    event's UID is unique to this file (``uid_seed`` makes them reproducible, for tests)."""
    import icalendar  # imported here: a notebook that never exports never pays for it

    cfg = cal_settings or settings()
    sessions = list(sessions)
    if not sessions:
        raise ValueError("There is nothing to put in the calendar yet.")
    if alarm_minutes is not None and (isinstance(alarm_minutes, bool) or not 0 <= alarm_minutes <= 1440):
        raise ValueError(f"A reminder must be from 0 to 1440 minutes before, got {alarm_minutes!r}.")
    stamp = (stamp or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    seed = uid_seed or uuid.uuid4().hex
    private = not show_step
    cal = icalendar.Calendar()
    cal.add("prodid", PRIVATE_PRODID if private else PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", cfg.private_name if private else cfg.name)
    for s in sessions:
        event = icalendar.Event()
        event.add("uid", f"{seed}-{s.number}@{PRIVATE_UID_DOMAIN if private else UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", s.start)  # naive: a floating local time (RFC 5545 3.3.5, form 1)
        event.add("dtend", s.start + timedelta(minutes=cfg.minutes))
        event.add("summary", cfg.private_summary if private else f"{cfg.summary_prefix} {s.step}")
        event.add("description", cfg.private_summary if private else cfg.description)
        event.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
        if alarm_minutes is not None:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", cfg.private_summary if private else cfg.alarm_text)
            alarm.add("trigger", timedelta(minutes=-alarm_minutes))
            event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical().decode("utf-8")


def file_name(
    stamp: datetime | None = None, *, private: bool = False, cal_settings: CalendarSettings | None = None
) -> str:
    """The file's name: a private file's name ("reminders-...") says nothing about the course."""
    cfg = cal_settings or settings()
    prefix = cfg.private_file_prefix if private else cfg.file_prefix
    return f"{prefix}-{(stamp or datetime.now()):%Y%m%d-%H%M%S}.ics"
