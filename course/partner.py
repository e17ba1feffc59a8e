"""Partner mode: two people put module 3's self-assessment side by side, with no server.

Each person chooses exactly which of their own results to share (a name, the Avoider and
Pursuer scores, any of the check-in scales) and the course turns that into a short share code
(or a small .json file) for the other person to paste in. Pure logic: no widgets, no plotting.

Why a checksum and strict checks, not cryptography: a code is not secret and proves nothing
about who made it. The checksum catches typing and copying mistakes; everything else a code
could claim (unknown fields, fields the sharer did not choose, impossible scores, markup in a
name) is refused by checking every value against what the scales can really give. Every
refusal is a ``ShareCodeError`` (a ValueError) whose message a learner can read.
"""

from __future__ import annotations

import base64
import binascii
import json
import string
import unicodedata
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import content, schema, scoring
from .schema import DATA_DIR

VERSION = 1
PREFIX = f"CLOSER{VERSION}-"
FILE_FORMAT = "closer-share"
# Sizes are checked before anything is decoded. The largest honest code (every field, and a
# 30-character name in letters that take four bytes each) is about 510 characters; its file
# about 870 bytes (tests/test_partner.py checks every share fits).
MAX_CODE_CHARS = 600
MAX_INPUT_CHARS = 2_000  # what may be pasted, line breaks and spaces included
MAX_FILE_BYTES = 4_000
MAX_NAME_CHARS = 30
NOT_IN_NAMES = set("<>&\"'`\\")
PATTERN_FIELDS = scoring.PATTERN_SCALES  # ("avoider", "pursuer")
CHECKIN_PREFIX = "checkin_"
SPEAKERS = ("first", "second", "both")
PEOPLE = ("Person A", "Person B")


# --------------------------------------------------------------------------------------
# partner.yaml: the pair descriptions, the conversation and the safety words
# --------------------------------------------------------------------------------------


