"""The printable workbook: the learner's own journal as one print-ready page, and a PDF of it
where this machine has a Chromium to print with.

Why a page of its own rather than the Markdown export: a learner who wants their plan on the
fridge or their reflections in a folder needs something that prints well, with charts, page
breaks between sections and nothing cut off at the edge. The page is self-contained (inline CSS
and SVG charts, a Content-Security-Policy that forbids every script and every request), so it
opens and prints the same with no network. Everything the learner wrote is HTML-escaped.

Records are read generically by kind: the kinds the course knows (the plan, the before-and-after
check, module 3's self-assessment, practice sentences, a partner view) get a tailored rendering,
and any other kind is shown as labelled fields, so nothing saved is left out.

What goes in is the learner's choice, section by section (``SECTIONS``): a printed page can be
read by anyone who finds it, so unfinished drafts and partner views (which hold another person's
name and scores) are left out unless ticked.

Pure apart from ``write_workbook`` and ``print_pdf`` (files, and a Chromium process); no widgets.
"""

from __future__ import annotations

import contextlib
import html
import os
import shutil
import sys
import tempfile
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from . import measure as measure_logic
from .journal import Journal, JournalLocked
from .journal.export import write_private

PREFIX = "notes-"  # a neutral name, in a Downloads folder or on a printer's queue
TITLE = "My workbook"
# What each kind of saved result is called in the workbook; kinds not listed get their own
# name, tidied ("partner_view" -> "Partner view").
KIND_TITLES = {
    "plan": "My plan",
    "measure": "Before-and-after check",
    "patterns_check": "Avoider and Pursuer self-assessment",
    "closeness_map": "Closeness map",
    "signs_check": "Signs check",
    "name_it": "Feelings I named",
    "small_steps": "Small-steps ladder",
    "conversation_plan": "Plan for a hard conversation",
    "practice": "Practice sentences",
    "partner_view": "Partner view",
}
# Shown in sections of their own, in this order, before the other saved results.
OWN_SECTIONS = ("plan", "measure", "practice", "partner_view")


@dataclass(frozen=True)
class Section:
    """One part of the workbook the learner can tick: its id, its heading and whether it is in
    unless the learner says otherwise."""

    id: str
    title: str
    ticked: bool = True


# Every section, in page order. Drafts are words not yet chosen to keep; partner views hold what
# another person shared: both stay out unless the learner ticks them.
SECTIONS = (
    Section("plan", "My plan"),
    Section("measure", "Before and after"),
    Section("checkins", "My check-ins"),
    Section("reflections", "My reflections"),
    Section("practice", "Practice sentences"),
    Section("partner", "Partner views", ticked=False),
    Section("made", "Other things I made and saved"),
    Section("progress", "My progress through the course"),
    Section("drafts", "Unfinished drafts", ticked=False),
)
DEFAULT_SECTIONS = tuple(s.id for s in SECTIONS if s.ticked)
MAX_DEPTH = 6
# No script, no request of any kind: the page is text, inline styles and inline SVG.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

