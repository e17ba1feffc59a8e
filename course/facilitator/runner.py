"""Run a graded notebook's cells in a fresh interpreter and report each cell's outputs.

This file runs on its own, inside the grading sandbox, with nothing but the standard library
and a copy of ``course/exercises.py`` beside it: ``python -I -S runner.py request.json result.json``.
It reads ``{"cells": [source, ...], "limits": {...}}`` and writes one JSON object to the
result file (not stdout, which a cell could write to): for each cell, its outputs in
nbformat's shape (streams, a result, or an error with its name, message and traceback). A
cell that raises does not stop the cells after it, as nbgrader's ``allow_errors`` does,
because every test cell earns or loses its own points.

The cells it is given are the course's own (locked cells and hidden tests, restored from the
gradebook) and answer cells rebuilt from literal values: no learner code reaches it. Limits
(memory, processes, file size, output per cell) are set before the first cell runs anyway.
"""

import ast
import contextlib
import io
import json
import os
import sys
import traceback

_DEFAULT_LIMITS = {"memory_mb": 1024, "output_chars": 20_000, "cpu_seconds": 60, "file_mb": 16}


def _limit(limits):
    try:
        import resource
    except ImportError:  # not on POSIX: the parent's timeout still applies
        return
    mb = 1024 * 1024
    for name, value in (
        ("RLIMIT_AS", limits["memory_mb"] * mb),
        ("RLIMIT_CPU", limits["cpu_seconds"]),
        ("RLIMIT_FSIZE", limits["file_mb"] * mb),
        ("RLIMIT_NPROC", 64),
        ("RLIMIT_CORE", 0),
    ):
        which = getattr(resource, name, None)
        if which is not None:
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(which, (value, value))


class _Capped(io.StringIO):
    """A stream that keeps at most ``limit`` characters and says so once it trims."""

    def __init__(self, limit):
        super().__init__()
        self.limit = limit
        self.trimmed = False

    def write(self, text):
        room = self.limit - self.tell()
        if room <= 0:
            self.trimmed = self.trimmed or bool(text)
            return len(text)
        if len(text) > room:
            self.trimmed = True
            super().write(text[:room])
            return len(text)
        return super().write(text)

    def value(self):
        text = self.getvalue()
        return text + ("\n... Output truncated ...\n" if self.trimmed else "")


def _run_cell(source, namespace, limit):
    out, err = _Capped(limit), _Capped(limit)
    outputs = []
    try:
        tree = ast.parse(source, mode="exec")
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            exec(compile(tree, "<cell>", "exec"), namespace)
            result = eval(compile(last, "<cell>", "eval"), namespace) if last is not None else None
        error = None
    except BaseException as exc:  # a test that fails, or anything else: reported, never fatal
        result = None
        error = exc
    for name, stream in (("stdout", out), ("stderr", err)):
        text = stream.value()
        if text:
            outputs.append({"output_type": "stream", "name": name, "text": text})
    if error is not None:
        lines = traceback.format_exception(type(error), error, error.__traceback__)
        outputs.append(
            {
                "output_type": "error",
                "ename": type(error).__name__,
                "evalue": str(error)[:limit],
                "traceback": [line[:limit] for line in lines[-20:]],
            }
        )
    elif result is not None:
        outputs.append({"output_type": "execute_result", "data": {"text/plain": repr(result)[:limit]}})
    return outputs


def main():
    # -I leaves the script's folder off the path; the copy of course/exercises.py sits there.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    request_path, result_path = sys.argv[1], sys.argv[2]
    with open(request_path, encoding="utf-8") as handle:
        request = json.load(handle)
    limits = dict(_DEFAULT_LIMITS, **request.get("limits", {}))
    _limit(limits)
    namespace = {"__name__": "__main__"}
    results = [_run_cell(source, namespace, limits["output_chars"]) for source in request["cells"]]
    with open(result_path, "w", encoding="utf-8") as handle:
        json.dump({"outputs": results}, handle)


if __name__ == "__main__":
    main()
