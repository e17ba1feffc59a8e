"""Practice with feedback (course/practice.py, data/practice.yaml): a table of sentences and
the feedback each must get, the tokeniser, the limits, and the data file's checks."""

from __future__ import annotations

import json
import time

import pytest
import yaml

from course import practice, schema, vocabulary

SL, IS, RP = "speaker_listener", "i_statement", "repair"

# (skill, situation, the learner's sentence, notes it must get, notes it must not get,
#  words that must appear in what it says). Notes: "feeling" ... "check" are what works;
#  the rest are things to try. None: the skill's first situation.
TABLE = [
    # -- a gentle start / I-statement ---------------------------------------------------------
    (
        IS,
        None,
        "You never listen",
        {"absolute", "you_blame", "feeling_missing"},
        {"feeling"},
        ["“never”", "“You never listen”"],
    ),
    (
        IS,
        None,
        "I feel that you are lazy",
        {"thought_as_feeling", "label"},
        {"feeling", "feeling_missing", "done_to_me_serious"},
        ["“I feel that you are lazy” sounds more like a thought than a feeling", "“you are lazy”"],
    ),
    (
        IS,
        None,
        "I feel lonely when we go all week without a proper talk. Could we keep Sunday evening for it?",
        {"feeling", "situation", "request"},
        {"absolute", "label", "you_blame", "feeling_missing", "request_missing", "situation_missing"},
        ["“lonely”", "“Could we keep Sunday evening for it”"],
    ),
    (IS, None, "I don’t feel hurt.", {"feeling_negated"}, {"feeling", "feeling_missing"}, ["“hurt”"]),
    (IS, None, "i dont feel HURT", {"feeling_negated"}, {"feeling"}, ["“HURT”"]),
    (
        IS,
        None,
        "I'm not angry, I'm hurt when plans change at the last minute",
        {"feeling", "situation"},
        {"feeling_negated"},
        ["“hurt”"],
    ),
    (
        IS,
        None,
        "I feel gutted when plans change without a word. Can we talk about it?",
        {"feeling_unknown", "situation", "request"},
        {"feeling", "feeling_missing"},
        ["“gutted” is not in the course's list"],
    ),
    (
        IS,
        None,
        "I feel ignored when you’re on your phone at dinner",
        {"done_to_me", "situation", "request_missing"},
        {"label", "feeling", "done_to_me_serious"},
        ["“I feel ignored”", "the feeling underneath it"],
    ),
    # serious words get their own message, which never asks the learner to soften them
    (
        IS,
        None,
        "I feel controlled when my phone gets checked",
        {"done_to_me_serious", "situation"},
        {"done_to_me", "feeling", "thought_as_feeling"},
        ["“I feel controlled” names something serious", "your safety comes first", "before_you_start.ipynb"],
    ),
    (
        IS,
        "partner_phone",
        "I FEEL MANIPULATED",
        {"done_to_me_serious"},
        {"done_to_me"},
        ["“I FEEL MANIPULATED”", "if someone really is controlling, threatening or hurting you"],
    ),
    (
        IS,
        None,
        "I feel like I’m being controlled all the time",
        {"done_to_me_serious"},
        {"thought_as_feeling", "done_to_me"},
        ["“I feel like I’m being controlled”"],
    ),
    (
        IS,
        None,
        "I felt threatened and attacked",
        {"done_to_me_serious"},
        {"done_to_me", "feeling"},
        ["“I felt threatened”"],
    ),
    # distress or danger: a caring message only, never skill feedback (see the test below)
    (
        IS,
        None,
        "I feel like giving up",
        {"distress"},
        {"thought_as_feeling", "feeling_missing"},
        ["Find A Helpline"],
    ),
    (IS, None, "I’m scared of him", {"distress"}, {"feeling", "situation_missing"}, ["sounds really hard"]),
    (SL, "friend_new_job", "I cant go on like this. Did I get that right?", {"distress"}, {"check"}, []),
    (RP, None, "Sorry. He threatens me when I say no", {"distress"}, {"move_own_part"}, []),
    (RP, None, "I don’t want to die, I want to start again", {"distress"}, {"move_restart"}, []),
    (IS, None, "I'm frightened of them and I don't feel safe at home", {"distress"}, {"feeling"}, []),
    # ... but a negation turns round the milder cues: "I won't give up on us" is a repair
    (
        RP,
        None,
        "I won’t give up on us. Can we start again?",
        {"move_restart", "repair_one_more"},
        {"distress"},
        ["“start again”"],
    ),
    (IS, None, "I'm not scared of him, I'm tired", {"feeling"}, {"distress"}, ["“tired”"]),
    (
        IS,
        None,
        "You’re always late and it wears me out",
        {"absolute", "label"},
        {"feeling"},
        ["“always”", "“You’re always late”"],
    ),
    (
        IS,
        None,
        "I FEEL FRUSTRATED WHEN THE CAR COMES BACK EMPTY. COULD YOU FILL IT UP?",
        {"feeling", "situation", "request"},
        {"feeling_missing"},
        ["“FRUSTRATED”"],
    ),
    (
        IS,
        None,
        "I felt left out on Saturday when the plans were made without me. Would you check with me next time?",
        {"feeling", "situation", "request"},
        set(),
        ["“left out”"],
    ),
    (
        IS,
        None,
        "I feel like you don't care about me",
        {"thought_as_feeling"},
        {"feeling"},
        ["“I feel like you don't care"],
    ),
    (
        IS,
        None,
        "You need to stop interrupting me, it's your fault we fight",
        {"demand", "blame"},
        {"request"},
        ["“your fault"],
    ),
    (
        IS,
        None,
        "I’m worried about money since the car repair; can we look at the budget on Thursday?",
        {"feeling", "situation", "request"},
        {"absolute", "label"},
        ["“worried”"],
    ),
    (
        IS,
        None,
        "I feel really, really anxious",
        {"feeling", "situation_missing", "request_missing"},
        set(),
        ["“anxious”"],
    ),
    # -- the speaker-listener turn ------------------------------------------------------------
    (
        SL,
        "friend_new_job",
        "So the new job leaves you too tired to call, and then you feel guilty. Did I get that right?",
        {"paraphrase", "gist", "check", "listener_feeling"},
        {"check_missing", "advice"},
        ["“Did I get that right”"],
    ),
    (
        SL,
        "friend_new_job",
        "You should just call people at the weekend",
        {"advice", "paraphrase_missing", "check_missing"},
        {"check"},
        ["“You should just call people at…”"],
    ),
    (
        SL,
        "sibling_parent_care",
        "Sounds like the driving to Mum's is all on you, right?",
        {"paraphrase", "gist", "check"},
        {"question_not_check", "check_missing"},
        [],
    ),
    (
        SL,
        "sibling_parent_care",
        "Why don’t you ask our cousin to help?",
        {"question_not_check", "advice", "paraphrase_missing"},
        {"check"},
        ["“Why don’t you ask our cousin to help?”"],
    ),
    (
        SL,
        "partner_plans",
        "It sounds like Saturday mattered a lot. But I only said yes because you were busy. Is that right?",
        {"paraphrase", "gist", "check", "defending"},
        set(),
        ["“But I only said"],
    ),
    (
        SL,
        "parent_worry",
        "Me too, I never hear anything from anyone. Is there more?",
        {"own_story", "check"},
        {"check_missing"},
        ["“Me too”"],
    ),
    (
        SL,
        "colleague_credit",
        "Calm down, it's not a big deal. Did I miss anything?",
        {"dismissing", "check"},
        set(),
        ["“Calm down"],
    ),
    (
        SL,
        "colleague_credit",
        "So you put weeks into the report and it went out as the team's idea",
        {"paraphrase", "gist", "check_missing"},
        {"check", "question_not_check"},
        [],
    ),
    (SL, "partner_plans", "I hear you", {"paraphrase", "gist_missing", "check_missing"}, {"gist"}, []),
    # -- a repair attempt -----------------------------------------------------------------------
    (
        RP,
        None,
        "I’m sorry I snapped. Can we start again?",
        {"move_own_part", "move_restart"},
        {"repair_missing", "repair_one_more", "non_apology"},
        ["“sorry I snapped”", "“start again”"],
    ),
    (
        RP,
        None,
        "Sorry if you feel upset, but you started it",
        {"non_apology", "blame", "repair_missing"},
        {"move_own_part"},
        ["“Sorry if you feel upset"],
    ),
    (
        RP,
        None,
        "Can we take a break?",
        {"move_pause", "pause_return_missing", "repair_one_more", "repair_own_part"},
        {"repair_missing"},
        [
            "A second often helps it land, for example “I'm on your side here.”",
            "If you had a part in it, owning it can help, for example “I'm sorry I snapped.”",
            "If you didn't, a word of reassurance works too.",
        ],
    ),
    # an apology already made: the second move offered is reassurance, and no apology is pressed
    (
        RP,
        None,
        "I’m sorry I snapped.",
        {"move_own_part", "repair_one_more"},
        {"repair_own_part", "repair_missing"},
        ["for example “I'm on your side here.”"],
    ),
    (
        RP,
        None,
        "I’m on your side.",
        {"move_reassure", "repair_one_more", "repair_own_part"},
        set(),
        ["for example “Can we start again?”"],
    ),
    # "calm down" inside a pause is a repair move, not dismissing
    (
        RP,
        None,
        "Can we both calm down for ten minutes?",
        {"move_pause"},
        {"dismissing", "pause_return_missing", "repair_missing"},
        ["“both calm down for ten minutes”"],
    ),
    (
        SL,
        "partner_plans",
        "Let’s calm down and come back to it later. Is that right?",
        {"check"},
        {"dismissing"},
        [],
    ),
    (
        RP,
        None,
        "This is getting heated. Can we take twenty minutes and come back to it after dinner?",
        {"move_name_it", "move_pause"},
        {"pause_return_missing", "repair_one_more", "repair_missing"},
        [],
    ),
    (RP, None, "I'm not sorry", {"repair_missing"}, {"move_own_part"}, []),
    (RP, None, "whatever", {"repair_missing"}, set(), []),
    (
        RP,
        None,
        "That came out wrong. I love you and I'm on your side",
        {"move_name_it", "move_reassure"},
        {"repair_missing", "repair_one_more"},
        [],
    ),
    (
        RP,
        None,
        "You always do this. Calm down",
        {"absolute", "you_blame", "dismissing", "repair_missing"},
        set(),
        ["“Calm down”"],
    ),
    (
        RP,
        None,
        "I think I got defensive, that's on me. You matter to me.",
        {"move_own_part", "move_reassure"},
        {"you_blame", "repair_missing"},
        [],
    ),
]


