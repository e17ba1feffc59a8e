"""Looking back (module 07): the learner's journal grouped by module, and progress through
the course.

Everything works from a journal snapshot (``Journal.snapshot()``, one read) and the
module list in modules.yaml, so it shows whatever the journal holds, whichever modules
exist, and stays quick with hundreds of entries. Entries for a module the course no
longer lists (an older or newer copy of the course) are kept, under their own id.
Pure logic: no widgets, no plotting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .content import Module

STATUSES = ("completed", "started", "not started")
EXCERPT = 400  # characters of each reflection shown in the review; the export has them all


@dataclass(frozen=True)
class Entry:
    """One reflection, ready to show: when, the prompt, and the text (perhaps shortened)."""

    when: datetime | None
    prompt: str
    text: str
    shortened: bool


@dataclass(frozen=True)
class ModuleReview:
    module_id: str
    title: str
    status: str
    reflections: tuple[Entry, ...]
    saved: tuple[tuple[str, int], ...]  # (kind of saved result, how many), e.g. ("plan", 1)

    @property
    def is_empty(self) -> bool:
        return not self.reflections and not self.saved


def _time(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and value:
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None
    return None


def excerpt(text: str, limit: int = EXCERPT) -> tuple[str, bool]:
    """``text`` cut at a word boundary near ``limit`` characters, and whether it was cut."""
    text = text.strip()
    if len(text) <= limit:
        return text, False
    cut = text[:limit].rsplit(maxsplit=1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(".,;: ") + " …", True


def statuses(modules: Iterable[Module], progress: Mapping[str, str]) -> dict[str, str]:
    """Each listed module's status, from ``{module id: "started" or "completed"}``.

    Modules missing from ``progress`` are 'not started'; anything unexpected counts as
    'started', since the module was at least opened.
    """
    out = {}
    for m in modules:
        state = progress.get(m.id)
        out[m.id] = "not started" if state is None else ("completed" if state == "completed" else "started")
    return out


def snapshot_progress(snapshot: Mapping[str, Any]) -> dict[str, str]:
    """``{module id: "started" or "completed"}`` from a journal snapshot."""
    return {
        str(p.get("module", "")): "completed" if p.get("completed_at") else "started"
        for p in snapshot.get("progress", [])
        if isinstance(p, Mapping)
    }


def review_by_module(snapshot: Mapping[str, Any], modules: Sequence[Module]) -> list[ModuleReview]:
    """The journal's reflections and saved results, grouped by module in course order.

    Modules with nothing saved are left out, even when they were opened: a list of empty
    modules would read like a to-do list. Check-ins belong to no module, so they are
    charted separately.
    """
    if not isinstance(snapshot, Mapping):
        raise ValueError("review_by_module() needs a journal snapshot (Journal.snapshot()).")
    titles = {m.id: f"Module {m.number}: {m.title}" for m in modules}
    order = [m.id for m in modules]
    progress = snapshot_progress(snapshot)
    status = {**progress, **statuses(modules, progress)}
    reflections: dict[str, list[Entry]] = {}
    for r in snapshot.get("reflections", []):
        text, cut = excerpt(str(r.get("text", "")))
        entry = Entry(
            when=_time(r.get("created_at")), prompt=str(r.get("prompt", "")), text=text, shortened=cut
        )
        reflections.setdefault(str(r.get("module", "")), []).append(entry)
    saved: dict[str, dict[str, int]] = {}
    for rec in snapshot.get("records", []):
        kinds = saved.setdefault(str(rec.get("module", "")), {})
        kind = str(rec.get("kind", "")).replace("_", " ")
        kinds[kind] = kinds.get(kind, 0) + 1
    unknown = sorted((set(reflections) | set(saved) | set(status)) - set(order))
    out = []
    for module_id in order + unknown:
        review = ModuleReview(
            module_id=module_id,
            title=titles.get(module_id, module_id),
            status=status.get(module_id, "not started"),
            reflections=tuple(reflections.get(module_id, ())),
            saved=tuple(saved.get(module_id, {}).items()),
        )
        if review.is_empty:
            continue
        out.append(review)
    return out


def progress_summary(modules: Sequence[Module], status: Mapping[str, str]) -> str:
    """Progress through the course in words, kindly at every count.

    It only knows which *I have finished this module* buttons were pressed, so it says
    so, counts no minutes and points nowhere in particular: any module is open to revisit.
    """
    if not modules:
        return "The course lists no modules."
    done = sum(status.get(m.id) == "completed" for m in modules)
    started = sum(status.get(m.id) == "started" for m in modules)
    if done == 0:
        text = "You have not marked any modules as finished yet"
    elif done == len(modules):
        text = f"You have marked all {done} modules as finished"
    else:
        text = f"You have marked {done} of {len(modules)} module{'s' * (len(modules) != 1)} as finished"
    if started:
        text += f", and opened {started} more"
    text += (
        ". That only counts button presses, not what you have read or thought about."
        " Any module is there whenever you want to revisit it."
    )
    if done == len(modules):
        text += " Thank you for staying with the course."
    return text
