"""The before-and-after measure: the course's own brief check, scored by its published key.

Why the course's own: no published, validated scale fits a free public course for every kind
of relationship (see the top of ``data/measure.yaml``). So the measure says plainly that it
is the course's own, unvalidated, and one person's self-report; its key is published in the
data file and read back to learners in words (``key_in_words``), so anyone can score it by hand.

Pure: plain answers in, plain results out. Bad answers (missing, off the scale, not whole
numbers, unknown statements) raise a ValueError saying which statement to fix. Each answer set
is saved to the journal as a record of kind ``measure`` with ``when`` ("start", "end" or
"weekly"), the answers, the scores and the key's version.

"Doesn't fit my life right now" (``NOT_FIT``) is an answer of its own, left out of the averages:
choosing a neutral number instead would pull every score towards the middle. A score resting on
too few answers is ``None`` ("not enough answers"), never a number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from . import schema, scoring
from .schema import DATA_DIR

KIND = "measure"
WHENS = ("start", "end", "weekly")
# Where each placement lives (a weekly answer set is saved under the module it was taken in).
MODULE_FOR = {"start": "00_welcome", "end": "07_next_steps"}
WHEN_WORDS = {"start": "at the start", "end": "at the end", "weekly": "along the way"}
TOTAL = "total"
TOTAL_LABEL = "Overall"
NOT_FIT = "not_fit"  # the saved answer for "Doesn't fit my life right now"
NOT_ENOUGH = "not enough answers"
MIN_ITEMS, MAX_ITEMS = 6, 12


@dataclass(frozen=True)
class MeasureItem:
    """A statement answered on the agreement scale; ``reverse`` ones are worded the other way."""

    id: str = schema.ident()
    group: str = schema.text(one_of="groups")
    text: str = schema.text()
    reverse: bool = schema.yes_no(default=False)


@dataclass(frozen=True)
class MeasureGroup:
    """A group of statements about one skill, scored together."""

    id: str = schema.ident()
    label: str = schema.text()
    description: str = schema.text()


@dataclass(frozen=True)
class MeasureSettings:
    """measure.yaml: the statements, the scale, the key and the words around them."""

    version: int = schema.whole(1, 1000)
    title: str = schema.text()
    low: int = schema.whole(0, 10)
    high: int = schema.whole(1, 11)
    answers: tuple[str, ...] = schema.texts()
    not_fit: str = schema.text()  # the words of the answer left out of the averages
    min_per_group: int = schema.whole(1, 12)  # fewer answered in a group: no group score
    min_overall: int = schema.whole(1, 12)  # fewer answered in all: no overall score
    small_change: float = schema.number(0.1, 6)
    about: str = schema.text()
    label: str = schema.text()
    skip: str = schema.text()
    note: str = schema.text()
    groups: tuple[MeasureGroup, ...] = schema.entries(MeasureGroup, "group", known_as="groups")
    items: tuple[MeasureItem, ...] = schema.entries(MeasureItem, "statement")

    def validate(self, at: schema.Where) -> None:
        low, high = self.low, self.high
        if high <= low:
            at.fail("high", f"expected a number above low ({low}), got {high}")
        if len(self.answers) != high - low + 1:
            at.fail(
                "answers", f"expected one word for each point from {low} to {high}, got {len(self.answers)}"
            )
        if not MIN_ITEMS <= len(self.items) <= MAX_ITEMS:
            at.fail(
                "items", f"a brief measure has {MIN_ITEMS} to {MAX_ITEMS} statements, got {len(self.items)}"
            )
        if not any(i.reverse for i in self.items) or all(i.reverse for i in self.items):
            at.fail("items", "some statements need reverse: true, and some not")
        for group in self.groups:
            if len(self.items_in(group.id)) < 2:
                at.fail("groups", f"group {group.id!r} needs at least two statements")
        if self.min_overall > len(self.items):
            at.fail("min_overall", f"expected at most the number of statements ({len(self.items)})")
        if self.small_change >= high - low:
            at.fail("small_change", f"expected less than the scale's width ({high - low})")

    def group(self, group_id: str) -> MeasureGroup:
        return schema.by_id(self.groups, group_id, "group")

    def items_in(self, group_id: str) -> tuple[MeasureItem, ...]:
        return tuple(item for item in self.items if item.group == group_id)

    def label_of(self, key: str) -> str:
        """A group's label, or "Overall" for the total."""
        return TOTAL_LABEL if key == TOTAL else self.group(key).label

    @property
    def keys(self) -> tuple[str, ...]:
        """The scores every result has, in order: each group, then the total."""
        return (*(g.id for g in self.groups), TOTAL)


