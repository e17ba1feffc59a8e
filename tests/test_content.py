"""Content loading: the shipped data is valid, and a broken file says exactly where it broke."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from course import closeness, content
from course.content import ContentError


def test_shipped_data_is_valid():
    content.validate_all()


def test_modules_are_numbered_in_order_with_times():
    modules = content.modules()
    assert [m.number for m in modules] == list(range(len(modules)))
    assert modules[0].id == "00_welcome"
    assert all(m.minutes > 0 and m.summary for m in modules)
    assert content.module("01_what_is_intimacy").notebook == "01_what_is_intimacy.ipynb"


def test_every_quiz_question_has_one_right_option_and_explanations():
    for module in ("00_welcome", "01_what_is_intimacy"):
        questions = content.quiz(module)
        assert questions
        for q in questions:
            assert sum(o.correct for o in q.options) == 1
            assert all(len(o.explanation) > 20 for o in q.options)
            assert q.options[q.correct_index].correct


def test_correct_answers_are_not_always_in_the_same_place():
    positions = {q.correct_index for q in content.quiz("01_what_is_intimacy")}
    assert len(positions) > 1


def test_lookups_fail_clearly():
    with pytest.raises(ValueError, match="Unknown module '99_nope'"):
        content.module("99_nope")
    with pytest.raises(ValueError, match="Unknown prompt for module '01_what_is_intimacy' 'nope'"):
        content.prompt("01_what_is_intimacy", "nope")


def test_help_points_to_international_finders():
    info = content.help_info()
    assert any("findahelpline.com" in f.url for f in info.finders)
    assert "emergency" in info.emergency


def _edit(data_dir: Path, name: str, change) -> None:
    path = data_dir / name
    value = yaml.safe_load(path.read_text())
    change(value)
    path.write_text(yaml.safe_dump(value, sort_keys=False))


@pytest.mark.parametrize(
    ("name", "change", "loader", "expected"),
    [
        (
            "modules.yaml",
            lambda d: d["modules"][1].pop("title"),
            content.load_modules,
            "modules.yaml, module 2 ('01_what_is_intimacy'), field 'title': is missing",
        ),
        (
            "modules.yaml",
            lambda d: d["modules"][0].update(minutes="twenty"),
            content.load_modules,
            "modules.yaml, module 1 ('00_welcome'), field 'minutes': expected a whole number, "
            "got text 'twenty'",
        ),
        (
            "modules.yaml",
            lambda d: d["modules"][2].update(id="00_welcome"),
            content.load_modules,
            "field 'id': '00_welcome' is used more than once",
        ),
        (
            "checkin.yaml",
            lambda d: d["scales"][0].update(low="  "),
            content.load_scales,
            "checkin.yaml, scale 1 ('connected'), field 'low': expected non-empty text, got empty text",
        ),
        (
            "quizzes.yaml",
            lambda d: d["quizzes"]["01_what_is_intimacy"][0]["options"][0].update(correct=True),
            content.load_quizzes,
            "quizzes.yaml, module '01_what_is_intimacy', question 1 ('definition'), field 'options': "
            "expected exactly one option marked correct: true, found 2",
        ),
        (
            "quizzes.yaml",
            lambda d: d["quizzes"]["01_what_is_intimacy"][1]["options"][2].update(correct="yes"),
            content.load_quizzes,
            "question 2 ('into_me_see'), option 3, field 'correct': expected true or false",
        ),
        (
            "quizzes.yaml",
            lambda d: d["quizzes"].update({"42_unknown": []}),
            content.load_quizzes,
            "quizzes.yaml, top level, field 'quizzes': '42_unknown' is not a module listed in modules.yaml",
        ),
        (
            "prompts.yaml",
            lambda d: d["prompts"]["01_what_is_intimacy"][0].update(id="has space"),
            content.load_prompts,
            "prompts.yaml, module '01_what_is_intimacy', prompt 1 ('has space'), field 'id': "
            "use only letters",
        ),
        (
            "help.yaml",
            lambda d: d["finders"][0].update(url="http://example.org"),
            content.load_help,
            "help.yaml, finder 1, field 'url': expected an https:// address",
        ),
        (
            "closeness.yaml",
            lambda d: d.update(kinds="friend"),
            closeness.load_settings,
            "closeness.yaml, top level, field 'kinds': expected a list, got text 'friend'",
        ),
        (
            "closeness.yaml",
            lambda d: d.update(max_people=0),
            closeness.load_settings,
            "field 'max_people': expected a number from 1 to 50, got 0",
        ),
        (
            "closeness.yaml",
            lambda d: d["sharing"].__setitem__(0, "both"),
            closeness.load_settings,
            "closeness.yaml, sharing choice 1: expected a mapping of fields, got text 'both'",
        ),
    ],
)
def test_malformed_entries_name_file_entry_and_field(data_copy, name, change, loader, expected):
    _edit(data_copy, name, change)
    with pytest.raises(ContentError) as err:
        loader(data_copy)
    assert expected in str(err.value)


def test_invalid_yaml_names_the_file_and_line(data_copy):
    (data_copy / "checkin.yaml").write_text("scales:\n  - id: a\n    label: [unclosed\n")
    with pytest.raises(ContentError, match=re.escape("checkin.yaml: not valid YAML at line")):
        content.load_scales(data_copy)


def test_missing_file_is_reported(data_copy):
    (data_copy / "help.yaml").unlink()
    with pytest.raises(ContentError, match=re.escape("help.yaml: the data file is missing")):
        content.load_help(data_copy)


def test_empty_file_is_reported(data_copy):
    (data_copy / "modules.yaml").write_text("")
    with pytest.raises(
        ContentError, match=re.escape("modules.yaml, top level: expected a mapping of fields, got nothing")
    ):
        content.load_modules(data_copy)


def test_authors_can_preview_an_edited_copy(data_copy, monkeypatch):
    _edit(data_copy, "checkin.yaml", lambda d: d["scales"][0].update(label="Linked"))
    monkeypatch.setenv("CLOSER_CONTENT_DIR", str(data_copy))
    assert content.scales()[0].label == "Linked"
    monkeypatch.delenv("CLOSER_CONTENT_DIR")
    assert content.scales()[0].label == "Connected"


def test_a_module_without_a_quiz_says_so(data_copy, monkeypatch):
    _edit(data_copy, "quizzes.yaml", lambda d: d["quizzes"].pop("07_next_steps"))
    monkeypatch.setenv("CLOSER_CONTENT_DIR", str(data_copy))
    with pytest.raises(ValueError, match="no quiz for module '07_next_steps'"):
        content.quiz("07_next_steps")
