"""Binder: repo2docker picks our binder/ files, the lock is complete and consistent, and a
fresh environment built from it (plus postBuild) runs every course notebook."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from course.facilitator.links import binder_url, nbgitpuller_url, repository_url

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"


def _pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (BINDER / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        assert not line.startswith("-"), f"no pip options or local paths in the lock: {line}"
        name, sep, version = line.partition("==")
        assert sep and version, f"every line pins an exact version: {line}"
        name = canonicalize_name(name.split("[")[0])
        assert name not in pins, f"{name} is pinned twice"
        pins[name] = version
    return pins


def _runtime_requirements() -> list[Requirement]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return [Requirement(r) for r in data["project"]["dependencies"]]


def test_every_runtime_dependency_is_pinned_within_its_range():
    pins = _pins()
    for req in _runtime_requirements():
        if req.marker and not req.marker.evaluate({"python_version": "3.11"}):
            continue
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is not pinned in binder/requirements.txt"
        assert req.specifier.contains(pins[name], prereleases=True), (
            f"{req.name}=={pins[name]} is outside pyproject's range {req.specifier}"
        )


def test_the_lock_is_fully_pinned_including_indirect_dependencies():
    pins = _pins()
    assert len(pins) > 60, "indirect dependencies are pinned too"
    for package in ("jupyterlab-widgets", "widgetsnbextension", "traitlets", "jupyter-server"):
        assert package in pins


def test_python_version_is_fixed_and_allowed():
    runtime = (BINDER / "runtime.txt").read_text().strip()
    assert re.fullmatch(r"python-3\.\d+", runtime)
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    from packaging.specifiers import SpecifierSet

    assert SpecifierSet(requires).contains(runtime.removeprefix("python-"))


def test_repo2docker_picks_our_binder_files():
    from repo2docker.app import Repo2Docker

    app = Repo2Docker()
    app.repo = str(ROOT)
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        buildpack = next(bp for bp in (BP(app.base_image) for BP in app.buildpacks) if bp.detect())
        buildpack.platform = app.platform
        dockerfile = buildpack.render()
        assert type(buildpack).__name__ == "PythonBuildPack"
        assert buildpack.binder_dir == "binder"
        assert buildpack.python_version == (BINDER / "runtime.txt").read_text().strip().removeprefix(
            "python-"
        )
    finally:
        os.chdir(cwd)
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in dockerfile
    assert "./binder/postBuild" in dockerfile
    assert "binder/start" in dockerfile, "each session starts through binder/start (the learner view)"


def test_postbuild_installs_the_course_and_its_settings():
    script = (BINDER / "postBuild").read_text()
    assert os.access(BINDER / "postBuild", os.X_OK)
    assert "pip install --no-cache-dir --no-deps ." in script
    assert "config/lab-overrides.json" in script
    assert "jupyter lab workspaces import config/workspace.json" in script


def test_binder_sessions_start_in_the_learner_view(tmp_path):
    """binder/start puts config/learner on Jupyter's config path, then runs the session."""
    start = BINDER / "start"
    assert os.access(start, os.X_OK)
    env = {k: v for k, v in os.environ.items() if k != "JUPYTER_CONFIG_PATH"}
    out = subprocess.run(
        [str(start), sys.executable, "-c", "import os; print(os.environ['JUPYTER_CONFIG_PATH'])"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert out == str(ROOT / "config" / "learner")
    assert (ROOT / "config" / "learner" / "jupyter_server_config.json").is_file()
    assert (ROOT / "config" / "learner" / "labconfig" / "page_config.json").is_file()


def test_readme_badge_opens_the_welcome_notebook_in_jupyterlab():
    readme = (ROOT / "README.md").read_text()
    url = binder_url(repository_url())
    assert url.endswith("?urlpath=lab%2Ftree%2Fcourse%2F00_welcome.ipynb")
    assert f"[![Launch Closer on Binder](https://mybinder.org/badge_logo.svg)]({url})" in readme


def test_links_are_built_correctly_and_refuse_bad_addresses():
    repo = "https://github.com/someone/closer"
    assert binder_url(repo, "course/01_what_is_intimacy.ipynb", ref="v1") == (
        "https://mybinder.org/v2/gh/someone/closer/v1?urlpath=lab%2Ftree%2Fcourse%2F01_what_is_intimacy.ipynb"
    )
    hub = nbgitpuller_url("https://hub.example.org/", repo, "course/00_welcome.ipynb")
    assert hub.startswith("https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com")
    assert "urlpath=lab%2Ftree%2Fcloser%2Fcourse%2F00_welcome.ipynb" in hub
    with pytest.raises(ValueError, match="github.com/OWNER/REPO"):
        binder_url("https://gitlab.com/a/b")
    with pytest.raises(ValueError, match="hub's address"):
        nbgitpuller_url("hub.example.org", repo)


@pytest.mark.slow
def test_a_fresh_environment_from_the_lock_runs_every_course_notebook(tmp_path):
    """Build what Binder builds (lock, then postBuild) in a new venv, then run nbval on course/."""
    repo = tmp_path / "repo"
    tracked = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for rel in tracked:
        if (ROOT / rel).is_file():
            (repo / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, repo / rel)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_dir = venv / "bin"
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", VIRTUAL_ENV=str(venv))
    env.pop("PYTHONPATH", None)

    def run(*cmd: str, cwd: Path = repo) -> str:
        result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=1500)
        output = result.stdout + result.stderr
        assert result.returncode == 0, f"{' '.join(cmd)} failed:\n{output[-4000:]}"
        return output

    python = str(bin_dir / "python")
    run(python, "-m", "pip", "install", "--quiet", "-r", "binder/requirements.txt")
    home = tmp_path / "home"  # Binder's home is the course; here, a throwaway one
    home.mkdir()
    env["HOME"] = str(home)
    run("bash", "binder/postBuild")
    run(python, "-m", "pip", "check")
    extensions = run(str(bin_dir / "jupyter"), "labextension", "list")
    for frontend in ("@jupyter-widgets/jupyterlab-manager", "anywidget", "nbgrader"):
        assert frontend in extensions, f"{frontend} is not installed for JupyterLab"
    assert (venv / "share/jupyter/lab/settings/overrides.json").is_file(), "postBuild adds the settings"
    assert list((home / ".jupyter/lab/workspaces").glob("*.jupyterlab-workspace")), "and the layout"
    # a session started as Binder starts it shows learners nothing of nbgrader's authoring tools
    # (the server side of the learner view is the same config/learner that test_make_course serves)
    learner = run("bash", "binder/start", str(bin_dir / "jupyter"), "labextension", "list")
    disabled = learner.split("Disabled extensions:")[1]
    assert "@jupyter/nbgrader:formgrader" in disabled and "@jupyter/nbgrader:create-assignment" in disabled
    run(python, "-m", "pip", "install", "--quiet", "pytest", "nbval")
    journal = tmp_path / "journal"
    env["CLOSER_DATA_DIR"] = str(journal)
    out = run(
        python,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--nbval-lax",
        "--nbval-current-env",
        "--rootdir",
        str(repo / "course"),
        "-c",
        os.devnull,
        *sorted(str(p.relative_to(repo)) for p in (repo / "course").glob("[0-9][0-9]_*.ipynb")),
    )
    assert " passed" in out and "failed" not in out
    # the kernels used the installed package, not a checkout on sys.path
    assert "site-packages" in run(python, "-c", "import course; print(course.__file__)", cwd=tmp_path)