@pytest.mark.parametrize(("skill", "scenario", "sentence", "must", "must_not", "words"), TABLE)
def test_each_sentence_gets_the_feedback_it_should(skill, scenario, sentence, must, must_not, words):
    feedback = practice.check(skill, sentence, scenario)
    assert must <= feedback.ids, f"missing {must - feedback.ids}; got {sorted(feedback.ids)}"
    assert not must_not & feedback.ids, f"should not say {must_not & feedback.ids}"
    said = " ".join(n.text for n in feedback.notes)
    for w in words:
        assert w in said, f"{w!r} not in: {said}"
    order = ("care", "works", "try")
    kinds = [n.kind for n in feedback.notes]
    assert kinds == sorted(kinds, key=order.index), "a word about safety first, then works, then try"
    assert feedback.distress == ("distress" in must) == (feedback.notes[0].id == "distress")
    if "done_to_me_serious" in must:
        assert feedback.notes[0].id == "done_to_me_serious" and feedback.notes[0].kind == "care"


DISTRESS = [
    (IS, "I feel like giving up"),
    (IS, "I’m scared of him"),
    (IS, "i cant take it any more, you never listen"),
    (SL, "I’m afraid of her. Did I get that right?"),
    (SL, "Sounds like you want to end it all"),
    (RP, "I'm sorry, he hits me when I say no"),
    (RP, "I want to hurt myself. Can we start again?"),
    (RP, "what's the point, it's hopeless"),
]


