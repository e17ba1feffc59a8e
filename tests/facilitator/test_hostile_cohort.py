"""A cohort graded as a hostile or careless learner would hand work in: marks come only from
answer lines, no hand-in touches the course or another learner, and every page shows learner
text as text.

Thirty-nine kinds of hand-in: honest work (graded as plain nbgrader grades it), careless but
honest work (curly quotes, a byte-order mark, nbformat 3, indented answers, learner ids that
look like file patterns), cheats that beat the old grading (replacing the marking helpers,
IPython hooks, skip-execution tags, reading the solutions, writing the gradebook, deleting
other learners' work), live HTML, huge text, pasted and deleted cells, and hand-ins that cannot
be graded at all. Two runs: the honest cohort first, then everyone else, so that the second
run's effect on the first run's learners can be seen.
"""

from __future__ import annotations

import copy
import hashlib
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from support import use_plain_nbgrader

from course.facilitator import cohort

from . import kit
from .kit import ANSWERS, NB, ROOT, A

pytestmark = pytest.mark.slow

MIXED = {
    "story_1": ANSWERS["story_1"],
    "story_2": "physical",
    "story_3": ANSWERS["story_3"],
    "question_6": "false",
}
BLANK: dict[str, str] = {}
BOLD = "window.__closer_pwned"
PAYLOAD = (
    f'<script>{BOLD}=1</script> <img src=x onerror="{BOLD}=2"> <a href="javascript:{BOLD}=3">x</a> '
    '<iframe src="https://evil.example/frame"></iframe> <img src="https://evil.example/pixel.png"> '
    f'<svg onload="{BOLD}=4"></svg> <style>body{{background:url(https://evil.example/bg)}}</style> '
    f'<details open ontoggle="{BOLD}=5">x</details> ![track](https://evil.example/md.png)'
)


def _with_code(answers: dict[str, str], code: str, where: str = "story_1") -> nbformat.NotebookNode:
    nb = kit.answered(answers)
    kit.cell(nb, where).source += "\n" + code
    return nb


def _reflection(nb: nbformat.NotebookNode, text: str) -> nbformat.NotebookNode:
    kit.cell(nb, "reflection").source = text
    return nb


def _v3(nb: nbformat.NotebookNode) -> str:
    """The notebook as an old Jupyter (nbformat 3) would have saved it."""
    return nbformat.writes(nbformat.convert(copy.deepcopy(nb), 3), version=3)


def _skip_tags() -> nbformat.NotebookNode:
    nb = kit.answered(BLANK)
    for c in nb.cells:
        meta = c.metadata.get("nbgrader") or {}
        if meta.get("grade") and c.cell_type == "code":
            c.metadata["tags"] = ["skip-execution", "raises-exception"]
            meta["points"] = 100
            meta["grade"] = False
    return nb


def _pasted_check() -> nbformat.NotebookNode:
    nb = kit.answered(ANSWERS)
    copy_cell = copy.deepcopy(kit.cell(nb, "check_story_1"))
    copy_cell.source = "pass  # pasted"
    copy_cell.id = "pasted-copy"
    nb.cells.insert(3, copy_cell)
    return nb


def _deleted_cells() -> nbformat.NotebookNode:
    nb = kit.answered(ANSWERS)
    nb.cells.remove(kit.cell(nb, "story_2"))
    nb.cells.remove(kit.cell(nb, "check_story_3"))
    return nb


def _retyped() -> nbformat.NotebookNode:
    nb = kit.answered(ANSWERS)
    index = nb.cells.index(kit.cell(nb, "story_2"))
    old = nb.cells[index]
    nb.cells[index] = nbformat.v4.new_markdown_cell(old.source, metadata=old.metadata, id=old.id)
    return nb


def _edited_test() -> nbformat.NotebookNode:
    nb = kit.answered(BLANK)
    kit.cell(nb, "check_story_4").source = "print('all fine')"
    return nb


def _saved_outputs(answers: dict[str, str], text: str, html_payload: str = "") -> nbformat.NotebookNode:
    nb = kit.answered(answers)
    for c in nb.cells:
        if c.cell_type == "code":
            c.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
            if html_payload:
                c.outputs.append(nbformat.v4.new_output("display_data", data={"text/html": html_payload}))
    return nb


