"""Checks that axe cannot make inside a JupyterLab notebook, measured in the page itself.

axe's colour-contrast rule comes back "inapplicable" for text in a notebook (it treats the
notebook's scroll area as off-screen), so contrast is computed here from the rendered styles:
every piece of text in the course's outputs, HTML and SVG alike, its colour against the colour
actually behind it. The layout check finds text that overlaps other text or is cut off, and the
focus check measures the focus indicator. Each check returns the problems it found, so a test
can show them, and each has a test of its own (test_checks.py) proving it can fail.
"""

from __future__ import annotations

import re
from typing import Any

# Colour maths shared by the checks: parse, blend, WCAG luminance and contrast.
_COLOUR_JS = r"""
const parse = (text) => {
  if (!text || text === "none" || text === "transparent") return [0, 0, 0, 0];
  const m = text.match(/rgba?\(([^)]+)\)/);
  if (m) {
    const parts = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  }
  // colour(srgb r g b / a) from color-mix(), and anything else: let the canvas say
  const ctx = (globalThis.__closerCanvas ??= document.createElement("canvas").getContext("2d"));
  ctx.clearRect(0, 0, 1, 1);
  ctx.fillStyle = "rgba(0,0,0,0)";
  ctx.fillStyle = text;
  ctx.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
  return [r, g, b, a / 255];
};
const over = (top, bottom) => {
  // top (with alpha) composited over an opaque bottom
  const a = top[3];
  return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat([1]);
};
const luminance = (c) => {
  const [r, g, b] = c.slice(0, 3).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a, b) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};
const hex = (c) => "#" + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
// What is behind an element: its own and its ancestors' backgrounds, composited down to the first
// opaque one (the page's background if none is opaque).
const PAGE = () => {
  const body = parse(getComputedStyle(document.body).backgroundColor);
  return body[3] === 1 ? body : [255, 255, 255, 1];
};
const behind = (el, extra = []) => {
  const layers = [...extra];
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
    const style = getComputedStyle(node);
    const bg = parse(style.backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] >= 1) break;
  }
  let colour = layers.length && layers[layers.length - 1][3] >= 1 ? layers.pop() : PAGE();
  while (layers.length) colour = over(layers.pop(), colour);
  return colour;
};
// Text inside a closed <details> (other than its summary) is not shown.
const folded = (el) => el.closest("details:not([open])") !== null && el.closest("summary") === null;
const opacity = (el) => {
  let o = 1;
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
    o *= Number(getComputedStyle(node).opacity);
  }
  return o;
};
"""

