"""``python -m course.facilitator autograde ...``, ``... forget LEARNER`` or ``... links ...``."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "links":
        from .links import main as links_main

        return links_main(args[1:])
    if args and args[0] == "forget":
        from .forget import main as forget_main

        return forget_main(args[1:])
    from .cohort import main as cohort_main

    return cohort_main(args)


if __name__ == "__main__":
    sys.exit(main())
