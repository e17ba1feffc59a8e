"""Cohort autograding: parallel scores equal serial nbgrader's, and every bad submission ends
as a named problem or a graded submission with a note, never a stopped run."""

from __future__ import annotations

import copy
import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from support import synthetic_gradebook

from course.facilitator import cohort
from course.facilitator.cohort import Findings, StudentResult, inspect_submission

from . import kit
from .kit import ANSWERS, NB, ROOT, A


def _submissions() -> dict[str, nbformat.NotebookNode | str | None]:
    good = kit.answered(ANSWERS)
    subs: dict[str, nbformat.NotebookNode | str | None] = {
        "correct": good,
        "blank": kit.release(),
        "partial": kit.answered({k: ANSWERS[k] for k in ("story_1", "story_3", "question_6")}),
        "not_json": '{"cells": [ this is not json',
        "missing": None,
    }
    extra = copy.deepcopy(good)
    extra.cells.insert(4, nbformat.v4.new_code_cell("my_notes = 'thinking aloud'"))
    subs["extra_cells"] = extra
    deleted = copy.deepcopy(good)
    deleted.cells.remove(kit.cell(deleted, "check_story_1"))
    subs["deleted_graded_cell"] = deleted
    retyped = copy.deepcopy(good)
    index = retyped.cells.index(kit.cell(retyped, "story_2"))
    old = retyped.cells[index]
    retyped.cells[index] = nbformat.v4.new_markdown_cell(old.source, metadata=old.metadata, id=old.id)
    subs["changed_cell_type"] = retyped
    edited = copy.deepcopy(good)
    kit.cell(edited, "check_story_4").source = "print('all fine')"
    subs["edited_test_cell"] = edited
    raises = copy.deepcopy(good)
    kit.cell(raises, "story_3").source += "\nraise RuntimeError('oops')"
    subs["code_raises"] = raises
    loop = copy.deepcopy(good)
    kit.cell(loop, "story_3").source += "\nwhile True:\n    pass"
    subs["endless_loop"] = loop
    huge = copy.deepcopy(good)
    kit.cell(huge, "story_3").source += "\nfor i in range(50_000):\n    print('x' * 200)"
    subs["huge_output"] = huge
    other = nbformat.v4.new_notebook(metadata=good.metadata)
    cell = nbformat.v4.new_code_cell('flag_for_scenario_1 = "yellow"')
    cell.metadata["nbgrader"] = {
        "grade": False,
        "solution": True,
        "locked": False,
        "grade_id": "scenario_1",
        "schema_version": 3,
        "task": False,
    }
    other.cells.append(cell)
    subs["other_assignment"] = other
    return subs


def _course(base: Path, name: str) -> Path:
    course = base / name
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "solutions" / A, course / "solutions" / A)
    shutil.copytree(ROOT / "exercises" / A, course / "exercises" / A)
    # another assignment's release, so a wrong notebook can be recognised by name
    other = course / "exercises" / "99_other"
    other.mkdir(parents=True)
    nbformat.write(_submissions()["other_assignment"], other / "99_other.ipynb")
    kit.nbgrader(course, "db", "assignment", "add", A)
    kit.nbgrader(course, "generate_assignment", A, "--force", "--CourseDirectory.release_directory=release")
    for student, nb in _submissions().items():
        folder = course / "submitted" / student / A
        folder.mkdir(parents=True)
        if isinstance(nb, str):
            (folder / NB).write_text(nb)
        elif nb is not None:
            nbformat.write(nb, folder / NB)
    return course


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("cohort")
    serial, parallel = _course(base, "serial"), _course(base, "parallel")
    kit.nbgrader(serial, "autograde", A, "--force", "--RunAnswers.timeout=20")
    results = cohort.autograde_cohort(parallel, A, workers=2, cell_timeout=20)
    return serial, parallel, {r.student: r for r in results}


def _cell_scores(course: Path) -> dict[str, dict[str, float | None]]:
    from nbgrader.api import Gradebook, MissingEntry

    out = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student in _submissions():
            try:
                sub = gb.find_submission(A, student)
            except MissingEntry:
                out[student] = None
                continue
            out[student] = {g.name: g.score for nb in sub.notebooks for g in nb.grades}
    return out


