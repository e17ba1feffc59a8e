"""The marble on the pane of glass (module 06): a small, made-up model of a shared relationship.

The picture comes from the family therapist Mark Gaskill (*Systemic Parenting*, 2003),
as retold by one of the course's sources: two people in a relationship hold a pane of
glass between them with a marble on it. Near the centre they are close; towards the
edge, less so. The marble never stops moving, and where it goes depends on what each
of them does with the pane.

Why a model at all: a learner can try "one of us does all the work" or "one of us
pulls away" and see, round by round, why the stories end differently. The numbers
are invented to show the idea; they measure nothing about real people.

The rules, one round at a time (distance runs from 0, the centre, to 10, the edge):

1. **Everyday drift.** Work, chores, worry and tiredness roll the marble a little
   outwards every round (``DRIFT``). Nobody is to blame for that.
2. **Leaning in.** A partner who leans in tilts the pane back towards the centre. How
   much depends on their *effort* (how much they put in) and their *attention* (how
   well they notice where the marble is, so the tilt goes the right way): effort with
   no attention is mostly wasted, and attention with no effort moves nothing. The
   further out the marble is, the more a tilt brings it back.
3. **Working together.** When both lean in, their tilts steady each other, so the
   share of the work they both put in counts extra (``TEAMWORK``).
4. **Pulling away.** A partner who pulls away tilts the pane towards the edge, as hard
   as their effort. (Pulling away needs no attention, so it is ignored.)
5. **The edge.** If the marble reaches the edge it rolls off and the run ends: in the
   picture, closeness is lost unless something changes.

Only the distance from the centre means anything; the direction the marble rolls in
(it turns a little every round, for drawing) means nothing.

The constants are set so the model tells the source's three endings: both leaning in
settle the marble nearest the centre; one person working hard on their own can keep it
in the middle (the source: many relationships survive this way), though it drifts out
as soon as they ease off; and someone tilting the pane away sends it over the edge
however hard the other works.

Pure logic: no widgets, no plotting.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from . import schema
from .content import Choice
from .schema import DATA_DIR


@dataclass(frozen=True)
class MarbleSide:
    """One partner's settings in a marble-on-the-glass story."""

    name: str = schema.text()
    stance: str = schema.text(one_of="stances")
    effort: int = schema.whole(0, 10)
    attention: int = schema.whole(0, 10)


@dataclass(frozen=True)
class MarbleStory:
    id: str = schema.ident()
    title: str = schema.text()
    setup: str = schema.text()
    lesson: str = schema.text()
    a: MarbleSide = schema.section(MarbleSide, "partner {name}")
    b: MarbleSide = schema.section(MarbleSide, "partner {name}")


@dataclass(frozen=True)
class MarbleSettings:
    """marble.yaml: what a partner can do, and the stories the simulator tells."""

    stances: tuple[Choice, ...] = schema.entries(Choice, "stance", minimum=2, known_as="stances")
    stories: tuple[MarbleStory, ...] = schema.entries(MarbleStory, "story")

    def story(self, story_id: str) -> MarbleStory:
        return schema.by_id(self.stories, story_id, "marble story")


def load_settings(data_dir: Path = DATA_DIR) -> MarbleSettings:
    return schema.load("marble.yaml", MarbleSettings, data_dir)


def settings() -> MarbleSettings:
    return schema.cached(load_settings)


LEAN_IN, PULL_AWAY = "lean_in", "pull_away"
STANCES = (LEAN_IN, PULL_AWAY)
EDGE = 10.0
SCALE_MIN, SCALE_MAX = 0, 10
DRIFT = 1.0  # outward roll per round from everyday life
PULL = 0.4  # share of the distance one fully engaged partner can win back per round
TEAMWORK = 2.0  # extra weight on the work both partners share
PUSH = 3.5  # outward tilt per round from a partner pulling away with full effort
TURN = 47.0  # degrees the marble's direction turns each round (for drawing only)
START = 5.0
ROUNDS = 12
MAX_ROUNDS = 60
CLOSE, FAR = 3.0, 7.0  # bands: 0-3 close (in the middle), 3-7 partway out, 7-10 near the edge
CARRIED = 0.8  # one partner doing this share of the work or more is carrying the pane


