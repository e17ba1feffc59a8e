"""Load the course's words from ``course/data/*.yaml`` into typed, validated objects.

Course authors edit the YAML files without touching code, so a mistake there must
produce a message that says which file, which entry and which field is wrong, not a
traceback from deep inside a widget. Everything here is pure: no widgets, no plotting.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
# libyaml's loader when PyYAML was built with it (it parses ~10x faster), else the pure one.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

T = TypeVar("T")


class ContentError(ValueError):
    """A data file is malformed. The message names the file, the entry and the field."""


# --------------------------------------------------------------------------------------
# Typed content
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Module:
    id: str
    number: int
    title: str
    minutes: int
    summary: str

    @property
    def notebook(self) -> str:
        return f"{self.id}.ipynb"


@dataclass(frozen=True)
class Scale:
    """A 0-10 check-in scale with the words at either end."""

    id: str
    label: str
    question: str
    low: str
    high: str


@dataclass(frozen=True)
class Finder:
    name: str
    url: str
    description: str


@dataclass(frozen=True)
class Help:
    emergency: str
    finders: tuple[Finder, ...]
    not_therapy: str


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    explanation: str


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    options: tuple[Option, ...]

    @property
    def correct_index(self) -> int:
        return next(i for i, option in enumerate(self.options) if option.correct)


@dataclass(frozen=True)
class Prompt:
    module: str
    id: str
    text: str
    hint: str


@dataclass(frozen=True)
class Choice:
    """One labelled choice, optionally with a plotly marker symbol or a note."""

    id: str
    label: str
    symbol: str = ""
    note: str = ""


@dataclass(frozen=True)
class ClosenessSettings:
    max_people: int
    kinds: tuple[Choice, ...]
    sharing: tuple[Choice, ...]

    def kind(self, kind_id: str) -> Choice:
        return _by_id(self.kinds, kind_id, "relationship kind")

    def sharing_choice(self, sharing_id: str) -> Choice:
        return _by_id(self.sharing, sharing_id, "sharing choice")


@dataclass(frozen=True)
class MarbleSide:
    """One partner's settings in a marble-on-the-glass story."""

    name: str
    stance: str
    effort: int
    attention: int


@dataclass(frozen=True)
class MarbleStory:
    id: str
    title: str
    setup: str
    lesson: str
    a: MarbleSide
    b: MarbleSide


@dataclass(frozen=True)
class MarbleSettings:
    stances: tuple[Choice, ...]
    stories: tuple[MarbleStory, ...]

    def story(self, story_id: str) -> MarbleStory:
        return _by_id(self.stories, story_id, "marble story")


def _by_id(items: Iterable[Any], item_id: str, what: str) -> Any:
    for item in items:
        if item.id == item_id:
            return item
    known = ", ".join(repr(item.id) for item in items)
    raise ValueError(f"Unknown {what} {item_id!r}; expected one of {known}.")


# --------------------------------------------------------------------------------------
# A small reader that knows where it is, so every error can say so
# --------------------------------------------------------------------------------------


