from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from course import journal as journal_module
from course.content import DATA_DIR
from course.journal import BACKEND_ENV, Journal
from course.journal.base import BACKENDS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def private_default_journal(monkeypatch, tmp_path):
    """Each test gets its own default journal folder and no cached default journal."""
    monkeypatch.setenv("CLOSER_DATA_DIR", str(tmp_path / "default-journal"))
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.setattr(journal_module, "_default", None)
    yield


@pytest.fixture(params=BACKENDS)
def backend(request, monkeypatch) -> str:
    """Run a test once per journal store (SQLite, and the browser edition's JSON Lines): every
    Journal(...) it opens, in this process or in one it starts, is of that store."""
    monkeypatch.setenv(BACKEND_ENV, request.param)
    return request.param


@pytest.fixture
def journal(tmp_path) -> Journal:
    return Journal(tmp_path / "journal")


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A scratch copy of course/data that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target
