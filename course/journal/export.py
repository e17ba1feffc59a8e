"""The journal as a Markdown file a learner can read, keep or print."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any


def write_private(path: Path, text: str) -> Path:
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def _local(stamp: str | None) -> str:
    if not stamp:
        return ""
    return datetime.fromisoformat(stamp).astimezone().strftime("%d %b %Y, %H:%M")


def render_markdown(snap: Mapping[str, Any], titles: Mapping[str, str] | None = None) -> str:
    """A readable export of a journal snapshot, grouped the way a learner thinks of it.

    ``titles`` maps module ids to their titles, so the export reads "What emotional
    intimacy is" rather than "01_what_is_intimacy".
    """
    titles = titles or {}

    def title(module: str) -> str:
        return titles.get(module, module)

    lines = [
        "# My Closer journal",
        "",
        f"Exported {_local(snap['exported_at'])}. This file is private: keep it somewhere safe.",
        "",
    ]
    if not any(snap.get(k) for k in ("reflections", "checkins", "progress", "records", "drafts")):
        lines += ["The journal is empty.", ""]
        return "\n".join(lines)
    if snap["progress"]:
        lines += ["## Modules", ""]
        for p in snap["progress"]:
            state = f"completed {_local(p['completed_at'])}" if p["completed_at"] else "started"
            lines.append(f"- {title(p['module'])}: {state} (began {_local(p['started_at'])})")
        lines.append("")
    if snap["checkins"]:
        lines += ["## Check-ins", ""]
        for c in snap["checkins"]:
            scores = ", ".join(f"{k} {v}/10" for k, v in c["scores"].items())
            lines.append(f"- {_local(c['created_at'])}: {scores}")
            if c["note"].strip():
                lines.append(f"  - Note: {_one_line(c['note'])}")
        lines.append("")
    if snap["reflections"]:
        lines += ["## Reflections", ""]
        current = None
        for r in snap["reflections"]:
            if r["module"] != current:
                current = r["module"]
                lines += [f"### {title(current)}", ""]
            lines += [f"**{r['prompt']}**", "", f"*{_local(r['created_at'])}*", ""]
            lines += [r["text"].strip(), ""]
    if snap["records"]:
        lines += ["## Saved results", ""]
        for rec in snap["records"]:
            label = rec["kind"].replace("_", " ")
            lines.append(f"### {label.capitalize()}, {title(rec['module'])} ({_local(rec['created_at'])})")
            lines.append("")
            lines += _payload_lines(rec["payload"], 0)
            lines.append("")
    if snap.get("drafts"):
        lines += ["## Unsaved drafts", ""]
        for d in snap["drafts"]:
            lines += [f"**{d['key']}** (last edited {_local(d['updated_at'])})", "", d["text"].strip(), ""]
    return "\n".join(lines)


def _payload_lines(value: Any, depth: int) -> list[str]:
    """Nested data as a Markdown bullet list."""
    pad = "  " * depth
    if isinstance(value, Mapping):
        out = []
        for key, item in value.items():
            name = str(key).replace("_", " ")
            if isinstance(item, (Mapping, list)):
                out.append(f"{pad}- {name}:")
                out += _payload_lines(item, depth + 1)
            else:
                out.append(f"{pad}- {name}: {_one_line(str(item))}")
        return out
    if isinstance(value, list):
        out = []
        for i, item in enumerate(value, start=1):
            if isinstance(item, (Mapping, list)):
                out.append(f"{pad}- {i}.")
                out += _payload_lines(item, depth + 1)
            else:
                out.append(f"{pad}- {_one_line(str(item))}")
        return out
    return [f"{pad}- {_one_line(str(value))}"]


def _one_line(text: str) -> str:
    return " ".join(text.split())
