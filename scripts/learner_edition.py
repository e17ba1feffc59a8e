"""Build the learner edition: a `learners` branch holding the course without its answers.

Learners launch the course from the Binder badge, nbgitpuller links or a clone. Whatever they
launch is theirs to read in full, so it must not hold `solutions/` (answers, hidden tests,
example reflections), the tests (which grade sample answers), the facilitator's grading
settings or the hub's configuration. This builds that branch from a commit of `main` with
git's own plumbing (a separate index, `write-tree`, `commit-tree`): the working tree and the
current branch are never touched. Each build adds one commit to `learners`, whose parent is
the previous build, so learners' clones can always pull.

    python scripts/learner_edition.py            # from HEAD into the local branch `learners`
    python scripts/learner_edition.py --check    # fail if the branch would hold an answer
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

BRANCH = "learners"
# What only facilitators and course authors need; everything else is the learner's course.
LEFT_OUT = (
    "solutions",
    "tests",
    ".github",
    ".ci",
    "hub",
    "nbgrader_config.py",
    "course/facilitator_guide.ipynb",
    "course/cohort_report.ipynb",
)
# Text that would give an answer away; none of it may reach the learner edition.
GIVEAWAYS = ("# SOLUTION", "### BEGIN HIDDEN TESTS", "BEGIN SOLUTION", "instructor version only")


def _git(*args: str, env: dict[str, str] | None = None, root: Path) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    if done.returncode != 0:
        raise SystemExit(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout.strip()


def build_tree(root: Path, source: str = "HEAD") -> str:
    """The tree of ``source`` without what learners must not have; returns its id."""
    with tempfile.TemporaryDirectory() as scratch:
        env = dict(os.environ, GIT_INDEX_FILE=str(Path(scratch) / "index"))
        _git("read-tree", source, env=env, root=root)
        _git("rm", "-r", "--cached", "--quiet", "--ignore-unmatch", "--", *LEFT_OUT, env=env, root=root)
        return _git("write-tree", env=env, root=root)


def giveaways(root: Path, tree: str) -> list[str]:
    """Files in ``tree`` that hold text giving an answer away (should be none)."""
    found = []
    for path in _git("ls-tree", "-r", "--name-only", tree, root=root).splitlines():
        text = (
            _git("cat-file", "-p", f"{tree}:{path}", root=root) if not path.endswith((".png", ".jpg")) else ""
        )
        found += [f"{path}: {mark}" for mark in GIVEAWAYS if mark in text]
    return found


def build(root: Path, source: str = "HEAD") -> str:
    """Commit the learner edition of ``source`` onto ``learners``; returns the new commit."""
    tree = build_tree(root, source)
    bad = giveaways(root, tree)
    if bad:
        raise SystemExit("The learner edition would give answers away:\n  " + "\n  ".join(bad))
    parents = []
    previous = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"refs/heads/{BRANCH}"],
        cwd=root,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if previous:
        if _git("rev-parse", f"{previous}^{{tree}}", root=root) == tree:
            return previous  # nothing new for learners
        parents = ["-p", previous]
    origin = _git("rev-parse", "--short", source, root=root)
    message = f"Learner edition of {origin}: the course without solutions, tests or facilitators' settings"
    commit = _git("commit-tree", tree, *parents, "-m", message, root=root)
    _git("update-ref", f"refs/heads/{BRANCH}", commit, *([previous] if previous else []), root=root)
    return commit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default="HEAD", help="the commit to build from")
    parser.add_argument("--check", action="store_true", help="only check; build nothing")
    args = parser.parse_args(argv)
    root = Path(_git("rev-parse", "--show-toplevel", root=Path.cwd()))
    if args.check:
        bad = giveaways(root, build_tree(root, args.source))
        print("\n".join(bad) if bad else "The learner edition holds no answers.")
        return 1 if bad else 0
    commit = build(root, args.source)
    print(f"Branch {BRANCH} is at {commit[:12]}. Publish it with: git push origin {BRANCH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
