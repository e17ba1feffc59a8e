"""Strip outputs, execution counts and editor metadata from notebooks before committing.

Course authors edit notebooks in JupyterLab, which records outputs, widget state and
per-user metadata. Committed notebooks carry none of that: a learner's first run is
always fresh, and diffs show only the words. `make clean-notebooks` runs this; the
test suite fails on any notebook that is not clean.

Usage: python scripts/clean_notebooks.py [--check] PATH ...
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

import nbformat

KEEP_NOTEBOOK_METADATA = ("kernelspec", "language_info")
KEEP_LANGUAGE_INFO = ("name",)
# nbgrader's own keys (deletable and editable lock graded cells) and tags stay.
KEEP_CELL_METADATA = ("nbgrader", "deletable", "editable", "tags")


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A cleaned copy of ``nb``."""
    nb = copy.deepcopy(nb)
    meta = {k: v for k, v in nb.metadata.items() if k in KEEP_NOTEBOOK_METADATA}
    if "language_info" in meta:
        meta["language_info"] = {k: v for k, v in meta["language_info"].items() if k in KEEP_LANGUAGE_INFO}
    nb.metadata = nbformat.from_dict(meta)
    for cell in nb.cells:
        cell.metadata = nbformat.from_dict(
            {k: v for k, v in cell.metadata.items() if k in KEEP_CELL_METADATA}
        )
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        if "attachments" in cell and not cell["attachments"]:
            del cell["attachments"]
    return nb


def notebooks(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
        elif path.suffix == ".ipynb":
            found.append(path)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report, change nothing")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args(argv)
    dirty = 0
    for path in notebooks(args.paths):
        nb = nbformat.read(path, as_version=4)
        cleaned = clean(nb)
        if cleaned != nb:
            dirty += 1
            if args.check:
                print(f"not clean: {path}")
            else:
                nbformat.write(cleaned, path)
                print(f"cleaned: {path}")
    return 1 if args.check and dirty else 0


if __name__ == "__main__":
    sys.exit(main())