@dataclass(frozen=True)
class Partner:
    """One person holding the pane: their stance, effort and attention (0-10 each)."""

    name: str
    stance: str = LEAN_IN
    effort: int = 5
    attention: int = 5

    @property
    def pull(self) -> float:
        """How well this partner's tilt brings the marble back, from 0 to 1."""
        if self.stance != LEAN_IN:
            return 0.0
        return (self.effort / 10) * (0.3 + 0.7 * self.attention / 10)

    @property
    def push(self) -> float:
        """How far this partner's tilt rolls the marble outwards each round."""
        return PUSH * self.effort / 10 if self.stance == PULL_AWAY else 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Run:
    """A whole simulation: the distance after each round, from round 0 (the start)."""

    a: Partner
    b: Partner
    distances: tuple[float, ...]
    fell_at: int | None
    share_a: float | None

    @property
    def final(self) -> float:
        return self.distances[-1]

    @property
    def rounds(self) -> int:
        return len(self.distances) - 1

    @property
    def outcome(self) -> str:
        """'fell', 'close', 'middle' or 'far': where the story ends."""
        if self.fell_at is not None:
            return "fell"
        return band(self.final)

    @property
    def carried_by(self) -> str | None:
        """The partner doing nearly all the leaning in, if one is, else None."""
        if self.share_a is None:
            return None
        if self.share_a >= CARRIED:
            return self.a.name
        if self.share_a <= 1 - CARRIED:
            return self.b.name
        return None


def band(distance: float) -> str:
    """'close' (0-3), 'middle' (3-7) or 'far' (7 up to the edge)."""
    if distance <= CLOSE:
        return "close"
    return "middle" if distance < FAR else "far"


def _score(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what} must be a whole number from {SCALE_MIN} to {SCALE_MAX}, got {value!r}.")
    if not SCALE_MIN <= value <= SCALE_MAX:
        raise ValueError(f"{what} must be from {SCALE_MIN} to {SCALE_MAX}, got {value}.")
    return value


def make_partner(name: Any, stance: Any = LEAN_IN, effort: Any = 5, attention: Any = 5) -> Partner:
    """A validated partner; every problem is a ValueError that says what to change."""
    if not isinstance(name, str) or not name.strip():
        raise ValueError("Give each partner a name (any name will do).")
    name = " ".join(name.split())
    if len(name) > 30:
        raise ValueError("Keep each partner's name to 30 characters or fewer.")
    if stance not in STANCES:
        raise ValueError(
            f"A partner either leans in ({LEAN_IN!r}) or pulls away ({PULL_AWAY!r}), got {stance!r}."
        )
    return Partner(
        name=name,
        stance=stance,
        effort=_score(effort, f"{name}'s effort"),
        attention=_score(attention, f"{name}'s attention"),
    )


def step(distance: float, a: Partner, b: Partner) -> float:
    """Where the marble is after one more round, starting ``distance`` from the centre.

    The result can exceed ``EDGE``: :func:`simulate` treats that as rolling off.
    """
    together = a.pull + b.pull + TEAMWORK * min(a.pull, b.pull)
    back = PULL * together * distance
    return max(0.0, distance + DRIFT + a.push + b.push - back)


def simulate(a: Partner, b: Partner, rounds: int = ROUNDS, start: float = START) -> Run:
    """Roll the marble for ``rounds`` rounds from ``start`` (0 = centre, 10 = edge)."""
    if not isinstance(a, Partner) or not isinstance(b, Partner):
        raise ValueError("simulate() needs two partners made with make_partner().")
    if isinstance(rounds, bool) or not isinstance(rounds, int) or not 1 <= rounds <= MAX_ROUNDS:
        raise ValueError(
            f"The number of rounds must be a whole number from 1 to {MAX_ROUNDS}, got {rounds!r}."
        )
    if isinstance(start, bool) or not isinstance(start, (int, float)) or not 0 <= start < EDGE:
        raise ValueError(f"The marble must start on the pane, from 0 up to (not at) {EDGE:g}; got {start!r}.")
    distances = [float(start)]
    fell_at = None
    for n in range(1, rounds + 1):
        nxt = step(distances[-1], a, b)
        if nxt >= EDGE:
            distances.append(EDGE)
            fell_at = n
            break
        distances.append(round(nxt, 6))
    total = a.pull + b.pull
    share_a = a.pull / total if total > 0 else None
    return Run(a=a, b=b, distances=tuple(distances), fell_at=fell_at, share_a=share_a)


def path(run: Run, turn: float = TURN) -> tuple[list[float], list[float]]:
    """(x, y) of the marble on the pane after each round, for drawing.

    The direction it rolls turns a little every round (life pulls in changing
    directions); only the distance from the centre stands for closeness.
    """
    xs, ys = [], []
    for n, d in enumerate(run.distances):
        angle = math.radians(90 + n * turn)
        xs.append(round(d * math.cos(angle), 6))
        ys.append(round(d * math.sin(angle), 6))
    return xs, ys


_BAND_WORDS = {
    "close": "close to the centre",
    "middle": "partway to the edge",
    "far": "near the edge",
}


