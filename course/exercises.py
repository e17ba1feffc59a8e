"""Helpers for the assignment notebooks, written for learners who are not programmers.

An answer is one plain line such as ``story_1 = "emotional"``. The visible check below
each answer says, in words, whether the answer is in a form that can be marked; it never
says whether it is right (hidden tests do that when the work is graded) and it never
shows a traceback, even when the answer cell has not been run yet.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from typing import Any

_MISSING = object()


def normalize(value: Any) -> str:
    """How answers are compared: case, surrounding spaces and stray quotes don't matter."""
    if not isinstance(value, str):
        return ""
    return " ".join(value.strip().strip("\"'“”‘’").split()).casefold()


def answer_matches(value: Any, expected: str) -> bool:
    """True when ``value`` is the expected answer, compared as :func:`normalize` does."""
    return bool(normalize(value)) and normalize(value) == normalize(expected)


def mark(value: Any, expected: str, explanation: str) -> None:
    """Hidden-test helper: print "✓ Right" with the explanation, or fail with it.

    The explanation is the learner's feedback either way; nbgrader's feedback shows the
    printed line for a right answer and the failure message for a wrong one.
    """
    if answer_matches(value, expected):
        print(f"✓ Right. {explanation}")
        return
    raise AssertionError(f"✗ Not quite. {explanation}")


def mark_any(value: Any, accepted: Sequence[str], explanation: str) -> None:
    """Like :func:`mark`, for a question with more than one fair answer (a feeling word
    that could sit under two core feelings, say): any of ``accepted`` earns the mark."""
    if isinstance(accepted, str) or not accepted:
        raise ValueError("Give the accepted answers as a non-empty list of strings.")
    if any(answer_matches(value, a) for a in accepted):
        print(f"✓ Right. {explanation}")
        return
    raise AssertionError(f"✗ Not quite. {explanation}")


def form_feedback(name: str, value: Any, allowed: Sequence[str]) -> tuple[str, str]:
    """(status, message) about an answer's form: "missing", "blank", "unknown" or "ok"."""
    choices = ", ".join(f'"{a}"' for a in allowed)
    if value is _MISSING:
        return (
            "missing",
            f"✎ {name}: no answer found yet. Run the answer cell above first "
            "(click in it, then press Shift+Enter), and then run this one.",
        )
    if not isinstance(value, str):
        return (
            "unknown",
            f'✗ {name}: put your answer inside quotes, like {name} = "{allowed[0]}". '
            f"Allowed answers: {choices}.",
        )
    if not normalize(value):
        return "blank", f"✎ {name}: not answered yet. Type one of {choices} between the quotes."
    if normalize(value) not in {normalize(a) for a in allowed}:
        return (
            "unknown",
            f'✗ {name}: "{value.strip()}" is not one of the allowed answers ({choices}). '
            "Check the spelling, then run the answer cell and this one again.",
        )
    return "ok", f'✓ {name}: "{value.strip()}" is a valid answer. It will be marked when your work is graded.'


def check(name: str, allowed: Sequence[str]) -> None:
    """Print whether the answer variable ``name`` is in a form that can be marked.

    Looks the variable up in the notebook's namespace, so a learner who has not run
    the answer cell gets a hint rather than a NameError.
    """
    frame = inspect.currentframe()
    caller = frame.f_back if frame is not None else None
    namespace = caller.f_globals if caller is not None else {}
    _, message = form_feedback(name, namespace.get(name, _MISSING), list(allowed))
    print(message)
