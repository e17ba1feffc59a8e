"""What the browser edition's kernel (Pyodide in JupyterLite) needs from the course, applied by
``import course`` there and nowhere else.

- ``search_drive_last``: the notebook's folder is JupyterLite's drive, where every file lookup
  is a round trip through the page. Python searched it before every module the widgets import
  (a first widget waited about a second on a hundred such lookups); now it searches it last.
- ``complete_without_jedi``: the site leaves out jedi's type stubs (1,800 files unpacked at
  every kernel start), which jedi's completions need; IPython's own completions need none.
- ``send_plain_json``: the kernel hands widget messages to the page by converting Python objects
  to JavaScript ones, which turns ``None`` into ``undefined`` (so a widget told to show again,
  ``layout.display = None``, stayed hidden) and cannot convert a datetime at all (the message
  was lost). A server's kernel sends JSON, with ``null`` and ISO times; so does this one now.
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from typing import Any


def search_drive_last() -> None:
    if "" in sys.path:
        sys.path.remove("")
        sys.path.append("")


def _default(value: Any) -> Any:
    """What a server's kernel does with values JSON lacks (jupyter_client's json_default)."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (bytes, memoryview)):
        return None  # binary parts travel as the message's buffers, never inside it
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def plain(content: Any) -> str | None:
    """``content`` as the JSON text a server's kernel would send, or None if it has no JSON form
    (then the message goes as it would have gone)."""
    try:
        return json.dumps(content, default=_default, allow_nan=False)
    except (TypeError, ValueError):
        return None


def send_plain_json(shell: Any, parse: Any) -> None:
    """Make ``shell.send_comm`` (the kernel's way out to the page) send ``content`` as parsed
    JSON: ``parse`` is the page's ``JSON.parse``, whose objects pass to the page unchanged."""
    send = shell.send_comm
    if getattr(send, "sends_plain_json", False):
        return

    def send_comm(msg_type: str, content: Any, metadata: Any, ident: Any, buffers: Any) -> Any:
        text = plain(content)
        return send(msg_type, parse(text) if text is not None else content, metadata, ident, buffers)

    send_comm.sends_plain_json = True  # type: ignore[attr-defined]
    shell.send_comm = send_comm


def complete_without_jedi(shell: Any) -> None:
    completer = getattr(shell, "Completer", None)
    if completer is not None and hasattr(completer, "use_jedi"):
        completer.use_jedi = False


def plain_json_before_each_cell(shell: Any, parse: Any) -> None:
    """send_plain_json now if the shell has its way out to the page, and again before every cell
    if that way is replaced: the browser edition imports the course before the kernel is wired to
    the page (its early start, kept in Python's snapshot), and the kernel sets send_comm later."""

    def before_cell(*_: Any) -> None:
        if hasattr(shell, "send_comm"):
            send_plain_json(shell, parse)

    events = getattr(shell, "events", None)
    if events is not None and not getattr(shell, "_closer_plain_json_hook", False):
        events.register("pre_run_cell", before_cell)
        shell._closer_plain_json_hook = True
    before_cell()


def prepare() -> None:
    """All of the above, in the running browser kernel."""
    search_drive_last()
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        complete_without_jedi(shell)
        import js  # Pyodide's bridge to the page's JavaScript

        plain_json_before_each_cell(shell, js.JSON.parse)
