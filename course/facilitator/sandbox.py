"""Where graded cells run: a fresh interpreter in a throwaway folder, isolated on Linux.

Learner code no longer runs while grading (see ``answers``), so what runs here is the course's
own cells and answers rebuilt as literals. It runs isolated anyway, as defence in depth: with
bubblewrap (``bwrap``) the interpreter sees only the system's libraries, Python's own install
and a scratch folder; it has no network, no other processes, no course folder, gradebook,
solutions or home folder, and limits on time, memory, processes, file size and output.

Where bubblewrap is missing or user namespaces are off (macOS, some containers), isolation is
unavailable: grading then stops with one line saying so, unless the facilitator chose to grade
without it (``--no-isolation``, or ``CLOSER_GRADING_ISOLATION=off`` for plain nbgrader).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

ISOLATION_ENV = "CLOSER_GRADING_ISOLATION"
HERE = Path(__file__).resolve().parent
EXERCISES = HERE.parent / "exercises.py"
RUNNER = HERE / "runner.py"


class IsolationUnavailable(RuntimeError):
    """Grading was asked to run isolated, and this machine cannot isolate it."""


class RunFailed(RuntimeError):
    """The graded cells could not be run (time limit, crash): the message names the problem."""


@dataclass(frozen=True)
class Limits:
    seconds: float = 60.0
    memory_mb: int = 1024
    output_chars: int = 20_000
    file_mb: int = 16

    def for_runner(self) -> dict[str, Any]:
        return {
            "memory_mb": self.memory_mb,
            "output_chars": self.output_chars,
            "cpu_seconds": max(1, int(self.seconds)),
            "file_mb": self.file_mb,
        }


def isolation_wanted() -> bool:
    """False only when the facilitator turned isolation off (``CLOSER_GRADING_ISOLATION=off``)."""
    return os.environ.get(ISOLATION_ENV, "").strip().lower() not in ("off", "0", "no", "false")


def _python() -> tuple[str, list[str]]:
    """The real interpreter (not a venv's link to it) and the folders it needs to start."""
    executable = os.path.realpath(getattr(sys, "_base_executable", None) or sys.executable)
    folders = {os.path.realpath(sys.base_prefix), os.path.dirname(executable)}
    return executable, sorted(f for f in folders if not f.startswith(("/usr/", "/bin", "/lib")))


def _bwrap_command(scratch: Path, command: list[str]) -> list[str]:
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        raise IsolationUnavailable("bubblewrap (bwrap) is not installed")
    args = [bwrap, "--unshare-all", "--die-with-parent", "--new-session", "--clearenv", "--cap-drop", "ALL"]
    for system in ("/usr", "/bin", "/lib", "/lib64", "/lib32", "/sbin"):
        if os.path.exists(system):
            args += ["--ro-bind", system, system]
    for folder in _python()[1]:
        args += ["--ro-bind", folder, folder]
    args += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--bind", str(scratch), "/grading"]
    args += ["--chdir", "/grading", "--setenv", "HOME", "/grading", "--setenv", "PATH", "/usr/bin:/bin"]
    args += ["--setenv", "LANG", "C.UTF-8", "--"]
    return args + command


@cache
def isolation_problem() -> str | None:
    """None when isolated runs work on this machine, else why not, in a few words."""
    if not sys.platform.startswith("linux"):
        return f"isolation needs Linux and bubblewrap; this is {sys.platform}"
    if shutil.which("bwrap") is None:
        return "bubblewrap is not installed (Debian/Ubuntu: apt-get install bubblewrap)"
    with tempfile.TemporaryDirectory(prefix="closer-probe-") as scratch:
        probe = _bwrap_command(Path(scratch), [_python()[0], "-I", "-S", "-c", "print('ok')"])
        try:
            done = subprocess.run(probe, capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"bubblewrap could not start ({exc})"
    if done.returncode != 0 or done.stdout.strip() != "ok":
        reason = (done.stderr.strip().splitlines() or ["no reason given"])[-1]
        return f"bubblewrap cannot isolate here ({reason}); user namespaces may be turned off"
    return None


def _scratch(cells: list[str], limits: Limits) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="closer-grade-"))
    package = folder / "course"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    shutil.copy(EXERCISES, package / "exercises.py")
    shutil.copy(RUNNER, folder / "runner.py")
    request = {"cells": cells, "limits": limits.for_runner()}
    (folder / "request.json").write_text(json.dumps(request), encoding="utf-8")
    return folder


def run_cells(cells: list[str], *, isolate: bool = True, limits: Limits | None = None) -> list[list[dict]]:
    """Run ``cells`` in order in one fresh interpreter; each cell's outputs, in nbformat's shape."""
    limits = limits or Limits()
    if isolate:
        problem = isolation_problem()
        if problem:
            raise IsolationUnavailable(problem)
    scratch = _scratch(cells, limits)
    try:
        python = _python()[0]
        if isolate:
            command = _bwrap_command(scratch, [python, "-I", "-S", "-B", "-X", "utf8", "runner.py"])
            command += ["request.json", "result.json"]
            env = {}
        else:
            command = [python, "-I", "-S", "-B", "-X", "utf8", "runner.py", "request.json", "result.json"]
            env = {"PATH": "/usr/bin:/bin", "HOME": str(scratch), "LANG": "C.UTF-8"}
        try:
            done = subprocess.run(
                command,
                cwd=scratch,
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=limits.seconds,
                start_new_session=True,
            )
        except subprocess.TimeoutExpired:
            raise RunFailed(
                f"the graded cells took longer than {limits.seconds:g} s and were stopped"
            ) from None
        result = scratch / "result.json"
        if done.returncode != 0 or not result.is_file():
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
            raise RunFailed(
                f"the graded cells stopped unexpectedly (exit {done.returncode}: {tail[0][:200]})"
            )
        try:
            outputs = json.loads(result.read_text(encoding="utf-8"))["outputs"]
        except (ValueError, KeyError) as exc:
            raise RunFailed(f"the graded cells left an unreadable result ({exc})") from None
        if not isinstance(outputs, list) or len(outputs) != len(cells):
            raise RunFailed("the graded cells left an incomplete result")
        return outputs
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
