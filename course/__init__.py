"""Closer: an emotional education course on building emotional intimacy.

Notebooks call one function per widget, for example ``course.checkin()``. The
widget modules load on first use, so ``import course`` stays quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

__all__ = [
    "checkin",
    "closeness_map",
    "cohort_report",
    "journal_manager",
    "module_done",
    "module_start",
    "progress_overview",
    "quiz",
    "reflection",
]

if TYPE_CHECKING:  # pragma: no cover
    from .widgets import (
        CheckInWidget,
        ClosenessMapWidget,
        CohortReport,
        JournalManager,
        ModuleDone,
        ModuleStart,
        ProgressOverview,
        QuizWidget,
        ReflectionWidget,
    )


def module_start(module_id: str) -> ModuleStart:
    """Open a module: note that it was started and show how long it takes."""
    from .widgets import ModuleStart

    return ModuleStart(module_id)


def module_done(module_id: str) -> ModuleDone:
    """A button to mark a module as finished."""
    from .widgets import ModuleDone

    return ModuleDone(module_id)


def progress_overview() -> ProgressOverview:
    """Every module with its time and your status."""
    from .widgets import ProgressOverview

    return ProgressOverview()


def checkin() -> CheckInWidget:
    """A short check-in: a few 0-10 scales and a note, with your past check-ins charted."""
    from .widgets import CheckInWidget

    return CheckInWidget()


def reflection(module_id: str, prompt_id: str) -> ReflectionWidget:
    """A reflection prompt whose answers are saved to your private journal."""
    from .widgets import ReflectionWidget

    return ReflectionWidget(module_id, prompt_id)


def journal_manager() -> JournalManager:
    """See where your journal is, export it, or delete everything in it."""
    from .widgets import JournalManager

    return JournalManager()


def quiz(module_id: str) -> QuizWidget:
    """The module's self-check quiz, with an explanation for every option."""
    from .widgets import QuizWidget

    return QuizWidget(module_id)


def closeness_map() -> ClosenessMapWidget:
    """Module 1's closeness map of the people in your life."""
    from .widgets import ClosenessMapWidget

    return ClosenessMapWidget()


def cohort_report(db_url: str | None = None) -> CohortReport:
    """For facilitators: the cohort's scores, hardest questions, completion and marking to do."""
    from .widgets import CohortReport

    return CohortReport(db_url)
