"""Module 2's signs check: a gentle reading, never a score or a label; and its data."""

from __future__ import annotations

import pytest
import yaml

from course import fear, scoring
from course.content import ContentError

F = fear.settings()


def test_the_checklist_has_the_seven_signs_and_roots_areas():
    assert len(F.signs) == 7
    assert {r.id for r in F.roots} >= {"protections", "growing_up", "past_relationships", "hard_times"}
    assert F.roots[0].id == "protections", "the gentlest area opens first"
    assert all(r.questions for r in F.roots)


def test_the_gentlest_area_stays_in_the_present_and_looking_back_is_optional_and_last():
    gentlest = F.roots[0]
    assert "now" in gentlest.prompt and "once" not in gentlest.prompt
    *present, last = gentlest.questions
    assert last.startswith("(Optional, only if you want to look back)") and "first" in last
    assert not any("first" in q or "once" in q for q in present)


def test_no_signs_ticked():
    reading = fear.read_signs([], F)
    assert reading.kind == "none"
    assert reading.signs == () and reading.opening == ""
    assert reading.text == F.readings["none"]


def test_some_signs_are_read_back_in_checklist_order_without_a_count():
    reading = fear.read_signs(["trust", "surface"], F)
    assert reading.kind == "some"
    assert reading.ids == ("surface", "trust")
    assert reading.opening == "You recognised these signs:"
    assert fear.read_signs(["trust"], F).opening == "You recognised this sign:"


@pytest.mark.parametrize("n", range(1, 8))
def test_the_reading_never_counts_and_its_tone_never_changes_with_how_many_are_ticked(n):
    reading = fear.read_signs([s.id for s in F.signs][:n], F)
    assert reading.kind == "some" and reading.text == F.readings["some"]
    words = f"{reading.text} {reading.opening}".lower()
    assert not any(ch.isdigit() for ch in words)
    for number in ("of the seven", "two", "three", "four", "five", "six", "seven"):
        assert number not in words, number


def test_any_ticked_sign_offers_support_and_still_names_no_condition():
    reading = fear.read_signs(["trust"], F)
    assert "counsellor or psychologist" in reading.text
    everything = fear.summary(fear.read_signs([s.id for s in F.signs], F))
    assert "cannot tell whether you have any condition" in everything
    for word in ("disorder", "diagnosed", "score", "AvPD"):
        assert word not in everything


def test_ticking_twice_counts_once_and_unknown_signs_are_refused():
    assert fear.read_signs(["trust", "trust"], F).ids == ("trust",)
    with pytest.raises(ValueError, match="Unknown sign 'sulking'"):
        fear.read_signs(["sulking"], F)
    with pytest.raises(ValueError, match="list of sign ids, not one piece of text"):
        fear.read_signs("trust", F)
    with pytest.raises(ValueError, match="must be text, got 3"):
        fear.read_signs([3], F)


def test_the_summary_gives_each_sign_its_meaning_and_a_small_step():
    text = fear.summary(fear.read_signs(["pulling_away"], F))
    sign = F.sign("pulling_away")
    assert sign.meaning in text and f"A small step: {sign.step}" in text


def test_the_note_says_it_is_not_a_test_or_a_diagnosis():
    assert "not a test or a diagnosis" in F.note


def _edit(data_dir, name, change):
    path = data_dir / name
    value = yaml.safe_load(path.read_text())
    change(value)
    path.write_text(yaml.safe_dump(value, sort_keys=False))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["signs"][2].pop("step"), "fear.yaml, sign 3 ('being_known'), field 'step': is missing"),
        (lambda d: d["signs"][1].update(id="surface"), "field 'id': 'surface' is used more than once"),
        (lambda d: d["readings"].pop("some"), "fear.yaml, readings, field 'some': is missing"),
        (
            lambda d: d["roots"][0].update(questions=["fine", ""]),
            "roots area 1 ('protections'), field 'questions': entry 2: expected non-empty text",
        ),
    ],
)
def test_a_broken_fear_file_names_file_entry_and_field(data_copy, change, expected):
    _edit(data_copy, "fear.yaml", change)
    with pytest.raises(ContentError) as err:
        fear.load_settings(data_copy)
    assert expected in str(err.value)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["items"][0].update(scale="shy"), "statement 1 ('a_step_back'), field 'scale'"),
        (
            lambda d: d.update(items=[i for i in d["items"] if i["scale"] == "pursuer" or i.get("reverse")]),
            "the avoider scale needs at least 8 statements",
        ),
        (
            lambda d: [i.pop("reverse", None) for i in d["items"] if i["scale"] == "pursuer"],
            "the pursuer scale needs some statements with reverse: true",
        ),
        (lambda d: d["answers"].pop(), "expected one word for each point from 1 to 7, got 6"),
        (lambda d: d["regions"].pop(), "field 'regions': expected exactly the ids"),
        (lambda d: d.update(threshold=9), "field 'threshold': expected a number from 1 to 7, got 9"),
        (lambda d: d["items"][3].update(reverse="yes"), "statement 4 ('p_go_along'), field 'reverse'"),
    ],
)
def test_a_broken_patterns_file_names_file_entry_and_field(data_copy, change, expected):
    _edit(data_copy, "patterns.yaml", change)
    with pytest.raises(ContentError) as err:
        scoring.load_patterns(data_copy)
    assert expected in str(err.value)
