"""Module 07's logic: the personal plan, the journal review by module, and progress."""

from __future__ import annotations

import re
import time
from datetime import datetime, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from course import content, plan, review
from course.content import Module
from course.journal import Journal

MODULES = content.modules()


# --------------------------------------------------------------------------------------
# The plan
# --------------------------------------------------------------------------------------


def test_rows_become_a_plan_and_blank_rows_are_skipped():
    rows = [
        ["  Call my sister  more ", "Ring her on Sunday", "Dev"],
        ["", "", ""],
        ["Say when I need a minute", "Once this week", None],
    ]
    result = plan.plan_from_rows(rows)
    assert result == [
        plan.Intention("Call my sister more", "Ring her on Sunday", "Dev"),
        plan.Intention("Say when I need a minute", "Once this week", ""),
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["Call my sister", "", ""]], "Intention 1 has no small step yet"),
        ([["", "", ""], ["", "Ring her", ""]], "Row 2 has a step or a supporter but no intention"),
        ([["", "", "Dev"]], "Row 1 has a step or a supporter but no intention"),
        ([["a", "b", "c"]] * 4, "A plan holds up to 3 intentions; you gave 4"),
        ([["a", "b"]], "Row 1 needs three parts"),
        ([["a", 3, "c"]], "Part 2 of row 1 must be text, got int"),
        ([["x" * 301, "b", ""]], "Part 1 of row 1 is 301 characters long; keep it to 300 or fewer"),
    ],
)
def test_a_plan_that_cannot_be_saved_says_why(rows, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        plan.plan_from_rows(rows)


def test_an_empty_form_is_an_empty_plan():
    assert plan.plan_from_rows([["", "", ""]] * 3) == []
    assert plan.plan_from_rows([]) == []


def test_make_intention_requires_words():
    with pytest.raises(ValueError, match="The intention is empty"):
        plan.make_intention("  ", "step")
    with pytest.raises(ValueError, match="must be text"):
        plan.make_intention(["list"], "step")


text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80).filter(str.strip)


@given(st.lists(st.tuples(text, text, st.one_of(st.just(""), text)), max_size=3))
def test_a_plan_survives_a_round_trip_through_the_journal_format(rows):
    made = plan.plan_from_rows([list(r) for r in rows])
    assert plan.plan_from_payload(plan.plan_payload(made)) == made


def test_a_damaged_saved_plan_keeps_what_it_can():
    payload = {
        "intentions": [
            {"intention": "Keep", "step": "this"},
            "not a mapping",
            {"intention": "", "step": "no intention"},
            {"intention": "No step"},
            {"intention": "Two", "step": "b", "support": "c"},
            {"intention": "Three", "step": "c"},
            {"intention": "Four is too many", "step": "d"},
        ]
    }
    kept = plan.plan_from_payload(payload)
    assert [i.intention for i in kept] == ["Keep", "Two", "Three"]
    assert plan.plan_from_payload({}) == []
    assert plan.plan_from_payload({"intentions": "oops"}) == []


def test_plan_markdown_and_summary():
    p = [plan.Intention("Call my sister", "Sunday", "Dev"), plan.Intention("Rest", "Early night", "")]
    md = plan.plan_markdown(p, datetime(2026, 11, 20, 9, 30, tzinfo=timezone.utc))
    assert md.startswith("# My Closer plan")
    assert "## 1. Call my sister" in md and "**A small first step:** Sunday" in md
    assert "**Who can support me:** not decided yet" in md
    assert "Saved 20 Nov 2026" in md
    assert "No intentions written yet" in plan.plan_markdown([])
    assert "1 has no supporter yet" in plan.plan_summary(p)
    assert plan.plan_summary(p).startswith("Your plan has 2 intentions")
    assert "empty so far" in plan.plan_summary([])


# --------------------------------------------------------------------------------------
# The journal review
# --------------------------------------------------------------------------------------


def test_an_empty_journal_reviews_to_nothing_without_error(journal: Journal):
    snap = journal.snapshot()
    assert review.review_by_module(snap, MODULES) == []
    status = review.statuses(MODULES, review.snapshot_progress(snap))
    assert set(status.values()) == {"not started"}
    assert review.progress_summary(MODULES, status).startswith(
        "You have not marked any modules as finished yet. That only counts button presses"
    )


def test_review_groups_by_module_in_course_order(journal: Journal):
    journal.add_reflection("06_couples_sex_and_support", "pane", "Who tilts?", "Mostly me.")
    journal.add_reflection("01_what_is_intimacy", "seen", "Seen?", "My aunt.")
    journal.add_reflection("01_what_is_intimacy", "kinds", "Kinds?", "Ideas.")
    journal.add_record("closeness_map", "01_what_is_intimacy", {"people": []})
    journal.add_record("closeness_map", "01_what_is_intimacy", {"people": []})
    journal.add_record("plan", "07_next_steps", {"intentions": []})
    journal.mark("00_welcome", "completed")
    journal.mark("07_next_steps", "started")
    journal.add_checkin({"open": 4})
    result = review.review_by_module(journal.snapshot(), MODULES)
    assert [m.module_id for m in result] == [
        "01_what_is_intimacy",
        "06_couples_sex_and_support",
        "07_next_steps",
    ], "a finished module with nothing saved is left out"
    first, sixth, seventh = result
    assert seventh.status == "started"
    assert first.title == "Module 1: What emotional intimacy is"
    assert [e.text for e in first.reflections] == ["My aunt.", "Ideas."]
    assert first.saved == (("closeness map", 2),)
    assert first.status == "not started", "reflections alone do not mark a module as started"
    assert sixth.reflections[0].prompt == "Who tilts?"
    assert seventh.saved == (("plan", 1),)


