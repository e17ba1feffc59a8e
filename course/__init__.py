"""Closer: an emotional education course on building emotional intimacy.

Notebooks call one function per widget, for example ``course.checkin()``. The
widget modules (``course.ui``) load on first use, so ``import course`` stays quick.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if sys.platform == "emscripten":  # the browser edition: see course/browser.py
    from .browser import prepare

    prepare()

__all__ = [
    "before_and_after",
    "checkin",
    "closeness_map",
    "cohort_report",
    "conversation_planner",
    "emotion_explorer",
    "flag_sorter",
    "journal_manager",
    "journal_review",
    "leave_quickly",
    "marble_simulator",
    "module_done",
    "module_start",
    "pacing_chart",
    "partner_mode",
    "patterns_check",
    "plan_builder",
    "practice_calendar",
    "practice_skill",
    "progress_charts",
    "progress_overview",
    "pursue_withdraw",
    "quiz",
    "reflection",
    "roots_reflection",
    "signs_check",
    "small_steps_ladder",
    "yellow_flag_triage",
]

if TYPE_CHECKING:  # pragma: no cover
    from .facilitator.report_view import CohortReport
    from .ui.building import ConversationPlannerWidget, EmotionExplorerWidget, SmallStepsLadderWidget
    from .ui.closeness import ClosenessMapWidget
    from .ui.controls import LeaveButton
    from .ui.fear import RootsReflectionWidget, SignsCheckWidget
    from .ui.flags import FlagSorterWidget, PacingChartWidget, YellowFlagTriageWidget
    from .ui.journal import JournalManager, ModuleDone, ModuleStart, ProgressOverview
    from .ui.marble import MarbleWidget
    from .ui.measure import MeasureWidget
    from .ui.partner import PartnerModeWidget
    from .ui.patterns import PatternsCheckWidget, PursueWithdrawWidget
    from .ui.practice import PracticeCalendar, PracticeWidget
    from .ui.reflection import CheckInWidget, QuizWidget, ReflectionWidget
    from .ui.review import JournalReview, PlanBuilder, ProgressCharts


def module_start(module_id: str) -> ModuleStart:
    """Open a module: note that it was started and show how long it takes."""
    from .ui.journal import ModuleStart

    return ModuleStart(module_id)


def module_done(module_id: str) -> ModuleDone:
    """A button to mark a module as finished."""
    from .ui.journal import ModuleDone

    return ModuleDone(module_id)


def progress_overview() -> ProgressOverview:
    """Every module with its time and your status."""
    from .ui.journal import ProgressOverview

    return ProgressOverview()


def checkin() -> CheckInWidget:
    """A short check-in: a few 0-10 scales and a note, with your past check-ins charted."""
    from .ui.reflection import CheckInWidget

    return CheckInWidget()


def reflection(module_id: str, prompt_id: str) -> ReflectionWidget:
    """A reflection prompt whose answers are saved to your private journal."""
    from .ui.reflection import ReflectionWidget

    return ReflectionWidget(module_id, prompt_id)


def journal_manager() -> JournalManager:
    """See where your journal is, export it, or delete everything in it."""
    from .ui.journal import JournalManager

    return JournalManager()


def leave_quickly() -> LeaveButton:
    """The **Leave quickly** button: locks the journal (if it has one) and leaves the page at once."""
    from .ui.privacy import leave_quickly

    return leave_quickly()


def quiz(module_id: str) -> QuizWidget:
    """The module's self-check quiz, with an explanation for every option."""
    from .ui.reflection import QuizWidget

    return QuizWidget(module_id)


def closeness_map() -> ClosenessMapWidget:
    """Module 1's closeness map of the people in your life."""
    from .ui.closeness import ClosenessMapWidget

    return ClosenessMapWidget()


def cohort_report(db_url: str | None = None) -> CohortReport:
    """For facilitators: the cohort's scores, hardest questions, completion and marking to do."""
    from .facilitator.report_view import CohortReport

    return CohortReport(db_url)