CSS = """
@page { margin: 16mm 14mm 18mm; }
* { box-sizing: border-box; }
html { background: #fff; color: #1f2d3d; }
body { font: 11pt/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto;
  max-width: 46em; padding: 1.5em 1em; }
h1 { font-size: 1.9em; margin: 0 0 0.2em; }
h2 { font-size: 1.4em; border-bottom: 2px solid #1f2d3d; padding-bottom: 0.15em; margin: 0 0 0.6em; }
h3 { font-size: 1.1em; margin: 1.2em 0 0.3em; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
p, li, dd, dt, td, th, h1, h2, h3, h4, summary { overflow-wrap: anywhere; word-break: normal; }
section { break-before: page; page-break-before: always; padding-top: 0.2em; }
section.wb-cover { break-before: auto; page-break-before: auto; }
figure { margin: 0.8em 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: 0.95em; color: #333; margin-top: 0.3em; }
svg.wb-chart { display: block; width: 100%; max-width: 100%; height: auto; }
table { width: 100%; max-width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0.5em 0; }
th, td { border: 1px solid #9aa5b1; padding: 0.3em 0.45em; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
tr { break-inside: avoid; page-break-inside: avoid; }
.wb-entry { border-left: 3px solid #9aa5b1; padding: 0.1em 0 0.1em 0.8em; margin: 0.8em 0;
  break-inside: avoid; page-break-inside: avoid; }
.wb-when { color: #4a4a4a; font-size: 0.92em; margin: 0; }
.wb-text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.3em 0; }
.wb-note { border: 1px solid #9aa5b1; background: #f6f7f9; padding: 0.5em 0.8em; margin: 0.8em 0; }
dl.wb-fields { margin: 0.3em 0; }
dl.wb-fields dt { font-weight: 600; margin-top: 0.3em; }
dl.wb-fields dd { margin: 0 0 0 1.2em; }
.wb-screen { border: 2px solid #0b5cad; padding: 0.5em 0.8em; margin: 1em 0; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .wb-screen { display: none; }
  a { color: inherit; text-decoration: none; }
}
"""


class ChartLike(Protocol):
    title: str
    svg: str
    words: str


class PdfUnavailable(RuntimeError):
    """No PDF could be made here; the message says why, in words for the learner."""


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _when(stamp: str | None) -> str:
    if not stamp:
        return ""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%d %b %Y, %H:%M")
    except (TypeError, ValueError):
        return esc(stamp)


def kind_title(kind: str) -> str:
    return KIND_TITLES.get(kind) or (kind.replace("_", " ").strip().capitalize() or "Saved result")


def _text(value: str) -> str:
    return f'<p class="wb-text">{esc(value.strip())}</p>'


# --------------------------------------------------------------------------------------
# Any saved result, generically
# --------------------------------------------------------------------------------------


def value_html(value: Any, depth: int = 0) -> str:
    """Plain JSON data as HTML: mappings as labelled fields, lists as lists, text kept whole
    (line breaks included) and escaped."""
    if depth > MAX_DEPTH:
        import json

        return _text(json.dumps(value, ensure_ascii=False))
    if isinstance(value, Mapping):
        if not value:
            return "<p>(nothing)</p>"
        rows = "".join(
            f"<dt>{esc(str(k).replace('_', ' ').capitalize())}</dt><dd>{value_html(v, depth + 1)}</dd>"
            for k, v in value.items()
        )
        return f'<dl class="wb-fields">{rows}</dl>'
    if isinstance(value, list):
        if not value:
            return "<p>(none)</p>"
        tag = "ol" if any(isinstance(v, (Mapping, list)) for v in value) else "ul"
        return f"<{tag}>" + "".join(f"<li>{value_html(v, depth + 1)}</li>" for v in value) + f"</{tag}>"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "(empty)"
    if isinstance(value, str) and ("\n" in value or len(value) > 80):
        return _text(value)
    return esc(value)


def _record_body(record: Mapping[str, Any]) -> str:
    kind, payload = record.get("kind", ""), record.get("payload", {})
    if kind == "plan" and isinstance(payload, Mapping) and isinstance(payload.get("intentions"), list):
        return _plan_items(payload["intentions"])
    if kind == "patterns_check" and isinstance(payload, Mapping) and {"avoider", "pursuer"} <= set(payload):
        words = f": {esc(payload['in_words'])}" if payload.get("in_words") else ""
        return (
            f"<p>Avoider scale {esc(payload['avoider'])}, Pursuer scale {esc(payload['pursuer'])} "
            f"(each 1 to 7){words}. A reflection tool, not a test or a diagnosis.</p>"
        )
    if kind == "practice" and isinstance(payload, Mapping) and payload.get("sentence"):
        return _practice_body(payload)
    if kind == "partner_view" and isinstance(payload, Mapping) and isinstance(payload.get("names"), list):
        return _partner_body(payload)
    return value_html(payload)


