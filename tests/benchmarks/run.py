"""`make bench`: the course's speed, as ratios of two things measured in the same run.

The machines are shared and noisy, so no figure is an absolute time except the slider
latency (the issue sets that target in milliseconds). Each ratio interleaves subject and
baseline and takes the median of BENCH_REPS repetitions (default 3). Results go to
bench-results/results.json and results.md, and the README's performance section is
rewritten with the latest table, the date and the machine's core count.

Run one figure only:  .venv/bin/python tests/benchmarks/run.py notebooks import
"""

from __future__ import annotations

import compileall
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench-results"
BIN = Path(sys.executable).parent
REPS = int(os.environ.get("BENCH_REPS", "3"))
ENV = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}")


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _paired(
    subject: Callable[[], object], baseline: Callable[[], object], reps: int = REPS
) -> tuple[float, float]:
    """Medians of subject and baseline, measured alternately so both see the same noise."""
    s, b = [], []
    for _ in range(reps):
        b.append(_timed(baseline))
        s.append(_timed(subject))
    return statistics.median(s), statistics.median(b)


def _row(
    figure: str, subject: float, baseline: float, target: str, met: bool, unit: str = "s", **extra
) -> dict:
    ratio = subject / baseline if baseline else float("nan")
    return {
        "figure": figure,
        "subject": round(subject, 4),
        "baseline": round(baseline, 4),
        "ratio": round(ratio, 2),
        "unit": unit,
        "target": target,
        "met": bool(met),
        **extra,
    }


def _run(*cmd: str, cwd: Path = ROOT, env: dict | None = None, ok: tuple[int, ...] = (0,)) -> str:
    result = subprocess.run(cmd, cwd=cwd, env=env or ENV, capture_output=True, text=True)
    if result.returncode not in ok:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return result.stdout


# --------------------------------------------------------------------------------------
# 1. Executing each course notebook, as nbval does
# --------------------------------------------------------------------------------------


LEARNERS = 60


def bench_notebooks() -> list[dict]:
    """Every notebook of course/, run from a disposable copy whose nbgrader course has a
    generated gradebook (the cohort report then reads a cohort, whatever this checkout holds)."""
    from nbclient import NotebookClient

    scratch = Path(tempfile.mkdtemp(prefix="closer-bench-notebooks-"))
    journal = tempfile.mkdtemp(prefix="closer-bench-journal-")  # never inside a course folder
    os.environ["CLOSER_DATA_DIR"] = journal
    skip = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    shutil.copytree(ROOT / "course", scratch / "course", ignore=skip)
    shutil.copy(ROOT / "nbgrader_config.py", scratch / "nbgrader_config.py")
    sys.path.insert(0, str(ROOT))
    from tests.support import synthetic_gradebook

    names = sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())

    def hands_in(a: int, s: int) -> bool:
        return s < LEARNERS - a * LEARNERS // 10  # fewer learners hand in as the course goes on

    synthetic_gradebook(f"sqlite:///{scratch / 'gradebook.db'}", names, LEARNERS, hands_in)
    template = nbformat.read(ROOT / "course" / "00_welcome.ipynb", as_version=4)
    bare = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")], metadata=template.metadata)

    def execute(nb: nbformat.NotebookNode) -> Callable[[], object]:
        def go() -> None:
            copy = nbformat.reads(nbformat.writes(nb), as_version=4)
            NotebookClient(
                copy,
                timeout=300,
                kernel_name="python3",
                resources={"metadata": {"path": str(scratch / "course")}},
            ).execute()

        return go

    # A facilitator's bare stack, the cohort report's baseline: nbgrader's API opening the same
    # gradebook (issue 12 settled the report's target this way; a learner's baseline is `bare`).
    opened = f"from nbgrader.api import Gradebook\nGradebook('sqlite:///{scratch / 'gradebook.db'}').close()"
    facilitator = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(opened)], metadata=template.metadata
    )
    rows = []
    for path in sorted((scratch / "course").glob("*.ipynb")):
        report = path.stem == "cohort_report"
        s, b = _paired(execute(nbformat.read(path, as_version=4)), execute(facilitator if report else bare))
        name = f"execute {path.name}"
        if report:
            name += f" (gradebook: {LEARNERS} learners, every assignment; baseline: nbgrader.api opening it)"
        rows.append(_row(name, s, b, "<= 1.5x", s / b <= 1.5))
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.rmtree(journal, ignore_errors=True)
    return rows


