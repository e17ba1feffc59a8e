"""Green, yellow and red flags (module 04): the flag sorter's bookkeeping and the
yellow-flag triage. Pure logic; the words come from ``data/flags.yaml``.

The triage follows the course's reading of a yellow flag: an awkward, defensive or
one-sided moment needs more information, not a verdict. Three questions decide what
it means: is it a pattern, are they open to feedback, can it be solved together?
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import schema
from .content import Choice
from .schema import DATA_DIR

FLAG_IDS = ("green", "yellow", "red")
TRIAGE_QUESTION_IDS = ("pattern", "feedback", "solvable")
TRIAGE_OUTCOME_IDS = ("keep_going", "go_carefully", "treat_as_red")
MIN_SCENARIOS = 15


@dataclass(frozen=True)
class Flag:
    """A flag always travels with its symbol and word (``tag``), never colour alone."""

    id: str = schema.ident()
    symbol: str = schema.text()
    label: str = schema.text()
    colour: str = schema.text(colour=True)
    meaning: str = schema.text()

    @property
    def tag(self) -> str:
        return f"{self.symbol} {self.label}"


@dataclass(frozen=True)
class Scenario:
    id: str = schema.ident()
    area: str = schema.text(one_of="areas")
    title: str = schema.text()
    text: str = schema.text()
    flag: str = schema.text(one_of=FLAG_IDS)
    why: str = schema.text()
    safety: bool = schema.yes_no(default=False)
    # For a safety scene: what it is about, shown before the learner chooses to read it.
    content_note: str = schema.text(optional=True)

    def validate(self, at: schema.Where) -> None:
        # A safety scene is hidden until the learner asks for it, so it must say what it is about.
        if self.safety and not self.content_note:
            at.fail("content_note", "is missing")


@dataclass(frozen=True)
class TriageQuestion:
    id: str = schema.ident()
    question: str = schema.text()
    if_yes: str = schema.text()
    if_no: str = schema.text()


@dataclass(frozen=True)
class TriageOutcome:
    id: str = schema.ident()
    symbol: str = schema.text()
    label: str = schema.text()
    advice: str = schema.text()

    @property
    def tag(self) -> str:
        return f"{self.symbol} {self.label}"


@dataclass(frozen=True)
class TriageSettings:
    questions: tuple[TriageQuestion, ...] = schema.entries(
        TriageQuestion, "question", ids=TRIAGE_QUESTION_IDS, ordered=True
    )
    outcomes: tuple[TriageOutcome, ...] = schema.entries(
        TriageOutcome, "outcome", ids=TRIAGE_OUTCOME_IDS, ordered=True
    )
    # Shown whenever the answer to "are they open to feedback?" is no.
    not_heard_note: str = schema.text()


@dataclass(frozen=True)
class FlagSettings:
    """flags.yaml: the three flags, the sorter's scenes and the yellow-flag triage."""

    flags: tuple[Flag, ...] = schema.entries(Flag, "flag", ids=FLAG_IDS, ordered=True)
    areas: tuple[Choice, ...] = schema.entries(Choice, "area", minimum=2, known_as="areas")
    scenarios: tuple[Scenario, ...] = schema.entries(Scenario, "scenario", minimum=MIN_SCENARIOS)
    safety_note: str = schema.text()
    triage: TriageSettings = schema.section(TriageSettings)

    @property
    def questions(self) -> tuple[TriageQuestion, ...]:
        return self.triage.questions

    @property
    def outcomes(self) -> tuple[TriageOutcome, ...]:
        return self.triage.outcomes

    @property
    def not_heard_note(self) -> str:
        return self.triage.not_heard_note

    def validate(self, at: schema.Where) -> None:
        for area in self.areas:
            if not any(s.area == area.id for s in self.scenarios):
                at.fail("scenarios", f"no scenario for the area {area.id!r}; every area needs at least one")

    def flag(self, flag_id: str) -> Flag:
        return schema.by_id(self.flags, flag_id, "flag")

    def area(self, area_id: str) -> Choice:
        return schema.by_id(self.areas, area_id, "area")

    def scenario(self, scenario_id: str) -> Scenario:
        return schema.by_id(self.scenarios, scenario_id, "scenario")

    def outcome(self, outcome_id: str) -> TriageOutcome:
        return schema.by_id(self.outcomes, outcome_id, "triage outcome")


def load_settings(data_dir: Path = DATA_DIR) -> FlagSettings:
    return schema.load("flags.yaml", FlagSettings, data_dir)


def settings() -> FlagSettings:
    return schema.cached(load_settings)


SKIPPED = "skipped"


# --------------------------------------------------------------------------------------
# The flag sorter
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pick:
    """The learner's flag for one scenario, beside the course's reading of it."""

    scenario: str
    chosen: str
    expected: str

    @property
    def skipped(self) -> bool:
        return self.chosen == SKIPPED

    @property
    def matches(self) -> bool:
        return self.chosen == self.expected


def sorter_order(settings: FlagSettings) -> tuple[Scenario, ...]:
    """Scenarios taken in turn from each area (friendship, family, ...), so the sorter
    moves between kinds of relationship instead of doing one kind at a time."""
    queues = [[s for s in settings.scenarios if s.area == a.id] for a in settings.areas]
    order: list[Scenario] = []
    while any(queues):
        for queue in queues:
            if queue:
                order.append(queue.pop(0))
    return tuple(order)


def pick(scenario: Scenario, chosen: Any) -> Pick:
    """Record a choice of "green", "yellow", "red" (or "skipped") for ``scenario``."""
    if chosen not in (*FLAG_IDS, SKIPPED):
        allowed = ", ".join(repr(f) for f in (*FLAG_IDS, SKIPPED))
        raise ValueError(f"Choose one of {allowed} for this scenario, got {chosen!r}.")
    return Pick(scenario=scenario.id, chosen=chosen, expected=scenario.flag)