def load_measure(data_dir: Path = DATA_DIR) -> MeasureSettings:
    return schema.load("measure.yaml", MeasureSettings, data_dir)


def measure_settings() -> MeasureSettings:
    return schema.cached(load_measure)


# --------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureResult:
    """Each group's score and the overall score, each from low to high (higher: more at ease),
    or None where too few statements were answered to give one."""

    groups: dict[str, float | None]
    total: float | None

    def score(self, key: str) -> float | None:
        return self.total if key == TOTAL else self.groups.get(key)

    def to_dict(self) -> dict[str, Any]:
        return {"groups": dict(self.groups), "total": self.total}


def shown(value: float | None) -> str:
    """A score as the course writes it: one decimal, or "not enough answers"."""
    return NOT_ENOUGH if value is None else f"{value:.1f}"


def check_answers(answers: Any, settings: MeasureSettings) -> dict[str, int | str]:
    """Every statement answered with a whole number on the scale or ``NOT_FIT``, or a clear
    ValueError (the same checks, and words, as module 3's self-assessment)."""
    return scoring.check_answers(answers, settings, also=(NOT_FIT,))  # type: ignore[arg-type]


def counted(answer: int, item: MeasureItem, settings: MeasureSettings) -> int:
    """An answer as the key counts it: a reverse-worded statement's answer is flipped."""
    return scoring.keyed(answer, item.reverse, settings.low, settings.high)


def _mean(values: list[int], needed: int) -> float | None:
    return round(sum(values) / len(values), 2) if values and len(values) >= needed else None


def score(answers: Any, settings: MeasureSettings) -> MeasureResult:
    """Score one answer set by the published key: group means and the mean of all statements,
    leaving out "doesn't fit"; a score with too few answers behind it is None."""
    clean = check_answers(answers, settings)
    values = {
        item.id: counted(answer, item, settings)
        for item in settings.items
        if isinstance(answer := clean[item.id], int)
    }
    groups = {
        g.id: _mean([values[i.id] for i in settings.items_in(g.id) if i.id in values], settings.min_per_group)
        for g in settings.groups
    }
    return MeasureResult(groups, _mean(list(values.values()), settings.min_overall))


def key_in_words(settings: MeasureSettings) -> list[str]:
    """The scoring key as sentences a learner can follow with a pencil."""
    low, high = settings.low, settings.high
    number = {item.id: n for n, item in enumerate(settings.items, start=1)}
    reverse = [number[i.id] for i in settings.items if i.reverse]
    which = "Statement" if len(reverse) == 1 else "Statements"
    lines = [
        f"Each answer counts as its number, from {low} ({settings.answers[0]}) to {high} "
        f"({settings.answers[-1]}).",
        f"{which} {scoring._join(reverse)} {'is' if len(reverse) == 1 else 'are'} worded the other way "
        f"round, so for {'it' if len(reverse) == 1 else 'them'} the count is flipped: {low} counts as "
        f"{high}, {low + 1} as {high - 1}, and so on ({low + high} minus the answer).",
    ]
    for g in settings.groups:
        nums = [number[i.id] for i in settings.items_in(g.id)]
        lines.append(f"{g.label}: the average of the counts for statements {scoring._join(nums)}.")
    lines.append(
        f"{TOTAL_LABEL}: the average of the counts for all {len(settings.items)} statements. Every score "
        f"goes from {low} to {high}; higher means you feel more at ease with that skill today."
    )
    lines.append(
        f"“{settings.not_fit}” is left out of every average. A group gets a score only if at least "
        f"{_number(settings.min_per_group)} of its statements are answered, and the overall score only "
        f"if at least {_number(settings.min_overall)} of the {_number(len(settings.items))} are; "
        f"otherwise it says “{NOT_ENOUGH}”."
    )
    lines.append(SMALL_CHANGE.format(small=_points(settings.small_change)))
    return lines


