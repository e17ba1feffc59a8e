"""The closeness map (module 01): people a learner names, how close they feel, and
whether the opening up goes both ways. Pure logic; the chart and widget sit on top.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from . import schema
from .content import Choice
from .schema import DATA_DIR


@dataclass(frozen=True)
class ClosenessSettings:
    """closeness.yaml: how many people the map holds, the kinds of relationship and sharing."""

    max_people: int = schema.whole(1, 50)
    kinds: tuple[Choice, ...] = schema.entries(Choice, "kind", minimum=2, require=("symbol",))
    sharing: tuple[Choice, ...] = schema.entries(Choice, "sharing choice", minimum=2, require=("note",))

    def kind(self, kind_id: str) -> Choice:
        return schema.by_id(self.kinds, kind_id, "relationship kind")

    def sharing_choice(self, sharing_id: str) -> Choice:
        return schema.by_id(self.sharing, sharing_id, "sharing choice")


def load_settings(data_dir: Path = DATA_DIR) -> ClosenessSettings:
    return schema.load("closeness.yaml", ClosenessSettings, data_dir)


def settings() -> ClosenessSettings:
    return schema.cached(load_settings)


MAX_NAME = 40
CLOSENESS_MIN, CLOSENESS_MAX = 0, 10


@dataclass(frozen=True)
class Person:
    name: str
    kind: str
    closeness: int
    sharing: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def make_person(name: Any, kind: Any, closeness: Any, sharing: Any, settings: ClosenessSettings) -> Person:
    """A validated person; every problem is a ValueError a learner can act on."""
    if not isinstance(name, str) or not name.strip():
        raise ValueError("Give this person a name, a nickname or initials first.")
    name = " ".join(name.split())
    if len(name) > MAX_NAME:
        raise ValueError(f"Keep the name to {MAX_NAME} characters or fewer (initials are fine).")
    if not isinstance(kind, str):
        raise ValueError(f"The relationship kind must be text, got {kind!r}.")
    settings.kind(kind)
    if isinstance(closeness, bool) or not isinstance(closeness, int):
        raise ValueError(f"Closeness must be a whole number from 0 to 10, got {closeness!r}.")
    if not CLOSENESS_MIN <= closeness <= CLOSENESS_MAX:
        raise ValueError(f"Closeness must be from {CLOSENESS_MIN} to {CLOSENESS_MAX}, got {closeness}.")
    if not isinstance(sharing, str):
        raise ValueError(f"The sharing choice must be text, got {sharing!r}.")
    settings.sharing_choice(sharing)
    return Person(name=name, kind=kind, closeness=closeness, sharing=sharing)


def add_person(people: Iterable[Person], person: Person, settings: ClosenessSettings) -> list[Person]:
    """A new list with ``person`` added; names must be unique (case-insensitive)."""
    people = list(people)
    if len(people) >= settings.max_people:
        raise ValueError(f"The map holds up to {settings.max_people} people. Remove someone to add another.")
    same = next((p for p in people if p.name.casefold() == person.name.casefold()), None)
    if same is not None:
        raise ValueError(
            f"{same.name} is already on your map. Use another name, or remove {same.name} first."
        )
    return [*people, person]


def people_from_payload(payload: Mapping[str, Any], settings: ClosenessSettings) -> list[Person]:
    """Rebuild a saved map, skipping entries that no longer fit the course's data."""
    people: list[Person] = []
    for raw in payload.get("people", []):
        try:
            person = make_person(
                raw.get("name"), raw.get("kind"), raw.get("closeness"), raw.get("sharing"), settings
            )
            people = add_person(people, person, settings)
        except (ValueError, AttributeError):
            continue
    return people


def placements(people: Iterable[Person], settings: ClosenessSettings) -> list[tuple[Person, float, float]]:
    """(person, radius, angle in degrees) for each person.

    The centre is "you": closeness 10 sits on the innermost ring (radius 0.5), 0 on the
    outermost (10.5). People are grouped by kind around the circle so the map reads
    as neighbourhoods of friends, family and so on.
    """
    order = {choice.id: i for i, choice in enumerate(settings.kinds)}
    ordered = sorted(people, key=lambda p: (order.get(p.kind, len(order)), -p.closeness, p.name.casefold()))
    if not ordered:
        return []
    step = 360 / len(ordered)
    return [(p, CLOSENESS_MAX + 0.5 - p.closeness, round(i * step, 6)) for i, p in enumerate(ordered)]


def summary(people: Iterable[Person], settings: ClosenessSettings) -> str:
    """The map in words, for screen readers and for anyone who prefers text to charts."""
    people = sorted(people, key=lambda p: (-p.closeness, p.name.casefold()))
    if not people:
        return "Your map is empty so far. Add someone to see them appear around you."
    parts = []
    for p in people:
        kind = settings.kind(p.kind).label.lower()
        sharing = settings.sharing_choice(p.sharing).note
        parts.append(f"{p.name} ({kind}), closeness {p.closeness} of 10, {sharing}")
    lines = [f"{len(people)} {'person' if len(people) == 1 else 'people'} on your map, closest first:"]
    lines += [f"- {part}." for part in parts]
    one_way = [p.name for p in people if p.sharing in ("me", "them")]
    if one_way:
        lines.append(
            "The opening up mostly goes one way with " + _join(one_way) + ". That is worth noticing, "
            "not judging: module 4 looks at give and take in more depth."
        )
    return "\n".join(lines)


def _join(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]
