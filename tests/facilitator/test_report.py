"""The facilitator's cohort report: pseudonyms, charts in figures and words, the widget."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import plotly.graph_objects as go
import yaml

from course.facilitator import charts, report
from course.facilitator.report import Cohort, PendingRow, QuestionRow, SubmissionRow
from course.facilitator.report_view import CohortReport

T0 = datetime(2026, 11, 2, 10, tzinfo=timezone.utc)
COHORT = Cohort(
    assignments=("01_what_is_intimacy", "02_fear_of_intimacy"),
    students=("ana", "bo", "cy"),
    submissions=(
        SubmissionRow("01_what_is_intimacy", "ana", 9, 10, T0, False),
        SubmissionRow("01_what_is_intimacy", "bo", 5, 10, T0 + timedelta(days=2), True),
        SubmissionRow("01_what_is_intimacy", "cy", 7, 10, None, False),
        SubmissionRow("02_fear_of_intimacy", "ana", 4, 8, T0 + timedelta(days=7), False),
    ),
    questions=(
        QuestionRow("01_what_is_intimacy", "check_story_1", 100.0, 3, 1, False),
        QuestionRow("01_what_is_intimacy", "check_story_2", 33.3, 3, 1, False),
        QuestionRow("01_what_is_intimacy", "reflection", 75.0, 2, 4, True),
    ),
    pending=(PendingRow("01_what_is_intimacy", "bo", "reflection"),),
    source="sqlite:////somewhere/gradebook.db",
)


def test_pseudonyms_are_stable_and_sorted():
    assert report.pseudonyms(["zoe", "ana", "zoe"]) == {"ana": "Learner 01", "zoe": "Learner 02"}
    assert report.pseudonyms([f"s{i}" for i in range(120)])["s0"] == "Learner 001"


def test_anonymised_cohort_shows_no_names_anywhere():
    hidden = report.anonymised(COHORT)
    text = repr(hidden)
    for name in ("'ana'", "'bo'", "'cy'"):
        assert name not in text
    assert hidden.pending[0].student == "Learner 02"
    assert [r.score for r in hidden.submissions] == [r.score for r in COHORT.submissions]


def test_a_missing_gradebook_is_an_empty_report(tmp_path):
    data = report.load_cohort(f"sqlite:///{tmp_path / 'gradebook.db'}")
    assert data.empty and "no gradebook yet" in data.notes[0]
    assert not (tmp_path / "gradebook.db").exists(), "reading never creates a gradebook"
    assert report.load_cohort(None).notes[0].startswith("No nbgrader course was found")


def test_the_gradebook_is_found_from_the_course_folder(tmp_path):
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n")
    (tmp_path / "course").mkdir()
    assert report.find_gradebook(tmp_path / "course") == f"sqlite:///{tmp_path / 'gradebook.db'}"


def test_score_chart_and_words():
    fig = go.Figure(charts.cohort_scores_figure(COHORT))
    assert [t.name for t in fig.data] == list(COHORT.assignments)
    assert list(fig.data[0].y) == [90.0, 50.0, 70.0]
    assert list(fig.data[0].text) == ["ana", "bo", "cy"]
    assert fig.data[0].marker.symbol != fig.data[1].marker.symbol
    words = charts.cohort_scores_summary(COHORT)
    assert "01_what_is_intimacy: 3 submissions, median 70%, from 50% to 90%" in words
    assert "02_fear_of_intimacy: 1 submission, median 50%" in words


def test_question_chart_marks_reflections_with_a_pattern_not_only_colour():
    fig = go.Figure(charts.question_difficulty_figure(COHORT))
    auto, manual = fig.data
    assert list(auto.y) == ["01 · check_story_1", "01 · check_story_2"]
    assert manual.marker.pattern.shape == "/" and auto.marker.pattern.shape in (None, "")
    assert "hardest so far: check_story_2 in 01_what_is_intimacy (33%)" in charts.question_difficulty_summary(
        COHORT
    )


def test_completion_chart_counts_up_over_time():
    fig = go.Figure(charts.completion_figure(COHORT))
    first = fig.data[0]
    assert list(first.y) == [1, 2] and first.line.shape == "hv"
    assert charts.completion_summary(COHORT).startswith(
        "01_what_is_intimacy: 3 of 3 learners, the latest on 04 Nov 2026"
    )


def test_empty_cohort_charts_say_so():
    empty = Cohort()
    for build in (charts.cohort_scores_figure, charts.question_difficulty_figure, charts.completion_figure):
        fig = go.Figure(build(empty))
        assert not fig.data and fig.layout.annotations
    assert charts.completion_summary(empty) == "Nobody has handed anything in yet."


def test_report_widget_hides_names_by_default_and_can_show_them(monkeypatch):
    monkeypatch.setattr(report, "load_cohort", lambda url: COHORT)
    w = CohortReport("sqlite:////somewhere/gradebook.db")
    assert w.hide.value is True
    assert ">Learner 02<" in w.pending.value and ">bo<" not in w.pending.value
    assert "Learner" in " ".join(w.scores.data[0].text)
    w.hide.value = False
    assert ">bo<" in w.pending.value and "ana" in w.scores.data[0].text
    assert w.scores._config["showSendToCloud"] is False
    assert "In words:" in w.scores_text.value


def test_report_widget_on_an_empty_gradebook(tmp_path):
    w = CohortReport(f"sqlite:///{tmp_path / 'gradebook.db'}")
    assert "There is no gradebook yet" in w.source.value
    assert "none" in w.pending.value


def test_hub_values_wire_nbgrader_and_nbgitpuller():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    values = yaml.safe_load((root / "hub" / "z2jh-values.yaml").read_text())
    single = values["singleuser"]
    assert single["defaultUrl"].startswith("/git-pull?repo=")
    assert "urlpath=lab%2Ftree%2Fcloser%2Fcourse%2F00_welcome.ipynb" in single["defaultUrl"]
    mounts = {m["mountPath"] for m in single["storage"]["extraVolumeMounts"]}
    assert "/srv/nbgrader/exchange" in mounts
    config = single["extraFiles"]["nbgrader-config"]["stringData"]
    assert 'course_id = "closer"' in config and "/srv/nbgrader/exchange" in config


def test_a_gradebook_set_in_the_config_is_honoured(tmp_path):
    (tmp_path / "nbgrader_config.py").write_text(
        'c = get_config()\nc.CourseDirectory.db_url = "sqlite:////elsewhere/grades.db"\n'
    )
    assert report.find_gradebook(tmp_path) == "sqlite:////elsewhere/grades.db"
