"""The fear widgets, headless: set values, click buttons, check what was stored and drawn."""

from __future__ import annotations

from support import html_text

import course
from course import fear
from course.journal import default_journal

F = fear.settings()


def test_signs_check_reads_back_gently_as_boxes_are_ticked():
    w = course.signs_check()
    assert len(w.signs.options) == 7
    assert "not a test or a diagnosis" in html_text(w)
    assert w.result.kind == "none"
    assert F.readings["none"][:40] in w.reading.value.replace("&#x27;", "'")
    w.tick("trust", "rejection")
    assert w.result.ids == ("trust", "rejection")
    assert "You recognised these signs:" in w.reading.value
    assert "A small step:" in w.reading.value
    every = course.signs_check()
    every.signs.value = list(every.signs.options)
    opening = w.reading.value.split("<ul>")[0]
    assert every.reading.value.split("<ul>")[0] == opening, "more ticks never change the gentle words"
    w.tick("rejection")
    assert w.result.ids == ("rejection",)
    assert not default_journal().records("signs_check"), "nothing is saved without asking"


def test_signs_check_saves_only_when_asked_and_shows_earlier_saves():
    w = course.signs_check()
    w.tick("surface")
    w.save.click()
    (record,) = default_journal().records("signs_check", "02_fear_of_intimacy")
    assert record.payload == {"signs_recognised": [F.sign("surface").label]}
    assert "saved to your private journal" in w.status.value
    assert "What you have saved before (1)" in w.history.value
    again = course.signs_check()
    assert again.result.kind == "none", "a fresh look each time"
    assert "What you have saved before (1)" in again.history.value
    again.save.click()
    assert default_journal().records("signs_check")[-1].payload["signs_recognised"] == [
        "none of the seven, this time"
    ]


def test_roots_reflection_guides_and_saves_each_area_as_a_reflection():
    w = course.roots_reflection()
    assert w.area.value == "protections"
    assert all(q in w.guide.value for q in F.root("protections").questions)
    assert "(Optional, only if you want to look back)" in w.guide.value
    assert w.result is None
    w.current.text.value = "I keep busy so I never have to sit with anyone for long."
    w.current.save.click()
    assert w.result.prompt_id == "roots_protections"
    w.area.value = "hard_times"
    assert "do not need to describe what happened" in w.guide.value
    assert w.current.prompt.text == F.root("hard_times").prompt
    assert w.result is None
    w.area.value = "protections"
    assert w.result.text.startswith("I keep busy"), "each area keeps its own state"
    (saved,) = default_journal().reflections("02_fear_of_intimacy")
    assert saved.prompt == F.root("protections").prompt


def test_roots_reflection_keeps_unsaved_drafts_per_area():
    default_journal().set_keep_drafts(True)
    w = course.roots_reflection()
    w.area.value = "growing_up"
    w.current.text.value = "half a thought"
    reopened = course.roots_reflection()
    reopened.area.value = "growing_up"
    assert reopened.current.text.value == "half a thought"
