"""Helpers shared by the tests and `make bench` (pytest puts this folder on sys.path; the
browser suite and the bench import it as tests.support)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import ipywidgets as W
import nbformat

ROOT = Path(__file__).resolve().parent.parent


def walk(widget: W.Widget) -> Iterator[W.Widget]:
    """The widget and every widget inside it, depth first."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def html_text(widget: W.Widget) -> str:
    """All the HTML text a widget shows, joined: what a learner reads in it (text blocks and
    status lines)."""
    from course.ui.controls import StatusLine

    return " ".join(w.value for w in walk(widget) if isinstance(w, (W.HTML, StatusLine)))


def notebook_markdown(path: Path) -> str:
    """The markdown cells of a notebook, joined: the words a learner reads in it."""
    nb = nbformat.read(path, as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def course_markdown(name: str) -> str:
    """The markdown of course/<name>.ipynb."""
    return notebook_markdown(ROOT / "course" / f"{name}.ipynb")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_process_group(proc: subprocess.Popen) -> None:
    """Stop a server started with start_new_session=True, and everything it started."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def synthetic_gradebook(
    url: str, assignments: Sequence[str], learners: int, hands_in: Callable[[int, int], bool]
) -> None:
    """A gradebook built with nbgrader's API, like a facilitator's after some weeks: each
    assignment has four autograded checks and a reflection; learner ``s`` handed in assignment
    ``a`` when ``hands_in(a, s)``; one check in five failed, and a third of the reflections still
    wait for marking."""
    from nbgrader.api import Grade, Gradebook

    path = os.environ["PATH"]
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{path}"  # a new gradebook runs alembic
    try:
        with Gradebook(url) as gb:
            for name in assignments:
                gb.add_assignment(name)
                gb.add_notebook(name, name)
                for q in range(1, 5):
                    gb.add_grade_cell(f"check_{q}", name, name, max_score=1, cell_type="code")
                    gb.add_solution_cell(f"check_{q}", name, name)
                gb.add_grade_cell("reflection", name, name, max_score=2, cell_type="markdown")
                gb.add_solution_cell("reflection", name, name)
            for s in range(learners):
                gb.add_student(f"learner{s:03d}", first_name=f"Name{s:03d}", last_name="Example")
            for a, name in enumerate(assignments):
                for s in range(learners):
                    if hands_in(a, s):
                        gb.add_submission(name, f"learner{s:03d}")
            for i, grade in enumerate(gb.db.query(Grade).all()):
                if grade.name != "reflection":
                    grade.auto_score, grade.needs_manual_grade = float(i % 5 != 0), False
                elif i % 3:
                    grade.manual_score, grade.needs_manual_grade = 1.0 + i % 2, False
            gb.db.commit()
    finally:
        os.environ["PATH"] = path


# nbgrader's own autograding as it ships (a kernel per notebook, the learner's code run), on top
# of the course's settings: the baseline that honest learners' scores and `make bench` compare with.
PLAIN_NBGRADER_CONFIG = """
exec(open(__file__.replace("nbgrader_config.py", "course_config.py")).read())
from nbconvert.exporters import NotebookExporter
from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties, CheckCellMetadata, ClearOutput, DeduplicateIds, Execute, IgnorePattern,
    LimitOutput, OverwriteCells, OverwriteKernelspec, SaveAutoGrades,
)
c.Autograde.exporter_class = NotebookExporter
c.Autograde.sanitize_preprocessors = [
    ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCells, CheckCellMetadata,
]
c.Autograde.autograde_preprocessors = [
    Execute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades, AssignLatePenalties,
    CheckCellMetadata,
]
"""


def use_plain_nbgrader(course: Path) -> None:
    """Make ``course`` grade as plain nbgrader does (its nbgrader_config.py becomes the baseline)."""
    config = course / "nbgrader_config.py"
    (course / "course_config.py").write_text(config.read_text(encoding="utf-8"), encoding="utf-8")
    config.write_text(PLAIN_NBGRADER_CONFIG, encoding="utf-8")