@dataclass(frozen=True)
class Tally:
    total: int
    answered: int
    skipped: int
    matching: int
    chosen: dict[str, int]
    different: tuple[str, ...]


def tally(picks: Iterable[Pick], settings: FlagSettings) -> Tally:
    """How many were answered, skipped and read the same way as the course; one pick per
    scenario (a later pick for the same scenario replaces an earlier one)."""
    latest: dict[str, Pick] = {}
    for p in picks:
        settings.scenario(p.scenario)
        latest[p.scenario] = p
    answered = [p for p in latest.values() if not p.skipped]
    return Tally(
        total=len(settings.scenarios),
        answered=len(answered),
        skipped=sum(p.skipped for p in latest.values()),
        matching=sum(p.matches for p in answered),
        chosen={f: sum(p.chosen == f for p in answered) for f in FLAG_IDS},
        different=tuple(p.scenario for p in answered if not p.matches),
    )


def summary(picks: Sequence[Pick], settings: FlagSettings) -> str:
    """The end-of-sorter summary in words."""
    t = tally(picks, settings)
    if not t.answered:
        return "You have not picked a flag for any scenario yet."
    counts = ", ".join(f"{t.chosen[f.id]} × {f.tag.lower()}" for f in settings.flags)
    lines = [f"You sorted {t.answered} of {t.total} scenarios: {counts}."]
    if t.skipped:
        lines.append(f"You skipped {t.skipped}, which is always fine.")
    lines.append(f"{t.matching} of {t.answered} match the course's reading.")
    if t.different:
        titles = "; ".join(settings.scenario(s).title for s in t.different)
        lines.append(
            f"You read these differently: {titles}. Real life is rarely as tidy as a short story, "
            "so a different reading is worth thinking about, not a mistake to worry over."
        )
    red = [s for s in t.different if settings.scenario(s).flag == "red"]
    if red:
        lines.append(
            "Some of the ones the course reads as red involve control or disrespect. These can be "
            "hard to see from the inside, especially when they have become familiar."
        )
    return " ".join(lines)


# --------------------------------------------------------------------------------------
# The yellow-flag triage
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Triage:
    """Where the three answers lead, and why.

    ``not_heard`` is true when they were not open to feedback: then raising it again may
    not be safe, and the learner is told that they do not have to.
    """

    outcome: str
    reason: str
    not_heard: bool = False


def _answers(answers: Mapping[str, Any]) -> dict[str, bool]:
    if not isinstance(answers, Mapping):
        raise ValueError("Give the three answers as a mapping of question to yes (True) or no (False).")
    missing = [q for q in TRIAGE_QUESTION_IDS if q not in answers]
    if missing:
        raise ValueError(f"Answer every question first; still open: {', '.join(missing)}.")
    extra = sorted(set(answers) - set(TRIAGE_QUESTION_IDS))
    if extra:
        raise ValueError(f"Unknown question(s) {', '.join(map(repr, extra))}.")
    for q in TRIAGE_QUESTION_IDS:
        if not isinstance(answers[q], bool):
            raise ValueError(f"Answer {q!r} with yes (True) or no (False), got {answers[q]!r}.")
    return {q: answers[q] for q in TRIAGE_QUESTION_IDS}


def triage(answers: Mapping[str, Any]) -> Triage:
    """Where a yellow flag leads, from the answers to "pattern", "feedback" and "solvable".

    - Someone who will not hear feedback about it has turned the yellow flag red, whether
      or not it has happened before; so has a behaviour that keeps happening with no way to
      work it out. Either is telling you something important (module 4, after the source:
      a person who keeps behaving this way or is not receptive to feedback is a red flag).
    - A one-off they can talk about, and that can be worked out, is an ordinary off
      moment: keep going.
    - Anything in between: go carefully and talk about it, then see what happens next.

    Whatever the outcome, a "no" to feedback sets ``not_heard``: someone met with anger or
    blame is never simply told to raise it again.
    """
    a = _answers(answers)
    return replace(_triage(a), not_heard=not a["feedback"])


def _triage(a: dict[str, bool]) -> Triage:
    if a["pattern"] and not a["feedback"]:
        return Triage(
            "treat_as_red",
            "It keeps happening and they will not hear feedback about it, so the yellow flag has turned red.",
        )
    if not a["feedback"]:
        return Triage(
            "treat_as_red",
            "They will not hear feedback about it, so the yellow flag has turned red, even if it "
            "has only happened once so far.",
        )
    if a["pattern"] and not a["solvable"]:
        return Triage(
            "treat_as_red",
            "It keeps happening and you cannot see a way to work it out together. That tells you "
            "something important about whether this relationship can meet your needs.",
        )
    if not a["pattern"] and a["feedback"] and a["solvable"]:
        return Triage(
            "keep_going",
            "It is a one-off, they are open to hearing about it, and it can be worked out: "
            "everyone has off moments.",
        )
    worries = []
    if a["pattern"]:
        worries.append("it keeps happening")
    if not a["feedback"]:
        worries.append("they were not open to feedback")
    if not a["solvable"]:
        worries.append("there is no obvious way to solve it yet")
    comfort = []
    if not a["pattern"]:
        comfort.append("it has only happened once so far")
    if a["feedback"]:
        comfort.append("they can hear feedback")
    if a["solvable"]:
        comfort.append("there is something you could change together")
    return Triage(
        "go_carefully",
        f"Some answers reassure ({_join(comfort)}) and some do not ({_join(worries)}). That "
        "calls for care and a conversation, not a verdict yet.",
    )


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
