"""Partner mode, headless: two widgets stand for two people; choose, preview, make a code,
paste it into the other, and read the joint view."""

from __future__ import annotations

import base64
import json

import pytest
from support import html_text, walk

import course
from course import partner, scoring
from course.journal import default_journal
from course.ui.controls import CheckboxGroup, RangeInput, Select

S = scoring.patterns_settings()
PASS = "a long passphrase for tests"


def _fill(part, name: str | None, avoider: float | None, pursuer: float | None, choose: list[str]) -> None:
    if name is not None:
        part.name.value = name
    if avoider is not None:
        part.scores["avoider"].value = avoider
    if pursuer is not None:
        part.scores["pursuer"].value = pursuer
    labels = list(part.choices)
    part.choose.value = [label for label in labels if any(word in label for word in choose)]


def _code(widget) -> str:
    text = widget.code_shown.value
    return text.split('break-all">', 1)[1].split("</code>", 1)[0]


def test_the_safety_line_comes_first_and_nothing_is_chosen_yet():
    w = course.partner_mode()
    first = w.children[0].value
    assert "two adults who treat each other with respect, where either can say no without any cost" in first
    assert "Not for a parent and a child under 18" in first and "controls money or housing" in first
    assert "Nothing here asks you to blame yourself, or to move closer to someone who frightens you" in first
    assert "feel afraid of the other person, or feel pressured" in first
    assert "before_you_start" in first and "https://findahelpline.com" in first
    assert w.me.choose.value == [] and "Choose at least one thing to share" in w.preview.value
    assert w.joint.layout.display == "none", "the joint view waits until both parts are in"
    assert not any(isinstance(x, RangeInput) for x in walk(w.here_box)) or w.here_box.layout.display == "none"


def test_every_score_option_is_one_the_self_assessment_can_give():
    w = course.partner_mode()
    select = w.me.scores["avoider"]
    assert isinstance(select, Select) and select.value == ""
    labels = [label for label, _ in select.options]
    assert labels[0] == "not filled in" and "4.6" in labels and "4.5" not in labels
    assert [v for _, v in select.options[1:]] == list(partner.possible_means("avoider"))


def test_the_preview_shows_exactly_what_is_chosen_and_the_code_holds_only_that():
    w = course.partner_mode()
    _fill(w.me, "Ana", 4.56, 3.22, ["scores"])
    w.me.checkin["open"].value = 9  # filled in, not ticked: it must not travel
    assert "<li>Avoider score: 4.56</li><li>Pursuer score: 3.22</li></ul>" in w.preview.value
    assert "Name" not in w.preview.value and "Open" not in w.preview.value
    _fill(w.me, None, None, None, ["scores", "name"])
    assert "<li>Name: Ana</li>" in w.preview.value
    w.make.click()
    assert "holds only the 3 things in the preview" in w.mine_status.value
    share = partner.decode(_code(w))
    assert share.values == {"name": "Ana", "avoider": 4.56, "pursuer": 3.22}
    assert partner.decode_file(w.file_link.content) == share
    assert json.loads(w.file_link.content)["shared"] == share.values
    assert w.file_link.filename == "share-code.json", "a neutral name in a Downloads folder"
    assert not default_journal().records(), "making a code saves nothing"


def test_a_code_pasted_into_the_other_persons_widget_gives_the_joint_view():
    ana, bo = course.partner_mode(), course.partner_mode()
    _fill(ana.me, "Ana", 2.0, 6.0, ["scores", "name", "Connected"])
    ana.me.checkin["connected"].value = 7
    ana.make.click()
    _fill(bo.me, "Bo", 5.56, 2.0, ["scores", "name"])
    bo.how.value = "code"
    bo.paste.value = _code(ana)
    bo.together.click()
    assert bo.their_share.values == {"name": "Ana", "avoider": 2.0, "pursuer": 6.0, "checkin_connected": 7}
    assert "here is your joint view" in bo.their_status.value
    assert bo.joint.layout.display is None
    words = bo.reading.value
    assert "Your joint view: A reach-and-step-back loop." in words
    assert "today Ana leans towards reaching out and Bo leans towards stepping back" in words
    assert "habits, not identities" in words and "nobody is to blame" in words
    # where both people read it: invitations, not demands; fear is keeping safe; general statements
    assert "These are invitations each of you can take up for yourself, not things to ask of" in words
    assert "because you are afraid of how the other will react, that is keeping safe, not a pattern" in words
    assert "this view doesn&#x27;t fit: stop here" in words
    assert "statements about close relationships in general, not about each other" in words
    assert "trust your own sense of it" in words
    assert "Connected (0 = cut off, 10 = deeply connected): Ana 7" in words
    a, b = bo.figure.data
    assert (a.name, b.name) == ("Bo", "Ana") and a.marker.symbol != b.marker.symbol
    assert "Bo (the ring) is at 5.6 on the Avoider scale" in bo.summary.value
    # the conversation: who speaks first, turn by turn, and a pause
    assert bo.first.labels == ["Bo", "Ana"]
    assert "Step 1 of 7: Before you start" in bo.step_line.value and bo.back.disabled
    bo.next.click()
    assert "Step 2 of 7: Bo speaks, Ana listens" in bo.step_line.value
    bo.first.value = 1
    assert "Ana speaks, Bo listens" in bo.step_line.value
    assert bo.pause.description == "Pause (either of us can)"
    bo.next.click()
    assert "two or three rounds is plenty" in bo.step_line.value
    bo.back.click()
    bo.pause.click()
    assert "Paused." in bo.step_line.value and bo.next.disabled and bo.back.disabled
    assert bo.pause.description == "We are ready to carry on"
    bo.pause.click()
    assert "Step 2 of 7" in bo.step_line.value and not bo.next.disabled
    for _ in range(10):
        bo.next.click()
    assert "Step 7 of 7: Close gently" in bo.step_line.value and bo.next.disabled