# --------------------------------------------------------------------------------------
# 2. Autograding one submission of each assignment, and 3. the cohort, in parallel
# --------------------------------------------------------------------------------------


def _one_question_assignment(folder: Path) -> None:
    """The smallest real assignment: one answer line and one hidden test."""
    folder.mkdir(parents=True)
    meta = {"schema_version": 3, "task": False}
    answer = nbformat.v4.new_code_cell('answer = "yes"  # SOLUTION')
    answer.metadata["nbgrader"] = {
        **meta,
        "grade": False,
        "solution": True,
        "locked": False,
        "grade_id": "answer",
    }
    test = nbformat.v4.new_code_cell('### BEGIN HIDDEN TESTS\nassert answer == "yes"\n### END HIDDEN TESTS')
    test.metadata["nbgrader"] = {
        **meta,
        "grade": True,
        "solution": False,
        "locked": True,
        "grade_id": "test",
        "points": 1,
    }
    template = nbformat.read(ROOT / "course" / "00_welcome.ipynb", as_version=4)
    nbformat.write(
        nbformat.v4.new_notebook(cells=[answer, test], metadata=template.metadata), folder / "bench_one.ipynb"
    )


def _course(base: Path, assignments: list[str]) -> Path:
    course = base / "course"
    course.mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    for name in assignments:
        shutil.copytree(ROOT / "solutions" / name, course / "solutions" / name)
        shutil.copytree(ROOT / "exercises" / name, course / "exercises" / name)
    return course


def _submit(course: Path, assignment: str, student: str, nb: nbformat.NotebookNode | str | None) -> None:
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(nb, str):
        (folder / f"{assignment}.ipynb").write_text(nb)
    elif nb is not None:
        nbformat.write(nb, folder / f"{assignment}.ipynb")


def bench_autograde_one() -> list[dict]:
    base = Path(tempfile.mkdtemp(prefix="closer-bench-grade-"))
    assignments = sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())
    course = _course(base, assignments)
    _one_question_assignment(course / "solutions" / "bench_one")
    for name in [*assignments, "bench_one"]:
        _run(sys.executable, "-m", "nbgrader", "generate_assignment", name, "--force", cwd=course)
        solution = course / "solutions" / name / f"{name}.ipynb"
        _submit(course, name, "learner", nbformat.read(solution, as_version=4))

    def grade(name: str) -> Callable[[], object]:
        return lambda: _run(
            sys.executable, "-m", "nbgrader", "autograde", name, "--student", "learner", "--force", cwd=course
        )

    rows = []
    for name in assignments:
        s, b = _paired(grade(name), grade("bench_one"))
        rows.append(_row(f"autograde one submission of {name}", s, b, "<= 1.3x", s / b <= 1.3))
    shutil.rmtree(base, ignore_errors=True)
    return rows


