"""The printable workbook in a real Chromium: laid out at the printable width of A4 and Letter in
print media with nothing clipped, overlapping or wider than the page, printed to PDF (one page at
least per section), the learner's hostile text inert, and the course's own PDF maker working."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from course import content, measure, workbook
from course.charts import printable
from course.journal import Journal

from .a11y import LAYOUT_JS

pytestmark = pytest.mark.slow

S = measure.measure_settings()
HOSTILE = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">"
LONG_WORD = "closeness" * 40  # one unbroken word far wider than any page
MM = 96 / 25.4  # CSS pixels per millimetre
# The page's @page margins are 14 mm either side: the printable width of each paper size.
PAPERS = {"A4": 210 - 28, "Letter": 215.9 - 28}


def _full_journal(folder: Path) -> Journal:
    j = Journal(folder)
    for when, level in (("start", 2), ("weekly", 3), ("weekly", 5), ("end", 6)):
        given = {i.id: (8 - level if i.reverse else level) for i in S.items}
        j.add_record(measure.KIND, "00_welcome", measure.payload(when, given, S))
    j.add_record(
        "plan",
        "07_next_steps",
        {
            "intentions": [
                {
                    "intention": f"Tell my sister one true thing {HOSTILE}",
                    "step": LONG_WORD,
                    "support": "Dev",
                },
                {"intention": "Notice when I go quiet", "step": "Say 'I need a minute'", "support": ""},
            ]
        },
    )
    j.add_record(
        "practice",
        "05_building_intimacy",
        {
            "skill": "repair",
            "sentence": f"I'm sorry I snapped. {LONG_WORD}",
            "feedback": ["A repair: yes"] * 3,
        },
    )
    j.add_record(
        "partner_view",
        "03_avoider_and_pursuer",
        {
            "names": [f"Sam {HOSTILE}", LONG_WORD[:30]],
            "results": [{"avoider": 2.0, "pursuer": 6.0, "region": "leaning_pursuer"}, None],
            "checkins": [{}, {}],
            "title": "Not enough to describe a loop yet",
            "loop": f"The loop between two patterns needs both people's scores. {LONG_WORD}",
            "to_try": "",
            "how": "code",
        },
    )
    j.add_record(
        "closeness_map",
        "01_what_is_intimacy",
        {"people": [{"name": f"Robin{i}", "closeness": i} for i in range(12)]},
    )
    for day in range(9):
        j.add_checkin(
            {"connected": day % 11, "open": 10 - day, "settled": 5, "hopeful": 3 + day % 4}, f"day {day}"
        )
    for n in range(6):
        j.add_reflection(
            "02_fear_of_intimacy", f"p{n}", f"Prompt {n} {HOSTILE}", ("A long reflection. " * 80) + LONG_WORD
        )
    j.mark("00_welcome", "completed")
    return j


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    j = _full_journal(tmp_path_factory.mktemp("journal"))
    snap = j.snapshot()
    html = workbook.workbook_html(
        snap,
        sections=[s.id for s in workbook.SECTIONS],  # every section, the unticked ones too
        titles={m.id: f"Module {m.number}: {m.title}" for m in content.modules()},
        charts=printable.workbook_charts(snap, S, content.scales()),
        settings=S,
        made_at=datetime(2026, 12, 1, 9, tzinfo=timezone.utc),
    )
    return workbook.write_workbook(j, html)


WIDE_JS = r"""() => {
  const right = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const s = getComputedStyle(el);
    if (s.display === "none" || el.closest("svg") && el.tagName.toLowerCase() !== "svg") continue;
    const r = el.getBoundingClientRect();
    const name = el.tagName.toLowerCase() + (el.className?.baseVal ?? el.className ?? "");
    if (r.width > 0 && (r.left < -0.5 || r.right > right + 0.5)) {
      wide.push([name, "beyond the page", Math.round(r.right)]);
    }
    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
      wide.push([name, "scrolls sideways", el.scrollWidth, el.clientWidth]);
    }
  }
  return {wide, width: right, svgs: document.querySelectorAll("svg.wb-chart").length};
}"""


@pytest.mark.parametrize("paper", list(PAPERS))
def test_nothing_is_clipped_at_the_printable_width(browser, page_file, paper):
    width = int(PAPERS[paper] * MM)
    context = browser.new_context(viewport={"width": width, "height": 1000}, java_script_enabled=True)
    page = context.new_page()
    try:
        page.goto(page_file.as_uri())
        page.emulate_media(media="print")
        assert page.title() == "My workbook", "the learner's text ran as a script"
        assert page.locator("img").count() == 0 and page.locator("body script").count() == 0
        assert page.locator(".wb-screen").is_hidden(), "the on-screen printing tip is not printed"
        found = page.evaluate(WIDE_JS)
        assert found["width"] == width and found["svgs"] == 2
        assert not found["wide"], f"{paper}: wider than the printable width: {found['wide'][:10]}"
        layout = page.evaluate(LAYOUT_JS, page.evaluate_handle("() => [document.body]"))
        assert layout["texts"] > 100
        assert not layout["clipped"], f"{paper}: text cut off: {layout['clipped'][:10]}"
        assert not layout["overlaps"], f"{paper}: text over text: {layout['overlaps'][:10]}"
        # each section starts a new printed page
        breaks = page.locator("section.wb-section").evaluate_all(
            "els => els.map(e => getComputedStyle(e).breakBefore)"
        )
        assert breaks and set(breaks) == {"page"}
    finally:
        context.close()


@pytest.mark.parametrize("paper", list(PAPERS))
def test_the_workbook_prints_to_pdf(browser, page_file, paper, tmp_path):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(page_file.as_uri())
        pdf = page.pdf(format=paper, print_background=True)
    finally:
        context.close()
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    sections = len(re.findall(r'<section id="wb-', page_file.read_text())) - 1
    assert pages >= 1 + sections, f"{pages} pages for the cover and {sections} sections"


def test_the_course_makes_the_pdf_with_chromium(page_file):
    pdf = workbook.print_pdf(page_file)
    data = pdf.read_bytes()
    assert pdf == page_file.with_suffix(".pdf") and data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) >= 8
    assert pdf.stat().st_mode & 0o777 == 0o600
