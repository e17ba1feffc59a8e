"""Launch links for the course: the browser edition and Binder for anyone, nbgitpuller for a
JupyterHub cohort.

- **Browser** (``lite_url``): the browser edition on GitHub Pages, built by ``make lite`` and
  published by .github/workflows/browser-edition.yml; nothing to install and no server.
- **Binder** and **Hub** open a notebook directly in JupyterLab (``urlpath=lab/tree/...``).

The repository comes from pyproject.toml's ``[project.urls] Repository`` so there is one place
to change it. Usage: ``python -m course.facilitator links`` (or ``python -m course.links``)
prints the links for every module.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import quote, urlencode, urlparse

ROOT = Path(__file__).resolve().parents[2]
WELCOME = "course/00_welcome.ipynb"
# What learners launch: the learner edition, without solutions (scripts/learner_edition.py).
LEARNER_BRANCH = "learners"


def repository_url(pyproject: Path | None = None) -> str:
    """The canonical repository URL from the checkout's pyproject.toml."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    if pyproject is None:
        candidates = (ROOT / "pyproject.toml", Path.cwd() / "pyproject.toml")
        pyproject = next((p for p in candidates if p.is_file()), candidates[-1])
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    try:
        return data["project"]["urls"]["Repository"]
    except KeyError:
        raise ValueError(f"{pyproject} has no [project.urls] Repository entry.") from None


def _github_path(repo_url: str) -> str:
    parsed = urlparse(repo_url)
    parts = [p for p in parsed.path.strip("/").removesuffix(".git").split("/") if p]
    if parsed.netloc != "github.com" or len(parts) != 2:
        raise ValueError(f"Expected a https://github.com/OWNER/REPO address, got {repo_url!r}.")
    return "/".join(parts)


def binder_url(repo_url: str, notebook: str = WELCOME, ref: str = LEARNER_BRANCH) -> str:
    """A mybinder.org link that opens ``notebook`` in JupyterLab."""
    path = quote(f"lab/tree/{notebook}", safe="")
    return f"https://mybinder.org/v2/gh/{_github_path(repo_url)}/{ref}?urlpath={path}"


def nbgitpuller_url(
    hub_url: str, repo_url: str, notebook: str = WELCOME, branch: str = LEARNER_BRANCH
) -> str:
    """A JupyterHub link that pulls the course into the learner's home and opens ``notebook``.

    nbgitpuller clones into a folder named after the repository, so the path starts there.
    """
    if not urlparse(hub_url).scheme.startswith("http"):
        raise ValueError(f"Expected the hub's address (https://...), got {hub_url!r}.")
    folder = _github_path(repo_url).split("/")[1]
    query = urlencode(
        {"repo": repo_url, "branch": branch, "urlpath": f"lab/tree/{folder}/{notebook}"},
        quote_via=quote,
    )
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{query}"


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
