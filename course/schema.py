"""Declared schemas for the course's data files, checked by one generic reader.

A data file's shape is declared once, as frozen dataclasses whose fields say what they hold
(``name: str = text()``, ``minutes: int = whole(1, 600)``, ``options: tuple[Option, ...] =
entries(Option, "option", minimum=2)``). ``load`` reads the YAML and builds the objects, and
every problem is reported as "file, entry, field: what is wrong", the words a course author
needs, for example ``flags.yaml, scenario 3 ('group_chat'), field 'flag': expected one of
green, yellow, red, got 'amber'``. Rules that span fields (exactly one right option, every
area has a scene) live in the dataclass's ``validate(self, at)`` method.

Why not pydantic, msgspec or jsonschema: all three were tried (see the README's "For course
authors"). pydantic and msgspec are compiled, so they cannot run in the serverless edition's
in-browser Python; jsonschema brings rpds-py (compiled) and still leaves building the objects
and the cross-field rules to hand-written code. This reader is pure Python, small, and adds
nothing measurable to a notebook's start.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, NoReturn, TypeVar

DATA_DIR = Path(__file__).resolve().parent / "data"

T = TypeVar("T")


class ContentError(ValueError):
    """A data file is malformed. The message names the file, the entry and the field."""


def kind(value: Any) -> str:
    """A value as an author would recognise it in a message."""
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return "empty text" if not value.strip() else f"text {value!r}"
    return f"{type(value).__name__} {value!r}"[:80]


class Where:
    """A place in a data file: the file, and where in it ("top level", "scenario 3 ('x')")."""

    def __init__(self, file: str, place: str = "top level"):
        self.file = file
        self.place = place

    def fail(self, field: str | None, problem: str) -> NoReturn:
        place = f"{self.file}, {self.place}"
        if field is not None:
            place += f", field '{field}'"
        raise ContentError(f"{place}: {problem}")

    def inside(self, name: str) -> Where:
        """A place within this one: "section 'triage'" at the top, "..., partner a" further in."""
        return Where(self.file, name if self.place == "top level" else f"{self.place}, {name}")

    def entry(self, label: str, number: int, ident: Any = None) -> Where:
        """The place of a list entry, numbered from 1 and named by its id when it has one."""
        return self.inside(f"{label} {number}" + (f" ({ident!r})" if isinstance(ident, str) else ""))


@dataclasses.dataclass(frozen=True)
class Rule:
    """How one field is read. ``read(value, at, ctx)`` returns the field's value or fails."""

    read: Callable[[Any, Where, str, dict[str, Any]], Any]
    required: bool = True


_MISSING = dataclasses.MISSING


def _field(rule: Rule, default: Any = _MISSING) -> Any:
    if default is _MISSING:
        return dataclasses.field(metadata={"rule": rule})
    return dataclasses.field(default=default, metadata={"rule": dataclasses.replace(rule, required=False)})


# --------------------------------------------------------------------------------------
# Field rules
# --------------------------------------------------------------------------------------


