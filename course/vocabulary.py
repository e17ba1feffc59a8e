"""The emotion vocabulary (module 05): picking words for what you feel and saving them.

Naming a feeling precisely ("wary" rather than "bad") makes it easier to understand and
to share. The words come from ``data/emotions.yaml``; this module validates a learner's
choice and turns it into a "name it" journal entry and into plain text. Pure logic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .content import EmotionWord, Taxonomy

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
