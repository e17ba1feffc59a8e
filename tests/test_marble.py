"""The marble on the pane of glass (module 06): the model, its stories, its words and its data."""

from __future__ import annotations

import math
import re

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from course import marble
from course.content import ContentError
from course.marble import LEAN_IN, PULL_AWAY, make_partner, simulate

SETTINGS = marble.settings()


def _story_run(story_id: str) -> marble.Run:
    story = SETTINGS.story(story_id)
    a, b = story.a, story.b
    return simulate(
        make_partner(a.name, a.stance, a.effort, a.attention),
        make_partner(b.name, b.stance, b.effort, b.attention),
    )


# --------------------------------------------------------------------------------------
# The three stories end three different ways
# --------------------------------------------------------------------------------------


def test_both_working_brings_the_marble_near_the_centre():
    run = _story_run("both_working")
    assert run.outcome == "close"
    assert run.fell_at is None
    assert run.final < run.distances[0]
    assert run.carried_by is None
    assert 0.35 < run.share_a < 0.65


def test_one_working_hard_alone_keeps_the_marble_in_the_middle():
    """The source: many relationships survive because one person works hard, on their own,
    to keep the marble in the middle. Less near the centre than two together, and it rests
    on that one person: when they ease off, it drifts out."""
    run = _story_run("carrying_alone")
    assert run.outcome == "close"
    assert run.fell_at is None
    assert run.carried_by == "Ana"
    assert run.final < run.distances[0]
    assert run.final > _story_run("both_working").final + 1, "two together bring it nearer"
    tired = simulate(make_partner("Ana", LEAN_IN, 6, 6), run.b)
    assert tired.outcome == "middle" and tired.carried_by == "Ana"


def test_one_pulling_away_sends_the_marble_off_the_edge():
    run = _story_run("pulling_away")
    assert run.outcome == "fell"
    assert run.fell_at is not None and run.fell_at <= marble.ROUNDS
    assert run.final == marble.EDGE
    assert run.rounds == run.fell_at, "the run stops when the marble falls"
    assert list(run.distances) == sorted(run.distances), "it only ever rolls outwards"


def test_the_three_stories_have_three_different_endings():
    outcomes = {s.id: _story_run(s.id).outcome for s in SETTINGS.stories}
    assert outcomes == {"carrying_alone": "close", "both_working": "close", "pulling_away": "fell"}
    finals = sorted(_story_run(s).final for s in ("both_working", "carrying_alone", "pulling_away"))
    assert finals == [_story_run(s).final for s in ("both_working", "carrying_alone", "pulling_away")]


def test_if_the_quieter_partner_leans_in_a_little_the_marble_comes_closer():
    alone = _story_run("carrying_alone")
    more = simulate(alone.a, make_partner("Lee", LEAN_IN, 5, 6))
    assert more.final < alone.final - 1


def test_nobody_tending_it_lets_everyday_drift_carry_it_off():
    idle = simulate(make_partner("A", LEAN_IN, 0, 0), make_partner("B", LEAN_IN, 0, 0))
    assert idle.outcome == "fell"
    assert idle.share_a is None
    assert "nobody tends drifts away" in marble.summary(idle)


def test_effort_without_attention_helps_less_than_effort_with_it():
    aimed = make_partner("A", LEAN_IN, 8, 9)
    unaimed = make_partner("A", LEAN_IN, 8, 0)
    noticing_only = make_partner("A", LEAN_IN, 0, 10)
    assert aimed.pull > unaimed.pull > 0
    assert noticing_only.pull == 0


def test_a_step_follows_the_documented_rule():
    a, b = make_partner("A", LEAN_IN, 10, 10), make_partner("B", LEAN_IN, 10, 10)
    together = a.pull + b.pull + marble.TEAMWORK * min(a.pull, b.pull)
    assert marble.step(1.0, a, b) == pytest.approx(1.0 + marble.DRIFT - marble.PULL * together * 1.0)
    puller = make_partner("B", PULL_AWAY, 10, 10)
    assert puller.pull == 0 and puller.push == marble.PUSH
    assert marble.step(5.0, a, puller) == pytest.approx(5.0 + marble.DRIFT + marble.PUSH - marble.PULL * 5.0)


# --------------------------------------------------------------------------------------
# Properties that should hold for any settings
# --------------------------------------------------------------------------------------

scores = st.integers(0, 10)
stances = st.sampled_from(marble.STANCES)


@given(stances, scores, scores, stances, scores, scores, st.integers(1, 30))
def test_the_marble_always_stays_on_or_falls_off_the_pane(s1, e1, a1, s2, e2, a2, rounds):
    run = simulate(make_partner("A", s1, e1, a1), make_partner("B", s2, e2, a2), rounds)
    assert all(0 <= d <= marble.EDGE for d in run.distances)
    assert run.distances[0] == marble.START
    if run.fell_at is None:
        assert run.rounds == rounds and run.final < marble.EDGE
    else:
        assert run.final == marble.EDGE and run.rounds == run.fell_at <= rounds