def _names(people: list[Partner]) -> str:
    return " and ".join(p.name for p in people)


def _verb(people: list[Partner], one: str, many: str) -> str:
    return many if len(people) > 1 else one


def summary(run: Run) -> str:
    """The run in words: where the marble went, who did the work, and what that means.

    The words follow the settings: someone set to pull away with no strength is said
    to hold back, not to tilt the pane; the nudge for a quieter partner depends on
    whether they already lean in.
    """
    a, b = run.a, run.b
    people = [a, b]
    text = f"The marble starts {run.distances[0]:.1f} from the centre (0 is the centre, 10 the edge)."
    pullers = [p for p in people if p.push > 0]
    idle = [p for p in people if p.stance == PULL_AWAY and p.push == 0]
    leaners = [p for p in people if p.pull > 0]
    if idle:
        who = "they neither tilt" if len(idle) > 1 else f"{idle[0].name} neither tilts"
        text += (
            f" {_names(idle)} {_verb(idle, 'is', 'are')} set to pull away, but with no strength, so "
            f"{who} the pane away nor {_verb(idle, 'helps', 'help')} bring it back."
        )
    if run.outcome == "fell":
        when = f"falls off the edge in round {run.fell_at}"
        if pullers:
            text += (
                f" {_names(pullers)} {_verb(pullers, 'pulls', 'pull')} away, and the marble rolls "
                f"outwards and {when}."
            )
            if leaners:
                text += (
                    f" {_names(leaners)}'s leaning in cannot hold the pane level against someone "
                    "tilting it away."
                )
            return text + " In the picture, closeness is lost unless something changes."
        return (
            f"{text} Nobody leans in enough to make up for everyday drift, so the marble rolls a "
            f"little further out each round and {when}. No one has to do anything wrong for this to "
            "happen: closeness that nobody tends drifts away."
        )
    text += (
        f" After {run.rounds} rounds it is {run.final:.1f} from the centre, "
        f"{_BAND_WORDS[run.outcome]}{_trend(run)}."
    )
    carrier = run.carried_by
    if pullers:
        text += (
            f" {_names(pullers)} {_verb(pullers, 'pulls', 'pull')} away, tilting the pane towards the edge."
        )
        if leaners:
            held = simulate(*(_without_pull(p) for p in people), rounds=run.rounds, start=run.distances[0])
            text += (
                f" {_names(leaners)}'s leaning in keeps it on the pane for now, but further out than "
                f"the {held.final:.1f} or so it would reach with nobody pulling against it."
            )
    elif run.share_a is None:
        text += " Nobody tilts the pane back, so everyday drift carries the marble outwards."
    elif carrier is not None:
        other = b if carrier == a.name else a
        share = run.share_a if carrier == a.name else 1 - run.share_a
        if run.outcome == "close":
            held = (
                "That hard work keeps the marble in the middle, but it all rests on one pair of "
                f"hands: if {carrier} eases off, it drifts outwards, and carrying the pane alone "
                "is tiring."
            )
        else:
            held = (
                "That work keeps the marble on the pane, but not in the middle: on their own, "
                "one person has to work very hard and very attentively to hold it there, and "
                "carrying the pane alone is tiring."
            )
        text += f" {carrier} does {share:.0%} of the leaning in. {held} {_nudge(other)}"
    elif run.outcome == "close":
        text += (
            f" {a.name} and {b.name} both lean in, and because their tilts steady each other, the "
            "marble settles nearer the centre than either could bring it alone."
        )
    else:
        text += (
            f" {a.name} and {b.name} both lean in, but lightly, so everyday drift is not fully made "
            "up for. A little more effort or attention from either of them would bring it nearer."
        )
    if run.outcome == "far":
        text += " It is close to rolling off."
    return text


def _without_pull(partner: Partner) -> Partner:
    """The same partner, but no longer tilting the pane away (for comparison)."""
    if partner.stance != PULL_AWAY:
        return partner
    return Partner(name=partner.name, stance=PULL_AWAY, effort=0, attention=partner.attention)


def _nudge(other: Partner) -> str:
    """What to try next for the partner who is not carrying the pane, given what they do now."""
    if other.stance == PULL_AWAY:
        return f"If {other.name} leans in instead, even a little, watch what happens."
    if other.pull == 0:
        return f"If {other.name} starts to put something in, even a little, watch what happens."
    return f"If {other.name} leans in a bit more, watch what happens."


def _trend(run: Run) -> str:
    change = run.final - run.distances[0]
    if abs(change) < 0.25:
        return ", about where it started"
    return f", {'nearer the centre than' if change < 0 else 'further out than'} where it started"
