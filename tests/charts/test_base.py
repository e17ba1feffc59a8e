"""The base charts: checked on the figure's data (loaded into go.Figure, so plotly
validates every property), never on pixels."""

from __future__ import annotations

from course import scoring
from course.charts.base import CHART_CONFIG, PALETTE, SYMBOLS

S = scoring.patterns_settings()


def test_no_chart_can_be_uploaded_to_an_online_service():
    assert CHART_CONFIG["showSendToCloud"] is False
    assert CHART_CONFIG["showEditInChartStudio"] is False
    assert "sendChartToCloud" in CHART_CONFIG["modeBarButtonsToRemove"]
    assert CHART_CONFIG["displaylogo"] is False


def test_palette_and_markers_are_distinct():
    assert len(set(PALETTE)) == len(PALETTE)
    assert len(set(SYMBOLS)) == len(SYMBOLS)


def test_region_names_carry_no_prize_and_no_claim_about_change_over_time():
    labels = {r.id: r.label for r in S.regions}
    assert labels["settled"] == "leaning neither way" and labels["swinging"] == "leaning both ways"
    for region in S.regions:
        for word in ("settled", "swinging", "healthy", "secure", "back and forth"):
            assert word not in f"{region.label} {region.description}".lower(), (region.id, word)
    assert "not a goal or a prize" in S.region("settled").description
    assert "One sitting cannot show" in S.region("swinging").description
