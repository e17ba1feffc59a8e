"""The browser edition's build (scripts/build_lite.py), piece by piece: the course data as JSON
read without PyYAML, the course wheel, the Pyodide lock, the learner's notebooks, and the
widget versions pinned to the lab extensions the site bundles. The site itself is driven in
Chromium by tests/browser/test_lite.py."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from course import content, schema

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import build_lite  # noqa: E402

LOADERS = (
    content.load_modules,
    content.load_scales,
    content.load_help,
    content.load_quizzes,
    content.load_prompts,
)


@pytest.fixture
def json_data(tmp_path, monkeypatch) -> Path:
    """course/data as the browser has it: JSON copies only, and no PyYAML to read YAML with."""
    folder = tmp_path / "data"
    folder.mkdir()
    for name, text in build_lite.data_as_json(content.DATA_DIR).items():
        (folder / name).write_text(text, encoding="utf-8")
    monkeypatch.setitem(sys.modules, "yaml", None)
    return folder


def test_every_data_file_reads_the_same_from_its_json_copy(tmp_path, monkeypatch):
    from course import flags, marble, practice, practice_plan, vocabulary

    loaders = (
        *LOADERS,
        flags.load_settings,
        marble.load_settings,
        vocabulary.load_taxonomy,
        practice.load_settings,
        practice_plan.load_settings,
    )
    from_yaml = [loader(content.DATA_DIR) for loader in loaders]
    copies = tmp_path / "data"
    copies.mkdir()
    for name, text in build_lite.data_as_json(content.DATA_DIR).items():
        (copies / name).write_text(text, encoding="utf-8")
    monkeypatch.setitem(sys.modules, "yaml", None)  # as in the browser
    content.validate_all(copies)
    assert [loader(copies) for loader in loaders] == from_yaml


def test_without_pyyaml_messages_still_name_the_yaml_file_entry_and_field(json_data):
    data = json.loads((json_data / "checkin.json").read_text())
    data["scales"][0]["id"] = "has space"
    (json_data / "checkin.json").write_text(json.dumps(data))
    with pytest.raises(schema.ContentError, match=r"checkin.yaml, scale 1 \('has space'\), field 'id'"):
        content.load_scales(json_data)
    (json_data / "help.json").unlink()
    with pytest.raises(schema.ContentError, match="help.yaml: the data file is missing .*help.json"):
        content.load_help(json_data)
    (json_data / "modules.json").write_text("{not json")
    with pytest.raises(
        schema.ContentError, match="modules.yaml: its JSON copy modules.json is not valid JSON"
    ):
        content.load_modules(json_data)


def test_the_course_wheel_holds_the_package_and_its_data_as_json(tmp_path):
    wheel = build_lite.course_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        record = zf.read("closer_course-0.1.0.dist-info/RECORD").decode()
        assert zf.testzip() is None
    assert {"course/__init__.py", "course/journal/jsonl.py", "course/ui/controls.py"} <= names
    yaml_files = sorted(p.stem for p in content.DATA_DIR.glob("*.yaml"))
    assert sorted(Path(n).stem for n in names if n.startswith("course/data/")) == yaml_files
    assert all(n.endswith(".json") for n in names if n.startswith("course/data/"))
    assert not any(n.endswith((".ipynb", ".yaml", ".pyc")) for n in names)
    assert len(record.splitlines()) == len(names)


def test_the_lock_lists_each_wheel_with_what_it_needs_in_the_browser(tmp_path):
    pins = build_lite.pinned_requirements()
    wheels = [*build_lite.fetch_wheels(pins), *build_lite.kernel_wheels(), build_lite.course_wheel(tmp_path)]
    lock = build_lite.pyodide_lock(wheels, {"info": {"python": "3.14.2"}})
    packages = lock["packages"]
    assert {"closer-course", "ipywidgets", "anywidget", "pyodide-kernel", "piplite", "micropip"} <= set(
        packages
    )
    assert packages["closer-course"]["depends"] == ["ipywidgets", "anywidget", "icalendar"]
    assert packages["icalendar"]["depends"] == ["python-dateutil", "tzdata"], "no typing-extensions on 3.14"
    assert packages["closer-course"]["imports"] == ["course"]
    assert "pexpect" not in packages["ipython"]["depends"], "no terminals in the browser"
    assert not build_lite.NOT_IN_BROWSER & set(packages), "no IPython terminal, no jedi"
    assert not build_lite.NOT_IN_BROWSER & set(packages["ipython"]["depends"])
    assert "jupyterlab-widgets" not in packages["ipywidgets"]["depends"], "the lab side is an extension"
    for entry in packages.values():
        wheel = next(w for w in wheels if w.name == entry["file_name"])
        assert entry["sha256"] == build_lite.sha256(wheel)
        assert set(entry["depends"]) <= set(packages)


def test_ipython_starts_without_its_terminal_and_the_kernel_without_jedi(tmp_path):
    pins = build_lite.pinned_requirements()
    wheels = {
        w.name.split("-", 1)[0]: w for w in [*build_lite.fetch_wheels(pins), *build_lite.kernel_wheels()]
    }
    ipython = build_lite.patch_wheel(wheels["ipython"], tmp_path)
    assert ipython.parent == tmp_path
    with zipfile.ZipFile(ipython) as zf:
        init = zf.read("IPython/__init__.py").decode()
    assert "from .terminal" not in init.split("def __getattr__", 1)[0], "no terminal at import"
    namespace: dict = {"__name__": "IPython"}
    exec(compile(init.split("def __getattr__", 1)[1].split("def start_ipython", 1)[0].join(
        ["def __getattr__", ""]), "IPython/__init__.py", "exec"), namespace)  # fmt: skip
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        namespace["__getattr__"]("nothing")
    with zipfile.ZipFile(build_lite.patch_wheel(wheels["pyodide_kernel"], tmp_path)) as zf:
        assert "use_jedi = False" in zf.read("pyodide_kernel/interpreter.py").decode()
    assert build_lite.patch_wheel(wheels["traitlets"], tmp_path) == wheels["traitlets"], "unpatched: as it is"
    with zipfile.ZipFile(build_lite.patch_wheel(wheels["pygments"], tmp_path)) as zf:
        lexers = {n.rsplit("/", 1)[1][:-3] for n in zf.namelist() if n.startswith("pygments/lexers/")}
        assert lexers == build_lite.PYGMENTS_LEXERS, "Python's lexer and those IPython's lexers use"
        assert "pygments/formatters/html.py" in zf.namelist()


def test_piplite_imports_micropip_when_pip_is_first_used_not_when_the_kernel_starts(tmp_path, monkeypatch):
    import unittest.mock

    piplite = next(w for w in build_lite.kernel_wheels() if w.name.startswith("piplite-"))
    with zipfile.ZipFile(build_lite.patch_wheel(piplite, tmp_path)) as zf:
        source = zf.read("piplite/piplite.py").decode()
    monkeypatch.setitem(sys.modules, "micropip", None)  # importing it now would fail
    namespace: dict = {"__name__": "piplite.piplite"}
    exec(compile(source, "piplite/piplite.py", "exec"), namespace)
    assert namespace["patch"]._get() is unittest.mock.patch
    with pytest.raises(ImportError):
        namespace["micropip"].install  # noqa: B018 (first use: the import happens here)


def test_a_patch_that_no_longer_applies_stops_the_build(tmp_path, monkeypatch):
    pins = build_lite.pinned_requirements()
    ipython = next(w for w in build_lite.fetch_wheels(pins) if w.name.startswith("ipython-"))
    monkeypatch.setitem(build_lite.SOURCE_PATCHES, "ipython", {"IPython/__init__.py": [("no such line", "")]})
    with pytest.raises(build_lite.BuildError, match="IPython/__init__.py has changed"):
        build_lite.patch_wheel(ipython, tmp_path)


def test_the_local_server_sends_text_and_webassembly_compressed(tmp_path):
    import gzip
    import urllib.request

    from serve_lite import serve

    (tmp_path / "index.html").write_text("<p>hello</p>", encoding="utf-8")
    (tmp_path / "code.wasm").write_bytes(b"\0asm" + bytes(range(256)) * 64)
    (tmp_path / "lib.whl").write_bytes(b"PK already compressed")
    with serve(tmp_path) as url:
        for name, body in (
            ("code.wasm", (tmp_path / "code.wasm").read_bytes()),
            ("index.html", b"<p>hello</p>"),
        ):
            request = urllib.request.Request(url + name, headers={"Accept-Encoding": "gzip"})
            with urllib.request.urlopen(request) as response:
                assert response.headers["Content-Encoding"] == "gzip"
                assert response.headers["Cache-Control"] == "max-age=600"
                assert gzip.decompress(response.read()) == body
            with urllib.request.urlopen(url + name) as response:  # a client that takes no gzip
                assert response.headers["Content-Encoding"] is None and response.read() == body
        request = urllib.request.Request(url + "lib.whl", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] is None
            assert response.read() == b"PK already compressed"


def test_a_requirement_the_site_does_not_ship_stops_the_build(tmp_path):
    pins = build_lite.pinned_requirements()
    wheels = [w for w in build_lite.fetch_wheels(pins) if not w.name.startswith("psygnal")]
    with pytest.raises(build_lite.BuildError, match="anywidget needs 'psygnal>=0.8.1'"):
        build_lite.pyodide_lock(wheels, {"info": {}})


def test_the_kernel_widgets_are_the_versions_whose_extensions_the_site_bundles(monkeypatch):
    pins = build_lite.pinned_requirements()
    for name in build_lite.PINNED_TO_LAB:
        assert pins[name][0] == metadata.version(name)
    build_lite.check_lab_pins(pins)
    monkeypatch.setitem(pins, "anywidget", ("0.0.1", pins["anywidget"][1]))
    with pytest.raises(build_lite.BuildError, match="pins anywidget==0.0.1, but this environment"):
        build_lite.check_lab_pins(pins)


def test_the_site_holds_the_learner_edition_and_exercises_say_how_to_hand_in(tmp_path):
    build_lite.stage_contents(tmp_path)
    staged = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    modules = sorted(f"course/{p.name}" for p in (ROOT / "course").glob("*.ipynb"))
    assert "course/00_welcome.ipynb" in staged and "course/07_next_steps.ipynb" in staged
    assert "course/03_together.ipynb" in staged and "course/before_you_start.ipynb" in staged
    assert "course/facilitator_guide.ipynb" not in staged and "course/cohort_report.ipynb" not in staged
    exercises = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "exercises").glob("*/*.ipynb"))
    assert staged == sorted([*(m for m in modules if m not in build_lite_left_out()), *exercises])
    for name in exercises:
        nb = json.loads((tmp_path / name).read_text())
        original = json.loads((ROOT / name).read_text())
        assert len(nb["cells"]) == len(original["cells"]), "no cell added: grading sees the same notebook"
        for cell, before in zip(nb["cells"], original["cells"], strict=True):
            if cell["metadata"].get("nbgrader", {}).get("grade_id") == "before_you_hand_in":
                assert "File → Download" in cell["source"] and "nbgrader" in cell["source"]
                assert cell["source"].startswith("".join(before["source"]))
            else:
                assert cell == before
        assert nb["metadata"] == original["metadata"], "exercises go back to a server's kernel"
    for name in (m for m in modules if m not in build_lite_left_out()):
        nb, original = json.loads((tmp_path / name).read_text()), json.loads((ROOT / name).read_text())
        assert nb["cells"] == original["cells"]
        assert nb["metadata"]["kernelspec"] == build_lite.BROWSER_KERNELSPEC, name
        assert nb["metadata"]["language_info"] == build_lite.BROWSER_LANGUAGE_INFO, name


def test_the_modules_name_the_kernel_as_the_browser_kernel_describes_itself(tmp_path):
    """JupyterLab compares a notebook's kernel and language with the kernel's own words and rewrites
    them (every code cell's editor with them) as the kernel starts if they differ."""
    site = ROOT / "_site"
    if not (site / "index.html").is_file():
        pytest.fail("The browser edition is not built: run `make lite` (`make test` builds it first).")
    build_lite.check_kernel_info(site)
    fake = tmp_path / "extensions" / "@jupyterlite" / "pyodide-kernel-extension" / "static"
    fake.mkdir(parents=True)
    real = next(
        p for p in (site / fake.relative_to(tmp_path)).glob("*.js") if "kernelInfoRequest" in p.read_text()
    )
    (fake / "k.js").write_text(real.read_text().replace('version:"3.8"', 'version:"3.14"'))
    with pytest.raises(build_lite.BuildError, match="update BROWSER_KERNELSPEC or BROWSER_LANGUAGE_INFO"):
        build_lite.check_kernel_info(tmp_path)
    assert build_lite.js_literal({"a": {"b": 3}, "c": "d"}) == '{a:{b:3},c:"d"}'


def build_lite_left_out() -> set[str]:
    from learner_edition import LEFT_OUT

    return set(LEFT_OUT)


def test_the_site_check_refuses_an_answer_or_a_file_learners_must_not_have(tmp_path):
    from learner_edition import secrets

    staged, site = tmp_path / "staged", tmp_path / "site"
    build_lite.stage_contents(staged)
    shutil.copytree(staged, site / "files")
    (site / "static" / "pyodide").mkdir(parents=True)
    build_lite.check_site(site, staged)  # the learner edition passes
    welcome = site / "files" / "course" / "00_welcome.ipynb"
    text = welcome.read_text()
    welcome.write_text(text.replace("Welcome to Closer", "Welcome " + sorted(secrets(ROOT))[0]))
    with pytest.raises(build_lite.BuildError, match="would give answers away"):
        build_lite.check_site(site, staged)
    welcome.write_text(text)
    (site / "files" / "solutions").mkdir()
    (site / "files" / "solutions" / "x.ipynb").write_text("{}")
    with pytest.raises(build_lite.BuildError, match="not the learner's notebooks"):
        build_lite.check_site(site, staged)


def test_the_readme_and_course_links_open_the_browser_edition_on_github_pages():
    from course.links import lite_site, lite_url, repository_url

    site = lite_site(repository_url())
    assert site == "https://closer-course.github.io/closer/"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    binder = readme.index("[![Launch Closer on Binder]")
    assert f"[Open in your browser]({site})" in readme[binder - 200 : binder], "beside the Binder badge"
    assert lite_site("https://github.com/Someone/someone.github.io") == "https://someone.github.io/"
    assert lite_url("https://github.com/a/b", "course/03_x.ipynb") == (
        "https://a.github.io/b/lab/index.html?path=course/03_x.ipynb"
    )
    out = subprocess.run(
        [sys.executable, "-m", "course.links"], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout
    assert f"Browser: {site}\n" in out
    assert f"Browser: {site}lab/index.html?path=course/07_next_steps.ipynb" in out


def test_the_pages_workflow_publishes_what_make_lite_builds():
    workflow = (ROOT / ".github" / "workflows" / "browser-edition.yml").read_text(encoding="utf-8")
    assert "run: make lite" in workflow
    assert "path: _site" in workflow and "actions/deploy-pages" in workflow


def _wheel(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path


EARLY_HARNESS = """
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
const [bundlePath, bundleName, cached] = process.argv.slice(2);
const bytes = readFileSync(bundlePath);
globalThis.self = globalThis;
globalThis.fetch = async (url) =>
  url.endsWith("missing.gz") ? new Response("", { status: 404 }) : new Response(bytes);
// Cache Storage with one entry (a kept snapshot) when asked for, else none; deletions recorded.
const deleted = [];
const kept = cached === "garbled" ? Buffer.from("not gzip") : gzipSync(Buffer.from("snapshot bytes"));
const store = new Map(cached ? [["http://site/snap.gz", kept]] : []);
if (cached) globalThis.caches = { open: async () => ({
  match: async (url) => (store.has(url) ? new Response(store.get(url)) : undefined),
  delete: async (url) => (deleted.push(url), store.delete(url)),
  keys: async () => [...store.keys()].map((url) => ({ url })), add: async () => {} }) };
const written = {}, folders = [], loaded = {}, ran = [], starts = [], warned = [];
console.warn = (...args) => warned.push(args.map(String).join(" "));
const py = { _api: { sitepackages: "/site" }, loadedPackages: loaded, runPython: () => {},
  runPythonAsync: async (code) => { ran.push(code); },
  loadPackage: async (names) => { loaded.wheelByWheel = names; },
  FS: { mkdirTree: (d) => folders.push(d),
        writeFile: (f, b) => { written[f] = Buffer.from(b).toString("base64"); } } };
// The kernel: a snapshot that Pyodide refuses to load (its options are seen, then it fails).
const kernel = { initRuntime: async (o) => {
  starts.push(o.loadPyodideOptions._loadSnapshot ? "from a snapshot" : "ordinary");
  if (o.loadPyodideOptions._loadSnapshot) {
    await o.loadPyodideOptions._loadSnapshot;
    throw new Error("refused");
  }
  kernel._pyodide = py; } };
globalThis.setTimeout = () => 0;  // the snapshot kept for next time: not in this test
CODE;
let error = null;
try {
  await self.closerEarlyStart(kernel, {
    indexUrl: "http://site/", bundle: bundleName, snapshot: "snap.gz", pyodideUrl: "data:text/javascript,",
    imports: "import x", loadPyodideOptions: { packages: ["a", "b"] } });
} catch (e) { error = String(e); }
const startedFrom = self.closerStartedFrom;
console.log(JSON.stringify({ written, folders, loaded, ran, starts, deleted, warned, startedFrom, error }));
"""


def _early_start_in_node(bundle: Path, tmp_path: Path, name: str | None = None, cached: str = "") -> dict:
    """Run the worker's own early start (build_lite.early_start_code) in Node on ``bundle`` (served
    as ``name``), with stand-ins for the kernel, Pyodide's file system and Cache Storage (holding
    a snapshot when ``cached`` is "snapshot" or "garbled"); return what it did."""
    if not shutil.which("node"):
        pytest.fail("node is missing (make test installs it with the browser edition's build tools)")
    code = build_lite.early_start_code(build_lite.SNAPSHOT_LIB.read_text(encoding="utf-8"))
    script = tmp_path / "early.mjs"
    script.write_text(EARLY_HARNESS.replace("CODE", code), encoding="utf-8")
    out = subprocess.run(
        ["node", str(script), str(bundle), name or bundle.name, cached],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_early_start_puts_every_wheels_files_in_place_from_one_archive(tmp_path):
    import base64

    one = _wheel(
        tmp_path / "one-1.0-py3-none-any.whl",
        {"one/__init__.pyc": b"\x00\x01one", "one-1.0.dist-info/METADATA": b"Name: one"},
    )
    two = _wheel(tmp_path / "two-2.0-py3-none-any.whl", {"two.pyc": b"two" * 1000, "two/data/x.json": b"{}"})
    lock = {"packages": {"one": {}, "two": {}}}
    bundle = build_lite.site_bundle([one, two], lock, tmp_path / build_lite.SITE_BUNDLE)
    ok = _early_start_in_node(bundle, tmp_path)
    assert ok["error"] is None
    assert {name: base64.b64decode(data) for name, data in ok["written"].items()} == {
        "/site/one/__init__.pyc": b"\x00\x01one",
        "/site/one-1.0.dist-info/METADATA": b"Name: one",
        "/site/two.pyc": b"two" * 1000,
        "/site/two/data/x.json": b"{}",
    }
    assert set(ok["folders"]) == {"/site/one", "/site/one-1.0.dist-info", "/site/two/data"}
    assert ok["loaded"] == {"one": "default channel", "two": "default channel"}, (
        "Pyodide counts them as loaded"
    )
    assert ok["ran"] == ["import x"] and ok["starts"] == ["ordinary"] and ok["startedFrom"] == "start"
    missing = _early_start_in_node(bundle, tmp_path, "missing.gz")  # an archive the site lacks
    assert missing["error"] is None and not missing["written"]
    assert missing["loaded"] == {"wheelByWheel": ["a", "b"]}, "no archive: the wheels are loaded one by one"
    assert any("404" in line for line in missing["warned"])
    damaged = tmp_path / "damaged.gz"
    import gzip

    damaged.write_bytes(gzip.compress(gzip.decompress(bundle.read_bytes()) + b"extra"))
    broken = _early_start_in_node(damaged, tmp_path)
    assert broken["loaded"] == {"wheelByWheel": ["a", "b"]} and any("damaged" in w for w in broken["warned"])


@pytest.mark.parametrize("cached", ["snapshot", "garbled"])
def test_a_snapshot_that_does_not_load_is_dropped_and_python_starts_the_ordinary_way(tmp_path, cached):
    one = _wheel(tmp_path / "one-1.0-py3-none-any.whl", {"one.pyc": b"one"})
    bundle = build_lite.site_bundle([one], {"packages": {"one": {}}}, tmp_path / build_lite.SITE_BUNDLE)
    done = _early_start_in_node(bundle, tmp_path, cached=cached)
    assert done["error"] is None
    assert done["starts"] == ["from a snapshot", "ordinary"], "tried the kept snapshot, then started afresh"
    assert done["deleted"] == ["http://site/snap.gz"], "the snapshot that failed is not tried again"
    assert done["startedFrom"] == "start" and done["ran"] == ["import x"]
    assert list(done["written"]) == ["/site/one.pyc"] and done["loaded"] == {"one": "default channel"}
    assert any("starting Python afresh" in w or "could not be read" in w for w in done["warned"])
    without = _early_start_in_node(bundle, tmp_path)  # no Cache Storage (or nothing kept yet)
    assert without["starts"] == ["ordinary"] and without["deleted"] == []


def test_a_wheel_the_early_start_cannot_place_stops_the_build(tmp_path):
    lock = {"packages": {"a": {}}}
    data = _wheel(tmp_path / "a-1-py3-none-any.whl", {"a-1.data/scripts/run": b"#!"})
    with pytest.raises(build_lite.BuildError, match="has a .data folder"):
        build_lite.site_bundle([data], lock, tmp_path / "b.gz")
    first = _wheel(tmp_path / "b-1-py3-none-any.whl", {"same.py": b"1"})
    second = _wheel(tmp_path / "c-1-py3-none-any.whl", {"same.py": b"2"})
    with pytest.raises(build_lite.BuildError, match="same.py is in two wheels"):
        build_lite.site_bundle([first, second], lock, tmp_path / "b.gz")


def _fake_site(root: Path, worker: str, kernel: str, plugin: str, manager: str) -> Path:
    static = root / "extensions" / "@jupyterlite" / "pyodide-kernel-extension" / "static"
    static.mkdir(parents=True)
    (static / "comlink.worker.abc.js").write_text(worker, encoding="utf-8")
    (static / "393.abc.js").write_text(kernel, encoding="utf-8")
    (static / "716.abc.js").write_text(plugin, encoding="utf-8")
    (root / "build").mkdir()
    (root / "build" / "981.abc.js").write_text(manager, encoding="utf-8")
    (root / "lab").mkdir()
    (root / "lab" / "index.html").write_text(
        f"<head>{build_lite.LAB_CONFIG}></script></head>", encoding="utf-8"
    )
    return root


WORKER = "class V{async initRuntime(e){load()}},ku=new rr;Nt(ku);export{rr as K};"
KERNEL = 'class w{initWorker(e){let t=e=>new Worker(e,{type:"module"});return t(u)}}'
PLUGIN = "register({create:async e=>{let{PyodideKernel:t}=await n.e(635),l=!!(i.enabled)}})"
MANAGER = (
    'let s=localStorage.getItem(t);if(s&&s!==b||!s){console.info("New version, unregistering existing");}'
)


def test_the_page_starts_the_kernels_worker_and_the_kernel_takes_it(tmp_path):
    site = _fake_site(tmp_path / "site", WORKER, KERNEL, PLUGIN, MANAGER)
    build_lite.early_start(site, {"packages": {"ipython": {}, "closer-course": {}}}, "closer-python-abc.gz")
    static = site / "extensions" / "@jupyterlite" / "pyodide-kernel-extension" / "static"
    worker = (static / "comlink.worker.abc.js").read_text(encoding="utf-8")
    assert worker.startswith("class V{async initRuntime(e){if(this._closerEarly&&!e.closerEarly)")
    assert "ku=((() => {" in worker and worker.endswith(",new rr);Nt(ku);export{rr as K};")
    assert "ku._closerEarly=closerEarlyStart(ku,o)" in worker
    assert "globalThis.closerEarlyWorker" in (static / "393.abc.js").read_text(encoding="utf-8")
    page = (site / "lab" / "index.html").read_text(encoding="utf-8")
    assert page.index("closerEarlyStart") < page.index(build_lite.LAB_CONFIG), (
        "before JupyterLab's own scripts"
    )
    assert '"extensions/@jupyterlite/pyodide-kernel-extension/static/comlink.worker.abc.js"' in page
    assert '["ipython", "closer-course"]' in page and json.dumps(build_lite.SITE_BUNDLE) in page
    assert 'snapshot: "closer-python-abc.gz"' in page
    with pytest.raises(build_lite.BuildError, match="changed: update"):
        build_lite.early_start(site, {"packages": {}}, "closer-python-abc.gz")  # already changed: never twice
    other = _fake_site(tmp_path / "other", WORKER.replace("Nt(ku)", "expose(other)"), KERNEL, PLUGIN, MANAGER)
    with pytest.raises(build_lite.BuildError, match="update WORKER_EXPOSE"):
        build_lite.early_start(other, {"packages": {}}, "closer-python-abc.gz")


def test_the_kernel_waits_for_the_drive_and_a_second_visit_keeps_the_service_worker(tmp_path):
    site = _fake_site(tmp_path / "site", WORKER, KERNEL, PLUGIN, MANAGER)
    build_lite.drive_fixes(site)
    plugin = (
        site / "extensions" / "@jupyterlite" / "pyodide-kernel-extension" / "static" / "716.abc.js"
    ).read_text()
    assert plugin.startswith("register({create:async e=>{i&&!i.enabled&&await Promise.race([i.ready,")
    assert f"setTimeout(r,{build_lite.SW_WAIT_MS})" in plugin
    manager = (site / "build" / "981.abc.js").read_text()
    assert 'if(s&&s!==b){console.info("New version' in manager, "no record of a version is not a new version"
    broken = _fake_site(tmp_path / "broken", WORKER, KERNEL, PLUGIN, MANAGER.replace("||!s", ""))
    with pytest.raises(build_lite.BuildError, match="update SW_NEW_VERSION"):
        build_lite.drive_fixes(broken)


def test_the_built_sites_changed_scripts_still_parse(tmp_path):
    """The real site's kernel worker and plugin, as `make lite` changed them, are valid JavaScript."""
    site = ROOT / "_site"
    if not (site / "index.html").is_file():
        pytest.fail("The browser edition is not built: run `make lite` (`make test` builds it first).")
    static = site / "extensions" / "@jupyterlite" / "pyodide-kernel-extension" / "static"
    changed = [p for p in static.glob("*.js") if "closerEarly" in p.read_text(encoding="utf-8")]
    changed += [p for p in static.glob("*.js") if "i.ready" in p.read_text(encoding="utf-8")]
    assert len(changed) >= 3
    for path in changed:
        copy = tmp_path / (path.stem + ".mjs")
        copy.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        subprocess.run(["node", "--check", str(copy)], check=True, capture_output=True)


def test_jupyterlabs_core_script_is_changed_once_and_only_where_expected(tmp_path):
    """patch_core: every change in CORE_PATCHES applies exactly once, or the build stops naming
    the change to update (a JupyterLab upgrade moves the code these changes look for)."""
    build = tmp_path / "site" / "build"
    build.mkdir(parents=True)
    originals = [old for edits in build_lite.CORE_PATCHES.values() for old, _ in edits]
    core = build / "jlab_core.abc.js"
    core.write_text("/*start*/" + "/*between*/".join(originals) + "/*end*/", encoding="utf-8")
    build_lite.patch_core(tmp_path / "site")
    patched = core.read_text(encoding="utf-8")
    for edits in build_lite.CORE_PATCHES.values():
        for old, new in edits:
            assert new in patched and old not in patched
    assert "this._maybeCheckpoint" in patched.split("this.sessionContext.initialize()", 1)[1], (
        "the kernel is asked for before the checkpoint"
    )
    with pytest.raises(build_lite.BuildError, match="update SETTINGS_AJV"):
        build_lite.patch_core(tmp_path / "site")  # already changed: never twice
    core.write_text("/*".join(originals[1:]), encoding="utf-8")
    with pytest.raises(build_lite.BuildError, match="update SETTINGS_AJV"):
        build_lite.patch_core(tmp_path / "site")
    (build / "jlab_core.def.js").write_text("", encoding="utf-8")
    with pytest.raises(build_lite.BuildError, match="Expected one JupyterLab core script"):
        build_lite.patch_core(tmp_path / "site")
