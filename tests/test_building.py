"""Module 05's logic: the emotion vocabulary, the small-steps ladder and the conversation planner."""

from __future__ import annotations

import itertools
from datetime import datetime, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from course import ladder, planner, vocabulary
from course.ladder import Step, add_step, make_step, next_step, remove_step, set_done

TAX = vocabulary.taxonomy()
L = ladder.settings()
P = planner.settings()


# --------------------------------------------------------------------------------------
# The emotion vocabulary
# --------------------------------------------------------------------------------------


def test_taxonomy_has_enough_cores_and_words_each_listed_once():
    assert len(TAX.cores) >= 6
    assert all(len(c.words) >= 5 for c in TAX.cores)
    words = [w.word.casefold() for w in TAX.words]
    assert len(words) == len(set(words))
    assert all(w.meaning for w in TAX.words)
    assert len({c.colour for c in TAX.cores}) == len(TAX.cores)


def test_choose_keeps_the_taxonomy_order_and_each_word_once():
    chosen = vocabulary.choose(["wary", "Hopeful", " wary ", "fed  up"], TAX)
    assert [w.word for w in chosen] == ["hopeful", "wary", "fed up"]
    assert vocabulary.by_core(chosen, TAX) == {"glad": ["hopeful"], "scared": ["wary"], "angry": ["fed up"]}


@pytest.mark.parametrize(
    ("bad", "message"), [("grumpy", "not in the course's list"), ("", "must be text"), (3, "text")]
)
def test_choose_refuses_words_outside_the_taxonomy(bad, message):
    with pytest.raises(ValueError, match=message):
        vocabulary.choose([bad], TAX)


def test_sentence_and_name_it_payload():
    chosen = vocabulary.choose(["lonely", "hopeful"], TAX)
    assert (
        vocabulary.sentence(chosen, TAX) == "Right now I feel hopeful and lonely. (Core feelings: glad, sad.)"
    )
    assert vocabulary.sentence((), TAX) == "No words picked yet."
    payload = vocabulary.name_it_payload(chosen, "  after the call  ", TAX)
    assert payload["words"] == ["hopeful", "lonely"]
    assert payload["core_feelings"] == ["Glad", "Sad"]
    assert payload["note"] == "after the call"
    assert "note" not in vocabulary.name_it_payload(chosen, "", TAX)


def test_name_it_needs_a_word_and_a_text_note():
    with pytest.raises(ValueError, match="Pick at least one word"):
        vocabulary.name_it_payload((), "", TAX)
    with pytest.raises(ValueError, match="note must be text"):
        vocabulary.name_it_payload(vocabulary.choose(["numb"], TAX), None, TAX)
    with pytest.raises(ValueError, match="keep it under"):
        vocabulary.name_it_payload(vocabulary.choose(["numb"], TAX), "x" * 3000, TAX)


def test_saved_words_reload_without_ones_that_left_the_taxonomy():
    chosen = vocabulary.words_from_payload({"words": ["torn", "gone-word", 7]}, TAX)
    assert [w.word for w in chosen] == ["torn"]
    assert vocabulary.words_from_payload({"words": "torn"}, TAX) == ()


# --------------------------------------------------------------------------------------
# The small-steps ladder
# --------------------------------------------------------------------------------------


def test_ladder_puts_the_easiest_step_at_the_bottom():
    steps = [make_step("ask for help", 7), make_step("share a small worry", 2), make_step("say no", 5)]
    assert [s.text for s in ladder.ladder(steps)] == ["share a small worry", "say no", "ask for help"]


def test_steps_that_feel_equally_hard_keep_the_order_they_were_added():
    steps = [make_step("b", 4), make_step("a", 4), make_step("c", 1), make_step("d", 4)]
    assert [s.text for s in ladder.ladder(steps)] == ["c", "b", "a", "d"]


@given(st.lists(st.tuples(st.integers(0, 10), st.booleans()), max_size=10))
def test_the_ladder_is_a_stable_sort_by_difficulty(rows):
    steps = [Step(f"step {i}", d, done) for i, (d, done) in enumerate(rows)]
    rungs = ladder.ladder(steps)
    assert sorted(rungs, key=lambda s: s.text) == sorted(steps, key=lambda s: s.text)
    assert all(a.difficulty <= b.difficulty for a, b in itertools.pairwise(rungs))
    for a, b in itertools.pairwise(rungs):
        if a.difficulty == b.difficulty:
            assert steps.index(a) < steps.index(b)
    upcoming = next_step(steps)
    todo = [s for s in rungs if not s.done]
    assert upcoming == (todo[0] if todo else None)