def test_review_keeps_entries_for_modules_the_course_no_longer_lists(journal: Journal):
    journal.add_reflection("99_old_module", "x", "An old prompt", "kept")
    journal.mark("99_old_module", "started")
    journal.mark("98_other", "started")
    result = review.review_by_module(journal.snapshot(), MODULES)
    assert [(m.module_id, m.title) for m in result] == [("99_old_module", "99_old_module")]
    assert result[0].status == "started"


def test_modules_only_opened_or_finished_are_left_out(journal: Journal):
    for m in MODULES:
        journal.mark(m.id, "started")
    journal.mark("00_welcome", "completed")
    assert review.review_by_module(journal.snapshot(), MODULES) == []


def test_review_works_with_whatever_modules_are_listed(journal: Journal):
    journal.add_reflection("01_what_is_intimacy", "seen", "Seen?", "words")
    only_two = [Module("00_welcome", 0, "Welcome", 20, "s"), Module("01_what_is_intimacy", 1, "One", 45, "s")]
    (first,) = review.review_by_module(journal.snapshot(), only_two)
    assert first.title == "Module 1: One"
    assert review.review_by_module(journal.snapshot(), [])[0].title == "01_what_is_intimacy"


def test_long_reflections_are_shortened_at_a_word():
    short, cut = review.excerpt("A few words.")
    assert (short, cut) == ("A few words.", False)
    long_text = "word " * 200
    shown, cut = review.excerpt(long_text)
    assert cut and shown.endswith(" …") and len(shown) <= review.EXCERPT + 2
    assert not shown[:-2].endswith(" wor")
    blob, cut = review.excerpt("x" * 1000)
    assert cut and blob == "x" * review.EXCERPT + " …"


def test_review_rejects_something_that_is_not_a_snapshot():
    with pytest.raises(ValueError, match="needs a journal snapshot"):
        review.review_by_module(["not", "a", "snapshot"], MODULES)


def _fill(journal: Journal, n: int) -> None:
    """n reflections, n check-ins and a record per module, written in a few transactions."""
    import sqlite3

    journal.add_checkin({"open": 5})  # creates the file and schema
    now = datetime.now(timezone.utc).isoformat()
    conn = sqlite3.connect(journal.path)
    with conn:
        conn.executemany(
            "INSERT INTO reflections (module, prompt_id, prompt, text, created_at) VALUES (?, ?, ?, ?, ?)",
            [
                (MODULES[i % len(MODULES)].id, "p", f"Prompt {i}", f"Reflection {i} " * 40, now)
                for i in range(n)
            ],
        )
        conn.executemany(
            "INSERT INTO checkins (created_at, scores, note) VALUES (?, ?, ?)",
            [(now, f'{{"open": {i % 11}, "connected": {(i * 3) % 11}}}', "") for i in range(n)],
        )
        conn.executemany(
            "INSERT INTO progress (module, started_at, completed_at) VALUES (?, ?, ?)",
            [(m.id, now, now) for m in MODULES[:4]],
        )
    conn.close()


def test_a_large_journal_reviews_quickly(journal: Journal):
    _fill(journal, 600)
    start = time.perf_counter()
    snap = journal.snapshot()
    result = review.review_by_module(snap, MODULES)
    status = review.statuses(MODULES, review.snapshot_progress(snap))
    took = time.perf_counter() - start
    assert sum(len(m.reflections) for m in result) == 600
    assert len(result) == len(MODULES)
    assert all(e.shortened for m in result for e in m.reflections)
    assert list(status.values()).count("completed") == 4
    assert took < 2.0, f"reviewing 600 reflections took {took:.2f}s"


# --------------------------------------------------------------------------------------
# Progress
# --------------------------------------------------------------------------------------


def test_statuses_and_progress_summary():
    status = review.statuses(
        MODULES,
        {"00_welcome": "completed", "01_what_is_intimacy": "completed", "02_fear_of_intimacy": "started"},
    )
    assert status["00_welcome"] == "completed"
    assert status["02_fear_of_intimacy"] == "started"
    assert status["07_next_steps"] == "not started"
    text = review.progress_summary(MODULES, status)
    assert text == (
        "You have marked 2 of 8 modules as finished, and opened 1 more. That only counts button "
        "presses, not what you have read or thought about. Any module is there whenever you want "
        "to revisit it."
    )
    everything = review.statuses(MODULES, {m.id: "completed" for m in MODULES})
    assert review.progress_summary(MODULES, everything).startswith(
        "You have marked all 8 modules as finished."
    )
    assert "Thank you" in review.progress_summary(MODULES, everything)
    assert review.progress_summary([], {}) == "The course lists no modules."


def test_progress_words_are_kind_at_every_count():
    for done in range(len(MODULES) + 1):
        status = review.statuses(MODULES, {m.id: "completed" for m in MODULES[:done]})
        text = review.progress_summary(MODULES, status)
        assert "only counts button presses" in text
        assert "revisit" in text
        for unkind in ("minutes", "Next:", "Module 0", "behind"):
            assert unkind not in text, (done, unkind)