pytestmark = pytest.mark.slow


def test_parallel_scores_equal_serial_nbgrader(graded):
    serial, parallel, _ = graded
    assert _cell_scores(parallel) == _cell_scores(serial)
    assert _cell_scores(parallel)["correct"]["check_story_1"] == 1


@pytest.mark.parametrize(
    ("student", "status", "score", "words"),
    [
        ("correct", "graded", 6, None),
        ("blank", "graded", 0, None),
        ("partial", "graded", 3, None),
        ("not_json", "problem", None, "not a valid notebook file (not a readable notebook"),
        ("missing", "problem", None, "missing notebook 01_what_is_intimacy.ipynb"),
        ("extra_cells", "graded", 6, "1 extra cell set aside (not graded, not run)"),
        (
            "deleted_graded_cell",
            "graded",
            6,
            "check_story_1 was missing from the hand-in; it was graded as released",
        ),
        ("changed_cell_type", "graded", 6, "story_2 was changed to a markdown cell"),
        ("edited_test_cell", "graded", 6, "check_story_4 was edited; it was graded as released"),
        ("code_raises", "graded", 6, "code in story_3's cell was not run; its answer line was marked"),
        ("endless_loop", "graded", 6, "code in story_3's cell was not run"),
        ("huge_output", "graded", 6, "code in story_3's cell was not run"),
        ("other_assignment", "problem", None, "notebook of a different assignment (99_other)"),
    ],
)
def test_every_submission_ends_graded_or_as_a_named_problem(graded, student, status, score, words):
    result = graded[2][student]
    assert result.status == status, result.summary
    if score is not None:
        assert result.score == score
    if words:
        assert words in result.summary
    else:
        assert result.summary == "ok"


def test_reports_in_text_and_csv(graded, tmp_path):
    _, _, results = graded
    txt, csv_path = cohort.write_reports(list(results.values()), tmp_path, A)
    text = txt.read_text()
    assert "13 submissions, 10 graded, 3 with problems." in text
    assert text.index("Problems (look at these first):") < text.index("Every submission:")
    rows = {row["student"]: row for row in csv.DictReader(csv_path.open())}
    assert rows["correct"]["status"] == "graded" and rows["correct"]["score"] == "6"
    assert rows["missing"]["status"] == "problem" and rows["missing"]["score"] == ""
    assert "does not appear to be JSON" in rows["not_json"]["problems"]


def _hanging_course(tmp_path: Path) -> Path:
    """A course whose hidden test for story_1 never ends when the answer is "hang".

    Learner code never runs while grading, so only the course's own cells could hang; this
    stands in for a broken hidden test, to show that one hang is stopped, named and survived.
    """
    course = tmp_path / "c"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "solutions" / A, course / "solutions" / A)
    path = course / "solutions" / A / NB
    nb = nbformat.read(path, as_version=4)
    check = kit.cell(nb, "check_story_1")
    check.source = check.source.replace(
        "### BEGIN HIDDEN TESTS\n", "### BEGIN HIDDEN TESTS\nwhile story_1 == 'hang':\n    pass\n"
    )
    nbformat.write(nb, path)
    kit.nbgrader(course, "generate_assignment", A, "--force")
    for student, answers in (("hangs", {**ANSWERS, "story_1": "hang"}), ("correct", ANSWERS)):
        folder = course / "submitted" / student / A
        folder.mkdir(parents=True)
        nbformat.write(kit.answered(answers), folder / NB)
    return course


def test_a_hung_grading_process_is_stopped_and_replaced(tmp_path):
    course = _hanging_course(tmp_path)
    results = {
        r.student: r
        for r in cohort.autograde_cohort(course, A, workers=1, student_timeout=20, cell_timeout=600)
    }
    assert results["hangs"].status == "problem" and results["hangs"].score is None
    assert "grading took longer than 20 s and was stopped" in results["hangs"].summary
    assert results["correct"].status == "graded" and results["correct"].score == 6


