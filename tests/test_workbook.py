"""The printable workbook: every kind of entry on the page (known kinds and any other), the
learner's words escaped, print CSS, a page that fetches nothing, private files that go when the
journal's exports go, and a PDF refused in words where none can be made."""

from __future__ import annotations

import re
import stat
from datetime import datetime, timezone

import pytest

from course import content, measure, workbook
from course.charts import printable
from course.journal import Journal, JournalLocked

S = measure.measure_settings()
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
TITLES = {"00_welcome": "Module 0: Welcome", "07_next_steps": "Module 7: Next steps"}


def _fill(j: Journal) -> None:
    level = {i.id: 3 for i in S.items}
    j.add_record(measure.KIND, "00_welcome", measure.payload("start", level, S))
    j.add_record(measure.KIND, "07_next_steps", measure.payload("end", {i.id: 5 for i in S.items}, S))
    j.add_record(
        "plan",
        "07_next_steps",
        {
            "intentions": [
                {"intention": f"Call my brother {HOSTILE}", "step": "Ring on Sunday", "support": "Dev"}
            ]
        },
    )
    j.add_record(
        "practice",
        "05_building_intimacy",
        {  # the shape course.practice.practice_payload saves
            "skill": "i_statement",
            "skill_title": "A gentle start",
            "scenario": "friend_late",
            "situation": "A friend: late again",
            "sentence": f"I feel left out {HOSTILE}",
            "works": ["Your sentence names a feeling: “left out”."],
            "try": [f"Try adding a request {HOSTILE}"],
            "care": ["What you wrote sounds really hard."],
        },
    )
    j.add_record(  # the shape ui.partner saves: the joint view, and how the other part arrived
        "partner_view",
        "03_avoider_and_pursuer",
        {
            "names": ["Sam", f"Alex {HOSTILE}"],
            "results": [
                {"avoider": 2.0, "pursuer": 6.0, "region": "leaning_pursuer"},
                {"avoider": 5.56, "pursuer": 2.0, "region": "leaning_avoider"},
            ],
            "checkins": [{"connected": 7}, {}],
            "title": "A reach-and-step-back loop",
            "loop": "Today Sam leans towards reaching out and Alex leans towards stepping back.",
            "to_try": "Sam, you could try saying what you feel once.",
            "how": "here",
        },
    )
    j.add_record(
        "patterns_check",
        "03_avoider_and_pursuer",
        {"avoider": 2.5, "pursuer": 5.25, "in_words": "leaning Pursuer"},
    )
    j.add_record(
        f"odd_{'kind'}", "01_what_is_intimacy", {f"key {HOSTILE}": [1, {"deep": None}], "flag": True}
    )
    j.add_checkin({"connected": 4, "open": 6}, f"tired {HOSTILE}")
    j.add_reflection(
        "00_welcome", "hopes", f"What do you hope? {HOSTILE}", f"To be closer\n\nto my family {HOSTILE}"
    )
    j.set_keep_drafts(True)
    j.save_draft("07_next_steps:kind_words", f"half a thought {HOSTILE}")
    j.mark("00_welcome", "completed")


EVERYTHING = [s.id for s in workbook.SECTIONS]


def _page(j: Journal, sections=EVERYTHING) -> str:
    snap = j.snapshot()
    charts = printable.workbook_charts(snap, S, content.scales())
    return workbook.workbook_html(
        snap,
        sections=sections,
        titles=TITLES,
        charts=charts,
        settings=S,
        made_at=datetime(2026, 12, 1, 9, tzinfo=timezone.utc),
    )


def _sections(page: str) -> dict[str, str]:
    return dict(re.findall(r'<section id="wb-(\w+)".*?>(.*?)</section>', page, re.S))


