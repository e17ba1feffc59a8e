"""Module 02's signs check: which common signs of a fear of intimacy a learner recognises,
read back gently. Pure logic; the widget sits on top.

The reading is deliberately not a score. It never counts the ticks and has no thresholds:
the same gentle words open it whether one sign or all of them were ticked, and each ticked
sign gets a thought about what it might be guarding and one small step. Nothing here names
or detects a condition.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import schema
from .schema import DATA_DIR

READING_KINDS = ("none", "some")


@dataclass(frozen=True)
class Sign:
    """One of the seven common signs, with a gentle reading and a small step."""

    id: str = schema.ident()
    label: str = schema.text()
    meaning: str = schema.text()
    step: str = schema.text()


@dataclass(frozen=True)
class RootArea:
    """An area the roots reflection can explore, with its prompt and guiding questions."""

    id: str = schema.ident()
    label: str = schema.text()
    prompt: str = schema.text()
    questions: tuple[str, ...] = schema.texts()
    hint: str = schema.text(optional=True)
    note: str = schema.text(optional=True)


@dataclass(frozen=True)
class FearSettings:
    """fear.yaml: the signs check and the roots reflection."""

    note: str = schema.text()
    # "none" (nothing ticked) and "some"; never a count or a threshold
    readings: dict[str, str] = schema.text_map(READING_KINDS)
    signs: tuple[Sign, ...] = schema.entries(Sign, "sign", minimum=2)
    roots: tuple[RootArea, ...] = schema.entries(RootArea, "roots area")

    def sign(self, sign_id: str) -> Sign:
        return schema.by_id(self.signs, sign_id, "sign")

    def root(self, root_id: str) -> RootArea:
        return schema.by_id(self.roots, root_id, "roots area")


def load_settings(data_dir: Path = DATA_DIR) -> FearSettings:
    return schema.load("fear.yaml", FearSettings, data_dir)


def settings() -> FearSettings:
    return schema.cached(load_settings)


@dataclass(frozen=True)
class SignsReading:
    """What the learner ticked, in the checklist's order, and the words to read back."""

    signs: tuple[Sign, ...]
    kind: str  # "none" or "some": which opening words to use; never a count or a score
    opening: str
    text: str

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.signs)


def read_signs(ticked: Iterable[str], settings: FearSettings) -> SignsReading:
    """A gentle reading of the ticked signs.

    Unknown sign ids raise a ValueError (they would mean the course's data and the page
    disagree); ticking a sign twice counts once.
    """
    if isinstance(ticked, str):
        raise ValueError("Give the ticked signs as a list of sign ids, not one piece of text.")
    wanted = set()
    for sign_id in ticked:
        if not isinstance(sign_id, str):
            raise ValueError(f"A sign id must be text, got {sign_id!r}.")
        settings.sign(sign_id)
        wanted.add(sign_id)
    signs = tuple(s for s in settings.signs if s.id in wanted)
    if not signs:
        kind, opening = "none", ""
    else:
        kind = "some"
        opening = "You recognised this sign:" if len(signs) == 1 else "You recognised these signs:"
    return SignsReading(signs=signs, kind=kind, opening=opening, text=settings.readings[kind])


def summary(reading: SignsReading) -> str:
    """The reading in plain text: the gentle words, then one line per recognised sign."""
    lines = [reading.text, reading.opening]
    for sign in reading.signs:
        lines.append(f"- {sign.label}. {sign.meaning} A small step: {sign.step}")
    return "\n".join(line for line in lines if line)
