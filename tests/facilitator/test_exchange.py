"""The whole nbgrader exchange, as a facilitator and two learners would use it, in temporary
folders: release, fetch, submit, collect, autograde, feedback release and feedback fetch.
Each learner has their own home folder and user name; nothing is shared but the exchange."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from course.facilitator import cohort

ROOT = Path(__file__).resolve().parents[2]
A = "01_what_is_intimacy"
NB = f"{A}.ipynb"
pytestmark = pytest.mark.slow


def _run(cwd: Path, home: Path, user: str, exchange: Path, *args: str) -> str:
    env = dict(
        os.environ,
        HOME=str(home),
        USER=user,
        LOGNAME=user,
        JUPYTER_CONFIG_DIR=str(home / ".jupyter"),
        JUPYTER_DATA_DIR=str(home / ".local/share/jupyter"),
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    )
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args, f"--Exchange.root={exchange}"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, f"{user}: nbgrader {' '.join(args)} failed:\n{result.stderr[-3000:]}"
    return result.stdout + result.stderr


def _answer(nb_path: Path, answers: dict[str, str]) -> None:
    nb = nbformat.read(nb_path, as_version=4)
    for cell in nb.cells:
        for name, value in answers.items():
            cell.source = cell.source.replace(f'{name} = ""', f'{name} = "{value}"')
    nbformat.write(nb, nb_path)


def test_release_fetch_submit_collect_grade_and_return_feedback(tmp_path):
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    os.chmod(exchange, 0o777)
    course = tmp_path / "facilitator" / "closer"
    course.mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "solutions" / A, course / "solutions" / A)
    facilitator = tmp_path / "facilitator"

    def teach(*args: str) -> str:
        return _run(course, facilitator, "facilitator", exchange, *args)

    teach("generate_assignment", A, "--force")
    teach("release_assignment", A, "--force")

    answers = {
        "ana": {"story_1": "experiential", "story_2": "intellectual", "story_3": "emotional",
                "story_4": "physical", "question_5": "give and take", "question_6": "false"},
        "bo": {"story_1": "emotional", "question_6": "false"},
    }  # fmt: skip
    homes = {}
    for learner, picks in answers.items():
        home = tmp_path / "home" / learner
        home.mkdir(parents=True)
        homes[learner] = home
        listing = _run(home, home, learner, exchange, "list", "--course", "closer")
        assert A in listing
        _run(home, home, learner, exchange, "fetch_assignment", A, "--course", "closer")
        fetched = home / A / NB
        assert fetched.is_file(), f"{learner} has no copy of the assignment"
        _answer(fetched, picks)
        # on a hub each learner is their own OS user; here nbgrader is told who is submitting
        _run(home, home, learner, exchange, "submit", A, "--course", "closer", f"--student={learner}")

    teach("collect", A)
    for learner in answers:
        assert (course / "submitted" / learner / A / NB).is_file()

    results = {r.student: r for r in cohort.autograde_cohort(course, A, workers=2)}
    assert results["ana"].status == results["bo"].status == "graded"
    assert (results["ana"].score, results["bo"].score) == (6, 1)

    teach("generate_feedback", A, "--force")
    teach("release_feedback", A)
    for learner, home in homes.items():
        _run(home, home, learner, exchange, "fetch_feedback", A, "--course", "closer", f"--student={learner}")
        pages = list((home / A / "feedback").rglob("*.html"))
        assert len(pages) == 1, f"{learner} should receive exactly one feedback page"
        text = html.unescape(re.sub(r"<style.*?</style>", "", pages[0].read_text(), flags=re.S))
        assert "Score:" in text
        assert "HIDDEN TESTS" not in text and "from course.exercises import mark" not in text
        assert "✓ Right." in text
        if learner == "bo":
            assert "✗ Not quite. Story 1 shows experiential closeness" in text
        # each learner sees only their own feedback
        other = next(name for name in answers if name != learner)
        assert not (home / other).exists()