def _text(value: Any, at: Where, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        at.fail(name, f"expected non-empty text, got {kind(value)}")
    return " ".join(value.split())


def text(
    *,
    optional: bool = False,
    ident: bool = False,
    colour: bool = False,
    https: bool = False,
    one_of: tuple[str, ...] | str | None = None,
) -> Any:
    """Non-empty text, with its spacing tidied. ``one_of`` is a fixed tuple of allowed values,
    or the name of a list read earlier in the same file ("areas") whose ids are allowed."""

    def read(value: Any, at: Where, name: str, ctx: dict[str, Any]) -> str:
        out = _text(value, at, name)
        if ident and not out.replace("_", "").replace("-", "").isalnum():
            at.fail(name, f"use only letters, digits, '-' and '_', got {out!r}")
        if colour and (
            len(out) != 7 or out[0] != "#" or any(c not in "0123456789abcdefABCDEF" for c in out[1:])
        ):
            at.fail(name, f"expected a colour like '#0072B2', got {out!r}")
        if https and not out.startswith("https://"):
            at.fail(name, f"expected an https:// address, got {out!r}")
        if one_of is not None:
            allowed = ctx[one_of] if isinstance(one_of, str) else one_of
            if out not in allowed:
                at.fail(name, f"expected one of {', '.join(allowed)}, got {out!r}")
        return out

    return _field(Rule(read), "" if optional else _MISSING)


def ident() -> Any:
    """An id: letters, digits, '-' and '_' (ids end up in journals and page element names)."""
    return text(ident=True)


def whole(low: int, high: int, default: Any = _MISSING) -> Any:
    """A whole number from ``low`` to ``high``."""

    def read(value: Any, at: Where, name: str, ctx: dict[str, Any]) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            at.fail(name, f"expected a whole number, got {kind(value)}")
        if not low <= value <= high:
            at.fail(name, f"expected a number from {low} to {high}, got {value}")
        return value

    return _field(Rule(read), default)


def number(low: float, high: float) -> Any:
    """A number (whole or not) from ``low`` to ``high``."""

    def read(value: Any, at: Where, name: str, ctx: dict[str, Any]) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            at.fail(name, f"expected a number, got {kind(value)}")
        if not low <= value <= high:
            at.fail(name, f"expected a number from {low} to {high}, got {value}")
        return float(value)

    return _field(Rule(read))


def yes_no(default: Any = _MISSING) -> Any:
    """true or false."""

    def read(value: Any, at: Where, name: str, ctx: dict[str, Any]) -> bool:
        if not isinstance(value, bool):
            at.fail(name, f"expected true or false, got {kind(value)}")
        return value

    return _field(Rule(read), default)


def _list(value: Any, at: Where, name: str, minimum: int) -> list[Any]:
    if not isinstance(value, list):
        at.fail(name, f"expected a list, got {kind(value)}")
    if len(value) < minimum:
        at.fail(name, f"expected at least {minimum} entries, got {len(value)}")
    return value


def texts(minimum: int = 1, default: Any = _MISSING) -> Any:
    """A list of non-empty texts, each located by its position (optional when given a ``default``)."""

    def read(value: Any, at: Where, name: str, ctx: dict[str, Any]) -> tuple[str, ...]:
        out = []
        for i, item in enumerate(_list(value, at, name, minimum), start=1):
            if not isinstance(item, str) or not item.strip():
                at.fail(name, f"entry {i}: expected non-empty text, got {kind(item)}")
            out.append(" ".join(item.split()))
        return tuple(out)

    return _field(Rule(read), default)


def entries(
    cls: type,
    label: str,
    *,
    minimum: int = 1,
    ids: tuple[str, ...] | None = None,
    ordered: bool = False,
    require: tuple[str, ...] = (),
    known_as: str | None = None,
) -> Any:
    """A list of mappings, each built as ``cls`` and located as "<label> N ('id')".

    Ids must be unique. ``ids`` fixes the ids the code relies on (in that order when
    ``ordered``); ``require`` makes optional fields of ``cls`` required here; ``known_as``
    keeps the ids for later fields of the file (``text(one_of=known_as)``).
    """

    def read(value: Any, at: Where, name: str, ctx: dict[str, Any]) -> tuple[Any, ...]:
        items = _list(value, at, name, minimum)
        built = []
        seen: set[str] = set()
        for i, raw in enumerate(items, start=1):
            raw_id = raw.get("id") if isinstance(raw, Mapping) else None
            where = at.entry(label, i, raw_id)
            item = build(cls, raw, where, ctx, require)
            item_id = getattr(item, "id", None)
            if item_id is not None:
                if item_id in seen:
                    where.fail("id", f"{item_id!r} is used more than once")
                seen.add(item_id)
            built.append(item)
        got = [getattr(item, "id", "") for item in built]
        if ids is not None and ordered and tuple(got) != ids:
            at.fail(
                name, f"expected entries with the ids {', '.join(ids)} (in that order), got {', '.join(got)}"
            )
        if ids is not None and not ordered and sorted(got) != sorted(ids):
            at.fail(name, f"expected exactly the ids {', '.join(ids)}; got {', '.join(got)}")
        if known_as:
            ctx[known_as] = tuple(got)
        return tuple(built)

    return _field(Rule(read))


def section(cls: type, label: str = "section '{name}'") -> Any:
    """A mapping field built as ``cls``, located by ``label`` ("section 'triage'", "partner a")."""

    def read(value: Any, at: Where, name: str, ctx: dict[str, Any]) -> Any:
        if not isinstance(value, Mapping):
            at.fail(name, f"expected a mapping, got {kind(value)}")
        return build(cls, value, at.inside(label.format(name=name)), ctx)

    return _field(Rule(read))


def text_map(keys: tuple[str, ...]) -> Any:
    """A mapping with exactly these keys, each holding text (for example a reading per case)."""

    def read(value: Any, at: Where, name: str, ctx: dict[str, Any]) -> dict[str, str]:
        if not isinstance(value, Mapping):
            at.fail(name, f"expected a mapping, got {kind(value)}")
        inner = at.inside(name)
        out = {}
        for key in keys:
            if key not in value:
                inner.fail(key, "is missing")
            out[key] = _text(value[key], inner, key)
        return out

    return _field(Rule(read))


def per_module(cls: type, label: str) -> Any:
    """A mapping of module id to a list of ``cls`` entries, located as "module 'id', <label> N".

    The module ids must be listed in modules.yaml (``ctx["modules"]``); each entry learns its
    module through ``from_context("module")``.
    """

    def read(value: Any, at: Where, name: str, ctx: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
        if not isinstance(value, Mapping):
            at.fail(name, f"expected a mapping, got {kind(value)}")
        out = {}
        for module, raw in value.items():
            if module not in ctx["modules"]:
                at.fail(name, f"{module!r} is not a module listed in modules.yaml")
            holder = Where(at.file, f"module {module!r}")
            items = entries(cls, label).metadata["rule"].read
            out[module] = items(raw, holder, "items", {**ctx, "module": module})
        return out

    return _field(Rule(read))


def from_context(key: str) -> Any:
    """Not read from the file: filled in from where the entry sits (its module, its parent's id)."""

    def read(value: Any, at: Where, name: str, ctx: dict[str, Any]) -> Any:
        return ctx[key]

    return dataclasses.field(metadata={"rule": Rule(read), "context": True})


# --------------------------------------------------------------------------------------
# Building objects and reading files
# --------------------------------------------------------------------------------------


def build(cls: type[T], raw: Any, at: Where, ctx: dict[str, Any], require: tuple[str, ...] = ()) -> T:
    """``cls`` from a mapping, every field read by its rule; then ``cls.validate`` if it has one."""
    if not isinstance(raw, Mapping):
        at.fail(None, f"expected a mapping of fields, got {kind(raw)}")
    values = {}
    # What this object's own entries learn about where they sit (``from_context("parent")``).
    inner = {**ctx, "parent": raw.get("id")}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        rule: Rule | None = f.metadata.get("rule")
        if rule is None:
            raise TypeError(f"{cls.__name__}.{f.name} has no schema rule")
        if f.metadata.get("context"):
            values[f.name] = rule.read(None, at, f.name, ctx)
        elif f.name in raw:
            values[f.name] = rule.read(raw[f.name], at, f.name, inner)
        elif rule.required or f.name in require:
            at.fail(f.name, "is missing")
    obj = cls(**values)
    validate = getattr(obj, "validate", None)
    if validate is not None:
        validate(at)
    return obj


def _yaml() -> Any:
    """PyYAML, or None where there is none (the browser edition's Python)."""
    if sys.platform == "emscripten":
        # Not shipped there; looking for it would search the notebook's folder, a round trip
        # through the page for every file in it.
        return None
    try:
        import yaml
    except ImportError:
        return None
    return yaml


def _parse(name: str, raw: str) -> Any:
    yaml = _yaml()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's loader is ~10x faster
    try:
        return yaml.load(raw, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ContentError(f"{name}: not valid YAML{line}: {problem}") from None


def _read_json(name: str, data_dir: Path) -> Any:
    """The browser edition's copy of a data file: ``make lite`` writes each YAML file as JSON
    (``flags.yaml`` as ``flags.json``), and messages still name the YAML file authors edit."""
    path = data_dir / Path(name).with_suffix(".json").name
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(
            f"{name}: the data file is missing (looked for {path.name} in {data_dir}: without "
            "PyYAML the course reads the JSON copies that `make lite` writes)"
        ) from None
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise ContentError(f"{name}: its JSON copy {path.name} is not valid JSON: {exc}") from None


def read(name: str, data_dir: Path) -> Any:
    """A data file's contents, or a ContentError naming the file. Without PyYAML (in the
    browser edition) the file's JSON copy is read instead."""
    if _yaml() is None:
        return _read_json(name, data_dir)
    try:
        raw = (data_dir / name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(f"{name}: the data file is missing (looked in {data_dir})") from None
    return _parse(name, raw)


def load(name: str, cls: type[T], data_dir: Path, ctx: dict[str, Any] | None = None) -> T:
    """Read ``name`` from ``data_dir`` and build it as ``cls``."""
    return build(cls, read(name, data_dir), Where(name), dict(ctx or {}))


def load_section(name: str, field: str, cls: type[T], data_dir: Path) -> T:
    """One section of a file (building.yaml holds the ladder and the planner), read on its own."""
    top = read(name, data_dir)
    at = Where(name)
    if not isinstance(top, Mapping):
        at.fail(None, f"expected a mapping of fields, got {kind(top)}")
    if field not in top:
        at.fail(field, "is missing")
    return section(cls).metadata["rule"].read(top[field], at, field, {})


def by_id(items: tuple[Any, ...], item_id: str, what: str) -> Any:
    """The item with this id, or a ValueError listing the ids there are."""
    for item in items:
        if item.id == item_id:
            return item
    known = ", ".join(repr(item.id) for item in items)
    raise ValueError(f"Unknown {what} {item_id!r}; expected one of {known}.")


def data_dir() -> Path:
    """The data folder; CLOSER_CONTENT_DIR lets an author preview an edited copy."""
    return Path(os.environ.get("CLOSER_CONTENT_DIR", DATA_DIR))


@cache
def _cached(loader: Callable[[Path], Any], folder: Path) -> Any:
    return loader(folder)


def cached(loader: Callable[[Path], T]) -> T:
    """``loader``'s result for the current data folder, read once per kernel."""
    return _cached(loader, data_dir())