@pytest.mark.parametrize(("skill", "sentence"), DISTRESS)
def test_distress_gets_only_a_caring_message_and_no_skill_feedback(skill, sentence):
    feedback = practice.check(skill, sentence)
    (note,) = feedback.notes
    assert (note.id, note.kind) == ("distress", "care")
    assert not feedback.works and not feedback.tries and feedback.example == ""
    assert note.text.startswith("What you wrote sounds really hard, and it matters more than any skill")
    assert "You don't have to practise this now" in note.text
    assert "https://findahelpline.com" in note.text and "emergency number" in note.text
    assert practice.summary(feedback) == "A note about what you wrote, instead of practice feedback."
    # the payload still keeps the learner's words, with no coaching saved beside them
    payload = practice.practice_payload(feedback)
    assert payload["sentence"] == sentence and payload["works"] == payload["try"] == []
    assert payload["care"] == [note.text]


def test_the_distress_cues_are_read_as_the_tokeniser_reads_them():
    cues = practice.settings().cues
    for variant in ("I can’t go on", "I cant go on", "I cannot go on", "I CAN'T GO ON!"):
        assert practice.check(IS, variant).distress, variant
    for cue in (*cues.distress, *cues.distress_always):
        assert practice.check(RP, f"Sorry. {cue}").distress, cue


