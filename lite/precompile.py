"""Compile the browser edition's Python to bytecode ahead of time (run inside Pyodide by
lite/precompile.mjs, so the bytecode is the browser's own Python 3.14's).

Why: Pyodide's standard library and the wheels from PyPI hold only sources, and the browser's
Python writes no bytecode, so every kernel start compiled every module it imported: importing
IPython alone took about 5 s, 1.5 s with bytecode. Each job rewrites one archive:

- ``stdlib``: python_stdlib.zip with each module as a ``.pyc`` instead of its ``.py``;
- ``wheel``: a wheel the same way (its RECORD rewritten to match), without what a kernel never
  reads (tests, type stubs, and the JavaScript some wheels carry for Jupyter's front ends, which
  the site serves as lab extensions): jedi's type stubs alone were 1,800 files to unpack at
  every kernel start. With ``keep_sources`` (the course's own package) the sources stay and the
  bytecode goes beside them in ``__pycache__``, so tracebacks into it still show its lines.

The bytecode is hash-based and unchecked (PEP 552): used as it is, whatever the file times.
A source that does not compile (a template, a test of a syntax error) is kept as it was.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import marshal
import sys
import warnings
import zipfile

SITE = "/lib/python3.14/site-packages/"
STDLIB = "/lib/python314.zip/"
TAG = sys.implementation.cache_tag
UNCHECKED_HASH = (0b01).to_bytes(4, "little")  # PEP 552: hash-based, source not checked
# What a kernel never reads, left out of the wheels from PyPI.
NEVER_READ = ("/tests/", "/test/", "/labextension/", "/nbextension/")


def never_read(name: str) -> bool:
    top = name.split("/", 1)[0]
    return top.endswith(".data") or name.endswith(".pyi") or any(part in f"/{name}" for part in NEVER_READ)


def pyc(source: bytes, shown_as: str) -> bytes | None:
    """Bytecode for ``source``, named ``shown_as`` in tracebacks, or None if it does not compile."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            code = compile(source, shown_as, "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return None
    return (
        importlib.util.MAGIC_NUMBER
        + UNCHECKED_HASH
        + importlib.util.source_hash(source)
        + marshal.dumps(code)
    )


def _digest(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def rewrite(src: str, dst: str, prefix: str, keep_sources: bool, is_wheel: bool) -> None:
    with zipfile.ZipFile(src) as zin:
        entries = [(info, zin.read(info)) for info in zin.infolist() if not info.is_dir()]
    out: list[tuple[str, bytes]] = []
    record = None
    for info, data in entries:
        name = info.filename
        if is_wheel and name.endswith(".dist-info/RECORD"):
            record = name
            continue
        top = name.split("/", 1)[0]
        if is_wheel and not keep_sources and never_read(name):
            continue
        if not name.endswith(".py") or top.endswith((".dist-info", ".data")):
            out.append((name, data))
            continue
        code = pyc(data, prefix + name)
        if code is None:
            out.append((name, data))
        elif keep_sources:
            folder, _, file = name.rpartition("/")
            cached = (
                f"{folder}/__pycache__/{file[:-3]}.{TAG}.pyc"
                if folder
                else f"__pycache__/{file[:-3]}.{TAG}.pyc"
            )
            out += [(name, data), (cached, code)]
        else:
            out.append((name[:-3] + ".pyc", code))
    if record is not None:
        lines = "".join(f"{name},{_digest(data)},{len(data)}\n" for name, data in out)
        out.append((record, (lines + f"{record},,\n").encode()))
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in out:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zout.writestr(info, data)


def main(jobs_file: str) -> None:
    with open(jobs_file, encoding="utf-8") as handle:
        jobs = json.load(handle)
    for job in jobs:
        if job["kind"] == "stdlib":
            rewrite(job["src"], job["dst"], STDLIB, keep_sources=False, is_wheel=False)
        else:
            rewrite(job["src"], job["dst"], SITE, keep_sources=job.get("keep_sources", False), is_wheel=True)
        print(f"compiled {job['src'].rsplit('/', 1)[-1]}", flush=True)
