"""nbgrader customisations for Closer, wired in by ``nbgrader_config.py``.

``ClearAnswers``: learners are not programmers, so an autograded answer is one plain
line. In the instructor version it is written ``story_1 = "emotional"  # SOLUTION``;
the student version gets ``story_1 = ""``. nbgrader's own stub (``raise
NotImplementedError()``) would greet a learner with a traceback.

``RedactHiddenTests``: nbgrader's feedback shows graded cells as autograde restored
them, hidden tests included (nbgrader issues #917 and #1363), and a failing test's
traceback quotes its source. This preprocessor runs in ``generate_feedback`` and
removes hidden test regions and tracebacks from test cells, keeping only the error's
message, which the course writes as feedback for the learner (see ``exercises.mark``).
"""

from __future__ import annotations

import re
from typing import Any

from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.preprocessors import ClearHiddenTests, ClearSolutions

ANSWER_LINE = re.compile(r"^(?P<indent>\s*)(?P<name>[A-Za-z_]\w*)\s*=\s*.+?\s*#\s*SOLUTION\s*$")


def clear_answer_lines(source: str) -> tuple[str, bool]:
    """Blank every ``name = value  # SOLUTION`` line to ``name = ""``."""
    replaced = False
    lines = []
    for line in source.split("\n"):
        match = ANSWER_LINE.match(line)
        if match:
            line = f'{match["indent"]}{match["name"]} = ""'
            replaced = True
        lines.append(line)
    return "\n".join(lines), replaced


def learner_message(ename: str, evalue: str) -> str:
    """A failed check as the learner should read it: the explanation, not a Python error."""
    if ename == "AssertionError" and evalue:
        return evalue
    if ename == "AssertionError":
        return "✗ This check did not pass."
    return f"✗ This check could not run ({ename}: {evalue}).".replace(": )", ")")


class ClearAnswers(ClearSolutions):
    """ClearSolutions that also blanks one-line answers marked ``# SOLUTION``."""

    def _replace_solution_region(self, cell: NotebookNode, language: str) -> bool:
        replaced = False
        if cell.cell_type == "code":
            cell.source, replaced = clear_answer_lines(cell.source)
        return super()._replace_solution_region(cell, language) or replaced


class RedactHiddenTests(ClearHiddenTests):
    """For feedback: hidden test source and test tracebacks never reach the learner."""

    def preprocess_cell(self, cell: NotebookNode, resources: Any, cell_index: int) -> tuple[Any, Any]:
        if cell.cell_type != "code" or not utils.is_grade(cell):
            return cell, resources
        self._remove_hidden_test_region(cell)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                output["traceback"] = [learner_message(output.get("ename", ""), output.get("evalue", ""))]
        return cell, resources