def _answer_line(expression: str) -> nbformat.NotebookNode:
    nb = kit.answered({k: v for k, v in ANSWERS.items() if k != "story_1"})
    c = kit.cell(nb, "story_1")
    c.source = c.source.replace('story_1 = ""', f"story_1 = {expression}")
    return nb


def _other_assignment() -> nbformat.NotebookNode:
    return nbformat.read(ROOT / "exercises" / "02_fear_of_intimacy" / "02_fear_of_intimacy.ipynb", 4)


GRADEBOOK = "../../../gradebook.db"
# (student, hand-in, expected autograded score or None for a named problem, words in the report)
HONEST = {
    "lrn-full": (kit.answered(ANSWERS), 6, None),
    "lrn-blank": (kit.answered(BLANK), 0, None),
    "lrn-mixed": (kit.answered(MIXED), 3, None),
    "Zoë Müller": (kit.answered(ANSWERS), 6, None),
    "sam[1]": (kit.answered(ANSWERS), 6, None),
    "sam1": (kit.answered(BLANK), 0, None),
    "-lrn-dash": (kit.answered(MIXED), 3, None),
    "lrn*star?": (kit.answered(ANSWERS), 6, None),
}
CARELESS = {
    "lrn-curly": (kit.answered(ANSWERS, "“", "”"), 6, None),
    "lrn-single-curly": (kit.answered(ANSWERS, "‘", "’"), 6, None),
    "lrn-indented": (kit.answered(ANSWERS, indent="  "), 6, None),
    "lrn-bom": (b"\xef\xbb\xbf" + nbformat.writes(kit.answered(ANSWERS)).encode(), 6, None),
    "lrn-v3": (_v3(kit.answered(ANSWERS)), 6, None),
}
CHEATS = {
    "lrn-replace-mark": (
        _with_code(
            BLANK, "import course.exercises as ex\nex.mark = ex.mark_any = lambda *a, **k: print('✓ Right.')"
        ),
        0,
        "code in story_1's cell was not run; its answer line was marked",
    ),
    "lrn-replace-matches": (
        _with_code(BLANK, "import course.exercises as ex\nex.answer_matches = lambda *a: True"),
        0,
        "was not run",
    ),
    "lrn-prerun-hook": (
        _with_code(
            BLANK,
            "ip = get_ipython()\ndef peek(info):\n    print(info.raw_cell)\n"
            "ip.events.register('pre_run_cell', peek)",
        ),
        0,
        "was not run",
    ),
    "lrn-silence-errors": (
        _with_code(BLANK, "get_ipython().set_custom_exc((BaseException,), lambda *a, **k: None)"),
        0,
        "was not run",
    ),
    "lrn-skip-tags": (_skip_tags(), 0, "tags added to check_story_1 were ignored"),
    "lrn-read-solutions": (
        _answer_line("open('../../../solutions/01_what_is_intimacy/01_what_is_intimacy.ipynb').read()[0:0]"),
        5,
        "story_1's answer is not a plain value in quotes, so it was marked as blank",
    ),
    "lrn-gradebook": (
        _with_code(
            BLANK,
            f"import sqlite3\ndb = sqlite3.connect('{GRADEBOOK}')\n"
            "db.execute('UPDATE grade SET auto_score = 0, manual_score = 0')\n"
            "db.execute('DELETE FROM submitted_assignment WHERE id != 0')\ndb.commit()",
        ),
        0,
        "was not run",
    ),
    "lrn-delete-other": (
        _with_code(BLANK, "import shutil\nshutil.rmtree('../../lrn-full', ignore_errors=True)"),
        0,
        "was not run",
    ),
    "lrn-delete-reports": (
        _with_code(BLANK, "import shutil\nshutil.rmtree('../../../reports', ignore_errors=True)"),
        0,
        "was not run",
    ),
    "lrn-self-points": (
        _reflection(
            _with_code(
                BLANK,
                f"import sqlite3\ndb = sqlite3.connect('{GRADEBOOK}')\n"
                "db.execute('UPDATE grade SET manual_score = 4')\ndb.commit()",
            ),
            "I wrote a reflection.",
        ),
        0,
        "was not run",
    ),
    "lrn-print-secrets": (
        _with_code(
            BLANK,
            "import glob\nfor f in glob.glob('../../../solutions/*/*.ipynb'): print(open(f).read())\n"
            "import os\nprint(os.listdir('../..'))",
        ),
        0,
        "was not run",
    ),
    "lrn-os-exit": (_with_code(ANSWERS, "import os\nos._exit(1)"), 6, "was not run"),
    "lrn-endless": (_with_code(ANSWERS, "while True:\n    pass"), 6, "was not run"),
    "lrn-memory": (_with_code(ANSWERS, "hog = bytearray(10**12)"), 6, "was not run"),
    "lrn-html-reflection": (_reflection(kit.answered(ANSWERS), f"My reflection. {PAYLOAD}"), 6, None),
    "lrn-html-output": (_saved_outputs(MIXED, "saved output", PAYLOAD), 3, None),
    "lrn-huge-reflection": (
        _reflection(kit.answered(ANSWERS), "x" * 8_000_000),
        6,
        "the reflection in reflection was cut to 100,000 characters",
    ),
    "lrn-huge-output": (_saved_outputs(ANSWERS, "y" * 8_000_000), 6, None),
    "lrn-pasted-check": (_pasted_check(), 6, "copies of check_story_1 were found"),
    "lrn-deleted-cells": (_deleted_cells(), 5, "check_story_3 was missing from the hand-in"),
    "lrn-retyped": (_retyped(), 6, "story_2 was changed to a markdown cell"),
    "lrn-edited-test": (_edited_test(), 0, "check_story_4 was edited; it was graded as released"),
    "lrn-non-literal": (_answer_line('"exp" + "eriential"'), 5, "not a plain value"),
    "lrn-variable": (_answer_line("story_3"), 5, "not a plain value"),
    "lrn-not-json": ('{"cells": [ this is not json', None, "not a valid notebook file"),
    "lrn-missing": (None, None, "missing notebook 01_what_is_intimacy.ipynb"),
    "lrn-other-assignment": (
        _other_assignment(),
        None,
        "notebook of a different assignment (02_fear_of_intimacy)",
    ),
}
FIRST = {**HONEST, **CARELESS, "lrn-resubmit": (kit.answered(ANSWERS), 6, None)}
SECOND = {**CHEATS, "lrn-resubmit": (b"\x00\x01 not a notebook", None, "not a valid notebook file")}
EVERYONE = {**HONEST, **CARELESS, **SECOND}


