"""`make lite`: Closer's browser edition, a static JupyterLite site in `_site/`.

JupyterLab and a Python kernel (Pyodide) run in the learner's browser from static files:
nothing to install, no server, the journal kept in the browser's own storage. Everything the
site needs is served by the site itself, so it never fetches from a CDN and works offline
once loaded:

- Pyodide's core (the WebAssembly interpreter and the standard library) from npm's `pyodide`
  package, pinned by version and checksum;
- the pure-Python wheels the kernel loads (`lite/requirements.txt`, pinned with hashes, from
  PyPI), the kernel's own wheels from the installed jupyterlite-pyodide-kernel, and a wheel of
  the course package built here, whose data files are JSON (the browser has no YAML parser);
- a Pyodide lock file listing exactly those wheels, every one preloaded when the kernel starts
  (without IPython's terminal or jedi, and with a few checked changes to third-party code so the
  kernel starts sooner: SOURCE_PATCHES, LEFT_OUT);
- all of that Python compiled to bytecode ahead of time, by Pyodide itself run in Node
  (lite/precompile.py says why: a kernel start took twice as long without it);
- the lab extensions for the kernel, ipywidgets, anywidget and plotly, from this environment
  (so the kernel's ipywidgets and anywidget must be the versions installed here);
- the learner's notebooks: `course/` without the facilitators' two, and `exercises/` (the
  learner edition: never `solutions/`).

Downloads are cached in `.cache/lite/`. The site is built next to `_site/` and swapped in whole,
so a failed build never leaves half a site behind.

    python scripts/build_lite.py              # build _site/
    python scripts/build_lite.py --out DIR    # build somewhere else
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "lite"
SITE = ROOT / "_site"
REQUIREMENTS = ROOT / "lite" / "requirements.txt"
PRECOMPILE = ROOT / "lite" / "precompile.mjs"
OVERRIDES = ROOT / "config" / "lab-overrides.json"

# npm's `pyodide` package: the version jupyterlite-pyodide-kernel 0.8.6 was made for.
PYODIDE_VERSION = "314.0.6"
PYODIDE_INTEGRITY = (
    "sha512-BKDTJyIqFxC4BExLqeRS3f5xvXZIjOt8C3zGLN/Cc7tFxSwvKVhVkchQQ2AGLOtR4YrVOIFxbV8poyDOOmWwxQ=="
)
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
PYTHON = "3.14"
# How Pyodide's Python answers environment markers (for the wheels' own requirements).
BROWSER_MARKERS = {
    "python_version": PYTHON,
    "python_full_version": f"{PYTHON}.2",
    "sys_platform": "emscripten",
    "platform_system": "Emscripten",
    "platform_machine": "wasm32",
    "os_name": "posix",
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
}
# Requirements the kernel goes without: the lab-side halves of ipywidgets, which the site
# bundles as lab extensions instead.
LAB_SIDE = {"jupyterlab-widgets", "widgetsnbextension"}
# The lab extensions the site bundles (nothing else from this environment, such as nbgrader's).
EXTENSIONS = (
    "@jupyterlite/pyodide-kernel-extension",
    "@jupyter-widgets/jupyterlab-manager",
    "anywidget",
    "jupyterlab-plotly",
)
# Requirements of IPython the browser kernel goes without: its terminal (prompt_toolkit, wcwidth)
# and jedi's completions (jedi, parso). Importing them was about half of the kernel's own import
# (`import pyodide_kernel`, 1-2 s in Pyodide, 0.5 s without); completion uses IPython's own
# matchers instead (course/browser.py, and the kernel's patch below).
NOT_IN_BROWSER = {"jedi", "parso", "prompt-toolkit", "wcwidth"}
# Changes to third-party Python for the browser, each found exactly once or the build stops:
# {canonical name: {file in the wheel: [(old, new), ...]}}.
SOURCE_PATCHES = {
    # `import IPython` imported its terminal (prompt_toolkit) for `IPython.embed` alone.
    "ipython": {
        "IPython/__init__.py": [
            ("from .terminal.embed import embed\n", ""),
            (
                "def start_ipython(",
                "def __getattr__(name):\n"
                "    # closer: the terminal is imported when asked for, not by `import IPython`\n"
                "    if name == 'embed':\n"
                "        from .terminal.embed import embed\n"
                "        return embed\n"
                "    raise AttributeError(f'module {__name__!r} has no attribute {name!r}')\n\n\n"
                "def start_ipython(",
            ),
        ]
    },
    # The kernel imports piplite (for %pip) at start-up, which imported micropip and unittest.mock
    # (0.2-0.7 s of every kernel start); they are imported when %pip is first used instead.
    "piplite": {
        "piplite/piplite.py": [
            (
                "from unittest.mock import patch\n\n"
                "import micropip\n"
                "from micropip.package_index import CompatibilityLayer, ProjectInfo\n"
                "from micropip.package_index import query_package as _MP_QUERY_PACKAGE\n",
                "class _Later:\n"
                "    # closer: a module or a name in it, imported on first use\n"
                "    def __init__(self, module, name=None):\n"
                "        self._module, self._name = module, name\n\n"
                "    def _get(self):\n"
                "        import importlib\n\n"
                "        module = importlib.import_module(self._module)\n"
                "        return module if self._name is None else getattr(module, self._name)\n\n"
                "    def __getattr__(self, attr):\n"
                "        return getattr(self._get(), attr)\n\n"
                "    def __call__(self, *args, **kwargs):\n"
                "        return self._get()(*args, **kwargs)\n\n\n"
                "patch = _Later('unittest.mock', 'patch')\n"
                "micropip = _Later('micropip')\n"
                "CompatibilityLayer = _Later('micropip.package_index', 'CompatibilityLayer')\n"
                "ProjectInfo = _Later('micropip.package_index', 'ProjectInfo')\n"
                "_MP_QUERY_PACKAGE = _Later('micropip.package_index', 'query_package')\n",
            )
        ]
    },
    # The kernel asked for jedi's completions, which need jedi (not shipped).
    "pyodide-kernel": {
        "pyodide_kernel/interpreter.py": [
            ("self.Completer.use_jedi = True", "self.Completer.use_jedi = False  # closer: no jedi"),
        ]
    },
}
# Pygments' lexers the browser kernel keeps: Python's (tracebacks, `?` help, the only one a kernel
# start imports), the plain-text fallback, and those IPython's own lexers build on. The other 240
# modules were a quarter of the files unpacked at every kernel start, for languages a learner never
# highlights here (a lexer left out raises ImportError when asked for by name).
PYGMENTS_LEXERS = {
    *("__init__", "_mapping", "python", "special"),
    *("css", "_css_builtins", "data", "html", "javascript", "jvm", "lilypond", "_lilypond_builtins"),
    *("lisp", "_scheme_builtins", "markup", "perl", "ruby", "shell"),
}
LEFT_OUT = {
    "pygments": lambda name: (
        name.startswith("pygments/lexers/")
        and name.rsplit("/", 1)[1].removesuffix(".py") not in PYGMENTS_LEXERS
    ),
}
# The kernel installs jedi at start-up unless the preloaded packages name it; it is not shipped.
KERNEL_WANTS_JEDI = '["ipykernel","comm","pyodide-kernel","jedi","ipython"]'
KERNEL_WITHOUT_JEDI = '["ipykernel","comm","pyodide-kernel","ipython"]'
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
KERNEL_WHEELS = ("ipykernel", "piplite", "pyodide_kernel")
WELCOME = "course/00_welcome.ipynb"
# The packages the site must hold with the same version as this environment's lab extensions.
PINNED_TO_LAB = ("ipywidgets", "anywidget")

HAND_IN_CELL = "before_you_hand_in"
HAND_IN_NOTE = (
    "\n\n**In the browser edition** (Closer opened from its web address, with nothing installed): "
    "there is no Assignments tab. Save the notebook, download it with **File → Download**, and "
    "send the file to your facilitator the way they ask. Marking (nbgrader) happens in the "
    "course's server editions; the checks under each answer work here too."
)


sys.path.insert(0, str(ROOT / "scripts"))  # learner_edition: what learners may have


class BuildError(SystemExit):
    """The site cannot be built; the message says why and what to do."""


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------------------
# What the site is made of
# --------------------------------------------------------------------------------------


def fetch_pyodide() -> Path:
    """Pyodide's core files from npm (cached, checked against the pinned checksum)."""
    folder = CACHE / f"pyodide-{PYODIDE_VERSION}"
    if all((folder / f).is_file() for f in (*PYODIDE_FILES, "pyodide-lock.json")):
        return folder
    npm = shutil.which("npm")
    if npm is None:
        raise BuildError("npm is needed to fetch Pyodide for the browser edition (apt-get install -y npm).")
    tarball = CACHE / "npm" / f"pyodide-{PYODIDE_VERSION}.tgz"
    if not tarball.is_file():
        tarball.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                npm,
                "pack",
                f"pyodide@{PYODIDE_VERSION}",
                "--pack-destination",
                str(tarball.parent),
                "--silent",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        )
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if digest != PYODIDE_INTEGRITY:
        tarball.unlink()
        raise BuildError(f"{tarball.name} does not match its pinned checksum; it was deleted, run again.")
    partial = folder.with_suffix(".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    with tarfile.open(tarball) as tar:
        for name in (*PYODIDE_FILES, "pyodide-lock.json"):
            source = tar.extractfile(f"package/{name}")
            if source is None:
                raise BuildError(f"npm's pyodide {PYODIDE_VERSION} has no {name}.")
            (partial / name).write_bytes(source.read())
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)
    return folder


