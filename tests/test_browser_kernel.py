"""What `import course` does in the browser edition's kernel (course/browser.py), checked here
with stand-ins for the kernel's way out to the page; tests/browser/test_lite.py checks it live."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone

from course import browser


class Shell:
    """A kernel shell whose send_comm records what would reach the page."""

    def __init__(self):
        self.sent = []
        self.send_comm = lambda *args: self.sent.append(args)


def test_widget_messages_reach_the_page_as_json_with_nulls_and_iso_times():
    shell = Shell()
    browser.send_plain_json(shell, json.loads)
    when = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)
    content = {"data": {"state": {"display": None, "x": [when]}}, "comm_id": "c1"}
    shell.send_comm("comm_msg", content, {"meta": 1}, None, [b"\x00"])
    (msg_type, sent, metadata, ident, buffers) = shell.sent[0]
    assert sent == {"data": {"state": {"display": None, "x": ["2026-11-30T09:00:00+00:00"]}}, "comm_id": "c1"}
    assert (msg_type, metadata, ident, buffers) == ("comm_msg", {"meta": 1}, None, [b"\x00"])


def test_a_message_without_a_json_form_goes_as_it_was_and_wrapping_twice_changes_nothing():
    shell = Shell()
    browser.send_plain_json(shell, json.loads)
    wrapped = shell.send_comm
    browser.send_plain_json(shell, json.loads)
    assert shell.send_comm is wrapped
    odd = {"value": float("nan"), "thing": object()}
    shell.send_comm("comm_msg", odd, {}, None, [])
    assert shell.sent[0][1] is odd


def test_the_drive_is_searched_last(monkeypatch):
    monkeypatch.setattr(sys, "path", ["", "/lib/python3.14", "/lib/python3.14/site-packages"])
    browser.search_drive_last()
    assert sys.path == ["/lib/python3.14", "/lib/python3.14/site-packages", ""]
    browser.search_drive_last()
    assert sys.path[-1] == "" and sys.path.count("") == 1


def test_completion_goes_without_jedi():
    from types import SimpleNamespace

    shell = SimpleNamespace(Completer=SimpleNamespace(use_jedi=True))
    browser.complete_without_jedi(shell)
    assert shell.Completer.use_jedi is False
    browser.complete_without_jedi(SimpleNamespace())  # a shell without a completer: nothing to do
