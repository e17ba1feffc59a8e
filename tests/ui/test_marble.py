"""The marble widgets, headless: set values, click buttons, check what was stored and drawn."""

from __future__ import annotations

from support import course_markdown

import course
from course import marble
from course.marble import LEAN_IN, PULL_AWAY, make_partner


def test_marble_simulator_tells_each_story_beside_the_chart():
    w = course.marble_simulator()
    assert w.story.id == "carrying_alone" and w.result.outcome == "close"
    assert "Ana does" in w.summary.value and "What this story shows" in w.summary.value
    seen = {}
    for story_id, button in w.story_buttons.items():
        button.click()
        seen[story_id] = w.result.outcome
        assert w.story.id == story_id
        assert list(w.figure.data[1].y) == list(w.result.distances)
        assert marble.settings().story(story_id).lesson[:30] in w.summary.value
    assert seen == {"carrying_alone": "close", "both_working": "close", "pulling_away": "fell"}


def test_moving_a_slider_reruns_the_model_and_says_it_is_your_version():
    w = course.marble_simulator("carrying_alone")
    before = w.result.final
    stance, effort, attention = w.controls["b"]
    assert effort.label.startswith("Lee's effort")
    effort.value = 6
    attention.value = 7
    assert w.result.b == make_partner("Lee", LEAN_IN, 6, 7)
    assert w.result.final < before - 1
    assert "You have changed the story's settings" in w.summary.value
    assert "What this story shows" not in w.summary.value
    stance.value = PULL_AWAY
    assert attention.disabled, "attention plays no part in pulling away"
    assert "Lee pulls away" in w.summary.value
    assert effort.label == "How strongly Lee pulls away", "the slider follows the stance"
    assert (effort.low_label, effort.high_label) == ("not at all", "as hard as they can")
    w.story_buttons["carrying_alone"].click()
    assert not attention.disabled and w.result.final == before
    assert "What this story shows" in w.summary.value
    assert effort.label == "Lee's effort: how much they put in" and effort.high_label == "all they can give"


def test_the_marble_words_follow_the_settings():
    w = course.marble_simulator("carrying_alone")
    assert "If Lee leans in a bit more, watch what happens" in w.summary.value
    assert "starts to lean in too" not in w.summary.value
    _, lee_effort, _ = w.controls["b"]
    lee_effort.value = 3
    assert "If Lee leans in a bit more" in w.summary.value
    w.story_buttons["pulling_away"].click()
    stance, effort, _ = w.controls["b"]
    assert stance.value == PULL_AWAY and effort.label == "How strongly Rafi pulls away"
    assert "Rafi pulls away" in w.summary.value
    effort.value = 0
    assert "Rafi is set to pull away, but with no strength" in w.summary.value
    assert "tilting the pane towards the edge" not in w.summary.value
    assert "whatever the other does" not in w.summary.value
    assert "likely to end" not in w.summary.value


def test_the_simulator_says_the_direction_means_nothing():
    w = course.marble_simulator()
    assert "direction the marble rolls means nothing" in w.children[0].value


def test_loading_a_story_runs_the_model_once():
    w = course.marble_simulator()
    runs = []
    original = w._run
    w._run = lambda: (runs.append(1), original())
    w.load("pulling_away")
    assert len(runs) == 1


def test_couples_therapy_comes_with_a_safety_word():
    for name in ("06_couples_sex_and_support", "07_next_steps"):
        assert "domestic-abuse service is safer" in course_markdown(name)
    text = course_markdown("06_couples_sex_and_support")
    assert "trauma-informed therapist" in text
    assert "Check the therapist's registration" in text and "the service's privacy policy" in text
    reading = text.split("## Sources")[0]
    assert "Rula" not in reading and "BetterHelp" not in reading, "company names only in Sources"
