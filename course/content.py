"""The course's shared words: modules, check-in scales, help, quizzes and reflection prompts.

Course authors edit ``course/data/*.yaml`` without touching code. Each file's shape is
declared once as dataclasses (see ``course/schema.py``), so a mistake is reported as the
file, the entry and the field. A tool's own data file is declared beside the logic that uses
it (``flags.yaml`` in ``course/flags.py``, ``marble.yaml`` in ``course/marble.py``...); this
module holds what every module shares. Everything here is pure: no widgets, no plotting.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import schema
from .schema import DATA_DIR, ContentError, by_id, cached, load

__all__ = ["DATA_DIR", "ContentError"]


@dataclass(frozen=True)
class Module:
    id: str = schema.ident()
    number: int = schema.whole(0, 99)
    title: str = schema.text()
    minutes: int = schema.whole(1, 600)
    summary: str = schema.text()
    # The module's marked exercise, if it has one: its time in minutes (0: no exercise).
    exercise_minutes: int = schema.whole(1, 180, default=0)

    @property
    def notebook(self) -> str:
        return f"{self.id}.ipynb"


@dataclass(frozen=True)
class Scale:
    """A 0-10 check-in scale with the words at either end."""

    id: str = schema.ident()
    label: str = schema.text()
    question: str = schema.text()
    low: str = schema.text()
    high: str = schema.text()


@dataclass(frozen=True)
class Finder:
    name: str = schema.text()
    url: str = schema.text(https=True)
    description: str = schema.text()


@dataclass(frozen=True)
class Help:
    emergency: str = schema.text()
    finders: tuple[Finder, ...] = schema.entries(Finder, "finder")
    not_therapy: str = schema.text()
    # Where "Leave quickly" takes a learner: an everyday page.
    quick_exit: str = schema.text(https=True)


@dataclass(frozen=True)
class Option:
    text: str = schema.text()
    correct: bool = schema.yes_no()
    explanation: str = schema.text()


@dataclass(frozen=True)
class Question:
    id: str = schema.ident()
    question: str = schema.text()
    options: tuple[Option, ...] = schema.entries(Option, "option", minimum=2)

    @property
    def correct_index(self) -> int:
        return next(i for i, option in enumerate(self.options) if option.correct)

    def validate(self, at) -> None:
        right = sum(o.correct for o in self.options)
        if right != 1:
            at.fail("options", f"expected exactly one option marked correct: true, found {right}")


@dataclass(frozen=True)
class Prompt:
    module: str = schema.from_context("module")
    id: str = schema.ident()
    text: str = schema.text()
    hint: str = schema.text(optional=True)


@dataclass(frozen=True)
class Choice:
    """One labelled choice, optionally with a plotly marker symbol or a note."""

    id: str = schema.ident()
    label: str = schema.text()
    symbol: str = schema.text(optional=True)
    note: str = schema.text(optional=True)


# --------------------------------------------------------------------------------------
# The files: modules.yaml, checkin.yaml, help.yaml, quizzes.yaml, prompts.yaml
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Modules:
    modules: tuple[Module, ...] = schema.entries(Module, "module")


@dataclass(frozen=True)
class _Scales:
    scales: tuple[Scale, ...] = schema.entries(Scale, "scale")


@dataclass(frozen=True)
class _Quizzes:
    quizzes: dict[str, tuple[Question, ...]] = schema.per_module(Question, "question")


@dataclass(frozen=True)
class _Prompts:
    prompts: dict[str, tuple[Prompt, ...]] = schema.per_module(Prompt, "prompt")


def load_modules(data_dir: Path = DATA_DIR) -> tuple[Module, ...]:
    return load("modules.yaml", _Modules, data_dir).modules


def load_scales(data_dir: Path = DATA_DIR) -> tuple[Scale, ...]:
    return load("checkin.yaml", _Scales, data_dir).scales


def load_help(data_dir: Path = DATA_DIR) -> Help:
    return load("help.yaml", Help, data_dir)


def _module_ids(data_dir: Path) -> set[str]:
    return {m.id for m in load_modules(data_dir)}


def load_quizzes(data_dir: Path = DATA_DIR) -> dict[str, tuple[Question, ...]]:
    return load("quizzes.yaml", _Quizzes, data_dir, {"modules": _module_ids(data_dir)}).quizzes


def load_prompts(data_dir: Path = DATA_DIR) -> dict[str, tuple[Prompt, ...]]:
    return load("prompts.yaml", _Prompts, data_dir, {"modules": _module_ids(data_dir)}).prompts


# --------------------------------------------------------------------------------------
# Cached accessors used by widgets and notebooks
# --------------------------------------------------------------------------------------


def modules() -> tuple[Module, ...]:
    return cached(load_modules)


def module(module_id: str) -> Module:
    return by_id(modules(), module_id, "module")


def scales() -> tuple[Scale, ...]:
    return cached(load_scales)


def help_info() -> Help:
    return cached(load_help)


def quiz(module_id: str) -> tuple[Question, ...]:
    module(module_id)
    quizzes = cached(load_quizzes)
    if module_id not in quizzes:
        raise ValueError(f"quizzes.yaml has no quiz for module {module_id!r}.")
    return quizzes[module_id]


def prompt(module_id: str, prompt_id: str) -> Prompt:
    module(module_id)
    return by_id(cached(load_prompts).get(module_id, ()), prompt_id, f"prompt for module {module_id!r}")


def prompts(module_id: str) -> tuple[Prompt, ...]:
    module(module_id)
    return cached(load_prompts).get(module_id, ())


def validate_all(data_dir: Path = DATA_DIR) -> None:
    """Load every data file once; raises ContentError on the first problem found."""
    from . import (
        closeness,
        fear,
        flags,
        ladder,
        marble,
        pacing,
        partner,
        planner,
        practice,
        practice_plan,
        scoring,
        vocabulary,
    )

    for loader in (
        load_modules,
        load_scales,
        load_help,
        load_quizzes,
        load_prompts,
        closeness.load_settings,
        marble.load_settings,
        flags.load_settings,
        pacing.load_settings,
        vocabulary.load_taxonomy,
        ladder.load_settings,
        planner.load_settings,
        fear.load_settings,
        scoring.load_patterns,
        practice.load_settings,
        practice_plan.load_settings,
        partner.load_settings,
    ):
        loader(data_dir)
