"""Answer lines read as text: literals only, curly quotes accepted, everything else set aside."""

from __future__ import annotations

import pytest

from course.facilitator.answers import Reading, expected_names, read_answers, read_value, same_notebook

RELEASED = '# Allowed: "emotional", "intellectual"\nstory_1 = ""\n'


def test_the_released_cell_names_its_answers():
    assert expected_names(RELEASED) == ["story_1"]
    assert expected_names(["a = ''\n", "b = ''\n", "    c = 1\n", "a = 2"]) == ["a", "b"]


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ('"experiential"', "experiential"),
        ("'experiential'", "experiential"),
        ('"experiential"  # my answer', "experiential"),
        ("“experiential”", "experiential"),
        ("‘give and take’", "give and take"),
        ('"experiential”', "experiential"),
        ("«experiential»", "experiential"),
        ('""', ""),
        ("3", 3),
        ("['a', 'b']", ["a", "b"]),
        ('"it\'s fine"', "it's fine"),
        ("“don’t build a case”", "don’t build a case"),
        ("‘don’t build a case’", "don’t build a case"),
        ('"don’t build a case"', "don’t build a case"),
        ("'exp' + 'eriential'", None),
        ("“exp” + “eriential”", None),
        ('"exp" + "eriential"', None),
        ("story_3", None),
        ("open('x').read()", None),
        ("__import__('os').system('true')", None),
        ("f'{story_1}'", None),
        ("1e999", None),  # inf: no literal writes it back
        ("(" * 500 + ")" * 500, None),
        ('"' + "x" * 20_000 + '"', None),
    ],
)
def test_a_value_is_read_only_when_it_is_a_plain_literal(line, value):
    ok, got = read_value(line)
    if value is None:
        assert not ok
    else:
        assert ok and got == value


def test_answers_are_read_without_running_anything_and_other_code_is_named():
    source = (
        '# Allowed: "emotional", "intellectual"\n'
        "import course.exercises as ex\n"
        "ex.mark = lambda *a: None\n"
        'story_1 = "intellectual"\n'
        "  story_2 = “emotional”\n"
        "while True:\n    pass\n"
    )
    reading = read_answers(source, ["story_1", "story_2"], "story_1")
    assert reading.values == {"story_1": "intellectual", "story_2": "emotional"}
    assert reading.notes == ["code in story_1's cell was not run; its answer line was marked"]
    assert reading.source() == "story_1 = 'intellectual'\nstory_2 = 'emotional'"


def test_a_missing_or_unreadable_answer_is_blank_and_said_so():
    reading = read_answers("story_1 = open('solutions').read()\n", ["story_1", "story_2"], "story_1")
    assert reading.values == {"story_1": "", "story_2": ""}
    assert reading.notes == [
        "story_1's answer is not a plain value in quotes, so it was marked as blank",
        "no answer line for story_2, so it was marked as blank",
    ]


def test_the_last_answer_line_counts_as_it_would_when_run():
    reading = read_answers('story_1 = "a"\nstory_1 = "b"\n', ["story_1"])
    assert reading.values == {"story_1": "b"} and reading.notes == []
    unread_last = read_answers('story_1 = "a"\nstory_1 = a\n', ["story_1"])
    assert unread_last.values == {"story_1": ""}


def test_the_rebuilt_cell_holds_literals_only():
    reading = Reading({"x": "'); import os; os._exit(1); ('", "y": ["a"]})
    namespace: dict = {}
    exec(reading.source(), namespace)  # the rebuilt source defines values and does nothing else
    assert namespace["x"] == "'); import os; os._exit(1); ('" and namespace["y"] == ["a"]


def _cells(*texts: str) -> list[dict]:
    return [
        {"source": t, "metadata": {"nbgrader": {"grade_id": f"c{i}", "locked": True}}}
        for i, t in enumerate(texts)
    ]


def test_a_notebook_is_recognised_by_its_instructions_not_its_cell_names():
    released = _cells("# Exercise 1", "Read story 1", "Read story 2")
    same = {
        c["metadata"]["nbgrader"]["grade_id"]: c for c in _cells("# Exercise 1", "Read story 1", "edited")
    }
    other = {
        c["metadata"]["nbgrader"]["grade_id"]: c for c in _cells("# Exercise 2", "Something else", "More")
    }
    assert same_notebook([_node(c) for c in released], same)
    assert not same_notebook([_node(c) for c in released], other)
    assert same_notebook([_node(c) for c in released], {})  # nothing to compare: not refused here
    stranger = {"scenario_1": {"source": "x", "metadata": {"nbgrader": {"grade_id": "scenario_1"}}}}
    assert not same_notebook([_node(c) for c in released], stranger), "no cell of this notebook at all"


def test_test_cells_do_not_decide_which_notebook_it_is():
    """The instructor's own copy (hidden tests in its test cell) is still this notebook."""
    test = {
        "source": "check(story_1)",
        "metadata": {"nbgrader": {"grade_id": "t1", "locked": True, "grade": True, "solution": False}},
    }
    hidden = "### BEGIN HIDDEN TESTS\nassert story_1\n### END HIDDEN TESTS"
    solution = {**test, "source": f"check(story_1)\n{hidden}"}
    assert same_notebook([_node(test)], {"t1": solution})
    released = [*_cells("# Exercise 1"), test]
    other = {**{c["metadata"]["nbgrader"]["grade_id"]: c for c in _cells("# Exercise 2")}, "t1": test}
    assert not same_notebook([_node(c) for c in released], other), "the instructions still decide"


def _node(cell: dict):
    import nbformat

    return nbformat.from_dict(cell)
