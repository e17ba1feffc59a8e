"""The graded cells' sandbox: a fresh interpreter that sees no course, no network, no home, and
stops at its limits. (Learner code never reaches it; these cells stand in for a broken or
hostile cell to show what isolation would contain.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from course.facilitator import sandbox

ROOT = Path(__file__).resolve().parents[2]
needs_isolation = pytest.mark.skipif(
    sandbox.isolation_problem() is not None, reason=f"isolation unavailable: {sandbox.isolation_problem()}"
)


def _texts(outputs: list[dict]) -> str:
    return "".join(o.get("text", "") + o.get("evalue", "") for o in outputs)


def test_cells_share_one_namespace_and_an_error_does_not_stop_the_next():
    out = sandbox.run_cells(
        [
            "from course.exercises import mark",
            "story_1 = 'experiential'",
            "mark(story_1, 'emotional', 'Story 1 is about doing things together.')",
            "mark(story_1, 'experiential', 'Story 1 is about doing things together.')",
            "1 + 1",
        ]
    )
    assert out[0] == [] and out[1] == []
    assert out[2][-1]["output_type"] == "error" and out[2][-1]["ename"] == "AssertionError"
    assert "✗ Not quite." in out[2][-1]["evalue"]
    assert out[3] == [
        {
            "output_type": "stream",
            "name": "stdout",
            "text": "✓ Right. Story 1 is about doing things together.\n",
        }
    ]
    assert out[4] == [{"output_type": "execute_result", "data": {"text/plain": "2"}}]


def test_output_is_trimmed_as_it_is_made():
    (out,) = sandbox.run_cells(["print('x' * 5_000_000)"], limits=sandbox.Limits(output_chars=1000))
    assert len(out[0]["text"]) < 1100 and out[0]["text"].endswith("... Output truncated ...\n")


def test_cells_that_never_end_are_stopped_and_named():
    with pytest.raises(sandbox.RunFailed, match="took longer than 2 s and were stopped"):
        sandbox.run_cells(["while True:\n    pass"], limits=sandbox.Limits(seconds=2))


def test_memory_is_limited():
    (out,) = sandbox.run_cells(["x = bytearray(4 * 1024**3)"], limits=sandbox.Limits(memory_mb=512))
    assert out[-1]["ename"] == "MemoryError"


@needs_isolation
def test_isolated_cells_see_no_course_no_home_and_no_network():
    here = str(ROOT)
    out = sandbox.run_cells(
        [
            f"import os\nprint(os.path.exists({here!r}), os.path.exists({str(Path.home() / '.bashrc')!r}))",
            f"print(os.path.exists({str(ROOT / 'solutions')!r}), os.path.exists('/etc/passwd'))",
            "import socket\nsocket.create_connection(('1.1.1.1', 53), timeout=3)",
            f"open({str(ROOT / 'vandal.txt')!r}, 'w').write('x')",
            "print(os.getcwd(), sorted(os.listdir('.')))",
            "print(os.getppid(), len([p for p in os.listdir('/proc') if p.isdigit()]) <= 3)",
        ]
    )
    assert _texts(out[0]) == "False False\n"
    assert _texts(out[1]) == "False False\n"
    assert out[2][-1]["output_type"] == "error"  # no network at all
    assert out[3][-1]["output_type"] == "error" and not (ROOT / "vandal.txt").exists()
    assert _texts(out[4]).startswith("/grading ['course', 'request.json', 'runner.py']")
    assert _texts(out[5]).split()[1] == "True", "the interpreter sees only its own processes"


def test_without_isolation_it_still_runs_but_only_when_asked(monkeypatch):
    out = sandbox.run_cells(["print('plain')"], isolate=False)
    assert _texts(out[0]) == "plain\n"
    monkeypatch.setenv(sandbox.ISOLATION_ENV, "off")
    assert not sandbox.isolation_wanted()
    monkeypatch.setenv(sandbox.ISOLATION_ENV, "on")
    assert sandbox.isolation_wanted()


def test_a_machine_without_bubblewrap_is_told_so_in_one_line(tmp_path):
    """With no bwrap on the PATH, grading refuses and names the fix (and --no-isolation)."""
    code = (
        "from course.facilitator import sandbox\n"
        "print(sandbox.isolation_problem())\n"
        "try:\n    sandbox.run_cells(['1'])\n"
        "except sandbox.IsolationUnavailable as e:\n    print('refused:', e)\n"
    )
    env = dict(os.environ, PATH=str(tmp_path), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    lines = done.stdout.splitlines()
    assert lines == [
        "bubblewrap is not installed (Debian/Ubuntu: apt-get install bubblewrap)",
        "refused: bubblewrap is not installed (Debian/Ubuntu: apt-get install bubblewrap)",
    ], done.stderr
