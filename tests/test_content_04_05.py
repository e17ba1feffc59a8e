"""Modules 04 and 05's data files: valid as shipped, and a broken entry says where it broke."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from course import content, flags, ladder, pacing, planner, vocabulary
from course.content import ContentError


def _edit(data_dir: Path, name: str, change) -> None:
    path = data_dir / name
    value = yaml.safe_load(path.read_text())
    change(value)
    path.write_text(yaml.safe_dump(value, sort_keys=False, allow_unicode=True))


def test_shipped_files_load():
    for loader in (
        flags.load_settings,
        pacing.load_settings,
        vocabulary.load_taxonomy,
        ladder.load_settings,
        planner.load_settings,
    ):
        loader()


@pytest.mark.parametrize(
    ("name", "change", "loader", "expected"),
    [
        (
            "flags.yaml",
            lambda d: d["scenarios"][2].update(flag="amber"),
            flags.load_settings,
            "flags.yaml, scenario 3 ('group_chat'), field 'flag': expected one of green, yellow, red, "
            "got 'amber'",
        ),
        (
            "flags.yaml",
            lambda d: d["scenarios"][0].update(area="work"),
            flags.load_settings,
            "scenario 1 ('job_loss'), field 'area': expected one of friendship, family, dating, long",
        ),
        (
            "flags.yaml",
            lambda d: d["scenarios"][1].pop("why"),
            flags.load_settings,
            "scenario 2 ('nervous_joke'), field 'why': is missing",
        ),
        (
            "flags.yaml",
            lambda d: d["scenarios"][6].update(safety="yes"),
            flags.load_settings,
            "scenario 7 ('sister_phone'), field 'safety': expected true or false",
        ),
        (
            "flags.yaml",
            lambda d: d.update(scenarios=d["scenarios"][:14]),
            flags.load_settings,
            "flags.yaml, top level, field 'scenarios': expected at least 15 entries, got 14",
        ),
        (
            "flags.yaml",
            lambda d: d["scenarios"][3].update(id="job_loss"),
            flags.load_settings,
            "field 'id': 'job_loss' is used more than once",
        ),
        (
            "flags.yaml",
            lambda d: d["areas"].append({"id": "work", "label": "Work"}),
            flags.load_settings,
            "field 'scenarios': no scenario for the area 'work'",
        ),
        (
            "flags.yaml",
            lambda d: d["flags"][1].update(id="amber"),
            flags.load_settings,
            "field 'flags': expected entries with the ids green, yellow, red (in that order), "
            "got green, amber, red",
        ),
        (
            "flags.yaml",
            lambda d: d["flags"][0].update(colour="green"),
            flags.load_settings,
            "flag 1 ('green'), field 'colour': expected a colour like '#0072B2', got 'green'",
        ),
        (
            "flags.yaml",
            lambda d: d["triage"]["questions"].pop(),
            flags.load_settings,
            "flags.yaml, section 'triage', field 'questions': expected entries with the ids pattern, "
            "feedback, solvable",
        ),
        (
            "flags.yaml",
            lambda d: d["triage"]["questions"][0].pop("if_no"),
            flags.load_settings,
            "section 'triage', question 1 ('pattern'), field 'if_no': is missing",
        ),
        (
            "flags.yaml",
            lambda d: d["scenarios"][6].pop("content_note"),
            flags.load_settings,
            "scenario 7 ('sister_phone'), field 'content_note': is missing",
        ),
        (
            "flags.yaml",
            lambda d: d["triage"].pop("not_heard_note"),
            flags.load_settings,
            "flags.yaml, section 'triage', field 'not_heard_note': is missing",
        ),
        (
            "flags.yaml",
            lambda d: d.update(triage=["pattern"]),
            flags.load_settings,
            "flags.yaml, top level, field 'triage': expected a mapping",
        ),
        (
            "pacing.yaml",
            lambda d: d.update(tolerance="wide"),
            pacing.load_settings,
            "pacing.yaml, top level, field 'tolerance': expected a number, got text 'wide'",
        ),
        (
            "pacing.yaml",
            lambda d: d.update(tolerance=0),
            pacing.load_settings,
            "field 'tolerance': expected a number from 0.1 to 5, got 0",
        ),
        (
            "pacing.yaml",
            lambda d: d["curves"][1].update(pace=12),
            pacing.load_settings,
            "pacing.yaml, curve 2 ('sharing'), field 'pace': expected a number from 0 to 10, got 12",
        ),
        (
            "pacing.yaml",
            lambda d: d["verdicts"].reverse(),
            pacing.load_settings,
            "field 'verdicts': expected entries with the ids behind, pace, ahead (in that order)",
        ),
        (
            "emotions.yaml",
            lambda d: d["cores"][1]["words"].append({"word": "Cheerful", "meaning": "again"}),
            vocabulary.load_taxonomy,
            "emotions.yaml, core feeling 2 ('sad'), word 9, field 'word': 'Cheerful' is already listed "
            "under 'glad'",
        ),
        (
            "emotions.yaml",
            lambda d: d["cores"][0].update(words=d["cores"][0]["words"][:4]),
            vocabulary.load_taxonomy,
            "core feeling 1 ('glad'), field 'words': expected at least 5 entries, got 4",
        ),
        (
            "emotions.yaml",
            lambda d: d.update(cores=d["cores"][:5]),
            vocabulary.load_taxonomy,
            "emotions.yaml, top level, field 'cores': expected at least 6 entries, got 5",
        ),
        (
            "emotions.yaml",
            lambda d: d["cores"][2]["words"][0].pop("meaning"),
            vocabulary.load_taxonomy,
            "core feeling 3 ('scared'), word 1, field 'meaning': is missing",
        ),
        (
            "building.yaml",
            lambda d: d["ladder"].update(max_steps=1),
            ladder.load_settings,
            "building.yaml, section 'ladder', field 'max_steps': expected a number from 2 to 30, got 1",
        ),
        (
            "building.yaml",
            lambda d: d["ladder"]["examples"].append(""),
            ladder.load_settings,
            "section 'ladder', field 'examples': entry 7: expected non-empty text, got empty text",
        ),
        (
            "building.yaml",
            lambda d: d["planner"]["fields"][1].update(id="feel"),
            planner.load_settings,
            "section 'planner', field 2 ('feel'), field 'id': 'feel' is used more than once",
        ),
        (
            "building.yaml",
            lambda d: d["planner"].pop("safety_note"),
            planner.load_settings,
            "section 'planner', field 'safety_note': is missing",
        ),
    ],
)
def test_malformed_entries_name_file_entry_and_field(data_copy, name, change, loader, expected):
    _edit(data_copy, name, change)
    with pytest.raises(ContentError) as err:
        loader(data_copy)
    assert expected in str(err.value)


def test_validate_all_checks_the_new_files(data_copy):
    (data_copy / "emotions.yaml").unlink()
    with pytest.raises(ContentError, match="emotions.yaml: the data file is missing"):
        content.validate_all(data_copy)


def test_lookups_fail_clearly():
    f = flags.settings()
    with pytest.raises(ValueError, match="Unknown flag 'amber'"):
        f.flag("amber")
    with pytest.raises(ValueError, match="Unknown triage outcome 'x'"):
        f.outcome("x")
    with pytest.raises(ValueError, match="Unknown core feeling 'bored'"):
        vocabulary.taxonomy().core("bored")
    with pytest.raises(ValueError, match="Unknown pacing verdict 'sideways'"):
        pacing.settings().verdict("sideways")


def test_new_modules_have_quizzes_with_varied_answers_and_prompts():
    for module in ("04_healthy_intimacy", "05_building_intimacy"):
        questions = content.quiz(module)
        assert len(questions) >= 5
        assert len({q.correct_index for q in questions}) > 1
        for q in questions:
            assert all(len(o.explanation) > 20 for o in q.options)
        assert len(content.prompts(module)) >= 2
