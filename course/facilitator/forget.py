"""Delete everything the course keeps about one learner: ``python -m course.facilitator forget ID``.

Handed-in reflections are personal writing. When a learner leaves, asks for their data to be
deleted, or the course's retention period ends, one command removes their hand-ins
(``submitted/``), graded copies (``autograded/``), feedback (``feedback/``), their hand-ins
still in nbgrader's exchange, and their rows in the gradebook (submissions, grades, comments),
and names any grading report that still mentions them. It takes the course's grading lock, so
it never deletes under a grading run, and it asks before deleting unless given ``--yes``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .lock import grading_lock


@dataclass
class Plan:
    """What forgetting a learner removes, found before anything is touched."""

    student: str
    folders: list[Path] = field(default_factory=list)
    in_gradebook: bool = False
    reports: list[Path] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.folders or self.in_gradebook)

    def describe(self) -> str:
        lines = [f"Everything kept about {self.student!r}:"]
        lines += [f"  folder  {p}" for p in self.folders]
        if self.in_gradebook:
            lines.append("  gradebook  their submissions, grades and comments")
        if self.reports:
            lines.append("Grading reports that mention them (not changed; delete or edit them yourself):")
            lines += [f"  {p}" for p in self.reports]
        return "\n".join(lines)


def _coursedir(root: Path):
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    config.CourseDirectory.root = str(root)
    return CourseDirectory(config=config), config


def plan(root: Path, student: str) -> Plan:
    """Find what is kept about ``student`` in the course at ``root`` (reads, deletes nothing)."""
    if not student or student != student.strip() or "/" in student or student in (".", ".."):
        raise ValueError(f"{student!r} is not a learner id.")
    from nbgrader.api import Gradebook, MissingEntry

    coursedir, config = _coursedir(root)
    found = Plan(student)
    for step in (coursedir.submitted_directory, coursedir.autograded_directory, coursedir.feedback_directory):
        folder = Path(coursedir.root) / step / student
        if folder.exists():
            found.folders.append(folder)
    exchange = config.get("Exchange", {}).get("root")
    course_id = coursedir.course_id
    if exchange and course_id:
        for box in ("inbound", "feedback_public"):
            base = Path(exchange) / course_id / box
            if base.is_dir():
                found.folders += sorted(p for p in base.iterdir() if p.name.startswith(f"{student}+"))
    with Gradebook(coursedir.db_url) as gb:
        try:
            gb.find_student(student)
            found.in_gradebook = True
        except MissingEntry:
            pass
    reports = Path(coursedir.root) / "reports"
    if reports.is_dir():
        found.reports = sorted(
            p
            for p in reports.iterdir()
            if p.is_file() and student in p.read_text(encoding="utf-8", errors="replace")
        )
    return found


def forget(root: Path, student: str) -> Plan:
    """Delete everything ``plan`` finds, under the grading lock; returns what was deleted."""
    from nbgrader.api import Gradebook

    with grading_lock(root):
        found = plan(root, student)
        for folder in found.folders:
            if folder.is_dir():
                shutil.rmtree(folder)
            else:
                folder.unlink()
        if found.in_gradebook:
            coursedir, _ = _coursedir(root)
            with Gradebook(coursedir.db_url) as gb:
                gb.remove_student(student)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m course.facilitator forget",
        description="Delete one learner's hand-ins, graded copies, feedback and gradebook rows.",
    )
    parser.add_argument("student", help="the learner's id, as in submitted/<id>/")
    parser.add_argument("--course-dir", default=".", help="the folder holding nbgrader_config.py")
    parser.add_argument("--yes", action="store_true", help="delete without asking")
    args = parser.parse_args(argv)
    root = Path(args.course_dir).resolve()
    if not (root / "nbgrader_config.py").is_file():
        print(f"✗ {root} has no nbgrader_config.py: run this from the course folder.", file=sys.stderr)
        return 2
    try:
        found = plan(root, args.student)
    except ValueError as exc:
        print(f"✗ {exc}", file=sys.stderr)
        return 2
    if found.empty:
        print(f"Nothing is kept about {args.student!r} in this course.")
        return 0
    print(found.describe())
    if not args.yes:
        answer = input("Delete all of this? It cannot be undone. Type yes to delete: ")
        if answer.strip().lower() != "yes":
            print("Nothing was deleted.")
            return 1
    forget(root, args.student)
    print(f"✓ Deleted everything kept about {args.student!r}.")
    return 0
