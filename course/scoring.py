"""Scoring of the course's self-assessments. Pure: plain answers in, plain results out.

A self-assessment here is a reflection tool, not a validated test. Scoring is kept
simple and visible so a learner (or a facilitator) can check it by hand: each scale's
score is the mean of its statements, after reverse-worded statements are flipped.
Every problem with the answers (a missing one, one outside the scale, one of the wrong
type) raises a ValueError that says which statement to fix, numbered as on the page.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import schema
from .schema import DATA_DIR

PATTERN_SCALES = ("avoider", "pursuer")
# Stable keys, saved in learners' journals; learners only ever see the labels in patterns.yaml
# ("leaning neither way" and "leaning both ways" for the first and last).
PATTERN_REGIONS = ("settled", "leaning_avoider", "leaning_pursuer", "swinging")
MIN_ITEMS_PER_SCALE = 8


@dataclass(frozen=True)
class AgreementItem:
    """A statement answered on the agreement scale; ``reverse`` items are worded the other way."""

    id: str = schema.ident()
    scale: str = schema.text(one_of=PATTERN_SCALES)
    text: str = schema.text()
    reverse: bool = schema.yes_no(default=False)


@dataclass(frozen=True)
class PatternScale:
    id: str = schema.ident()
    label: str = schema.text()
    axis: str = schema.text()
    description: str = schema.text()


@dataclass(frozen=True)
class Region:
    """A region of the two-scale chart, named in plain words."""

    id: str = schema.ident()
    label: str = schema.text()
    description: str = schema.text()


@dataclass(frozen=True)
class PatternsSettings:
    """patterns.yaml: module 3's self-assessment statements, keys and wording."""

    low: int = schema.whole(0, 10)
    high: int = schema.whole(1, 11)
    answers: tuple[str, ...] = schema.texts()
    threshold: int = schema.whole(0, 11)
    note: str = schema.text()
    # The chart has two axes and four regions: the code relies on these exact ids.
    scales: tuple[PatternScale, ...] = schema.entries(PatternScale, "scale", ids=PATTERN_SCALES)
    regions: tuple[Region, ...] = schema.entries(Region, "region", ids=PATTERN_REGIONS)
    items: tuple[AgreementItem, ...] = schema.entries(AgreementItem, "statement")

    def validate(self, at: schema.Where) -> None:
        low, high = self.low, self.high
        if high <= low:
            at.fail("high", f"expected a number above low ({low}), got {high}")
        if len(self.answers) != high - low + 1:
            at.fail(
                "answers", f"expected one word for each point from {low} to {high}, got {len(self.answers)}"
            )
        if not low <= self.threshold <= high:
            at.fail("threshold", f"expected a number from {low} to {high}, got {self.threshold}")
        for scale_id in PATTERN_SCALES:
            mine = self.items_for(scale_id)
            if len(mine) < MIN_ITEMS_PER_SCALE:
                at.fail(
                    "items",
                    f"the {scale_id} scale needs at least {MIN_ITEMS_PER_SCALE} statements, got {len(mine)}",
                )
            if not any(i.reverse for i in mine) or all(i.reverse for i in mine):
                at.fail(
                    "items",
                    f"the {scale_id} scale needs some statements with reverse: true, and some without",
                )

    def scale(self, scale_id: str) -> PatternScale:
        return schema.by_id(self.scales, scale_id, "scale")

    def region(self, region_id: str) -> Region:
        return schema.by_id(self.regions, region_id, "region")

    def items_for(self, scale_id: str) -> tuple[AgreementItem, ...]:
        return tuple(item for item in self.items if item.scale == scale_id)


def load_patterns(data_dir: Path = DATA_DIR) -> PatternsSettings:
    return schema.load("patterns.yaml", PatternsSettings, data_dir)


def patterns_settings() -> PatternsSettings:
    return schema.cached(load_patterns)


# --------------------------------------------------------------------------------------
# Module 03: the Avoider and Pursuer self-assessment
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PatternResult:
    """Where a learner sits on the two scales (each from low to high) and the region's id."""

    avoider: float
    pursuer: float
    region: str

    def to_dict(self) -> dict[str, Any]:
        return {"avoider": self.avoider, "pursuer": self.pursuer, "region": self.region}


