"""Learner-facing answer checks and the nbgrader preprocessors behind them."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_output

from course import exercises
from course.facilitator.grading import RedactHiddenTests, clear_answer_lines, learner_message

KINDS = ["emotional", "intellectual", "experiential", "physical"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("emotional", True),
        ("  Emotional ", True),
        ('"emotional"', True),
        ("EMOTIONAL", True),
        ("emotion", False),
        ("", False),
        (None, False),
        (3, False),
    ],
)
def test_answer_matching_forgives_case_spaces_and_quotes(value, expected):
    assert exercises.answer_matches(value, "emotional") is expected


def test_give_and_take_matches_with_extra_spaces():
    assert exercises.answer_matches("give  and   take", "give and take")


@pytest.mark.parametrize(
    ("value", "status", "words"),
    [
        (exercises._MISSING, "missing", "Run the answer cell above first"),
        ("", "blank", "not answered yet"),
        ("   ", "blank", "not answered yet"),
        ("experimental", "unknown", '"experimental" is not one of the allowed answers'),
        (7, "unknown", "put your answer inside quotes"),
        ("Physical", "ok", "is a valid answer"),
    ],
)
def test_form_feedback_is_friendly(value, status, words):
    got_status, message = exercises.form_feedback("story_1", value, KINDS)
    assert got_status == status
    assert words in message
    assert "Traceback" not in message


def test_check_looks_in_the_notebook_namespace_and_never_raises(capsys):
    namespace = {"check": exercises.check}
    exec('check("story_9", ["a", "b"])', namespace)
    assert "no answer found yet" in capsys.readouterr().out
    exec('story_9 = "b"\ncheck("story_9", ["a", "b"])', namespace)
    assert '✓ story_9: "b" is a valid answer' in capsys.readouterr().out


def test_answer_lines_are_blanked_for_the_student_version():
    source = '# Allowed: "true", "false"\nquestion_6 = "false"  # SOLUTION\nother = 1'
    cleared, replaced = clear_answer_lines(source)
    assert replaced
    assert cleared == '# Allowed: "true", "false"\nquestion_6 = ""\nother = 1'
    assert clear_answer_lines("x = 1  # a comment") == ("x = 1  # a comment", False)


def test_feedback_redaction_removes_hidden_tests_and_tracebacks():
    cell = new_code_cell(
        'check("q")\n### BEGIN HIDDEN TESTS\nassert secret_rule(q), "Feedback words"\n### END HIDDEN TESTS',
        metadata={"nbgrader": {"grade": True, "solution": False, "grade_id": "t", "points": 1}},
    )
    cell.outputs = [
        new_output(
            "error",
            ename="AssertionError",
            evalue="Feedback words",
            traceback=["Traceback...", "assert secret_rule(q)", "AssertionError: Feedback words"],
        )
    ]
    learner_cell = new_code_cell("print(1/0)")
    learner_cell.outputs = [new_output("error", ename="ZeroDivisionError", evalue="x", traceback=["mine"])]
    nb = nbformat.v4.new_notebook(cells=[cell, learner_cell])
    nb, _ = RedactHiddenTests().preprocess(nb, {})
    assert nb.cells[0].source == 'check("q")'
    assert nb.cells[0].outputs[0].traceback == ["Feedback words"]
    assert nb.cells[1].outputs[0].traceback == ["mine"]


def test_mark_explains_right_and_wrong_answers(capsys):
    exercises.mark(" Emotional", "emotional", "Story 3 is about feelings.")
    assert capsys.readouterr().out == "✓ Right. Story 3 is about feelings.\n"
    with pytest.raises(AssertionError, match="✗ Not quite. Story 3 is about feelings."):
        exercises.mark("physical", "emotional", "Story 3 is about feelings.")


@pytest.mark.parametrize("value", ["calm", " Glad ", '"glad"'])
def test_mark_any_accepts_every_fair_answer(capsys, value):
    exercises.mark_any(value, ["calm", "glad"], "Content could sit under calm or glad.")
    assert capsys.readouterr().out == "✓ Right. Content could sit under calm or glad.\n"


@pytest.mark.parametrize("value", ["sad", "", None, "calm glad"])
def test_mark_any_still_refuses_other_answers(value):
    with pytest.raises(AssertionError, match="✗ Not quite. Content could sit"):
        exercises.mark_any(value, ["calm", "glad"], "Content could sit under calm or glad.")


@pytest.mark.parametrize("accepted", ["calm", [], ()])
def test_mark_any_needs_a_list_of_answers(accepted):
    with pytest.raises(ValueError, match="non-empty list"):
        exercises.mark_any("calm", accepted, "x")


@pytest.mark.parametrize(
    ("ename", "evalue", "expected"),
    [
        ("AssertionError", "✗ Not quite. Why.", "✗ Not quite. Why."),
        ("AssertionError", "", "✗ This check did not pass."),
        ("NameError", "name 'story_1' is not defined", "✗ This check could not run (NameError: name"),
    ],
)
def test_learner_messages_never_look_like_tracebacks(ename, evalue, expected):
    assert learner_message(ename, evalue).startswith(expected)