SMALL_CHANGE = (
    "The course treats a change of less than {small} as 'about the same'. This is a rule of thumb, "
    "not a measured figure. Group scores rest on only two or three statements, so they move more "
    "than the overall score."
)
NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _number(n: int) -> str:
    return NUMBERS[n] if 0 <= n < len(NUMBERS) else str(n)


def _points(small: float) -> str:
    return f"{_number(int(small))} point{'s' * (small != 1)}" if small == int(small) else f"{small:g} points"


# --------------------------------------------------------------------------------------
# Saving and reading back
# --------------------------------------------------------------------------------------


def check_when(when: Any) -> str:
    if when not in WHENS:
        raise ValueError(f"When the measure is taken must be one of {', '.join(WHENS)}, got {when!r}.")
    return when


def payload(when: str, answers: Mapping[str, int], settings: MeasureSettings) -> dict[str, Any]:
    """The journal record for one answer set: when, the answers, the scores and the key's version."""
    result = score(answers, settings)
    clean = check_answers(answers, settings)
    if all(result.score(k) is None for k in settings.keys):
        raise ValueError(
            "Too few statements fit your life right now to give any score, so nothing was saved. "
            "That is fine: you can answer again another time, or leave the check out."
        )
    return {
        "when": check_when(when),
        "version": settings.version,
        "answers": {item.id: clean[item.id] for item in settings.items},
        **result.to_dict(),
    }


@dataclass(frozen=True)
class Take:
    """One saved answer set: when in the course (start, end, weekly), its time and its scores."""

    when: str
    at: datetime
    result: MeasureResult
    record_id: int | None = None
    version: int | None = None  # None: this version of the measure

    @property
    def earlier(self) -> bool:
        """Answered to an earlier version of the statements: listed, never compared."""
        return self.version is not None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON (the time as ISO text), as charts and the browser edition need."""
        return {"when": self.when, "at": self.at.isoformat(), **self.result.to_dict()}


def result_from_payload(data: Any, settings: MeasureSettings) -> MeasureResult | None:
    """A saved answer set scored again by the current key, or None if it belongs to another
    version of the measure or no longer makes sense (never compared with today's)."""
    if not isinstance(data, Mapping) or data.get("version") != settings.version:
        return None
    try:
        return score(data.get("answers"), settings)
    except ValueError:
        return None


def _saved_score(value: Any, settings: MeasureSettings) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if settings.low <= value <= settings.high else None


def earlier_result(data: Any, settings: MeasureSettings) -> tuple[int, MeasureResult] | None:
    """An answer set saved by an earlier version of the measure, read by the scores it saved
    then (its statements were worded differently, so it is never scored by today's key), with
    its version; None if it is not one."""
    if not isinstance(data, Mapping):
        return None
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version < settings.version:
        return None
    saved = data.get("groups") if isinstance(data.get("groups"), Mapping) else {}
    groups = {g.id: _saved_score(saved.get(g.id), settings) for g in settings.groups}
    total = _saved_score(data.get("total"), settings)
    if total is None and all(v is None for v in groups.values()):
        return None
    return version, MeasureResult(groups, total)


def _takes(records: Iterable[Any], settings: MeasureSettings, earlier: bool) -> list[Take]:
    out = []
    for record in records:
        if getattr(record, "kind", KIND) != KIND or record.created_at is None:
            continue
        when = record.payload.get("when") if isinstance(record.payload, Mapping) else None
        if when not in WHENS:
            continue
        if earlier:
            found = earlier_result(record.payload, settings)
            if found is not None:
                version, result = found
                out.append(Take(when, record.created_at, result, getattr(record, "id", None), version))
            continue
        result = result_from_payload(record.payload, settings)
        if result is not None:
            out.append(Take(when, record.created_at, result, getattr(record, "id", None)))
    return sorted(out, key=lambda t: t.at)


def takes_from_records(records: Iterable[Any], settings: MeasureSettings) -> list[Take]:
    """Every readable answer set of this version, oldest first (other kinds and versions skipped)."""
    return _takes(records, settings, earlier=False)


def earlier_takes(records: Iterable[Any], settings: MeasureSettings) -> list[Take]:
    """Answer sets saved by earlier versions of the measure, oldest first, by their saved scores:
    kept and listed, never compared with this version's."""
    return _takes(records, settings, earlier=True)


def earlier_in_words(earlier: list[Take]) -> str:
    """A sentence about answer sets from an earlier version, or "" if there are none."""
    if not earlier:
        return ""
    n = len(earlier)
    sets = "answer set" if n == 1 else "answer sets"
    return (
        f"Your journal also keeps {n} {sets} from an earlier version of this check, whose statements "
        "were worded differently, so they are not compared with these."
    )


def before_and_after(takes: list[Take]) -> tuple[Take | None, Take | None]:
    """The answer sets to compare: the first start (or the first of all), and the latest one
    after it (None if there is only one)."""
    if not takes:
        return None, None
    first = next((t for t in takes if t.when == "start"), takes[0])
    later = [t for t in takes if t.at > first.at]
    return first, (later[-1] if later else None)


@dataclass(frozen=True)
class Change:
    key: str
    label: str
    before: float | None
    after: float | None

    @property
    def difference(self) -> float | None:
        """None when either side had too few answers for a score."""
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 2)


