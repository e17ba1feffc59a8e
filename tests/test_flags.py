"""Green, yellow and red flags (module 04): scenario data, sorter bookkeeping, triage."""

from __future__ import annotations

import itertools

import pytest

from course import flags
from course.flags import pick, sorter_order, summary, tally, triage

F = flags.settings()


def test_there_are_enough_scenarios_across_every_kind_of_relationship():
    assert len(F.scenarios) >= 15
    assert {a.id for a in F.areas} == {"friendship", "family", "dating", "long"}
    for area in F.areas:
        assert any(s.area == area.id for s in F.scenarios), area.id
    assert {s.flag for s in F.scenarios} == {"green", "yellow", "red"}


def test_every_flag_carries_a_symbol_and_a_word():
    symbols = {f.symbol for f in F.flags}
    assert len(symbols) == 3
    for f in F.flags:
        assert f.tag == f"{f.symbol} {f.label}"
        assert f.id in f.label.lower()


def test_unsafe_scenarios_are_red_and_some_exist():
    unsafe = [s for s in F.scenarios if s.safety]
    assert len(unsafe) >= 3
    assert all(s.flag == "red" for s in unsafe)
    assert F.safety_note


def test_sorter_order_takes_every_scenario_once_moving_between_areas():
    order = sorter_order(F)
    assert sorted(s.id for s in order) == sorted(s.id for s in F.scenarios)
    first_round = [s.area for s in order[: len(F.areas)]]
    assert first_round == [a.id for a in F.areas]


def test_pick_records_the_choice_beside_the_course_reading():
    s = F.scenario("group_chat")
    p = pick(s, "yellow")
    assert (p.chosen, p.expected, p.matches, p.skipped) == ("yellow", "red", False, False)
    assert pick(s, "red").matches
    assert pick(s, flags.SKIPPED).skipped


@pytest.mark.parametrize("bad", ["amber", "", None, "Green", 1])
def test_pick_refuses_anything_but_a_flag(bad):
    with pytest.raises(ValueError, match="Choose one of 'green', 'yellow', 'red', 'skipped'"):
        pick(F.scenarios[0], bad)


def test_tally_counts_the_latest_pick_per_scenario():
    a, b, c = F.scenarios[:3]
    picks = [
        pick(a, "red"),
        pick(a, a.flag),
        pick(b, "skipped"),
        pick(c, "green" if c.flag != "green" else "red"),
    ]
    t = tally(picks, F)
    assert t.total == len(F.scenarios)
    assert (t.answered, t.skipped, t.matching) == (2, 1, 1)
    assert t.different == (c.id,)
    assert sum(t.chosen.values()) == 2


def test_tally_refuses_an_unknown_scenario():
    with pytest.raises(ValueError, match="Unknown scenario 'nope'"):
        tally([flags.Pick("nope", "red", "red")], F)


def test_summary_in_words():
    assert summary([], F).startswith("You have not picked a flag")
    all_right = [pick(s, s.flag) for s in F.scenarios]
    text = summary(all_right, F)
    assert f"You sorted {len(F.scenarios)} of {len(F.scenarios)} scenarios" in text
    assert "✓ green flag" in text and "⚠ yellow flag" in text and "✕ red flag" in text
    assert "read these differently" not in text
    missed_red = [pick(s, "green") if s.id == "money_control" else pick(s, s.flag) for s in F.scenarios]
    text = summary(missed_red, F)
    assert "You read these differently: Control over money and friends." in text
    assert "hard to see from the inside" in text


# The whole triage table, written out: (pattern, open to feedback, solvable) -> outcome.
TABLE = {
    (False, True, True): "keep_going",
    (False, True, False): "go_carefully",
    (False, False, True): "treat_as_red",
    (False, False, False): "treat_as_red",
    (True, True, True): "go_carefully",
    (True, True, False): "treat_as_red",
    (True, False, True): "treat_as_red",
    (True, False, False): "treat_as_red",
}


@pytest.mark.parametrize("answers", list(itertools.product([True, False], repeat=3)))
def test_triage_for_every_combination_of_answers(answers):
    pattern, feedback, solvable = answers
    result = triage({"pattern": pattern, "feedback": feedback, "solvable": solvable})
    assert result.outcome == TABLE[answers]
    assert result.reason.endswith(".")
    F.outcome(result.outcome)  # every outcome has its words in the data
    if result.outcome == "go_carefully":
        assert "Some answers reassure" in result.reason