class _Entry:
    """A mapping from a data file plus its location, for precise error messages."""

    def __init__(self, file: str, where: str, value: Any):
        self.file = file
        self.where = where
        if not isinstance(value, Mapping):
            self.fail(None, f"expected a mapping of fields, got {_kind(value)}")
        self.value = value

    def fail(self, field: str | None, problem: str) -> None:
        place = f"{self.file}, {self.where}"
        if field is not None:
            place += f", field '{field}'"
        raise ContentError(f"{place}: {problem}")

    def _get(self, field: str, default: Any) -> Any:
        if field not in self.value:
            if default is _REQUIRED:
                self.fail(field, "is missing")
            return default
        return self.value[field]

    def text(self, field: str) -> str:
        value = self._get(field, _REQUIRED)
        if not isinstance(value, str) or not value.strip():
            self.fail(field, f"expected non-empty text, got {_kind(value)}")
        return " ".join(value.split())

    def optional_text(self, field: str) -> str:
        return self.text(field) if field in self.value else ""

    def integer(self, field: str, low: int, high: int) -> int:
        value = self._get(field, _REQUIRED)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(field, f"expected a whole number, got {_kind(value)}")
        if not low <= value <= high:
            self.fail(field, f"expected a number from {low} to {high}, got {value}")
        return value

    def boolean(self, field: str) -> bool:
        value = self._get(field, _REQUIRED)
        if not isinstance(value, bool):
            self.fail(field, f"expected true or false, got {_kind(value)}")
        return value

    def number(self, field: str, low: float, high: float) -> float:
        value = self._get(field, _REQUIRED)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(field, f"expected a number, got {_kind(value)}")
        if not low <= value <= high:
            self.fail(field, f"expected a number from {low} to {high}, got {value}")
        return float(value)

    def colour(self, field: str) -> str:
        value = self.text(field)
        if len(value) != 7 or value[0] != "#" or any(c not in "0123456789abcdefABCDEF" for c in value[1:]):
            self.fail(field, f"expected a colour like '#0072B2', got {value!r}")
        return value

    def texts(self, field: str, minimum: int = 1) -> tuple[str, ...]:
        """A list of non-empty texts, each located by its position."""
        out = []
        for i, value in enumerate(self.items(field, minimum), start=1):
            if not isinstance(value, str) or not value.strip():
                self.fail(field, f"entry {i}: expected non-empty text, got {_kind(value)}")
            out.append(" ".join(value.split()))
        return tuple(out)

    def section(self, field: str) -> _Entry:
        """A mapping field as an entry of its own, located as "section '<field>'"."""
        self.mapping(field)
        where = f"section '{field}'" if self.where == "top level" else f"{self.where}, section '{field}'"
        return _Entry(self.file, where, self.value[field])

    def items(self, field: str, minimum: int = 1) -> list[Any]:
        value = self._get(field, _REQUIRED)
        if not isinstance(value, list):
            self.fail(field, f"expected a list, got {_kind(value)}")
        if len(value) < minimum:
            self.fail(field, f"expected at least {minimum} entries, got {len(value)}")
        return value

    def mapping(self, field: str) -> Mapping[str, Any]:
        value = self._get(field, _REQUIRED)
        if not isinstance(value, Mapping):
            self.fail(field, f"expected a mapping, got {_kind(value)}")
        return value

    def entries(self, field: str, label: str, minimum: int = 1) -> list[_Entry]:
        """Sub-entries of a list field, each located as "<label> N ('id')"."""
        out = []
        for i, raw in enumerate(self.items(field, minimum), start=1):
            ident = raw.get("id") if isinstance(raw, Mapping) else None
            name = f"{label} {i}" + (f" ({ident!r})" if isinstance(ident, str) else "")
            where = name if self.where == "top level" else f"{self.where}, {name}"
            out.append(_Entry(self.file, where, raw))
        return out


_REQUIRED = object()


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return "empty text" if not value.strip() else f"text {value!r}"
    return f"{type(value).__name__} {value!r}"[:80]


def _unique_ids(entries: list[_Entry], ids: list[str]) -> None:
    seen: set[str] = set()
    for entry, ident in zip(entries, ids, strict=True):
        if ident in seen:
            entry.fail("id", f"{ident!r} is used more than once")
        seen.add(ident)