def pinned_requirements() -> dict[str, tuple[str, str]]:
    """lite/requirements.txt as {canonical name: (version, sha256)}."""
    pins = {}
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        found = re.fullmatch(r"([A-Za-z0-9_.\-]+)==(\S+)\s+--hash=sha256:([0-9a-f]{64})", line)
        if not found:
            raise BuildError(f"{REQUIREMENTS.name}: expected 'name==version --hash=sha256:...', got {line!r}")
        pins[canonical(found[1])] = (found[2], found[3])
    return pins


def check_lab_pins(pins: dict[str, tuple[str, str]]) -> None:
    """The kernel's ipywidgets and anywidget must be the ones whose lab extensions the site
    bundles: a mismatch breaks widgets without a word."""
    for name in PINNED_TO_LAB:
        here = metadata.version(name)
        if pins[name][0] != here:
            raise BuildError(
                f"{REQUIREMENTS.name} pins {name}=={pins[name][0]}, but this environment (whose lab "
                f"extension the site bundles) has {name} {here}. Make them equal."
            )


def fetch_wheels(pins: dict[str, tuple[str, str]]) -> list[Path]:
    """The pinned wheels from PyPI (cached; pip checks every hash)."""
    folder = CACHE / "wheels"
    folder.mkdir(parents=True, exist_ok=True)

    def cached() -> dict[str, Path]:
        by_hash = {sha256(p): p for p in folder.glob("*.whl")}
        return {name: by_hash[digest] for name, (_, digest) in pins.items() if digest in by_hash}

    found = cached()
    if len(found) < len(pins):
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes",
             "--only-binary=:all:", "--platform", "any", "--python-version", PYTHON,
             "--implementation", "py", "--abi", "none", "--dest", str(folder), "-r", str(REQUIREMENTS)],
            check=True,
            stdin=subprocess.DEVNULL,
        )  # fmt: skip
        found = cached()
    missing = sorted(set(pins) - set(found))
    if missing:
        raise BuildError(f"pip did not bring these pinned wheels: {', '.join(missing)}")
    return [found[name] for name in pins]


def labextension(name: str) -> Path:
    folder = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / name
    if not (folder / "package.json").is_file():
        raise BuildError(f"The lab extension {name} is not installed here (`make .venv/.installed-lite`).")
    return folder


def kernel_wheels() -> list[Path]:
    """The kernel's own wheels, as the installed jupyterlite-pyodide-kernel ships them."""
    pypi = labextension("@jupyterlite/pyodide-kernel-extension") / "static" / "pypi"
    wheels = []
    for name in KERNEL_WHEELS:
        matches = sorted(pypi.glob(f"{name}-*-py3-none-any.whl"))
        if len(matches) != 1:
            raise BuildError(f"Expected one {name} wheel in {pypi}, found {len(matches)}.")
        wheels.append(matches[0])
    return wheels


