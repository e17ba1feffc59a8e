"""The facilitator's view of a cohort, read from nbgrader's gradebook with nbgrader's API.

Everything is turned into plain rows here so the charts and the report widget never touch
the database. Names can be replaced by stable pseudonyms ("Learner 01"), so a facilitator
can share their screen or a chart without showing who scored what.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class SubmissionRow:
    assignment: str
    student: str
    score: float
    max_score: float
    submitted_at: datetime | None
    needs_manual: bool

    @property
    def percent(self) -> float:
        return 100.0 * self.score / self.max_score if self.max_score else 0.0


@dataclass(frozen=True)
class QuestionRow:
    assignment: str
    question: str
    mean_percent: float
    graded: int
    max_score: float
    manual: bool


@dataclass(frozen=True)
class PendingRow:
    assignment: str
    student: str
    question: str


@dataclass(frozen=True)
class Cohort:
    assignments: tuple[str, ...] = ()
    students: tuple[str, ...] = ()
    submissions: tuple[SubmissionRow, ...] = ()
    questions: tuple[QuestionRow, ...] = ()
    pending: tuple[PendingRow, ...] = ()
    source: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def empty(self) -> bool:
        return not self.submissions


def _light_nbgrader_import() -> None:
    """nbgrader's API imports jsonschema, whose optional IRI checker (rfc3987_syntax) compiles
    a grammar for 1.5-3 s at import. The report never validates IRIs, so in this process we
    decline that one optional module before nbgrader loads (measured by `make bench`)."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def find_gradebook(start: Path | None = None) -> str | None:
    """The gradebook URL of the nbgrader course around ``start`` (the notebook's folder).

    nbgrader keeps it at <course folder>/gradebook.db unless nbgrader_config.py sets
    CourseDirectory.db_url; only then is the config loaded (through nbgrader), because
    loading it imports every preprocessor it names, which takes about a second.
    """
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        config = folder / "nbgrader_config.py"
        if not config.is_file():
            continue
        if "db_url" not in config.read_text(encoding="utf-8", errors="replace"):
            return f"sqlite:///{folder / 'gradebook.db'}"
        _light_nbgrader_import()
        from .cohort import _course_dirs

        return _course_dirs(folder).db_url
    return None


def load_cohort(db_url: str | None) -> Cohort:
    """Read everything the report needs; a missing or empty gradebook gives an empty Cohort."""
    if not db_url:
        return Cohort(notes=("No nbgrader course was found around this notebook.",))
    if db_url.startswith("sqlite:///"):
        path = Path(db_url.removeprefix("sqlite:///").split("?")[0])
        if not path.is_file():
            return Cohort(source=db_url, notes=(f"There is no gradebook yet at {path}.",))
    _light_nbgrader_import()
    from nbgrader.api import Gradebook

    submissions, questions, pending = [], [], []
    with Gradebook(db_url) as gb:
        assignments = tuple(
            a.name for a in sorted(gb.assignments, key=lambda a: (a.duedate or datetime.max, a.name))
        )
        students = tuple(sorted(s.id for s in gb.students))
        for name in assignments:
            assignment = gb.find_assignment(name)
            scores: dict[str, list[float]] = {}
            manual: dict[str, bool] = {}
            maxima: dict[str, float] = {}
            for sub in assignment.submissions:
                submissions.append(
                    SubmissionRow(
                        name, sub.student.id, sub.score, sub.max_score, sub.timestamp, sub.needs_manual_grade
                    )
                )
                for nb in sub.notebooks:
                    for grade in nb.grades:
                        maxima[grade.name] = grade.max_score
                        manual[grade.name] = grade.cell.cell_type == "markdown"
                        if grade.needs_manual_grade:
                            pending.append(PendingRow(name, sub.student.id, grade.name))
                        elif grade.score is not None and grade.max_score:
                            scores.setdefault(grade.name, []).append(grade.score / grade.max_score)
            for question, maximum in maxima.items():
                done = scores.get(question, [])
                mean = 100.0 * sum(done) / len(done) if done else 0.0
                questions.append(QuestionRow(name, question, mean, len(done), maximum, manual[question]))
    return Cohort(assignments, students, tuple(submissions), tuple(questions), tuple(pending), db_url)


def pseudonyms(students: Iterable[str]) -> dict[str, str]:
    """Stable stand-ins for names: the same learner keeps the same label in every chart."""
    ordered = sorted(set(students))
    width = max(2, len(str(len(ordered))))
    return {s: f"Learner {i:0{width}d}" for i, s in enumerate(ordered, start=1)}


def anonymised(cohort: Cohort) -> Cohort:
    """The same cohort with every student id replaced by its pseudonym."""
    names = pseudonyms(cohort.students + tuple(r.student for r in cohort.submissions))
    return replace(
        cohort,
        students=tuple(names[s] for s in cohort.students),
        submissions=tuple(replace(r, student=names[r.student]) for r in cohort.submissions),
        pending=tuple(replace(r, student=names[r.student]) for r in cohort.pending),
    )
