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

Autograding never runs a learner's code. ``LearnerNotebookExporter`` reads a submission as a
phone or an old Jupyter may have saved it; ``RebuildFromRelease`` then grades the *released*
notebook, not the learner's: every cell, its type, metadata and tags as released, test cells
with their hidden tests from the gradebook, answer cells rebuilt from the learner's answer
lines read as literals (``answers``), reflections with the learner's text. ``RunAnswers`` runs
that notebook in a fresh, isolated interpreter (``sandbox``). What was set aside or changed is
kept in the notebook's metadata (``closer.notes``) for the course's report.
"""

from __future__ import annotations

import contextlib
import copy
import glob
import os
import re
from pathlib import Path
from typing import Any

import nbformat
from jinja2 import DictLoader, pass_context
from nbconvert.exporters import HTMLExporter, NotebookExporter
from nbconvert.filters import clean_html
from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import ClearHiddenTests, ClearSolutions, NbGraderPreprocessor
from traitlets import Bool, Float, Integer, Unicode, default

from . import answers, sandbox

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


# --------------------------------------------------------------------------------------
# Autograding: the learner's answers, never the learner's code
# --------------------------------------------------------------------------------------

NOTES_KEY = "closer"


def read_submission(data: bytes) -> NotebookNode:
    """A submitted notebook as nbformat 4: a UTF-8 byte-order mark is ignored, version 3 upgraded."""
    text = data.decode("utf-8-sig")
    return nbformat.reads(text, as_version=4)


class LearnerNotebookExporter(NotebookExporter):
    """Reads what learners hand in, as their editors saved it (see ``read_submission``)."""

    def from_filename(self, filename: str, resources: dict | None = None, **kw: Any) -> tuple[Any, Any]:
        resources = resources if resources is not None else {}
        resources.setdefault("metadata", {})
        path, name = os.path.split(filename)
        resources["metadata"].update(name=os.path.splitext(name)[0], path=path)
        return self.from_notebook_node(read_submission(Path(filename).read_bytes()), resources, **kw)


def _notes(nb: NotebookNode) -> list[str]:
    return nb.metadata.setdefault(NOTES_KEY, {}).setdefault("notes", [])


class WrongNotebook(ValueError):
    """A hand-in that is another notebook altogether: nothing in it can be graded here."""


class RebuildFromRelease(NbGraderPreprocessor):
    """Grade the released notebook, filled in with the learner's answers only.

    From the learner's notebook this takes the text of answer cells (read as literals, see
    ``answers``) and of reflection cells (kept as Markdown, at most ``max_text`` characters);
    everything else, cell order, types, metadata and tags included, is as released, and test
    cells hold their hidden tests again, from the gradebook. Extra cells, edited locked cells,
    changed tags (``skip-execution``) and pasted copies of cells are set aside and noted.
    """

    max_text = Integer(100_000, help="Longest reflection kept, in characters.").tag(config=True)

    def _released(self, resources: dict) -> NotebookNode:
        coursedir = CourseDirectory(config=self.config)
        info = resources["nbgrader"]
        path = Path(coursedir.format_path(coursedir.release_directory, ".", info["assignment"]))
        path = path / f"{info['notebook']}.ipynb"
        if not path.is_file():
            raise FileNotFoundError(f"the released notebook {path} is missing: run `make exercises` first")
        return nbformat.read(path, as_version=4)

    def _test_sources(self, resources: dict, ids: list[str]) -> dict[str, str]:
        info = resources["nbgrader"]
        sources = {}
        with Gradebook(info["db_url"]) as gb:
            for gid in ids:
                with contextlib.suppress(MissingEntry):
                    sources[gid] = gb.find_source_cell(gid, info["notebook"], info["assignment"]).source
        return sources

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        released = self._released(resources)
        mine: dict[str, NotebookNode] = {}
        copies: set[str] = set()
        extra = 0
        for cell in nb.cells:
            gid = (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id")
            if gid in mine:
                copies.add(gid)
            if gid:
                mine[gid] = cell
            else:
                extra += 1
        known = {(c.metadata.get("nbgrader") or {}).get("grade_id") for c in released.cells}
        if mine and not answers.same_notebook(released.cells, mine):
            raise WrongNotebook(
                f"the hand-in is not the notebook of {resources['nbgrader']['assignment']}: "
                "its instructions are another notebook's"
            )
        extra += sum(1 for gid in mine if gid not in known)
        tests = [
            c.metadata.nbgrader["grade_id"]
            for c in released.cells
            if c.cell_type == "code" and utils.is_grade(c) and not utils.is_solution(c)
        ]
        hidden = self._test_sources(resources, tests)
        notes: list[str] = []
        cells = []
        for original in released.cells:
            cell = copy.deepcopy(original)
            meta = cell.metadata.get("nbgrader") or {}
            gid = meta.get("grade_id")
            learner = mine.get(gid)
            if cell.cell_type == "code" and meta.get("solution"):
                reading = answers.read_answers(
                    learner.source if learner else "", answers.expected_names(original.source), gid
                )
                cell.source = reading.source()
                notes += reading.notes
            elif cell.cell_type == "markdown" and meta.get("solution") and learner is not None:
                text = learner.source
                if len(text) > self.max_text:
                    text = text[: self.max_text]
                    notes.append(f"the reflection in {gid} was cut to {self.max_text:,} characters")
                cell.source = text
            elif gid in hidden:
                cell.source = hidden[gid]
            if learner is None and gid and meta.get("locked"):
                notes.append(f"{gid} was missing from the hand-in; it was graded as released")
            elif (
                learner is not None
                and meta.get("locked")
                and learner.source.strip() != original.source.strip()
            ):
                notes.append(f"{gid} was edited; it was graded as released")
            elif learner is not None and learner.cell_type != original.cell_type:
                notes.append(f"{gid} was changed to a {learner.cell_type} cell; it was read as released")
            if learner is not None and (learner.metadata.get("tags") or []) != (
                original.metadata.get("tags") or []
            ):
                notes.append(f"tags added to {gid} were ignored")
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
            cells.append(cell)
        if copies:
            notes.append(f"copies of {', '.join(sorted(copies))} were found; the last copy of each was read")
        if extra:
            notes.append(f"{extra} extra cell{'s' * (extra != 1)} set aside (not graded, not run)")
        nb.cells = cells
        nb.metadata = copy.deepcopy(released.metadata)
        _notes(nb).extend(notes)
        return nb, resources


class RunAnswers(NbGraderPreprocessor):
    """Run the rebuilt notebook's code cells in one fresh, isolated interpreter (``sandbox``).

    Replaces nbgrader's Execute: no Jupyter kernel, so a learner costs one short process, and
    the process has no network and sees no course files. Outputs are trimmed as they are made.
    """

    isolate = Bool(help="Run isolated (bubblewrap); turn off only where isolation is unavailable.").tag(
        config=True
    )
    timeout = Float(60.0, help="Seconds for all of a notebook's cells together.").tag(config=True)
    memory_mb = Integer(1024, help="Memory for the graded cells, in MB.").tag(config=True)
    output_chars = Integer(20_000, help="Longest output kept per cell, in characters.").tag(config=True)

    @default("isolate")
    def _isolate_default(self) -> bool:
        return sandbox.isolation_wanted()

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        code = [c for c in nb.cells if c.cell_type == "code"]
        limits = sandbox.Limits(
            seconds=self.timeout, memory_mb=self.memory_mb, output_chars=self.output_chars
        )
        outputs = sandbox.run_cells([c.source for c in code], isolate=self.isolate, limits=limits)
        for n, (cell, outs) in enumerate(zip(code, outputs, strict=True), start=1):
            cell.outputs = [nbformat.from_dict(o) for o in outs]
            cell.execution_count = n
        if not self.isolate:
            _notes(nb).append("graded without isolation (the facilitator turned it off)")
        return nb, resources


# --------------------------------------------------------------------------------------
# Pages: feedback for learners and the Formgrader for facilitators
# --------------------------------------------------------------------------------------

# The only Content-Security-Policy a feedback page needs: its own inline styles and images.
FEEDBACK_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"


class SafeHTMLExporter(HTMLExporter):
    """nbconvert's HTML, loading nothing from another site.

    Learner text is made inert by nbconvert's own sanitizer (bleach): ``sanitize_html`` (set in
    ``nbgrader_config.py``) covers outputs, and every Markdown cell is cleaned here too, because
    nbgrader's feedback and Formgrader templates render Markdown without it. The exporter also
    drops the MathJax script that nbconvert's templates fetch from a CDN (the course has no
    mathematics) and, for feedback, sets a Content-Security-Policy under which no script runs
    and no request leaves the page.
    """

    csp = Unicode("", help="Content-Security-Policy for the page; empty for none.").tag(config=True)

    @default("extra_loaders")
    def _no_remote_mathjax(self) -> list[Any]:
        return [DictLoader({"mathjax.html.j2": '{%- macro mathjax(url="") -%}{%- endmacro %}'})]

    @pass_context
    def markdown2html(self, context: Any, source: str) -> str:
        return clean_html(super().markdown2html(context, source))

    def from_notebook_node(
        self, nb: NotebookNode, resources: dict | None = None, **kw: Any
    ) -> tuple[str, Any]:
        # No page shows a hidden test: not feedback, and not the Formgrader either (a test's
        # source is in solutions/; a page can be left open or shared).
        nb, _ = RedactHiddenTests(parent=self).preprocess(copy.deepcopy(nb), resources or {})
        output, resources = super().from_notebook_node(nb, resources, **kw)
        if self.csp:
            meta = f'<meta http-equiv="Content-Security-Policy" content="{self.csp}">'
            output = output.replace("<head>", f"<head>\n{meta}", 1)
        return output, resources


class FeedbackExporter(SafeHTMLExporter):
    """Feedback pages: no script at all, nothing fetched (see ``FEEDBACK_CSP``)."""

    @default("csp")
    def _feedback_csp(self) -> str:
        return FEEDBACK_CSP


def _init_notebooks_literally(self: Any) -> None:
    """nbgrader's ``init_notebooks``, reading each found folder as a name, not a pattern.

    nbgrader globs for notebooks inside the folders its first glob found, so a learner
    folder named ``sam[1]`` was read as the pattern "sam1": that learner was graded with
    another's work. The folders found are escaped before the second glob.
    """
    self.assignments = {}
    self.notebooks = []
    pattern = self._format_source(self.coursedir.assignment_id, self.coursedir.student_id)
    for assignment in glob.glob(pattern):
        found = glob.glob(os.path.join(glob.escape(assignment), self.coursedir.notebook_id + ".ipynb"))
        if not found:
            self.log.warning("No notebooks were matched in '%s'", assignment)
            continue
        self.assignments[assignment] = found
    if not self.assignments:
        from nbgrader.converters.base import NbGraderException

        message = f"No notebooks were matched by '{pattern}'"
        self.log.error(message)
        raise NbGraderException(message)


def install() -> None:
    """Wire what settings alone cannot into nbgrader, once per process (``nbgrader_config.py``).

    nbgrader builds some of its objects itself, with no setting for another class: the
    Autograde converter (which must hold the course's grading lock for its whole run, see
    ``lock``), the Formgrader's page exporter (which must be ``SafeHTMLExporter``), and the
    converters' search for notebooks (which must not read a learner's id as a pattern).
    """
    from nbgrader.converters.base import BaseConverter
    from nbgrader.server_extensions.formgrader import formgrader

    from .lock import lock_nbgrader_autograde

    lock_nbgrader_autograde()
    formgrader.HTMLExporter = SafeHTMLExporter  # type: ignore[misc]
    BaseConverter.init_notebooks = _init_notebooks_literally  # type: ignore[method-assign]