@given(scores, scores, stances, scores, scores)
def test_more_effort_from_someone_leaning_in_never_pushes_the_marble_out(e1, a1, s2, e2, a2):
    other = make_partner("B", s2, e2, a2)
    less = simulate(make_partner("A", LEAN_IN, e1, a1), other)
    more = simulate(make_partner("A", LEAN_IN, min(e1 + 1, 10), a1), other)
    assert more.final <= less.final + 1e-9
    assert (more.fell_at or math.inf) >= (less.fell_at or math.inf)


@given(scores, scores, scores, scores)
def test_pulling_away_harder_never_brings_the_marble_closer(e1, a1, e2, a2):
    leaner = make_partner("A", LEAN_IN, e1, a1)
    soft = simulate(leaner, make_partner("B", PULL_AWAY, e2, a2))
    hard = simulate(leaner, make_partner("B", PULL_AWAY, min(e2 + 1, 10), a2))
    assert hard.final >= soft.final - 1e-9


@given(stances, scores, scores, stances, scores, scores)
def test_it_does_not_matter_who_is_called_a_and_who_b(s1, e1, a1, s2, e2, a2):
    one = simulate(make_partner("A", s1, e1, a1), make_partner("B", s2, e2, a2))
    two = simulate(make_partner("B", s2, e2, a2), make_partner("A", s1, e1, a1))
    assert one.distances == two.distances


@given(scores, scores, scores, scores)
def test_leaning_in_together_beats_the_same_effort_with_one_pulling_away(e1, a1, e2, a2):
    a = make_partner("A", LEAN_IN, e1, a1)
    together = simulate(a, make_partner("B", LEAN_IN, e2, a2))
    apart = simulate(a, make_partner("B", PULL_AWAY, e2, a2))
    assert together.final <= apart.final


# --------------------------------------------------------------------------------------
# Drawing and words
# --------------------------------------------------------------------------------------


def test_path_keeps_the_distance_and_turns_a_little_each_round():
    run = _story_run("both_working")
    xs, ys = marble.path(run)
    assert len(xs) == len(ys) == len(run.distances)
    for x, y, d in zip(xs, ys, run.distances, strict=True):
        assert math.hypot(x, y) == pytest.approx(d, abs=1e-5)
    assert xs[0] == pytest.approx(0, abs=1e-9) and ys[0] == pytest.approx(marble.START)


def test_summaries_tell_each_story_in_words():
    carry = marble.summary(_story_run("carrying_alone"))
    assert "keeps the marble in the middle" in carry and "Ana does 9" in carry and "Lee" in carry
    assert "middle distance" not in carry
    both = marble.summary(_story_run("both_working"))
    assert "close to the centre" in both and "Jo and Sam both lean in" in both
    pull = marble.summary(_story_run("pulling_away"))
    assert re.search(r"Rafi pulls away.*falls off the edge in round \d+", pull)


def test_summary_for_light_effort_and_for_a_puller_who_has_not_yet_won():
    light = simulate(make_partner("A", LEAN_IN, 2, 1), make_partner("B", LEAN_IN, 2, 1))
    assert light.outcome == "far"
    text = marble.summary(light)
    assert "but lightly" in text and "close to rolling off" in text
    held = simulate(make_partner("A", LEAN_IN, 9, 9), make_partner("B", PULL_AWAY, 3, 0))
    assert held.fell_at is None
    assert "B pulls away" in marble.summary(held)


def test_a_fall_is_told_as_a_picture_not_a_prediction():
    for run in (
        _story_run("pulling_away"),
        simulate(make_partner("A", LEAN_IN, 0, 0), make_partner("B", LEAN_IN, 0, 0)),
    ):
        text = marble.summary(run)
        assert "likely to end" not in text
    assert "closeness is lost unless something changes" in marble.summary(_story_run("pulling_away"))
    assert "Kit's leaning in cannot hold the pane level" in marble.summary(_story_run("pulling_away"))


def test_the_pulling_away_lesson_blames_no_one():
    lesson = SETTINGS.story("pulling_away").lesson
    assert "only the person pulling away" not in lesson
    assert "no verdict on anyone" in lesson and "your choice" in lesson
    assert "exactly in the middle" not in SETTINGS.story("both_working").lesson


def test_someone_set_to_pull_away_with_no_strength_is_not_said_to_tilt_the_pane():
    kit = make_partner("Kit", LEAN_IN, 9, 9)
    still = simulate(kit, make_partner("Rafi", PULL_AWAY, 0, 3))
    text = marble.summary(still)
    assert "Rafi is set to pull away, but with no strength" in text
    assert "Rafi pulls away" not in text and "tilting the pane towards the edge" not in text
    assert "whatever the other does" not in text
    assert "If Rafi leans in instead" in text
    # the same marble as if Rafi simply put nothing in
    assert still.distances == simulate(kit, make_partner("Rafi", LEAN_IN, 0, 3)).distances