def keyed(answer: int, reverse: bool, low: int = 1, high: int = 7) -> int:
    """An answer as it counts towards its scale: reverse-worded statements are flipped."""
    return low + high - answer if reverse else answer


def _join(numbers: list[int]) -> str:
    words = [str(n) for n in numbers]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def check_answers(answers: Any, settings: PatternsSettings, also: Collection[str] = ()) -> dict[str, Any]:
    """Every statement answered with a whole number on the scale (or one of the words in
    ``also``, kept as it is: the before-and-after check's "doesn't fit"), or a clear ValueError."""
    if not isinstance(answers, Mapping):
        raise ValueError(f"Answers must be given as {{statement id: number}}, got {type(answers).__name__}.")
    number = {item.id: n for n, item in enumerate(settings.items, start=1)}
    unknown = [key for key in answers if key not in number]
    if unknown:
        raise ValueError(f"There is no statement {unknown[0]!r} in this questionnaire.")
    clean: dict[str, Any] = {}
    missing = []
    for item in settings.items:
        value = answers.get(item.id)
        n = number[item.id]
        if value is None:
            missing.append(n)
            continue
        if isinstance(value, str) and value in also:
            clean[item.id] = value
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(
                f"Statement {n}: the answer must be a whole number from {settings.low} to "
                f"{settings.high}, got {value!r}."
            )
        if not settings.low <= value <= settings.high:
            raise ValueError(
                f"Statement {n}: answers go from {settings.low} to {settings.high}, got {value}."
            )
        clean[item.id] = value
    if missing:
        choose = f"Choose a number from {settings.low} to {settings.high} for each, then try again."
        if len(missing) == len(settings.items):
            raise ValueError(f"No statement has an answer yet. {choose}")
        if len(missing) > 5:
            raise ValueError(
                f"{len(missing)} statements have no answer yet, the first is statement {missing[0]}. {choose}"
            )
        which = "Statement" if len(missing) == 1 else "Statements"
        verb = "has" if len(missing) == 1 else "have"
        raise ValueError(f"{which} {_join(missing)} {verb} no answer yet. {choose}")
    return clean


def scale_means(answers: Any, settings: PatternsSettings) -> dict[str, float]:
    """Each scale's mean of its keyed answers, rounded to two decimals."""
    clean = check_answers(answers, settings)
    means = {}
    for scale in settings.scales:
        values = [
            keyed(clean[item.id], item.reverse, settings.low, settings.high)
            for item in settings.items_for(scale.id)
        ]
        means[scale.id] = round(sum(values) / len(values), 2)
    return means


def region_for(avoider: float, pursuer: float, settings: PatternsSettings) -> str:
    """The region's id: a scale leans when its mean is above the threshold (the midpoint)."""
    for name, value in (("avoider", avoider), ("pursuer", pursuer)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"The {name} score must be a number, got {value!r}.")
        if not settings.low <= value <= settings.high:
            raise ValueError(f"The {name} score must be from {settings.low} to {settings.high}, got {value}.")
    high_a, high_p = avoider > settings.threshold, pursuer > settings.threshold
    if high_a and high_p:
        return "swinging"
    if high_a:
        return "leaning_avoider"
    if high_p:
        return "leaning_pursuer"
    return "settled"


def score_patterns(answers: Any, settings: PatternsSettings) -> PatternResult:
    """Score a completed questionnaire: both scale means and the region they fall in."""
    means = scale_means(answers, settings)
    avoider, pursuer = means["avoider"], means["pursuer"]
    return PatternResult(avoider, pursuer, region_for(avoider, pursuer, settings))


def result_from_payload(payload: Any, settings: PatternsSettings) -> PatternResult | None:
    """A saved result read back from the journal, or None if it no longer makes sense."""
    if not isinstance(payload, Mapping):
        return None
    try:
        avoider, pursuer = payload["avoider"], payload["pursuer"]
        return PatternResult(avoider, pursuer, region_for(avoider, pursuer, settings))
    except (KeyError, ValueError):
        return None