def _fingerprint(course: Path) -> dict[str, str]:
    """Every file a grading run must leave alone: all but its own working folders and the gradebook."""
    own = ("autograded", "feedback", "gradebook.db", ".closer-grading.lock")
    return {
        str(p.relative_to(course)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(course.rglob("*"))
        if p.is_file() and p.relative_to(course).parts[0] not in own
    }


def _grades(course: Path, students) -> dict[str, dict[str, tuple]]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {
            s: {
                g.name: (g.auto_score, g.manual_score)
                for nb in gb.find_submission(A, s).notebooks
                for g in nb.grades
            }
            for s in students
        }


@pytest.fixture(scope="module")
def cohort_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    course = kit.make_course(base, "course")
    for student, (work, _, _) in FIRST.items():
        kit.hand_in(course, student, work)
    first = {r.student: r for r in cohort.autograde_cohort(course, A, workers=2)}

    # a facilitator has marked one reflection; an old report sits in reports/
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        gb.find_grade("reflection", A, A, "lrn-full").manual_score = 3
        gb.db.commit()
    (course / "reports").mkdir()
    (course / "reports" / "earlier-run.txt").write_text("an earlier report\n")
    for student, (work, _, _) in SECOND.items():
        name = "Untitled.ipynb" if student == "lrn-missing" else NB
        kit.hand_in(course, student, work, name)
    before = _fingerprint(course)
    graded_before = _grades(course, HONEST)
    second = {r.student: r for r in cohort.autograde_cohort(course, A, workers=2, students=list(SECOND))}
    kit.nbgrader(course, "generate_feedback", A, "--force")
    return course, {**first, **second}, before, graded_before


@pytest.fixture(scope="module")
def plain_run(tmp_path_factory):
    """The honest learners graded by nbgrader as it ships."""
    base = tmp_path_factory.mktemp("plain")
    course = kit.make_course(base, "course")
    use_plain_nbgrader(course)
    for student, (work, _, _) in HONEST.items():
        kit.hand_in(course, student, work)
    kit.nbgrader(course, "autograde", A, "--force")
    return course


def test_the_cohort_has_at_least_25_kinds_of_hand_in():
    assert len(EVERYONE) >= 25 and len(CHEATS) >= 25


@pytest.mark.parametrize("student", list(EVERYONE))
def test_every_hand_in_scores_what_its_answer_lines_say_or_is_a_named_problem(cohort_run, student):
    _, results, _, _ = cohort_run
    _, score, words = EVERYONE[student]
    result = results[student]
    if score is None:
        assert result.status == "problem" and result.score is None, result.summary
    else:
        assert result.status == "graded", result.summary
        assert result.score == score, result.summary
    if words:
        assert words in result.summary
    assert "traceback" not in result.summary.lower()


def test_honest_learners_score_as_plain_nbgrader_scores_them(cohort_run, plain_run):
    course, _, _, _ = cohort_run

    def autograded(scores):  # the reflection is the facilitator's to mark (one is marked here)
        return {s: {q: v for q, v in cells.items() if q != "reflection"} for s, cells in scores.items()}

    ours, plain = autograded(kit.cell_scores(course, HONEST)), autograded(kit.cell_scores(plain_run, HONEST))
    assert ours == plain
    assert plain["lrn-full"]["check_story_1"] == 1 and plain["sam1"]["check_story_1"] == 0


def test_careless_but_honest_work_keeps_its_marks_that_plain_nbgrader_loses(cohort_run):
    _, results, _, _ = cohort_run
    assert all(results[s].score == 6 for s in CARELESS)


def test_nothing_outside_the_learners_own_grading_folders_changed(cohort_run):
    course, _, before, _ = cohort_run
    after = _fingerprint(course)
    assert {k: v for k, v in after.items() if k in before} == before
    new = set(after) - set(before)
    assert all(p.startswith("reports/") for p in new), new  # only this run's own reports
    assert (course / "submitted" / "lrn-full" / A / NB).is_file()


def test_no_hand_in_changed_another_learners_grades(cohort_run):
    course, _, _, graded_before = cohort_run
    assert _grades(course, HONEST) == graded_before
    assert graded_before["lrn-full"]["reflection"][1] == 3
    manual = _grades(course, ["lrn-self-points"])["lrn-self-points"]["reflection"]
    assert manual[1] is None, "a learner cannot give themselves reflection points"


def test_a_broken_resubmission_has_no_current_score_and_says_the_earlier_one_is_earlier(cohort_run):
    _, results, _, _ = cohort_run
    result = results["lrn-resubmit"]
    assert result.status == "problem" and result.score is None
    assert re.search(
        r"an earlier score of 6/6 \(graded \d\d \w+ \d{4} \d\d:\d\d\) is still in the gradebook",
        result.summary,
    )


def test_ids_that_look_like_file_patterns_are_each_graded_as_themselves(cohort_run):
    course, results, _, _ = cohort_run
    assert results["sam[1]"].score == 6 and results["sam1"].score == 0
    assert (course / "autograded" / "sam[1]" / A / NB).is_file()
    assert results["lrn*star?"].score == 6 and results["-lrn-dash"].score == 3


class _Tags(HTMLParser):
    """Markup that could run, fetch or send anything, collected from a page's real tags."""

    ALLOWED_META = ("Content-Security-Policy",)

    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        harmless_meta = tag == "meta" and (
            "charset" in named
            or named.get("name") == "viewport"
            or named.get("http-equiv") in self.ALLOWED_META
        )
        risky = ("script", "iframe", "frame", "object", "embed", "svg", "form", "base", "link", "meta")
        if tag in risky and not harmless_meta:
            self.bad.append(tag)
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") or value.startswith("javascript:"):
                self.bad.append(f"{tag} {name}")
            elif name in ("src", "srcset", "data", "action", "poster") and not value.startswith(
                ("data:", "#")
            ):
                self.bad.append(f"{tag} {name}={value[:40]}")
            elif name == "style" and "url(" in value:
                self.bad.append(f"{tag} style url")


def live_markup(page: str) -> list[str]:
    """Scripts, event handlers, frames, forms and remote sources in a page (links are fine)."""
    parser = _Tags()
    parser.feed(page)
    return parser.bad


def test_the_live_markup_check_finds_every_kind_of_payload():
    """The check above must be able to fail: on the raw payload it names each live piece."""
    found = live_markup(f"<p>{PAYLOAD}</p>")
    for piece in (
        "script",
        "img onerror",
        "a href",
        "iframe",
        "img src=https://evil",
        "svg onload",
        "details ontoggle",
    ):
        assert any(f.startswith(piece) for f in found), (piece, found)
    assert live_markup('<p>&lt;script&gt;x&lt;/script&gt; <a href="https://example.org">a link</a></p>') == []


def _visible_text(page: str) -> str:
    return html.unescape(re.sub(r"<style.*?</style>", "", page, flags=re.S))


def _hidden_test_lines() -> list[str]:
    nb = nbformat.read(ROOT / "solutions" / A / NB, 4)
    lines = []
    for c in nb.cells:
        inside = False
        for line in c.source.splitlines():
            inside = (inside or "BEGIN HIDDEN TESTS" in line) and "END HIDDEN TESTS" not in line
            if inside and line.strip().startswith(("mark(", "mark_any(", "from course")):
                lines.append(line.strip())
    return lines


@pytest.mark.parametrize("student", [s for s, (_, score, _) in EVERYONE.items() if score is not None])
def test_feedback_holds_no_hidden_test_solution_other_learner_or_live_html(cohort_run, student):
    course, _, _, _ = cohort_run
    (page_path,) = (course / "feedback" / student / A).glob("*.html")
    page = page_path.read_text(encoding="utf-8")
    assert len(page) < 2_000_000, "learner text is trimmed, whatever its size"
    text = _visible_text(page)
    assert "HIDDEN TESTS" not in text and "# SOLUTION" not in text and "instructor version only" not in text
    for line in _hidden_test_lines():
        assert line not in text
    for other in EVERYONE:
        if other != student and len(other) > 4:
            assert other not in text, f"{student}'s feedback names {other}"
    assert live_markup(page) == [], "learner HTML is text: no script, handler, frame or remote resource"
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_a_learners_html_is_shown_as_text(cohort_run):
    course, _, _, _ = cohort_run
    for student in ("lrn-html-reflection", "lrn-html-output"):
        (page,) = (course / "feedback" / student / A).glob("*.html")
        source = page.read_text(encoding="utf-8")
        if student == "lrn-html-reflection":
            assert "&lt;script&gt;window.__closer_pwned=1&lt;/script&gt;" in source


def test_the_autograded_notebook_holds_only_released_cells_and_literal_answers(cohort_run):
    course, _, _, _ = cohort_run
    released = kit.release()
    for student in ("lrn-replace-mark", "lrn-skip-tags", "lrn-pasted-check", "lrn-retyped"):
        nb = json.loads((course / "autograded" / student / A / NB).read_text(encoding="utf-8"))
        assert [c["metadata"].get("nbgrader", {}).get("grade_id") for c in nb["cells"]] == [
            c.metadata.get("nbgrader", {}).get("grade_id") for c in released.cells
        ]
        assert not any("skip-execution" in c["metadata"].get("tags", []) for c in nb["cells"])
        answer = kit.cell(nbformat.from_dict(nb), "story_1")
        assert re.fullmatch(r"story_1 = '[^']*'", "".join(answer.source)), answer.source