CONTRAST_JS = (
    "(roots) => {"
    + _COLOUR_JS
    + r"""
  const out = [];
  const seen = new Set();
  const disabled = (el) =>
    el.closest(":disabled, [aria-disabled='true'], .closer-range:has(input:disabled)") !== null ||
    (el.closest("label")?.querySelector("input:disabled") ?? null) !== null;
  const visible = (el) => {
    const s = getComputedStyle(el);
    if (s.visibility === "hidden" || s.display === "none") return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const large = (el) => {
    const s = getComputedStyle(el);
    const px = parseFloat(s.fontSize);
    return px >= 24 || (px >= 18.66 && Number(s.fontWeight) >= 700);
  };
  const record = (el, text, fg, bg, kind) => {
    const ratio = contrast(fg, bg);
    const need = large(el) ? 3 : 4.5;
    out.push({ text: text.slice(0, 60), kind, fg: hex(fg), bg: hex(bg),
               ratio: Math.round(ratio * 100) / 100, need, ok: ratio + 1e-6 >= need });
  };
  // A shape's paint: a colour, or a pattern (plotly's hatched bars), whose background is
  // what lies under most of the text.
  const paint = (value) => {
    const ref = value.match(/url\(["']?[^#"')]*#([^"')]+)["']?\)/);
    if (!ref) return parse(value);
    const base = document.getElementById(ref[1])?.querySelector("rect");
    return base ? parse(getComputedStyle(base).fill) : [0, 0, 0, 0];
  };
  // SVG text (plotly): what lies behind it may be a bar, a slice or a label's box, not the page.
  const svgBehind = (text) => {
    const layers = [];
    const box = text.getBoundingClientRect();
    const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
    const group = text.closest("g.annotation, g.legend, g.point, g.slice");
    if (group?.matches("g.annotation, g.legend")) {
      const bg = group.querySelector("rect.bg");
      if (bg) {
        const fill = paint(getComputedStyle(bg).fill);
        fill[3] *= Number(getComputedStyle(bg).fillOpacity);
        if (fill[3] > 0) layers.push(fill);
      }
    } else if (group?.matches("g.point, g.slice")) {
      const shape = group.querySelector("path");
      if (shape) {
        const r = shape.getBoundingClientRect();
        const inside = cx >= r.left && cx <= r.right && cy >= r.top && cy <= r.bottom;
        if (inside) {
          const style = getComputedStyle(shape);
          const fill = paint(style.fill);
          fill[3] *= Number(style.fillOpacity) * Number(style.opacity);
          if (fill[3] > 0) layers.push(fill);
        }
      }
    }
    return behind(text.closest("svg"), layers);
  };
  for (const root of roots) {
    // text in HTML
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      const el = node.parentElement;
      if (!text || !el || seen.has(el)) continue;
      if (el.closest("svg, option, script, style, select, textarea") || folded(el)) continue;
      seen.add(el);
      if (!visible(el) || disabled(el)) continue;
      const fg = parse(getComputedStyle(el).color);
      fg[3] *= opacity(el);
      record(el, text, over(fg, behind(el)), behind(el), "html");
    }
    // text in SVG (plotly's charts)
    for (const el of root.querySelectorAll("svg text")) {
      const text = el.textContent.trim();
      if (!text || !visible(el)) continue;
      const s = getComputedStyle(el);
      const fg = parse(s.fill);
      fg[3] *= Number(s.fillOpacity) * opacity(el);
      if (fg[3] === 0) continue;
      const bg = svgBehind(el);
      record(el, text, over(fg, bg), bg, "svg");
    }
    // what a learner types or picks, and the examples shown in empty boxes
    for (const el of root.querySelectorAll("input[type=text], textarea, select")) {
      if (!visible(el) || el.disabled) continue;
      const bg = behind(el);
      const fg = parse(getComputedStyle(el).color);
      if (el.matches("select")) {
        record(el, el.selectedOptions[0]?.textContent ?? "", over(fg, bg), bg, "select");
      } else if (el.value) {
        record(el, el.value, over(fg, bg), bg, "value");
      } else if (el.placeholder) {
        const ph = parse(getComputedStyle(el, "::placeholder").color);
        record(el, el.placeholder, over(ph, bg), bg, "placeholder");
      }
    }
  }
  return out;
}"""
)

