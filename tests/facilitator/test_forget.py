"""Forgetting a learner removes their work everywhere the course keeps it, and nothing else."""

from __future__ import annotations

import subprocess
import sys

import pytest

from course.facilitator import cohort, forget

from . import kit
from .kit import ANSWERS, A

pytestmark = pytest.mark.slow


def test_forget_removes_one_learner_everywhere_and_keeps_the_others(tmp_path):
    course = kit.make_course(tmp_path, "course")
    for student in ("lrn-leaving", "lrn-staying"):
        kit.hand_in(course, student, kit.answered(ANSWERS))
    results = cohort.autograde_cohort(course, A, workers=1)
    cohort.write_reports(results, course / "reports", A)
    kit.nbgrader(course, "generate_feedback", A, "--force", ok=(0,))

    found = forget.plan(course, "lrn-leaving")
    assert {p.parent.name for p in found.folders} == {"submitted", "autograded", "feedback"}
    assert found.in_gradebook and len(found.reports) == 2  # the text and the CSV report

    refused = subprocess.run(
        [sys.executable, "-m", "course.facilitator", "forget", "lrn-leaving"],
        cwd=course,
        input="no\n",
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 1 and "Nothing was deleted." in refused.stdout
    assert (course / "submitted" / "lrn-leaving").is_dir()

    done = subprocess.run(
        [sys.executable, "-m", "course.facilitator", "forget", "lrn-leaving", "--yes"],
        cwd=course,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "Grading reports that mention them" in done.stdout
    for step in ("submitted", "autograded", "feedback"):
        assert not (course / step / "lrn-leaving").exists()
        assert (course / step / "lrn-staying").is_dir()
    assert forget.plan(course, "lrn-leaving").empty
    scores = kit.cell_scores(course, ["lrn-leaving", "lrn-staying"])
    assert scores["lrn-leaving"] is None and scores["lrn-staying"]["check_story_1"] == 1


@pytest.mark.parametrize("bad", ["", " lrn", "../other", "."])
def test_forget_refuses_what_is_not_a_learner_id(tmp_path, bad):
    course = kit.make_course(tmp_path, "course")
    with pytest.raises(ValueError, match="is not a learner id"):
        forget.plan(course, bad)
