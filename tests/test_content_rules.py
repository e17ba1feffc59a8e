"""Content rules a reader could check by hand, checked here so they stay true (issue 13).

Quiz options that give nothing away by their length, safety words placed before what they
limit, marking that accepts every fair answer, the pane of glass as the source tells it,
one role per invented name, rubrics with levels and calibration examples kept from learners,
and the pages and boxes that keep learners at risk safe.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
from pathlib import Path

import nbformat
import pytest
import yaml
from support import course_markdown, notebook_markdown

from course import content, marble

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
LIMIT = "controlling, frightening or cruel"


# --------------------------------------------------------------------------------------
# Quizzes: option length gives nothing away
# --------------------------------------------------------------------------------------


def _all_questions():
    return [(m.id, q) for m in content.modules() for q in content.quiz(m.id)]


def _strictly(question, better) -> bool:
    lengths = [len(o.text) for o in question.options]
    right = question.correct_index
    return all(better(lengths[right], n) for i, n in enumerate(lengths) if i != right)


def test_the_right_option_is_the_longest_in_at_most_a_third_of_the_questions():
    questions = _all_questions()
    assert len(questions) >= 30
    longest = [f"{m}.{q.id}" for m, q in questions if _strictly(q, lambda a, b: a > b)]
    assert len(longest) * 3 <= len(questions), f"right option is the longest in {longest}"


def test_the_right_option_is_not_a_giveaway_by_being_the_shortest_either():
    questions = _all_questions()
    shortest = [f"{m}.{q.id}" for m, q in questions if _strictly(q, lambda a, b: a < b)]
    assert len(shortest) * 3 <= len(questions), f"right option is the shortest in {shortest}"


def test_the_length_rule_can_fail():
    """The same measure on a quiz built the old way (right answer padded) reports it."""
    padded = content.Question(
        id="x",
        question="?",
        options=(
            content.Option("Short and wrong.", False, "because"),
            content.Option("A much longer option that carefully qualifies itself.", True, "because"),
        ),
    )
    assert _strictly(padded, lambda a, b: a > b)


def test_wrong_options_are_not_strawmen_built_on_always_or_never():
    strawmen = [
        f"{m}.{q.id}: {o.text}"
        for m, q in _all_questions()
        for o in q.options
        if not o.correct and re.search(r"\b(always|never)\b", o.text, re.I)
    ]
    assert not strawmen


# --------------------------------------------------------------------------------------
# Module 3: the limit comes before the loop
# --------------------------------------------------------------------------------------


def test_module_3_states_the_limit_before_it_first_mentions_the_loop():
    text = course_markdown("03_avoider_and_pursuer")
    limit = text.find(f"{LIMIT}, the loop is not the problem")
    first_loop = re.search(r"\bloops?\b|pursue-withdraw|push and pull", text, flags=re.I)
    assert limit != -1 and first_loop is not None
    assert limit < first_loop.start(), "the safety limit must come before the loop is presented"


def test_the_loop_quiz_and_prompt_carry_the_limit():
    (loop,) = [q for q in content.quiz("03_avoider_and_pursuer") if q.id == "loop"]
    for option in loop.options:
        assert LIMIT in option.explanation, option.text
    assert "the loop is not the problem" in loop.options[loop.correct_index].explanation
    prompt = content.prompt("03_avoider_and_pursuer", "loop")
    assert LIMIT in prompt.hint and "the loop is not the problem" in prompt.hint


# --------------------------------------------------------------------------------------
# Fair marking: each debatable item accepts its fair answers
# --------------------------------------------------------------------------------------

# (assignment, answer variable): (fair answers, answers that must still be marked wrong)
FAIR = {
    ("01_what_is_intimacy", "story_2"): (["intellectual", "values"], ["physical", "emotional"]),
    ("02_fear_of_intimacy", "story_1"): (["leaving", "pulling away"], ["trust", "surface"]),
    ("03_avoider_and_pursuer", "behaviour_3"): (["both", "pursuer"], ["avoider"]),
    ("03_avoider_and_pursuer", "behaviour_6"): (["both", "pursuer"], ["avoider"]),
    ("04_healthy_intimacy", "flag_3"): (["yellow", "green"], ["red"]),
    ("05_building_intimacy", "word_2"): (["sad", "mixed up"], ["angry", "glad"]),
    ("06_couples_sex_and_support", "marble_2"): (["in the middle"], ["partway out", "towards the edge"]),
}


def _solution(assignment: str) -> nbformat.NotebookNode:
    return nbformat.read(ROOT / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)


def _cell(nb: nbformat.NotebookNode, grade_id: str) -> str:
    (cell,) = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id]
    return cell.source


def _hidden(source: str) -> str:
    return source[source.index(BEGIN) + len(BEGIN) : source.index(END)]


def _allowed(source: str, name: str) -> list[str]:
    call = re.search(rf'check\("{name}", (\[.*?\])\)', source, flags=re.S)
    return ast.literal_eval(call.group(1))


def _marks(assignment: str, name: str, value: str) -> bool:
    """Run the instructor version's hidden test for ``name`` with ``value`` as the answer."""
    hidden = _hidden(_cell(_solution(assignment), f"check_{name}"))
    with contextlib.redirect_stdout(io.StringIO()) as out:
        try:
            exec(hidden, {name: value})
        except AssertionError as e:
            assert str(e).startswith("✗ Not quite."), e
            return False
    assert out.getvalue().startswith("✓ Right.")
    return True


