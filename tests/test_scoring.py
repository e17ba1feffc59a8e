"""Scoring of module 3's self-assessment: reverse keys, means, regions and bad answers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from course import scoring
from course.scoring import PatternResult, keyed, region_for, result_from_payload, score_patterns

S = scoring.patterns_settings()
IDS = [item.id for item in S.items]


def _all(value: int) -> dict[str, int]:
    return dict.fromkeys(IDS, value)


def _leaning(avoider: int, pursuer: int) -> dict[str, int]:
    """Answers that agree with each scale to the given (keyed) level."""
    out = {}
    for item in S.items:
        level = avoider if item.scale == "avoider" else pursuer
        out[item.id] = keyed(level, item.reverse, S.low, S.high)
    return out


def test_the_questionnaire_has_enough_original_items_with_reverse_keys():
    assert len(S.items) >= 16
    for scale in ("avoider", "pursuer"):
        items = S.items_for(scale)
        assert len(items) >= 8
        assert any(i.reverse for i in items) and not all(i.reverse for i in items)
    assert (S.low, S.high) == (1, 7)


def test_reverse_keyed_items_are_flipped():
    assert keyed(1, reverse=True) == 7
    assert keyed(7, reverse=True) == 1
    assert keyed(4, reverse=True) == 4
    assert keyed(2, reverse=False) == 2


def test_scale_means_count_reverse_items_the_other_way():
    # Agreeing strongly with everything: forward items give 7, reverse items give 1.
    means = scoring.scale_means(_all(7), S)
    for scale in ("avoider", "pursuer"):
        items = S.items_for(scale)
        n_rev = sum(i.reverse for i in items)
        expected = round((7 * (len(items) - n_rev) + 1 * n_rev) / len(items), 2)
        assert means[scale] == expected


def test_a_worked_example_by_hand():
    answers = _all(4)
    first_avoider = S.items_for("avoider")[0]
    first_reverse = next(i for i in S.items_for("avoider") if i.reverse)
    answers[first_avoider.id] = 7  # counts 7
    answers[first_reverse.id] = 6  # counts 2
    n = len(S.items_for("avoider"))
    expected = round((4 * (n - 2) + 7 + 2) / n, 2)
    assert scoring.scale_means(answers, S)["avoider"] == expected
    assert scoring.scale_means(answers, S)["pursuer"] == 4.0


@pytest.mark.parametrize(
    ("avoider", "pursuer", "region"),
    [
        (1, 1, "settled"),
        (2, 3, "settled"),
        (6, 2, "leaning_avoider"),
        (2, 6, "leaning_pursuer"),
        (6, 6, "swinging"),
        (4, 4, "settled"),  # the midpoint itself leans neither way
        (5, 4, "leaning_avoider"),
    ],
)
def test_regions(avoider, pursuer, region):
    result = score_patterns(_leaning(avoider, pursuer), S)
    assert (result.avoider, result.pursuer) == (avoider, pursuer)
    assert result.region == region
    assert S.region(result.region)


def test_region_for_just_above_the_middle():
    assert region_for(4.01, 1, S) == "leaning_avoider"
    assert region_for(1, 4.01, S) == "leaning_pursuer"
    assert region_for(4.0, 4.0, S) == "settled"


def test_every_item_must_be_answered_and_the_message_names_them():
    answers = _all(4)
    del answers[IDS[2]]
    with pytest.raises(ValueError, match=r"Statement 3 has no answer yet\. Choose a number from 1 to 7"):
        score_patterns(answers, S)
    del answers[IDS[10]]
    with pytest.raises(ValueError, match="Statements 3 and 11 have no answer yet"):
        score_patterns(answers, S)
    answers[IDS[10]] = None
    with pytest.raises(ValueError, match="Statements 3 and 11 have no answer yet"):
        score_patterns(answers, S)
    with pytest.raises(ValueError, match="No statement has an answer yet"):
        score_patterns({}, S)
    with pytest.raises(ValueError, match="16 statements have no answer yet, the first is statement 3"):
        score_patterns({IDS[0]: 4, IDS[1]: 4}, S)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "Statement 5: answers go from 1 to 7, got 0"),
        (8, "Statement 5: answers go from 1 to 7, got 8"),
        (-3, "answers go from 1 to 7, got -3"),
        (4.5, "must be a whole number from 1 to 7, got 4.5"),
        ("4", "must be a whole number from 1 to 7, got '4'"),
        (True, "must be a whole number from 1 to 7, got True"),
    ],
)
def test_out_of_range_or_wrong_type_answers_are_refused(value, message):
    answers = _all(4)
    answers[IDS[4]] = value
    with pytest.raises(ValueError, match=message):
        score_patterns(answers, S)


def test_unknown_statements_and_non_mappings_are_refused():
    with pytest.raises(ValueError, match="There is no statement 'made_up'"):
        score_patterns({**_all(4), "made_up": 3}, S)
    with pytest.raises(ValueError, match=r"as \{statement id: number\}, got list"):
        score_patterns([4] * len(IDS), S)


def test_region_for_refuses_scores_outside_the_scale():
    with pytest.raises(ValueError, match="avoider score must be from 1 to 7, got 0"):
        region_for(0, 3, S)
    with pytest.raises(ValueError, match="pursuer score must be a number"):
        region_for(3, "high", S)


def test_saved_results_are_read_back_or_skipped():
    good = result_from_payload({"avoider": 5.5, "pursuer": 2.0, "region": "whatever"}, S)
    assert good == PatternResult(5.5, 2.0, "leaning_avoider"), "the region is worked out again"
    assert result_from_payload({"avoider": 9, "pursuer": 2}, S) is None
    assert result_from_payload({"pursuer": 2}, S) is None
    assert result_from_payload("nonsense", S) is None


answer = st.integers(min_value=1, max_value=7)


@given(st.lists(answer, min_size=len(IDS), max_size=len(IDS)))
def test_scores_always_stay_inside_the_scale(values):
    result = score_patterns(dict(zip(IDS, values, strict=True)), S)
    for score in (result.avoider, result.pursuer):
        assert S.low <= score <= S.high
    assert result.region in {r.id for r in S.regions}


@given(st.lists(answer, min_size=len(IDS), max_size=len(IDS)))
def test_flipping_every_answer_mirrors_the_scores(values):
    """Answering every statement the opposite way mirrors each mean around the midpoint."""
    forward = score_patterns(dict(zip(IDS, values, strict=True)), S)
    mirrored = score_patterns({i: S.low + S.high - v for i, v in zip(IDS, values, strict=True)}, S)
    middle = (S.low + S.high) / 2
    assert forward.avoider - middle == pytest.approx(middle - mirrored.avoider, abs=0.011)
    assert forward.pursuer - middle == pytest.approx(middle - mirrored.pursuer, abs=0.011)


def test_no_statement_pushes_people_who_are_alone_towards_a_pattern():
    """Being on your own a lot (lonely, grieving, isolated) must not count as pursuing."""
    texts = " ".join(i.text.lower() for i in S.items)
    assert "own company" not in texts and "going off me" not in texts
    assert "I feel I must have someone close to feel okay." in [i.text for i in S.items_for("pursuer")]
    for scale in ("avoider", "pursuer"):
        mine = S.items_for(scale)
        assert len(mine) >= 8 and any(i.reverse for i in mine) and not all(i.reverse for i in mine)
