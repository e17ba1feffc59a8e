"""What `import course` does in the browser edition's kernel (course/browser.py), checked here
with stand-ins for the kernel's way out to the page; tests/browser/test_lite.py checks it live."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path

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


def test_a_course_imported_before_the_kernel_is_wired_still_sends_plain_json():
    """The site's early start imports the course before the kernel sets send_comm: the wrapping
    then happens before the first cell runs, and again if the kernel replaces send_comm."""

    class Events:
        def __init__(self):
            self.callbacks = {}

        def register(self, event, callback):
            self.callbacks.setdefault(event, []).append(callback)

        def trigger(self, event, *args):
            for callback in self.callbacks.get(event, []):
                callback(*args)

    class Early:
        events = Events()

    shell = Early()
    browser.plain_json_before_each_cell(shell, json.loads)
    browser.plain_json_before_each_cell(shell, json.loads)  # imported again: one hook
    assert not hasattr(shell, "send_comm") and len(shell.events.callbacks["pre_run_cell"]) == 1
    sent = []
    shell.send_comm = lambda *args: sent.append(args)  # the kernel wires itself up
    shell.events.trigger("pre_run_cell", object())
    when = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)
    shell.send_comm("comm_msg", {"x": when}, {}, None, [])
    assert sent[0][1] == {"x": "2026-11-30T09:00:00+00:00"}
    shell.send_comm = lambda *args: sent.append(args)  # replaced again (a new connection)
    shell.events.trigger("pre_run_cell", object())
    assert getattr(shell.send_comm, "sends_plain_json", False)


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


class FakeFS:
    """Emscripten's file system as Pyodide shows it to Python: a path leads to the root of what
    is mounted there (the drive), else to an ordinary folder of the memory file system at "/"."""

    def __init__(self, mounted: bool | None):
        self.mounted = mounted  # None: there is no /drive at all

    def lookupPath(self, path):
        from types import SimpleNamespace

        if self.mounted is None:
            raise OSError(44, "No such file or directory")  # Pyodide raises a JsException here
        mountpoint = path if self.mounted else "/"
        return SimpleNamespace(node=SimpleNamespace(mount=SimpleNamespace(mountpoint=mountpoint)))


def _in_browser_with(monkeypatch, mounted: bool | None) -> None:
    from types import ModuleType

    from course.journal import location

    fake = ModuleType("pyodide_js")
    fake.FS = FakeFS(mounted)
    monkeypatch.setattr(location, "in_browser", lambda: True)
    monkeypatch.setitem(sys.modules, "pyodide_js", fake)


def test_storage_counts_as_connected_only_where_the_drive_is_mounted(monkeypatch):
    from course.journal import browser_storage_missing

    assert browser_storage_missing() is False, "on a server there is nothing to connect"
    _in_browser_with(monkeypatch, mounted=True)
    assert browser_storage_missing() is False
    _in_browser_with(monkeypatch, mounted=False)
    assert browser_storage_missing() is True, "a /drive folder in memory is not the browser's storage"
    _in_browser_with(monkeypatch, mounted=None)
    assert browser_storage_missing() is True


def test_without_storage_each_module_start_says_what_is_lost_and_what_to_do(monkeypatch, tmp_path):
    from course.journal import Journal
    from course.ui.journal import ModuleStart

    def text(panel) -> str:
        return " ".join(
            getattr(w, "value", "") for w in panel.children if isinstance(getattr(w, "value", None), str)
        )

    journal = Journal(tmp_path)
    assert "browser's storage" not in text(ModuleStart("00_welcome", journal=journal))
    _in_browser_with(monkeypatch, mounted=False)
    shown = text(ModuleStart("00_welcome", journal=journal))
    assert "could not reach your browser's storage" in shown
    assert "Reload the page" in shown and "Export my journal" in shown
    _in_browser_with(monkeypatch, mounted=True)
    assert "browser's storage" not in text(ModuleStart("00_welcome", journal=journal))


def test_the_browser_journal_folder_is_allowed_without_looking_through_the_drive(monkeypatch):
    from course.journal import location

    looked = []
    monkeypatch.setattr(location, "in_browser", lambda: True)
    monkeypatch.setattr(location, "project_root", lambda folder: looked.append(folder))
    assert location.check_location(location.BROWSER_DATA_DIR) == location.BROWSER_DATA_DIR
    assert looked == [], "every file looked for on the drive is a round trip through the page"
    location.check_location(Path("/drive/notes"))  # anywhere else is still checked
    assert looked == [Path("/drive/notes")]


def test_the_browser_kernel_does_not_look_for_what_the_site_does_not_ship(monkeypatch):
    """PyYAML and cryptography are not in the browser edition: looking for them searched the
    notebook's folder on the drive. On a server both are found as before."""
    import subprocess

    from course import schema

    assert schema._yaml() is not None
    monkeypatch.setattr(sys, "platform", "emscripten")
    assert schema._yaml() is None
    probe = "import sys; sys.platform = {!r}; from course.journal import seal; print(seal.AVAILABLE)"
    for platform, available in (("emscripten", "False"), ("linux", "True")):
        out = subprocess.run(
            [sys.executable, "-c", probe.format(platform)], capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == available