@pytest.mark.parametrize(
    ("item", "answers"), FAIR.items(), ids=lambda v: v[1] if isinstance(v, tuple) else ""
)
def test_each_debatable_item_accepts_its_fair_answers(item, answers):
    assignment, name = item
    fair, unfair = answers
    check_cell = _cell(_solution(assignment), f"check_{name}")
    allowed = _allowed(check_cell, name)
    for answer in fair:
        assert answer in allowed, f"{name}: fair answer {answer!r} is not offered"
        assert _marks(assignment, name, answer), f"{name}: fair answer {answer!r} is marked wrong"
    for answer in unfair:
        assert answer in allowed
        assert not _marks(assignment, name, answer), f"{name}: {answer!r} should not earn the mark"
    key = re.search(rf'^{name} = "(.*?)"  # SOLUTION$', _cell(_solution(assignment), name), flags=re.M)
    assert key and key.group(1) in fair


def test_the_fair_marking_check_can_fail():
    """A hidden test that accepts only one answer is caught by the same helper."""
    source = _cell(_solution("01_what_is_intimacy"), "check_story_1")
    assert _marks("01_what_is_intimacy", "story_1", "experiential")
    assert not _marks("01_what_is_intimacy", "story_1", "values")
    assert "mark(" in _hidden(source)


# --------------------------------------------------------------------------------------
# The pane of glass: one person working alone keeps the marble in the middle
# --------------------------------------------------------------------------------------


def test_the_marble_story_says_in_the_middle_not_middle_distance():
    story = marble.settings().story("carrying_alone")
    assert "in the middle" in story.lesson
    for text in (story.setup, story.lesson, course_markdown("06_couples_sex_and_support")):
        assert "middle distance" not in text
    run = marble.simulate(
        marble.make_partner(story.a.name, story.a.stance, story.a.effort, story.a.attention),
        marble.make_partner(story.b.name, story.b.stance, story.b.effort, story.b.attention),
    )
    summary = marble.summary(run)
    assert "in the middle" in summary and "middle distance" not in summary
    for assignment in ("solutions", "exercises"):
        nb = nbformat.read(
            ROOT / assignment / "06_couples_sex_and_support/06_couples_sex_and_support.ipynb", 4
        )
        assert "middle distance" not in "\n".join(c.source for c in nb.cells)


# --------------------------------------------------------------------------------------
# One role per invented name
# --------------------------------------------------------------------------------------

M3, M6, Q, FLAGS, MARBLE = (
    "course/03_avoider_and_pursuer.ipynb",
    "course/06_couples_sex_and_support.ipynb",
    "course/data/quizzes.yaml",
    "course/data/flags.yaml",
    "course/data/marble.yaml",
)
EX = {
    n: f"solutions/{a}/{a}.ipynb"
    for n, a in enumerate(sorted(p.name for p in (ROOT / "solutions").iterdir()), 1)
}

# name: (the one role it plays, the files that tell that one story)
ROLES = {
    "Ana": ("carries the pane alone (marble)", {MARBLE, M6}),
    "Lee": ("fond but rarely joins in (marble)", {MARBLE, M6}),
    "Jo": ("works at it with Sam (marble)", {MARBLE}),
    "Sam": ("works at it with Jo (marble)", {MARBLE}),
    "Kit": ("works hard while Rafi pulls away (marble)", {MARBLE}),
    "Beth": ("reaches out in the pursue-withdraw loop", {M3, Q}),
    "Kai": ("goes quiet in the pursue-withdraw loop", {M3, Q}),
    "Bea": ("passes a secret round a group chat", {FLAGS}),
    "Rosa": ("the aunt whose teasing does not stop", {FLAGS}),
    "Jordan": ("cancels at short notice", {FLAGS}),
    "Lou": ("accepts a no to a weekend away", {FLAGS}),
    "Sol": ("leaves the room during hard talks", {FLAGS}),
    "Mei": ("tells her brother she misses feeling close", {M6}),
    "Ade": ("keeps a balanced distance with his partner", {M6}),
    "Priya": ("opens up to a friend who never shares back (quiz)", {Q}),
    "Chidi": ("finds fault as relationships get serious", {EX[3]}),
    "Nadia": ("falls for people who are not free", {EX[3]}),
    "Kwame": ("picks a fight when a friend feels close", {EX[2]}),
    "Ines": ("needs a quiet hour after work", {EX[4]}),
    "Dee": ("a couple with a lively sex life and little talk", {Q}),
}


