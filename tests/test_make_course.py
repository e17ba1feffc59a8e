"""`make course` really serves JupyterLab with the welcome notebook open, in the learner view
(notebooks only, no nbgrader authoring tools), and `make course FACILITATOR=1` the facilitator's."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from support import free_port, stop_process_group

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "closer-make-course-test"

pytestmark = pytest.mark.slow


def _serve(tmp_path: Path, *make_args: str) -> tuple[subprocess.Popen, list[str], str]:
    """`make course` with a free port; returns the process, its log so far and the address."""
    port = free_port()
    # a home of its own: the course must never write into the learner's own Jupyter settings
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), BROWSER="true", HOME=str(tmp_path))
    env.pop("JUPYTER_CONFIG_PATH", None)
    proc = subprocess.Popen(
        [
            "make",
            "--no-print-directory",
            "course",
            f"PORT={port}",
            f"JUPYTER_ARGS=--no-browser --ip=127.0.0.1 --IdentityProvider.token={TOKEN}",
            *make_args,
        ],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    log: list[str] = []
    deadline = time.monotonic() + 120
    url = None
    assert proc.stdout is not None
    while time.monotonic() < deadline and url is None:
        line = proc.stdout.readline()
        if not line:
            break
        log.append(line)
        found = re.search(r"(http://127\.0\.0\.1:\d+/\S+)", line)
        if found and "token=" in found.group(1):
            url = found.group(1)
    return proc, log, url or ""


def _get(url: str, path: str):
    base = re.match(r"http://127\.0\.0\.1:\d+", url).group(0)
    request = urllib.request.Request(f"{base}{path}", headers={"Authorization": f"token {TOKEN}"})
    return urllib.request.urlopen(request, timeout=30)


def _wait_until_up(url: str) -> None:
    # The address is logged a moment before the server accepts connections.
    for _ in range(100):
        try:
            _get(url, "/api/status").close()
            return
        except urllib.error.URLError:
            time.sleep(0.1)


def _disabled(page: str) -> list[str]:
    """The JupyterLab extensions the page was told to leave out (its page config)."""
    found = re.search(r'"disabledExtensions": (\[[^\]]*\])', page)
    return json.loads(found.group(1)) if found else []


def _json(url: str, path: str):
    with _get(url, path) as reply:
        return json.load(reply)


def test_make_course_serves_the_welcome_notebook_in_the_learner_view(tmp_path):
    proc, log, url = _serve(tmp_path)
    try:
        assert url, "no URL printed:\n" + "".join(log)
        assert "/lab/tree/course/00_welcome.ipynb?token=" in url
        _wait_until_up(url)
        model = _json(url, "/api/contents/course/00_welcome.ipynb?content=1")
        assert model["name"] == "00_welcome.ipynb"
        assert model["content"]["cells"][0]["source"].startswith("# Welcome to Closer")
        with _get(url, "/lab/tree/course/00_welcome.ipynb") as reply:
            assert reply.status == 200
            page = reply.read().decode()
        assert "JupyterLab" in page
        # The course's settings: no news feed and no update checks (nothing leaves the machine),
        # a word when a cell is run before Python has started, and no kernel question.
        news = _json(url, "/lab/api/settings/@jupyterlab/apputils-extension:notification")
        properties = news["schema"]["properties"]
        assert properties["fetchNews"]["default"] == "false"
        assert properties["checkForUpdates"]["default"] is False
        tracker = _json(url, "/lab/api/settings/@jupyterlab/notebook-extension:tracker")["schema"][
            "properties"
        ]
        assert tracker["enableKernelInitNotification"]["default"] is True
        assert tracker["autoStartDefaultKernel"]["default"] is True
        # Learners see the notebooks, not the Python package beside them ...
        listing = sorted(item["name"] for item in _json(url, "/api/contents/course")["content"])
        assert listing == sorted(p.name for p in (ROOT / "course").glob("*.ipynb")), listing
        assert "exercises" in {item["name"] for item in _json(url, "/api/contents")["content"]}
        # ... and none of nbgrader's authoring tools or its Formgrader
        disabled = _disabled(page)
        for plugin in ("formgrader", "create-assignment", "course-list", "menu"):
            assert f"@jupyter/nbgrader:{plugin}" in disabled, plugin
        with pytest.raises(urllib.error.HTTPError):
            _get(url, "/formgrader").close()
        # The course's layout: the notebook opens full width (the file browser one click away)
        layout = _json(url, "/lab/api/workspaces/default")["data"]["layout-restorer:data"]
        assert layout["left"]["collapsed"] is True
        assert any("Learner view" in line for line in log)
    except Exception:
        os.killpg(proc.pid, signal.SIGTERM)
        rest, _ = proc.communicate(timeout=30)
        print("".join(log) + rest)  # shown by pytest when the test fails
        raise
    finally:
        stop_process_group(proc)


def test_make_course_for_facilitators_shows_the_formgrader_and_the_package(tmp_path):
    """One documented switch: `make course FACILITATOR=1`."""
    proc, log, url = _serve(tmp_path, "FACILITATOR=1")
    try:
        assert url, "no URL printed:\n" + "".join(log)
        _wait_until_up(url)
        names = {item["name"] for item in _json(url, "/api/contents/course")["content"]}
        assert {"ui", "__init__.py", "00_welcome.ipynb"} <= names
        with _get(url, "/lab/tree/course/00_welcome.ipynb") as reply:
            page = reply.read().decode()
        assert not any(name.startswith("@jupyter/nbgrader") for name in _disabled(page))
        with _get(url, "/formgrader") as reply:
            assert reply.status == 200
        assert any("Facilitator view" in line for line in log)
    except Exception:
        os.killpg(proc.pid, signal.SIGTERM)
        rest, _ = proc.communicate(timeout=30)
        print("".join(log) + rest)
        raise
    finally:
        stop_process_group(proc)