def patch_wheel(wheel: Path, folder: Path) -> Path:
    """``wheel`` with SOURCE_PATCHES applied and LEFT_OUT left out (a copy in ``folder``), or
    ``wheel`` itself if neither has anything for it. Its RECORD is rewritten by the bytecode
    compiler afterwards."""
    name = canonical(wheel.name.split("-", 1)[0])
    patches = SOURCE_PATCHES.get(name, {})
    left_out = LEFT_OUT.get(name, lambda _: False)
    if not patches and name not in LEFT_OUT:
        return wheel
    with zipfile.ZipFile(wheel) as zf:
        entries = [(info, zf.read(info)) for info in zf.infolist() if not left_out(info.filename)]
    missing = set(patches) - {info.filename for info, _ in entries}
    if missing:
        raise BuildError(f"{wheel.name} has no {', '.join(sorted(missing))} to patch: update SOURCE_PATCHES.")
    target = folder / wheel.name
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in entries:
            for old, new in patches.get(info.filename, []):
                text = data.decode("utf-8")
                if text.count(old) != 1:
                    raise BuildError(
                        f"{wheel.name}:{info.filename} has changed: update SOURCE_PATCHES ({old!r})."
                    )
                data = text.replace(old, new).encode("utf-8")
            zout.writestr(info, data)
    return target


def precompile(core: Path, archives: list[tuple[Path, str, bool]]) -> dict[Path, Path]:
    """Bytecode-compiled copies of ``archives`` ((path, "stdlib" or "wheel", keep sources)),
    made by Pyodide in Node (lite/precompile.py) and cached by what went into them."""
    cache = CACHE / "compiled"
    cache.mkdir(parents=True, exist_ok=True)
    recipe = hashlib.sha256(PYODIDE_VERSION.encode())
    for part in (PRECOMPILE, PRECOMPILE.with_suffix(".py")):
        recipe.update(part.read_bytes())
    done, jobs = {}, []
    for path, kind, keep in archives:
        key = hashlib.sha256(recipe.digest() + path.read_bytes() + f"{kind}{keep}".encode()).hexdigest()[:24]
        target = cache / f"{key}-{path.name}"
        done[path] = target
        if not target.is_file():
            jobs.append(
                {"kind": kind, "keep_sources": keep, "src": str(path), "dst": str(target) + ".partial"}
            )
    if jobs:
        node = shutil.which("node")
        if node is None:
            raise BuildError(
                "Node.js is needed to compile the browser edition's Python (apt-get install -y nodejs)."
            )
        (cache / "jobs.json").write_text(json.dumps(jobs), encoding="utf-8")
        subprocess.run(
            [node, str(PRECOMPILE), str(core), str(cache / "jobs.json")], check=True, stdin=subprocess.DEVNULL
        )
        for job in jobs:
            Path(job["dst"]).rename(job["dst"].removesuffix(".partial"))
    return done


def data_as_json(data_dir: Path) -> dict[str, str]:
    """Every course/data/*.yaml as JSON text, keyed by the JSON file's name. The browser has no
    YAML parser; course.schema reads these there, with the same checks and messages."""
    import yaml

    return {
        f"{path.stem}.json": json.dumps(
            yaml.safe_load(path.read_text(encoding="utf-8")), ensure_ascii=False, separators=(",", ":")
        )
        for path in sorted(data_dir.glob("*.yaml"))
    }


