"""The emotion vocabulary (module 05): picking words for what you feel and saving them.

Naming a feeling precisely ("wary" rather than "bad") makes it easier to understand and
to share. The words come from ``data/emotions.yaml``; this module validates a learner's
choice and turns it into a "name it" journal entry and into plain text. Pure logic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import schema
from .schema import DATA_DIR

MIN_CORES, MIN_WORDS = 6, 5


@dataclass(frozen=True)
class EmotionWord:
    word: str = schema.text()
    meaning: str = schema.text()
    core: str = schema.from_context("parent")


@dataclass(frozen=True)
class EmotionCore:
    id: str = schema.ident()
    label: str = schema.text()
    colour: str = schema.text(colour=True)
    about: str = schema.text()
    words: tuple[EmotionWord, ...] = schema.entries(EmotionWord, "word", minimum=MIN_WORDS)


@dataclass(frozen=True)
class Taxonomy:
    """emotions.yaml: the core feelings, each with finer words around it; each word listed once."""

    cores: tuple[EmotionCore, ...] = schema.entries(EmotionCore, "core feeling", minimum=MIN_CORES)

    def validate(self, at: schema.Where) -> None:
        seen: dict[str, str] = {}
        for i, core in enumerate(self.cores, start=1):
            for j, word in enumerate(core.words, start=1):
                key = word.word.casefold()
                if key in seen:
                    where = at.entry("core feeling", i, core.id).entry("word", j)
                    where.fail(
                        "word", f"{word.word!r} is already listed under {seen[key]!r}; list each word once"
                    )
                seen[key] = core.id

    def core(self, core_id: str) -> EmotionCore:
        return schema.by_id(self.cores, core_id, "core feeling")

    @property
    def words(self) -> tuple[EmotionWord, ...]:
        return tuple(w for c in self.cores for w in c.words)

    def word(self, word: str) -> EmotionWord:
        for w in self.words:
            if w.word.casefold() == word.casefold():
                return w
        raise ValueError(f"{word!r} is not in the course's list of feeling words.")


def load_taxonomy(data_dir: Path = DATA_DIR) -> Taxonomy:
    return schema.load("emotions.yaml", Taxonomy, data_dir)


def taxonomy() -> Taxonomy:
    return schema.cached(load_taxonomy)


MAX_NOTE = 2000


def choose(words: Iterable[Any], taxonomy: Taxonomy) -> tuple[EmotionWord, ...]:
    """The chosen words in the taxonomy's order, each once; unknown words are refused."""
    wanted = set()
    for w in words:
        if not isinstance(w, str) or not w.strip():
            raise ValueError(f"Each feeling word must be text, got {w!r}.")
        wanted.add(taxonomy.word(" ".join(w.split())).word)
    return tuple(w for w in taxonomy.words if w.word in wanted)


def by_core(chosen: Iterable[EmotionWord], taxonomy: Taxonomy) -> dict[str, list[str]]:
    """Chosen words grouped under their core feelings, cores in the taxonomy's order."""
    chosen = list(chosen)
    return {
        c.id: [w.word for w in chosen if w.core == c.id]
        for c in taxonomy.cores
        if any(w.core == c.id for w in chosen)
    }


def sentence(chosen: Iterable[EmotionWord], taxonomy: Taxonomy) -> str:
    """'Right now I feel wary and hopeful.' with the core feelings named after it."""
    chosen = list(chosen)
    if not chosen:
        return "No words picked yet."
    words = [w.word for w in chosen]
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    cores = ", ".join(taxonomy.core(c).label.lower() for c in by_core(chosen, taxonomy))
    return f"Right now I feel {listed}. (Core feelings: {cores}.)"


def name_it_payload(chosen: Iterable[EmotionWord], note: Any, taxonomy: Taxonomy) -> dict[str, Any]:
    """The journal payload for a "name it" entry."""
    chosen = list(chosen)
    if not chosen:
        raise ValueError("Pick at least one word for what you feel before saving.")
    if not isinstance(note, str):
        raise ValueError(f"The note must be text, got {type(note).__name__}.")
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise ValueError(f"The note is long ({len(note):,} characters); keep it under {MAX_NOTE:,}.")
    payload: dict[str, Any] = {
        "feeling": sentence(chosen, taxonomy),
        "words": [w.word for w in chosen],
        "core_feelings": [taxonomy.core(c).label for c in by_core(chosen, taxonomy)],
    }
    if note:
        payload["note"] = note
    return payload


def words_from_payload(payload: Mapping[str, Any], taxonomy: Taxonomy) -> tuple[EmotionWord, ...]:
    """The words of a saved entry that are still in the taxonomy."""
    raw = payload.get("words", []) if isinstance(payload, Mapping) else []
    keep = []
    for w in raw if isinstance(raw, list) else []:
        try:
            keep.append(taxonomy.word(w).word)
        except (ValueError, AttributeError):
            continue
    return choose(keep, taxonomy)
