"""Where the journal lives, and where it must never live (inside a course checkout)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

DATA_DIR_ENV = "CLOSER_DATA_DIR"
# In the browser edition: a hidden folder in JupyterLite's drive, which the browser keeps for
# the site (in IndexedDB) until its data is cleared.
BROWSER_DATA_DIR = Path("/drive/.closer")


# Folders of a course checkout that must never hold a journal.
COURSE_FOLDERS = ("course", "exercises", "solutions", "submitted", "autograded", "feedback")


class JournalLocationError(ValueError):
    """The journal was pointed at a place where private writing must not be kept."""


def on_binder() -> bool:
    """True on mybinder.org-style sessions, whose files vanish when the session ends."""
    return any(
        os.environ.get(name)
        for name in ("BINDER_SERVICE_HOST", "BINDER_LAUNCH_HOST", "BINDER_REQUEST", "BINDER_REPO_URL")
    )


def in_browser() -> bool:
    """True in the browser edition (Python compiled to WebAssembly: Pyodide in JupyterLite)."""
    return sys.platform == "emscripten"


def browser_storage_missing() -> bool:
    """True in the browser edition when the page could not connect the browser's storage to
    Python (its drive needs a service worker, which some private windows refuse), so the journal
    would be written to memory and lost at the next reload. Nothing to check elsewhere."""
    if not in_browser():
        return False
    try:
        import pyodide_js  # Pyodide's own JavaScript side: the file system the kernel mounted
    except ImportError:
        return False
    drive = str(BROWSER_DATA_DIR.parent)
    try:
        # The folder as Python sees it: the root of whatever is mounted there (the drive), or an
        # ordinary folder of the memory file system mounted at "/".
        return pyodide_js.FS.lookupPath(drive).node.mount.mountpoint != drive
    except Exception:  # no /drive at all: nothing was mounted there
        return True


def under_grader() -> bool:
    """True while nbgrader executes a notebook (autograde or validate)."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))


def default_data_dir() -> Path:
    """$CLOSER_DATA_DIR if set, else a ``closer`` folder in the Jupyter data directory (in the
    browser edition, ``.closer`` in the browser's drive)."""
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    if in_browser():
        return BROWSER_DATA_DIR
    from jupyter_core.paths import jupyter_data_dir

    return Path(jupyter_data_dir()) / "closer"


def project_root(path: Path) -> Path | None:
    """The nearest folder above ``path`` that is a Closer checkout or an nbgrader course."""
    for folder in (path, *path.parents):
        if (folder / "nbgrader_config.py").is_file():
            return folder
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "closer-course" in pyproject.read_text(errors="replace"):
            return folder
    return None


def check_location(folder: Path) -> Path:
    """Refuse folders where private writing could be committed, shared or handed in.

    A checkout's own files are off limits. Hidden folders under a checkout are allowed
    because on Binder the checkout *is* the home folder, and Jupyter's data directory
    (~/.local/share/jupyter) sits inside it, out of sight and out of git's way.
    """
    folder = Path(os.path.abspath(folder))
    package_dir = Path(__file__).resolve().parents[1]
    if folder == package_dir or package_dir in folder.parents:
        raise JournalLocationError(
            f"The journal cannot live inside the course package ({package_dir}). "
            f"Set {DATA_DIR_ENV} to a private folder outside the course, or unset it."
        )
    if in_browser() and folder == BROWSER_DATA_DIR:
        # The browser edition's own hidden folder: allowed wherever the drive's files came from,
        # and each file looked for on the way up would be a round trip through the page.
        return folder
    root = project_root(folder)
    if root is None:
        return folder
    relative = folder.relative_to(root).parts
    first = relative[0] if relative else ""
    if not first or not first.startswith(".") or first == ".git" or first in COURSE_FOLDERS:
        raise JournalLocationError(
            f"The journal cannot live inside the course folder {root} (asked for {folder}): "
            "it could be committed, shared or handed in with an assignment. "
            f"Set {DATA_DIR_ENV} to a private folder outside the course, or unset it."
        )
    return folder
