"""The learner edition: what learners launch holds the course and the exercises, never answers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import learner_edition  # noqa: E402

from course.facilitator.links import LEARNER_BRANCH, binder_url, nbgitpuller_url, repository_url  # noqa: E402

IDENTITY = {
    "GIT_AUTHOR_NAME": "test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture
def clone(tmp_path, monkeypatch):
    for name, value in IDENTITY.items():
        monkeypatch.setenv(name, value)
    repo = tmp_path / "repo"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(repo)], check=True)
    return repo


def test_the_learner_edition_leaves_out_answers_and_keeps_the_course(clone):
    commit = learner_edition.build(clone)
    files = set(_git(clone, "ls-tree", "-r", "--name-only", commit).splitlines())
    assert "course/00_welcome.ipynb" in files and "binder/requirements.txt" in files and "README.md" in files
    # the optional notebooks ship with every edition, and partner mode's words with them
    assert {"course/before_you_start.ipynb", "course/03_together.ipynb", "course/data/partner.yaml"} <= files
    assert any(f.startswith("exercises/01_what_is_intimacy/") for f in files)
    for left_out in learner_edition.LEFT_OUT:
        assert not any(f == left_out or f.startswith(left_out + "/") for f in files), left_out
    assert learner_edition.giveaways(clone, f"{commit}^{{tree}}") == []
    assert _git(clone, "rev-parse", f"refs/heads/{LEARNER_BRANCH}") == commit
    assert _git(clone, "rev-parse", "--abbrev-ref", "HEAD") != LEARNER_BRANCH, (
        "the working branch is untouched"
    )


def test_the_check_finds_answers_where_they_are(clone):
    """The giveaway check must be able to fail: the full course does hold answers."""
    full = _git(clone, "rev-parse", "HEAD^{tree}")
    found = learner_edition.giveaways(clone, full)
    assert any(f.startswith("solutions/") and "# SOLUTION" in f for f in found)


def test_each_build_adds_to_the_branch_so_learners_can_pull(clone):
    first = learner_edition.build(clone)
    assert learner_edition.build(clone) == first, "nothing new, no new commit"
    (clone / "course" / "NOTE.md").write_text("a new page\n")
    _git(clone, "add", "course/NOTE.md")
    _git(clone, "commit", "--quiet", "-m", "a new page")
    second = learner_edition.build(clone)
    assert _git(clone, "rev-parse", f"{second}^") == first
    assert "course/NOTE.md" in _git(clone, "ls-tree", "-r", "--name-only", second)


def test_every_launch_link_opens_the_learner_edition():
    repo = repository_url()
    assert f"/{LEARNER_BRANCH}?urlpath=" in binder_url(repo)
    assert f"branch={LEARNER_BRANCH}" in nbgitpuller_url("https://hub.example.org", repo)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert binder_url(repo) in readme
    z2jh = (ROOT / "hub" / "z2jh-values.yaml").read_text(encoding="utf-8")
    assert f"branch={LEARNER_BRANCH}" in z2jh and "branch=main" not in z2jh
    workflow = (ROOT / ".github" / "workflows" / "learner-edition.yml").read_text(encoding="utf-8")
    assert (
        "python3 scripts/learner_edition.py" in workflow and f"git push origin {LEARNER_BRANCH}" in workflow
    )


def test_the_command_says_where_the_branch_is(clone):
    done = subprocess.run(
        [sys.executable, str(clone / "scripts" / "learner_edition.py")],
        cwd=clone,
        capture_output=True,
        text=True,
        env=dict(os.environ, **IDENTITY),
    )
    assert done.returncode == 0, done.stderr
    assert (
        f"Branch {LEARNER_BRANCH} is at" in done.stdout and f"git push origin {LEARNER_BRANCH}" in done.stdout
    )
