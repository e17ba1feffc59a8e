"""Helpers shared by the unit tests (pytest puts this folder on sys.path)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import ipywidgets as W
import nbformat

ROOT = Path(__file__).resolve().parent.parent


def walk(widget: W.Widget) -> Iterator[W.Widget]:
    """The widget and every widget inside it, depth first."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def html_text(widget: W.Widget) -> str:
    """All the HTML text a widget shows, joined: what a learner reads in it."""
    return " ".join(w.value for w in walk(widget) if isinstance(w, W.HTML))


def notebook_markdown(path: Path) -> str:
    """The markdown cells of a notebook, joined: the words a learner reads in it."""
    nb = nbformat.read(path, as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def course_markdown(name: str) -> str:
    """The markdown of course/<name>.ipynb."""
    return notebook_markdown(ROOT / "course" / f"{name}.ipynb")
