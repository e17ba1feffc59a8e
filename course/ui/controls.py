"""Small accessible controls built on anywidget.

Why not ipywidgets' IntSlider: its handle is a ``div`` that screen readers cannot name
(axe reports aria-input-field-name even with a description). ``RangeInput`` is a native
``<input type="range">`` with a real ``<label>``, a visible value and the end words as
its description, so it is named, keyboard-operable and announced properly.

``CheckboxGroup`` is a fieldset of native checkboxes under one legend. The emotion wheel
offers seventy words; as ipywidgets Checkboxes that was seventy kernel objects, comms and
views, which made module 5 the slowest notebook to start (`make bench`). One group per core
feeling is seven, and each box is still a real, labelled, keyboard-operable checkbox.

``DownloadLink`` puts a file in the page as a real link, so a learner on Binder can
save their journal to their own computer before the session vanishes.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import anywidget
import traitlets

_RANGE_ESM = r"""
// Each widget may load this module afresh, so ids must not rely on a shared counter or the clock:
// two sliders drawn in the same millisecond would share an id, and a label could name the wrong one.
const uniqueId = () =>
  "closer-range-" +
  (globalThis.crypto?.randomUUID?.() ?? Math.random().toString(36).slice(2) + Date.now().toString(36));
function render({ model, el }) {
  const id = uniqueId();
  el.classList.add("closer-range");
  const row = document.createElement("div");
  row.className = "closer-range-row";
  const label = document.createElement("label");
  label.htmlFor = id;
  label.className = "closer-range-label";
  const input = document.createElement("input");
  input.type = "range";
  input.id = id;
  const output = document.createElement("output");
  output.htmlFor = id;
  output.className = "closer-range-value";
  // The input announces its own value (aria-valuetext); the visible number is for the eye only,
  // or screen readers would hear every move twice (an <output> is a live region).
  output.setAttribute("aria-hidden", "true");
  row.append(input, output);
  const ends = document.createElement("div");
  ends.className = "closer-range-ends";
  ends.id = `${id}-ends`;
  const low = document.createElement("span");
  const high = document.createElement("span");
  ends.append(low, high);
  input.setAttribute("aria-describedby", ends.id);
  el.append(label, row, ends);

  const valueText = (v) => {
    const lo = model.get("low_label"), hi = model.get("high_label");
    const scale = lo && hi ? `, where ${model.get("min")} is ${lo} and ${model.get("max")} is ${hi}` : "";
    return `${v} of ${model.get("max")}${scale}`;
  };
  const show = (v) => {
    output.textContent = String(v);
    input.setAttribute("aria-valuetext", valueText(v));
  };
  const sync = () => {
    label.textContent = model.get("label");
    input.min = model.get("min");
    input.max = model.get("max");
    input.step = model.get("step");
    input.value = model.get("value");
    input.disabled = model.get("disabled");
    low.textContent = model.get("low_label") ? `${model.get("min")} = ${model.get("low_label")}` : "";
    high.textContent = model.get("high_label") ? `${model.get("max")} = ${model.get("high_label")}` : "";
    ends.hidden = !(model.get("low_label") || model.get("high_label"));
    show(model.get("value"));
  };
  const send = () => {
    const v = Number(input.value);
    if (v !== model.get("value")) {
      model.set("value", v);
      model.save_changes();
    }
  };
  input.addEventListener("input", () => {
    show(input.value);
    if (model.get("continuous_update")) send();
  });
  input.addEventListener("change", send);
  // JupyterLab's notebook keyboard handling would take these keys (and the focus) away
  // from the slider; keep them here so the keyboard works as it does on any web page.
  const sliderKeys = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"];
  input.addEventListener("keydown", (e) => {
    if (sliderKeys.includes(e.key)) e.stopPropagation();
  });
  model.on("change", sync);
  sync();
  return () => model.off("change", sync);
}
export default { render };
"""

_RANGE_CSS = r"""
.closer-range { margin: 0.6em 0; max-width: 40em; }
.closer-range-label { display: block; font-weight: 600; margin-bottom: 0.2em; }
.closer-range-row { display: flex; align-items: center; gap: 0.75em; }
.closer-range input[type="range"] { flex: 1 1 auto; min-width: 8em; accent-color: #0072B2; }
.closer-range input[type="range"]:focus-visible { outline: 3px solid #E69F00; outline-offset: 3px; }
.closer-range-value { flex: 0 0 2.5em; text-align: right; font-variant-numeric: tabular-nums;
  font-weight: 600; }
.closer-range-ends { display: flex; justify-content: space-between; margin-right: 3.25em;
  font-size: 0.85em; color: var(--jp-ui-font-color1, #333); }
"""


class RangeInput(anywidget.AnyWidget):
    """A labelled whole-number slider (native range input)."""

    _esm = _RANGE_ESM
    _css = _RANGE_CSS

    value = traitlets.Int(0).tag(sync=True)
    min = traitlets.Int(0).tag(sync=True)
    max = traitlets.Int(10).tag(sync=True)
    step = traitlets.Int(1).tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)
    low_label = traitlets.Unicode("").tag(sync=True)
    high_label = traitlets.Unicode("").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    continuous_update = traitlets.Bool(False).tag(sync=True)

    def __init__(self, label: str, value: int = 0, min: int = 0, max: int = 10, **kwargs: object):
        if not label.strip():
            raise ValueError("Every slider needs a label, so screen readers can name it.")
        if min >= max:
            raise ValueError(f"A slider's min ({min}) must be below its max ({max}).")
        super().__init__(label=label, min=min, max=max, value=value, **kwargs)

    @traitlets.validate("value")
    def _clamp(self, proposal: traitlets.Bunch) -> int:
        return max(self.min, min(self.max, int(proposal["value"])))


_LINK_ESM = r"""
function render({ model, el }) {
  el.classList.add("closer-download");
  const a = document.createElement("a");
  el.append(a);
  let url = null;
  const sync = () => {
    if (url) URL.revokeObjectURL(url);
    const blob = new Blob([model.get("content")], { type: model.get("mime") });
    url = URL.createObjectURL(blob);
    a.href = url;
    a.download = model.get("filename");
    a.textContent = model.get("label");
    el.hidden = !model.get("content");
  };
  model.on("change", sync);
  sync();
  return () => { model.off("change", sync); if (url) URL.revokeObjectURL(url); };
}
export default { render };
"""

_LINK_CSS = r"""
.closer-download a { display: inline-block; margin: 0.25em 0.5em 0.25em 0; padding: 0.3em 0.8em;
  border: 2px solid #0072B2; border-radius: 4px; color: #00467a; font-weight: 600;
  text-decoration: none; background: #fff; }
.closer-download a::before { content: "⬇ "; }
.closer-download a:hover, .closer-download a:focus-visible { background: #e8f2fa;
  outline: 3px solid #E69F00; outline-offset: 2px; }
"""


class DownloadLink(anywidget.AnyWidget):
    """A link that saves ``content`` as a file in the learner's browser; nothing is uploaded."""

    _esm = _LINK_ESM
    _css = _LINK_CSS

    filename = traitlets.Unicode("").tag(sync=True)
    content = traitlets.Unicode("").tag(sync=True)
    mime = traitlets.Unicode("text/plain").tag(sync=True)
    label = traitlets.Unicode("Download").tag(sync=True)


_LEAVE_ESM = r"""
function render({ model, el }) {
  el.classList.add("closer-leave");
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = model.get("label");
  button.title = "Replaces this page with an everyday one at once";
  button.addEventListener("click", (event) => {
    event.stopPropagation();
    const url = model.get("url");
    model.send({ type: "leave" }); // the kernel locks the journal, if it has a lock
    // replace(), not a link: the course page is swapped out of this tab's back button too.
    // A moment first, so the message above reaches the kernel before the page goes.
    setTimeout(() => {
      try { window.top.location.replace(url); } catch (_) { window.location.replace(url); }
    }, 120);
  });
  el.append(button);
}
export default { render };
"""

_LEAVE_CSS = r"""
.closer-leave button { margin: 0.3em 0; padding: 0.35em 1em; border: 2px solid #1f2d3d; border-radius: 4px;
  background: #fff; color: #1f2d3d; font-weight: 600; cursor: pointer; }
.closer-leave button:hover, .closer-leave button:focus-visible { background: #f1f3f5;
  outline: 3px solid #E69F00; outline-offset: 2px; }
"""


class LeaveButton(anywidget.AnyWidget):
    """**Leave quickly**: swaps the course page for an everyday one in one click.

    For a learner who may be watched: the page is replaced (``location.replace``), so the back
    button does not lead straight back, and ``on_leave`` runs in the kernel first (the course
    locks the journal there). It cannot erase the browser's history; the course says so beside it.
    """

    _esm = _LEAVE_ESM
    _css = _LEAVE_CSS

    url = traitlets.Unicode().tag(sync=True)
    label = traitlets.Unicode("Leave quickly").tag(sync=True)

    def __init__(self, on_leave=None, **kwargs):
        super().__init__(**kwargs)
        self.on_leave = on_leave
        self.on_msg(self._message)

    def _message(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("type") == "leave" and self.on_leave is not None:
            self.on_leave()


_CHECKS_ESM = r"""
const uniqueId = () =>
  "closer-check-" +
  (globalThis.crypto?.randomUUID?.() ?? Math.random().toString(36).slice(2) + Date.now().toString(36));
function render({ model, el }) {
  const fieldset = document.createElement("fieldset");
  fieldset.className = "closer-checks";
  const legend = document.createElement("legend");
  const list = document.createElement("div");
  fieldset.append(legend, list);
  el.append(fieldset);
  let inputs = [];
  const build = () => {
    legend.textContent = model.get("legend");
    const hints = model.get("hints");
    list.replaceChildren();
    inputs = model.get("options").map((option, i) => {
      const id = uniqueId();
      const input = document.createElement("input");
      input.type = "checkbox";
      input.id = id;
      input.value = option;
      const label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = option;
      if (hints[i]) label.title = hints[i];
      const row = document.createElement("div");
      row.className = "closer-check";
      row.append(input, label);
      list.append(row);
      input.addEventListener("change", () => {
        model.set("value", inputs.filter((x) => x.checked).map((x) => x.value));
        model.save_changes();
      });
      return input;
    });
  };
  const sync = () => {
    const chosen = new Set(model.get("value"));
    for (const input of inputs) input.checked = chosen.has(input.value);
  };
  // JupyterLab's notebook shortcuts would take the space bar away from a focused checkbox.
  fieldset.addEventListener("keydown", (e) => {
    if (e.key === " ") e.stopPropagation();
  });
  const rebuild = () => { build(); sync(); };
  const shape = ["change:options", "change:hints", "change:legend"];
  for (const event of shape) model.on(event, rebuild);
  model.on("change:value", sync);
  rebuild();
  // Remove only this view's listeners: the same group may be shown in two places at once.
  return () => {
    for (const event of shape) model.off(event, rebuild);
    model.off("change:value", sync);
  };
}
export default { render };
"""

_CHECKS_CSS = r"""
.closer-checks { border: 0; margin: 0 1em 0.8em 0; padding: 0; min-width: 10em; }
.closer-checks legend { font-weight: 700; padding: 0; margin-bottom: 0.2em; }
.closer-check { display: flex; align-items: center; gap: 0.4em; margin: 0.15em 0; }
.closer-check input { width: 1.1em; height: 1.1em; margin: 0; accent-color: #0072B2; }
.closer-check input:focus-visible { outline: 3px solid #E69F00; outline-offset: 2px; }
"""


class CheckboxGroup(anywidget.AnyWidget):
    """Native checkboxes under one legend; ``value`` lists the ticked options, in their order."""

    _esm = _CHECKS_ESM
    _css = _CHECKS_CSS

    legend = traitlets.Unicode("").tag(sync=True)
    options = traitlets.List(traitlets.Unicode()).tag(sync=True)
    hints = traitlets.List(traitlets.Unicode()).tag(sync=True)
    value = traitlets.List(traitlets.Unicode()).tag(sync=True)

    def __init__(self, legend: str, options: list[str], hints: list[str] | None = None, **kwargs: object):
        if not legend.strip():
            raise ValueError("Every group of checkboxes needs a legend, so screen readers can name it.")
        if len(set(options)) != len(options) or not all(o.strip() for o in options):
            raise ValueError(f"The options of {legend!r} must be distinct, non-empty words: {options}.")
        hints = list(hints or [])
        if hints and len(hints) != len(options):
            raise ValueError(f"{legend!r} has {len(options)} options but {len(hints)} hints.")
        super().__init__(legend=legend, options=list(options), hints=hints, **kwargs)

    @traitlets.validate("value")
    def _known_in_order(self, proposal: traitlets.Bunch) -> list[str]:
        chosen = set(proposal["value"])
        unknown = chosen - set(self.options)
        if unknown:
            raise traitlets.TraitError(f"{sorted(unknown)} are not options of {self.legend!r}.")
        return [o for o in self.options if o in chosen]


_CHART_ESM = r"""
// plotly.js is not sent with the chart. JupyterLab and Notebook 7 already have it: the
// jupyterlab-plotly extension ships it to draw plotly outputs, and loads it on first use. Where
// the page has no copy (another front end), the kernel sends plotly's own bundled copy, once per
// page. Every chart on the page shares the one copy (window.__closerPlotly).
const MIME = "application/vnd.plotly.v1+json";

async function fromJupyterLab() {
  const lab = globalThis._JUPYTERLAB?.["jupyterlab-plotly"];
  if (!lab) return null;
  const mod = (await lab.get("./mimeExtension"))();
  if (!mod.RenderedPlotly?.Plotly) {
    // The extension loads plotly.js the first time it draws: draw an empty plot off the page.
    const renderer = mod.rendererFactory.createRenderer({ mimeType: MIME });
    await renderer.renderModel({ data: { [MIME]: { data: [], layout: {} } }, setData() {} });
    renderer.dispose();
  }
  return mod.RenderedPlotly?.Plotly ?? globalThis.Plotly ?? null;
}

function fromKernel(model) {
  return new Promise((resolve, reject) => {
    const receive = (msg) => {
      if (msg?.type !== "plotly-js") return;
      model.off("msg:custom", receive);
      if (msg.error) {
        reject(new Error(msg.error));
        return;
      }
      const url = URL.createObjectURL(new Blob([msg.source], { type: "text/javascript" }));
      const script = document.createElement("script");
      script.src = url;
      script.onload = () => (globalThis.Plotly ? resolve(globalThis.Plotly) : reject(new Error("no Plotly")));
      script.onerror = () => reject(new Error("plotly.js did not load"));
      document.head.append(script);
    };
    model.on("msg:custom", receive);
    model.send({ type: "need-plotly" });
  });
}

function plotly(model) {
  if (globalThis.Plotly) return Promise.resolve(globalThis.Plotly);
  globalThis.__closerPlotly ??= (async () => {
    try {
      const found = await fromJupyterLab();
      if (found) return found;
    } catch (err) {
      console.warn("Closer: JupyterLab's plotly.js was not usable, asking the kernel", err);
    }
    return fromKernel(model);
  })().catch((err) => {
    globalThis.__closerPlotly = undefined; // let the next chart try again
    throw err;
  });
  return globalThis.__closerPlotly;
}

async function render({ model, el }) {
  el.classList.add("closer-chart");
  el.setAttribute("role", "figure");
  const plot = document.createElement("div");
  plot.className = "closer-chart-plot";
  const status = document.createElement("p");
  status.className = "closer-chart-status";
  status.textContent = "Drawing the chart…";
  el.append(status, plot);
  const label = () => el.setAttribute("aria-label", model.get("label"));
  label();
  const height = () => {
    plot.style.minHeight = `${model.get("plot").layout?.height ?? 400}px`;
  };
  height();

  let alive = true;
  // Words for the learner; the reason, if any, goes to the browser's console.
  const slow = setTimeout(() => {
    status.textContent =
      "The chart is taking a while to appear. If it does not come, run this cell again. " +
      "The words next to the chart say what it shows.";
  }, 20000);
  let Plotly;
  try {
    Plotly = await plotly(model);
  } catch (err) {
    console.warn("Closer: the chart could not load plotly.js", err);
    status.textContent =
      "The chart cannot be drawn on this page. The words next to it say what it shows.";
    return () => clearTimeout(slow);
  } finally {
    clearTimeout(slow);
  }
  status.remove();

  // Plotly.react changes the plot in place (no new element, no re-layout of the output area).
  // Moves that arrive while a draw is under way are folded into one draw of the latest figure.
  let busy = false;
  let again = false;
  const draw = async () => {
    if (busy) { again = true; return; }
    busy = true;
    try {
      do {
        again = false;
        const { data, layout, config } = model.get("plot");
        height();
        // plotly writes computed ranges into the layout it is given; keep the model's copy clean
        await Plotly.react(plot, data ?? [], structuredClone(layout ?? {}), config ?? {});
      } while (again && alive);
    } finally {
      busy = false;
    }
  };
  // The chart may be drawn before the page lays it out (plotly then guesses 700 px), and the
  // notebook may change width later: follow the width the page gives it.
  let drawn = false;
  const sized = new ResizeObserver(([entry]) => {
    const width = Math.round(entry.contentRect.width);
    if (drawn && width > 0 && Math.round(plot._fullLayout?.width ?? 0) !== width) Plotly.Plots.resize(plot);
  });
  sized.observe(plot);
  model.on("change:plot", draw);
  model.on("change:label", label);
  await draw();
  drawn = true;
  return () => {
    alive = false;
    sized.disconnect();
    model.off("change:plot", draw);
    model.off("change:label", label);
    Plotly.purge(plot);
  };
}
export default { render };
"""

_CHART_CSS = r"""
.closer-chart { width: 100%; }
.closer-chart-status { margin: 0.5em 0; font-style: italic; }
"""


def _plotly_js() -> str:
    """plotly's own bundled copy of plotly.js, found without importing plotly (a heavy import)."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("plotly is not installed, so there is no plotly.js to send")
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "package_data" / "plotly.min.js"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise FileNotFoundError("plotly's package has no package_data/plotly.min.js")


class PlotlyChart(anywidget.AnyWidget):
    """A plotly chart that redraws in place when ``plot`` changes (Plotly.react in the page).

    Why not an Output widget holding plotly's mime bundle: every change then removes the
    output and JupyterLab builds and draws a new plot, which made a slider move take about
    110 ms to reach the screen (``make bench``). ``plot`` holds data, layout and config;
    ``label`` names the chart for screen readers.
    """

    _esm = _CHART_ESM
    _css = _CHART_CSS

    plot = traitlets.Dict().tag(sync=True)
    label = traitlets.Unicode("Chart").tag(sync=True)

    def __init__(self, **kwargs: object):
        super().__init__(**kwargs)
        self.on_msg(self._answer)

    def _answer(self, _widget: object, content: dict, _buffers: object) -> None:
        """A page without plotly.js asks for it once; send plotly's bundled copy, or say why not
        (the page then tells the learner at once instead of waiting)."""
        if isinstance(content, dict) and content.get("type") == "need-plotly":
            try:
                self.send({"type": "plotly-js", "source": _plotly_js()})
            except OSError as exc:
                self.send({"type": "plotly-js", "error": str(exc)})