def _project() -> dict:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def course_wheel(folder: Path) -> Path:
    """A wheel of the course package for the browser: its Python modules and its data as JSON."""
    project = _project()
    version = project["version"]
    dist = f"closer_course-{version}"
    files: dict[str, bytes] = {}
    for path in sorted((ROOT / "course").rglob("*.py")):
        if "__pycache__" not in path.parts:
            files[path.relative_to(ROOT).as_posix()] = path.read_bytes()
    for name, text in data_as_json(ROOT / "course" / "data").items():
        files[f"course/data/{name}"] = text.encode("utf-8")
    files[f"{dist}.dist-info/METADATA"] = (
        f"Metadata-Version: 2.1\nName: closer-course\nVersion: {version}\n"
        f"Summary: {project['description']}\nRequires-Python: >=3.10\n"
        # what the course imports in the browser (its other requirements are for servers)
        "Requires-Dist: ipywidgets\nRequires-Dist: anywidget\nRequires-Dist: icalendar\n"
    ).encode()
    files[f"{dist}.dist-info/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: closer build_lite\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    files[f"{dist}.dist-info/top_level.txt"] = b"course\n"
    record = "".join(
        f"{name},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},"
        f"{len(data)}\n"
        for name, data in files.items()
    )
    files[f"{dist}.dist-info/RECORD"] = (record + f"{dist}.dist-info/RECORD,,\n").encode()
    wheel = folder / f"{dist}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return wheel


def wheel_entry(wheel: Path) -> tuple[dict, list[str]]:
    """A Pyodide lock entry for ``wheel``, and its requirements (unfiltered)."""
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA") and n.count("/") == 1)
        meta = Parser().parsestr(zf.read(meta_name).decode("utf-8"))
    tops = set()
    for name in names:
        top = name.split("/", 1)[0]
        if top.endswith((".dist-info", ".data")):
            continue
        if "/" in name and name.endswith("/__init__.py") and name.count("/") == 1:
            tops.add(top)
        elif "/" not in name and name.endswith(".py"):
            tops.add(name[:-3])
    entry = {
        "name": canonical(meta["Name"]),
        "version": meta["Version"],
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": sha256(wheel),
        "package_type": "package",
        "imports": sorted(tops),
        "depends": [],
        "unvendored_tests": False,
    }
    return entry, meta.get_all("Requires-Dist") or []


def pyodide_lock(wheels: list[Path], core_lock: dict) -> dict:
    """A lock file holding exactly the site's wheels, each with the dependencies it needs in
    the browser. A requirement the site does not ship stops the build."""
    from packaging.requirements import Requirement

    entries, requires = {}, {}
    for wheel in wheels:
        entry, reqs = wheel_entry(wheel)
        entries[entry["name"]] = entry
        requires[entry["name"]] = reqs
    for name, entry in entries.items():
        for text in requires[name]:
            req = Requirement(text)
            if req.marker is not None and not req.marker.evaluate({**BROWSER_MARKERS, "extra": ""}):
                continue
            dep = canonical(req.name)
            if dep in LAB_SIDE or dep in NOT_IN_BROWSER:
                continue
            if dep not in entries:
                raise BuildError(
                    f"{name} needs {text!r}, which the site does not ship; add it to lite/requirements.txt."
                )
            if entries[dep]["version"] not in req.specifier:
                raise BuildError(f"{name} needs {text!r}; the site ships {dep} {entries[dep]['version']}.")
            entry["depends"].append(dep)
    return {"info": core_lock["info"], "packages": dict(sorted(entries.items()))}


# The browser kernel as JupyterLab learns of it (the kernel's kernel_info, in its own script). The
# modules carry it from the start: JupyterLab otherwise rewrote each module's kernel and language
# as the kernel started (reconfiguring every code cell's editor just as the learner's first cell
# was to run, marking the module changed, and logging "No exact match found for python").
# Exercises keep theirs: they go back to a server to be marked.
BROWSER_KERNELSPEC = {"display_name": "Python (Pyodide)", "language": "python", "name": "python"}
BROWSER_LANGUAGE_INFO = {
    "codemirror_mode": {"name": "python", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
    "version": "3.8",
}


def js_literal(value: Any) -> str:
    """``value`` as a minifier writes it in JavaScript ({name:"python",version:3})."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{k}:{js_literal(v)}" for k, v in value.items()) + "}"
    return json.dumps(value)


def check_kernel_info(site: Path) -> None:
    """BROWSER_KERNELSPEC and BROWSER_LANGUAGE_INFO are what the site's kernel says of itself."""
    static = site / "extensions" / "@jupyterlite" / "pyodide-kernel-extension" / "static"
    scripts = [p.read_text(encoding="utf-8") for p in static.glob("*.js")]
    info = f"language_info:{js_literal(BROWSER_LANGUAGE_INFO)}"
    spec = f'name:"{BROWSER_KERNELSPEC["name"]}",display_name:"{BROWSER_KERNELSPEC["display_name"]}"'
    if not any(info in text for text in scripts) or not any(spec in text for text in scripts):
        raise BuildError(
            "The browser kernel describes itself differently: "
            "update BROWSER_KERNELSPEC or BROWSER_LANGUAGE_INFO."
        )


def stage_contents(folder: Path) -> None:
    """The learner's notebooks: course/ as the learner edition has it (with the browser kernel's
    name and language, BROWSER_KERNELSPEC), and every exercise with a word on handing in from
    the browser."""
    from learner_edition import LEFT_OUT

    (folder / "course").mkdir(parents=True)
    for path in sorted((ROOT / "course").glob("*.ipynb")):
        if f"course/{path.name}" not in LEFT_OUT:
            nb = json.loads(path.read_text(encoding="utf-8"))
            nb["metadata"]["kernelspec"] = BROWSER_KERNELSPEC
            nb["metadata"]["language_info"] = BROWSER_LANGUAGE_INFO
            text = json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
            (folder / "course" / path.name).write_text(text, encoding="utf-8")
    for path in sorted((ROOT / "exercises").glob("*/*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = [c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == HAND_IN_CELL]
        if len(cells) != 1:
            raise BuildError(
                f"{path.relative_to(ROOT)} has no '{HAND_IN_CELL}' cell to add the browser note to."
            )
        source = cells[0]["source"]
        cells[0]["source"] = ("".join(source) if isinstance(source, list) else source) + HAND_IN_NOTE
        target = folder / path.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def check_site(site: Path, staged: Path) -> None:
    """The site is the learner edition: its files are the staged notebooks and nothing else, and
    no file of it (the notebooks, the course's wheel) holds an answer from solutions/."""
    from learner_edition import MARKERS, secrets

    files = sorted(
        p.relative_to(site / "files").as_posix() for p in (site / "files").rglob("*") if p.is_file()
    )
    wanted = sorted(p.relative_to(staged).as_posix() for p in staged.rglob("*") if p.is_file())
    if files != wanted:
        raise BuildError(
            f"The site's files are not the learner's notebooks: {sorted(set(files) ^ set(wanted))}"
        )
    texts = [(f"files/{name}", (site / "files" / name).read_text(encoding="utf-8")) for name in files]
    for wheel in (site / "static" / "pyodide").glob("closer_course-*.whl"):
        with zipfile.ZipFile(wheel) as zf:
            texts += [
                (f"{wheel.name}:{n}", zf.read(n).decode("utf-8"))
                for n in zf.namelist()
                if n.endswith((".py", ".json"))
            ]
    answers = secrets(ROOT)
    bad = [
        f"{name}: {mark}"
        for name, text in texts
        if name.endswith(".ipynb")
        for mark in MARKERS
        if mark in text
    ]
    bad += [f"{name}: {line[:60]}" for name, text in texts for line in answers if line in text]
    if bad:
        raise BuildError("The site would give answers away:\n  " + "\n  ".join(bad))


# JupyterLab's parts a learner has no use for in the browser edition, left out: each one was
# loaded, had its settings checked against its schema and was started on every visit, on the
# same thread that shows the notebook. There is no terminal, language server, debugger or
# extension installer without a server; no CSV files, cell tags or metadata forms in the course;
# no AI inline completions; and the news and forum links reach beyond the site. (A part that
# needs a left-out one is left out with it: JupyterLab would log that it failed to start.)
DISABLED_IN_BROWSER = [
    "@jupyterlab/terminal-extension",
    "@jupyterlab/lsp-extension",
    "@jupyterlite/application-extension:lsp-connection-manager",
    "@jupyterlab/fileeditor-extension:language-server",
    "@jupyterlab/notebook-extension:language-server",
    "@jupyterlab/debugger-extension",
    "@jupyterlab/extensionmanager-extension",
    "@jupyterlab/pluginmanager-extension",
    "@jupyterlab/csvviewer-extension",
    "@jupyterlab/celltags-extension",
    "@jupyterlab/metadataform-extension",
    "@jupyterlab/notebook-extension:update-raw-mimetype",
    "@jupyterlab/completer-extension:inline-completer",
    "@jupyterlab/apputils-extension:announcements",
    "@jupyterlab/help-extension:jupyter-forum",
    "@jupyterlab/help-extension:launch-classic",
]


def site_config(lock: dict) -> dict:
    """jupyter-lite.json: the kernel loads Pyodide and every wheel from the site, never PyPI."""
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Closer",
            "disabledExtensions": DISABLED_IN_BROWSER,
            "litePluginSettings": {
                KERNEL_PLUGIN: {
                    "pyodideUrl": "./static/pyodide/pyodide.mjs",
                    "disablePyPIFallback": True,
                    "loadPyodideOptions": {"packages": list(lock["packages"])},
                }
            },
        },
    }


# --------------------------------------------------------------------------------------
# The build
# --------------------------------------------------------------------------------------

# The site's address opens the welcome notebook. The root page stays JupyterLite's own (every
# page reads its configuration from it); only the script that sends a visitor on changes.
ROOT_SCRIPT = "await import('./config-utils.js');"
# JupyterLite's service worker answers the kernel's file requests (its drive). With its cache off
# (the default) it also passed every other request on with a fetch of its own: no gain, twice the
# work, and the browser then keeps no compiled code for scripts and WebAssembly between visits. It
# now leaves those to the browser; the drive's requests are answered as before.
SW_PASS_ON = "shouldDrop(t,a)||(n=maybeFromCache(e))"
SW_LEAVE = "shouldDrop(t,a)||!enableCache||(n=maybeFromCache(e))"
# Even so, every request the page and the kernel made (a hundred and fifty before the first widget)
# first woke the service worker and waited for its answer. Where the browser can route requests
# itself (Chromium's static routing), everything but the kernel's drive (under api/) now goes
# straight to the network and the browser's cache (unless the site turns the worker's own cache
# on); elsewhere nothing changes.
SW_INSTALL = "function onInstall(e){self.skipWaiting(),e.waitUntil(cacheAll())}"
SW_ROUTED = (
    "function onInstall(e){self.skipWaiting(),e.waitUntil(Promise.all([cacheAll(),e.addRoutes&&"
    '"true"!==new URL(location.href).searchParams.get("enableCache")?'
    'e.addRoutes({condition:{not:{urlPattern:new URLPattern({pathname:"*/api/*"})}},source:"network"})'
    ".catch(()=>{}):null]))}"
)


# JupyterLab checks every part's settings against its schema as the page opens, compiling each
# schema (twice) into JavaScript with ajv, whose default is to optimise the code it writes: that
# optimising was about a third of the compiling. Each check runs a handful of times per visit, so
# the page now asks ajv for plain code (the same checks, the same defaults filled in).
SETTINGS_AJV = "g={strict:!1};class A{constructor(){this._composer="
SETTINGS_AJV_PLAIN = "g={strict:!1,code:{optimize:!1}};class A{constructor(){this._composer="


# A notebook's kernel is asked for only once JupyterLab has checked for the notebook's checkpoint
# (saved copy), and made one if there was none: two or three round trips to the browser's storage
# while the page is busy drawing the notebook, 0.2-0.6 s of a return visit's start. Nothing in the
# kernel's start needs the checkpoint, so the page now asks for the kernel first.
SESSION_AFTER_CHECKPOINT = (
    "async _populate(){if(this._isPopulated=!0,this._isReady=!0,this._populatedPromise.resolve(void 0),"
    "await this._maybeCheckpoint(!1),this.isDisposed)return;"
)
SESSION_INIT = (
    "this.sessionContext.initialize().then(n=>{n&&this._dialogs.selectKernel(this.sessionContext)})}"
)
SESSION_FIRST = [
    (
        SESSION_AFTER_CHECKPOINT,
        "async _populate(){if(this._isPopulated=!0,this._isReady=!0,this._populatedPromise.resolve(void 0),"
        "this.isDisposed)return;",
    ),
    (SESSION_INIT, SESSION_INIT.removesuffix("}") + ";await this._maybeCheckpoint(!1)}"),
]
# Each part's settings were compiled into two checks: one of the learner's own settings alone, and
# one that fills in the defaults and checks the result (which is what JupyterLab keeps). The
# second also checks every value the learner set, so the page now compiles and runs only that
# one: half the compiling as the page opens. (A learner's settings that lack a required value
# its default supplies now pass; no part of this site requires one.)
SETTINGS_TWO_CHECKS = [
    (
        "validateData(n,i=!0){let o,r=this._validator.getSchema(n.id),s=this._composer.getSchema(n.id);"
        "if(!r||!s)return",
        "validateData(n,i=!0){let o,s=this._composer.getSchema(n.id);if(!s)return",
    ),
    ("if(!r(o))return r.errors;let a=m(o);return s(a)?", "let a=m(o);return s(a)?"),
]
CORE_PATCHES = {
    "SETTINGS_AJV": [(SETTINGS_AJV, SETTINGS_AJV_PLAIN)],
    "SETTINGS_TWO_CHECKS": SETTINGS_TWO_CHECKS,
    "SESSION_FIRST": SESSION_FIRST,
}


def patch_core(site: Path) -> None:
    """CORE_PATCHES in JupyterLab's core script, each found exactly once or the build stops."""
    scripts = list((site / "build").glob("jlab_core.*.js"))
    if len(scripts) != 1:
        raise BuildError(f"Expected one JupyterLab core script in {site / 'build'}, found {len(scripts)}.")
    text = scripts[0].read_text(encoding="utf-8")
    for name, edits in CORE_PATCHES.items():
        for old, new in edits:
            if text.count(old) != 1:
                raise BuildError(f"JupyterLab's core script has changed: update {name} in build_lite.py.")
            text = text.replace(old, new)
    scripts[0].write_text(text, encoding="utf-8")


# The kernel reaches the browser's storage (its drive, where the journal lives) only if the page's
# service worker was registered when the kernel was made; a kernel made a moment earlier gets no
# drive, and the journal then went to memory and was lost at the next reload. JupyterLite made
# that moment likely on a learner's second visit: it took the missing record of the service
# worker's version (written only from the second visit on) for a new version, and unregistered
# and registered the worker again while the page started. Now the kernel waits for the
# registration (at most SW_WAIT_MS; a browser without service workers, as in some private
# windows, then gets a kernel without a drive and the course says so), and only a recorded,
# different version counts as new.
SW_KERNEL_WAIT = "create:async e=>{let{PyodideKernel:t}="
SW_WAIT_MS = 5000
SW_KERNEL_WAITED = (
    "create:async e=>{{i&&!i.enabled&&await Promise.race([i.ready,new Promise(r=>setTimeout(r,{ms}))])"
    ".catch(()=>{{}});let{{PyodideKernel:t}}="
)
SW_NEW_VERSION = re.compile(r'if\((\w+)&&\1!==(\w+)\|\|!\1\)\{console\.info\("New version, unregistering')
SW_NEW_VERSION_ONLY = r'if(\1&&\1!==\2){console.info("New version, unregistering'


def drive_fixes(site: Path) -> None:
    """SW_KERNEL_WAIT and SW_NEW_VERSION in the site's scripts, each where expected or the build stops."""
    scripts = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.js") if p.is_file()}
    plugins = [p for p, text in scripts.items() if SW_KERNEL_WAIT in text]
    managers = [p for p, text in scripts.items() if "New version, unregistering" in text]
    if len(plugins) != 1 or scripts[plugins[0]].count(SW_KERNEL_WAIT) != 1 or not managers:
        raise BuildError("JupyterLite's kernel plugin has changed: update SW_KERNEL_WAIT in build_lite.py.")
    text = scripts[plugins[0]].replace(SW_KERNEL_WAIT, SW_KERNEL_WAITED.format(ms=SW_WAIT_MS))
    plugins[0].write_text(text, encoding="utf-8")
    for path in managers:
        text, count = SW_NEW_VERSION.subn(SW_NEW_VERSION_ONLY, scripts[path])
        if count != 1:
            raise BuildError(
                f"JupyterLite's service worker manager ({path.name}) has changed: update SW_NEW_VERSION."
            )
        path.write_text(text, encoding="utf-8")


# The page starts the kernel only once JupyterLab has loaded and opened the notebook: two seconds
# and more on a return visit, three on a first, with nothing else for the second core to do.
# When the page opens a notebook (the site's address does), a script at the top of the page starts
# the kernel's own worker at once and has it load Python and every wheel, and import the kernel's
# own Python and the widget libraries (EARLY_IMPORTS), while JupyterLab loads; the kernel then
# takes that worker instead of starting one, and finishes its start (the drive, the kernel
# itself) as before. A worker nobody takes (a page closed early) goes with the page; a kernel
# restart starts afresh.
LAB_CONFIG = '<script id="jupyter-config-data"'
# The worker: a message from the page starts its runtime early, and the kernel's own start then
# waits for that runtime rather than loading a second one (or loads its own if the early one failed).
# The listener goes in before comlink's (which would answer the message), inside the declaration
# that makes the worker's one instance.
WORKER_EXPOSE = re.compile(r"(\w+)=new (\w+);(\w+)\(\1\);export\{")
# The early start puts the wheels' files in place from one archive (SITE_BUNDLE) rather than
# having Pyodide unpack each wheel in Python (about a second of the worker's time, on a machine
# whose other core is busy starting JupyterLab); if that fails, it loads the wheels as before.
# On a return visit it loads Python's memory as it was after the imports (SNAPSHOT, kept in the
# browser's Cache Storage after the first visit) instead of starting Python and importing again;
# a snapshot that fails to load is dropped and Python starts the ordinary way.
SNAPSHOT_LIB = ROOT / "lite" / "snapshot-lib.mjs"
SNAPSHOT_MAKER = ROOT / "lite" / "snapshot.mjs"
SNAPSHOT_CACHE = "closer-python"  # the Cache Storage name the worker keeps the snapshot under
SNAPSHOT_KEEP_AFTER_MS = 10_000  # a first visit fetches the snapshot this long after Python is up
WORKER_EARLY_START = """(() => {
  LIB
  const unzip = async (response, name) => {
    if (!response.ok) throw new Error(`${name}: ${response.status}`);
    const stream = response.body.pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  };
  // The snapshot kept by an earlier visit (a promise of its bytes: read while Pyodide loads), or null.
  const saved = async (o) => {
    if (!o.snapshot || !self.caches) return null;
    const found = await (await caches.open(CACHE)).match(o.indexUrl + o.snapshot);
    performance.mark("closer: snapshot looked for");
    return found ? { bytes: unzip(found, o.snapshot) } : null;
  };
  const forget = (o) =>
    self.caches?.open(CACHE).then((cache) => cache.delete(o.indexUrl + o.snapshot)).catch(() => {});
  // After a visit that started Python the ordinary way, keep the snapshot for the next visit (in
  // the background, a while later; not when the browser asks to save data), and drop older ones.
  const keep = (o) =>
    setTimeout(async () => {
      try {
        if (!o.snapshot || !self.caches || navigator.connection?.saveData) return;
        const cache = await caches.open(CACHE), url = o.indexUrl + o.snapshot;
        for (const old of await cache.keys()) if (old.url !== url) await cache.delete(old);
        if (!(await cache.match(url))) await cache.add(url);
      } catch (error) {
        console.warn("Closer: Python's snapshot was not kept for the next visit", error);
      }
    }, KEEP_AFTER_MS);
  self.closerEarlyStart = (kernel, o) => {
    import(o.pyodideUrl).catch(() => {}); // loads while the snapshot is looked for (as initRuntime will)
    const files = fetch(o.indexUrl + o.bundle).then((response) => unzip(response, o.bundle));
    files.catch(() => {});
    const base = {
      ...o,
      closerEarly: true,
      loadPyodideOptions: { ...o.loadPyodideOptions, packages: [] },
    };
    const ordinary = async () => {
      await kernel.initRuntime(base);
      performance.mark("closer: python started");
      await files
        .then((bytes) => installBundle(kernel._pyodide, bytes, o.bundle))
        .catch((error) => {
          console.warn("Closer: loading the wheels one by one", error);
          return kernel._pyodide.loadPackage(o.loadPyodideOptions.packages);
        });
      performance.mark("closer: wheels in place");
      await kernel._pyodide
        .runPythonAsync(o.imports)
        .catch((error) => console.warn("Closer: early imports failed", error));
      self.closerStartedFrom = "start";
      performance.mark("closer: early start done");
      keep(o);
    };
    const restore = async ({ bytes }) => {
      const snapshot = snapshotOptions(bytes, o.indexUrl);
      const options = { ...base.loadPyodideOptions, ...snapshot.options };
      await kernel.initRuntime({ ...base, loadPyodideOptions: options });
      snapshot.loaded(kernel._pyodide);
      performance.mark("closer: python loaded from its snapshot");
      installBundle(kernel._pyodide, await files, o.bundle);
      await kernel._pyodide.runPythonAsync(AFTER_RESTORE);
      self.closerStartedFrom = "snapshot";
      performance.mark("closer: early start done");
    };
    return saved(o)
      .catch((error) => {
        console.warn("Closer: Python's snapshot could not be read", error);
        forget(o);
        return null;
      })
      .then((found) =>
        found
          ? restore(found).catch((error) => {
              console.warn("Closer: Python's snapshot did not load; starting Python afresh", error);
              forget(o);
              return ordinary();
            })
          : ordinary(),
      );
  };
})()"""


def early_start_code(lib: str) -> str:
    """WORKER_EARLY_START with SNAPSHOT_LIB's functions (``lib``) inside it: an expression that
    defines ``self.closerEarlyStart(kernel, options)``."""
    return (
        WORKER_EARLY_START.replace("LIB", re.sub(r"^export ", "", lib, flags=re.M))
        .replace("CACHE", json.dumps(SNAPSHOT_CACHE))
        .replace("KEEP_AFTER_MS", str(SNAPSHOT_KEEP_AFTER_MS))
    )


def worker_early(instance: str, cls: str, expose: str, lib: str) -> str:
    """The worker's early start (early_start_code), listening before comlink does, in the
    declaration that makes the worker's one instance."""
    return (
        f"{instance}=({early_start_code(lib)},"
        'self.addEventListener("message",e=>{let o=e.data&&e.data.closerEarlyStart;if(!o)return;'
        f"e.stopImmediatePropagation();{instance}._closerEarly=closerEarlyStart({instance},o)}}),"
        f"new {cls});{expose}({instance});export{{"
    )


SITE_BUNDLE = "closer-site-packages.gz"
WORKER_RUNTIME = "async initRuntime(e){"
WORKER_RUNTIME_EARLY = (
    "async initRuntime(e){if(this._closerEarly&&!e.closerEarly){"
    "let p=this._closerEarly;this._closerEarly=null;"
    'try{return await p}catch(x){console.warn("Closer: the early start failed; starting again",x)}}'
)
# The kernel: take the page's early worker if there is one (the plain worker, as the page is not
# cross-origin isolated), else start one as before.
KERNEL_WORKER = 'initWorker(e){let t=e=>new Worker(e,{type:"module"});'
KERNEL_WORKER_EARLY = (
    "initWorker(e){let t=e=>{let w=globalThis.closerEarlyWorker;"
    'return w&&!crossOriginIsolated?(globalThis.closerEarlyWorker=null,w):new Worker(e,{type:"module"})};'
)
# What the worker imports early: the kernel's own Python (which builds IPython's shell; it talks
# to the page only through callbacks set later), piplite, and the widget libraries every module's
# first cell imports (after the shell, so ipywidgets registers its comm targets with it).
EARLY_IMPORTS = "import pyodide_kernel\nimport piplite.piplite\nimport ipywidgets, anywidget\n" + (
    # `js` (the page's JavaScript, which `import course` uses) is found by the last of Python's
    # finders, after every folder on sys.path has been searched, the notebook's folder included:
    # there, the drive, a round trip through the page for each file in it. Imported now, before
    # the drive is there, it is found at once later.
    "import js\n"
    # The course itself and what every module's first cell uses: kept in Python's snapshot, so a
    # return visit's first cell does not import it. `import course` also has the notebook's folder
    # searched last, and wires the course to the page before each cell runs, as the kernel is
    # wired later (course/browser.py).
    "import course\nimport course.ui.journal"
)
EARLY_SCRIPT = """<script>
      (() => {{
        // Closer: start Python as the page opens a notebook (scripts/build_lite.py says why)
        const path = new URLSearchParams(location.search).get("path") || "";
        if (!path.endsWith(".ipynb") || self.crossOriginIsolated || !window.Worker) return;
        try {{
          const site = new URL("../", location.href);
          const pyodideUrl = new URL("static/pyodide/pyodide.mjs", site).href;
          const worker = new Worker(new URL({worker}, site), {{ type: "module" }});
          worker.postMessage({{ closerEarlyStart: {{
            pyodideUrl, indexUrl: new URL(".", pyodideUrl).href, imports: {imports}, bundle: {bundle},
            snapshot: {snapshot},
            loadPyodideOptions: {{ packages: {packages} }} }} }});
          window.closerEarlyWorker = worker;
        }} catch (error) {{
          console.warn("Closer: Python will start with the notebook instead", error);
        }}
      }})();
    </script>
    """


def site_bundle(wheels: list[Path], lock: dict, out: Path) -> Path:
    """Every wheel's files in one gzipped archive for the early start (WORKER_EARLY reads it): a
    little-endian length, a JSON index (folders, files with their sizes, package names), then
    the files' bytes in the index's order. Wheels are pure Python here, so every file goes into
    site-packages as it is; a wheel with a .data folder, or two wheels with one file, stop the build."""
    files: dict[str, bytes] = {}
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as zf:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                name = info.filename
                if name.split("/", 1)[0].endswith(".data"):
                    raise BuildError(f"{wheel.name} has a .data folder, which the early start cannot place.")
                if name in files:
                    raise BuildError(f"{name} is in two wheels: the early start cannot tell which to keep.")
                files[name] = zf.read(info)
    names = sorted(files)
    index = {
        "folders": sorted({n.rsplit("/", 1)[0] for n in names if "/" in n}),
        "files": [[n, len(files[n])] for n in names],
        "packages": sorted(lock["packages"]),
    }
    head = json.dumps(index, separators=(",", ":")).encode("utf-8")
    body = b"".join([len(head).to_bytes(4, "little"), head, *(files[n] for n in names)])
    out.write_bytes(gzip.compress(body, compresslevel=9, mtime=0))
    return out


def python_snapshot(pyodide: Path) -> str:
    """Python's memory after the early start's imports (lite/snapshot.mjs makes it in Node and
    checks it loads and works, or the build stops), written into ``pyodide`` (the site's Pyodide
    folder, with SITE_BUNDLE) under a name that changes with what went into it; cached likewise."""
    recipe = hashlib.sha256(EARLY_IMPORTS.encode())
    for part in (SNAPSHOT_LIB, SNAPSHOT_MAKER, *(pyodide / name for name in (*PYODIDE_FILES, SITE_BUNDLE))):
        recipe.update(part.read_bytes())
    name = f"closer-python-{recipe.hexdigest()[:16]}.gz"
    cached = CACHE / "snapshots" / name
    if not cached.is_file():
        node = shutil.which("node")
        if node is None:
            raise BuildError("Node.js is needed to build the browser edition (apt-get install -y nodejs).")
        cached.parent.mkdir(parents=True, exist_ok=True)
        for old in cached.parent.glob("closer-python-*"):
            old.unlink()
        imports = cached.parent / "imports.py"
        imports.write_text(EARLY_IMPORTS, encoding="utf-8")
        partial = cached.with_name(name + ".partial")
        made = subprocess.run(
            [node, str(SNAPSHOT_MAKER), str(pyodide), str(pyodide / SITE_BUNDLE), str(imports), str(partial)],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
        )
        if made.returncode != 0:
            raise BuildError(f"Python's snapshot could not be made: {made.stderr.strip()[-2000:]}")
        partial.rename(cached)
    shutil.copy2(cached, pyodide / name)
    return name


def early_start(site: Path, lock: dict, snapshot: str) -> None:
    """Start the kernel's worker as the page opens (see LAB_CONFIG): the page's script and the
    two changes to the kernel, each found exactly once or the build stops."""
    static = site / "extensions" / "@jupyterlite" / "pyodide-kernel-extension" / "static"
    workers = list(static.glob("comlink.worker.*.js"))
    kernels = [p for p in static.glob("*.js") if KERNEL_WORKER in p.read_text(encoding="utf-8")]
    if len(workers) != 1 or len(kernels) != 1:
        raise BuildError("The kernel's scripts have changed: update KERNEL_WORKER in build_lite.py.")
    worker = workers[0].read_text(encoding="utf-8")
    found = WORKER_EXPOSE.findall(worker)
    if len(found) != 1 or worker.count(WORKER_RUNTIME) != 1 or worker.count("closerEarly"):
        raise BuildError("The kernel's worker has changed: update WORKER_EXPOSE in build_lite.py.")
    instance, cls, expose = found[0]
    worker = worker.replace(WORKER_RUNTIME, WORKER_RUNTIME_EARLY)
    lib = SNAPSHOT_LIB.read_text(encoding="utf-8")
    worker = WORKER_EXPOSE.sub(lambda m: worker_early(instance, cls, expose, lib), worker)
    workers[0].write_text(worker, encoding="utf-8")
    kernel = kernels[0].read_text(encoding="utf-8")
    if kernel.count(KERNEL_WORKER) != 1:
        raise BuildError("The kernel's scripts have changed: update KERNEL_WORKER in build_lite.py.")
    kernels[0].write_text(kernel.replace(KERNEL_WORKER, KERNEL_WORKER_EARLY), encoding="utf-8")
    lab = (site / "lab" / "index.html").read_text(encoding="utf-8")
    if lab.count(LAB_CONFIG) != 1:
        raise BuildError(
            "JupyterLite's lab/index.html has changed: update LAB_CONFIG in scripts/build_lite.py."
        )
    script = EARLY_SCRIPT.format(
        worker=json.dumps(workers[0].relative_to(site).as_posix()),
        imports=json.dumps(EARLY_IMPORTS),
        bundle=json.dumps(SITE_BUNDLE),
        snapshot=json.dumps(snapshot),
        packages=json.dumps(list(lock["packages"])),
    )
    (site / "lab" / "index.html").write_text(lab.replace(LAB_CONFIG, script + LAB_CONFIG), encoding="utf-8")


def build(out: Path) -> Path:
    pins = pinned_requirements()
    check_lab_pins(pins)
    core = fetch_pyodide()
    wheels = fetch_wheels(pins) + kernel_wheels()

    lite_dir = CACHE / "build"
    shutil.rmtree(lite_dir, ignore_errors=True)
    pyodide = lite_dir / "static" / "pyodide"
    pyodide.mkdir(parents=True)
    wheels = [patch_wheel(wheel, lite_dir / "patched") for wheel in wheels]
    wheels.append(course_wheel(lite_dir))
    compiled = precompile(
        core,
        [(core / "python_stdlib.zip", "stdlib", False)]
        + [(wheel, "wheel", wheel.name.startswith("closer_course-")) for wheel in wheels],
    )
    for name in PYODIDE_FILES:
        shutil.copy2(compiled.get(core / name, core / name), pyodide / name)
    for wheel in wheels:
        shutil.copy2(compiled[wheel], pyodide / wheel.name)
    wheels = [pyodide / wheel.name for wheel in wheels]
    lock = pyodide_lock(wheels, json.loads((core / "pyodide-lock.json").read_text(encoding="utf-8")))
    (pyodide / "pyodide-lock.json").write_text(json.dumps(lock, indent=1), encoding="utf-8")
    site_bundle(wheels, lock, pyodide / SITE_BUNDLE)
    snapshot = python_snapshot(pyodide)
    for name in EXTENSIONS:
        shutil.copytree(labextension(name), lite_dir / "labextensions" / name)
    stage_contents(lite_dir / "contents")
    (lite_dir / "jupyter-lite.json").write_text(json.dumps(site_config(lock), indent=2), encoding="utf-8")
    shutil.copy2(OVERRIDES, lite_dir / "overrides.json")

    fresh = out.with_name(out.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    config = {
        "LiteBuildConfig": {
            "apps": ["lab"],
            "contents": [str(lite_dir / "contents")],
            "ignore_sys_prefix": True,
            "no_sourcemaps": True,
            "no_unused_shared_packages": True,
            "output_dir": str(fresh),
            "cache_dir": str(CACHE / "jupyterlite"),
        },
        "FederatedExtensionAddon": {"extra_labextensions_path": [str(lite_dir / "labextensions")]},
    }
    (lite_dir / "jupyter_lite_config.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "jupyterlite_core", "build", "--lite-dir", str(lite_dir)],
        check=True,
        cwd=lite_dir,
        stdin=subprocess.DEVNULL,
        env=dict(os.environ, JUPYTERLITE_NO_LIBARCHIVE="1"),
    )
    index = (fresh / "index.html").read_text(encoding="utf-8")
    if index.count(ROOT_SCRIPT) != 1:
        raise BuildError("JupyterLite's index.html has changed: update ROOT_SCRIPT in scripts/build_lite.py.")
    welcome = f"location.replace('./lab/index.html?path={WELCOME}' + location.hash);"
    (fresh / "index.html").write_text(index.replace(ROOT_SCRIPT, welcome), encoding="utf-8")
    early_start(fresh, lock, snapshot)
    drive_fixes(fresh)
    check_kernel_info(fresh)
    patch_core(fresh)
    worker = (fresh / "service-worker.js").read_text(encoding="utf-8")
    if worker.count(SW_PASS_ON) != 1 or worker.count(SW_INSTALL) != 1:
        raise BuildError("JupyterLite's service-worker.js has changed: update SW_PASS_ON and SW_INSTALL.")
    worker = worker.replace(SW_PASS_ON, SW_LEAVE).replace(SW_INSTALL, SW_ROUTED)
    (fresh / "service-worker.js").write_text(worker, encoding="utf-8")
    kernel_js = [
        path
        for path in (fresh / "extensions" / "@jupyterlite" / "pyodide-kernel-extension").rglob("*.js")
        if KERNEL_WANTS_JEDI in path.read_text(encoding="utf-8")
    ]
    if not kernel_js:
        raise BuildError("The kernel's worker has changed: update KERNEL_WANTS_JEDI in build_lite.py.")
    for path in kernel_js:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(KERNEL_WANTS_JEDI, KERNEL_WITHOUT_JEDI), encoding="utf-8")
    (fresh / ".nojekyll").write_text("", encoding="utf-8")  # serve every file as it is
    check_site(fresh, lite_dir / "contents")
    shutil.rmtree(out, ignore_errors=True)
    fresh.rename(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=SITE, help="where to build the site (default: _site/)")
    args = parser.parse_args(argv)
    out = build(args.out.resolve())
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"Built Closer's browser edition in {out} ({size / 1e6:.0f} MB). Try it: make lite-serve")
    return 0


if __name__ == "__main__":
    sys.exit(main())