def _partner_body(payload: Mapping[str, Any]) -> str:
    """A joint view as the two people read it: who, where each was on the chart (in words),
    the loop and what each could try; never the widget's own fields (regions, how it arrived)."""
    names = [str(n) for n in payload.get("names") or [] if isinstance(n, str)][:2]
    results = payload.get("results") if isinstance(payload.get("results"), list) else []
    people = []
    for i, name in enumerate(names):
        result = results[i] if i < len(results) and isinstance(results[i], Mapping) else None
        scores = ""
        if result and all(isinstance(result.get(k), (int, float)) for k in ("avoider", "pursuer")):
            scores = f": Avoider scale {result['avoider']:.1f}, Pursuer scale {result['pursuer']:.1f}"
        people.append(f"<li>{esc(name)}{esc(scores)}</li>")
    title = f"<p><b>{esc(payload['title'])}</b></p>" if payload.get("title") else ""
    loop = _text(str(payload["loop"])) if payload.get("loop") else ""
    to_try = (
        f"<p>What each of us could try:</p>{_text(str(payload['to_try']))}" if payload.get("to_try") else ""
    )
    return f"<p>The two of us:</p><ul>{''.join(people)}</ul>{title}{loop}{to_try}"


def _practice_body(payload: Mapping[str, Any]) -> str:
    """A practice sentence as the learner met it: the skill and situation, their own words, then
    any word about safety the feedback gave, what works and what to try (the ids the widget keeps
    for itself are left out)."""

    def notes(key: str, mark: str) -> str:
        items = [n for n in payload.get(key) or [] if isinstance(n, str)]
        return "".join(f"<li>{mark} {esc(n)}</li>" for n in items)

    care, works, tries = notes("care", "ℹ"), notes("works", "✓"), notes("try", "→")
    return (
        f"<p><b>{esc(payload.get('skill_title') or kind_title(str(payload.get('skill', ''))))}</b>"
        + (f" · {esc(payload['situation'])}" if payload.get("situation") else "")
        + "</p>"
        + f"<p>My sentence:</p>{_text(str(payload['sentence']))}"
        + (f"<ul>{care}</ul>" if care else "")
        + (f"<p>What works:</p><ul>{works}</ul>" if works else "")
        + (f"<p>To try:</p><ul>{tries}</ul>" if tries else "")
    )


def _entry(record: Mapping[str, Any], titles: Mapping[str, str]) -> str:
    module = titles.get(record.get("module", ""), record.get("module", ""))
    return (
        '<div class="wb-entry">'
        f'<p class="wb-when">{esc(module)} · {_when(record.get("created_at"))}</p>'
        f"{_record_body(record)}</div>"
    )


# --------------------------------------------------------------------------------------
# The sections
# --------------------------------------------------------------------------------------


def _plan_items(intentions: list[Any]) -> str:
    items = []
    for item in intentions:
        if not isinstance(item, Mapping):
            items.append(f"<li>{value_html(item)}</li>")
            continue
        support = item.get("support") or ""
        items.append(
            f"<li><b>{esc(item.get('intention', ''))}</b><br>First step: {esc(item.get('step', ''))}"
            + (f"<br>Who can support me: {esc(support)}" if support else "")
            + "</li>"
        )
    return f"<ol>{''.join(items)}</ol>" if items else "<p>(no intentions)</p>"


def _plan_section(records: list[Mapping[str, Any]], titles: Mapping[str, str]) -> str:
    if not records:
        return (
            "<p>You have not saved a plan yet. Module 7 helps you write one: up to three small "
            "intentions.</p>"
        )
    latest, earlier = records[-1], records[:-1]
    out = [f'<p class="wb-when">Saved {_when(latest.get("created_at"))}</p>', _record_body(latest)]
    if earlier:
        out.append("<h3>Earlier versions of my plan</h3>")
        out += [_entry(r, titles) for r in earlier]
    return "".join(out)