def test_every_kind_of_entry_is_on_the_page(backend, tmp_path):
    j = Journal(tmp_path / "j")
    _fill(j)
    page = _page(j)
    parts = _sections(page)
    assert list(parts) == [
        "cover",
        "plan",
        "measure",
        "checkins",
        "reflections",
        "practice",
        "partner",
        "made",
        "progress",
        "drafts",
    ]
    assert "Call my brother" in parts["plan"] and "First step: Ring on Sunday" in parts["plan"]
    assert "Who can support me: Dev" in parts["plan"]
    measure_part = parts["measure"]
    assert "<svg" in measure_part and "Your before-and-after check" in measure_part
    # start: every answer 3 (reverse ones count 5); end: every answer 5 (reverse ones count 3)
    assert (
        '<th scope="row">Limits and patterns</th><td>3.0</td><td>5.0</td><td>+2.0: higher</td>'
        in measure_part
    )
    assert '<th scope="row">Letting people in</th><td>3.7</td><td>4.3</td><td>+0.7: about the same</td>' in (
        measure_part
    )
    assert "not a validated or published questionnaire" in measure_part and S.note[
        :60
    ] in measure_part.replace("&#x27;", "'")
    assert "<svg" in parts["checkins"] and "connected 4/10, open 6/10" in parts["checkins"]
    assert "To be closer\n\nto my family" in parts["reflections"], "line breaks kept (pre-wrap)"
    assert "Module 0: Welcome" in parts["reflections"]
    assert "Practice sentences" in page and "I feel left out" in parts["practice"]
    practice_part = parts["practice"]
    assert "<b>A gentle start</b> · A friend: late again" in practice_part
    assert "✓ Your sentence names a feeling: “left out”." in practice_part
    assert "→ Try adding a request" in practice_part
    assert "ℹ What you wrote sounds really hard." in practice_part, "the word about safety is printed too"
    assert "friend_late" not in practice_part, "the widget's own ids are not printed"
    made = parts["made"]
    partner_part = parts["partner"]
    assert "Sam: Avoider scale 2.0, Pursuer scale 6.0" in partner_part
    assert "Avoider scale 5.6, Pursuer scale 2.0" in partner_part
    assert "<b>A reach-and-step-back loop</b>" in partner_part
    assert "Sam leans towards reaching out" in partner_part
    assert "What each of us could try:" in partner_part and "saying what you feel once" in partner_part
    for internal in ("leaning_pursuer", "leaning_avoider", "Region", "region", "How", ">here<", "Checkins"):
        assert internal not in partner_part, internal
    assert "Sam" not in made, "a partner view is in its own section"
    assert (
        "<h3>Avoider and Pursuer self-assessment</h3>" in made
        and "Avoider scale 2.5, Pursuer scale 5.25" in made
    )
    assert "<h3>Odd kind</h3>" in made, "a kind the workbook does not know still appears, named"
    assert "<dt>Flag</dt><dd>yes</dd>" in made and "(empty)" in made
    assert "✓ finished" in parts["progress"]
    assert "half a thought" in parts["drafts"]


def test_the_learners_words_are_escaped_everywhere(tmp_path):
    j = Journal(tmp_path / "j")
    _fill(j)
    page = _page(j)
    assert (
        "<script" not in page.lower()
        and "<img" not in page.lower()
        and "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")
    )
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    # plan, practice sentence and its feedback, a partner's name, unknown kind's key, check-in note,
    # reflection prompt and text, draft
    assert page.count(escaped) == 9


def test_the_page_prints_well_and_fetches_nothing(tmp_path):
    page = _page(Journal(tmp_path / "j"))
    assert "@page" in page and "@media print" in page
    assert "break-before: page" in page, "each section on a new page"
    assert "break-inside: avoid" in page and "overflow-wrap: anywhere" in page
    assert "table-layout: fixed" in page and "svg.wb-chart { display: block; width: 100%" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page), "nothing from another site"
    assert "<script" not in page


def test_an_empty_journal_gives_a_kind_page(tmp_path):
    page = _page(Journal(tmp_path / "j"))
    assert "You have not saved a plan yet" in page
    assert "You have not answered the before-and-after check yet" in page
    assert "No written reflections yet, and that is completely fine." in page
    assert "<svg" not in page


