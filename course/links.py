"""The older name of ``course.facilitator.links``: ``python -m course.links`` still prints the links."""

from __future__ import annotations

from .facilitator.links import binder_url, nbgitpuller_url, repository_url

__all__ = ["binder_url", "nbgitpuller_url", "repository_url"]

if __name__ == "__main__":
    import sys

    from .facilitator.links import main

    sys.exit(main())
