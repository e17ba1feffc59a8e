"""The personal plan (module 07): up to three intentions, each with a small first step and
the people who could support it.

Why so small: the course's sources agree that closeness grows a little at a time, and
a goal that fits in a week is one a learner can actually try. The plan is saved in the
private journal and can be exported as Markdown. Pure logic: no widgets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

MAX_INTENTIONS = 3
MAX_TEXT = 300
KIND = "plan"
MODULE = "07_next_steps"


@dataclass(frozen=True)
class Intention:
    """Something the learner wants to move towards, the first small step, and who can help."""

    intention: str
    step: str
    support: str = ""

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def _clean(value: Any, what: str, *, required: bool) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text, got {type(value).__name__}.")
    value = " ".join(value.split())
    if required and not value:
        raise ValueError(f"{what} is empty.")
    if len(value) > MAX_TEXT:
        raise ValueError(f"{what} is {len(value)} characters long; keep it to {MAX_TEXT} or fewer.")
    return value


def make_intention(intention: Any, step: Any, support: Any = "", number: int | None = None) -> Intention:
    """A validated intention. A step is required: an intention without one is only a wish."""
    label = f"Intention {number}" if number else "The intention"
    what = _clean(intention, label, required=True)
    first = _clean(step, f"The small step for {label.lower()}", required=False)
    if not first:
        raise ValueError(
            f"{label} has no small step yet. Add one thing you could try this week, however small."
        )
    return Intention(
        intention=what, step=first, support=_clean(support, f"Support for {label.lower()}", required=False)
    )


def plan_from_rows(rows: Sequence[Sequence[Any]]) -> list[Intention]:
    """Turn up to three (intention, step, support) rows into a plan; blank rows are skipped.

    A row with a step or a supporter but no intention is an error, not silently dropped,
    so nothing a learner typed is lost without a word.
    """
    if len(rows) > MAX_INTENTIONS:
        raise ValueError(f"A plan holds up to {MAX_INTENTIONS} intentions; you gave {len(rows)}.")
    plan = []
    for number, row in enumerate(rows, start=1):
        if len(row) != 3:
            raise ValueError(f"Row {number} needs three parts: the intention, the step and the support.")
        parts = [_clean(part, f"Part {i} of row {number}", required=False) for i, part in enumerate(row, 1)]
        if not any(parts):
            continue
        if not parts[0]:
            raise ValueError(
                f"Row {number} has a step or a supporter but no intention. Add one, or clear the row."
            )
        plan.append(make_intention(*parts, number=number))
    return plan


def plan_payload(plan: Iterable[Intention]) -> dict[str, Any]:
    """The plan as plain JSON data for the journal."""
    return {"intentions": [i.to_dict() for i in plan]}


def plan_from_payload(payload: Mapping[str, Any]) -> list[Intention]:
    """Rebuild a saved plan, skipping anything malformed (a hand-edited or older journal)."""
    plan: list[Intention] = []
    raw = payload.get("intentions", []) if isinstance(payload, Mapping) else []
    for item in raw if isinstance(raw, list) else []:
        if len(plan) == MAX_INTENTIONS:
            break
        if not isinstance(item, Mapping):
            continue
        try:
            plan.append(make_intention(item.get("intention"), item.get("step"), item.get("support", "")))
        except ValueError:
            continue
    return plan


def plan_markdown(plan: Sequence[Intention], saved_at: datetime | None = None) -> str:
    """The plan as a short Markdown file a learner can keep, print or share if they choose."""
    lines = ["# My Closer plan", ""]
    if saved_at is not None:
        lines += [f"Saved {saved_at.astimezone().strftime('%d %b %Y, %H:%M')}.", ""]
    if not plan:
        lines += ["No intentions written yet.", ""]
        return "\n".join(lines)
    for number, item in enumerate(plan, start=1):
        lines += [
            f"## {number}. {item.intention}",
            "",
            f"- **A small first step:** {item.step}",
            f"- **Who can support me:** {item.support or 'not decided yet'}",
            "",
        ]
    lines += ["Small steps count. Be kind to yourself if a step takes longer than you hoped.", ""]
    return "\n".join(lines)


def plan_summary(plan: Sequence[Intention]) -> str:
    """The plan in one or two sentences, for beside the form."""
    if not plan:
        return "Your plan is empty so far. One intention with one small step is a fine plan."
    count = f"{len(plan)} intention{'s' * (len(plan) != 1)}"
    unsupported = sum(1 for i in plan if not i.support)
    text = f"Your plan has {count}, each with a small first step."
    if unsupported:
        text += (
            f" {unsupported} {'has' if unsupported == 1 else 'have'} no supporter yet: a friend, a "
            "relative, a group or a professional could help, and so can you."
        )
    return text