def _texts() -> dict[str, str]:
    texts = {}
    for path in sorted((ROOT / "course").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*/*.ipynb")):
        texts[str(path.relative_to(ROOT))] = notebook_markdown(path) + "\n".join(
            c.source for c in nbformat.read(path, 4).cells if c.cell_type == "code"
        )
    for path in sorted((ROOT / "course" / "data").glob("*.yaml")):
        texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    return texts


@pytest.mark.parametrize("name", sorted(ROLES))
def test_each_invented_name_plays_one_role(name):
    role, files = ROLES[name]
    found = {path for path, text in _texts().items() if re.search(rf"\b{name}\b", text)}
    assert found, f"{name} ({role}) no longer appears: update the mapping"
    assert found <= files, f"{name} ({role}) also appears in {sorted(found - files)}"


# --------------------------------------------------------------------------------------
# Rubrics: levels, definitions, calibration examples kept from learners
# --------------------------------------------------------------------------------------

ASSIGNMENTS = sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())
EXAMPLES = ("Full marks (4 of 4)", "Borderline (2 of 4)", "Weak (1 of 4)")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_rubrics_have_levels_definitions_and_calibration_examples(assignment):
    nb = _solution(assignment)
    prompt = _cell(nb, "part_b_prompt")
    assert "| Fully met (1 point) | Partly met (½ point) | Not yet (0) |" in prompt
    assert "A **realistic** step" in prompt and "A **thoughtful** reason" in prompt
    answer = _cell(nb, "reflection")
    for label in EXAMPLES:
        assert label in answer
    student = (ROOT / "exercises" / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8")
    assert "Partly met (½ point)" in student, "learners see the rubric"
    for label in EXAMPLES:
        assert label not in student, "example answers are for markers only"


# --------------------------------------------------------------------------------------
# Times: module 7, and each exercise in modules.yaml, the exercise and the guide
# --------------------------------------------------------------------------------------


def test_exercise_times_are_stated_everywhere():
    raw = yaml.safe_load((ROOT / "course/data/modules.yaml").read_text(encoding="utf-8"))["modules"]
    minutes = {m["id"]: m.get("exercise_minutes") for m in raw}
    guide = course_markdown("facilitator_guide")
    for n, assignment in enumerate(ASSIGNMENTS, 1):
        m = minutes[assignment]
        assert isinstance(m, int) and 20 <= m <= 30, assignment
        assert f"**It takes about {m} minutes.**" in _cell(_solution(assignment), "intro")
        assert f"Exercise {n} (about {m} min)" in guide
    assert {k for k, v in minutes.items() if v is not None} == set(ASSIGNMENTS)
    assert content.module("07_next_steps").minutes >= 35


# --------------------------------------------------------------------------------------
# Safety pages and boxes
# --------------------------------------------------------------------------------------


def test_before_you_start_is_words_only_and_linked_from_the_welcome_and_the_guide():
    path = ROOT / "course" / "before_you_start.ipynb"
    nb = nbformat.read(path, 4)
    assert all(c.cell_type == "markdown" for c in nb.cells)
    text = notebook_markdown(path)
    for words in ("education, not therapy", "https://findahelpline.com", "domestic-abuse", "18 and over"):
        assert words in text
    welcome = nbformat.read(ROOT / "course/00_welcome.ipynb", 4)
    assert "(before_you_start.ipynb)" in welcome.cells[0].source, "linked near the top"
    assert "(before_you_start.ipynb)" in course_markdown("facilitator_guide")


def test_the_guide_says_how_to_forget_one_learner():
    guide = course_markdown("facilitator_guide")
    assert "python -m course.facilitator forget LEARNER_ID" in guide
    for place in ("`submitted/`", "`autograded/`", "`feedback/`", "`gradebook.db`"):
        assert place in guide


@pytest.mark.parametrize("module", ["00_welcome", "04_healthy_intimacy"])
def test_device_safety_box_names_every_choice(module):
    text = course_markdown(module)
    box = text[text.index("> **Device safety.**") :]
    for button in ("Clear today's entries", "Keep drafts while I type", "Lock my journal", "Leave quickly"):
        assert f"**{button}**" in box
    for words in ("Downloads", "exports", "lost passphrase means lost entries", "account or", "history"):
        assert words in box


def test_the_welcome_no_longer_promises_only_your_account_can_open_the_journal():
    text = course_markdown("00_welcome")
    assert "only your user account can open it" not in text
    assert "anyone who can use your account or your device can open it" in text


def test_module_6_puts_a_medical_check_first():
    text = course_markdown("06_couples_sex_and_support")
    medical = text.index("a medical check comes first")
    assert medical < text.index("the soil physical intimacy grows in")
    assert "heart disease" in text and "vaginismus" in text


def test_a_persistent_yellow_flag_is_red_in_the_quiz():
    (red,) = [q for q in content.quiz("04_healthy_intimacy") if q.id == "red_flag"]
    right = red.options[red.correct_index]
    assert "never shares back" in right.text and "turned red" in right.explanation
