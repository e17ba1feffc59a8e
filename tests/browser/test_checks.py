"""The browser suite's own checks, on small pages made to pass and made to fail: a check that
cannot fail tests nothing. Each page imitates a notebook's output (`.jp-OutputArea-output`)."""

from __future__ import annotations

import pytest

from .a11y import CONTRAST_JS, FOCUS_JS, LAYOUT_JS, accessible_names, duplicates, unnamed
from .keyboard import walk_cell

pytestmark = pytest.mark.slow

ROOTS = "() => [...document.querySelectorAll('.jp-OutputArea-output')]"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 800, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def _contrast(page, body: str, background: str = "#ffffff") -> dict[str, dict]:
    output = f'<div class="jp-OutputArea-output">{body}</div>'
    page.set_content(f'<body style="background:{background};margin:0">{output}</body>')
    return {r["text"]: r for r in page.evaluate(CONTRAST_JS, page.evaluate_handle(ROOTS))}


def test_the_contrast_check_flags_faint_text_and_passes_clear_text(page):
    results = _contrast(
        page,
        """
        <p style="color:#000">clear black</p>
        <p style="color:#999">faint grey</p>
        <p style="color:rgba(0,0,0,0.3)">see-through black</p>
        <p style="color:#888;font-size:24px">large grey</p>
        <p style="color:#999;font-size:24px;opacity:0.5">large but faded</p>
        <div style="background:#1f2d3d"><span style="color:#2b3b4f">dark on dark</span></div>
        <div style="background:rgba(0,0,0,0.6)"><span style="color:#fff">white on a veil</span></div>
        <button disabled style="color:#ccc">inactive button</button>
        <input type="text" placeholder="a faint example" style="color:#000" class="ph">
        <style>.ph::placeholder { color: #c8c8c8; }</style>
        <svg width="300" height="60">
          <text x="5" y="20" style="fill:#bbbbbb">faint chart label</text>
          <text x="5" y="45" style="fill:#1f2d3d">clear chart label</text>
        </svg>
        """,
    )
    bad = {text for text, r in results.items() if not r["ok"]}
    assert bad == {
        "faint grey",
        "see-through black",
        "large but faded",
        "dark on dark",
        "a faint example",
        "faint chart label",
    }, results
    assert results["large grey"]["need"] == 3 and results["large grey"]["ok"], "large text needs 3:1"
    assert results["white on a veil"]["ok"], "a veil over white makes a dark enough background"
    assert "inactive button" not in results, "inactive controls are exempt"
    assert results["faint grey"]["ratio"] == pytest.approx(2.85, abs=0.01)


def test_the_contrast_check_measures_words_on_bars_and_in_a_dark_page(page):
    results = _contrast(
        page,
        """
        <p style="color:#fff">white on the dark page</p>
        <p style="color:#0000ee">a default blue link colour</p>
        <svg width="300" height="80">
          <defs><pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" fill="rgb(230, 159, 0)"></rect></pattern></defs>
          <g class="point"><path d="M0,0H200V30H0Z" style="fill:#ffd400"></path>
            <text x="5" y="20" style="fill:#ffffff">white on yellow</text></g>
          <g class="point"><path d="M0,40H200V70H0Z" style="fill:url(#hatch)"></path>
            <text x="5" y="60" style="fill:#000000">black on a hatched bar</text></g>
        </svg>
        """,
        background="#111111",
    )
    bad = {text for text, r in results.items() if not r["ok"]}
    assert bad == {"a default blue link colour", "white on yellow"}, results
    assert results["black on a hatched bar"]["bg"] == "#e69f00"