@pytest.mark.parametrize(
    ("pasted", "words"),
    [
        ("hello", "doesn&#x27;t look like a Closer share code"),
        ("CLOSER2-abc.123", "another version of the course"),
        ("CLOSER1-" + "A" * 3000, "far longer than any share code"),
        ("", "Nothing was pasted"),
    ],
)
def test_a_bad_code_shows_a_message_and_keeps_what_was_typed(pasted, words):
    w = course.partner_mode()
    _fill(w.me, None, 4.0, 4.0, ["scores"])
    w.how.value = "code"
    w.paste.value = pasted
    w.together.click()
    assert words in w.their_status.value and "⚠" in w.their_status.value
    assert w.paste.value == pasted, "nothing typed is lost"
    assert w.view is None and w.joint.layout.display == "none"


def test_a_changed_character_is_caught_and_the_view_is_not_drawn():
    ana, bo = course.partner_mode(), course.partner_mode()
    _fill(ana.me, None, 2.0, 6.0, ["scores"])
    ana.make.click()
    code = _code(ana)
    bo.how.value = "code"
    bo.paste.value = code[:-1] + ("0" if code[-1] != "0" else "1")
    _fill(bo.me, None, 4.0, 4.0, ["scores"])
    bo.together.click()
    assert "doesn&#x27;t add up" in bo.their_status.value and bo.view is None


def test_my_part_must_be_ready_before_the_joint_view():
    w = course.partner_mode()
    w.together.click()
    assert "Your part: Choose at least one thing" in w.their_status.value
    _fill(w.me, None, None, None, ["scores"])
    w.make.click()
    assert "has no value yet" in w.mine_status.value and w.code_shown.value == ""


def test_names_with_markup_are_refused_and_shown_escaped():
    w = course.partner_mode()
    _fill(w.me, "<b>Ana</b>", 4.0, 4.0, ["scores", "name"])
    assert "can&#x27;t contain" in w.preview.value and "<b>Ana" not in html_text(w)
    w.make.click()
    assert "can&#x27;t contain" in w.mine_status.value


def test_two_people_at_one_screen_need_no_code_and_the_view_can_be_saved():
    w = course.partner_mode()
    _fill(w.me, "Ana", 6.0, 6.0, ["scores", "name"])
    assert w.how.value is None and w.code_box.layout.display == w.here_box.layout.display == "none"
    w.together.click()
    assert "choose how the other person's part arrives" in w.their_status.value
    w.how.value = "here"
    assert w.code_box.layout.display == "none" and w.here_box.layout.display is None
    joining = w.here_box.children[0].value
    assert "If you are joining on this screen: you choose what to tick too" in joining
    assert "you can say no or stop at any time" in joining
    their_controls = [x for x in walk(w.here_box) if isinstance(x, (Select, CheckboxGroup, RangeInput))]
    assert all(x not in list(walk(w.me)) for x in their_controls)
    w.together.click()
    assert "Their part: Choose at least one thing" in w.their_status.value
    _fill(w.them, "Bo", 6.0, 6.0, ["scores", "name"])
    w.together.click()
    assert "Your joint view: Two people who do both." in w.reading.value
    assert not default_journal().records("partner_view"), "saving is the learner's choice"
    said = html_text(w.joint)
    assert "It holds what the other person shared too, so ask them first" in said
    assert "your exports and, if you tick it, your printable workbook" in said
    w.save.click()
    (record,) = default_journal().records("partner_view", "03_avoider_and_pursuer")
    assert record.payload["names"] == ["Ana", "Bo"] and record.payload["how"] == "here"
    assert record.payload["results"][1] == {"avoider": 6.0, "pursuer": 6.0, "region": "swinging"}
    assert "saved to your private journal" in w.save_status.value and w.save.disabled


