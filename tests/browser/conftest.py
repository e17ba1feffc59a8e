"""A real JupyterLab and a real Chromium for the browser suite.

JupyterLab runs on 127.0.0.1 with throwaway config, workspace and journal folders.
Chromium is Debian's /usr/bin/chromium driven by Playwright (never `playwright install`).
If Chromium is missing or cannot start, the suite fails with a message saying so: a
skipped browser suite would be a suite that passes without testing anything.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support import free_port, stop_process_group

# A kernel on a busy 2-core machine can take several seconds to answer a click: give every
# expectation in the suite time for that (Playwright's own default is 5 s).
expect.set_options(timeout=20_000)

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CLOSER_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
REPORTS = ROOT / "test-reports" / "screenshots"
TOKEN = "closer-browser-suite"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Lab:
    """A running JupyterLab server."""

    def __init__(self, url: str, journal: Path):
        self.url = url
        self.journal = journal

    def api(self, path: str, method: str = "GET", body: object = None) -> object:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"{self.url}{path}",
            method=method,
            data=data,
            headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as reply:
            answer = reply.read()
        return json.loads(answer) if answer else None

    def set_theme(self, theme: str) -> None:
        """Save JupyterLab's theme setting ("JupyterLab Light" or "JupyterLab Dark") for the next page."""
        raw = json.dumps({"theme": theme})
        self.api("/lab/api/settings/@jupyterlab/apputils-extension:themes", "PUT", {"raw": raw})

    def reset_layout(self) -> None:
        """Give the default workspace the course's layout again, as a fresh `make course` or Binder
        session has it (other pages may have saved theirs)."""
        workspace = json.loads((ROOT / "config" / "workspace.json").read_text())
        self.api("/lab/api/workspaces/default", "PUT", workspace)

    def shutdown_kernels(self) -> None:
        for session in self.api("/api/sessions"):
            self.api(f"/api/sessions/{session['id']}", method="DELETE")


class LabDidNotStart(RuntimeError):
    pass


def wait_for_kernel(page, timeout: float = 90_000) -> None:
    """Wait until the notebook's kernel is connected and idle. JupyterLab's execution indicator
    says "idle" before the kernel has even started, and a cell run then is refused with a
    notice ("still initializing", the course's setting): the status bar says "Idle" only once
    the kernel is really there."""
    page.wait_for_selector(
        ".jp-Notebook-ExecutionIndicator[data-status='idle']", state="attached", timeout=timeout
    )
    page.wait_for_function(
        "() => /\\|\\s*Idle/.test(document.querySelector('#jp-main-statusbar')?.innerText ?? '')",
        timeout=timeout,
    )


@contextmanager
def serve_course() -> Iterator[Lab]:
    """JupyterLab serving a disposable copy of the course: running notebooks in a browser
    makes JupyterLab autosave them, outputs and all, and that must never touch the repository.
    It serves what learners get from `make course` and Binder: the learner view (config/learner:
    the Python package hidden, no nbgrader authoring tools), the course's settings and layout.
    Used by the browser suite and by `make bench`; raises LabDidNotStart if the server fails."""
    scratch = Path(tempfile.mkdtemp(prefix="closer-browser-"))
    served = scratch / "closer"
    shutil.copytree(
        ROOT / "course", served / "course", ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    )
    shutil.copy(ROOT / "nbgrader_config.py", served / "nbgrader_config.py")
    port = free_port()
    env = dict(
        os.environ,
        CLOSER_DATA_DIR=str(scratch / "journal"),
        JUPYTER_CONFIG_DIR=str(scratch / "config"),
        JUPYTER_CONFIG_PATH=str(ROOT / "config" / "learner"),
        JUPYTER_RUNTIME_DIR=str(scratch / "runtime"),
    )
    from jupyterlab_server.workspaces_handler import WorkspacesManager

    WorkspacesManager(str(scratch / "workspaces")).save(
        "default", (ROOT / "config" / "workspace.json").read_text()
    )
    with open(scratch / "lab.log", "w") as log:
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "jupyter"),
                "lab",
                "--no-browser",
                "--allow-root",
                "--ip=127.0.0.1",
                f"--port={port}",
                f"--IdentityProvider.token={TOKEN}",
                f"--ServerApp.root_dir={served}",
                f"--LabApp.user_settings_dir={scratch / 'settings'}",
                f"--LabApp.workspaces_dir={scratch / 'workspaces'}",
            ],
            cwd=served,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    lab = Lab(f"http://127.0.0.1:{port}", scratch / "journal")
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                lab.api("/api/status")
                break
            except (urllib.error.URLError, ConnectionError) as exc:
                if server.poll() is not None or time.monotonic() > deadline:
                    log_tail = (scratch / "lab.log").read_text()[-3000:]
                    raise LabDidNotStart(f"JupyterLab did not start:\n{log_tail}") from exc
                time.sleep(0.25)
        yield lab
    finally:
        stop_process_group(server)
        shutil.rmtree(scratch, ignore_errors=True)


@pytest.fixture(scope="session")
def lab() -> Iterator[Lab]:
    try:
        with serve_course() as running:
            yield running
    except LabDidNotStart as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium was not found at {CHROMIUM}. Install Debian's package "
            "(`apt-get install -y chromium`; .ci/run does this) or set CLOSER_CHROMIUM."
        )
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Error as exc:
            pytest.fail(f"Chromium at {CHROMIUM} could not start: {exc}")
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing ({AXE}). `make test` installs it with npm ci.")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def screenshots() -> Path:
    REPORTS.mkdir(parents=True, exist_ok=True)
    return REPORTS
