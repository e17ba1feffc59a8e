"""`make course` really serves JupyterLab with the welcome notebook open."""

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


def test_make_course_serves_the_welcome_notebook(tmp_path):
    port = free_port()
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), BROWSER="true")
    proc = subprocess.Popen(
        [
            "make",
            "--no-print-directory",
            "course",
            f"PORT={port}",
            f"JUPYTER_ARGS=--no-browser --ip=127.0.0.1 --IdentityProvider.token={TOKEN}",
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
    try:
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
        assert url, "no URL printed:\n" + "".join(log)
        assert f"127.0.0.1:{port}/lab/tree/course/00_welcome.ipynb?token=" in url

        def get(path: str):
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}{path}", headers={"Authorization": f"token {TOKEN}"}
            )
            return urllib.request.urlopen(request, timeout=30)

        # The address is logged a moment before the server accepts connections.
        for _ in range(100):
            try:
                get("/api/status").close()
                break
            except urllib.error.URLError:
                time.sleep(0.1)
        with get("/api/contents/course/00_welcome.ipynb?content=1") as reply:
            model = json.load(reply)
        assert model["name"] == "00_welcome.ipynb"
        assert model["content"]["cells"][0]["source"].startswith("# Welcome to Closer")
        with get("/lab/tree/course/00_welcome.ipynb") as reply:
            assert reply.status == 200
            assert "JupyterLab" in reply.read().decode()
        # The course's settings: no news feed and no update checks (nothing leaves the machine).
        with get("/lab/api/settings/@jupyterlab/apputils-extension:notification") as reply:
            properties = json.load(reply)["schema"]["properties"]
        assert properties["fetchNews"]["default"] == "false"
        assert properties["checkForUpdates"]["default"] is False
    except Exception:
        os.killpg(proc.pid, signal.SIGTERM)
        rest, _ = proc.communicate(timeout=30)
        print("".join(log) + rest)  # shown by pytest when the test fails
        raise
    finally:
        stop_process_group(proc)
