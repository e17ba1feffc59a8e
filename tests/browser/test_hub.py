"""A real JupyterHub on 127.0.0.1 with the course's own hub/jupyterhub_config.py: a learner
logs in, nbgitpuller pulls the course into their home, and the welcome notebook opens.

configurable-http-proxy comes from npm (make test installs it); the hub runs in its
testing mode (a dummy authenticator and the simple local spawner, one folder per user)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import wait_for_kernel

ROOT = Path(__file__).resolve().parents[2]
PROXY_BIN = ROOT / "tests" / "browser" / "node_modules" / ".bin"
PASSWORD = "closer-hub-test"
pytestmark = pytest.mark.slow


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def hub(tmp_path):
    if not (PROXY_BIN / "configurable-http-proxy").exists():
        pytest.fail("configurable-http-proxy is missing: `make test` installs it with npm ci.")
    repo = tmp_path / "closer.git"
    subprocess.run(["git", "clone", "--quiet", "--bare", str(ROOT), str(repo)], check=True)
    port = _port()
    env = dict(
        os.environ,
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{PROXY_BIN}{os.pathsep}{os.environ['PATH']}",
        CLOSER_REPO=f"file://{repo}",
        CLOSER_BRANCH=subprocess.run(
            ["git", "rev-parse", "--abbrev-ref", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip(),
        CLOSER_HUB_URL=f"http://127.0.0.1:{port}",
        CLOSER_HUB_AUTH="dummy",
        CLOSER_HUB_PASSWORD=PASSWORD,
        CLOSER_HUB_SPAWNER="simple",
        CLOSER_HUB_HOMES=str(tmp_path / "homes"),
        CLOSER_FACILITATORS="facilitator1",
    )
    env.pop("CLOSER_DATA_DIR", None)
    log = tmp_path / "hub.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "jupyterhub"),
                "-f",
                str(ROOT / "hub" / "jupyterhub_config.py"),
                f"--JupyterHub.hub_port={_port()}",
                f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{_port()}",
            ],
            cwd=tmp_path,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/hub/api/", timeout=5).close()
            break
        except (urllib.error.URLError, ConnectionError):
            if proc.poll() is not None or time.monotonic() > deadline:
                if proc.poll() is None:
                    os.killpg(proc.pid, signal.SIGKILL)
                pytest.fail("JupyterHub did not start:\n" + log.read_text()[-4000:])
            time.sleep(0.5)
    try:
        yield url, tmp_path / "homes", log
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def test_a_learner_logs_in_and_reaches_the_welcome_notebook(hub, browser):
    url, homes, log = hub
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{url}/hub/login")
        page.get_by_label("Username").fill("learner1")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{url}/user/learner1/lab/tree/closer/course/00_welcome.ipynb**", timeout=180_000)
        page.locator(".jp-RenderedMarkdown h1", has_text="Welcome to Closer").wait_for(timeout=60_000)
        # the execution indicator says "idle" before the kernel exists; a cell run then is refused
        wait_for_kernel(page, timeout=120_000)
        # run the first code cell: the journal must land in the learner's own home
        page.locator(".jp-CodeCell").first.click()
        page.keyboard.press("Shift+Enter")
        page.locator(".jp-OutputArea-output").get_by_text("Module 0: Welcome").wait_for(timeout=60_000)
    except Exception:
        print(log.read_text()[-4000:])
        raise
    finally:
        context.close()
    home = homes / "learner1"
    assert (home / "closer" / "course" / "00_welcome.ipynb").is_file(), "nbgitpuller pulled the course"
    journal = home / ".local" / "share" / "jupyter" / "closer" / "journal.sqlite3"
    assert journal.is_file(), "the journal is in the learner's home, outside the course folder"
    assert not list((home / "closer").rglob("*.sqlite3"))


def test_a_facilitator_can_manage_but_not_open_a_learners_server(hub, browser):
    """Learners' journals live in their servers: the facilitator role must not reach them."""
    url, _, log = hub

    def login(name: str):
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{url}/hub/login")
        page.get_by_label("Username").fill(name)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        return context, page

    learner, page = login("learner2")
    page.wait_for_url(f"{url}/user/learner2/lab/**", timeout=180_000)
    learner.close()
    facilitator, page = login("facilitator1")
    try:
        page.goto(f"{url}/hub/admin")
        page.get_by_text("learner2").first.wait_for(timeout=30_000)  # can see who is on the hub
        # the way a person would try: open the learner's JupyterLab (the hub's OAuth decides)
        reply = page.goto(f"{url}/user/learner2/lab")
        page.wait_for_load_state()
        assert reply is not None and reply.status == 403, f"a facilitator reached {page.url}"
        assert "/user/learner2/lab" not in page.url or page.locator(".jp-LabShell").count() == 0
    except Exception:
        print(log.read_text()[-4000:])
        raise
    finally:
        facilitator.close()
