"""One grading run at a time per course.

nbgrader's ``--force`` deletes a submission's working folder before grading it again, so two
runs at once can delete each other's work and leave reports that are wrong. Every grading run
(``nbgrader autograde``, the Formgrader's button, ``python -m course.facilitator autograde``)
takes the course's lock first; a second run waits, saying so, and starts when the first ends.
The lock is the operating system's (``flock``), so a run killed outright (kill -9) leaves no
stale lock behind. The parallel command's worker processes share their parent's lock.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

LOCK_NAME = ".closer-grading.lock"
SHARED_ENV = "CLOSER_GRADING_LOCK_SHARED"


def _holder(handle) -> str:
    handle.seek(0)
    return handle.read().strip()


@contextlib.contextmanager
def grading_lock(root: str | os.PathLike[str], say: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the course's grading lock; while another run holds it, wait and say so once."""
    path = Path(root) / LOCK_NAME
    shared = os.environ.get(SHARED_ENV, "")
    try:
        import fcntl
    except ImportError:  # Windows: nothing to lock with; runs are the facilitator's to keep apart
        yield
        return
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the whole run
    try:
        if shared and shared == _holder(handle).split(" ", 1)[0]:
            yield  # a worker of the run that holds the lock
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            other = _holder(handle).split(" ", 1)[-1] or "another run"
            (say or _say)(
                f"Another grading run for this course is in progress ({other}); waiting for it to finish…"
            )
            fcntl.flock(handle, fcntl.LOCK_EX)
        token = secrets.token_hex(8)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{token} process {os.getpid()}, started {time.strftime('%H:%M:%S')}\n")
        handle.flush()
        previous = os.environ.get(SHARED_ENV)
        os.environ[SHARED_ENV] = token
        try:
            yield
        finally:
            if previous is None:
                os.environ.pop(SHARED_ENV, None)
            else:
                os.environ[SHARED_ENV] = previous
            handle.seek(0)
            handle.truncate()
            handle.flush()
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        handle.close()


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def lock_nbgrader_autograde() -> None:
    """Make nbgrader's own Autograde take the course's lock for its whole run (once per process).

    nbgrader builds its Autograde converter itself, with no setting for another class, so the
    course wraps the converter's ``start``: everything it does, ``--force`` deletions included,
    happens while the lock is held. ``nbgrader_config.py`` calls this, so plain ``nbgrader
    autograde``, the Formgrader and the course's own command all share one lock.
    """
    from nbgrader.converters.autograde import Autograde

    if getattr(Autograde.start, "_closer_lock", False):
        return
    original = Autograde.start

    def start(self) -> None:
        with grading_lock(self.coursedir.root, self.log.warning):
            original(self)

    start._closer_lock = True  # type: ignore[attr-defined]
    Autograde.start = start  # type: ignore[method-assign]