def test_marking_done_removing_and_the_next_step():
    steps = [make_step("say no", 5), make_step("share a worry", 2)]
    assert next_step(steps).text == "share a worry"
    steps = set_done(steps, "Share a worry")
    assert next_step(steps).text == "say no"
    steps = set_done(steps, "say no")
    assert next_step(steps) is None
    steps = set_done(steps, "say no", done=False)
    assert next_step(steps).text == "say no"
    steps = remove_step(steps, "say no")
    assert [s.text for s in steps] == ["share a worry"]
    with pytest.raises(ValueError, match="no step called 'fly'"):
        remove_step(steps, "fly")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("", 3), "Write the step first"),
        ((None, 3), "Write the step first"),
        (("x" * 121, 3), "120 characters or fewer"),
        (("ok", 11), "from 0 to 10, got 11"),
        (("ok", -1), "from 0 to 10"),
        (("ok", 2.5), "whole number from 0 to 10"),
        (("ok", True), "whole number"),
        (("ok", 2, "yes"), "Done must be true or false"),
    ],
)
def test_bad_steps_are_refused_with_a_reason(args, message):
    with pytest.raises(ValueError, match=message):
        make_step(*args)


def test_steps_are_unique_and_the_ladder_has_a_limit():
    steps = add_step([], make_step("Say no", 3), L)
    with pytest.raises(ValueError, match="already on your ladder"):
        add_step(steps, make_step("say  NO", 6), L)
    for i in range(L.max_steps - 1):
        steps = add_step(steps, make_step(f"step {i}", 3), L)
    with pytest.raises(ValueError, match=f"up to {L.max_steps} steps"):
        add_step(steps, make_step("one more", 3), L)


def test_saved_ladders_reload_and_skip_what_no_longer_fits():
    payload = {
        "steps": [
            {"text": "say no", "difficulty": 5, "done": True},
            {"text": "bad", "difficulty": 42},
            "not a mapping",
            {"text": "say no", "difficulty": 2},
        ]
    }
    assert ladder.steps_from_payload(payload, L) == [Step("say no", 5, True)]
    assert ladder.steps_from_payload({"steps": "nope"}, L) == []


def test_ladder_summary_in_words():
    assert ladder.summary([]).startswith("Your ladder is empty")
    steps = [make_step("say no", 5), make_step("share a worry", 2, True)]
    lines = ladder.summary(steps).splitlines()
    assert lines[0] == "2 steps on your ladder, 1 done, from the bottom rung up:"
    assert lines[1] == "- Rung 1: share a worry (feels 2 of 10; ✓ done)."
    assert lines[2] == "- Rung 2: say no (feels 5 of 10; ○ to do)."
    assert lines[3] == "Next rung to try: say no"
    assert "Every step is done" in ladder.summary([make_step("x", 1, True)])


# --------------------------------------------------------------------------------------
# The conversation planner
# --------------------------------------------------------------------------------------


def test_planner_has_the_four_parts():
    assert [f.id for f in P.fields] == ["feel", "need", "ask", "if_badly"]
    assert P.safety_note


def test_make_plan_cleans_and_keeps_every_part():
    plan = planner.make_plan({"feel": "  lonely ", "ask": "Sunday walks?"}, P)
    assert plan == {"feel": "lonely", "need": "", "ask": "Sunday walks?", "if_badly": ""}
    assert planner.missing(plan, P) == ["What I need", "What I will do if it goes badly"]


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({}, "Write at least one part"),
        ({"feel": "   "}, "Write at least one part"),
        ({"feel": 3}, '"What I feel" must be text'),
        ({"mood": "x"}, "Unknown part"),
        ({"feel": "x" * 2001}, "keep it under 2,000"),
        ("lonely", "one per question"),
    ],
)
def test_make_plan_refuses_bad_answers(answers, message):
    with pytest.raises(ValueError, match=message):
        planner.make_plan(answers, P)


def test_plan_markdown_lists_every_part():
    plan = planner.make_plan({"feel": "I feel lonely", "if_badly": "Call my sister"}, P)
    when = datetime(2026, 11, 21, 10, 30, tzinfo=timezone.utc)
    md = planner.plan_markdown(plan, P, when)
    assert md.startswith("# My conversation plan\n")
    assert "## What I feel\n\nI feel lonely\n" in md
    assert "## What I need\n\n*(not written yet)*" in md
    assert "## What I will do if it goes badly\n\nCall my sister" in md
    assert "Written " in md and "2026" in md
    assert "Written" not in planner.plan_markdown(plan, P)


def test_saved_plans_reload_without_malformed_parts():
    payload = {"plan": {"feel": "tired", "need": 5, "other": "x"}}
    assert planner.plan_from_payload(payload, P) == {"feel": "tired"}
    assert planner.plan_from_payload({"plan": "x"}, P) == {}