def test_triage_reasoning_names_what_worries_and_what_reassures():
    r = triage({"pattern": True, "feedback": True, "solvable": True}).reason
    assert "it keeps happening" in r and "they can hear feedback" in r
    r = triage({"pattern": False, "feedback": True, "solvable": False}).reason
    assert "it has only happened once so far" in r and "they can hear feedback" in r
    assert "there is no obvious way to solve it yet" in r
    assert "will not hear feedback" in triage({"pattern": True, "feedback": False, "solvable": True}).reason
    r = triage({"pattern": False, "feedback": False, "solvable": True}).reason
    assert "will not hear feedback" in r and "turned red" in r


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"pattern": True, "feedback": True}, "still open: solvable"),
        ({}, "still open: pattern, feedback, solvable"),
        ({"pattern": "yes", "feedback": True, "solvable": True}, "Answer 'pattern' with yes"),
        ({"pattern": 1, "feedback": True, "solvable": True}, "Answer 'pattern' with yes"),
        ({"pattern": True, "feedback": None, "solvable": True}, "Answer 'feedback' with yes"),
        ({"pattern": True, "feedback": True, "solvable": True, "mood": True}, "Unknown question"),
        ([True, True, True], "as a mapping"),
    ],
)
def test_triage_refuses_incomplete_or_odd_answers(answers, message):
    with pytest.raises(ValueError, match=message):
        triage(answers)


def test_triage_words_cover_every_question_and_outcome():
    assert [q.id for q in F.questions] == ["pattern", "feedback", "solvable"]
    assert all(q.if_yes and q.if_no and q.question.endswith("?") for q in F.questions)
    assert {o.id for o in F.outcomes} == set(TABLE.values())
    assert len({o.symbol for o in F.outcomes}) == 3


@pytest.mark.parametrize("answers", list(itertools.product([True, False], repeat=3)))
def test_triage_marks_when_they_were_not_open_to_feedback(answers):
    pattern, feedback, solvable = answers
    result = triage({"pattern": pattern, "feedback": feedback, "solvable": solvable})
    assert result.not_heard == (not feedback)


def test_the_not_heard_note_gives_permission_not_to_raise_it_again():
    assert F.not_heard_note == (
        "If raising it again feels unsafe, you don't have to. Talk it over with someone you trust first."
    )


# The yellow-flag reading in module 04 follows the source (Baggett): a one-off, or one they hear
# and you can work out together, is carried on with care; someone who is not open to feedback,
# or who keeps behaving the same way with no way to work it out, has turned the flag red. The
# sorter's scenes that turn on these questions must agree with it.
SCENES_THROUGH_THE_QUESTIONS = {
    # scene: (pattern, open to feedback, solvable)
    "one_sided": (True, True, True),  # every call, but Dana hears it and will try
    "walks_out": (True, True, True),  # twice this month, but Sol talks about it and wants to fix it
    "mum_snaps": (False, True, True),  # one defensive moment, and the next visit shows she heard
    "aunt_mocks": (True, False, True),  # every gathering, asked twice, laughs it off
    "never_shares": (True, False, True),  # two years of one-way sharing, brushes off every gentle word
}


@pytest.mark.parametrize(("scene", "answers"), SCENES_THROUGH_THE_QUESTIONS.items())
def test_scenes_agree_with_the_triage(scene, answers):
    pattern, feedback, solvable = answers
    outcome = triage({"pattern": pattern, "feedback": feedback, "solvable": solvable}).outcome
    expected = F.scenario(scene).flag
    assert (outcome == "treat_as_red") == (expected == "red"), (scene, outcome, expected)


def test_not_being_open_to_feedback_turns_the_flag_red_on_its_own():
    """The source: if the person "is not receptive to feedback", the yellow flag has turned red,
    whether or not it is a pattern yet; a one-off they can hear never turns red."""
    for pattern, solvable in itertools.product([True, False], repeat=2):
        outcome = triage({"pattern": pattern, "feedback": False, "solvable": solvable}).outcome
        assert outcome == "treat_as_red"
    for solvable in (True, False):
        outcome = triage({"pattern": False, "feedback": True, "solvable": solvable}).outcome
        assert outcome != "treat_as_red"


def test_safety_scenes_say_what_they_are_about_before_they_are_shown():
    for s in F.scenarios:
        if s.safety:
            assert s.content_note and s.content_note not in s.text
        else:
            assert s.content_note == ""


def test_red_flag_meaning_is_not_temporary():
    red = F.flag("red").meaning
    assert "for now" not in red
    assert "look after yourself" in red and "reach out for support" in red