def _measure_section(
    snap: Mapping[str, Any], settings: measure_logic.MeasureSettings, charts: Sequence[ChartLike]
) -> str:
    takes = measure_logic.takes_from_snapshot(snap, settings)
    earlier = measure_logic.earlier_from_snapshot(snap, settings)
    note = f'<div class="wb-note"><p>{esc(settings.label)}</p><p>{esc(settings.note)}</p></div>'
    older = ""
    if earlier:
        older = (
            f"<h3>Answered to an earlier version of the check</h3>"
            f"<p>{esc(measure_logic.earlier_in_words(earlier))}</p><ul>"
            + "".join(
                f"<li>{esc(_day(t.at))} ({esc(measure_logic.WHEN_WORDS[t.when])}): overall "
                f"{esc(measure_logic.shown(t.result.total))}</li>"
                for t in earlier
            )
            + "</ul>"
        )
    if not takes:
        return (
            "<p>You have not answered the before-and-after check yet. It is in module 0 (the start) "
            "and module 7 (the end).</p>" + older + note
        )
    show = measure_logic.shown
    first, last = measure_logic.before_and_after(takes)
    head = '<tr><th scope="col">Group of statements</th><th scope="col">'
    if last is None:
        head += f"{esc(_day(first.at))}</th></tr>"
        rows = "".join(
            f'<tr><th scope="row">{esc(settings.label_of(k))}</th><td>{show(first.result.score(k))}</td></tr>'
            for k in settings.keys
        )
    else:
        head += (
            f"First ({esc(measure_logic.WHEN_WORDS[first.when])}), {esc(_day(first.at))}</th>"
            f'<th scope="col">Latest ({esc(measure_logic.WHEN_WORDS[last.when])}), {esc(_day(last.at))}</th>'
            '<th scope="col">Change</th></tr>'
        )
        rows = "".join(
            f'<tr><th scope="row">{esc(c.label)}</th><td>{show(c.before)}</td><td>{show(c.after)}</td>'
            + (f"<td>{c.difference:+.1f}: " if c.difference is not None else "<td>")
            + f"{esc(measure_logic.direction(c, settings))}</td></tr>"
            for c in measure_logic.changes(first.result, last.result, settings)
        )
    table = (
        f"<table><caption>Scores from {settings.low} to {settings.high}; higher means more at ease "
        f"with that skill that day.</caption><thead>{head}</thead><tbody>{rows}</tbody></table>"
    )
    figures = "".join(_figure(c) for c in charts if c.title.startswith("Your before-and-after"))
    listed = "".join(
        f"<li>{esc(_day(t.at))} ({esc(measure_logic.WHEN_WORDS[t.when])}): "
        f"overall {show(t.result.total)}</li>"
        for t in takes
    )
    return f"{table}{figures}<h3>Every time you answered</h3><ul>{listed}</ul>{older}{note}"


def _day(moment: datetime) -> str:
    return moment.astimezone().strftime("%d %b %Y")


def _figure(chart: ChartLike) -> str:
    # The SVG is made by the course from numbers and escaped labels (charts.printable).
    return f"<figure>{chart.svg}<figcaption><b>In words:</b> {esc(chart.words)}</figcaption></figure>"


def _checkins_section(snap: Mapping[str, Any], charts: Sequence[ChartLike]) -> str:
    checkins = snap.get("checkins", [])
    if not checkins:
        return "<p>No check-ins yet.</p>"
    figures = "".join(_figure(c) for c in charts if c.title.startswith("Your check-ins"))
    rows = []
    for c in checkins:
        scores = ", ".join(f"{k} {v}/10" for k, v in c.get("scores", {}).items())
        note = _text(c["note"]) if str(c.get("note", "")).strip() else ""
        rows.append(
            f'<div class="wb-entry"><p class="wb-when">{_when(c.get("created_at"))}</p>'
            f"<p>{esc(scores)}</p>{note}</div>"
        )
    return figures + "<h3>Every check-in</h3>" + "".join(rows)