def _cohort_submissions(course: Path, assignment: str, count: int = 60, honest: bool = False) -> None:
    """A realistic mix: correct, blank, partial and broken submissions, a quarter each (with
    ``honest``, correct, blank and partial only: work plain nbgrader grades as the course does)."""
    release = nbformat.read(course / "exercises" / assignment / f"{assignment}.ipynb", as_version=4)
    solution = nbformat.read(course / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)
    answers = {}
    for cell in solution.cells:
        match = re.search(r'^(\w+) = (".*?")  # SOLUTION$', cell.source, flags=re.M)
        if match:
            answers[match.group(1)] = match.group(2)

    def answered(names: list[str]) -> nbformat.NotebookNode:
        nb = nbformat.reads(nbformat.writes(release), as_version=4)
        for cell in nb.cells:
            for name in names:
                cell.source = cell.source.replace(f'{name} = ""', f"{name} = {answers[name]}")
        return nb

    def raising() -> nbformat.NotebookNode:
        nb = answered(list(answers)[:2])
        cell = next(
            c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "code"
        )
        cell.source += "\nraise RuntimeError('oops')"
        return nb

    stranger = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")], metadata=release.metadata)
    broken: list[Callable[[], nbformat.NotebookNode | str | None]] = [
        lambda: '{"cells": [ not json',  # not a notebook
        lambda: None,  # nothing handed in
        lambda: stranger,  # someone else's notebook
        raising,  # code that raises
    ]
    for i in range(count):
        kind = i % 3 if honest else i % 4
        if kind == 0:
            nb = answered(list(answers))
        elif kind == 1:
            nb = release
        elif kind == 2:
            nb = answered(list(answers)[::2])
        else:
            nb = broken[(i // 4) % len(broken)]()
        _submit(course, assignment, f"learner{i:02d}", nb)


def _gradebook_scores(course: Path, assignment: str, count: int) -> dict[str, list | None]:
    from nbgrader.api import Gradebook, MissingEntry

    out: dict[str, list | None] = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for i in range(count):
            try:
                sub = gb.find_submission(assignment, f"learner{i:02d}")
                out[sub.student.id] = sorted((g.name, g.score) for nb in sub.notebooks for g in nb.grades)
            except MissingEntry:
                out[f"learner{i:02d}"] = None
    return out


def bench_cohort() -> list[dict]:
    """Sixty honest hand-ins (right, blank, half right) graded three ways, in one run each rep:
    plain nbgrader serially (a kernel per learner), the course's command with two workers, and
    the same without isolation (what bubblewrap costs)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from support import use_plain_nbgrader

    assignment = "01_what_is_intimacy"
    workers = int(os.environ.get("BENCH_WORKERS", "2"))
    times: dict[str, list[float]] = {"plain": [], "ours": [], "bare": []}
    identical = True
    for _ in range(REPS):
        base = Path(tempfile.mkdtemp(prefix="closer-bench-cohort-"))
        courses = {kind: _course(base / kind, [assignment]) for kind in times}
        use_plain_nbgrader(courses["plain"])
        for course in courses.values():
            _run(sys.executable, "-m", "nbgrader", "generate_assignment", assignment, "--force", cwd=course)
            _cohort_submissions(course, assignment, honest=True)
        plain = [sys.executable, "-m", "nbgrader", "autograde", assignment, "--force"]
        ours = [
            sys.executable,
            "-m",
            "course.facilitator",
            "autograde",
            assignment,
            "--workers",
            str(workers),
        ]
        times["plain"].append(_timed(lambda c=courses["plain"], cmd=plain: _run(*cmd, cwd=c, ok=(0, 1))))
        times["ours"].append(_timed(lambda c=courses["ours"], cmd=ours: _run(*cmd, cwd=c)))
        times["bare"].append(_timed(lambda c=courses["bare"], cmd=ours: _run(*cmd, "--no-isolation", cwd=c)))
        scores = [_gradebook_scores(c, assignment, LEARNERS) for c in courses.values()]
        identical = identical and scores[0] == scores[1] == scores[2]
        shutil.rmtree(base, ignore_errors=True)
    plain_s, ours_s, bare_s = (statistics.median(times[k]) for k in ("plain", "ours", "bare"))
    return [
        _row(
            f"cohort autograde, {LEARNERS} honest hand-ins, {workers} workers, against serial plain nbgrader "
            "(ratio = plain / ours)",
            ours_s,
            plain_s,
            ">= 3x faster, identical scores",
            plain_s / ours_s >= 3 and identical,
            speedup=round(plain_s / ours_s, 2),
            identical_scores=identical,
        ),
        _row(
            "the same cohort isolated (bubblewrap) against the same without isolation",
            ours_s,
            bare_s,
            "<= 1.15x",
            ours_s / bare_s <= 1.15,
        ),
    ]


# --------------------------------------------------------------------------------------
# 4. Slider move to redrawn chart, in Chromium
# --------------------------------------------------------------------------------------


# The page-side measurement: a move of the slider (or a key) starts the clock; the clock stops at
# the animation frame that paints the chart with its new data, seen by a MutationObserver (no
# polling delay).
_REDRAW_JS = r"""
window.__closerRedraw = (label) => {
    const lab = [...document.querySelectorAll('label.closer-range-label')]
        .find(l => l.textContent.includes(label));
    const input = document.getElementById(lab.htmlFor);
    const area = input.closest('.jp-Cell-outputArea');
    const plot = () => area.querySelector('.js-plotly-plot');
    const shown = () => {
        const p = plot();
        return p && p.data ? JSON.stringify(p.data.map(t => t.y)) : '';
    };
    // drawn = the new data is on the page with every trace in the SVG
    const drawn = (before) => {
        const p = plot();
        if (!p || !p.data) return false;
        return shown() !== before
            && p.querySelectorAll('.scatterlayer .trace').length === p.data.length;
    };
    const frame = () => new Promise(r => requestAnimationFrame(r));
    // Resolves with the time from `start` to the painted redraw.
    const watch = (start) => {
        const before = shown();
        return new Promise(resolve => {
            const seen = new MutationObserver(() => {
                if (!drawn(before)) return;
                seen.disconnect();
                frame().then(() => resolve(performance.now() - start()));
            });
            seen.observe(area, { childList: true, subtree: true, attributes: true });
        });
    };
    return { input, watch };
};
"""

SLIDER = "What I change in how I respond"


def _module3(lab, playwright):
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, TOKEN

    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(f"{lab.url}/lab/tree/course/03_avoider_and_pursuer.ipynb?reset&token={TOKEN}")
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=120_000)
    page.locator("li.lm-MenuBar-item", has_text="Run").first.click()
    page.locator("li.lm-Menu-item[data-command='runmenu:run-all']").click()
    page.wait_for_selector(
        f"label.closer-range-label >> text={SLIDER[:14]}", state="attached", timeout=120_000
    )
    page.get_by_label(SLIDER).scroll_into_view_if_needed()
    page.wait_for_timeout(1500)
    return browser, page


def _latency_row(figure: str, times: list[float]) -> dict:
    median = statistics.median(times)
    return {
        "figure": figure,
        "subject": round(median, 1),
        "baseline": None,
        "ratio": None,
        "unit": "ms",
        "target": "< 100 ms",
        "met": median < 100,
        "p90": round(sorted(times)[int(0.9 * len(times)) - 1], 1),
    }


_MOVES_JS = """async (label) => {
    const { input, watch } = window.__closerRedraw(label);
    const out = [];
    for (let i = 0; i < 30; i++) {
        input.value = String(i % 2 === 0 ? 3 : 2);
        let t0 = 0;
        const done = watch(() => t0);
        t0 = performance.now();
        input.dispatchEvent(new Event('change'));
        out.push(await done);
        await new Promise(r => setTimeout(r, 300)); // let the page settle
    }
    return out;
}"""


def slider_times(page, label: str = SLIDER) -> list[float]:
    """Milliseconds from 30 moves of module 3's simulator slider to the redrawn chart on screen."""
    page.add_script_tag(content=_REDRAW_JS)
    return page.evaluate(_MOVES_JS, label)


def bench_slider() -> list[dict]:
    """Slider move to redrawn chart, and a key pressed on the slider to redrawn chart, in the
    module 3 simulator: 30 of each, the median reported."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from tests.browser.conftest import serve_course

    with serve_course() as lab, sync_playwright() as playwright:
        browser, page = _module3(lab, playwright)
        moves = slider_times(page)
        # A real key press: Chromium's own input pipeline delivers the key to the focused slider
        # (the browser moves it and fires its change event); the clock starts at the keydown.
        page.get_by_label(SLIDER).focus()
        keys = []
        for i in range(30):
            page.evaluate(
                """(label) => {
                    const { watch } = window.__closerRedraw(label);
                    let t0 = null;
                    document.addEventListener('keydown', () => { t0 ??= performance.now(); },
                                              { capture: true, once: true });
                    window.__closerKey = watch(() => t0);
                }""",
                SLIDER,
            )
            page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
            keys.append(page.evaluate("() => window.__closerKey"))
            page.wait_for_timeout(300)
        browser.close()
    return [
        _latency_row(
            "slider move to redrawn chart in Chromium (module 3 simulator, median of 30 moves)", moves
        ),
        _latency_row(
            "key press on a slider to redrawn chart in Chromium (module 3, median of 30 presses)", keys
        ),
    ]


# --------------------------------------------------------------------------------------
# 5. import course, and 6. installing the Binder lock
# --------------------------------------------------------------------------------------


def bench_import() -> list[dict]:
    def importing(code: str) -> Callable[[], object]:
        return lambda: _run(sys.executable, "-c", code, cwd=Path(tempfile.gettempdir()))

    reps = max(REPS, 7)
    s, b = _paired(importing("import course"), importing("import plotly.graph_objects, ipywidgets"), reps)
    w, _ = _paired(importing("import course.ui.reflection"), importing("pass"), reps)
    return [
        _row("import course", s, b, "<= 1.2x", s / b <= 1.2),
        _row(
            "import course.ui.reflection (the check-in and reflection widgets), for reference",
            w,
            b,
            "-",
            True,
        ),
    ]


def bench_install() -> list[dict]:
    def install(*args: str) -> Callable[[], object]:
        def go() -> None:
            venv = Path(tempfile.mkdtemp(prefix="closer-bench-venv-"))
            try:
                _run(sys.executable, "-m", "venv", str(venv))
                _run(str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", *args)
            finally:
                shutil.rmtree(venv, ignore_errors=True)

        return go

    s, b = _paired(
        install("-r", str(ROOT / "binder" / "requirements.txt")),
        install("jupyterlab", "ipywidgets", "nbgrader", "plotly"),
        max(1, min(REPS, 2)),
    )
    return [_row("install the Binder lock into a fresh venv (pip cache warm)", s, b, "<= 1.2x", s / b <= 1.2)]


# --------------------------------------------------------------------------------------
# Reports
# --------------------------------------------------------------------------------------


def bench_lite() -> list[dict]:
    from lite import bench_lite as measure  # tests/benchmarks/lite.py: the browser edition

    return measure()


BENCHES: dict[str, Callable[[], list[dict]]] = {
    "notebooks": bench_notebooks,
    "autograde": bench_autograde_one,
    "cohort": bench_cohort,
    "slider": bench_slider,
    "import": bench_import,
    "install": bench_install,
    "lite": bench_lite,
}


def markdown(rows: list[dict], meta: dict) -> str:
    lines = [
        f"Measured {meta['date']} on {meta['cores']} cores (Python {meta['python']}), median of "
        f"{meta['reps']} repetitions; each ratio compares two things measured in the same run.",
        "",
        "| figure | measured | baseline | ratio | target | met |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        unit = r["unit"]
        baseline = "-" if r["baseline"] is None else f"{r['baseline']:.2f} {unit}"
        ratio = "-" if r["ratio"] is None else f"{r['ratio']:.2f}x"
        if "speedup" in r:
            ratio = f"{r['speedup']:.2f}x faster" + ("" if r["identical_scores"] else ", scores differ")
        measured = f"{r['subject']:.1f} {unit}" if unit == "ms" else f"{r['subject']:.2f} {unit}"
        met = "✓ yes" if r["met"] else "✗ no"
        lines.append(f"| {r['figure']} | {measured} | {baseline} | {ratio} | {r['target']} | {met} |")
    return "\n".join(lines) + "\n"


def update_readme(table: str) -> None:
    readme = ROOT / "README.md"
    text = readme.read_text()
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        readme.write_text(f"{head}{start}\n{table}{end}{tail}")


def main(argv: list[str]) -> int:
    chosen = argv or list(BENCHES)
    unknown = [name for name in chosen if name not in BENCHES]
    if unknown:
        print(
            f"Unknown benchmark(s): {', '.join(unknown)}. Choose from: {', '.join(BENCHES)}.", file=sys.stderr
        )
        return 2
    # Measure the steady state a learner sees: pip compiles an installed package's bytecode,
    # and an editable install writes it on first import, unless PYTHONDONTWRITEBYTECODE is
    # set (as on some CI machines), when every kernel would recompile the course from source.
    compileall.compile_dir(ROOT / "course", quiet=1)
    rows = []
    for name in chosen:
        print(f"… {name}", flush=True)
        for row in BENCHES[name]():
            print(f"  {row['figure']}: {row['subject']} {row['unit']} vs {row['baseline']} -> {row['ratio']} "
                  f"({'met' if row['met'] else 'MISSED'} {row['target']})", flush=True)  # fmt: skip
            rows.append(row)
    meta = {
        "date": date.today().isoformat(),
        "cores": os.cpu_count(),
        "python": sys.version.split()[0],
        "reps": REPS,
        "benchmarks": chosen,
    }
    OUT.mkdir(exist_ok=True)
    (OUT / "results.json").write_text(json.dumps({"meta": meta, "results": rows}, indent=2))
    table = markdown(rows, meta)
    (OUT / "results.md").write_text(table)
    if not argv:
        update_readme(table)
    print()
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
