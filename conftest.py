"""Test-wide safety: no test, and no notebook kernel started by nbval, touches a real journal."""

import os
import shutil
import tempfile

_JOURNAL_DIR = tempfile.mkdtemp(prefix="closer-test-journal-")
os.environ["CLOSER_DATA_DIR"] = _JOURNAL_DIR
os.environ.pop("NBGRADER_EXECUTION", None)
for _name in ("BINDER_SERVICE_HOST", "BINDER_LAUNCH_HOST", "BINDER_REQUEST", "BINDER_REPO_URL"):
    os.environ.pop(_name, None)


def pytest_unconfigure(config):
    shutil.rmtree(_JOURNAL_DIR, ignore_errors=True)
