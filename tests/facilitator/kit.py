"""What the grading tests share: a scratch course for exercise 1 and learners' hand-ins."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
A = "01_what_is_intimacy"
NB = f"{A}.ipynb"
ANSWERS = {
    "story_1": "experiential",
    "story_2": "intellectual",
    "story_3": "emotional",
    "story_4": "physical",
    "question_5": "give and take",
    "question_6": "false",
}


def release() -> nbformat.NotebookNode:
    """Exercise 1 as learners receive it."""
    return nbformat.read(ROOT / "exercises" / A / NB, as_version=4)


def cell(nb: nbformat.NotebookNode, grade_id: str) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def answered(answers: dict[str, str], open_quote: str = '"', close_quote: str = '"', indent: str = ""):
    """The released notebook with some answer lines filled in, as a learner would."""
    nb = release()
    for name, value in answers.items():
        c = cell(nb, name)
        c.source = c.source.replace(f'{name} = ""', f"{indent}{name} = {open_quote}{value}{close_quote}")
    return nb


def nbgrader(course: Path, *args: str, ok: tuple[int, ...] = (0, 1)) -> subprocess.CompletedProcess:
    """Run nbgrader in ``course``; serial nbgrader exits 1 when any submission fails."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args], cwd=course, env=env, capture_output=True, text=True
    )
    assert result.returncode in ok, result.stderr[-3000:]
    return result


def make_course(base: Path, name: str) -> Path:
    """A course folder with exercise 1 generated, another assignment's release beside it."""
    course = base / name
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "solutions" / A, course / "solutions" / A)
    shutil.copytree(ROOT / "exercises" / "02_fear_of_intimacy", course / "exercises" / "02_fear_of_intimacy")
    nbgrader(course, "generate_assignment", A, "--force", ok=(0,))
    return course


def hand_in(
    course: Path, student: str, work: nbformat.NotebookNode | str | bytes | None, name: str = NB
) -> Path:
    """Put a learner's hand-in in submitted/: a notebook, raw text or bytes, or nothing at all."""
    folder = course / "submitted" / student / A
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.ipynb"):
        old.unlink()
    path = folder / name
    if isinstance(work, bytes):
        path.write_bytes(work)
    elif isinstance(work, str):
        path.write_text(work, encoding="utf-8")
    elif work is not None:
        nbformat.write(work, path)
    return path


def cell_scores(course: Path, students) -> dict[str, dict[str, float | None] | None]:
    """Each learner's score per graded cell, as the gradebook has it."""
    from nbgrader.api import Gradebook, MissingEntry

    out: dict[str, dict[str, float | None] | None] = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student in students:
            try:
                sub = gb.find_submission(A, student)
            except MissingEntry:
                out[student] = None
                continue
            out[student] = {g.name: g.score for nb in sub.notebooks for g in nb.grades}
    return out