def _placeholders_only(text: str, allowed: set[str], at: schema.Where, name: str) -> None:
    try:
        used = {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError as exc:
        at.fail(name, f"has a stray {{ or }}: {exc}")
    unknown = used - allowed
    if unknown:
        at.fail(name, f"uses {{{sorted(unknown)[0]}}}; only {', '.join(sorted(allowed))} can be filled in")


@dataclass(frozen=True)
class PairLoop:
    """What two people's patterns tend to do together, and what each could try."""

    regions: tuple[str, ...] = schema.texts(minimum=2)
    title: str = schema.text()
    loop: str = schema.text()
    to_try: str = schema.text()

    def validate(self, at: schema.Where) -> None:
        if len(self.regions) != 2 or any(r not in scoring.PATTERN_REGIONS for r in self.regions):
            at.fail(
                "regions", f"expected two of {', '.join(scoring.PATTERN_REGIONS)}, got {list(self.regions)}"
            )
        for name in ("title", "loop", "to_try"):
            _placeholders_only(getattr(self, name), {"first", "second"}, at, name)


@dataclass(frozen=True)
class Step:
    """One step of the guided conversation: who speaks, and what to do."""

    id: str = schema.ident()
    speaker: str = schema.text(one_of=SPEAKERS)
    title: str = schema.text()
    text: str = schema.text()

    def validate(self, at: schema.Where) -> None:
        for name in ("title", "text"):
            _placeholders_only(getattr(self, name), {"speaker", "listener"}, at, name)


@dataclass(frozen=True)
class Conversation:
    title: str = schema.text()
    intro: str = schema.text()
    steps: tuple[Step, ...] = schema.entries(Step, "step", minimum=4)
    pause: str = schema.text()

    def validate(self, at: schema.Where) -> None:
        speakers = {s.speaker for s in self.steps}
        if not {"first", "second"} <= speakers:
            at.fail("steps", "both people need a turn to speak (speaker: first and speaker: second)")


@dataclass(frozen=True)
class PartnerSettings:
    """partner.yaml: safety words, what a code is, every pair of regions, one conversation."""

    safety: str = schema.text()
    not_pressure: str = schema.text()
    code_note: str = schema.text()
    same_screen: str = schema.text()  # at the top of "Their part" when they join on this screen
    checkin_note: str = schema.text()  # beside the check-in scales: what sharing them can mean
    invitations: str = schema.text()  # in the joint view: what "could try" is, and when to stop
    fit: str = schema.text()  # in the joint view: general statements, not about each other
    save_note: str = schema.text()  # above the joint view's save button
    pairs: tuple[PairLoop, ...] = schema.entries(PairLoop, "pair")
    conversation: Conversation = schema.section(Conversation, "conversation")

    def validate(self, at: schema.Where) -> None:
        seen: dict[frozenset[str], int] = {}
        for n, pair in enumerate(self.pairs, start=1):
            key = frozenset(pair.regions)
            if key in seen:
                at.fail(
                    "pairs", f"pair {n} repeats the regions of pair {seen[key]} ({', '.join(pair.regions)})"
                )
            seen[key] = n
        regions = scoring.PATTERN_REGIONS
        for i, a in enumerate(regions):
            for b in regions[i:]:
                if frozenset((a, b)) not in seen:
                    at.fail("pairs", f"no words for the pair {a} and {b}")

    def pair(self, region_a: str, region_b: str) -> tuple[PairLoop, bool]:
        """The words for two regions, and whether person A is the pair's {first}."""
        for pair in self.pairs:
            if tuple(pair.regions) == (region_a, region_b):
                return pair, True
            if tuple(pair.regions) == (region_b, region_a):
                return pair, False
        raise ValueError(f"partner.yaml has no words for {region_a} and {region_b}.")


def load_settings(data_dir: Path = DATA_DIR) -> PartnerSettings:
    return schema.load("partner.yaml", PartnerSettings, data_dir)


def settings() -> PartnerSettings:
    return schema.cached(load_settings)


# --------------------------------------------------------------------------------------
# What may be shared
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One thing a person may choose to share."""

    id: str
    label: str  # as the sharer chooses it ("My Avoider score")
    short: str  # as the preview and the other person see it ("Avoider score")


def shareable_fields() -> tuple[Field, ...]:
    """Everything a person may share, in the order the course shows it."""
    patterns = scoring.patterns_settings()
    fields = [Field("name", "My first name or nickname", "Name")]
    fields += [
        Field(s, f"My {patterns.scale(s).label} score", f"{patterns.scale(s).label} score")
        for s in PATTERN_FIELDS
    ]
    fields += [
        Field(CHECKIN_PREFIX + s.id, f"My check-in: {s.label}", f"Check-in, {s.label} (0 to 10)")
        for s in content.scales()
    ]
    return tuple(fields)


def possible_means(scale_id: str) -> tuple[float, ...]:
    """Every score a scale's mean can take (each rounded to two decimals, as module 3 saves it).

    A scale of n statements answered from low to high has a sum from n*low to n*high; its mean
    is one of those sums over n. A score outside this list cannot have come from the course."""
    patterns = scoring.patterns_settings()
    n = len(patterns.items_for(scale_id))
    return tuple(round(total / n, 2) for total in range(n * patterns.low, n * patterns.high + 1))


def nearest_mean(scale_id: str, value: float) -> float:
    """The possible score nearest ``value`` (a saved result written by another version)."""
    return min(possible_means(scale_id), key=lambda m: abs(m - value))


class ShareCodeError(ValueError):
    """A share code or file the course cannot read; the message says why, in plain words."""


class TooLarge(ShareCodeError):
    pass


class Garbled(ShareCodeError):
    pass


class WrongChecksum(ShareCodeError):
    pass


class OtherVersion(ShareCodeError):
    pass


class NotAllowed(ShareCodeError):
    """The code reads, but holds something the course would never put in one."""


def check_name(value: Any) -> str:
    """A first name or nickname: plain text on one line, at most MAX_NAME_CHARS characters."""
    if not isinstance(value, str):
        raise NotAllowed("The name in this code is not text.")
    name = " ".join(value.split())
    if not name:
        raise NotAllowed("The name is empty. Leave the name out instead, or type one.")
    if len(name) > MAX_NAME_CHARS:
        raise NotAllowed(f"A name can have at most {MAX_NAME_CHARS} characters; this one has {len(name)}.")
    if any(ch in NOT_IN_NAMES for ch in name):
        raise NotAllowed("A name can't contain < > & quotes or backslashes. Try just a first name.")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise NotAllowed("The name holds hidden control characters. Type it again by hand.")
    return name


def _check_value(field_id: str, value: Any) -> Any:
    if field_id == "name":
        return check_name(value)
    if field_id in PATTERN_FIELDS:
        label = scoring.patterns_settings().scale(field_id).label
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise NotAllowed(f"The {label} score in this code is not a number.")
        if value not in possible_means(field_id):
            raise NotAllowed(
                f"The {label} score in this code ({value!r}) can't be right: it isn't a score the "
                "self-assessment gives."
            )
        return float(value)
    scale = field_id.removeprefix(CHECKIN_PREFIX)
    label = next(s.label for s in content.scales() if s.id == scale)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise NotAllowed(
            f"The check-in “{label}” in this code must be a whole number from 0 to 10, got {value!r}."
        )
    return value


@dataclass(frozen=True)
class Share:
    """What one person chose to share: field id -> value, only the fields they chose."""

    values: dict[str, Any]

    @property
    def name(self) -> str | None:
        return self.values.get("name")

    @property
    def result(self) -> scoring.PatternResult | None:
        """Their place on module 3's chart, if they shared both scores."""
        if not all(f in self.values for f in PATTERN_FIELDS):
            return None
        a, p = self.values["avoider"], self.values["pursuer"]
        return scoring.PatternResult(a, p, scoring.region_for(a, p, scoring.patterns_settings()))

    @property
    def checkin(self) -> dict[str, int]:
        return {
            k.removeprefix(CHECKIN_PREFIX): v for k, v in self.values.items() if k.startswith(CHECKIN_PREFIX)
        }

    def to_dict(self) -> dict[str, Any]:
        return dict(self.values)


def make_share(chosen: Sequence[str], available: Mapping[str, Any]) -> Share:
    """The share holding exactly the ``chosen`` fields, taken from what the person entered.

    ``available`` may hold more than was chosen (everything the person filled in); only the
    chosen fields are taken, each checked as strictly as a code from someone else would be."""
    known = [f.id for f in shareable_fields()]
    unknown = [c for c in chosen if c not in known]
    if unknown:
        raise NotAllowed(f"There is nothing called {unknown[0]!r} to share.")
    if not chosen:
        raise ShareCodeError("Choose at least one thing to share first.")
    missing = [c for c in chosen if available.get(c) is None]
    if missing:
        label = next(f.label for f in shareable_fields() if f.id == missing[0])
        raise ShareCodeError(
            f"You chose to share “{label}”, but it has no value yet: fill it in, or untick it."
        )
    values = {f: _check_value(f, available[f]) for f in known if f in chosen}
    return Share(values)


def preview_lines(share: Share) -> list[str]:
    """Exactly what a code holds, one line per field, as the person sees it before sharing."""
    out = []
    for f in shareable_fields():
        if f.id in share.values:
            value = share.values[f.id]
            shown = f"{value:.2f}" if f.id in PATTERN_FIELDS else str(value)
            out.append(f"{f.short}: {shown}")
    return out


# --------------------------------------------------------------------------------------
# The share code and the share file
# --------------------------------------------------------------------------------------


def _checksum(body: str) -> str:
    return f"{zlib.crc32((PREFIX + body).encode('ascii')) & 0xFFFFFFFF:08x}"


def encode(share: Share) -> str:
    """``CLOSER1-<base64url of compact JSON>.<checksum>``: short enough to paste in a message."""
    payload = {"v": VERSION, "chose": list(share.values), "share": share.values}
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    body = base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")
    return f"{PREFIX}{body}.{_checksum(body)}"


def _as_text(data: str | bytes, limit: int, what: str) -> str:
    if isinstance(data, bytes):
        if len(data) > limit:
            raise TooLarge(
                f"This {what} is far larger than any share code ({len(data)} bytes); it can't be one."
            )
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise Garbled(f"This {what} is not text the course can read. Ask for the code again.") from None
    if not isinstance(data, str):
        raise Garbled(f"Expected a share code as text, got {type(data).__name__}.")
    if len(data) > limit:
        raise TooLarge(
            f"What was pasted is far longer than any share code ({len(data)} characters); it can't be one."
        )
    return data


def decode(text: str | bytes) -> Share:
    """Read a share code, or refuse it with a ``ShareCodeError`` saying why in plain words."""
    text = _as_text(text, MAX_INPUT_CHARS, "code")
    if text.lstrip().startswith("{"):
        return decode_file(text)  # a share file's contents, pasted
    code = "".join(text.split())  # line breaks and spaces added by a message app
    if not code:
        raise Garbled("Nothing was pasted. Paste the whole code, starting with CLOSER.")
    if len(code) > MAX_CODE_CHARS:
        raise TooLarge(
            f"This is longer than any share code ({len(code)} characters); check you pasted only the code."
        )
    head, dash, rest = code.partition("-")
    if not dash or not head.upper().startswith("CLOSER"):
        raise Garbled("This doesn't look like a Closer share code: a code starts with CLOSER1-.")
    if head.upper() != PREFIX[:-1]:
        raise OtherVersion(
            f"This code starts with {head[:12]}-, from another version of the course; this version reads "
            f"{PREFIX} codes. Ask the other person to make a new code here, or to use the same notebook."
        )
    body, dot, check = rest.rpartition(".")
    if not dot or not body:
        raise Garbled("The end of the code is missing. Copy the whole code again, to its last character.")
    if check.lower() != _checksum(body):
        raise WrongChecksum(
            "This code doesn't add up: a character was changed, lost or added on the way. Copy the whole "
            "code again (or ask for it again), from CLOSER to its last character."
        )
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        data = json.loads(raw.decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, ValueError, RecursionError):
        raise Garbled("This code can't be read, even though it adds up. Ask for a new code.") from None
    return _from_payload(data)


def _from_payload(data: Any) -> Share:
    if not isinstance(data, dict):
        raise Garbled("This code doesn't hold what a share code holds. Ask for a new code.")
    if set(data) != {"v", "chose", "share"}:
        extra = sorted(set(data) - {"v", "chose", "share"})
        raise NotAllowed(
            f"This code holds something a share code never holds ({', '.join(extra) or 'parts missing'})."
        )
    if data["v"] != VERSION or isinstance(data["v"], bool):
        raise OtherVersion(
            f"This code is from another version of the course ({data['v']!r}); "
            f"this one reads version {VERSION}."
        )
    chose, share = data["chose"], data["share"]
    if (
        not isinstance(chose, list)
        or not all(isinstance(c, str) for c in chose)
        or not isinstance(share, dict)
    ):
        raise Garbled("This code doesn't hold what a share code holds. Ask for a new code.")
    known = {f.id for f in shareable_fields()}
    unknown = sorted((set(chose) | set(share)) - known)
    if unknown:
        raise NotAllowed(f"This code holds a field the course doesn't share: {unknown[0][:40]!r}.")
    if len(set(chose)) != len(chose) or not chose:
        raise NotAllowed("This code's list of chosen fields is empty or repeats itself.")
    if set(chose) != set(share):
        not_chosen = sorted(set(share) - set(chose))
        if not_chosen:
            raise NotAllowed(f"This code holds {not_chosen[0]!r}, which the sharer did not choose to share.")
        raise NotAllowed(
            f"This code says it shares {sorted(set(chose) - set(share))[0]!r} but holds no value for it."
        )
    return Share({f.id: _check_value(f.id, share[f.id]) for f in shareable_fields() if f.id in share})


def to_file(share: Share) -> str:
    """The share as a small .json file: the code, and what it holds in plain view."""
    return json.dumps(
        {"format": FILE_FORMAT, "version": VERSION, "code": encode(share), "shared": share.values},
        indent=2,
        ensure_ascii=False,
    )


def decode_file(data: str | bytes) -> Share:
    """Read a share file; its plain copy must match its code exactly."""
    text = _as_text(data, MAX_FILE_BYTES, "file")
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or JSON nested deeper than Python will read
        raise Garbled(
            "This file isn't a share file (it isn't valid JSON). Ask for the file or code again."
        ) from None
    if not isinstance(doc, dict) or doc.get("format") != FILE_FORMAT:
        raise Garbled("This file isn't a Closer share file.")
    if set(doc) != {"format", "version", "code", "shared"}:
        raise NotAllowed("This share file holds something a share file never holds.")
    if doc["version"] != VERSION or isinstance(doc["version"], bool):
        raise OtherVersion(f"This share file is from another version of the course ({doc['version']!r}).")
    if not isinstance(doc["code"], str) or doc["code"].lstrip().startswith("{"):
        raise Garbled("This share file has no share code in it.")
    share = decode(doc["code"])
    if doc["shared"] != share.values:
        raise NotAllowed("This file's plain copy doesn't match its code: it was changed after it was made.")
    return share


# --------------------------------------------------------------------------------------
# The joint view in words
# --------------------------------------------------------------------------------------


def display_name(share: Share | None, index: int) -> str:
    return (share.name if share is not None else None) or PEOPLE[index]


@dataclass(frozen=True)
class JointView:
    """Two people's shares read together: the loop their patterns tend to make, in words."""

    names: tuple[str, str]
    results: tuple[scoring.PatternResult | None, scoring.PatternResult | None]
    checkins: tuple[dict[str, int], dict[str, int]]
    title: str
    loop: str
    to_try: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "names": list(self.names),
            "results": [r.to_dict() if r else None for r in self.results],
            "checkins": [dict(c) for c in self.checkins],
            "title": self.title,
            "loop": self.loop,
            "to_try": self.to_try,
        }


