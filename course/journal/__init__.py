"""The learner's private journal: reflections, check-ins, module progress, saved results.

Nothing committed is ever lost: a kernel that dies mid-write (or a second notebook writing
at the same moment) can never leave half an entry or lose a saved one. The file lives in the
learner's Jupyter data folder, readable only by them (mode 0600), and never inside a course
checkout, where it could be committed, shared or handed in by accident. In the browser
edition it lives in the browser's own storage for the site. Nothing here talks to the network.

The package: ``entries`` (what a journal holds and the checks on it), two stores with one
API, ``sqlite`` (on a computer or server) and ``jsonl`` (in the browser), and ``base`` (what
they share, and which one ``Journal(folder)`` opens), ``export`` (Markdown), ``location``
(where it may live) and ``seal`` (the passphrase lock). ``default_journal`` is the one a
notebook uses.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile

from .base import BACKEND_ENV, Journal, JournalLocked, backend_name
from .entries import CheckIn, Draft, Progress, Record, Reflection, as_dict
from .location import (
    DATA_DIR_ENV,
    JournalLocationError,
    browser_storage_missing,
    check_location,
    default_data_dir,
    in_browser,
    on_binder,
    under_grader,
)
from .seal import LockUnavailable, WrongPassphrase

__all__ = [
    "BACKEND_ENV",
    "DATA_DIR_ENV",
    "CheckIn",
    "Draft",
    "Journal",
    "JournalLocationError",
    "JournalLocked",
    "LockUnavailable",
    "Progress",
    "Record",
    "Reflection",
    "WrongPassphrase",
    "as_dict",
    "backend_name",
    "browser_storage_missing",
    "check_location",
    "default_data_dir",
    "default_journal",
    "in_browser",
    "on_binder",
    "under_grader",
]


_default: Journal | None = None


_GRADING_PREFIX = "closer-grading-"


def default_journal() -> Journal:
    """The learner's journal; under nbgrader a throwaway one, so grading never touches
    (or waits on) anyone's real journal."""
    global _default
    if under_grader():
        if _default is None or not _default.folder.name.startswith(_GRADING_PREFIX):
            folder = tempfile.mkdtemp(prefix=_GRADING_PREFIX)
            atexit.register(shutil.rmtree, folder, True)
            _default = Journal(folder)
        return _default
    folder = check_location(default_data_dir())
    if _default is None or _default.folder != folder or backend_name() != _default.BACKEND:
        _default = Journal(folder)
    return _default
