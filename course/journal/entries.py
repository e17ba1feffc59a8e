"""What a journal holds (reflections, check-ins, progress, saved results, drafts), and the
checks every entry passes before it is stored: bad input gets a clear ValueError, never a
half-written entry.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any

MAX_TEXT = 100_000


SCALE_MIN, SCALE_MAX = 0, 10


STATUSES = ("started", "completed")


@dataclass(frozen=True)
class Reflection:
    id: int
    module: str
    prompt_id: str
    prompt: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class CheckIn:
    id: int
    created_at: datetime
    scores: dict[str, int]
    note: str = ""


@dataclass(frozen=True)
class Progress:
    module: str
    started_at: datetime
    completed_at: datetime | None = None

    @property
    def status(self) -> str:
        return "completed" if self.completed_at else "started"


@dataclass(frozen=True)
class Draft:
    """Unsaved writing, kept so that closing a notebook never loses a half-written entry."""

    key: str
    text: str
    updated_at: datetime


@dataclass(frozen=True)
class Record:
    """A saved widget result (a closeness map, a self-assessment, a plan...)."""

    id: int
    kind: str
    module: str
    payload: dict[str, Any] = field(default_factory=dict)
    created_at: datetime | None = None


def check_text(value: Any, what: str, *, allow_empty: bool = False) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text, got {type(value).__name__}.")
    if not allow_empty and not value.strip():
        raise ValueError(f"{what} is empty: write something before saving.")
    if len(value) > MAX_TEXT:
        raise ValueError(f"{what} is too long ({len(value):,} characters; the limit is {MAX_TEXT:,}).")
    return value


def check_name(value: Any, what: str) -> str:
    value = check_text(value, what)
    if value != value.strip() or len(value) > 200:
        raise ValueError(f"{what} must be a short name without surrounding spaces, got {value!r}.")
    return value


def check_scores(scores: Any) -> dict[str, int]:
    if not isinstance(scores, Mapping) or not scores:
        raise ValueError("A check-in needs at least one score, given as {scale: number}.")
    clean = {}
    for scale, value in scores.items():
        scale = check_name(scale, "A check-in scale name")
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(
                f"The score for {scale!r} must be a whole number from {SCALE_MIN} to {SCALE_MAX}, "
                f"got {value!r}."
            )
        if not SCALE_MIN <= value <= SCALE_MAX:
            raise ValueError(f"The score for {scale!r} must be from {SCALE_MIN} to {SCALE_MAX}, got {value}.")
        clean[scale] = value
    return clean


def encode_payload(payload: Any) -> str:
    if not isinstance(payload, Mapping):
        raise ValueError(f"A record's payload must be a mapping, got {type(payload).__name__}.")
    try:
        encoded = json.dumps(dict(payload), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"A record's payload must be plain JSON data: {exc}") from None
    return check_text(encoded, "The record")


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def as_dict(entry: Reflection | CheckIn | Progress | Record) -> dict[str, Any]:
    """An entry as plain data with ISO times (handy for widgets and tests)."""
    out = asdict(entry)
    for key, value in out.items():
        if isinstance(value, datetime):
            out[key] = value.isoformat()
    return out