def test_the_table_covers_every_skill_and_the_tricky_cases():
    assert len(TABLE) >= 25
    assert {row[0] for row in TABLE} == set(practice.SKILLS)
    assert sum(row[0] == skill for row in TABLE for skill in practice.SKILLS) == len(TABLE)
    assert any("’" in row[2] for row in TABLE), "curly apostrophes"


def test_every_worked_example_in_the_data_gets_nothing_to_try():
    data = practice.settings()
    for skill in data.skills:
        for scenario in skill.scenarios:
            feedback = practice.check(skill.id, scenario.example, scenario.id)
            assert not feedback.tries, (skill.id, scenario.id, [n.text for n in feedback.tries])
            assert feedback.example == scenario.example
        for example in skill.examples:  # general examples: the gist belongs to a situation
            tries = {n.id for n in practice.check(skill.id, example.sentence).tries} - {"gist_missing"}
            assert not tries, (example.sentence, tries)


# --------------------------------------------------------------------------------------
# Reading words
# --------------------------------------------------------------------------------------


def test_tokens_cope_with_curly_apostrophes_case_punctuation_and_contractions():
    words = [t.word for t in practice.tokens("I’M not OK—you’re “always” late; DON'T, dont! Mum’s car")]
    assert words == [
        "i", "am", "not", "ok", "you", "are", "always", "late", "do", "not", "do", "not", "mum", "car",
    ]  # fmt: skip
    assert [t.word for t in practice.tokens("can't won't isn't let's it's")] == [
        "can", "not", "will", "not", "is", "not", "let", "us", "it", "is",
    ]  # fmt: skip


def test_every_word_keeps_its_place_so_feedback_quotes_the_learner_exactly():
    text = "Ich fühle mich: I’m  HURT"
    toks = practice.tokens(text)
    assert practice.quote(text, toks, len(toks) - 3, len(toks)) == "I’m  HURT"
    assert [t.word for t in toks[:3]] == ["ich", "fühle", "mich"]


def test_negation_turns_round_only_what_is_in_its_own_clause():
    def turned(text: str, word: str) -> bool:
        toks = practice.tokens(text)
        i = next(i for i, t in enumerate(toks) if t.word == word)
        return practice.negated(text, toks, i, practice.settings().cues.negations)

    assert turned("I don't feel hurt", "hurt")
    assert turned("I'm not really angry", "angry")
    assert not turned("I'm not angry, I'm hurt", "hurt")
    assert not turned("It was not late but I felt lonely", "lonely")
    assert not turned("Nothing about it: I'm hurt", "hurt")


def test_feeling_words_come_from_the_course_vocabulary(data_copy):
    emotions = yaml.safe_load((data_copy / "emotions.yaml").read_text())
    emotions["cores"][0]["words"].append({"word": "buoyant", "meaning": "light and lifted"})
    (data_copy / "emotions.yaml").write_text(yaml.safe_dump(emotions))
    taxonomy = vocabulary.load_taxonomy(data_copy)
    data = practice.load_settings(data_copy)
    assert "buoyant" in practice.feeling_words(data, taxonomy)
    before = practice.check(IS, "I feel buoyant when we talk. Can we do it again?")
    after = practice.check(
        IS, "I feel buoyant when we talk. Can we do it again?", data=data, taxonomy=taxonomy
    )
    assert "feeling_unknown" in before.ids and "feeling" in after.ids
    for word in vocabulary.taxonomy().words:
        assert "feeling" in practice.check(IS, f"I feel {word.word} when we argue. Could we pause?").ids, word


# --------------------------------------------------------------------------------------
# Limits and bad input: a clear message, never a traceback
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("empty", ["", "   \n ", "?!… —", None])
def test_nothing_to_check_gets_a_clear_message(empty):
    with pytest.raises(ValueError, match="There is nothing to check yet"):
        practice.check(IS, empty)


