"""The older name of ``course.facilitator``: ``python -m course.grading autograde ...`` still works,
and a facilitator's own ``nbgrader_config.py`` that imports the preprocessors from here too."""

from __future__ import annotations

from .facilitator.grading import ClearAnswers, RedactHiddenTests

__all__ = ["ClearAnswers", "RedactHiddenTests"]

if __name__ == "__main__":
    import sys

    from .facilitator.cohort import main

    sys.exit(main())
