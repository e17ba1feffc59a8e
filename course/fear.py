"""Module 02's signs check: which common signs of a fear of intimacy a learner recognises,
read back gently. Pure logic; the widget sits on top.

The reading is deliberately not a score. It says whether none, some or many signs were
ticked, and for each ticked sign offers a thought about what it might be guarding and
one small step. Nothing here names or detects a condition.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .content import FearSettings, Sign

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


@dataclass(frozen=True)
class SignsReading:
    """What the learner ticked, in the checklist's order, and the words to read back."""

    signs: tuple[Sign, ...]
    tier: str  # "none", "some" or "many": which opening words to use, never a score
    opening: str
    text: str

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.signs)


def _number(n: int) -> str:
    return _NUMBERS[n] if n < len(_NUMBERS) else str(n)


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
    n, total = len(signs), len(settings.signs)
    if n == 0:
        tier, opening = "none", "You did not tick any of the signs today."
    else:
        tier = "many" if n >= settings.many_from else "some"
        which = "this sign" if n == 1 else f"{_number(n)} of the {_number(total)} signs"
        opening = f"You recognised {which} in yourself."
    return SignsReading(signs=signs, tier=tier, opening=opening, text=settings.readings[tier])


def summary(reading: SignsReading) -> str:
    """The reading in plain text: the opening, the tier's words, then one line per sign."""
    lines = [reading.opening if reading.tier != "none" else "", reading.text]
    for sign in reading.signs:
        lines.append(f"- {sign.label}. {sign.meaning} A small step: {sign.step}")
    return "\n".join(line for line in lines if line)