def joint_view(a: Share, b: Share) -> JointView:
    """Both people together: the pair's loop from partner.yaml, with their names filled in."""
    names = (display_name(a, 0), display_name(b, 1))
    if names[0] == names[1]:
        names = (f"{names[0]} (A)", f"{names[1]} (B)")
    results = (a.result, b.result)
    if results[0] is None or results[1] is None:
        who = " and ".join(n for n, r in zip(names, results, strict=True) if r is None)
        title = "Not enough to describe a loop yet"
        loop = (
            f"The loop between two patterns needs both people's Avoider and Pursuer scores, and {who} "
            "did not share both. That is fine: sharing is optional. You can still use the conversation below."
        )
        return JointView(names, results, (a.checkin, b.checkin), title, loop, "")
    pair, a_first = settings().pair(results[0].region, results[1].region)
    first, second = names if a_first else names[::-1]
    words = {"first": first, "second": second}
    return JointView(
        names,
        results,
        (a.checkin, b.checkin),
        pair.title.format(**words),
        pair.loop.format(**words),
        pair.to_try.format(**words),
    )


def checkin_lines(view: JointView) -> list[str]:
    """The check-in scales either person shared, side by side ("Connected: Sam 6, Alex 8")."""
    out = []
    for scale in content.scales():
        said = [f"{n} {c[scale.id]}" for n, c in zip(view.names, view.checkins, strict=True) if scale.id in c]
        if said:
            out.append(f"{scale.label} (0 = {scale.low}, 10 = {scale.high}): {', '.join(said)}")
    return out


def conversation_steps(speaker_first: str, speaker_second: str) -> list[tuple[str, str]]:
    """The guided conversation's steps as (title, text), with the two names filled in."""
    steps = []
    for step in settings().conversation.steps:
        if step.speaker == "second":
            words = {"speaker": speaker_second, "listener": speaker_first}
        else:
            words = {"speaker": speaker_first, "listener": speaker_second}
        steps.append((step.title.format(**words), step.text.format(**words)))
    return steps
