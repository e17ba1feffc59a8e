"""A learner with a keyboard only: Tab through each code cell's output, and complete every tool
with keys alone.

The walk starts where a keyboard user arrives at a cell (the cell itself, selected in command
mode) and presses Tab until the focus leaves the cell's output. At each stop it checks the focus
is visible, and does what a learner would: an arrow key on a radio group, a drop-down or a
slider (which must change it and keep the focus, and the notebook's selected cell, where they
were), Space on the first box of each group of checkboxes, some words in each empty text box,
and Enter on the buttons that complete a tool (never "Delete everything" and the like).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from course import partner

from .a11y import ACTIVE_JS, FOCUS_JS, SETTLE_JS

# Buttons the walk presses: the ones that complete a tool or that the issue names (Mark done,
# Remove, and the practice page's Check my sentence and Make my calendar file). Everything else
# (Refresh, Delete everything…, Start again, Next scene, Try:, stories) is a Tab stop the learner
# passes.
PRESS = re.compile(
    r"^(Save|Add to my|See where I sit|I have finished this module|Export my journal|Mark done|"
    r"Remove|✓ Green flag|Check my sentence|Make my calendar file|Make my share code|See us together)"
)
WORDS = {
    "Name, nickname or initials": "Robin K",
    "A small step": "Ask my sister how her week really went",
    "My first name or nickname (optional)": "Robin",
    "Their first name or nickname (optional)": "Alex",
    # partner mode: a real share code, typed key by key, as someone copying it by hand would
    "Paste the other person's share code": partner.encode(
        partner.make_share(["name", "avoider", "pursuer"], {"name": "Alex", "avoider": 5.56, "pursuer": 2.0})
    ),
}
MAX_STOPS = 400


@dataclass
class Stop:
    kind: str
    name: str
    did: str = ""


@dataclass
class CellWalk:
    cell: int
    source: str
    stops: list[Stop] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def tab_stops(self) -> int:
        return len(self.stops)


def _settle(page, area, quiet: int = 250, most: int = 5000) -> None:
    page.evaluate(SETTLE_JS, [area.element_handle(), quiet, most])


def walk_cell(page, cell, index: int, source: str) -> CellWalk:
    """Tab through one code cell's output, operating each control with keys."""
    result = CellWalk(index, source)
    area = cell.locator(".jp-Cell-outputArea")
    if area.locator("input, select, textarea, button, a, summary").count() == 0:
        return result
    area.scroll_into_view_if_needed()
    cell.evaluate("el => el.focus()")
    ticked_groups: set[int] = set()
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        here = page.evaluate(ACTIVE_JS)
        if here is None:
            result.problems.append("Tab dropped the focus to the top of the page")
            break
        if here["cell"] != index:
            break  # the focus has left this cell: the walk of this cell is done
        if not here["output"]:
            continue  # JupyterLab's own cell toolbar comes first: not the course's

        stop = Stop(here["kind"], here["name"])
        result.stops.append(stop)
        focus = page.evaluate(FOCUS_JS)
        if not focus["ok"]:
            result.problems.append(f"focus not visible on {stop.kind} “{stop.name}”: {focus}")
        stop.did = _operate(page, area, here, index, result, ticked_groups)
    else:
        result.problems.append(f"more than {MAX_STOPS} Tab stops: the walk never left the output")
    return result


def _operate(page, area, here: dict, index: int, result: CellWalk, ticked: set[int]) -> str:
    kind, name = here["kind"], here["name"]

    def after(action: str, expect_same_control: bool = True) -> str:
        now = page.evaluate(ACTIVE_JS)
        if now is None:
            result.problems.append(f"{action} on {kind} “{name}” dropped the focus to the top of the page")
        elif now["cell"] != index:
            result.problems.append(f"{action} on {kind} “{name}” sent the focus out of the output")
        elif expect_same_control and now["kind"] != kind:
            result.problems.append(f"{action} on {kind} “{name}” moved the focus to {now['kind']}")
        if now is not None and now["active"] != here["active"]:
            result.problems.append(f"{action} on {kind} “{name}” moved JupyterLab's cell selection")
        return action

    if kind == "radio":
        key = "ArrowDown"
        page.keyboard.press(key)
        now = page.evaluate(ACTIVE_JS)
        if not (now and now["kind"] == "radio" and now["checked"] and now["group"] == here["group"]):
            result.problems.append(f"{key} in radio group of “{name}” chose nothing in the group: {now}")
        _settle(page, area)
        return after(key)
    if kind == "select":
        before = here["value"]
        page.keyboard.press("ArrowDown")
        now = page.evaluate(ACTIVE_JS)
        if now is None or now["value"] == before:
            page.keyboard.press("ArrowUp")  # already on the last option
            now = page.evaluate(ACTIVE_JS)
        if now is None or now["value"] == before:
            result.problems.append(f"arrow keys did not change the drop-down “{name}”")
        _settle(page, area)
        return after("ArrowDown")
    if kind == "range":
        before = here["value"]
        page.keyboard.press("ArrowRight")
        now = page.evaluate(ACTIVE_JS)
        if now is None or now["value"] == before:
            page.keyboard.press("ArrowLeft")
            page.keyboard.press("ArrowLeft")
            now = page.evaluate(ACTIVE_JS)
        if now is None or now["value"] == before:
            result.problems.append(f"arrow keys did not move the slider “{name}”")
        _settle(page, area)
        return after("ArrowRight")
    if kind == "checkbox":
        if not here["first"] or here["group"] in ticked:
            return ""
        ticked.add(here["group"])
        page.keyboard.press("Space")
        now = page.evaluate(ACTIVE_JS)
        if not (now and now["checked"] != here["checked"]):
            result.problems.append(f"Space did not tick “{name}”")
        _settle(page, area)
        return after("Space")
    if kind in ("text", "textarea"):
        if here["value"]:
            return ""
        page.keyboard.type(WORDS.get(name, f"Typed with the keyboard in {name[:30]}"))
        return after("typing")
    if kind == "button" and PRESS.match(name):
        page.keyboard.press("Enter")
        _settle(page, area, quiet=400, most=8000)
        return after("Enter", expect_same_control=False)
    return ""