def test_a_puller_who_has_not_won_is_compared_with_nobody_pulling():
    kit = make_partner("Kit", LEAN_IN, 9, 9)
    held = simulate(kit, make_partner("Rafi", PULL_AWAY, 1, 3))
    assert held.fell_at is None
    alone = simulate(kit, make_partner("Rafi", PULL_AWAY, 0, 3))
    text = marble.summary(held)
    assert "Rafi pulls away, tilting the pane towards the edge" in text
    assert f"further out than the {alone.final:.1f} or so it would reach with nobody pulling" in text
    assert alone.final < held.final
    assert "whatever the other does" not in text


@pytest.mark.parametrize(
    ("lee", "nudge"),
    [
        ((LEAN_IN, 1, 2), "If Lee leans in a bit more, watch what happens."),
        ((LEAN_IN, 3, 2), "If Lee leans in a bit more, watch what happens."),
        ((LEAN_IN, 0, 2), "If Lee starts to put something in, even a little, watch what happens."),
        ((PULL_AWAY, 0, 2), "If Lee leans in instead, even a little, watch what happens."),
    ],
)
def test_the_nudge_for_the_quieter_partner_follows_what_they_already_do(lee, nudge):
    run = simulate(make_partner("Ana", LEAN_IN, 9, 9), make_partner("Lee", *lee))
    assert run.carried_by == "Ana"
    text = marble.summary(run)
    assert text.endswith(nudge)
    assert "nearer the centre" in text and "nearer the middle" not in text


def test_bands():
    assert [marble.band(d) for d in (0, 3, 3.1, 6.9, 7, 9.9)] == [
        "close",
        "close",
        "middle",
        "middle",
        "far",
        "far",
    ]


# --------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("", LEAN_IN, 5, 5), "Give each partner a name"),
        ((None, LEAN_IN, 5, 5), "Give each partner a name"),
        (("x" * 31, LEAN_IN, 5, 5), "30 characters or fewer"),
        (("Ana", "ignores", 5, 5), "either leans in ('lean_in') or pulls away ('pull_away')"),
        (("Ana", LEAN_IN, 11, 5), "Ana's effort must be from 0 to 10, got 11"),
        (("Ana", LEAN_IN, -1, 5), "Ana's effort must be from 0 to 10"),
        (("Ana", LEAN_IN, 5, 2.5), "Ana's attention must be a whole number"),
        (("Ana", LEAN_IN, "5", 5), "Ana's effort must be a whole number"),
        (("Ana", LEAN_IN, True, 5), "Ana's effort must be a whole number"),
    ],
)
def test_bad_partner_settings_say_what_to_change(args, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        make_partner(*args)


def test_bad_simulation_settings_say_what_to_change():
    a, b = make_partner("A"), make_partner("B")
    with pytest.raises(ValueError, match="rounds must be a whole number from 1 to 60"):
        simulate(a, b, 0)
    with pytest.raises(ValueError, match="rounds must be a whole number"):
        simulate(a, b, 2.5)
    with pytest.raises(ValueError, match="must start on the pane"):
        simulate(a, b, start=10)
    with pytest.raises(ValueError, match="must start on the pane"):
        simulate(a, b, start=-1)
    with pytest.raises(ValueError, match="two partners made with make_partner"):
        simulate({"name": "A"}, b)


# --------------------------------------------------------------------------------------
# marble.yaml
# --------------------------------------------------------------------------------------


def test_the_data_file_offers_the_models_stances_and_three_stories():
    assert tuple(c.id for c in SETTINGS.stances) == marble.STANCES
    assert [s.id for s in SETTINGS.stories] == ["carrying_alone", "both_working", "pulling_away"]
    with pytest.raises(ValueError, match="Unknown marble story 'nope'"):
        SETTINGS.story("nope")


def _edit(data_dir, change):
    path = data_dir / "marble.yaml"
    value = yaml.safe_load(path.read_text())
    change(value)
    path.write_text(yaml.safe_dump(value, sort_keys=False))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["stories"][0]["a"].update(effort=12),
            "marble.yaml, story 1 ('carrying_alone'), partner a, field 'effort': "
            "expected a number from 0 to 10, got 12",
        ),
        (
            lambda d: d["stories"][1]["b"].update(stance="sulks"),
            "marble.yaml, story 2 ('both_working'), partner b, field 'stance': expected one of "
            "lean_in, pull_away, got 'sulks'",
        ),
        (
            lambda d: d["stories"][2].pop("lesson"),
            "marble.yaml, story 3 ('pulling_away'), field 'lesson': is missing",
        ),
        (
            lambda d: d["stories"][2].update(a="Kit"),
            "marble.yaml, story 3 ('pulling_away'), field 'a': expected a mapping",
        ),
        (
            lambda d: d["stories"][2].update(id="both_working"),
            "field 'id': 'both_working' is used more than once",
        ),
    ],
)
def test_a_malformed_marble_file_names_the_story_and_field(data_copy, change, expected):
    _edit(data_copy, change)
    with pytest.raises(ContentError) as err:
        marble.load_settings(data_copy)
    assert expected in str(err.value)