def _read(name: str, data_dir: Path) -> _Entry:
    path = data_dir / name
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(f"{name}: the data file is missing (looked in {data_dir})") from None
    try:
        value = yaml.load(raw, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ContentError(f"{name}: not valid YAML{line}: {problem}") from None
    return _Entry(name, "top level", value)


def _identifier(entry: _Entry) -> str:
    ident = entry.text("id")
    if not ident.replace("_", "").replace("-", "").isalnum():
        entry.fail("id", f"use only letters, digits, '-' and '_', got {ident!r}")
    return ident


# --------------------------------------------------------------------------------------
# Loaders, one per data file
# --------------------------------------------------------------------------------------


def load_modules(data_dir: Path = DATA_DIR) -> tuple[Module, ...]:
    top = _read("modules.yaml", data_dir)
    entries = top.entries("modules", "module")
    modules = [
        Module(
            id=_identifier(e),
            number=e.integer("number", 0, 99),
            title=e.text("title"),
            minutes=e.integer("minutes", 1, 600),
            summary=e.text("summary"),
        )
        for e in entries
    ]
    _unique_ids(entries, [m.id for m in modules])
    return tuple(modules)


def load_scales(data_dir: Path = DATA_DIR) -> tuple[Scale, ...]:
    top = _read("checkin.yaml", data_dir)
    entries = top.entries("scales", "scale")
    scales = [
        Scale(
            id=_identifier(e),
            label=e.text("label"),
            question=e.text("question"),
            low=e.text("low"),
            high=e.text("high"),
        )
        for e in entries
    ]
    _unique_ids(entries, [s.id for s in scales])
    return tuple(scales)


def load_help(data_dir: Path = DATA_DIR) -> Help:
    top = _read("help.yaml", data_dir)
    finders = []
    for e in top.entries("finders", "finder"):
        url = e.text("url")
        if not url.startswith("https://"):
            e.fail("url", f"expected an https:// address, got {url!r}")
        finders.append(Finder(name=e.text("name"), url=url, description=e.text("description")))
    return Help(
        emergency=top.text("emergency"),
        finders=tuple(finders),
        not_therapy=top.text("not_therapy"),
    )


def _by_module(
    name: str, field: str, label: str, build: Callable[[str, list[_Entry]], list[T]], data_dir: Path
) -> dict[str, tuple[T, ...]]:
    top = _read(name, data_dir)
    known = {m.id for m in load_modules(data_dir)}
    out: dict[str, tuple[T, ...]] = {}
    for module, raw in top.mapping(field).items():
        if module not in known:
            top.fail(field, f"{module!r} is not a module listed in modules.yaml")
        holder = _Entry(name, f"module {module!r}", {"items": raw})
        entries = holder.entries("items", label)
        out[module] = tuple(build(module, entries))
    return out


def _build_questions(module: str, entries: list[_Entry]) -> list[Question]:
    questions = []
    for e in entries:
        options = tuple(
            Option(text=o.text("text"), correct=o.boolean("correct"), explanation=o.text("explanation"))
            for o in e.entries("options", "option", minimum=2)
        )
        right = sum(o.correct for o in options)
        if right != 1:
            e.fail("options", f"expected exactly one option marked correct: true, found {right}")
        questions.append(Question(id=_identifier(e), question=e.text("question"), options=options))
    _unique_ids(entries, [q.id for q in questions])
    return questions


def _build_prompts(module: str, entries: list[_Entry]) -> list[Prompt]:
    prompts = [
        Prompt(module=module, id=_identifier(e), text=e.text("text"), hint=e.optional_text("hint"))
        for e in entries
    ]
    _unique_ids(entries, [p.id for p in prompts])
    return prompts


def load_quizzes(data_dir: Path = DATA_DIR) -> dict[str, tuple[Question, ...]]:
    return _by_module("quizzes.yaml", "quizzes", "question", _build_questions, data_dir)


def load_prompts(data_dir: Path = DATA_DIR) -> dict[str, tuple[Prompt, ...]]:
    return _by_module("prompts.yaml", "prompts", "prompt", _build_prompts, data_dir)


def _choices(top: _Entry, field: str, label: str, with_symbol: bool) -> tuple[Choice, ...]:
    entries = top.entries(field, label, minimum=2)
    choices = [
        Choice(
            id=_identifier(e),
            label=e.text("label"),
            symbol=e.text("symbol") if with_symbol else "",
            note="" if with_symbol else e.text("note"),
        )
        for e in entries
    ]
    _unique_ids(entries, [c.id for c in choices])
    return tuple(choices)


def load_closeness(data_dir: Path = DATA_DIR) -> ClosenessSettings:
    top = _read("closeness.yaml", data_dir)
    return ClosenessSettings(
        max_people=top.integer("max_people", 1, 50),
        kinds=_choices(top, "kinds", "kind", with_symbol=True),
        sharing=_choices(top, "sharing", "sharing choice", with_symbol=False),
    )


def _marble_side(story: _Entry, field: str, stances: set[str]) -> MarbleSide:
    side = _Entry(story.file, f"{story.where}, partner {field}", story.mapping(field))
    stance = side.text("stance")
    if stance not in stances:
        side.fail("stance", f"expected one of {', '.join(sorted(stances))}, got {stance!r}")
    return MarbleSide(
        name=side.text("name"),
        stance=stance,
        effort=side.integer("effort", 0, 10),
        attention=side.integer("attention", 0, 10),
    )


def load_marble(data_dir: Path = DATA_DIR) -> MarbleSettings:
    top = _read("marble.yaml", data_dir)
    stance_entries = top.entries("stances", "stance", minimum=2)
    stances = tuple(Choice(id=_identifier(e), label=e.text("label")) for e in stance_entries)
    _unique_ids(stance_entries, [s.id for s in stances])
    ids = {s.id for s in stances}
    entries = top.entries("stories", "story")
    stories = [
        MarbleStory(
            id=_identifier(e),
            title=e.text("title"),
            setup=e.text("setup"),
            lesson=e.text("lesson"),
            a=_marble_side(e, "a", ids),
            b=_marble_side(e, "b", ids),
        )
        for e in entries
    ]
    _unique_ids(entries, [s.id for s in stories])
    return MarbleSettings(stances=stances, stories=tuple(stories))


# --------------------------------------------------------------------------------------
# Cached accessors used by widgets and notebooks
# --------------------------------------------------------------------------------------


def _data_dir() -> Path:
    """The data folder; CLOSER_CONTENT_DIR lets an author preview an edited copy."""
    return Path(os.environ.get("CLOSER_CONTENT_DIR", DATA_DIR))


@cache
def _cached(loader: Callable[[Path], Any], data_dir: Path) -> Any:
    return loader(data_dir)


def modules() -> tuple[Module, ...]:
    return _cached(load_modules, _data_dir())


def module(module_id: str) -> Module:
    return _by_id(modules(), module_id, "module")


def scales() -> tuple[Scale, ...]:
    return _cached(load_scales, _data_dir())


def help_info() -> Help:
    return _cached(load_help, _data_dir())


def quiz(module_id: str) -> tuple[Question, ...]:
    module(module_id)
    quizzes = _cached(load_quizzes, _data_dir())
    if module_id not in quizzes:
        raise ValueError(f"quizzes.yaml has no quiz for module {module_id!r}.")
    return quizzes[module_id]


def prompt(module_id: str, prompt_id: str) -> Prompt:
    module(module_id)
    prompts = _cached(load_prompts, _data_dir()).get(module_id, ())
    return _by_id(prompts, prompt_id, f"prompt for module {module_id!r}")


def prompts(module_id: str) -> tuple[Prompt, ...]:
    module(module_id)
    return _cached(load_prompts, _data_dir()).get(module_id, ())


def closeness_settings() -> ClosenessSettings:
    return _cached(load_closeness, _data_dir())


def marble_settings() -> MarbleSettings:
    return _cached(load_marble, _data_dir())


def validate_all(data_dir: Path = DATA_DIR) -> None:
    """Load every data file once; raises ContentError on the first problem found."""
    for loader in (
        load_modules,
        load_scales,
        load_help,
        load_quizzes,
        load_prompts,
        load_closeness,
        load_marble,
        load_flags,
        load_pacing,
        load_emotions,
        load_ladder,
        load_planner,
        load_fear,
        load_patterns,
    ):
        loader(data_dir)


# --------------------------------------------------------------------------------------
# Module 02: the signs check and the roots reflection (fear.yaml)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sign:
    """One of the seven common signs, with a gentle reading and a small step."""

    id: str
    label: str
    meaning: str
    step: str


@dataclass(frozen=True)
class RootArea:
    """An area the roots reflection can explore, with its prompt and guiding questions."""

    id: str
    label: str
    prompt: str
    hint: str
    questions: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class FearSettings:
    note: str
    readings: dict[str, str]  # "none" (nothing ticked) and "some"; never a count or a threshold
    signs: tuple[Sign, ...]
    roots: tuple[RootArea, ...]

    def sign(self, sign_id: str) -> Sign:
        return _by_id(self.signs, sign_id, "sign")

    def root(self, root_id: str) -> RootArea:
        return _by_id(self.roots, root_id, "roots area")


READING_KINDS = ("none", "some")


def _texts(entry: _Entry, field: str) -> tuple[str, ...]:
    """A list field of non-empty texts."""
    out = []
    for i, value in enumerate(entry.items(field), start=1):
        if not isinstance(value, str) or not value.strip():
            entry.fail(field, f"entry {i}: expected non-empty text, got {_kind(value)}")
        out.append(" ".join(value.split()))
    return tuple(out)


def load_fear(data_dir: Path = DATA_DIR) -> FearSettings:
    top = _read("fear.yaml", data_dir)
    sign_entries = top.entries("signs", "sign", minimum=2)
    signs = [
        Sign(id=_identifier(e), label=e.text("label"), meaning=e.text("meaning"), step=e.text("step"))
        for e in sign_entries
    ]
    _unique_ids(sign_entries, [s.id for s in signs])
    root_entries = top.entries("roots", "roots area")
    roots = [
        RootArea(
            id=_identifier(e),
            label=e.text("label"),
            prompt=e.text("prompt"),
            hint=e.optional_text("hint"),
            questions=_texts(e, "questions"),
            note=e.optional_text("note"),
        )
        for e in root_entries
    ]
    _unique_ids(root_entries, [r.id for r in roots])
    readings_entry = _Entry("fear.yaml", "readings", top.mapping("readings"))
    readings = {kind: readings_entry.text(kind) for kind in READING_KINDS}
    return FearSettings(
        note=top.text("note"),
        readings=readings,
        signs=tuple(signs),
        roots=tuple(roots),
    )


def fear_settings() -> FearSettings:
    return _cached(load_fear, _data_dir())


# --------------------------------------------------------------------------------------
# Module 03: the Avoider and Pursuer self-assessment (patterns.yaml)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgreementItem:
    """A statement answered on the agreement scale; ``reverse`` items are worded the other way."""

    id: str
    scale: str
    text: str
    reverse: bool = False


@dataclass(frozen=True)
class PatternScale:
    id: str
    label: str
    axis: str
    description: str


@dataclass(frozen=True)
class Region:
    """A region of the two-scale chart, named in plain words."""

    id: str
    label: str
    description: str


@dataclass(frozen=True)
class PatternsSettings:
    low: int
    high: int
    answers: tuple[str, ...]
    threshold: int
    note: str
    scales: tuple[PatternScale, ...]
    regions: tuple[Region, ...]
    items: tuple[AgreementItem, ...]

    def scale(self, scale_id: str) -> PatternScale:
        return _by_id(self.scales, scale_id, "scale")

    def region(self, region_id: str) -> Region:
        return _by_id(self.regions, region_id, "region")

    def items_for(self, scale_id: str) -> tuple[AgreementItem, ...]:
        return tuple(item for item in self.items if item.scale == scale_id)


PATTERN_SCALES = ("avoider", "pursuer")
# Stable keys, saved in learners' journals; learners only ever see the labels in patterns.yaml
# ("leaning neither way" and "leaning both ways" for the first and last).
PATTERN_REGIONS = ("settled", "leaning_avoider", "leaning_pursuer", "swinging")
MIN_ITEMS_PER_SCALE = 8


def _fixed_ids(top: _Entry, field: str, entries: list[_Entry], ids: list[str], expected: tuple) -> None:
    """The code relies on these exact ids (the chart has two axes and four regions)."""
    _unique_ids(entries, ids)
    if sorted(ids) != sorted(expected):
        top.fail(field, f"expected exactly the ids {', '.join(expected)}; got {', '.join(ids)}")


def load_patterns(data_dir: Path = DATA_DIR) -> PatternsSettings:
    top = _read("patterns.yaml", data_dir)
    low = top.integer("low", 0, 10)
    high = top.integer("high", 1, 11)
    if high <= low:
        top.fail("high", f"expected a number above low ({low}), got {high}")
    answers = _texts(top, "answers")
    if len(answers) != high - low + 1:
        top.fail("answers", f"expected one word for each point from {low} to {high}, got {len(answers)}")
    threshold = top.integer("threshold", low, high)

    scale_entries = top.entries("scales", "scale")
    scales = [
        PatternScale(
            id=_identifier(e), label=e.text("label"), axis=e.text("axis"), description=e.text("description")
        )
        for e in scale_entries
    ]
    _fixed_ids(top, "scales", scale_entries, [s.id for s in scales], PATTERN_SCALES)

    region_entries = top.entries("regions", "region")
    regions = [
        Region(id=_identifier(e), label=e.text("label"), description=e.text("description"))
        for e in region_entries
    ]
    _fixed_ids(top, "regions", region_entries, [r.id for r in regions], PATTERN_REGIONS)

    item_entries = top.entries("items", "statement")
    items = []
    for e in item_entries:
        scale = e.text("scale")
        if scale not in PATTERN_SCALES:
            e.fail("scale", f"expected one of {', '.join(PATTERN_SCALES)}, got {scale!r}")
        reverse = e.boolean("reverse") if "reverse" in e.value else False
        items.append(AgreementItem(id=_identifier(e), scale=scale, text=e.text("text"), reverse=reverse))
    _unique_ids(item_entries, [i.id for i in items])
    for scale_id in PATTERN_SCALES:
        mine = [i for i in items if i.scale == scale_id]
        if len(mine) < MIN_ITEMS_PER_SCALE:
            top.fail(
                "items",
                f"the {scale_id} scale needs at least {MIN_ITEMS_PER_SCALE} statements, got {len(mine)}",
            )
        if not any(i.reverse for i in mine) or all(i.reverse for i in mine):
            top.fail(
                "items", f"the {scale_id} scale needs some statements with reverse: true, and some without"
            )
    return PatternsSettings(
        low=low,
        high=high,
        answers=answers,
        threshold=threshold,
        note=top.text("note"),
        scales=tuple(scales),
        regions=tuple(regions),
        items=tuple(items),
    )


def patterns_settings() -> PatternsSettings:
    return _cached(load_patterns, _data_dir())


# --------------------------------------------------------------------------------------
# Module 04: flags, the yellow-flag triage and the pacing chart
# --------------------------------------------------------------------------------------

FLAG_IDS = ("green", "yellow", "red")
TRIAGE_QUESTION_IDS = ("pattern", "feedback", "solvable")
TRIAGE_OUTCOME_IDS = ("keep_going", "go_carefully", "treat_as_red")
PACING_CURVE_IDS = ("knowing", "sharing")
PACING_VERDICT_IDS = ("behind", "pace", "ahead")
MIN_SCENARIOS = 15
MIN_CORES, MIN_WORDS = 6, 5


@dataclass(frozen=True)
class Flag:
    """A flag always travels with its symbol and word (``tag``), never colour alone."""

    id: str
    symbol: str
    label: str
    colour: str
    meaning: str

    @property
    def tag(self) -> str:
        return f"{self.symbol} {self.label}"


@dataclass(frozen=True)
class Scenario:
    id: str
    area: str
    title: str
    text: str
    flag: str
    why: str
    safety: bool = False
    # For a safety scene: what it is about, shown before the learner chooses to read it.
    content_note: str = ""


@dataclass(frozen=True)
class TriageQuestion:
    id: str
    question: str
    if_yes: str
    if_no: str


@dataclass(frozen=True)
class TriageOutcome:
    id: str
    symbol: str
    label: str
    advice: str

    @property
    def tag(self) -> str:
        return f"{self.symbol} {self.label}"


@dataclass(frozen=True)
class FlagSettings:
    flags: tuple[Flag, ...]
    areas: tuple[Choice, ...]
    scenarios: tuple[Scenario, ...]
    safety_note: str
    questions: tuple[TriageQuestion, ...]
    outcomes: tuple[TriageOutcome, ...]
    # Shown whenever the answer to "are they open to feedback?" is no.
    not_heard_note: str

    def flag(self, flag_id: str) -> Flag:
        return _by_id(self.flags, flag_id, "flag")

    def area(self, area_id: str) -> Choice:
        return _by_id(self.areas, area_id, "area")

    def scenario(self, scenario_id: str) -> Scenario:
        return _by_id(self.scenarios, scenario_id, "scenario")

    def outcome(self, outcome_id: str) -> TriageOutcome:
        return _by_id(self.outcomes, outcome_id, "triage outcome")


def _exact_ids(entry: _Entry, field: str, ids: list[str], expected: tuple[str, ...]) -> None:
    """Some ids are wired into the logic: they must all be there, in order, and no others."""
    if tuple(ids) != expected:
        wanted = ", ".join(expected)
        entry.fail(field, f"expected entries with the ids {wanted} (in that order), got {', '.join(ids)}")


def load_flags(data_dir: Path = DATA_DIR) -> FlagSettings:
    top = _read("flags.yaml", data_dir)
    flag_entries = top.entries("flags", "flag")
    flags = tuple(
        Flag(
            id=_identifier(e),
            symbol=e.text("symbol"),
            label=e.text("label"),
            colour=e.colour("colour"),
            meaning=e.text("meaning"),
        )
        for e in flag_entries
    )
    _exact_ids(top, "flags", [f.id for f in flags], FLAG_IDS)
    area_entries = top.entries("areas", "area", minimum=2)
    areas = tuple(Choice(id=_identifier(e), label=e.text("label")) for e in area_entries)
    _unique_ids(area_entries, [a.id for a in areas])
    area_ids = [a.id for a in areas]
    scenario_entries = top.entries("scenarios", "scenario", minimum=MIN_SCENARIOS)
    scenarios = []
    for e in scenario_entries:
        area = e.text("area")
        if area not in area_ids:
            e.fail("area", f"expected one of {', '.join(area_ids)}, got {area!r}")
        flag = e.text("flag")
        if flag not in FLAG_IDS:
            e.fail("flag", f"expected one of {', '.join(FLAG_IDS)}, got {flag!r}")
        safety = e.boolean("safety") if "safety" in e.value else False
        # A safety scene is hidden until the learner asks for it, so it must say what it is about.
        content_note = e.text("content_note") if safety else ""
        scenarios.append(
            Scenario(
                id=_identifier(e),
                area=area,
                title=e.text("title"),
                text=e.text("text"),
                flag=flag,
                why=e.text("why"),
                safety=safety,
                content_note=content_note,
            )
        )
    _unique_ids(scenario_entries, [s.id for s in scenarios])
    for area in area_ids:
        if not any(s.area == area for s in scenarios):
            top.fail("scenarios", f"no scenario for the area {area!r}; every area needs at least one")
    triage = top.section("triage")
    question_entries = triage.entries("questions", "question")
    questions = tuple(
        TriageQuestion(
            id=_identifier(e), question=e.text("question"), if_yes=e.text("if_yes"), if_no=e.text("if_no")
        )
        for e in question_entries
    )
    _exact_ids(triage, "questions", [q.id for q in questions], TRIAGE_QUESTION_IDS)
    outcome_entries = triage.entries("outcomes", "outcome")
    outcomes = tuple(
        TriageOutcome(
            id=_identifier(e), symbol=e.text("symbol"), label=e.text("label"), advice=e.text("advice")
        )
        for e in outcome_entries
    )
    _exact_ids(triage, "outcomes", [o.id for o in outcomes], TRIAGE_OUTCOME_IDS)
    return FlagSettings(
        flags=flags,
        areas=areas,
        scenarios=tuple(scenarios),
        safety_note=top.text("safety_note"),
        questions=questions,
        outcomes=outcomes,
        not_heard_note=triage.text("not_heard_note"),
    )


@dataclass(frozen=True)
class PacingCurve:
    id: str
    label: str
    start_label: str
    pace_label: str
    start: int
    pace: int


@dataclass(frozen=True)
class PacingVerdict:
    id: str
    symbol: str
    label: str
    meaning: str

    @property
    def tag(self) -> str:
        return f"{self.symbol} {self.label}"


@dataclass(frozen=True)
class PacingSettings:
    months: int
    tolerance: float
    curves: tuple[PacingCurve, ...]
    verdicts: tuple[PacingVerdict, ...]

    def curve(self, curve_id: str) -> PacingCurve:
        return _by_id(self.curves, curve_id, "pacing curve")

    def verdict(self, verdict_id: str) -> PacingVerdict:
        return _by_id(self.verdicts, verdict_id, "pacing verdict")


def load_pacing(data_dir: Path = DATA_DIR) -> PacingSettings:
    top = _read("pacing.yaml", data_dir)
    curve_entries = top.entries("curves", "curve")
    curves = tuple(
        PacingCurve(
            id=_identifier(e),
            label=e.text("label"),
            start_label=e.text("start_label"),
            pace_label=e.text("pace_label"),
            start=e.integer("start", 0, 10),
            pace=e.integer("pace", 0, 10),
        )
        for e in curve_entries
    )
    _exact_ids(top, "curves", [c.id for c in curves], PACING_CURVE_IDS)
    verdict_entries = top.entries("verdicts", "verdict")
    verdicts = tuple(
        PacingVerdict(
            id=_identifier(e), symbol=e.text("symbol"), label=e.text("label"), meaning=e.text("meaning")
        )
        for e in verdict_entries
    )
    _exact_ids(top, "verdicts", [v.id for v in verdicts], PACING_VERDICT_IDS)
    return PacingSettings(
        months=top.integer("months", 1, 60),
        tolerance=top.number("tolerance", 0.1, 5),
        curves=curves,
        verdicts=verdicts,
    )


# --------------------------------------------------------------------------------------
# Module 05: the emotion vocabulary, the small-steps ladder and the conversation planner
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EmotionWord:
    word: str
    meaning: str
    core: str


@dataclass(frozen=True)
class EmotionCore:
    id: str
    label: str
    colour: str
    about: str
    words: tuple[EmotionWord, ...]


@dataclass(frozen=True)
class Taxonomy:
    cores: tuple[EmotionCore, ...]

    def core(self, core_id: str) -> EmotionCore:
        return _by_id(self.cores, core_id, "core feeling")

    @property
    def words(self) -> tuple[EmotionWord, ...]:
        return tuple(w for c in self.cores for w in c.words)

    def word(self, word: str) -> EmotionWord:
        for w in self.words:
            if w.word.casefold() == word.casefold():
                return w
        raise ValueError(f"{word!r} is not in the course's list of feeling words.")


def load_emotions(data_dir: Path = DATA_DIR) -> Taxonomy:
    top = _read("emotions.yaml", data_dir)
    core_entries = top.entries("cores", "core feeling", minimum=MIN_CORES)
    cores = []
    seen: dict[str, str] = {}
    for e in core_entries:
        core_id = _identifier(e)
        words = []
        for w in e.entries("words", "word", minimum=MIN_WORDS):
            word = w.text("word")
            key = word.casefold()
            if key in seen:
                w.fail("word", f"{word!r} is already listed under {seen[key]!r}; list each word once")
            seen[key] = core_id
            words.append(EmotionWord(word=word, meaning=w.text("meaning"), core=core_id))
        cores.append(
            EmotionCore(
                id=core_id,
                label=e.text("label"),
                colour=e.colour("colour"),
                about=e.text("about"),
                words=tuple(words),
            )
        )
    _unique_ids(core_entries, [c.id for c in cores])
    return Taxonomy(cores=tuple(cores))


@dataclass(frozen=True)
class LadderSettings:
    max_steps: int
    examples: tuple[str, ...]


@dataclass(frozen=True)
class PlannerField:
    id: str
    label: str
    prompt: str


@dataclass(frozen=True)
class PlannerSettings:
    fields: tuple[PlannerField, ...]
    safety_note: str


def load_ladder(data_dir: Path = DATA_DIR) -> LadderSettings:
    ladder = _read("building.yaml", data_dir).section("ladder")
    return LadderSettings(max_steps=ladder.integer("max_steps", 2, 30), examples=ladder.texts("examples"))


def load_planner(data_dir: Path = DATA_DIR) -> PlannerSettings:
    planner = _read("building.yaml", data_dir).section("planner")
    entries = planner.entries("fields", "field", minimum=2)
    fields = tuple(
        PlannerField(id=_identifier(e), label=e.text("label"), prompt=e.text("prompt")) for e in entries
    )
    _unique_ids(entries, [f.id for f in fields])
    return PlannerSettings(fields=fields, safety_note=planner.text("safety_note"))


def flag_settings() -> FlagSettings:
    return _cached(load_flags, _data_dir())


def pacing_settings() -> PacingSettings:
    return _cached(load_pacing, _data_dir())


def emotions() -> Taxonomy:
    return _cached(load_emotions, _data_dir())


def ladder_settings() -> LadderSettings:
    return _cached(load_ladder, _data_dir())


def planner_settings() -> PlannerSettings:
    return _cached(load_planner, _data_dir())
