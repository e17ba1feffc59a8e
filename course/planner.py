"""The conversation planner (module 05): what I feel, what I need, what I will ask, and
what I will do if it goes badly. Pure logic: validation and the Markdown export.

Planning a hard conversation does not script it; it helps you say the important part
kindly and clearly, and decide in advance how you will look after yourself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from . import schema
from .schema import DATA_DIR


@dataclass(frozen=True)
class PlannerField:
    id: str = schema.ident()
    label: str = schema.text()
    prompt: str = schema.text()


@dataclass(frozen=True)
class PlannerSettings:
    """building.yaml's ``planner`` section: the planner's questions and its safety note."""

    fields: tuple[PlannerField, ...] = schema.entries(PlannerField, "field", minimum=2)
    safety_note: str = schema.text()


def load_settings(data_dir: Path = DATA_DIR) -> PlannerSettings:
    return schema.load_section("building.yaml", "planner", PlannerSettings, data_dir)


def settings() -> PlannerSettings:
    return schema.cached(load_settings)


MAX_ANSWER = 2000


def make_plan(answers: Mapping[str, Any], settings: PlannerSettings) -> dict[str, str]:
    """A clean plan: every field present (possibly empty), at least one written."""
    if not isinstance(answers, Mapping):
        raise ValueError("A plan is a set of answers, one per question.")
    known = {f.id for f in settings.fields}
    extra = sorted(set(answers) - known)
    if extra:
        raise ValueError(f"Unknown part(s) of the plan: {', '.join(map(repr, extra))}.")
    plan = {}
    for f in settings.fields:
        value = answers.get(f.id, "")
        if not isinstance(value, str):
            raise ValueError(f'"{f.label}" must be text, got {type(value).__name__}.')
        value = value.strip()
        if len(value) > MAX_ANSWER:
            raise ValueError(
                f'"{f.label}" is long ({len(value):,} characters); keep it under {MAX_ANSWER:,}.'
            )
        plan[f.id] = value
    if not any(plan.values()):
        raise ValueError("Write at least one part of the plan before saving.")
    return plan


def missing(plan: Mapping[str, str], settings: PlannerSettings) -> list[str]:
    """Labels of the parts not written yet."""
    return [f.label for f in settings.fields if not plan.get(f.id, "").strip()]


def plan_from_payload(payload: Mapping[str, Any], settings: PlannerSettings) -> dict[str, str]:
    """A saved plan, with unknown or malformed parts left out."""
    raw = payload.get("plan", {}) if isinstance(payload, Mapping) else {}
    if not isinstance(raw, Mapping):
        return {}
    return {f.id: raw[f.id] for f in settings.fields if isinstance(raw.get(f.id), str)}


def plan_markdown(plan: Mapping[str, str], settings: PlannerSettings, when: datetime | None = None) -> str:
    """The plan as a Markdown page to keep, print or take into the conversation."""
    lines = ["# My conversation plan", ""]
    if when is not None:
        lines += [f"Written {when.astimezone().strftime('%d %b %Y, %H:%M')} with Closer.", ""]
    for f in settings.fields:
        text = plan.get(f.id, "").strip()
        lines += [f"## {f.label}", "", text if text else "*(not written yet)*", ""]
    lines += [
        "---",
        "",
        "Go gently: you can pause the conversation, or come back to it another day.",
        "",
    ]
    return "\n".join(lines)