def test_too_long_input_says_how_long_and_the_limit_and_stays_quick():
    limit = practice.settings().limits.max_chars
    with pytest.raises(ValueError, match=rf"This is {limit + 1:,} characters long.*up to {limit:,}"):
        practice.check(RP, "a" * (limit + 1))
    started = time.perf_counter()
    with pytest.raises(ValueError, match="This is 5,000,000 characters long"):
        practice.check(SL, "I feel hurt " * 416_666 + "abcdefgh")
    assert time.perf_counter() - started < 0.5, "a huge paste is refused before it is read"
    assert practice.check(RP, "  Sorry, I snapped.  " + " " * limit).sentence == "Sorry, I snapped."


def test_other_bad_input_is_refused_in_words():
    with pytest.raises(ValueError, match="must be text, got int"):
        practice.check(IS, 42)
    with pytest.raises(ValueError, match="Unknown practice skill 'lecture'"):
        practice.check("lecture", "hello")
    with pytest.raises(ValueError, match="Unknown situation for 'repair' 'moon'"):
        practice.check(RP, "sorry", "moon")


# --------------------------------------------------------------------------------------
# What the feedback says, and what is saved
# --------------------------------------------------------------------------------------

JUDGING = ("wrong", "bad ", "mistake", "fail", "poor", "lazy", "selfish", "rude", "should have", "you are ")


def test_every_message_is_about_the_sentence_never_the_person():
    data = practice.settings()
    texts = [*data.messages.values(), *(m.works for m in data.repair_moves)]
    for text in texts:
        lower = text.lower()
        assert not any(j in lower for j in JUDGING), text
        assert lower.startswith(
            ("your ", "try ", "one ", "“{phrase}”", "if you had a part", "what you wrote sounds")
        ), text
    tries = [k for k in data.messages if k.endswith("_missing") or k in ("demand", "absolute", "label")]
    for key in tries:
        assert "for example" in data.messages[key].lower() or "such as" in data.messages[key], key


def test_the_payload_is_plain_words_for_any_journal_reader():
    feedback = practice.check(SL, "So work has worn you out. Did I get that right?", "friend_new_job")
    payload = practice.practice_payload(feedback, "friend_new_job")
    assert json.loads(json.dumps(payload)) == payload
    assert payload["skill"] == SL and payload["skill_title"] == "Listening, saying back and checking"
    assert payload["sentence"] == "So work has worn you out. Did I get that right?"
    assert payload["situation"].startswith("A friend: Since I started this job")
    assert payload["works"] and all(isinstance(t, str) for t in payload["works"] + payload["try"])


def test_summary_counts_what_works_and_what_to_try():
    assert practice.summary(practice.check(RP, "whatever")) == "Here is 1 thing to try."
    good = practice.check(RP, "I'm sorry I snapped. Can we start again?")
    assert practice.summary(good) == "Your sentence does 2 things this skill asks for. Nothing to add."


# --------------------------------------------------------------------------------------
# The data file
# --------------------------------------------------------------------------------------


def _break(data_copy, change) -> None:
    path = data_copy / "practice.yaml"
    raw = yaml.safe_load(path.read_text())
    change(raw)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["messages"].__setitem__("feeling", "Your sentence names {word}."),
            r"practice.yaml, messages, field 'feeling': unknown placeholder\(s\) \['word'\]",
        ),
        (
            lambda d: d["messages"].pop("request_missing"),
            "practice.yaml, messages, field 'request_missing': is missing",
        ),
        (
            lambda d: d["skills"][0]["scenarios"][1].pop("gist"),
            r"skill 1 \('speaker_listener'\), scenario 2 \('sibling_parent_care'\), field 'gist': is missing",
        ),
        (
            lambda d: d["cues"]["absolutes"].append(""),
            "practice.yaml, section 'cues', field 'absolutes': entry 8: expected non-empty text",
        ),
        (
            lambda d: d["repair_moves"][1].__setitem__("works", "Owning a part."),
            r"repair move 2 \('own_part'\), field 'works': must quote the learner's words",
        ),
        (
            lambda d: d["skills"].reverse(),
            "expected entries with the ids speaker_listener, i_statement, repair",
        ),
    ],
)
def test_a_broken_data_file_names_the_file_the_entry_and_the_field(data_copy, change, message):
    _break(data_copy, change)
    with pytest.raises(schema.ContentError, match=message):
        practice.load_settings(data_copy)
