"""The building widgets, headless: set values, click buttons, check what was stored and drawn."""

from __future__ import annotations

import pytest
from support import html_text, walk

import course
from course import ladder, vocabulary
from course.journal import default_journal
from course.ui.controls import DownloadLink

MODULE5 = "05_building_intimacy"


def _add(w, text, hard):
    w.text.value = text
    w.hard.value = hard
    w.add.click()


def test_explorer_lists_every_word_as_text_too():
    w = course.emotion_explorer()
    assert "In words:" in w.summary.value and "8 core feelings (Glad, Sad," in w.summary.value
    assert "Ticked on the wheel" not in w.summary.value
    for word in vocabulary.taxonomy().words:
        assert word.word in w.words_list.value
        assert word.word in {option for group in w.groups.values() for option in group.options}
    assert len(w.figure.data[0].ids) == len(vocabulary.taxonomy().words) + len(vocabulary.taxonomy().cores)


def test_explorer_marks_picks_on_the_wheel_and_saves_a_name_it_entry():
    w = course.emotion_explorer()
    group = next(g for g in w.groups.values() if "wary" in g.options)
    group.value = ["wary"]  # as the browser sends a tick
    w.pick("hopeful")
    assert "Right now I feel hopeful and wary." in w.chosen.value
    assert "Ticked on the wheel: hopeful, wary." in w.summary.value
    assert sorted(label for label in w.figure.data[0].labels if label.startswith("✓")) == [
        "✓ hopeful",
        "✓ wary",
    ]
    w.note.value = "before <the> interview"
    w.save.click()
    (record,) = default_journal().records("name_it", MODULE5)
    assert record.payload["words"] == ["hopeful", "wary"]
    assert record.payload["note"] == "before <the> interview"
    assert w.result == record
    assert not any(group.value for group in w.groups.values()) and w.note.value == ""
    assert not any(label.startswith("✓") for label in w.figure.data[0].labels), "the wheel is redrawn"
    assert "✓ Done:" in w.status.value
    assert "before &lt;the&gt; interview" in w.history.value
    assert not any(label.startswith("✓") for label in w.figure.data[0].labels)
    w.pick("numb")
    w.save.click()
    assert len(default_journal().records("name_it", MODULE5)) == 2
    assert "latest name-it entries (2)" in course.emotion_explorer().history.value


def test_explorer_needs_a_word_before_saving():
    w = course.emotion_explorer()
    w.save.click()
    assert "Pick at least one word" in w.status.value
    assert default_journal().records("name_it") == []
    with pytest.raises(ValueError, match="not in the course's list"):
        w.pick("grumpy")


def test_ladder_orders_steps_saves_as_it_goes_and_reopens_as_left():
    w = course.small_steps_ladder()
    _add(w, "ask for help moving", 7)
    _add(w, "tell Sam about my week", 2)
    _add(w, "say no to extra shifts", 5)
    assert [s.text for s in ladder.ladder(w.result)] == [
        "tell Sam about my week",
        "say no to extra shifts",
        "ask for help moving",
    ]
    assert w.figure.plot_layout.yaxis.categoryarray[0] == "Rung 1: tell Sam about my week"
    assert "Next rung to try: tell Sam about my week" in w.summary.value
    assert w.text.value == ""
    w.toggle("tell Sam about my week")
    assert {t.name for t in w.figure.data} == {"○ to do", "✓ done"}
    assert "Next rung to try: say no to extra shifts" in w.summary.value
    assert "marked done" in w.status.value
    (record,) = default_journal().records("small_steps", MODULE5)
    assert [(s["text"], s["done"]) for s in record.payload["steps"]][1] == ("tell Sam about my week", True)
    w.remove("ask for help moving")
    reopened = course.small_steps_ladder()
    assert [(s.text, s.difficulty, s.done) for s in reopened.result] == [
        ("tell Sam about my week", 2, True),
        ("say no to extra shifts", 5, False),
    ]
    # the top rung is listed first, like a ladder seen from the front
    label, _ = reopened.rows.children[0].children
    assert "<b>Rung 2:</b> say no to extra shifts" in label.value


def test_ladder_buttons_in_each_row_work():
    w = course.small_steps_ladder()
    _add(w, "share a worry", 3)
    toggle, remove = w.rows.children[0].children[1].children
    assert (toggle.description, remove.description) == ("Mark done: share a worry", "Remove: share a worry")
    toggle.click()
    assert w.result[0].done
    toggle, remove = w.rows.children[0].children[1].children
    assert toggle.description == "Not done yet: share a worry"
    remove.click()
    assert w.result == []


def test_ladder_explains_a_refused_step_and_escapes_it():
    w = course.small_steps_ladder()
    w.add.click()
    assert "Write the step first" in w.status.value
    _add(w, "<b>same</b>", 2)
    _add(w, "<b>same</b>", 4)
    assert "already on your ladder" in w.status.value
    assert "&lt;b&gt;same&lt;/b&gt;" in w.status.value and "<b>same</b>" not in w.status.value
    assert len(w.result) == 1


def test_planner_saves_exports_and_reopens():
    w = course.conversation_planner()
    assert w.download.content == ""
    assert "findahelpline.com" in html_text(w)
    w.fields["feel"].value = "I feel lonely when we don't talk"
    w.fields["ask"].value = "Could we walk on Sundays?"
    w.save.click()
    assert "saved in your journal" in w.status.value
    assert "Still to write: What I need; What I will do if it goes badly." in w.status.value
    (record,) = default_journal().records("conversation_plan", MODULE5)
    assert record.payload["plan"]["feel"] == "I feel lonely when we don't talk"
    assert w.download.content.startswith("# My conversation plan")
    assert "## What I will ask\n\nCould we walk on Sundays?" in w.download.content
    assert w.download.filename.endswith(".md")
    w.fields["need"].value = "time together"
    w.fields["if_badly"].value = "pause and call my sister"
    w.save.click()
    (record,) = default_journal().records("conversation_plan", MODULE5)  # one record per session
    assert record.payload["plan"]["if_badly"] == "pause and call my sister"
    assert "Still to write" not in w.status.value
    reopened = course.conversation_planner()
    assert reopened.fields["need"].value == "time together"
    assert "the plan you saved on" in reopened.status.value
    assert "pause and call my sister" in reopened.download.content


def test_planner_refuses_an_empty_plan():
    w = course.conversation_planner()
    w.save.click()
    assert "Write at least one part" in w.status.value
    assert default_journal().records("conversation_plan") == []
    assert w.download.content == ""


def test_journal_widgets_show_the_binder_download(monkeypatch):
    monkeypatch.setenv("BINDER_LAUNCH_HOST", "https://mybinder.org/")
    w = course.small_steps_ladder()
    _add(w, "share a worry", 3)
    assert "share a worry" in w.binder.link.content
    p = course.conversation_planner()
    links = [x for x in walk(p) if isinstance(x, DownloadLink)]
    assert len(links) == 2
    p.fields["feel"].value = "nervous"
    p.save.click()
    assert "nervous" in p.binder.link.content
    e = course.emotion_explorer()
    e.pick("content")
    e.save.click()
    assert "Right now I feel content." in e.binder.link.content