# Text that overlaps other text, or is cut off by a box it sits in. Text boxes are the line boxes
# of each text node (Range.getClientRects) and each SVG text element.
LAYOUT_JS = r"""(roots) => {
  const folded = (el) => el.closest("details:not([open])") !== null && el.closest("summary") === null;
  const boxes = [];
  const clipped = [];
  const GIVE = 3; // px: an italic letter's overhang is not text cut off
  const stop = (el) => el.matches(".jp-WindowedPanel-outer, .jp-Notebook, .jp-NotebookPanel, body");
  const clips = (el) => {
    const s = getComputedStyle(el);
    return s.overflowX !== "visible" || s.overflowY !== "visible";
  };
  const describe = (el) => (el.className?.baseVal ?? el.className ?? el.tagName).toString().slice(0, 50);
  const visible = (el) => {
    const s = getComputedStyle(el);
    return s.visibility !== "hidden" && s.display !== "none" && Number(s.opacity) > 0;
  };
  const px = (r) => [r.left, r.right, r.top, r.bottom].map(Math.round);
  // Is this box inside every box that clips it (the notebook's own scrolling excepted)?
  const checkClip = (el, r, text) => {
    const right = document.documentElement.clientWidth;
    if (r.left < -GIVE || r.right > right + GIVE) clipped.push({ text, by: "the window", box: px(r) });
    for (let a = el.parentElement; a && !stop(a); a = a.parentElement) {
      if (!clips(a)) continue;
      const c = a.getBoundingClientRect();
      const s = getComputedStyle(a);
      const vertical = s.overflowY === "hidden" || s.overflowY === "clip";
      const sideways = r.left < c.left - GIVE || r.right > c.right + GIVE;
      if (sideways || (vertical && (r.top < c.top - GIVE || r.bottom > c.bottom + GIVE))) {
        clipped.push({ text, by: describe(a), box: px(r), clip: px(c) });
        break;
      }
    }
  };
  // Each text's outline as four corners on the screen: a rectangle for HTML lines, the turned
  // box of an SVG text (a sunburst's words are turned, and their upright boxes would overlap).
  const corners = (r) => [[r.left, r.top], [r.right, r.top], [r.right, r.bottom], [r.left, r.bottom]];
  const turned = (el) => {
    const b = el.getBBox();
    const m = el.getScreenCTM();
    return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]].map(
      ([x, y]) => { const p = new DOMPoint(x, y).matrixTransform(m); return [p.x, p.y]; });
  };
  let id = 0;
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      const el = node.parentElement;
      if (!text || !el || !visible(el) || folded(el)) continue;
      if (el.closest("svg, option, script, style, select, .closer-sr-only")) continue;
      if (el.closest("[hidden]")) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const n = ++id;
      for (const r of range.getClientRects()) {
        if (r.width < 1 || r.height < 1) continue;
        boxes.push({ id: n, text: text.slice(0, 40), r, quad: corners(r) });
        checkClip(el, r, text.slice(0, 40));
      }
      // text cut short by its own box (an ellipsis, or a fixed width with its overflow hidden)
      if (clips(el) && el.scrollWidth > el.clientWidth + GIVE) {
        clipped.push({ text: text.slice(0, 40), by: "its own box", box: [el.scrollWidth, el.clientWidth] });
      }
    }
    for (const el of root.querySelectorAll("svg text")) {
      const text = el.textContent.trim();
      if (!text || !visible(el) || el.closest(".modebar, .hoverlayer")) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) continue;
      boxes.push({ id: ++id, text: text.slice(0, 40), r, quad: turned(el) });
      const svg = el.ownerSVGElement?.getBoundingClientRect();
      const out = svg && (r.left < svg.left - GIVE || r.right > svg.right + GIVE ||
                          r.top < svg.top - GIVE || r.bottom > svg.bottom + GIVE);
      if (out) clipped.push({ text: text.slice(0, 40), by: "the chart's edge", box: px(r), clip: px(svg) });
      checkClip(el.ownerSVGElement ?? el, r, text.slice(0, 40));
    }
    // A control wider than the page would need sideways scrolling.
    for (const el of root.querySelectorAll("input, select, textarea, button, fieldset, .js-plotly-plot")) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      const words = (el.textContent || el.value || "").trim().slice(0, 30);
      if (r.width > 0) checkClip(el, r, `<${el.tagName.toLowerCase()}> ${words}`);
    }
  }
  // How far two convex outlines overlap: the least overlap of their shadows on each edge's
  // normal (0 or less: apart). More than a sliver (GIVE px) is text over text.
  const depth = (a, b) => {
    let least = Infinity;
    for (const poly of [a, b]) {
      for (let i = 0; i < poly.length; i++) {
        const [x1, y1] = poly[i], [x2, y2] = poly[(i + 1) % poly.length];
        const len = Math.hypot(x2 - x1, y2 - y1) || 1;
        const nx = (y1 - y2) / len, ny = (x2 - x1) / len;
        const shadow = (p) => p.map(([x, y]) => x * nx + y * ny);
        const sa = shadow(a), sb = shadow(b);
        const top = Math.min(Math.max(...sa), Math.max(...sb));
        const shared = top - Math.max(Math.min(...sa), Math.min(...sb));
        least = Math.min(least, shared);
      }
    }
    return least;
  };
  boxes.sort((a, b) => a.r.top - b.r.top);
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i];
    for (let j = i + 1; j < boxes.length && boxes[j].r.top < a.r.bottom - GIVE; j++) {
      const b = boxes[j];
      if (a.id === b.id) continue;
      const d = depth(a.quad, b.quad);
      if (d > GIVE) overlaps.push({ a: a.text, b: b.text, depth: Math.round(d) });
    }
  }
  return { overlaps, clipped, texts: boxes.length };
}"""


