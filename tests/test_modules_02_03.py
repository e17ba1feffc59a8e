"""Promises specific to modules 2 and 3 that a reader checks in the notebooks' words."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from support import course_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_module_2_opens_with_a_content_note_that_names_the_hard_topics():
    text = course_markdown("02_fear_of_intimacy")
    note = re.search(r"^> \*\*Content note\.\*\*.*$", text, flags=re.M).group(0)
    for topic in ("trauma", "abuse", "neglect", "mental health"):
        assert topic in note
    assert "(#Check-yourself)" in note


def test_module_2_treats_avoidant_personality_disorder_as_a_clinical_matter():
    text = course_markdown("02_fear_of_intimacy")
    assert "2.5%" in text
    assert "Only a qualified professional can assess it" in text
    assert "No checklist, quiz or course can detect it" in text
    assert "Thelen et al., 2000" in text and "An average says nothing about any one person" in text


def test_module_3_says_the_self_assessment_is_not_a_test_and_the_model_is_a_toy():
    text = course_markdown("03_avoider_and_pursuer")
    assert "This is a reflection tool, not a validated test or a diagnosis." in text
    for region in ("leaning neither way", "leaning Avoider", "leaning Pursuer", "leaning both ways"):
        assert region in text
    assert "It is a toy, not a prediction" in text
    assert "Keeping your distance is healthy" in text


def _cell(name: str, heading: str) -> str:
    """The Markdown from ``heading`` up to the next heading of the same level."""
    text = course_markdown(name)
    level = heading.split(" ", 1)[0]
    start = text.index(heading)
    nxt = re.search(rf"^{level} ", text[start + len(heading) :], flags=re.M)
    return text[start : start + len(heading) + (nxt.start() if nxt else len(text))]


def _content_notes(name: str) -> list[str]:
    return re.findall(r"^> \*\*Content note\.\*\*.*$", course_markdown(name), flags=re.M)


def test_module_3_puts_the_safety_limit_before_asking_anyone_to_look_at_themselves():
    section = _cell("03_avoider_and_pursuer", "## 9. Three ways out of the loop")
    limit = section.index("The same limit as at the start")
    assert limit < section.index("### Don't build a case") < section.index("### Look at yourself")
    assert "controlling, frightening or cruel" in section[limit:]
    assert "nag" not in section and "did you press" in section
    opening = _content_notes("03_avoider_and_pursuer")[0]
    assert "controlling or frightening relationships" in opening and "sex" in opening


def test_module_3_treats_patterns_not_people_and_never_singleness_as_a_symptom():
    text = course_markdown("03_avoider_and_pursuer")
    assert "staying single" not in text and "dates, parties" not in text
    takeaways = _cell("03_avoider_and_pursuer", "## Key takeaways")
    assert "The Avoider pattern tends to" in takeaways and "Avoiders tend" not in takeaways
    assert "needy" not in text
    assert "each may be, in a different way, afraid of closeness" in text


def test_module_2_content_notes_name_every_hard_topic_they_cover():
    opening, roots, mental_health, gap = _content_notes("02_fear_of_intimacy")
    for topic in ("bereavement", "alcohol", "food", "sex", "gambling"):
        assert topic in opening
    assert "bereavement" in roots
    for topic in ("alcohol", "drugs", "food", "sex", "gambling"):
        assert topic in gap
    assert "(#8.-Gender-and-the-lessons-we-are-taught)" in mental_health
    assert "## 8. Gender and the lessons we are taught" in course_markdown("02_fear_of_intimacy")


def test_module_2_promises_only_what_it_can_and_does_not_overstate_research():
    text = course_markdown("02_fear_of_intimacy")
    assert "can be unlearned" not in text and "can often loosen" in text
    # Only "men scored higher" is in the source; no added details about who was studied.
    assert "cites one study (Thelen et al., 2000) that found men scored higher than women" in text
    assert "heterosexual" not in text and "somewhat more fear" not in text
    assert "as many as 2.5%" in text and "about 2.5%" not in text
    assert "not the same as social anxiety" in text
    assert "many men are not afraid" not in text
    assert "Estimates of how common it is vary between studies" in text
    assert "in place of a relationship with people" not in text
    assert "attachment styles" in text and "blaming caregivers" in text
    assert "with friends, family or partners" in _cell("02_fear_of_intimacy", "## 3. Check the signs")


def test_reflection_privacy_is_true_on_shared_servers_too():
    for name in ("02_fear_of_intimacy", "03_avoider_and_pursuer"):
        reflect = _cell(name, "## Reflect")
        assert "on this computer" not in reflect
        assert "private journal" in reflect and "never handed in" in reflect
        assert "whoever runs the server could technically reach its files" in reflect


def test_self_assessments_tell_groups_that_results_are_never_asked_for():
    line = "If you are in a group, these results are yours alone: nobody should ask you to share them."
    assert line in _cell("02_fear_of_intimacy", "## 3. Check the signs")
    assert line in _cell("03_avoider_and_pursuer", "## 6. Where do you sit?")


def _solution(name: str) -> str:
    nb = nbformat.read(ROOT / "solutions" / name / f"{name}.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells)


def test_exercises_ask_for_no_history_and_protect_real_people():
    two, three = _solution("02_fear_of_intimacy"), _solution("03_avoider_and_pursuer")
    assert "Nothing here requires your own history" in two
    for text in (two, three):
        assert "change their names so nobody can be identified" in text
    assert '"intimacy gap"' not in two, "every option for the roots question is a root"
    assert 'check("question_5", ["early care", "trauma", "past relationship"])' in two
    assert "Afraid that a friend is drifting away" not in three
    assert "listing everything he forgot" not in three