def test_graded_cells_that_never_finish_are_stopped_and_named(tmp_path):
    course = _hanging_course(tmp_path)
    results = {r.student: r for r in cohort.autograde_cohort(course, A, workers=2, cell_timeout=3)}
    assert results["hangs"].status == "problem"
    assert "the graded cells took longer than 3 s and were stopped" in results["hangs"].summary
    assert results["correct"].score == 6


@pytest.mark.parametrize("entry", ["course.facilitator", "course.grading"])
def test_the_command_line_reports_and_refuses_bad_input(tmp_path, entry):
    """``python -m course.facilitator`` is the command; ``course.grading``, its older name, still works."""

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", entry, *args], capture_output=True, text=True, cwd=tmp_path
        )

    no_course = run("autograde", A)
    assert no_course.returncode == 2 and "has no nbgrader_config.py" in no_course.stderr
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    no_release = run("autograde", "nope")
    assert no_release.returncode == 2 and "No released notebooks for 'nope'" in no_release.stderr
    assert run("autograde", A, "--workers", "0").returncode == 2


# ------------------------------------------------------------------------------------------
# The pure parts, quickly
# ------------------------------------------------------------------------------------------


def _release_dict() -> dict:
    return {NB: json.loads(nbformat.writes(kit.release()))}


def test_inspect_a_clean_submission(tmp_path):
    nbformat.write(kit.answered(ANSWERS), tmp_path / NB)
    assert inspect_submission(tmp_path, _release_dict()) == Findings()


def test_inspect_names_a_notebook_saved_under_another_name(tmp_path):
    nbformat.write(kit.answered(ANSWERS), tmp_path / "Untitled.ipynb")
    found = inspect_submission(tmp_path, _release_dict())
    assert found.problems == ["missing notebook 01_what_is_intimacy.ipynb (found Untitled.ipynb)"]


def test_inspect_a_file_that_is_json_but_not_a_notebook(tmp_path):
    (tmp_path / NB).write_text("[1, 2, 3]")
    assert "not a valid notebook file" in inspect_submission(tmp_path, _release_dict()).problems[0]


def test_report_text_lists_problems_first():
    text = cohort.render_text(
        [
            StudentResult("ana", "graded", 6, 6),
            StudentResult("bo", "problem", problems=["missing notebook x.ipynb"]),
        ],
        A,
    )
    assert text.splitlines()[0] == f"Autograding {A}: 2 submissions, 1 graded, 1 with problems."
    assert "  bo: missing notebook x.ipynb" in text
    assert "ana" in text.split("Every submission:")[1]


def test_sqlite_gradebooks_get_a_patient_lock_timeout():
    assert cohort._patient("sqlite:////x/gradebook.db") == "sqlite:////x/gradebook.db?timeout=120"
    assert cohort._patient("sqlite:////x/g.db?timeout=5") == "sqlite:////x/g.db?timeout=5"
    assert cohort._patient("postgresql://h/db") == "postgresql://h/db"


def test_cohort_report_reads_the_gradebook(graded):
    from course.facilitator import report

    _, parallel, _ = graded
    data = report.load_cohort(f"sqlite:///{parallel / 'gradebook.db'}")
    assert data.assignments == (A,)
    # serial nbgrader does not record a student whose folder holds no notebook
    assert len(data.submissions) == 12
    by_student = {r.student: r for r in data.submissions}
    assert by_student["correct"].score == 6 and by_student["correct"].max_score == 10
    assert by_student["blank"].score == 0
    questions = {q.question: q for q in data.questions}
    assert questions["reflection"].manual and not questions["check_story_1"].manual
    waiting = {(p.student, p.question) for p in data.pending}
    # a deleted check is graded as released; an untouched reflection stub scores 0 by itself
    assert ("deleted_graded_cell", "check_story_1") not in waiting
    # a hand-in the autograder could not grade is said to be so, not listed as reflections to mark
    assert {s for s, _ in waiting} == set()
    assert {r.student for r in data.submissions if r.ungraded} == {"not_json", "other_assignment"}
    assert ("blank", "reflection") not in waiting
    hidden = report.anonymised(data)
    assert {r.student for r in hidden.submissions} <= {f"Learner {i:02d}" for i in range(1, 14)}


