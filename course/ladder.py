"""The small-steps ladder (module 05): steps towards more openness, easiest at the bottom.

Resilience grows in small steps: an easy step that goes well makes the next one feel
less risky. The learner lists steps and rates how hard each feels (0-10); the ladder
puts them in order so the next rung is always the easiest one not yet done. Pure
logic; the chart and widget sit on top.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from . import schema
from .schema import DATA_DIR


@dataclass(frozen=True)
class LadderSettings:
    """building.yaml's ``ladder`` section: how many steps, and examples to start from."""

    max_steps: int = schema.whole(2, 30)
    examples: tuple[str, ...] = schema.texts()


def load_settings(data_dir: Path = DATA_DIR) -> LadderSettings:
    return schema.load_section("building.yaml", "ladder", LadderSettings, data_dir)


def settings() -> LadderSettings:
    return schema.cached(load_settings)


MAX_STEP = 120
HARD_MIN, HARD_MAX = 0, 10


@dataclass(frozen=True)
class Step:
    text: str
    difficulty: int
    done: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def make_step(text: Any, difficulty: Any, done: Any = False) -> Step:
    """A validated step; every problem is a ValueError a learner can act on."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("Write the step first, in a few words.")
    text = " ".join(text.split())
    if len(text) > MAX_STEP:
        raise ValueError(f"Keep each step to {MAX_STEP} characters or fewer: one small, concrete action.")
    if isinstance(difficulty, bool) or not isinstance(difficulty, int):
        raise ValueError(f"How hard it feels must be a whole number from 0 to 10, got {difficulty!r}.")
    if not HARD_MIN <= difficulty <= HARD_MAX:
        raise ValueError(f"How hard it feels must be from {HARD_MIN} to {HARD_MAX}, got {difficulty}.")
    if not isinstance(done, bool):
        raise ValueError(f"Done must be true or false, got {done!r}.")
    return Step(text=text, difficulty=difficulty, done=done)


def _find(steps: list[Step], text: str) -> int:
    key = " ".join(str(text).split()).casefold()
    for i, s in enumerate(steps):
        if s.text.casefold() == key:
            return i
    raise ValueError(f"There is no step called {text!r} on your ladder.")


def add_step(steps: Iterable[Step], step: Step, settings: LadderSettings) -> list[Step]:
    """A new list with ``step`` added; steps are unique (case-insensitive)."""
    steps = list(steps)
    if len(steps) >= settings.max_steps:
        raise ValueError(
            f"The ladder holds up to {settings.max_steps} steps. Remove one, or mark some done and "
            "start a fresh ladder later."
        )
    if any(s.text.casefold() == step.text.casefold() for s in steps):
        raise ValueError(f'"{step.text}" is already on your ladder.')
    return [*steps, step]


def remove_step(steps: Iterable[Step], text: str) -> list[Step]:
    steps = list(steps)
    del steps[_find(steps, text)]
    return steps


def set_done(steps: Iterable[Step], text: str, done: bool = True) -> list[Step]:
    """A new list with the named step marked done (or not done)."""
    steps = list(steps)
    i = _find(steps, text)
    steps[i] = replace(steps[i], done=bool(done))
    return steps


def ladder(steps: Iterable[Step]) -> list[Step]:
    """The rungs from the bottom up: easiest first. Steps that feel equally hard keep the
    order in which they were added, so the ladder never reshuffles on its own."""
    return sorted(steps, key=lambda s: s.difficulty)


def next_step(steps: Iterable[Step]) -> Step | None:
    """The lowest rung not yet done, or None when every step is done."""
    return next((s for s in ladder(steps) if not s.done), None)


def steps_from_payload(payload: Mapping[str, Any], settings: LadderSettings) -> list[Step]:
    """Rebuild a saved ladder, skipping entries that no longer fit."""
    steps: list[Step] = []
    raw_steps = payload.get("steps", []) if isinstance(payload, Mapping) else []
    for raw in raw_steps if isinstance(raw_steps, list) else []:
        try:
            steps = add_step(
                steps, make_step(raw.get("text"), raw.get("difficulty"), raw.get("done", False)), settings
            )
        except (ValueError, AttributeError):
            continue
    return steps


def summary(steps: Iterable[Step]) -> str:
    """The ladder in words, bottom rung first."""
    rungs = ladder(steps)
    if not rungs:
        return (
            "Your ladder is empty so far. Add a first small step: something that feels only a little risky."
        )
    done = sum(s.done for s in rungs)
    lines = [
        f"{len(rungs)} step{'s' * (len(rungs) != 1)} on your ladder, {done} done, from the bottom rung up:"
    ]
    for n, s in enumerate(rungs, start=1):
        mark = "✓ done" if s.done else "○ to do"
        lines.append(f"- Rung {n}: {s.text} (feels {s.difficulty} of 10; {mark}).")
    upcoming = next_step(rungs)
    if upcoming is None:
        lines.append(
            "Every step is done. Well done: notice how the later steps felt by the time you got there."
        )
    else:
        lines.append(f"Next rung to try: {upcoming.text}")
    return "\n".join(lines)
