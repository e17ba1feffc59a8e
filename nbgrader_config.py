"""nbgrader settings for the Closer course.

Instructor versions live in solutions/<assignment>/, student versions are generated into
exercises/<assignment>/ (`make exercises`). The course's preprocessors
(course/facilitator/grading.py) give learners plain one-line answers, grade their answers
without ever running their code, keep hidden tests out of feedback, and show whatever a
learner wrote as text, never as live HTML. Every nbgrader entry point reads this file (the
command line, the Formgrader, `python -m course.facilitator`), so all of them grade alike.
"""

from pathlib import Path

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    ClearHiddenTests,
    ClearMarkScheme,
    ClearOutput,
    ComputeChecksums,
    GetGrades,
    IncludeHeaderFooter,
    InstantiateTests,
    LockCells,
    SaveAutoGrades,
    SaveCells,
)

try:
    from course.facilitator.grading import (
        ClearAnswers,
        FeedbackExporter,
        LearnerNotebookExporter,
        RebuildFromRelease,
        RedactHiddenTests,
        RunAnswers,
        install,
    )
except ImportError as exc:  # pragma: no cover - a facilitator without the course installed
    raise SystemExit(
        "nbgrader_config.py needs the Closer course package. Run `make test` or "
        "`pip install -e .` in this folder first."
    ) from exc

c = get_config()  # provided by traitlets when it loads this file

c.CourseDirectory.course_id = "closer"
c.CourseDirectory.root = str(Path(__file__).resolve().parent)
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
# The gradebook is nbgrader's default, <this folder>/gradebook.db.

c.ClearSolutions.text_stub = "Write your answer here."

# nbgrader 0.9's default list, with ClearSolutions swapped for ClearAnswers.
c.GenerateAssignment.preprocessors = [
    IncludeHeaderFooter,
    InstantiateTests,
    LockCells,
    ClearAnswers,
    ClearOutput,
    CheckCellMetadata,
    ComputeChecksums,
    SaveCells,
    ClearHiddenTests,
    ClearMarkScheme,
    ComputeChecksums,
    CheckCellMetadata,
]
c.GenerateFeedback.preprocessors = [GetGrades, RedactHiddenTests, CSSHTMLHeaderPreprocessor]

# Autograding grades the released notebook filled in with the learner's answer lines (read as
# literals, never run) and runs it in a fresh, isolated interpreter instead of a kernel.
c.Autograde.exporter_class = LearnerNotebookExporter
c.Autograde.sanitize_preprocessors = [ClearOutput, RebuildFromRelease, CheckCellMetadata]
c.Autograde.autograde_preprocessors = [RunAnswers, SaveAutoGrades, AssignLatePenalties, CheckCellMetadata]
c.RunAnswers.timeout = 60  # seconds for a whole notebook's graded cells
# Isolation (bubblewrap) is on unless CLOSER_GRADING_ISOLATION=off; grading refuses to run
# unisolated otherwise, saying why.

# Feedback and the Formgrader show what learners wrote as text: no script, event handler or
# remote resource from a learner survives (nbconvert's own sanitizer, bleach).
c.HTMLExporter.sanitize_html = True
# ...and load nothing from another site; feedback pages run no script at all.
c.GenerateFeedback.exporter_class = FeedbackExporter

# One grading run at a time per course, whichever way it was started, and the Formgrader's
# pages made the same safe way (nbgrader has no setting for either).
install()
