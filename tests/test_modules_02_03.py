"""Promises specific to modules 2 and 3 that a reader checks in the notebooks' words."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent


def _markdown(name: str) -> str:
    nb = nbformat.read(ROOT / "course" / f"{name}.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_module_2_opens_with_a_content_note_that_names_the_hard_topics():
    text = _markdown("02_fear_of_intimacy")
    note = re.search(r"^> \*\*Content note\.\*\*.*$", text, flags=re.M).group(0)
    for topic in ("trauma", "abuse", "neglect", "mental health"):
        assert topic in note
    assert "(#Check-yourself)" in note


def test_module_2_treats_avoidant_personality_disorder_as_a_clinical_matter():
    text = _markdown("02_fear_of_intimacy")
    assert "2.5%" in text
    assert "Only a qualified professional can assess it" in text
    assert "No checklist, quiz or course can detect it" in text
    assert "Thelen et al., 2000" in text and "An average says nothing about any one person" in text


def test_module_3_says_the_self_assessment_is_not_a_test_and_the_model_is_a_toy():
    text = _markdown("03_avoider_and_pursuer")
    assert "This is a reflection tool, not a validated test or a diagnosis." in text
    for region in ("settled", "leaning Avoider", "leaning Pursuer", "swinging between both"):
        assert region in text
    assert "It is a toy, not a prediction" in text
    assert "Keeping your distance is healthy" in text
