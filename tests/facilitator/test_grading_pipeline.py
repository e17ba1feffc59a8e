"""The nbgrader pipeline for every assignment in solutions/, run in a scratch course folder.

For each assignment: the committed student version is exactly what nbgrader generates;
the instructor version autogrades to full marks; the blank student version to zero; a
copy whose test cells were edited grades as if they were untouched; and the feedback a
learner receives never contains the source of a hidden test.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
ASSIGNMENTS = sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())
BEGIN, END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"

pytestmark = pytest.mark.slow


def _nbgrader(course_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result


def _comparable(nb: nbformat.NotebookNode) -> dict:
    """A notebook without what legitimately varies between runs."""
    data = json.loads(nbformat.writes(nb))
    data["metadata"].pop("language_info", None)
    return data


def _hidden_code_lines(nb: nbformat.NotebookNode) -> list[str]:
    """Lines of code inside hidden test regions (string-literal lines are feedback text)."""
    lines = []
    for cell in nb.cells:
        inside = False
        for line in cell.source.splitlines():
            if BEGIN in line:
                inside = True
            elif END in line:
                inside = False
            elif inside and line.strip() and not line.strip().startswith(('"', "'", ")")):
                lines.append(line.strip())
    return lines


def _tamper(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Replace every autograder test cell with code that would always pass."""
    nb = nbformat.from_dict(json.loads(nbformat.writes(nb)))
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            cell.source = "pass  # tests removed by the learner"
    return nb


@pytest.fixture(scope="module", params=ASSIGNMENTS)
def graded(request, tmp_path_factory):
    """Generate, submit four versions, autograde and generate feedback, once per assignment."""
    name = request.param
    course_dir = tmp_path_factory.mktemp(name)
    shutil.copy(ROOT / "nbgrader_config.py", course_dir)
    shutil.copytree(ROOT / "solutions" / name, course_dir / "solutions" / name)
    _nbgrader(course_dir, "generate_assignment", name, "--force")

    solution = {p.name: nbformat.read(p, 4) for p in (ROOT / "solutions" / name).glob("*.ipynb")}
    blank = {p.name: nbformat.read(p, 4) for p in (ROOT / "exercises" / name).glob("*.ipynb")}
    submissions = {
        "solution": solution,
        "blank": blank,
        "tampered_solution": {k: _tamper(v) for k, v in solution.items()},
        "tampered_blank": {k: _tamper(v) for k, v in blank.items()},
    }
    for student, notebooks in submissions.items():
        folder = course_dir / "submitted" / student / name
        folder.mkdir(parents=True)
        for filename, nb in notebooks.items():
            nbformat.write(nb, folder / filename)
    _nbgrader(course_dir, "autograde", name, "--force")
    _nbgrader(course_dir, "generate_feedback", name, "--force")
    return name, course_dir, solution


def _scores(course_dir: Path, name: str) -> dict[str, tuple[float, float, float]]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}") as gb:
        assignment = gb.find_assignment(name)
        out = {}
        for student in ("solution", "blank", "tampered_solution", "tampered_blank"):
            sub = gb.find_submission(name, student)
            out[student] = (sub.code_score, assignment.max_code_score, sub.max_score)
        return out


def test_committed_exercises_are_what_nbgrader_generates(graded):
    name, course_dir, _ = graded
    generated = sorted((course_dir / "exercises" / name).glob("*.ipynb"))
    committed = sorted((ROOT / "exercises" / name).glob("*.ipynb"))
    assert [p.name for p in generated] == [p.name for p in committed], "run `make exercises`"
    for new, old in zip(generated, committed, strict=True):
        assert _comparable(nbformat.read(new, 4)) == _comparable(nbformat.read(old, 4)), (
            f"exercises/{name}/{old.name} is out of date: run `make exercises`"
        )


def test_student_version_has_no_solutions_and_no_hidden_tests(graded):
    name, _, solution = graded
    for path in (ROOT / "exercises" / name).glob("*.ipynb"):
        text = path.read_text()
        assert BEGIN not in text and "# SOLUTION" not in text
        for line in _hidden_code_lines(solution[path.name]):
            assert line not in text


def test_solution_gets_full_marks_and_blank_gets_zero(graded):
    name, course_dir, _ = graded
    scores = _scores(course_dir, name)
    score, max_code, _ = scores["solution"]
    assert max_code > 0
    assert score == max_code
    assert scores["blank"][0] == 0


def test_edited_test_cells_are_restored_before_grading(graded):
    name, course_dir, _ = graded
    scores = _scores(course_dir, name)
    assert scores["tampered_solution"][0] == scores["solution"][0]
    assert scores["tampered_blank"][0] == 0


def test_feedback_shows_scores_and_explanations_but_no_hidden_test_source(graded):
    name, course_dir, solution = graded
    hidden = [line for nb in solution.values() for line in _hidden_code_lines(nb)]
    assert hidden, "every assignment should have hidden tests"
    for student in ("solution", "blank", "tampered_blank"):
        pages = sorted((course_dir / "feedback" / student / name).glob("*.html"))
        assert pages, f"no feedback for {student}"
        for page in pages:
            text = html.unescape(page.read_text())
            assert "HIDDEN TESTS" not in text
            for line in hidden:
                assert line not in text, f"feedback for {student} leaks: {line}"
            assert "Score:" in text or "score" in text.lower()

    def feedback(student: str) -> str:
        """The pages' visible text (the stylesheet mentions "Traceback" in a comment)."""
        pages = (course_dir / "feedback" / student / name).glob("*.html")
        return "".join(re.sub(r"<style.*?</style>", "", p.read_text(), flags=re.S) for p in pages)

    blank, right = feedback("blank"), feedback("solution")
    assert "✗ Not quite." in blank, "a wrong answer shows its explanation"
    assert "AssertionError" not in blank and "Traceback" not in blank
    assert "✓ Right." in right and "✗ Not quite." not in right, "a right answer shows its explanation"


def test_a_manually_graded_reflection_completes_the_marks(graded):
    from nbgrader.api import Gradebook

    name, course_dir, _ = graded
    with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}") as gb:
        sub = gb.find_submission(name, "solution")
        manual = [g for nb in sub.notebooks for g in nb.grades if g.cell.cell_type == "markdown"]
        assert manual, "every assignment has a manually graded reflection"
        for grade in manual:
            assert grade.needs_manual_grade
            grade.manual_score = grade.max_score
        gb.db.commit()
        sub = gb.find_submission(name, "solution")
        assert sub.score == sub.max_score
        blank = gb.find_submission(name, "blank")
        blank_manual = [g for nb in blank.notebooks for g in nb.grades if g.cell.cell_type == "markdown"]
        assert blank_manual and not any(g.needs_manual_grade for g in blank_manual)