def signs_check() -> SignsCheckWidget:
    """Module 2's checklist of seven common signs, read back gently (never a score)."""
    from .ui.fear import SignsCheckWidget

    return SignsCheckWidget()


def roots_reflection() -> RootsReflectionWidget:
    """Module 2's guided prompts about where a fear of closeness may come from."""
    from .ui.fear import RootsReflectionWidget

    return RootsReflectionWidget()


def patterns_check() -> PatternsCheckWidget:
    """Module 3's Avoider and Pursuer self-assessment, with its quadrant chart."""
    from .ui.patterns import PatternsCheckWidget

    return PatternsCheckWidget()


def pursue_withdraw() -> PursueWithdrawWidget:
    """Module 3's pursue-withdraw simulator: how the loop escalates or settles."""
    from .ui.patterns import PursueWithdrawWidget

    return PursueWithdrawWidget()


def partner_mode() -> PartnerModeWidget:
    """Partner mode: share what you choose as a code, and see the loop your two patterns make."""
    from .ui.partner import PartnerModeWidget

    return PartnerModeWidget()


def marble_simulator(story_id: str | None = None) -> MarbleWidget:
    """Module 6's marble on the pane of glass: two partners tilt it, and you see where it rolls."""
    from .ui.marble import MarbleWidget

    return MarbleWidget(story_id)


def before_and_after(when: str = "start") -> MeasureWidget:
    """The course's own before-and-after check: eight statements at the start (module 0), at the
    end (module 7) or any week ("weekly"), saved with the date and shown as change. (Not named
    ``measure``: that is the scoring module, ``course.measure``.)"""
    from .ui.measure import MeasureWidget

    return MeasureWidget(when)


def plan_builder() -> PlanBuilder:
    """Module 7's personal plan: up to three intentions, a small step for each, and who can help."""
    from .ui.review import PlanBuilder

    return PlanBuilder()


def journal_review() -> JournalReview:
    """Everything in your journal, grouped by module, to look back on."""
    from .ui.review import JournalReview

    return JournalReview()


def progress_charts() -> ProgressCharts:
    """Charts of your progress through the modules and of your check-ins over time."""
    from .ui.review import ProgressCharts

    return ProgressCharts()


def pacing_chart() -> PacingChartWidget:
    """Module 4's pacing chart: does sharing keep pace with how well you know each other?"""
    from .ui.flags import PacingChartWidget

    return PacingChartWidget()


def flag_sorter() -> FlagSorterWidget:
    """Module 4's flag sorter: short scenes to read as green, yellow or red flags."""
    from .ui.flags import FlagSorterWidget

    return FlagSorterWidget()


def yellow_flag_triage() -> YellowFlagTriageWidget:
    """Module 4's three yellow-flag questions, and where the answers lead."""
    from .ui.flags import YellowFlagTriageWidget

    return YellowFlagTriageWidget()


def emotion_explorer() -> EmotionExplorerWidget:
    """Module 5's wheel of feeling words; name what you feel and save it to your journal."""
    from .ui.building import EmotionExplorerWidget

    return EmotionExplorerWidget()


def small_steps_ladder() -> SmallStepsLadderWidget:
    """Module 5's ladder of small steps towards more openness, easiest at the bottom."""
    from .ui.building import SmallStepsLadderWidget

    return SmallStepsLadderWidget()


def conversation_planner() -> ConversationPlannerWidget:
    """Module 5's planner for a hard conversation, saved to your journal and downloadable."""
    from .ui.building import ConversationPlannerWidget

    return ConversationPlannerWidget()


def practice_skill(skill: str = "speaker_listener") -> PracticeWidget:
    """Practise a skill with feedback on your own sentence: "speaker_listener" (say back and
    check), "i_statement" (a gentle start) or "repair" (after a conversation goes wrong)."""
    from .ui.practice import PracticeWidget

    return PracticeWidget(skill)


def practice_calendar() -> PracticeCalendar:
    """Dates for practising your small steps, as a calendar file for your own calendar app."""
    from .ui.practice import PracticeCalendar

    return PracticeCalendar()
