"""Reading a learner's answers without running their code.

An autograded answer in Closer is one plain line, ``story_1 = "experiential"``. Grading reads
that line as text: the right-hand side must be a literal (``ast.literal_eval``), so nothing a
learner writes can run while their work is graded. Whatever else the cell holds is set aside
and named in the report. The answer cell that runs is rebuilt from the values alone
(``story_1 = 'experiential'``), in a fresh interpreter that holds nothing else.

Careless but honest work still counts: curly quotes from a phone or a word processor
(``“experiential”``) are read as quotes, an answer line indented by mistake is still found,
and a line left as released (``story_1 = ""``) is a blank answer, not an error.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

# The longest answer line read; longer ones are set aside (answers are a word or a phrase).
MAX_LINE = 10_000
_ASSIGN = re.compile(r"^\s*(?P<name>[A-Za-z_]\w*)\s*[=＝]\s*(?P<value>.*?)\s*$")
_DOUBLE = '"“”„‟«»「」'
_SINGLE = "'‘’‚‛"
_OPEN = _CLOSE = _DOUBLE + _SINGLE


@dataclass
class Reading:
    """What an answer cell says: a value per expected name, and notes for the facilitator."""

    values: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def source(self) -> str:
        """The cell that runs in place of the learner's: one literal assignment per answer."""
        return "\n".join(f"{name} = {value!r}" for name, value in self.values.items())


def _text(source: str | Sequence[str]) -> str:
    return source if isinstance(source, str) else "".join(source)


def expected_names(released_source: str | Sequence[str]) -> list[str]:
    """The answer names in a released answer cell: every assignment at the start of a line."""
    names = []
    for line in _text(released_source).splitlines():
        match = _ASSIGN.match(line)
        if match and not line[:1].isspace() and match["name"] not in names:
            names.append(match["name"])
    return names


def _plain(value: Any) -> bool:
    """True when ``value`` can be written back as a literal that means the same thing."""
    try:
        return ast.literal_eval(repr(value)) == value
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False


def _literal(text: str) -> tuple[bool, Any]:
    """(True, value) when ``text`` is a Python literal, else (False, None)."""
    try:
        tree = ast.parse(f"_ = {text}", mode="exec")
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False, None
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assign):
        return False, None
    try:
        value = ast.literal_eval(tree.body[0].value)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False, None
    return (True, value) if _plain(value) else (False, None)


def _quoted(text: str) -> tuple[bool, str]:
    """Text between a leading quote mark and the last closing one, any kind of quote.

    Phones and word processors type “curly” quotes, which Python does not accept. What sits
    between them is the learner's answer, whatever follows the closing mark (a comment).
    """
    text = text.strip()
    if len(text) < 2 or text[0] not in _OPEN:
        return False, ""
    body = text[1:]
    end = max(body.rfind(mark) for mark in _CLOSE)
    if end < 0:
        return False, ""
    rest = body[end + 1 :].strip()
    if rest and not rest.startswith("#"):
        return False, ""
    inner = body[:end]
    for i, mark in enumerate(inner):
        # a double quote inside, or a single one that is not an apostrophe within a word
        # ("don’t"): two quoted pieces ("exp" + "eriential"), not one answer
        inside_word = 0 < i < len(inner) - 1 and inner[i - 1].isalpha() and inner[i + 1].isalpha()
        if mark in _DOUBLE or (mark in _SINGLE and not inside_word):
            return False, ""
    return True, inner


def read_value(text: str) -> tuple[bool, Any]:
    """The value on the right of an answer line: a literal, or quoted text in any quotes."""
    if len(text) > MAX_LINE:
        return False, None
    ok, value = _literal(text)
    if ok:
        return True, value
    return _quoted(text)


def read_answers(source: str | Sequence[str], names: Sequence[str], cell: str = "") -> Reading:
    """Each expected answer from an answer cell's text; nothing in the cell is run.

    A name without a readable answer line is a blank answer (``""``), which the hidden tests
    mark as unanswered. ``cell`` names the cell in the notes ("story_3").
    """
    reading = Reading({name: "" for name in names})
    where = cell or ", ".join(names) or "an answer"
    found: set[str] = set()
    unread: set[str] = set()
    other_code = False
    for line in _text(source).splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = _ASSIGN.match(line) if len(line) <= MAX_LINE else None
        if match is None or match["name"] not in names:
            other_code = True
            continue
        name = match["name"]
        ok, value = read_value(match["value"])
        if ok:
            reading.values[name] = value
            found.add(name)
            unread.discard(name)
        else:
            reading.values[name] = ""
            unread.add(name)
    for name in names:
        if name in unread:
            reading.notes.append(f"{name}'s answer is not a plain value in quotes, so it was marked as blank")
        elif name not in found:
            reading.notes.append(f"no answer line for {name}, so it was marked as blank")
    if other_code:
        reading.notes.append(f"code in {where}'s cell was not run; its answer line was marked")
    return reading


def same_notebook(released: list[Any], mine: dict[str, Any]) -> bool:
    """True when a hand-in is this notebook: most of its locked instruction cells read as released.

    Exercises share cell names (every one has an ``intro`` and a ``check_story_1``), so names
    alone cannot tell one exercise's notebook from another's; the instructions can.
    """
    ids = {(c.metadata.get("nbgrader") or {}).get("grade_id") for c in released}
    if mine and not set(mine) & ids:
        return False  # none of its graded cells are this notebook's
    # The instructions: locked cells other than the tests (a test cell is restored from the
    # gradebook anyway, and the instructor's own copy carries the hidden tests the release lacks).
    locked = [
        c
        for c in released
        if (meta := c.metadata.get("nbgrader") or {}).get("locked")
        and not (meta.get("grade") and not meta.get("solution"))
    ]
    same = sum(
        1
        for c in locked
        if c.metadata["nbgrader"]["grade_id"] in mine
        and _text(mine[c.metadata["nbgrader"]["grade_id"]].get("source", "")).strip()
        == _text(c.source).strip()
    )
    present = sum(1 for c in locked if c.metadata["nbgrader"]["grade_id"] in mine)
    return present == 0 or same * 2 >= present
