"""Modules 04 and 05 after the learner-safety review: hard scenes can be skipped without
losing marks, facilitators say what they do, and the words match what the modules teach."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from support import notebook_markdown

from course import vocabulary

ROOT = Path(__file__).resolve().parent.parent

EX04 = ROOT / "solutions" / "04_healthy_intimacy" / "04_healthy_intimacy.ipynb"
EX05 = ROOT / "solutions" / "05_building_intimacy" / "05_building_intimacy.ipynb"
M4 = ROOT / "course" / "04_healthy_intimacy.ipynb"
M5 = ROOT / "course" / "05_building_intimacy.ipynb"


def _cells(path):
    return nbformat.read(path, as_version=4).cells


@pytest.mark.parametrize("scene", ["2", "3", "4"])
def test_each_hard_scene_is_folded_and_has_a_gentler_alternative(scene):
    (cell,) = [c for c in _cells(EX04) if f"<summary>Show scene {scene}</summary>" in c.source]
    assert cell.metadata["nbgrader"]["locked"]
    folded = re.search(r"<details>(.*?)</details>", cell.source, re.S)
    assert folded, "the hard scene sits inside <details>, shown only when opened"
    after = cell.source[folded.end() :]
    assert f"**Scene {scene}B (a gentler alternative).**" in after
    # the answer cell that follows says either version can be answered
    cells = _cells(EX04)
    answer = cells[cells.index(cell) + 1]
    assert f"scene {scene} or scene {scene}B" in answer.source


def test_exercise_4_content_note_names_the_hard_scenes():
    intro = _cells(EX04)[0].source
    note = intro[intro.index("**Content note.**") :]
    for scene in ("**scene 2**", "**scene 3**", "**scene 4**"):
        assert scene in note
    assert "death of a parent" in note and "same mark" in note


@pytest.mark.parametrize("path", [EX04, EX05])
def test_facilitators_say_what_they_are_doing(path):
    promise = "may need to act to keep people safe, and will tell you what they are doing"
    assert promise in _cells(path)[0].source


def test_conversation_plan_is_only_with_someone_safe_to_disagree_with():
    text = notebook_markdown(EX05)
    assert "Choose someone who is safe to disagree with." in text
    assert "plan a fictional conversation instead" in text


@pytest.mark.parametrize("path", [M4, M5])
def test_reflections_describe_privacy_truthfully(path):
    text = notebook_markdown(path)
    assert "on this computer, and nowhere else" not in text
    assert "in your own account, and are never handed in" in text
    assert "could technically reach its files" in text


def test_module_4_warns_before_the_quiz_mentions_control():
    cells = _cells(M4)
    quiz = next(i for i, c in enumerate(cells) if 'course.quiz("04_healthy_intimacy")' in c.source)
    before = cells[quiz - 1].source
    assert "> **Content note.**" in before and "[skip the quiz](#Reflect)" in before
    assert "reads your messages" in before


def test_feeling_words_the_modules_use_are_on_the_wheel():
    tax = vocabulary.taxonomy()
    for word, core in [("hurt", "sad"), ("left out", "sad"), ("lonely", "sad"), ("safe", "calm")]:
        assert tax.word(word).core == core
    assert "afraid" not in tax.word("jealous").meaning
    assert tax.word("guilty").meaning == "feeling you did something wrong"
    assert "Tender" not in [c.label for c in tax.cores] and tax.core("warm").label == "Warm"
    allowed = re.search(r"# Allowed: (.*)", _cells(EX05)[2].source).group(1)
    assert allowed == ", ".join(f'"{c.label.lower()}"' for c in tax.cores), "answers follow the wheel"
