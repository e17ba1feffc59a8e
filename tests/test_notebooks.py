"""Every committed notebook is clean, and every course module keeps the course's promises."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from support import notebook_markdown

from course import content

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import clean_notebooks  # noqa: E402


def _tracked_notebooks() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.ipynb"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if listed.returncode == 0 and listed.stdout.strip():
        return sorted(ROOT / p for p in listed.stdout.split())
    return clean_notebooks.notebooks([str(ROOT / d) for d in ("course", "solutions", "exercises")])


NOTEBOOKS = _tracked_notebooks()
COURSE = sorted((ROOT / "course").glob("[0-9][0-9]_*.ipynb"))
# The numbered modules (modules.yaml); the other numbered notebooks are optional companions to
# a module (03_together, 05_practice), with a module's safety words and short code but no quiz or progress.
MODULES = [p for p in COURSE if p.stem in {m.id for m in content.modules()}]
COMPANIONS = [p for p in COURSE if p not in MODULES]


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_the_course_has_its_notebooks():
    names = {p.stem for p in COURSE}
    assert {"00_welcome", "01_what_is_intimacy"} <= names
    assert [p.stem for p in COMPANIONS] == ["03_together", "05_practice"]
    assert (ROOT / "solutions/01_what_is_intimacy/01_what_is_intimacy.ipynb") in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_notebook_is_valid_and_clean(path):
    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    assert nb.nbformat == 4
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{_id(path)}: a cell has outputs"
            assert cell.execution_count is None, f"{_id(path)}: a cell has an execution count"
    assert clean_notebooks.clean(nb) == nb, f"{_id(path)}: run `make clean-notebooks`"


def test_clean_notebooks_strips_what_editing_adds(tmp_path):
    nb = nbformat.read(COURSE[0], as_version=4)
    nb.metadata["widgets"] = {"state": {}}
    nb.metadata["language_info"]["version"] = "3.11.7"
    code = next(c for c in nb.cells if c.cell_type == "code")
    code.outputs = [nbformat.v4.new_output("stream", text="hi")]
    code.execution_count = 3
    code.metadata["collapsed"] = True
    target = tmp_path / "dirty.ipynb"
    nbformat.write(nb, target)
    assert clean_notebooks.main(["--check", str(target)]) == 1
    assert clean_notebooks.main([str(target)]) == 0
    cleaned = nbformat.read(target, as_version=4)
    assert cleaned == nbformat.read(COURSE[0], as_version=4)


def _code(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code"]


@pytest.mark.parametrize("path", COURSE, ids=_id)
def test_every_module_says_education_not_therapy_and_points_to_help(path):
    text = notebook_markdown(path)
    assert "education, not therapy" in text
    assert "https://findahelpline.com" in text
    assert "emergency number" in text


@pytest.mark.parametrize("path", MODULES, ids=_id)
def test_every_module_has_its_parts(path):
    module = content.module(path.stem)
    text = notebook_markdown(path)
    assert f"{module.minutes} minutes" in text, "estimated time matches modules.yaml"
    assert "## Key takeaways" in text
    assert "Sources" in text or "sources" in text
    code = _code(path)
    assert f'course.module_start("{module.id}")' in code[0]
    assert code[-1] == f'course.module_done("{module.id}")'
    if module.id != "00_welcome":
        assert "What you will learn" in text
        assert "Content note" in text
        assert f'course.quiz("{module.id}")' in code
        for prompt in content.prompts(module.id):
            assert f'course.reflection("{module.id}", "{prompt.id}")' in code


@pytest.mark.parametrize("path", COURSE, ids=_id)
def test_notebooks_hold_no_long_code(path):
    for source in _code(path):
        lines = [line for line in source.splitlines() if line.strip()]
        assert len(lines) <= 2, f"{_id(path)} has a long code cell:\n{source}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_links_to_notebooks_lead_somewhere(path):
    for target in re.findall(r"\]\(([^)#]+\.ipynb)\)", notebook_markdown(path)):
        assert (path.parent / target).is_file(), f"{_id(path)} links to missing {target}"


def test_welcome_module_map_matches_the_data():
    text = notebook_markdown(ROOT / "course/00_welcome.ipynb")
    for m in content.modules():
        row = next(line for line in text.splitlines() if line.startswith(f"| {m.number} |"))
        assert m.title in row
        assert m.summary in row
        assert row.endswith(f"| {m.minutes} min |")
        linked = f"]({m.id}.ipynb)" in row
        assert linked == (ROOT / "course" / f"{m.id}.ipynb").is_file()


def test_every_module_in_the_data_has_a_quiz_and_prompts_when_written():
    for path in MODULES:
        assert content.quiz(path.stem)
        assert content.prompts(path.stem)


def _anchors(path: Path) -> set[str]:
    """Heading anchors as JupyterLab makes them: the heading text with spaces as hyphens."""
    headings = re.findall(r"^#{1,6}\s+(.+?)\s*$", notebook_markdown(path), flags=re.M)
    return {re.sub(r"\s", "-", re.sub(r"[*_`]", "", h)) for h in headings}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_skip_links_land_on_a_heading(path):
    anchors = _anchors(path)
    for target in re.findall(r"\]\(#([^)]+)\)", notebook_markdown(path)):
        assert target in anchors, f"{_id(path)}: no heading for the link #{target}"


@pytest.mark.parametrize("path", COURSE, ids=_id)
def test_content_notes_offer_a_way_past(path):
    text = notebook_markdown(path)
    for note in re.findall(r"^> \*\*Content note\.\*\*.*$", text, flags=re.M):
        assert re.search(r"\]\(#[^)]+\)", note), f"{_id(path)}: a content note without a skip link"


def test_the_practice_page_is_linked_from_modules_5_and_7_and_says_where_it_belongs():
    path = ROOT / "course" / "05_practice.ipynb"
    for module in ("05_building_intimacy", "07_next_steps"):
        assert "](05_practice.ipynb)" in notebook_markdown(ROOT / "course" / f"{module}.ipynb")
        assert f"]({module}.ipynb)" in notebook_markdown(path)
    code = _code(path)
    assert code[0].startswith("import course"), "the first code cell imports the course"
    calls = [c.splitlines()[-1] for c in code]
    assert calls == [
        "course.leave_quickly()",
        'course.practice_skill("speaker_listener")',
        'course.practice_skill("i_statement")',
        'course.practice_skill("repair")',
        "course.practice_calendar()",
    ]
    assert not any("module_start" in c or "module_done" in c for c in code), "not a module: no progress"


@pytest.mark.parametrize("path", COMPANIONS, ids=_id)
def test_a_companion_is_linked_from_its_module_and_starts_with_safety(path):
    module = next(m for m in content.modules() if path.stem.startswith(f"{m.number:02d}_"))
    assert f"]({path.name})" in notebook_markdown(ROOT / "course" / module.notebook), "linked from its module"
    first = nbformat.read(path, as_version=4).cells[0].source
    assert "optional" in first.lower() and "(before_you_start.ipynb)" in first
    assert "education, not therapy" in first and "https://findahelpline.com" in first
    code = _code(path)
    assert "course.leave_quickly()" in code[0]


@pytest.mark.parametrize("stem", ["00_welcome", "07_next_steps"])
def test_the_welcome_and_last_modules_offer_leave_quickly_at_the_top(stem):
    path = ROOT / "course" / f"{stem}.ipynb"
    code = _code(path)
    assert code[0].startswith("import course") and code[1] == "course.leave_quickly()"
    text = notebook_markdown(path)
    assert "If you need to leave this page in a hurry, **Leave quickly** (just below)" in text