# The focus indicator of the focused element: an outline of at least 2 px whose colour has at
# least 3:1 against what is around it.
FOCUS_JS = (
    "() => {"
    + _COLOUR_JS
    + r"""
  const el = document.activeElement;
  if (!el || el === document.body) return { ok: false, why: "nothing has the focus" };
  const s = getComputedStyle(el);
  const width = parseFloat(s.outlineWidth);
  const around = behind(el.parentElement ?? el);
  const colour = over(parse(s.outlineColor), around);
  const ratio = contrast(colour, around);
  const ok = s.outlineStyle !== "none" && width >= 2 && ratio >= 3;
  return { ok, width, style: s.outlineStyle, ratio: Math.round(ratio * 100) / 100,
           colour: hex(colour), around: hex(around) };
}"""
)

# The focused element, described (role, name, where it is).
ACTIVE_JS = r"""() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const tag = el.tagName.toLowerCase();
  const type = (el.getAttribute("type") || "").toLowerCase();
  const kind = tag === "input" ? (type || "text") : el.getAttribute("role") || tag;
  const area = el.closest(".jp-Cell-outputArea");
  const cells = [...document.querySelectorAll(".jp-Notebook .jp-Cell")];
  const label = el.getAttribute("aria-label") || (el.labels?.[0]?.textContent) ||
    el.closest("label")?.textContent || el.textContent || el.getAttribute("title") || "";
  return {
    kind,
    name: label.trim().replace(/\s+/g, " ").slice(0, 80),
    cell: cells.indexOf(el.closest(".jp-Cell")),
    output: area !== null,
    active: cells.findIndex((c) => c.classList.contains("jp-mod-active")),
    checked: el.checked ?? null,
    value: el.value ?? null,
    group: [...document.querySelectorAll("fieldset")].indexOf(el.closest("fieldset")),
    first: el.closest("fieldset")?.querySelector("input") === el,
    disabled: el.disabled ?? false,
  };
}"""

# Resolves when the element has had no DOM changes for `quiet` ms (or after `most` ms).
SETTLE_JS = r"""([el, quiet, most]) => new Promise((resolve) => {
  let timer = setTimeout(done, quiet);
  const cap = setTimeout(done, most);
  const watch = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, quiet); });
  watch.observe(el, { subtree: true, childList: true, characterData: true, attributes: true });
  function done() { watch.disconnect(); clearTimeout(timer); clearTimeout(cap); resolve(); }
})"""

# Roles whose accessible names must be unique in a notebook (radio options repeat by design: the
# group's name tells them apart).
NAMED_ROLES = ("button", "textbox", "combobox", "slider", "checkbox", "group", "radiogroup", "figure", "link")
_SNAPSHOT_LINE = re.compile(r'^\s*- (\w+) "((?:[^"\\]|\\.)*)"')


def accessible_names(aria_snapshot: str, roles: tuple[str, ...] = NAMED_ROLES) -> list[tuple[str, str]]:
    """(role, name) of every control with one of ``roles`` in a Playwright ARIA snapshot."""
    out = []
    for line in aria_snapshot.splitlines():
        match = _SNAPSHOT_LINE.match(line)
        if match and match.group(1) in roles:
            out.append((match.group(1), match.group(2).replace('\\"', '"')))
    return out


_NAMELESS = re.compile(
    r"^\s*- (button|textbox|combobox|slider|checkbox|radio|radiogroup|link)(?: \[[^\]]*\])?:?\s*$"
)


def unnamed(aria_snapshot: str) -> list[str]:
    """The snapshot's lines for controls that have no accessible name at all."""
    return [line.strip() for line in aria_snapshot.splitlines() if _NAMELESS.match(line)]


def duplicates(names: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Names given to more than one control (links may repeat when they go to the same place,
    which the snapshot cannot tell, so links are left to the caller)."""
    controls = [n for n in names if n[0] != "link"]
    return sorted({n for n in controls if controls.count(n) > 1})


def failures(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in results if not r["ok"]]
