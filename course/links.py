"""Launch links: ``python -m course.links`` prints, for every module, where it opens.

- **Browser** (``lite_url``): the browser edition on GitHub Pages, built by ``make lite`` and
  published by .github/workflows/browser-edition.yml; nothing to install and no server.
- **Binder** and, with ``--hub``, **Hub** (nbgitpuller) links, from ``course.facilitator.links``
  (``python -m course.facilitator links`` prints those two).

Every link derives from pyproject.toml's ``[project.urls] Repository``.
"""

from __future__ import annotations

import argparse
import sys

from .facilitator.links import (
    LEARNER_BRANCH,
    ROOT,
    WELCOME,
    _github_path,
    binder_url,
    nbgitpuller_url,
    repository_url,
)

__all__ = ["binder_url", "lite_site", "lite_url", "nbgitpuller_url", "repository_url"]


def lite_site(repo_url: str) -> str:
    """The browser edition's address on GitHub Pages: https://OWNER.github.io/REPOSITORY/ (the
    site's own address opens the welcome notebook)."""
    owner, repo = _github_path(repo_url).split("/")
    host = f"{owner.lower()}.github.io"
    return f"https://{host}/" if repo.lower() == host else f"https://{host}/{repo}/"


def lite_url(repo_url: str, notebook: str = WELCOME) -> str:
    """A link that opens ``notebook`` in the browser edition."""
    if notebook == WELCOME:
        return lite_site(repo_url)
    return f"{lite_site(repo_url)}lab/index.html?path={notebook}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Print browser, Binder and JupyterHub links for each module."
    )
    parser.add_argument("--hub", help="your JupyterHub's address, for nbgitpuller links")
    parser.add_argument(
        "--branch", default=LEARNER_BRANCH, help="the branch learners get (default: the learner edition)"
    )
    args = parser.parse_args(argv)
    repo = repository_url()
    for notebook in sorted((ROOT / "course").glob("[0-9][0-9]_*.ipynb")):
        rel = f"course/{notebook.name}"
        print(f"{notebook.stem}\n  Browser: {lite_url(repo, rel)}\n  Binder:  {binder_url(repo, rel)}")
        if args.hub:
            print(f"  Hub:     {nbgitpuller_url(args.hub, repo, rel, args.branch)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
