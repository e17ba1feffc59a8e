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
# Markers that only an instructor's notebook carries.
MARKERS = ("# SOLUTION", "### BEGIN HIDDEN TESTS", "### BEGIN SOLUTION", "instructor version only")


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


def _read(root: Path, tree: str, path: str) -> str:
    return _git("cat-file", "-p", f"{tree}:{path}", root=root)


def secrets(root: Path, source: str = "HEAD") -> set[str]:
    """The answers themselves: each line of the instructor notebooks that learners never get
    (answer lines, hidden tests, example reflections), as it would appear in any file."""
    import json

    tree = _git("rev-parse", f"{source}^{{tree}}", root=root)
    found: set[str] = set()
    for path in _git("ls-tree", "-r", "--name-only", tree, "--", "solutions", root=root).splitlines():
        if not path.endswith(".ipynb"):
            continue
        for cell in json.loads(_read(root, tree, path)).get("cells", []):
            meta = cell.get("metadata", {}).get("nbgrader", {})
            text = "".join(cell.get("source", ""))
            hidden = text.split("### BEGIN HIDDEN TESTS")[1:]
            lines = [line for part in hidden for line in part.split("### END HIDDEN TESTS")[0].splitlines()]
            if meta.get("solution"):
                lines += text.splitlines() if cell.get("cell_type") == "markdown" else []
                lines += [line for line in text.splitlines() if "# SOLUTION" in line]
            found |= {line.strip() for line in lines if len(line.strip()) >= 24}
    return found


def giveaways(root: Path, tree: str, source: str = "HEAD") -> list[str]:
    """Files in ``tree`` that would give an answer away: an instructor's marker in a notebook,
    or any answer, hidden test or example reflection of ``source``'s solutions (should be none)."""
    answers = secrets(root, source)
    found = []
    for path in _git("ls-tree", "-r", "--name-only", tree, root=root).splitlines():
        if path.endswith((".png", ".jpg", ".ico")):
            continue
        text = _read(root, tree, path)
        if path.endswith(".ipynb"):
            found += [f"{path}: {mark}" for mark in MARKERS if mark in text]
        found += [f"{path}: {line[:60]}" for line in answers if line in text]
    return found


def build(root: Path, source: str = "HEAD") -> str:
    """Commit the learner edition of ``source`` onto ``learners``; returns the new commit."""
    tree = build_tree(root, source)
    bad = giveaways(root, tree, source)
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
        bad = giveaways(root, build_tree(root, args.source), args.source)
        print("\n".join(bad) if bad else "The learner edition holds no answers.")
        return 1 if bad else 0
    commit = build(root, args.source)
    print(f"Branch {BRANCH} is at {commit[:12]}. Publish it with: git push origin {BRANCH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
