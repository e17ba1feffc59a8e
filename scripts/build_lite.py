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


def stage_contents(folder: Path) -> None:
    """The learner's notebooks: course/ as the learner edition has it, and every exercise with
    a word on handing in from the browser."""
    from learner_edition import LEFT_OUT

    (folder / "course").mkdir(parents=True)
    for path in sorted((ROOT / "course").glob("*.ipynb")):
        if f"course/{path.name}" not in LEFT_OUT:
            shutil.copy2(path, folder / "course" / path.name)
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


def site_config(lock: dict) -> dict:
    """jupyter-lite.json: the kernel loads Pyodide and every wheel from the site, never PyPI."""
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Closer",
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


# The page starts the kernel only once JupyterLab has loaded and opened the notebook (seconds
# later). What the kernel then fetches (Python itself and every wheel it loads) is asked for at
# once instead, at low priority, so it is already in the browser's cache by then.
LAB_CONFIG = '<script id="jupyter-config-data"'


def preloads(lock: dict) -> str:
    """lab/index.html's links asking for what the kernel will fetch (before LAB_CONFIG)."""
    files = [*PYODIDE_FILES, "pyodide-lock.json", *(p["file_name"] for p in lock["packages"].values())]
    link = '<link rel="preload" href="../static/pyodide/{}" as="fetch" crossorigin fetchpriority="low">\n    '
    return "".join(link.format(name) for name in files)


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
    lab = (fresh / "lab" / "index.html").read_text(encoding="utf-8")
    if lab.count(LAB_CONFIG) != 1:
        raise BuildError(
            "JupyterLite's lab/index.html has changed: update LAB_CONFIG in scripts/build_lite.py."
        )
    (fresh / "lab" / "index.html").write_text(
        lab.replace(LAB_CONFIG, preloads(lock) + LAB_CONFIG), encoding="utf-8"
    )
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
