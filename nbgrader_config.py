"""nbgrader settings for the Closer course.

Instructor versions live in solutions/<assignment>/, student versions are generated into
exercises/<assignment>/ (`make exercises`). Two course preprocessors (course/facilitator/grading.py)
give learners plain one-line answers and keep hidden tests out of feedback.
"""

from pathlib import Path

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    CheckCellMetadata,
    ClearHiddenTests,
    ClearMarkScheme,
    ClearOutput,
    ComputeChecksums,
    GetGrades,
    IncludeHeaderFooter,
    InstantiateTests,
    LockCells,
    SaveCells,
)

try:
    from course.facilitator.grading import ClearAnswers, RedactHiddenTests
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

# A learner's notebook gets a generous but finite time per cell when autograded.
c.ExecutePreprocessor.timeout = 60
