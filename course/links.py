"""``python -m course.links``: the launch links for every module (browser edition, Binder and,
with ``--hub``, nbgitpuller). The code lives in ``course.facilitator.links``; this name is kept
because the README, the facilitator guide and the Pages workflow use it."""

from __future__ import annotations

import sys

from .facilitator.links import (
    LEARNER_BRANCH,
    binder_url,
    lite_site,
    lite_url,
    main,
    nbgitpuller_url,
    repository_url,
)

__all__ = [
    "LEARNER_BRANCH",
    "binder_url",
    "lite_site",
    "lite_url",
    "main",
    "nbgitpuller_url",
    "repository_url",
]

if __name__ == "__main__":
    sys.exit(main())