def _progress_section(snap: Mapping[str, Any], titles: Mapping[str, str]) -> str:
    progress = snap.get("progress", [])
    if not progress:
        return "<p>No modules marked yet.</p>"
    rows = "".join(
        f'<tr><th scope="row">{esc(titles.get(p["module"], p["module"]))}</th>'
        f"<td>{'✓ finished ' + _when(p['completed_at']) if p.get('completed_at') else '◐ started'}</td>"
        f"<td>{_when(p.get('started_at'))}</td></tr>"
        for p in progress
    )
    return (
        '<table><thead><tr><th scope="col">Module</th><th scope="col">Status</th>'
        f'<th scope="col">Began</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def _reflections_section(snap: Mapping[str, Any], titles: Mapping[str, str]) -> str:
    reflections = snap.get("reflections", [])
    if not reflections:
        return "<p>No written reflections yet, and that is completely fine.</p>"
    out, current = [], None
    for r in reflections:
        if r.get("module") != current:
            current = r.get("module")
            out.append(f"<h3>{esc(titles.get(current, current))}</h3>")
        out.append(
            f'<div class="wb-entry"><p><b>{esc(r.get("prompt", ""))}</b></p>'
            f'<p class="wb-when">{_when(r.get("created_at"))}</p>{_text(r.get("text", ""))}</div>'
        )
    return "".join(out)


def _kind_sections(records: list[Mapping[str, Any]], titles: Mapping[str, str]) -> str:
    by_kind: dict[str, list[Mapping[str, Any]]] = {}
    for r in records:
        by_kind.setdefault(str(r.get("kind", "")), []).append(r)
    out = []
    for kind, items in by_kind.items():
        out.append(f"<h3>{esc(kind_title(kind))}</h3>" + "".join(_entry(r, titles) for r in items))
    return "".join(out)


def _drafts_section(snap: Mapping[str, Any]) -> str:
    return "".join(
        f'<div class="wb-entry"><p class="wb-when">Last edited {_when(d.get("updated_at"))}</p>'
        f"{_text(d.get('text', ''))}</div>"
        for d in snap.get("drafts", [])
        if str(d.get("text", "")).strip()
    )


def workbook_html(
    snap: Mapping[str, Any],
    *,
    sections: Collection[str] = DEFAULT_SECTIONS,
    titles: Mapping[str, str] | None = None,
    charts: Sequence[ChartLike] = (),
    settings: measure_logic.MeasureSettings | None = None,
    made_at: datetime | None = None,
) -> str:
    """The workbook as one self-contained HTML page, ready to print, with only the ``sections``
    the learner chose (ids from ``SECTIONS``; by default all but drafts and partner views)."""
    unknown = sorted(set(sections) - {s.id for s in SECTIONS})
    if unknown:
        raise ValueError(f"The workbook has no section called {unknown[0]!r}.")
    if not sections:
        raise ValueError("Tick at least one part to go in the workbook.")
    titles = titles or {}
    settings = settings or measure_logic.measure_settings()
    made = (made_at or datetime.now().astimezone()).strftime("%d %b %Y, %H:%M")
    records = list(snap.get("records", []))
    mine = {kind: [r for r in records if r.get("kind") == kind] for kind in OWN_SECTIONS}
    others = [r for r in records if r.get("kind") not in OWN_SECTIONS]
    # Each section's content, made only if chosen; "" means nothing to show (the section is left out).
    makers = {
        "plan": lambda: _plan_section(mine["plan"], titles),
        "measure": lambda: _measure_section(snap, settings, charts),
        "checkins": lambda: _checkins_section(snap, charts),
        "reflections": lambda: _reflections_section(snap, titles),
        "practice": lambda: "".join(_entry(r, titles) for r in mine["practice"]),
        "partner": lambda: "".join(_entry(r, titles) for r in mine["partner_view"]),
        "made": lambda: _kind_sections(others, titles) if others else "",
        "progress": lambda: _progress_section(snap, titles),
        "drafts": lambda: _drafts_section(snap),
    }
    parts = [(s.id, s.title, makers[s.id]()) for s in SECTIONS if s.id in sections]
    parts = [(sid, title, inner) for sid, title, inner in parts if inner]
    contents = "".join(f'<li><a href="#wb-{sid}">{esc(title)}</a></li>' for sid, title, _ in parts)
    body = "".join(
        f'<section id="wb-{sid}" class="wb-section wb-{sid}"><h2>{esc(title)}</h2>{inner}</section>'
        for sid, title, inner in parts
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="robots" content="noindex">
<title>{TITLE}</title>
<style>{CSS}</style>
</head>
<body>
<section id="wb-cover" class="wb-cover">
<h1>{TITLE}</h1>
<p class="wb-when">Made {esc(made)} from my private journal.</p>
<p>This is private: it holds what I wrote for myself. Anyone who finds a printed copy or this file can
read it, so I keep it somewhere safe, and shred or delete it when I no longer want it.</p>
<div class="wb-screen"><p><b>To print or save as PDF:</b> the browser's Print command (Ctrl+P, or
Cmd+P on a Mac), then a printer or <i>Save as PDF</i>. Each section starts on a new page.</p></div>
<h2>Contents</h2>
<ol>{contents}</ol>
</section>
{body}
</body>
</html>
"""


# --------------------------------------------------------------------------------------
# Files: the page beside the journal's exports, and a PDF where Chromium can make one
# --------------------------------------------------------------------------------------


def download_name(page: Path) -> str:
    """The neutral name a download gets: ``notes-<date>.html`` (or ``.pdf``)."""
    return f"{PREFIX}{page.stem.removeprefix(PREFIX)[:10]}{page.suffix}"


def exports_folder(journal: Journal) -> Path:
    """The journal's private exports folder (0700): deleting everything, clearing today and
    locking the journal delete what is in it, the workbook included."""
    folder = journal.folder / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(folder, 0o700)
    return folder


def write_workbook(journal: Journal, text: str, stamp: str | None = None) -> Path:
    """Save the page as ``notes-<date>-<time>.html`` in the exports folder, readable by the
    learner only; refused while the journal is locked (it would leave sealed words in the open)."""
    if journal.locked:
        raise JournalLocked()
    stamp = stamp or datetime.now().strftime("%Y-%m-%d-%H%M%S")
    return write_private(exports_folder(journal) / f"{PREFIX}{stamp}.html", text)


CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def find_chromium() -> str | None:
    """A Chromium or Chrome on this machine ($CLOSER_CHROMIUM first), or None."""
    chosen = os.environ.get("CLOSER_CHROMIUM")
    if chosen and Path(chosen).is_file():
        return chosen
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


NO_PDF_BROWSER = (
    "a PDF cannot be made inside the browser edition. Open the web page version and use your "
    "browser's Print command to print it or save it as a PDF."
)
NO_PDF_CHROMIUM = (
    "the machine running the course has no Chromium or Chrome to make a PDF with. Open the web page "
    "version and use your browser's Print command to print it or save it as a PDF."
)


def print_pdf(page: Path, timeout: float = 120) -> Path:
    """Print ``page`` to a PDF beside it with headless Chromium (nothing is fetched: the page
    forbids every request). Raises PdfUnavailable, in words, where that cannot be done."""
    if sys.platform == "emscripten":
        raise PdfUnavailable(NO_PDF_BROWSER)
    chromium = find_chromium()
    if chromium is None:
        raise PdfUnavailable(NO_PDF_CHROMIUM)
    import subprocess  # here, not at the top: the browser edition's Python never gets this far

    pdf = page.with_suffix(".pdf")
    profile = tempfile.mkdtemp(prefix="closer-print-")
    args = [
        chromium,
        "--headless",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--no-pdf-header-footer",
        f"--user-data-dir={profile}",
        f"--print-to-pdf={pdf}",
        page.resolve().as_uri(),
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.insert(2, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
    try:
        done = subprocess.run(args, capture_output=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PdfUnavailable(
            f"the PDF could not be made ({type(exc).__name__}). The web page version prints from your "
            "browser's Print command."
        ) from None
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        raise PdfUnavailable(
            "Chromium could not make the PDF this time. The web page version prints from your "
            "browser's Print command."
        )
    with contextlib.suppress(OSError):
        os.chmod(pdf, 0o600)
    return pdf
