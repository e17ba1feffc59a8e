"""Grading runs that overlap, are killed outright, or find no isolation: reports stay right."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from . import kit
from .kit import ANSWERS, A

pytestmark = pytest.mark.slow

MIXED = {"story_1": ANSWERS["story_1"], "story_3": ANSWERS["story_3"], "question_6": "false"}


def _cohort(course: Path, size: int) -> dict[str, int]:
    """``size`` learners, alternately all right and half right; their expected scores."""
    expected = {}
    for n in range(size):
        student = f"learner{n:02d}"
        full = n % 2 == 0
        kit.hand_in(course, student, kit.answered(ANSWERS if full else MIXED))
        expected[student] = 6 if full else 3
    return expected


def _command(course: Path, *args: str, path: str | None = None) -> subprocess.Popen:
    env = dict(os.environ, PATH=path or f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    return subprocess.Popen(
        [sys.executable, "-m", "course.facilitator", "autograde", A, *args],
        cwd=course,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _scores(course: Path, students) -> dict[str, float | None]:
    scores = kit.cell_scores(course, students)
    return {
        s: (sum(v for k, v in cells.items() if k != "reflection") if cells else None)
        for s, cells in scores.items()
    }


def test_two_runs_at_once_take_turns_and_both_report_right(tmp_path):
    course = kit.make_course(tmp_path, "course")
    expected = _cohort(course, 10)
    first = _command(course, "--workers", "1")
    time.sleep(0.3)
    second = _command(course, "--workers", "1")
    outs = [p.communicate(timeout=600) for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], outs
    waited = [err for _, err in outs if "Another grading run for this course is in progress" in err]
    assert len(waited) == 1, "the second run waited for the first, and said so"
    for out, _ in outs:
        assert f"Autograding {A}: 10 submissions, 10 graded, 0 with problems." in out
    assert _scores(course, expected) == expected
    for student in expected:
        assert (course / "autograded" / student / A / kit.NB).is_file()


def test_plain_nbgrader_waits_for_the_course_command_too(tmp_path):
    course = kit.make_course(tmp_path, "course")
    expected = _cohort(course, 6)
    ours = _command(course, "--workers", "1")
    time.sleep(1.5)
    plain = kit.nbgrader(course, "autograde", A, "--force")
    assert "Another grading run for this course is in progress" in plain.stderr
    _, err = ours.communicate(timeout=600)
    assert ours.returncode == 0, err
    assert _scores(course, expected) == expected


def test_a_run_killed_outright_is_finished_by_the_next(tmp_path):
    course = kit.make_course(tmp_path, "course")
    expected = _cohort(course, 12)
    run = _command(course, "--workers", "1")
    assert run.stdout is not None
    first_line = run.stdout.readline()  # one learner graded, the rest not yet
    assert first_line.startswith("✓ "), first_line
    os.killpg(run.pid, signal.SIGKILL)
    run.wait(timeout=30)
    again = _command(course, "--workers", "2")
    out, err = again.communicate(timeout=600)
    assert again.returncode == 0, err
    assert "Another grading run" not in err, "a killed run leaves no lock behind"
    assert "12 submissions, 12 graded, 0 with problems." in out
    assert _scores(course, expected) == expected


def test_no_isolation_refuses_in_one_line_unless_asked(tmp_path):
    course = kit.make_course(tmp_path, "course")
    expected = _cohort(course, 2)
    bare = str(tmp_path / "bin")  # a PATH without bubblewrap
    Path(bare).mkdir()
    refused = _command(course, path=bare)
    out, err = refused.communicate(timeout=120)
    assert refused.returncode == 2
    assert err.strip().splitlines() == [
        "✗ Grading runs isolated, and isolation is unavailable here: bubblewrap is not installed "
        "(Debian/Ubuntu: apt-get install bubblewrap). Install bubblewrap, or grade without isolation "
        "with --no-isolation."
    ]
    assert not (course / "autograded").exists()
    allowed = _command(course, "--no-isolation", path=bare)
    out, err = allowed.communicate(timeout=600)
    assert allowed.returncode == 0, err
    assert "graded without isolation (the facilitator turned it off)" in out
    assert _scores(course, expected) == expected