def test_the_same_names_are_never_the_same_controls():
    w = course.partner_mode()
    labels = [x.label for x in walk(w) if isinstance(x, (Select, RangeInput))]
    labels += [x.legend for x in walk(w) if isinstance(x, CheckboxGroup)]
    assert len(labels) == len(set(labels))
    assert "My Avoider score, as module 3 showed it" in labels
    assert "Their Avoider score, as module 3 showed it" in labels


def test_fill_in_from_my_journal_takes_the_latest_result_and_check_in():
    journal = default_journal()
    journal.add_record("patterns_check", "03_avoider_and_pursuer", {"avoider": 2.0, "pursuer": 2.0})
    journal.add_record("patterns_check", "03_avoider_and_pursuer", {"avoider": 4.56, "pursuer": 5.22})
    journal.add_checkin({"connected": 3, "open": 4, "settled": 8, "hopeful": 9}, "")
    w = course.partner_mode()
    w.fill_button.click()
    assert (w.me.scores["avoider"].value, w.me.scores["pursuer"].value) == (4.56, 5.22)
    assert w.me.checkin["settled"].value == 8
    assert "Nothing is shared until you tick it" in w.mine_status.value
    assert w.me.choose.value == [], "filling in chooses nothing"


def test_my_check_in_comes_with_what_sharing_it_can_mean():
    w = course.partner_mode()
    mine, theirs = html_text(w.me), html_text(w.them)
    for words in (
        "about all your close relationships, not about this person",
        "a low number can easily be misread",
        "uses your latest saved check-in, perhaps from weeks ago, and shows it on screen",
        "If someone is beside you, fill in by hand instead",
    ):
        assert words in mine
    assert "Fill in from my journal uses" not in theirs, "their part has no fill-in button"


def test_fill_in_from_an_empty_or_locked_journal_says_so():
    w = course.partner_mode()
    w.fill_button.click()
    assert "no saved module 3 result or check-in yet" in w.mine_status.value
    journal = default_journal()
    if not journal.lock_available:
        return
    journal.set_lock(PASS)
    journal.lock_now()
    w = course.partner_mode()
    w.fill_button.click()
    assert "your journal is locked" in w.mine_status.value


def test_a_share_file_can_be_opened_and_a_bad_one_is_refused_by_name():
    ana, bo = course.partner_mode(), course.partner_mode()
    _fill(ana.me, "Ana", 2.0, 6.0, ["scores", "name"])
    ana.make.click()
    bo.how.value = "code"
    bo.paste.value = "my own notes"
    bo.upload.choose("notes.json", b"\xff\xfe not text")
    assert "notes.json: This file is not text" in bo.their_status.value
    assert bo.paste.value == "my own notes", "a refused file changes nothing typed"
    bo.upload.choose("huge.json", b" " * (partner.MAX_FILE_BYTES + 1))
    assert "huge.json: It is far larger than any share file" in bo.their_status.value
    edited = json.loads(ana.file_link.content)
    edited["shared"]["name"] = "Someone else"
    bo.upload.choose("edited.json", json.dumps(edited).encode())
    assert "doesn&#x27;t match its code" in bo.their_status.value
    bo.upload.choose("share-code.json", ana.file_link.content.encode("utf-8"))
    assert "read share-code.json. It holds only: Name: Ana; Avoider score: 2.00" in bo.their_status.value
    assert bo.paste.value == _code(ana)
    _fill(bo.me, "Bo", 2.0, 6.0, ["scores"])
    bo.together.click()
    assert "Your joint view: Two people who reach." in bo.reading.value


def test_the_file_picker_never_takes_more_than_its_limit():
    w = course.partner_mode()
    got = []
    w.upload.on_file(lambda name, data, size: got.append((name, data, size)))
    # a page that sends a file larger than it said: the kernel still refuses it, undecoded
    big = base64.b64encode(b"x" * 10_000).decode()
    w.upload._handle_file(w.upload, {"event": "file", "name": "x", "size": 10, "base64": big}, [])
    w.upload._handle_file(w.upload, {"event": "file", "name": "y", "size": 3, "base64": "@@not base64@@"}, [])
    assert got == [("x", None, 10), ("y", None, 3)]