def test_the_svg_charts_carry_their_values_in_words_and_patterns():
    svg = printable.bars("T <b>", ["A & B", "C"], [("first", [3.0, 4.5]), ("latest", [5.0, 6.25])], 1, 7)
    assert svg.startswith('<svg class="wb-chart" viewBox="0 0 640 300"') and 'role="img"' in svg
    assert "<title>T &lt;b&gt;</title>" in svg and "A &amp; B" in svg
    assert ">6.2<" in svg or ">6.3<" in svg
    assert (
        'fill="url(#wb-fill-0)"' in svg and 'fill="url(#wb-fill-1)"' in svg and '<path d="M0,8 L8,0"' in svg
    )
    assert "<desc>first: A &amp; B 3.0, C 4.5; latest: A &amp; B 5.0, C 6.2" in svg
    lines = printable.lines(
        "L", ["1 Sep", "2 Sep", "3 Sep"], [("a", [1, None, 3]), ("b", [2, 2, 2])], 0, 10, 2
    )
    assert lines.count("<polyline") == 1, "a gap breaks a line; a single point is only a marker"
    assert 'stroke-dasharray="8 4"' in lines and "<rect x=" in lines, "dash and marker shape differ"
    assert "2 Sep no answer" in lines


def test_the_workbook_file_is_private_and_goes_with_the_exports(backend, tmp_path):
    j = Journal(tmp_path / "j")
    j.add_reflection("00_welcome", "hopes", "P", "words")
    path = workbook.write_workbook(j, _page(j))
    assert path.parent == j.folder / "exports" and re.fullmatch(
        r"notes-\d{4}-\d\d-\d\d-\d{6}\.html", path.name
    )
    assert workbook.download_name(path) == path.name[:16] + ".html"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert j.clear_today()["exports"] == 1 and not path.exists()
    path = workbook.write_workbook(j, _page(j))
    j.delete_everything()
    assert not path.exists()


def test_the_workbook_is_refused_while_the_journal_is_locked_and_locking_deletes_it(tmp_path):
    j = Journal(tmp_path / "j", backend="sqlite")
    j.add_reflection("00_welcome", "hopes", "P", "words")
    path = workbook.write_workbook(j, _page(j))
    assert j.set_lock("a long enough passphrase") == 1 and not path.exists()
    with pytest.raises(JournalLocked, match="Unlock it with your passphrase"):
        workbook.write_workbook(j, "<p>x</p>")


def test_no_chromium_means_no_pdf_said_in_words(tmp_path, monkeypatch):
    monkeypatch.setenv("CLOSER_CHROMIUM", str(tmp_path / "nothing-here"))
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(workbook.Path, "is_file", lambda self: False)
    with pytest.raises(workbook.PdfUnavailable, match="has no Chromium or Chrome .* browser's Print command"):
        workbook.print_pdf(tmp_path / "page.html")
    monkeypatch.setattr(workbook.sys, "platform", "emscripten")
    with pytest.raises(workbook.PdfUnavailable, match="inside the browser edition"):
        workbook.print_pdf(tmp_path / "page.html")


def test_by_default_the_workbook_leaves_out_drafts_and_partner_views(tmp_path):
    j = Journal(tmp_path / "j")
    _fill(j)
    snap = j.snapshot()
    page = workbook.workbook_html(snap, settings=S)
    parts = _sections(page)
    assert "drafts" not in parts and "partner" not in parts
    assert "half a thought" not in page and "Alex" not in page and "Sam" not in page
    assert {"plan", "measure", "checkins", "reflections", "practice", "made", "progress"} <= set(parts)
    assert {s.id for s in workbook.SECTIONS if not s.ticked} == {"drafts", "partner"}


def test_only_the_chosen_sections_are_printed_and_listed(tmp_path):
    j = Journal(tmp_path / "j")
    _fill(j)
    page = _page(j, ["reflections", "drafts"])
    assert list(_sections(page)) == ["cover", "reflections", "drafts"]
    assert 'href="#wb-plan"' not in page and "Call my brother" not in page
    with pytest.raises(ValueError, match="no section called 'secrets'"):
        _page(j, ["secrets"])
    with pytest.raises(ValueError, match="Tick at least one part"):
        _page(j, [])


def test_the_cover_speaks_in_one_voice_under_a_neutral_title(tmp_path):
    page = _page(Journal(tmp_path / "j"))
    cover = _sections(page)["cover"]
    assert "<title>My workbook</title>" in page and "<h1>My workbook</h1>" in cover
    assert "Closer" not in cover
    assert "from my private journal" in cover and "so I keep it somewhere safe" in cover
    assert not re.search(r"\byou(r)?\b", re.sub(r"<[^>]+>", " ", cover)), "no second person on the cover"
