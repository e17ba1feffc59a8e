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


def test_role_colours_can_be_swapped_for_the_dark_theme_without_touching_data_colours():
    """The page swaps each role colour for its dark value: no role may share a value with a data
    colour, with the words drawn on filled shapes, or with another role."""
    from course.charts.base import DARK_ROLES, ROLES, dark_theme, ink

    light = list(ROLES.values())
    assert len(set(light)) == len(light)
    assert not set(light) & {*PALETTE, ink("#000000"), ink("#FFFFFF")}
    assert set(ROLES) == set(DARK_ROLES)
    theme = dark_theme()
    assert theme["colours"]["#1f2d3d"] == DARK_ROLES["ink"]
    assert theme["template"]["layout"]["font"]["color"] == DARK_ROLES["ink"]


def test_legends_sit_above_the_plot_where_no_axis_title_is():
    """Axis titles are below and beside the plot; legends above it, in every chart that has one."""
    from datetime import datetime, timedelta, timezone

    from course import content, ladder, pacing, review
    from course.charts import building, journal
    from course.charts import pacing as pacing_charts
    from course.journal import CheckIn

    t0 = datetime(2026, 11, 1, tzinfo=timezone.utc)
    checkins = [CheckIn(i, t0 + timedelta(days=i), {"open": i}) for i in range(1, 3)]
    modules = content.modules()
    settings = pacing.settings()
    at = pacing.times(settings.months)
    figures = [
        journal.checkin_figure(checkins, content.scales()),
        journal.progress_figure(modules, review.statuses(modules, {})),
        pacing_charts.pacing_figure(at, [1.0] * len(at), [1.0] * len(at), settings),
        building.ladder_figure([ladder.make_step("a step", 3)]),
    ]
    for fig in figures:
        legend = fig["layout"]["legend"]
        assert legend["orientation"] == "h" and legend["y"] > 1 and legend["yanchor"] == "bottom"
        assert fig["layout"]["xaxis"]["title"]["text"], "the axis title stays, below the plot"