def _walked(db_url: str):
    """The cohort as nbgrader's objects tell it, one object at a time: slow, but plainly right."""
    from nbgrader.api import Gradebook

    from course.facilitator.report import PendingRow, QuestionRow, SubmissionRow

    subs, questions, pending = set(), set(), set()
    with Gradebook(db_url) as gb:
        students = tuple(sorted(s.id for s in gb.students))
        names = tuple(a.name for a in gb.assignments)
        for name in names:
            scores, maxima, manual = {}, {}, {}
            for sub in gb.find_assignment(name).submissions:
                grades = [g for nb in sub.notebooks for g in nb.grades]
                # autograded cells without a score: the autograder could not grade this hand-in
                stuck = any(g.needs_manual_grade and g.cell.cell_type != "markdown" for g in grades)
                waits = not stuck and any(g.needs_manual_grade for g in grades)
                subs.add(
                    SubmissionRow(name, sub.student.id, sub.score, sub.max_score, sub.timestamp, waits, stuck)
                )
                for grade in grades:
                    maxima[grade.name] = grade.max_score
                    manual[grade.name] = grade.cell.cell_type == "markdown"
                    if grade.needs_manual_grade:
                        if not stuck:
                            pending.add(PendingRow(name, sub.student.id, grade.name))
                    elif grade.max_score:
                        scores.setdefault(grade.name, []).append(grade.score / grade.max_score)
            for q, top in maxima.items():
                done = scores.get(q, [])
                mean = 100.0 * sum(done) / len(done) if done else 0.0
                questions.add(QuestionRow(name, q, mean, len(done), top, manual[q]))
    return set(names), students, subs, questions, pending


def _as_sets(data):
    return set(data.assignments), data.students, set(data.submissions), set(data.questions), set(data.pending)


def test_the_report_reads_what_nbgraders_objects_say(graded):
    """Its few joined queries give the same cohort as walking every nbgrader object."""
    from course.facilitator import report

    _, parallel, _ = graded
    url = f"sqlite:///{parallel / 'gradebook.db'}"
    assert _as_sets(report.load_cohort(url)) == _walked(url)


# nbgrader's own add_submission warns about its autoflush while it builds the test gradebook
@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")
def test_the_report_reads_a_large_cohort_in_the_same_few_queries(tmp_path):
    """200 learners x 3 assignments: the same cohort as nbgrader's objects, and no more queries
    for fifty more hand-ins (walking the objects took a query per submission, notebook, grade
    and cell: 24 s for 300 learners and six assignments)."""
    from nbgrader.api import Gradebook
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from course.facilitator import report

    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    # everyone hands in the first assignment, half the cohort the other two
    synthetic_gradebook(url, ("a1", "a2", "a3"), 200, lambda a, s: a == 0 or s % 2 == 0)

    def read_counting_queries():
        statements = []

        def count(*_args):
            statements.append(1)

        event.listen(Engine, "before_cursor_execute", count)
        try:
            return report.load_cohort(url), len(statements)
        finally:
            event.remove(Engine, "before_cursor_execute", count)

    data, queries = read_counting_queries()
    assert len(data.submissions) == 400 and len(data.students) == 200
    assert data.pending, "some reflections wait for the facilitator"
    assert _as_sets(data) == _walked(url)
    with Gradebook(url) as gb:
        for s in range(1, 101, 2):  # fifty more hand-ins
            gb.add_submission("a2", f"learner{s:03d}")
    more, queries_after = read_counting_queries()
    assert len(more.submissions) == 450
    assert queries_after == queries, "the number of queries does not grow with the cohort"


@pytest.mark.parametrize("command", [["course.facilitator", "links"], ["course.links"]])
def test_launch_links_print_from_either_name(command):
    out = subprocess.run(
        [sys.executable, "-m", *command, "--hub", "https://hub.example.org"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    assert "mybinder.org/v2/gh/" in out.stdout and "hub.example.org/hub/user-redirect/git-pull" in out.stdout
    assert "00_welcome.ipynb" in out.stdout.replace("%2F", "/")
    # the browser edition too, whichever name is used (one command, not two that drift apart)
    assert "Browser: https://closer-course.github.io/closer/" in out.stdout
