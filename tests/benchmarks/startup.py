"""Where a module's start-up time goes: run it to see before adding anything to a module.

`make bench` reports each notebook's run time against a bare notebook (a ratio). This prints
what makes up the difference, for the modules named (default: every learner notebook):

- in a fresh Python, like a kernel's (IPython and ipykernel already loaded): the time of each
  code cell's call, the modules it imported, and the slowest imports of the first cell
  (``-X importtime``, cumulative);
- in a real kernel, as `make bench` runs it: how many widget models the notebook opens and how
  much state they carry (every model is one message from the kernel, each anywidget control
  carries its own JavaScript and style).

    .venv/bin/python tests/benchmarks/startup.py 02_fear_of_intimacy 03_avoider_and_pursuer

Times are from one run on a shared machine: read them as shares of the whole, not as figures
to compare between runs (`make bench` gives those).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Runs in a fresh Python: each code cell timed, as a kernel would run it.
_CELLS = r"""
import json, os, sys, time
import IPython.display, ipykernel.ipkernel, comm  # what a kernel has loaded before any cell
path = sys.argv[1]
os.chdir(os.path.dirname(path))
cells = [''.join(c['source']) for c in json.load(open(path))['cells'] if c['cell_type'] == 'code']
space, rows = {}, []
for source in cells:
    before, start = len(sys.modules), time.perf_counter()
    exec(compile(source, 'cell', 'exec'), space)
    rows.append([source.strip().splitlines()[-1], time.perf_counter() - start, len(sys.modules) - before])
print(json.dumps(rows))
"""


def cell_times(notebook: Path, env: dict[str, str]) -> list[tuple[str, float, int]]:
    out = subprocess.run(
        [sys.executable, "-c", _CELLS, str(notebook)], env=env, capture_output=True, text=True, check=True
    )
    return [tuple(row) for row in json.loads(out.stdout.strip().splitlines()[-1])]


_OURS = {"course", "ipywidgets", "anywidget", "yaml", "psygnal"}


def slowest_imports(notebook: Path, env: dict[str, str], most: int = 8) -> list[tuple[str, float]]:
    """The first cell's imports by cumulative time (the packages a kernel has not loaded yet)."""
    first = next(
        "".join(c["source"]) for c in json.loads(notebook.read_text())["cells"] if c["cell_type"] == "code"
    )
    code = f"import IPython.display, ipykernel.ipkernel, comm\n{first}"
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        env=env,
        cwd=notebook.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    seen = set()
    for line in out.stderr.splitlines():  # IPython's own imports come first: leave them out
        if not line.startswith("import time:") or "|" not in line:
            continue
        name = line.rsplit("|", 1)[1].strip()
        if name.split(".")[0] in _OURS:
            break
        seen.add(name)
    rows = []
    for line in out.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = (part.strip() for part in line.split(":", 1)[1].split("|"))
        top_level = name.count(".") <= 2 and name.split(".")[0] in _OURS
        if name not in seen and top_level:
            rows.append((name, int(cumulative) / 1e6))
    return sorted(rows, key=lambda r: -r[1])[:most]


def widget_models(notebook: Path, env: dict[str, str]) -> tuple[Counter, int]:
    """The widget models a real kernel opens for the notebook, and the bytes of their state."""
    import nbformat
    from nbclient import NotebookClient

    os.environ.update(env)
    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        store_widget_state=True,
        resources={"metadata": {"path": str(notebook.parent)}},
    )
    client.execute()
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    models = state.get("state", {})
    return Counter(m.get("model_name") for m in models.values()), len(json.dumps(models))


def main(names: list[str]) -> int:
    notebooks = [ROOT / "course" / f"{n}.ipynb" for n in names] or sorted(
        (ROOT / "course").glob("[0-9][0-9]_*.ipynb")
    )
    missing = [str(p) for p in notebooks if not p.is_file()]
    if missing:
        print(f"No such notebook: {', '.join(missing)}")
        return 2
    journal = tempfile.mkdtemp(prefix="closer-startup-")  # never the learner's own journal
    env = dict(os.environ, CLOSER_DATA_DIR=journal, PYTHONPATH=str(ROOT))
    for notebook in notebooks:
        rows = cell_times(notebook, env)
        total = sum(t for _, t, _ in rows)
        print(f"\n{notebook.stem}: the cells' own work {total * 1000:.0f} ms")
        for call, seconds, imported in rows:
            share = seconds / total if total else 0
            print(f"  {seconds * 1000:6.0f} ms {share:4.0%}  +{imported:3d} modules  {call[:70]}")
        print("  first cell's slowest imports (cumulative):")
        for name, seconds in slowest_imports(notebook, env):
            print(f"  {seconds * 1000:6.0f} ms  {name}")
        models, size = widget_models(notebook, env)
        print(f"  in a kernel: {sum(models.values())} widget models, {size / 1024:.0f} KB of state:")
        print("   " + ", ".join(f"{n} {name}" for name, n in models.most_common(6)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
