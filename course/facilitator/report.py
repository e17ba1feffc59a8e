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
from typing import Any


@dataclass(frozen=True)
class SubmissionRow:
    assignment: str
    student: str
    score: float
    max_score: float
    submitted_at: datetime | None
    needs_manual: bool
    # The autograder could not grade this hand-in (its autograded cells have no score):
    # its score is not a result, and the course's grading report names the problem.
    ungraded: bool = False

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

    with Gradebook(db_url) as gb:
        return _read(gb, db_url)


def _read(gb: Any, db_url: str) -> Cohort:
    """The same few queries whatever the cohort's size.

    Walking nbgrader's objects (submission -> notebooks -> grades -> cell) costs a query per
    object: 24 s for 300 learners and six assignments. nbgrader's ``submission_dicts`` is no
    better on SQLite (11 s per assignment). So the hand-ins and every grade are read with one
    joined query each, through nbgrader's own models, and added up here the way nbgrader
    defines them: a submission's score is the sum of its grades, its maximum is the
    assignment's, and it waits for the facilitator while any grade does.
    """
    from nbgrader.api import Assignment, BaseCell, Grade, Student, SubmittedAssignment, SubmittedNotebook

    ordered = sorted(gb.assignments, key=lambda a: (a.duedate or datetime.max, a.name))
    assignments = tuple(a.name for a in ordered)
    students = tuple(sorted(sid for (sid,) in gb.db.query(Student.id)))
    cells: dict[tuple[str, str], tuple[float, bool]] = {}  # (assignment, question) -> (max, manual)
    maxima: dict[str, float] = {}  # every graded cell of every notebook counts, as in nbgrader
    for assignment in ordered:
        for notebook in assignment.notebooks:
            for cell in (*notebook.grade_cells, *notebook.task_cells):
                cells.setdefault((assignment.name, cell.name), (cell.max_score, cell.cell_type == "markdown"))
                maxima[assignment.name] = maxima.get(assignment.name, 0.0) + (cell.max_score or 0.0)
    handed_in = (
        gb.db.query(Assignment.name, Student.id, SubmittedAssignment.timestamp)
        .select_from(SubmittedAssignment)
        .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
        .join(Student, SubmittedAssignment.student_id == Student.id)
        .all()
    )
    grades = (
        gb.db.query(Assignment.name, Student.id, BaseCell.name, Grade.score, Grade.needs_manual_grade)
        .select_from(Grade)
        .join(SubmittedNotebook, Grade.notebook_id == SubmittedNotebook.id)
        .join(SubmittedAssignment, SubmittedNotebook.assignment_id == SubmittedAssignment.id)
        .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
        .join(Student, SubmittedAssignment.student_id == Student.id)
        .join(BaseCell, Grade.cell_id == BaseCell.id)
        .all()
    )
    rank = {name: i for i, name in enumerate(assignments)}
    totals: dict[tuple[str, str], float] = {}
    waiting: set[tuple[str, str]] = set()
    ungraded: set[tuple[str, str]] = set()
    scores: dict[tuple[str, str], list[float]] = {}
    seen: set[tuple[str, str]] = set()
    pending = []
    for assignment, student, question, score, needs_manual in sorted(
        grades, key=lambda g: (rank[g[0]], g[1], g[2])
    ):
        totals[assignment, student] = totals.get((assignment, student), 0.0) + (score or 0.0)
        seen.add((assignment, question))
        maximum, manual = cells.get((assignment, question), (0.0, False))
        if needs_manual and not manual:
            ungraded.add((assignment, student))
        elif needs_manual:
            waiting.add((assignment, student))
            pending.append(PendingRow(assignment, student, question))
        elif score is not None and maximum:
            scores.setdefault((assignment, question), []).append(score / maximum)
    # A hand-in the autograder could not grade waits for no one: its problem comes first.
    waiting -= ungraded
    pending = [p for p in pending if (p.assignment, p.student) not in ungraded]
    submissions = tuple(
        SubmissionRow(
            assignment,
            student,
            totals.get((assignment, student), 0.0),
            maxima.get(assignment, 0.0),
            timestamp,
            (assignment, student) in waiting,
            (assignment, student) in ungraded,
        )
        for assignment, student, timestamp in sorted(handed_in, key=lambda h: (rank[h[0]], h[1]))
    )
    questions = []
    for key, (maximum, manual) in cells.items():
        if key not in seen:
            continue  # nobody has handed this assignment in yet
        done = scores.get(key, [])
        mean = 100.0 * sum(done) / len(done) if done else 0.0
        questions.append(QuestionRow(key[0], key[1], mean, len(done), maximum, manual))
    return Cohort(assignments, students, submissions, tuple(questions), tuple(pending), db_url)


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