def test_the_layout_check_finds_overlapping_and_cut_off_text(page):
    page.set_content(
        """<div class="jp-OutputArea-output" style="width:300px">
        <div style="position:relative;height:40px">
          <span style="position:absolute;left:0;top:0">first words here</span>
          <span style="position:absolute;left:20px;top:4px">second words</span>
        </div>
        <div style="width:80px;overflow:hidden;white-space:nowrap">a label far too long to fit</div>
        <div style="width:120px">words that wrap onto the next line are fine</div>
        <svg width="100" height="40"><text x="60" y="20">runs off the chart</text></svg>
        </div>"""
    )
    layout = page.evaluate(LAYOUT_JS, page.evaluate_handle(ROOTS))
    assert [(o["a"], o["b"]) for o in layout["overlaps"]] == [("first words here", "second words")]
    cut = {c["text"] for c in layout["clipped"]}
    assert "a label far too long to fit" in cut and "runs off the chart" in cut
    assert "words that wrap onto the next line are fine" not in cut


def test_the_layout_check_reads_turned_words_by_their_own_outline(page):
    """Two turned labels side by side (as on the emotion wheel) do not overlap, though their
    upright boxes would."""
    page.set_content(
        """<div class="jp-OutputArea-output"><svg width="300" height="300">
        <text x="100" y="150" transform="rotate(45 100 150)">turned word one</text>
        <text x="100" y="175" transform="rotate(45 100 175)">turned word two</text>
        </svg></div>"""
    )
    layout = page.evaluate(LAYOUT_JS, page.evaluate_handle(ROOTS))
    assert layout["texts"] == 2 and layout["overlaps"] == []


def test_the_focus_check_wants_a_clear_outline_of_two_pixels(page):
    page.set_content(
        """<div style="background:#fff">
        <button id="none" style="outline:none">a</button>
        <button id="thin" style="outline:1px solid #000">b</button>
        <button id="faint" style="outline:3px solid #ddd">c</button>
        <button id="clear" style="outline:3px solid #0b3f78">d</button></div>"""
    )
    seen = {}
    for name in ("none", "thin", "faint", "clear"):
        page.focus(f"#{name}")
        seen[name] = page.evaluate(FOCUS_JS)["ok"]
    assert seen == {"none": False, "thin": False, "faint": False, "clear": True}


def test_names_check_finds_repeats_and_nameless_controls():
    snapshot = """
- group "1. A question":
  - radio "1 strongly disagree"
- textbox "Your reflection"
- textbox "Your reflection"
- button "Save to my journal: your reflection on “A”"
- button
- link "Find A Helpline":
  - /url: https://findahelpline.com
- link "Find A Helpline":
  - /url: https://findahelpline.com
"""
    names = accessible_names(snapshot)
    assert ("group", "1. A question") in names and ("radio", "1 strongly disagree") not in names
    assert duplicates(names) == [("textbox", "Your reflection")], "links to one place may repeat"
    assert unnamed(snapshot) == ["- button"]


def _walk_page(page, good: bool) -> list[str]:
    style = "outline:3px solid #0b3f78" if good else "outline:none"
    # what JupyterLab's notebook does to a control that does not keep its keys: takes the arrows
    steal = "e => { if (e.key.startsWith('Arrow')) e.preventDefault(); }"
    grab = "" if good else f"<script>document.addEventListener('keydown', {steal}, true);</script>"
    save = "" if good else "this.remove()"
    page.set_content(
        f"""<style>:focus-visible {{ {style} }}</style>
        <div class="jp-Notebook">
          <div class="jp-Cell jp-mod-active" tabindex="0">
            <div class="jp-Cell-outputArea"><div class="jp-OutputArea-output">
              <fieldset><legend>A question</legend>
                <label><input type="radio" name="q"> one</label>
                <label><input type="radio" name="q"> two</label>
              </fieldset>
              <label>Name <input type="text"></label>
              <button onclick="{save}">Save my answer</button>
            </div></div>
          </div>
          <div class="jp-Cell" tabindex="0"><a href="#">the next cell</a></div>
        </div>{grab}"""
    )
    cell = page.locator(".jp-Cell").first
    return walk_cell(page, cell, 0, "course.example()").problems


def test_the_keyboard_walk_reports_stolen_keys_hidden_focus_and_dropped_focus(page):
    problems = " | ".join(_walk_page(page, good=False))
    assert "chose nothing in the group" in problems
    assert "focus not visible on text" in problems
    assert "dropped the focus to the top of the page" in problems
    assert _walk_page(page, good=True) == []