def changes(before: MeasureResult, after: MeasureResult, settings: MeasureSettings) -> list[Change]:
    """Each group and the total, before and after."""
    return [Change(k, settings.label_of(k), before.score(k), after.score(k)) for k in settings.keys]


def direction(change: Change, settings: MeasureSettings) -> str:
    """ "about the same", "higher" or "lower" (small changes read as about the same, a rule of
    thumb), or "not enough answers" when either side has no score."""
    if change.difference is None:
        return NOT_ENOUGH
    if abs(change.difference) < settings.small_change:
        return "about the same"
    return "higher" if change.difference > 0 else "lower"


def change_in_words(takes: list[Take], settings: MeasureSettings) -> str:
    """The change from the first answer set to the latest, in plain words, with the limits."""
    first, last = before_and_after(takes)
    if first is None:
        return "You have not answered the check yet."
    if last is None:
        total = first.result.total
        overall = f"{total:.1f} of {settings.high}" if total is not None else NOT_ENOUGH
        return (
            f"You answered the check once, on {_day(first.at)}: overall {overall}. Answer it again at "
            "the end of the course (module 7), or any week, to see what has moved."
        )
    parts = []
    for c in changes(first.result, last.result, settings):
        way = direction(c, settings)
        if way == NOT_ENOUGH:
            parts.append(f"{c.label}: {NOT_ENOUGH} to compare ({shown(c.before)} then {shown(c.after)})")
        else:
            parts.append(f"{c.label}: {way} ({c.before:.1f} then {c.after:.1f})")
    return (
        f"From {_day(first.at)} to {_day(last.at)}: "
        + "; ".join(parts)
        + ". "
        + SMALL_CHANGE.format(small=_points(settings.small_change))
    )


def _day(moment: datetime) -> str:
    return moment.astimezone().strftime("%d %b %Y")


def takes_from_snapshot(snap: Mapping[str, Any], settings: MeasureSettings) -> list[Take]:
    """The answer sets in a journal snapshot (``Journal.snapshot()``, times as ISO text)."""
    return takes_from_records(_snapshot_records(snap), settings)


def earlier_from_snapshot(snap: Mapping[str, Any], settings: MeasureSettings) -> list[Take]:
    """The earlier version's answer sets in a journal snapshot (see ``earlier_takes``)."""
    return earlier_takes(_snapshot_records(snap), settings)


def _snapshot_records(snap: Mapping[str, Any]) -> list[Any]:
    from .journal.entries import Record, parse_time

    return [
        Record(r["id"], r["kind"], r["module"], r["payload"], parse_time(r["created_at"]))
        for r in snap.get("records", [])
        if r.get("kind") == KIND
    ]
