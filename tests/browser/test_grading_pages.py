"""Feedback and Formgrader pages in Chromium: a learner's HTML never runs, and no request leaves.

Three learners hand in exercise 1: an honest one, one whose reflection and saved outputs carry
live HTML (scripts, handlers, frames, remote images), and one whose code tries to print the
hidden tests and the solutions. After grading, each learner's feedback page and each Formgrader
page a facilitator opens are loaded with scripts on; nothing the learners wrote may run, no
request may leave the page's origin, and no page may show a hidden test or a solution.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from course.facilitator import cohort
from tests.facilitator import kit
from tests.support import free_port, stop_process_group

A, ANSWERS = kit.A, kit.ANSWERS
PWNED = "window.__closer_pwned"
PAYLOAD = (
    f'<script>{PWNED}=1</script> <img src=x onerror="{PWNED}=2"> <a href="javascript:{PWNED}=3">x</a> '
    '<iframe src="https://evil.example/frame"></iframe> <img src="https://evil.example/pixel.png"> '
    f'<svg onload="{PWNED}=4"></svg> <details open ontoggle="{PWNED}=5">x</details>'
)
TOKEN = "closer-grading-pages"
LEARNERS = ("lrn-honest", "lrn-html", "lrn-secrets")


def _hand_ins(course: Path) -> None:
    kit.hand_in(course, "lrn-honest", kit.answered(ANSWERS))
    html_nb = kit.answered(ANSWERS)
    kit.cell(html_nb, "reflection").source = f"My reflection. {PAYLOAD}"
    import nbformat

    for c in html_nb.cells:
        if c.cell_type == "code":
            c.outputs = [nbformat.v4.new_output("display_data", data={"text/html": PAYLOAD})]
    kit.hand_in(course, "lrn-html", html_nb)
    secrets = kit.answered({})
    kit.cell(
        secrets, "story_1"
    ).source += (
        "\nimport glob\nfor f in glob.glob('../../../solutions/*/*.ipynb'):\n    print(open(f).read())"
    )
    kit.hand_in(course, "lrn-secrets", secrets)


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory):
    course = kit.make_course(tmp_path_factory.mktemp("pages"), "course")
    _hand_ins(course)
    results = cohort.autograde_cohort(course, A, workers=2)
    assert all(r.status == "graded" for r in results), [r.summary for r in results]
    kit.nbgrader(course, "generate_feedback", A, "--force", ok=(0,))
    return course


@pytest.fixture(scope="module")
def formgrader(graded_course):
    """A Jupyter server in the course folder, with nbgrader's Formgrader as a facilitator uses it."""
    port = free_port()
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(graded_course / ".jupyter-config"))
    log = open(graded_course / "server.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "jupyter"),
            "server",
            "--no-browser",
            "--allow-root",
            "--ip=127.0.0.1",
            f"--port={port}",
            f"--IdentityProvider.token={TOKEN}",
            f"--ServerApp.root_dir={graded_course}",
        ],
        cwd=graded_course,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=5)
                break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail((graded_course / "server.log").read_text()[-3000:])
                time.sleep(0.3)
        yield url
    finally:
        stop_process_group(server)
        log.close()


def _notebook_ids(course: Path) -> dict[str, str]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {s: gb.find_submission_notebook(A, A, s).id for s in LEARNERS}


def _hidden_code() -> list[str]:
    import nbformat

    nb = nbformat.read(kit.ROOT / "solutions" / A / kit.NB, 4)
    return [
        line.strip()
        for c in nb.cells
        for line in c.source.split("### BEGIN HIDDEN TESTS", 1)[-1]
        .split("### END HIDDEN TESTS")[0]
        .splitlines()
        if "### BEGIN HIDDEN TESTS" in c.source and line.strip().startswith(("mark(", "mark_any("))
    ]


def _visit(browser, url: str, origin: str) -> tuple[str, list[str], list[str], object]:
    """Open ``url`` with scripts on: its text, requests that tried to leave, dialogs, the marker."""
    context = browser.new_context()
    page = context.new_page()
    left: list[str] = []
    dialogs: list[str] = []

    def guard(route):
        if route.request.url.startswith((origin, "data:", "blob:")):
            route.continue_()
        else:
            left.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(800)  # anything a learner's HTML would do, it does at load
    for details in page.locator("details").all():  # an ontoggle handler would fire on opening
        details.evaluate("d => d.open = !d.open")
    marker = page.evaluate(f"() => {PWNED}")
    text = page.locator("body").inner_text()
    context.close()
    return text, left, dialogs, marker


@pytest.mark.parametrize("learner", LEARNERS)
def test_feedback_pages_run_nothing_a_learner_wrote_and_fetch_nothing(graded_course, browser, learner):
    (page_path,) = (graded_course / "feedback" / learner / A).glob("*.html")
    text, left, dialogs, marker = _visit(browser, page_path.as_uri(), "file://")
    assert marker is None and dialogs == [] and left == []
    assert "HIDDEN TESTS" not in text and not any(line in text for line in _hidden_code())
    assert "# SOLUTION" not in text and "instructor version only" not in text
    for other in LEARNERS:
        assert other == learner or other not in text
    if learner == "lrn-html":
        assert f"<script>{PWNED}=1</script>" in text, "the learner's HTML is shown as text"


@pytest.mark.parametrize("learner", LEARNERS)
def test_formgrader_pages_run_nothing_a_learner_wrote_and_fetch_nothing(
    graded_course, formgrader, browser, learner
):
    page_id = _notebook_ids(graded_course)[learner]
    url = f"{formgrader}/formgrader/submissions/{page_id}/?token={TOKEN}"
    text, left, dialogs, marker = _visit(browser, url, formgrader)
    assert "Reflection" in text or "reflection" in text, text[:500]  # the real page, not an error
    assert marker is None and dialogs == [], "a learner's script ran in the Formgrader"
    assert left == [], f"requests left the Formgrader: {left}"
    assert "HIDDEN TESTS" not in text and not any(line in text for line in _hidden_code())
    assert "# SOLUTION" not in text and "instructor version only" not in text
    assert not re.search("|".join(re.escape(o) for o in LEARNERS if o != learner), text)
    if learner == "lrn-html":
        assert f"<script>{PWNED}=1</script>" in text, "the learner's HTML is shown as text"


def test_the_formgraders_autograde_button_grades_answers_only(graded_course, formgrader):
    """The button calls nbgrader in the server's process: the course's settings apply there too."""
    import json

    cheat = kit.answered({})
    kit.cell(
        cheat, "story_1"
    ).source += "\nimport course.exercises as ex\nex.mark = ex.mark_any = lambda *a, **k: None"
    kit.hand_in(graded_course, "lrn-button", cheat)
    request = urllib.request.Request(
        f"{formgrader}/formgrader/api/submission/{A}/lrn-button/autograde",
        method="POST",
        data=b"",
        headers={"Authorization": f"token {TOKEN}"},
    )
    with urllib.request.urlopen(request, timeout=300) as reply:
        outcome = json.loads(reply.read())
    assert outcome["success"], outcome
    assert kit.cell_scores(graded_course, ["lrn-button"])["lrn-button"]["check_story_1"] == 0
    graded = json.loads(
        (graded_course / "autograded" / "lrn-button" / A / kit.NB).read_text(encoding="utf-8")
    )
    assert (
        "code in story_1's cell was not run; its answer line was marked"
        in graded["metadata"]["closer"]["notes"]
    )
