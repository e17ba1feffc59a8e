"""The before-and-after measure: its published key, applied by hand to a table of answer sets,
bad answers refused in words, saving and reading back, and the change read honestly."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import yaml

from course import measure
from course.journal import Journal, Record
from course.schema import ContentError

S = measure.measure_settings()
IDS = [item.id for item in S.items]


def answers(*values: int) -> dict[str, int]:
    """An answer set in the order the statements are shown (1 to 8)."""
    assert len(values) == len(IDS)
    return dict(zip(IDS, values, strict=True))


def test_the_measure_is_brief_labelled_as_the_courses_own_and_keyed_both_ways():
    assert 6 <= len(S.items) <= 8
    assert (S.low, S.high) == (1, 7) and len(S.answers) == 7
    assert (
        "course's own" in S.label and "not a validated" in S.label and "not a test or a diagnosis" in S.label
    )
    reverse = [n for n, item in enumerate(S.items, start=1) if item.reverse]
    assert reverse == [4, 7], "the published key (README, notebook) names statements 4 and 7"
    assert [g.id for g in S.groups] == ["opening_up", "staying_present", "knowing_yourself"]
    for phrase in ("one person's view", "cannot be compared with anyone else's", "never a diagnosis"):
        assert phrase in S.note
    assert "many things besides the course" in S.note
    assert "The course treats a change of less than one point as 'about the same'." in S.note
    assert "This is a rule of thumb, not a measured figure." in S.note
    assert "Group scores rest on only two or three statements, so they move more than the overall" in S.note
    assert "everyday ups and downs" not in S.note, "no longer stated as a fact"
    assert "choose 4" not in S.skip and "Doesn't fit my life right now" in S.skip
    assert "left out of the averages" in S.skip


def test_each_statement_asks_one_thing():
    """No statement asks two things at once, and none uses "pattern" (module 0 comes before
    module 3 teaches it)."""
    for item in S.items:
        for two in (" or changing", "and respect", "without shutting down or", "pattern"):
            assert two not in item.text, (item.id, two)
    assert S.version == 2, "the statements changed meaning: a new version"


# The published key, worked by hand: statements 4 and 7 are reversed (8 minus the answer);
# Letting people in = mean of 1, 4, 6; Staying present = mean of 2, 5, 7; Limits and patterns =
# mean of 3, 8; Overall = mean of all eight counted answers.
KEY_TABLE = [
    # answers 1..8                  opening  present  limits  overall
    ((1, 1, 1, 1, 1, 1, 1, 1), (3.0, 3.0, 1.0, 2.5)),
    ((7, 7, 7, 7, 7, 7, 7, 7), (5.0, 5.0, 7.0, 5.5)),
    ((4, 4, 4, 4, 4, 4, 4, 4), (4.0, 4.0, 4.0, 4.0)),
    ((7, 7, 7, 1, 7, 7, 1, 7), (7.0, 7.0, 7.0, 7.0)),  # most at ease everywhere
    ((1, 1, 1, 7, 1, 1, 7, 1), (1.0, 1.0, 1.0, 1.0)),  # least at ease everywhere
    ((5, 3, 6, 2, 4, 6, 5, 3), (5.67, 3.33, 4.5, 4.5)),  # 5+6+6 / 3+4+3 / 6+3 / 36 of 8
    ((2, 6, 3, 6, 7, 1, 2, 5), (1.67, 6.33, 4.0, 4.0)),  # 2+2+1 / 6+7+6 / 3+5 / 32 of 8
]


@pytest.mark.parametrize(("given", "expected"), KEY_TABLE)
def test_scores_follow_the_published_key(given, expected):
    result = measure.score(answers(*given), S)
    got = (*(result.groups[g] for g in ("opening_up", "staying_present", "knowing_yourself")), result.total)
    assert got == expected


def test_the_key_in_words_matches_the_data():
    words = " ".join(measure.key_in_words(S))
    assert "Statements 4 and 7 are worded the other way round" in words
    assert "1 counts as 7, 2 as 6" in words and "8 minus the answer" in words
    assert "Letting people in: the average of the counts for statements 1, 4 and 6." in words
    assert "Staying present: the average of the counts for statements 2, 5 and 7." in words
    assert "Limits and patterns: the average of the counts for statements 3 and 8." in words
    assert "Overall: the average of the counts for all 8 statements" in words
    assert "“Doesn't fit my life right now” is left out of every average" in words
    assert "at least two of its statements are answered" in words and "at least five of the eight" in words
    assert "The course treats a change of less than one point as 'about the same'" in words


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({}, "No statement has an answer yet. Choose a number from 1 to 7 for each"),
        (
            {k: v for k, v in answers(4, 4, 4, 4, 4, 4, 4, 4).items() if k != IDS[2]},
            "Statement 3 has no answer yet",
        ),
        ({IDS[0]: 4}, "7 statements have no answer yet, the first is statement 2"),
        ({**answers(4, 4, 4, 4, 4, 4, 4, 4), IDS[1]: 8}, "Statement 2: answers go from 1 to 7, got 8"),
        ({**answers(4, 4, 4, 4, 4, 4, 4, 4), IDS[1]: 0}, "Statement 2: answers go from 1 to 7, got 0"),
        ({**answers(4, 4, 4, 4, 4, 4, 4, 4), IDS[4]: "5"}, "Statement 5: the answer must be a whole number"),
        ({**answers(4, 4, 4, 4, 4, 4, 4, 4), IDS[4]: 4.5}, "Statement 5: the answer must be a whole number"),
        ({**answers(4, 4, 4, 4, 4, 4, 4, 4), IDS[4]: True}, "Statement 5: the answer must be a whole number"),
        ({**answers(4, 4, 4, 4, 4, 4, 4, 4), "mystery": 3}, "There is no statement 'mystery'"),
        ([4] * 8, "Answers must be given as {statement id: number}, got list"),
        (None, "Answers must be given as {statement id: number}, got NoneType"),
    ],
)
def test_bad_answers_are_refused_in_words(given, message):
    with pytest.raises(ValueError, match=message.replace("{", r"\{").replace("}", r"\}").replace("'", "'")):
        measure.score(given, S)


def test_when_must_be_start_end_or_weekly():
    with pytest.raises(ValueError, match="must be one of start, end, weekly, got 'middle'"):
        measure.payload("middle", answers(4, 4, 4, 4, 4, 4, 4, 4), S)


def test_an_answer_set_is_saved_and_read_back_from_both_stores(backend, tmp_path):
    j = Journal(tmp_path / "j")
    start = measure.payload("start", answers(1, 1, 1, 1, 1, 1, 1, 1), S)
    assert start == {
        "when": "start",
        "version": S.version,
        "answers": answers(1, 1, 1, 1, 1, 1, 1, 1),
        "groups": {"opening_up": 3.0, "staying_present": 3.0, "knowing_yourself": 1.0},
        "total": 2.5,
    }
    j.add_record(measure.KIND, "00_welcome", start)
    j.add_record("patterns_check", "03_avoider_and_pursuer", {"avoider": 3, "pursuer": 4})
    j.add_record(measure.KIND, "00_welcome", {**start, "version": S.version + 1})  # another key
    j.add_record(measure.KIND, "00_welcome", {"when": "start", "version": S.version, "answers": {}})
    j.add_record(measure.KIND, "07_next_steps", measure.payload("end", answers(7, 7, 7, 1, 7, 7, 1, 7), S))
    takes = measure.takes_from_records(j.records(), S)
    assert [(t.when, t.result.total) for t in takes] == [("start", 2.5), ("end", 7.0)]
    again = measure.takes_from_snapshot(j.snapshot(), S)
    assert [(t.when, t.result.total, t.at) for t in again] == [(t.when, t.result.total, t.at) for t in takes]


def test_saved_scores_are_worked_out_again_from_the_answers():
    """A tampered or stale score in the journal never reaches the chart: the key decides."""
    data = {**measure.payload("start", answers(4, 4, 4, 4, 4, 4, 4, 4), S), "total": 6.9}
    assert measure.result_from_payload(data, S).total == 4.0


T0 = datetime(2026, 9, 1, 9, tzinfo=timezone.utc)


def _take(when: str, days: int, *given: int) -> measure.Take:
    return measure.Take(when, T0 + timedelta(days=days), measure.score(answers(*given), S))


def test_before_and_after_compares_the_first_start_with_the_latest():
    start = _take("start", 0, 4, 4, 4, 4, 4, 4, 4, 4)
    week = _take("weekly", 7, 5, 5, 5, 3, 5, 5, 3, 5)
    end = _take("end", 40, 6, 4, 6, 2, 4, 6, 4, 6)
    assert measure.before_and_after([]) == (None, None)
    assert measure.before_and_after([start]) == (start, None)
    assert measure.before_and_after([start, week, end]) == (start, end)
    # answered first along the way: the first answer set is the "before"
    assert measure.before_and_after([week, end]) == (week, end)


def test_small_changes_read_as_about_the_same_and_the_words_say_so():
    start = _take("start", 0, 4, 4, 4, 4, 4, 4, 4, 4)
    end = _take("end", 40, 6, 4, 6, 2, 4, 5, 4, 4)  # opening 5.67, present 4.0, limits 5.0
    found = {
        c.key: (c.difference, measure.direction(c, S)) for c in measure.changes(start.result, end.result, S)
    }
    assert found["opening_up"] == (1.67, "higher")
    assert found["staying_present"] == (0.0, "about the same")
    assert found["knowing_yourself"] == (1.0, "higher"), "one whole point is beyond the rule of thumb"
    assert found["total"] == (0.88, "about the same")
    lower = _take("end", 40, 2, 4, 4, 6, 4, 2, 4, 4)
    assert measure.direction(measure.changes(start.result, lower.result, S)[0], S) == "lower"
    words = measure.change_in_words([start, end], S)
    assert "Letting people in: higher (4.0 then 5.7)" in words
    assert "Staying present: about the same (4.0 then 4.0)" in words
    assert "The course treats a change of less than one point as 'about the same'" in words
    assert "rule of thumb, not a measured figure" in words
    once = measure.change_in_words([start], S)
    assert "You answered the check once" in once and "module 7" in once
    assert measure.change_in_words([], S) == "You have not answered the check yet."


def test_a_record_of_another_kind_is_never_read_as_an_answer_set():
    fake = Record(1, "practice", "05_building_intimacy", {"when": "start", "version": S.version}, T0)
    assert measure.takes_from_records([fake], S) == []


def _edit(data_dir, change) -> None:
    path = data_dir / "measure.yaml"
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: [i.pop("reverse", None) for i in d["items"]],
            "measure.yaml, top level, field 'items': some statements need reverse: true, and some not",
        ),
        (
            lambda d: d["items"][0].update(group="nowhere"),
            "measure.yaml, statement 1 ('inner_life'), field 'group': expected one of opening_up, "
            "staying_present, knowing_yourself, got 'nowhere'",
        ),
        (
            lambda d: d["items"][2].update(group="opening_up"),
            "group 'knowing_yourself' needs at least two statements",
        ),
        (lambda d: d["answers"].pop(), "expected one word for each point from 1 to 7, got 6"),
        (lambda d: d.update(items=d["items"][:5]), "a brief measure has 6 to 12 statements, got 5"),
        (lambda d: d.pop("note"), "measure.yaml, top level, field 'note': is missing"),
    ],
)
def test_a_broken_measure_file_is_refused_with_its_place(data_copy, change, message):
    _edit(data_copy, change)
    with pytest.raises(ContentError, match=message.replace("(", r"\(").replace(")", r"\)")):
        measure.load_measure(data_copy)


NF = measure.NOT_FIT


def test_doesnt_fit_is_left_out_of_the_averages_not_counted_as_the_middle():
    # statements 2 and 5 (Staying present) don't fit: that group keeps statement 7 only
    result = measure.score(answers(7, NF, 7, 1, NF, 7, 1, 7), S)
    assert result.groups == {"opening_up": 7.0, "staying_present": None, "knowing_yourself": 7.0}
    assert result.total == 7.0, "six answers, all at 7: a neutral 4 would have pulled it to 6.25"
    assert measure.shown(result.score("staying_present")) == "not enough answers"


def test_a_group_needs_two_answers_and_the_overall_five():
    four = measure.score(answers(5, NF, NF, 3, 5, 5, NF, NF), S)  # 4 of 8 answered
    assert four.total is None and four.groups["opening_up"] == 5.0
    assert four.groups["staying_present"] is None and four.groups["knowing_yourself"] is None
    five = measure.score(answers(5, NF, 6, 3, 5, 5, NF, NF), S)
    assert five.total == 5.2 and five.groups["knowing_yourself"] is None


def test_doesnt_fit_is_saved_as_words_and_nothing_is_saved_without_any_score():
    data = measure.payload("start", answers(4, NF, 4, 4, 4, 4, 4, 4), S)
    assert data["answers"][IDS[1]] == "not_fit" and data["version"] == 2
    assert measure.result_from_payload(data, S) == measure.score(data["answers"], S)
    with pytest.raises(ValueError, match="Too few statements fit your life right now"):
        measure.payload("start", answers(NF, NF, 4, NF, 4, NF, NF, NF), S)
    with pytest.raises(ValueError, match="Statement 2: the answer must be a whole number"):
        measure.score(answers(4, "n/a", 4, 4, 4, 4, 4, 4), S)


def test_a_change_with_too_few_answers_on_one_side_is_not_compared():
    start = _take("start", 0, 4, 4, 4, 4, 4, 4, 4, 4)
    end = measure.Take("end", T0 + timedelta(days=40), measure.score(answers(6, NF, 6, 2, NF, 6, 4, 6), S))
    found = {c.key: c for c in measure.changes(start.result, end.result, S)}
    assert found["staying_present"].difference is None
    assert measure.direction(found["staying_present"], S) == "not enough answers"
    words = measure.change_in_words([start, end], S)
    assert "Staying present: not enough answers to compare (4.0 then not enough answers)" in words
    assert "Letting people in: higher (4.0 then 6.0)" in words


# An answer set saved by version 1 (before "doesn't fit", with the old two-in-one statements)
V1 = {
    "when": "start",
    "version": 1,
    "answers": dict.fromkeys(IDS, 4),
    "groups": {"opening_up": 4.0, "staying_present": 3.67, "knowing_yourself": 5.5},
    "total": 4.25,
}


def test_answer_sets_from_version_1_still_read_by_their_saved_scores_but_are_never_compared(
    backend, tmp_path
):
    j = Journal(tmp_path / "j")
    j.add_record(measure.KIND, "00_welcome", V1)
    j.add_record(measure.KIND, "00_welcome", {**V1, "total": "lots", "groups": {}})  # unreadable: skipped
    j.add_record(measure.KIND, "07_next_steps", measure.payload("end", answers(7, 7, 7, 1, 7, 7, 1, 7), S))
    takes = measure.takes_from_records(j.records(), S)
    assert [(t.when, t.result.total) for t in takes] == [("end", 7.0)], "only this version is compared"
    (old,) = measure.earlier_takes(j.records(), S)
    assert old.earlier and old.version == 1 and old.when == "start"
    assert old.result.total == 4.25 and old.result.groups["staying_present"] == 3.67
    assert [t.result.total for t in measure.earlier_from_snapshot(j.snapshot(), S)] == [4.25]
    assert "1 answer set from an earlier version of this check" in measure.earlier_in_words([old])
    assert measure.earlier_in_words([]) == ""
    # a version from the future, or none at all, is not "earlier"
    assert measure.earlier_result({**V1, "version": 3}, S) is None
    assert measure.earlier_result({**V1, "version": True}, S) is None
