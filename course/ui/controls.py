"""Small accessible controls built on anywidget.

Why our own controls: inside a JupyterLab notebook, ipywidgets' radio buttons and dropdowns
lose their arrow keys to the notebook's shortcuts (the cell selection moves, the focus leaves
the widget), every radio option is its own Tab stop, a radio group has no name, and a
slider's handle is a ``div`` that screen readers cannot name. Each control here is the native
HTML element (``input type=radio`` in a ``fieldset``, ``select``, ``input``, ``textarea``,
``input type=range``, ``button``) with a real label, so the browser gives it the keyboard and
screen-reader behaviour learners expect, and each keeps its keys from reaching JupyterLab's
notebook shortcuts (as JupyterLab's own inputs do), except Tab, Escape and Ctrl/Cmd+S.

``CheckboxGroup`` is a fieldset of native checkboxes under one legend. The emotion wheel
offers seventy words; as ipywidgets Checkboxes that was seventy kernel objects, comms and
views, which made module 5 the slowest notebook to start (`make bench`). One group per core
feeling is seven, and each box is still a real, labelled, keyboard-operable checkbox.

``DownloadLink`` puts a file in the page as a real link, so a learner on Binder can save their
journal to their own computer before the session vanishes. ``StatusLine`` is a live region
that screen readers announce when its words change, and that can take the focus when an action
removed what the learner was on. ``PlotlyChart`` redraws a chart in place and follows the
page's light or dark theme. ``CourseStyle`` carries the course's page-wide style (colours from
JupyterLab's theme variables, focus rings, text that reflows on a phone).

Colours come from JupyterLab's CSS variables (``--jp-...``), with a light fallback for pages
that have none; the focus ring is 2-3 px in a colour mixed towards the theme's text colour, so
it keeps at least 3:1 against the page in light and dark themes.
"""

from __future__ import annotations

import base64
import importlib.util
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import anywidget
import traitlets
from ipywidgets import CallbackDispatcher

# Shared by every control's module (each anywidget module is loaded on its own, so this text is
# put in front of each one).
_SHARED_JS = r"""
// Each widget may load this module afresh, so ids must not rely on a shared counter or the clock:
// two controls drawn in the same millisecond would share an id, and a label could name the wrong one.
const uniqueId = (prefix) =>
  `closer-${prefix}-` +
  (globalThis.crypto?.randomUUID?.() ?? Math.random().toString(36).slice(2) + Date.now().toString(36));

// JupyterLab's notebook takes keys from focused outputs in command mode (arrows move the cell
// selection, letters insert, delete or change cells). Keep them at the control, as JupyterLab's
// own inputs do; let through only Tab and Escape (moving on) and Ctrl/Cmd+S (save).
const passes = (e) =>
  e.key === "Tab" || e.key === "Escape" || ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s");
function keepKeys(node) {
  const stop = (e) => { if (!passes(e)) e.stopPropagation(); };
  node.addEventListener("keydown", stop);
  return () => node.removeEventListener("keydown", stop);
}

// A learner's change goes to the kernel at once, as a message. ipywidgets' own way (save_changes)
// holds a change back while an earlier one awaits the kernel's reply, so a press on "Save" could
// reach the kernel before the words it was meant to save. And ipykernel (7) runs a widget message
// that arrives while another is being handled at the same time as it, so a press sent right
// behind the words can still overtake them: a press waits (afterChanges) until every change made
// before it has been handled (the kernel says "idle" for it), or 3 s at most.
const inFlight = (globalThis.__closerInFlight ??= new Set());
function commit(model, name, value) {
  model.set(name, value);
  let finish;
  const landed = new Promise((resolve) => {
    finish = () => { inFlight.delete(landed); resolve(); };
  });
  inFlight.add(landed);
  setTimeout(finish, 3000);
  const idle = (msg) => { if (msg?.content?.execution_state === "idle") finish(); };
  model.send({ method: "set", state: { [name]: value } }, { iopub: { status: idle } });
}
const afterChanges = () => Promise.all([...inFlight]);

// The kernel asks a control to take the focus ({do: "focus"}) after an action removed what the
// learner was on, so the focus never drops to the top of the page.
function onFocusRequest(model, target) {
  const handle = (msg) => {
    if (msg?.do === "focus") {
      const node = target();
      if (node) node.focus({ preventScroll: false });
    }
  };
  model.on("msg:custom", handle);
  return () => model.off("msg:custom", handle);
}

// A label that may carry words for screen readers only (context: "Intention 2", so three boxes
// called "A small first step" get three different names).
function fillLabel(node, text, context) {
  node.replaceChildren();
  if (context) {
    const hidden = document.createElement("span");
    hidden.className = "closer-sr-only";
    hidden.textContent = `${context}: `;
    node.append(hidden);
  }
  node.append(document.createTextNode(text));
}
"""

# What every control's CSS may use. The values live on :root in CourseStyle's sheet; the
# fallbacks are JupyterLab's light theme, for pages without it.
_FOCUS = "outline: 3px solid var(--closer-focus, #0b3f78); outline-offset: 2px;"

_CONTROL_CSS = r"""
.closer-sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.closer-field { margin: 0.5em 0; max-width: 100%; box-sizing: border-box; }
.closer-field-label { display: block; font-weight: 600; margin-bottom: 0.25em;
  color: var(--jp-content-font-color1, rgba(0, 0, 0, 0.87)); overflow-wrap: anywhere; }
.closer-field-hint { margin: 0 0 0.3em; color: var(--closer-muted, #595959); overflow-wrap: anywhere; }
"""


def _module(body: str) -> str:
    return _SHARED_JS + body


class _Control(anywidget.AnyWidget):
    """What every course control shares: the page's changes arrive as messages, handled in order
    with button presses (see ``commit`` in the page's code), and ``focus()`` asks the page to move
    the focus here."""

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.on_msg(self._set_from_page)

    def _set_from_page(self, _widget: object, content: dict, _buffers: object) -> None:
        """Take a change the page made. It is not sent back (the page has it already): an echo
        could land after the learner's next key and move the control back a step."""
        if not (isinstance(content, dict) and content.get("method") == "set"):
            return
        synced = set(self.keys)
        state = {k: v for k, v in content.get("state", {}).items() if k in synced}
        with self._lock_property(**state), self.hold_trait_notifications():
            for name, value in state.items():
                self.set_trait(name, value)

    def focus(self) -> None:
        """Move the learner's focus to this control (after an action removed the one they were on)."""
        self.send({"do": "focus"})


# --------------------------------------------------------------------------------------
# Slider
# --------------------------------------------------------------------------------------

_RANGE_ESM = _module(r"""
function render({ model, el }) {
  const id = uniqueId("range");
  el.classList.add("closer-range", "closer-control");
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
    if (v !== model.get("value")) commit(model, "value", v);
  };
  input.addEventListener("input", () => {
    show(input.value);
    if (model.get("continuous_update")) send();
  });
  input.addEventListener("change", send);
  const unkeep = keepKeys(el);
  const unfocus = onFocusRequest(model, () => input);
  model.on("change", sync);
  sync();
  return () => { model.off("change", sync); unkeep(); unfocus(); };
}
export default { render };
""")

_RANGE_CSS = (
    _CONTROL_CSS
    + r"""
.closer-range { margin: 0.6em 0; max-width: 40em; }
.closer-range-label { display: block; font-weight: 600; margin-bottom: 0.2em; overflow-wrap: anywhere;
  color: var(--jp-content-font-color1, rgba(0, 0, 0, 0.87)); }
.closer-range-row { display: flex; align-items: center; gap: 0.75em; }
.closer-range input[type="range"] { flex: 1 1 auto; min-width: 6em;
  accent-color: var(--closer-accent, #0b5cad); }
.closer-range input[type="range"]:focus-visible { """
    + _FOCUS
    + r""" }
.closer-range-value { flex: 0 0 2.5em; text-align: right; font-variant-numeric: tabular-nums;
  font-weight: 600; color: var(--jp-content-font-color1, rgba(0, 0, 0, 0.87)); }
.closer-range-ends { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 1em;
  margin-right: 3.25em; font-size: 0.9em; color: var(--jp-content-font-color1, rgba(0, 0, 0, 0.87)); }
"""
)


class RangeInput(_Control):
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


# --------------------------------------------------------------------------------------
# Choices: a radio group and a select
# --------------------------------------------------------------------------------------

Option = tuple[str, Any]


def _pairs(options: Sequence[str | Option]) -> list[Option]:
    pairs = [(o, o) if isinstance(o, str) else (str(o[0]), o[1]) for o in options]
    if not pairs or not all(label.strip() for label, _ in pairs):
        raise ValueError(f"Every option needs a visible label: {options!r}.")
    return pairs


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same type (True is not 1 here: a Yes/No choice is not a 1/0 one)."""
    return a is b or (type(a) is type(b) and a == b)


class _Choice(_Control):
    """One option out of several, picked by ``index`` (synced) or ``value`` (kernel side).

    ``options`` are (label, value) pairs, or labels that are their own values, as in
    ipywidgets; the page only sees the labels and the index, so values can be any Python object.
    """

    label = traitlets.Unicode("").tag(sync=True)
    labels = traitlets.List(traitlets.Unicode()).tag(sync=True)
    index = traitlets.Int(None, allow_none=True).tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    options = traitlets.List()
    value = traitlets.Any(None, allow_none=True)

    def __init__(
        self,
        label: str,
        options: Sequence[str | Option],
        value: Any = None,
        index: int | None = None,
        **kwargs: Any,
    ):
        if not label.strip():
            raise ValueError("Every choice needs a label, so screen readers can name it.")
        pairs = _pairs(options)
        super().__init__(label=label, options=pairs, labels=[p[0] for p in pairs], **kwargs)
        if value is not None:
            self.value = value
        elif index is not None:
            self.index = index

    def _position(self, value: Any) -> int | None:
        if value is None:
            return None
        for i, (_, v) in enumerate(self.options):
            if _same(v, value):
                return i
        raise traitlets.TraitError(f"{value!r} is not an option of {self.label!r}.")

    @traitlets.validate("value")
    def _known_value(self, proposal: traitlets.Bunch) -> Any:
        self._position(proposal["value"])
        return proposal["value"]

    @traitlets.validate("index")
    def _known_index(self, proposal: traitlets.Bunch) -> int | None:
        i = proposal["value"]
        if i is not None and not 0 <= i < len(self.options):
            raise traitlets.TraitError(f"{self.label!r} has no option number {i}.")
        return i

    @traitlets.observe("options")
    def _new_options(self, change: dict[str, Any]) -> None:
        self.labels = [label for label, _ in change["new"]]
        if self.index is not None and self.index >= len(change["new"]):
            self.index = None

    @traitlets.observe("index")
    def _index_to_value(self, change: dict[str, Any]) -> None:
        i = change["new"]
        value = None if i is None else self.options[i][1]
        if not _same(self.value, value):
            self.value = value

    @traitlets.observe("value")
    def _value_to_index(self, change: dict[str, Any]) -> None:
        i = self._position(change["new"])
        if self.index != i:
            self.index = i


_RADIO_ESM = _module(r"""
function render({ model, el }) {
  const name = uniqueId("radio");
  el.classList.add("closer-control");
  const fieldset = document.createElement("fieldset");
  fieldset.className = "closer-radios";
  const legend = document.createElement("legend");
  legend.className = "closer-radios-legend";
  const hint = document.createElement("p");
  hint.className = "closer-field-hint";
  hint.id = `${name}-hint`;
  const list = document.createElement("div");
  list.className = "closer-radio-options";
  fieldset.append(legend, hint, list);
  el.append(fieldset);
  let inputs = [];
  const build = () => {
    fillLabel(legend, model.get("label"), model.get("context"));
    hint.textContent = model.get("hint");
    hint.hidden = !model.get("hint");
    if (model.get("hint")) fieldset.setAttribute("aria-describedby", hint.id);
    else fieldset.removeAttribute("aria-describedby");
    fieldset.classList.toggle("closer-radios--horizontal", model.get("orientation") === "horizontal");
    list.replaceChildren();
    inputs = model.get("labels").map((text, i) => {
      const option = document.createElement("label");
      option.className = "closer-radio";
      const input = document.createElement("input");
      input.type = "radio";
      input.name = name;
      input.value = String(i);
      const words = document.createElement("span");
      words.textContent = text;
      option.append(input, words);
      list.append(option);
      input.addEventListener("change", () => {
        if (input.checked && model.get("index") !== i) commit(model, "index", i);
      });
      return input;
    });
  };
  const sync = () => {
    const chosen = model.get("index");
    inputs.forEach((input, i) => { input.checked = i === chosen; input.disabled = model.get("disabled"); });
  };
  const rebuild = () => { build(); sync(); };
  const shape = ["change:labels", "change:label", "change:context", "change:hint", "change:orientation"];
  for (const event of shape) model.on(event, rebuild);
  model.on("change:index", sync);
  model.on("change:disabled", sync);
  const unkeep = keepKeys(fieldset);
  // Focus goes where Tab would land: the chosen option, or the first.
  const unfocus = onFocusRequest(model, () => inputs.find((x) => x.checked) ?? inputs[0]);
  rebuild();
  return () => {
    for (const event of shape) model.off(event, rebuild);
    model.off("change:index", sync);
    model.off("change:disabled", sync);
    unkeep();
    unfocus();
  };
}
export default { render };
""")

_RADIO_CSS = (
    _CONTROL_CSS
    + r"""
.closer-radios { border: 0; margin: 0.8em 0 0.3em; padding: 0; min-width: 0; max-width: 52em; }
.closer-radios-legend { font-weight: 700; padding: 0; margin-bottom: 0.35em; white-space: normal;
  overflow-wrap: anywhere; color: var(--jp-content-font-color1, rgba(0, 0, 0, 0.87)); }
.closer-radio-options { display: flex; flex-direction: column; gap: 0.2em; }
.closer-radios--horizontal .closer-radio-options { display: grid; gap: 0.3em 0.8em;
  grid-template-columns: repeat(auto-fill, minmax(6.5em, 1fr)); }
.closer-radio { display: flex; align-items: flex-start; gap: 0.5em; padding: 0.15em 0; line-height: 1.4;
  cursor: pointer; color: var(--jp-content-font-color1, rgba(0, 0, 0, 0.87)); }
.closer-radio span { flex: 1 1 auto; min-width: 0; overflow-wrap: anywhere; }
.closer-radio input { flex: 0 0 auto; width: 1.1em; height: 1.1em; margin: 0.15em 0 0;
  accent-color: var(--closer-accent, #0b5cad); }
.closer-radio input:focus-visible { """
    + _FOCUS
    + r""" }
"""
)


class RadioGroup(_Choice):
    """Native radio buttons in a fieldset named by its legend: one Tab stop, arrows move inside.

    ``label`` is the question (the legend: what screen readers announce for the group), ``hint``
    an optional line under it, ``context`` words for screen readers only, and ``orientation``
    "horizontal" lays the options in columns that wrap (each label wraps under its own radio).
    Nothing is chosen until the learner picks (``index`` None), unless ``value``/``index`` is given.
    """

    _esm = _RADIO_ESM
    _css = _RADIO_CSS

    hint = traitlets.Unicode("").tag(sync=True)
    context = traitlets.Unicode("").tag(sync=True)
    orientation = traitlets.Unicode("vertical").tag(sync=True)


_SELECT_ESM = _module(r"""
function render({ model, el }) {
  const id = uniqueId("select");
  el.classList.add("closer-field", "closer-control");
  const label = document.createElement("label");
  label.className = "closer-field-label";
  label.htmlFor = id;
  const select = document.createElement("select");
  select.id = id;
  select.className = "closer-select";
  el.append(label, select);
  const build = () => {
    fillLabel(label, model.get("label"), model.get("context"));
    select.replaceChildren(
      ...model.get("labels").map((text, i) => {
        const option = document.createElement("option");
        option.value = String(i);
        option.textContent = text;
        return option;
      }),
    );
    sync();
  };
  const sync = () => {
    const i = model.get("index");
    select.selectedIndex = i ?? -1;
    select.disabled = model.get("disabled");
  };
  select.addEventListener("change", () => {
    const i = select.selectedIndex === -1 ? null : select.selectedIndex;
    if (i !== model.get("index")) commit(model, "index", i);
  });
  const shape = ["change:labels", "change:label", "change:context"];
  for (const event of shape) model.on(event, build);
  model.on("change:index", sync);
  model.on("change:disabled", sync);
  const unkeep = keepKeys(el);
  const unfocus = onFocusRequest(model, () => select);
  build();
  return () => {
    for (const event of shape) model.off(event, build);
    model.off("change:index", sync);
    model.off("change:disabled", sync);
    unkeep();
    unfocus();
  };
}
export default { render };
""")

_SELECT_CSS = (
    _CONTROL_CSS
    + r"""
.closer-select { display: block; max-width: 100%; min-height: 2.2em; padding: 0.25em 0.5em;
  font: inherit; border-radius: 4px; border: 1px solid var(--closer-field-border, #757575);
  background: var(--jp-layout-color1, #fff); color: var(--jp-content-font-color1, rgba(0, 0, 0, 0.87)); }
.closer-select:focus-visible { """
    + _FOCUS
    + r""" }
"""
)


class Select(_Choice):
    """A native drop-down list with a visible label; arrow keys change it and stay in it."""

    _esm = _SELECT_ESM
    _css = _SELECT_CSS

    context = traitlets.Unicode("").tag(sync=True)

    def __init__(self, label: str, options: Sequence[str | Option], value: Any = None, **kwargs: Any):
        pairs = _pairs(options)
        # A drop-down always shows something: the first option unless told otherwise.
        super().__init__(label, pairs, value=pairs[0][1] if value is None else value, **kwargs)


# --------------------------------------------------------------------------------------
# Writing: one line and several lines
# --------------------------------------------------------------------------------------

_TEXT_ESM = _module(r"""
function render({ model, el }) {
  const id = uniqueId("text");
  const multiline = model.get("rows") > 0;
  el.classList.add("closer-field", "closer-text", "closer-control");
  const label = document.createElement("label");
  label.className = "closer-field-label";
  label.htmlFor = id;
  const hint = document.createElement("p");
  hint.className = "closer-field-hint";
  hint.id = `${id}-hint`;
  const box = document.createElement(multiline ? "textarea" : "input");
  if (!multiline) box.type = model.get("secret") ? "password" : "text";
  if (model.get("secret")) box.autocomplete = "off"; // a passphrase is never offered back
  box.id = id;
  box.className = "closer-textbox";
  el.append(label, hint, box);
  const sync = () => {
    fillLabel(label, model.get("label"), model.get("context"));
    hint.textContent = model.get("hint");
    hint.hidden = !model.get("hint");
    if (model.get("hint")) box.setAttribute("aria-describedby", hint.id);
    else box.removeAttribute("aria-describedby");
    box.placeholder = model.get("placeholder");
    if (multiline) box.rows = model.get("rows");
    box.disabled = model.get("disabled");
    el.style.maxWidth = model.get("max_width");
    if (box.value !== model.get("value")) box.value = model.get("value");
  };
  // Sent when the learner leaves the box (or presses Enter in a one-line box), as ipywidgets'
  // continuous_update=False does: a drafts store sees whole thoughts, not every key.
  const send = () => {
    if (box.value !== model.get("value")) commit(model, "value", box.value);
  };
  box.addEventListener("change", send);
  if (!multiline) box.addEventListener("keydown", (e) => { if (e.key === "Enter") send(); });
  model.on("change", sync);
  const unkeep = keepKeys(el);
  const unfocus = onFocusRequest(model, () => box);
  sync();
  return () => { model.off("change", sync); unkeep(); unfocus(); };
}
export default { render };
""")

_TEXT_CSS = (
    _CONTROL_CSS
    + r"""
.closer-text { width: 100%; }
.closer-textbox { display: block; width: 100%; box-sizing: border-box; padding: 0.4em 0.5em;
  font: inherit; line-height: 1.4; border-radius: 4px; border: 1px solid var(--closer-field-border, #757575);
  background: var(--jp-layout-color1, #fff); color: var(--jp-content-font-color1, rgba(0, 0, 0, 0.87)); }
textarea.closer-textbox { resize: vertical; }
.closer-textbox::placeholder { color: var(--closer-muted, #595959); opacity: 1; }
.closer-textbox:focus-visible { """
    + _FOCUS
    + r""" }
"""
)


class _Text(_Control):
    _esm = _TEXT_ESM
    _css = _TEXT_CSS

    value = traitlets.Unicode("").tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)
    context = traitlets.Unicode("").tag(sync=True)
    hint = traitlets.Unicode("").tag(sync=True)
    placeholder = traitlets.Unicode("").tag(sync=True)
    rows = traitlets.Int(0).tag(sync=True)
    max_width = traitlets.Unicode("40em").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    secret = traitlets.Bool(False).tag(sync=True)  # a passphrase: shown as dots, never autofilled

    def __init__(self, label: str, **kwargs: Any):
        if not label.strip():
            raise ValueError("Every text box needs a label, so screen readers can name it.")
        super().__init__(label=label, **kwargs)


class TextBox(_Text):
    """A labelled one-line text box (native input): named by its label, plus ``context`` for
    screen readers; the value reaches the kernel when the learner leaves the box or presses Enter."""

    rows = traitlets.Int(0).tag(sync=True)


class TextArea(_Text):
    """A labelled text area (native textarea) of ``rows`` lines; ``hint`` is read with the label."""

    rows = traitlets.Int(4).tag(sync=True)

    def __init__(self, label: str, rows: int = 4, **kwargs: Any):
        super().__init__(label, rows=max(1, rows), **kwargs)


# --------------------------------------------------------------------------------------
# Button and status line
# --------------------------------------------------------------------------------------

_BUTTON_ESM = _module(r"""
function render({ model, el }) {
  el.classList.add("closer-button-host", "closer-control");
  const button = document.createElement("button");
  button.type = "button";
  el.append(button);
  const sync = () => {
    fillLabel(button, model.get("description"), "");
    const context = model.get("context");
    if (context) button.setAttribute("aria-label", `${model.get("description")}: ${context}`);
    else button.removeAttribute("aria-label");
    const tip = model.get("tooltip");
    if (tip) button.title = tip;
    else button.removeAttribute("title");
    const look = model.get("button_style");
    button.className = "closer-button" + (look ? ` closer-button--${look}` : "");
    button.disabled = model.get("disabled");
  };
  // The words typed just before (sent as the text box lost the focus) reach the kernel first.
  button.addEventListener("click", () => afterChanges().then(() => model.send({ event: "click" })));
  model.on("change", sync);
  const unkeep = keepKeys(el);
  const unfocus = onFocusRequest(model, () => button);
  sync();
  return () => { model.off("change", sync); unkeep(); unfocus(); };
}
export default { render };
""")

_BUTTON_CSS = (
    r"""
.closer-button-host { display: inline-block; max-width: 100%; margin: 0.25em 0.5em 0.25em 0; }
.closer-button { font: inherit; font-weight: 600; line-height: 1.3; padding: 0.4em 0.9em;
  min-height: 2.2em; max-width: 100%; text-align: left; white-space: normal; overflow-wrap: anywhere;
  border-radius: 4px; cursor: pointer;
  border: 1px solid var(--closer-field-border, #757575);
  background: var(--jp-layout-color2, #eee); color: var(--jp-content-font-color1, rgba(0, 0, 0, 0.87)); }
.closer-button:hover:not(:disabled) { background: var(--jp-layout-color3, #bdbdbd); }
/* Coloured buttons: JupyterLab's colour darkened, so white words keep 4.5:1 in both themes. */
.closer-button--primary, .closer-button--success, .closer-button--danger { color: #fff;
  border-color: transparent; }
.closer-button--primary { background: color-mix(in srgb, var(--jp-brand-color1, #1976d2) 70%, #000); }
.closer-button--success { background: color-mix(in srgb, var(--jp-success-color1, #388e3c) 70%, #000); }
.closer-button--danger { background: color-mix(in srgb, var(--jp-error-color1, #d32f2f) 70%, #000); }
.closer-button--primary:hover:not(:disabled) {
  background: color-mix(in srgb, var(--jp-brand-color1, #1976d2) 55%, #000); }
.closer-button--success:hover:not(:disabled) {
  background: color-mix(in srgb, var(--jp-success-color1, #388e3c) 55%, #000); }
.closer-button--danger:hover:not(:disabled) {
  background: color-mix(in srgb, var(--jp-error-color1, #d32f2f) 55%, #000); }
.closer-button:disabled { opacity: 0.55; cursor: not-allowed; }
.closer-button:focus-visible { """
    + _FOCUS
    + r""" }
"""
)


class Button(_Control):
    """A native button. ``context`` is added to its accessible name ("Save to my journal: What
    you hope for"), so repeated buttons stay distinguishable for screen readers."""

    _esm = _BUTTON_ESM
    _css = _BUTTON_CSS

    description = traitlets.Unicode("").tag(sync=True)
    context = traitlets.Unicode("").tag(sync=True)
    tooltip = traitlets.Unicode("").tag(sync=True)
    button_style = traitlets.Enum(["", "primary", "success", "danger"], default_value="").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)

    def __init__(self, description: str, **kwargs: Any):
        if not description.strip():
            raise ValueError("Every button needs words on it, so everyone knows what it does.")
        super().__init__(description=description, **kwargs)
        self._click_handlers = CallbackDispatcher()
        self.on_msg(self._handle_click)

    def on_click(self, callback: Callable[[Button], Any], remove: bool = False) -> None:
        """Call ``callback(button)`` when the button is pressed (as ipywidgets' Button does)."""
        self._click_handlers.register_callback(callback, remove=remove)

    def click(self) -> None:
        """Press the button from the kernel (tests, or another control)."""
        if not self.disabled:
            self._click_handlers(self)

    def _handle_click(self, _widget: object, content: dict, _buffers: object) -> None:
        if isinstance(content, dict) and content.get("event") == "click":
            self.click()


_STATUS_ESM = _module(r"""
function render({ model, el }) {
  el.classList.add("closer-status-line", "closer-control");
  // The live region stays in the page while its words change, so screen readers announce them.
  const region = document.createElement("div");
  region.setAttribute("role", "status");
  region.tabIndex = -1;
  region.className = "closer-status-region";
  el.append(region);
  const sync = () => {
    region.innerHTML = model.get("value");
    el.hidden = !model.get("value");
  };
  model.on("change:value", sync);
  const unfocus = onFocusRequest(model, () => region);
  sync();
  return () => { model.off("change:value", sync); unfocus(); };
}
export default { render };
""")

_STATUS_CSS = (
    r"""
.closer-status-line { max-width: 52em; }
.closer-status-line[hidden] { display: none; }
.closer-status-region { line-height: 1.5; color: var(--jp-content-font-color1, rgba(0, 0, 0, 0.87)); }
.closer-status-region:focus-visible, .closer-status-region:focus { """
    + _FOCUS
    + r""" }
"""
)


class StatusLine(_Control):
    """A polite live region holding HTML (``value``); ``focus()`` moves the focus to it."""

    _esm = _STATUS_ESM
    _css = _STATUS_CSS

    value = traitlets.Unicode("").tag(sync=True)

    def __init__(self, value: str = "", **kwargs: Any):
        super().__init__(value=value, **kwargs)


# --------------------------------------------------------------------------------------
# Download link and checkbox group
# --------------------------------------------------------------------------------------

_LINK_ESM = _module(r"""
function render({ model, el }) {
  el.classList.add("closer-download", "closer-control");
  const a = document.createElement("a");
  el.append(a);
  let url = null;
  const sync = () => {
    if (url) URL.revokeObjectURL(url);
    const content = model.get("content");
    // A binary file (a PDF) travels as base64 text: decoded back to its bytes here.
    const bytes = model.get("encoding") === "base64"
      ? Uint8Array.from(atob(content), (c) => c.charCodeAt(0))
      : content;
    const blob = new Blob([bytes], { type: model.get("mime") });
    url = URL.createObjectURL(blob);
    a.href = url;
    a.download = model.get("filename");
    a.textContent = model.get("label");
    el.hidden = !model.get("content");
  };
  model.on("change", sync);
  const unfocus = onFocusRequest(model, () => a);
  sync();
  return () => { model.off("change", sync); unfocus(); if (url) URL.revokeObjectURL(url); };
}
export default { render };
""")

_LINK_CSS = (
    r"""
.closer-download[hidden] { display: none; }
.closer-download a { display: inline-block; margin: 0.25em 0.5em 0.25em 0; padding: 0.3em 0.8em;
  border: 2px solid var(--closer-accent, #0b5cad); border-radius: 4px; font-weight: 600;
  text-decoration: none; overflow-wrap: anywhere; max-width: 100%; box-sizing: border-box;
  color: var(--closer-link, #0d47a1); background: var(--jp-layout-color1, #fff); }
.closer-download a::before { content: "⬇ "; }
.closer-download a:hover { background: var(--jp-layout-color2, #eee); }
.closer-download a:focus-visible { """
    + _FOCUS
    + r""" }
"""
)


class DownloadLink(_Control):
    """A link that saves ``content`` as a file in the learner's browser; nothing is uploaded.

    ``encoding`` "base64" says ``content`` is a binary file (a PDF) as base64 text."""

    _esm = _LINK_ESM
    _css = _LINK_CSS

    filename = traitlets.Unicode("").tag(sync=True)
    content = traitlets.Unicode("").tag(sync=True)
    mime = traitlets.Unicode("text/plain").tag(sync=True)
    label = traitlets.Unicode("Download").tag(sync=True)
    encoding = traitlets.Unicode("text").tag(sync=True)


_FILE_ESM = _module(r"""
function render({ model, el }) {
  const id = uniqueId("file");
  el.classList.add("closer-field", "closer-file", "closer-control");
  const label = document.createElement("label");
  label.className = "closer-field-label";
  label.htmlFor = id;
  const hint = document.createElement("p");
  hint.className = "closer-field-hint";
  hint.id = `${id}-hint`;
  const input = document.createElement("input");
  input.type = "file";
  input.id = id;
  input.setAttribute("aria-describedby", hint.id);
  el.append(label, hint, input);
  const sync = () => {
    label.textContent = model.get("label");
    hint.textContent = model.get("hint");
    hint.hidden = !model.get("hint");
    input.accept = model.get("accept");
  };
  // The file is read here, in the page, and only its bytes go to this notebook's own kernel, as
  // base64 in the message itself (the browser edition's kernel takes JSON messages more surely
  // than binary buffers); one larger than max_bytes is not read at all: the kernel hears its size.
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    const about = { event: "file", name: file.name, size: file.size };
    if (file.size <= model.get("max_bytes")) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let raw = "";
      for (const b of bytes) raw += String.fromCharCode(b);
      about.base64 = btoa(raw);
    }
    model.send(about);
    input.value = ""; // the same file can be chosen again after a fix
  });
  const unkeep = keepKeys(el);
  const unfocus = onFocusRequest(model, () => input);
  model.on("change", sync);
  sync();
  return () => { model.off("change", sync); unkeep(); unfocus(); };
}
export default { render };
""")

_FILE_CSS = (
    _CONTROL_CSS
    + r"""
.closer-file input[type="file"] { font: inherit; max-width: 100%;
  color: var(--jp-content-font-color1, rgba(0, 0, 0, 0.87)); }
.closer-file input[type="file"]:focus-visible { """
    + _FOCUS
    + r""" }
"""
)


class FileInput(_Control):
    """A labelled file picker (native ``input type=file``). The page reads the chosen file and
    sends its bytes to this notebook's kernel, nowhere else; a file over ``max_bytes`` is not
    read, and ``on_file`` gets ``None`` for its bytes, so the kernel can say it is too large."""

    _esm = _FILE_ESM
    _css = _FILE_CSS

    label = traitlets.Unicode("").tag(sync=True)
    hint = traitlets.Unicode("").tag(sync=True)
    accept = traitlets.Unicode("").tag(sync=True)
    max_bytes = traitlets.Int(100_000).tag(sync=True)

    def __init__(self, label: str, **kwargs: Any):
        if not label.strip():
            raise ValueError("Every file picker needs a label, so screen readers can name it.")
        super().__init__(label=label, **kwargs)
        self._file_handlers = CallbackDispatcher()
        self.on_msg(self._handle_file)

    def on_file(self, callback: Callable[[str, bytes | None, int], Any]) -> None:
        """Call ``callback(name, data, size)`` when a file is chosen (``data`` None: too large)."""
        self._file_handlers.register_callback(callback)

    def choose(self, name: str, data: bytes) -> None:
        """Choose a file from the kernel (tests), as the page would send it."""
        content: dict[str, Any] = {"event": "file", "name": name, "size": len(data)}
        if len(data) <= self.max_bytes:
            content["base64"] = base64.b64encode(data).decode("ascii")
        self._handle_file(self, content, [])

    def _handle_file(self, _widget: object, content: dict, _buffers: list) -> None:
        if not (isinstance(content, dict) and content.get("event") == "file"):
            return
        size = content.get("size") if isinstance(content.get("size"), int) else 0
        name = str(content.get("name", ""))[:200]
        encoded = content.get("base64")
        data = None
        # the size is checked on the encoded text before anything is decoded
        if isinstance(encoded, str) and len(encoded) <= 4 * (self.max_bytes // 3 + 1):
            try:
                data = base64.b64decode(encoded, validate=True)
            except ValueError:
                data = None
        if data is not None and len(data) > self.max_bytes:
            data = None
        self._file_handlers(name, data, size if data is None else len(data))


_LEAVE_ESM = _module(r"""
function render({ model, el }) {
  el.classList.add("closer-button-host", "closer-leave", "closer-control");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "closer-button closer-button--leave";
  button.textContent = model.get("label");
  button.title = "Replaces this page with an everyday one at once";
  button.addEventListener("click", () => {
    const url = model.get("url");
    model.send({ type: "leave" }); // the kernel locks the journal, if it has a lock
    // replace(), not a link: the course page is swapped out of this tab's back button too.
    // A moment first, so the message above reaches the kernel before the page goes.
    setTimeout(() => {
      try { window.top.location.replace(url); } catch (_) { window.location.replace(url); }
    }, 120);
  });
  el.append(button);
  const unkeep = keepKeys(el);
  return () => unkeep();
}
export default { render };
""")

_LEAVE_CSS = (
    _BUTTON_CSS
    + r"""
.closer-button--leave { border: 2px solid var(--jp-content-font-color1, rgba(0, 0, 0, 0.87)); }
"""
)


class LeaveButton(_Control):
    """**Leave quickly**: swaps the course page for an everyday one in one click.

    For a learner who may be watched: the page is replaced (``location.replace``), so the back
    button does not lead straight back, and ``on_leave`` runs in the kernel first (the course
    locks the journal there). It cannot erase the browser's history; the course says so beside it.
    """

    _esm = _LEAVE_ESM
    _css = _LEAVE_CSS

    url = traitlets.Unicode().tag(sync=True)
    label = traitlets.Unicode("Leave quickly").tag(sync=True)

    def __init__(self, on_leave: Callable[[], Any] | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.on_leave = on_leave
        self.on_msg(self._message)

    def _message(self, _widget: object, content: dict, _buffers: object) -> None:
        if isinstance(content, dict) and content.get("type") == "leave" and self.on_leave is not None:
            self.on_leave()


_CHECKS_ESM = _module(r"""
function render({ model, el }) {
  el.classList.add("closer-control");
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
      const id = uniqueId("check");
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
        commit(model, "value", inputs.filter((x) => x.checked).map((x) => x.value));
      });
      return input;
    });
  };
  const sync = () => {
    const chosen = new Set(model.get("value"));
    for (const input of inputs) input.checked = chosen.has(input.value);
  };
  const unkeep = keepKeys(fieldset);
  const unfocus = onFocusRequest(model, () => inputs[0]);
  const rebuild = () => { build(); sync(); };
  const shape = ["change:options", "change:hints", "change:legend"];
  for (const event of shape) model.on(event, rebuild);
  model.on("change:value", sync);
  rebuild();
  // Remove only this view's listeners: the same group may be shown in two places at once.
  return () => {
    for (const event of shape) model.off(event, rebuild);
    model.off("change:value", sync);
    unkeep();
    unfocus();
  };
}
export default { render };
""")

_CHECKS_CSS = (
    r"""
.closer-checks { border: 0; margin: 0 1em 0.8em 0; padding: 0; min-width: 0; max-width: 52em; }
.closer-checks legend { font-weight: 700; padding: 0; margin-bottom: 0.2em; white-space: normal;
  color: var(--jp-content-font-color1, rgba(0, 0, 0, 0.87)); }
.closer-check { display: flex; align-items: flex-start; gap: 0.4em; margin: 0.2em 0; line-height: 1.4;
  color: var(--jp-content-font-color1, rgba(0, 0, 0, 0.87)); }
.closer-check label { flex: 1 1 auto; min-width: 0; overflow-wrap: anywhere; cursor: pointer; }
.closer-check input { flex: 0 0 auto; width: 1.1em; height: 1.1em; margin: 0.15em 0 0;
  accent-color: var(--closer-accent, #0b5cad); }
.closer-check input:focus-visible { """
    + _FOCUS
    + r""" }
"""
)


class CheckboxGroup(_Control):
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


# --------------------------------------------------------------------------------------
# Chart
# --------------------------------------------------------------------------------------

_CHART_ESM = _module(r"""
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

// The page's theme: JupyterLab (and Notebook 7) mark the body; other pages count as light.
const isDark = () => document.body?.dataset?.jpThemeLight === "false";

// The figure for the page's theme: the dark template, and every role colour (text, rules,
// label backgrounds) swapped for its dark value. Only colour properties are touched, never
// names or text a learner wrote.
const COLOUR_KEY = /colou?rs?$/i;
function themed(figure, theme) {
  if (!theme) return figure;
  const swap = (value) => (typeof value === "string" && theme.colours[value]) || value;
  const walk = (value, colour) => {
    if (Array.isArray(value)) return value.map((x) => walk(x, colour));
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, walk(x, COLOUR_KEY.test(k))]));
    }
    return colour ? swap(value) : value;
  };
  const { template, ...layout } = figure.layout;
  return { data: walk(figure.data, false), layout: { ...walk(layout, false), template: theme.template } };
}

async function render({ model, el }) {
  el.classList.add("closer-chart", "closer-control");
  el.setAttribute("role", "figure");
  const caption = document.createElement("p");
  caption.className = "closer-chart-title";
  caption.setAttribute("aria-hidden", "true"); // the figure's own name says it
  const plot = document.createElement("div");
  plot.className = "closer-chart-plot";
  const status = document.createElement("p");
  status.className = "closer-chart-status";
  status.textContent = "Drawing the chart…";
  el.append(caption, status, plot);
  const label = () => {
    el.setAttribute("aria-label", model.get("label"));
    caption.textContent = model.get("caption");
    caption.hidden = !model.get("caption");
  };
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
        const dark = isDark();
        el.dataset.theme = dark ? "dark" : "light";
        // plotly writes computed ranges into the layout it is given; keep the model's copy clean
        const figure = themed(
          { data: data ?? [], layout: structuredClone(layout ?? {}) },
          dark ? model.get("themes").dark : null,
        );
        await Plotly.react(plot, figure.data, figure.layout, config ?? {});
        // Name the mode bar's buttons after this chart: every chart has a "Download plot as a
        // PNG", and a screen reader's list of buttons should tell them apart.
        for (const button of plot.querySelectorAll(".modebar-btn")) {
          const title = button.getAttribute("data-title");
          const chart = model.get("caption") || model.get("label");
          if (title) button.setAttribute("aria-label", `${title}: ${chart}`);
        }
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
  // A learner who switches JupyterLab's theme gets the chart in the new theme at once.
  const retheme = new MutationObserver(() => {
    if (el.dataset.theme !== (isDark() ? "dark" : "light")) draw();
  });
  if (document.body) {
    retheme.observe(document.body, { attributes: true, attributeFilter: ["data-jp-theme-light"] });
  }
  model.on("change:plot", draw);
  model.on("change:label", label);
  model.on("change:caption", label);
  const unkeep = keepKeys(el);
  await draw();
  drawn = true;
  return () => {
    alive = false;
    sized.disconnect();
    retheme.disconnect();
    model.off("change:plot", draw);
    model.off("change:label", label);
    model.off("change:caption", label);
    unkeep();
    Plotly.purge(plot);
  };
}
export default { render };
""")

_CHART_CSS = (
    r"""
.closer-chart { width: 100%; }
.closer-chart-title { margin: 0.6em 0 0.2em; font-size: 1.1em; font-weight: 700; overflow-wrap: anywhere;
  color: var(--jp-content-font-color1, rgba(0, 0, 0, 0.87)); }
.closer-chart-status { margin: 0.5em 0; font-style: italic;
  color: var(--jp-content-font-color1, rgba(0, 0, 0, 0.87)); }
/* The mode bar's one button (save as an image) shows whenever it has the keyboard focus. */
.closer-chart .modebar-container:focus-within .modebar,
.closer-chart .modebar-container:focus-within .modebar-group,
.closer-chart .modebar-container:focus-within .modebar-btn { opacity: 1 !important; }
.closer-chart .modebar-btn:focus-visible { """
    + _FOCUS.replace(";", " !important;")
    + r""" }
"""
)


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


class PlotlyChart(_Control):
    """A plotly chart that redraws in place when ``plot`` changes (Plotly.react in the page).

    Why not an Output widget holding plotly's mime bundle: every change then removes the
    output and JupyterLab builds and draws a new plot, which made a slider move take about
    110 ms to reach the screen (``make bench``). ``plot`` holds data, layout and config;
    ``label`` names the chart for screen readers; ``caption`` is its title, shown as text above
    the plot (it wraps on a phone, where plotly would cut it off). ``themes["dark"]`` holds the
    dark template and the colour swaps the page applies while JupyterLab's theme is dark.
    """

    _esm = _CHART_ESM
    _css = _CHART_CSS

    plot = traitlets.Dict().tag(sync=True)
    label = traitlets.Unicode("Chart").tag(sync=True)
    caption = traitlets.Unicode("").tag(sync=True)
    themes = traitlets.Dict().tag(sync=True)

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


# --------------------------------------------------------------------------------------
# The course's page-wide style
# --------------------------------------------------------------------------------------

_COURSE_ESM = _module(r"""
// Once per page: say "waiting for Python to start" in a notebook whose cells wait for a kernel
// that is (re)starting or reconnecting, instead of leaving [*] with no word why.
const READY = new Set(["idle", "busy"]);
function watchKernels() {
  if (globalThis.__closerKernelWatch) return;
  globalThis.__closerKernelWatch = true;
  const check = () => {
    for (const panel of document.querySelectorAll(".jp-NotebookPanel")) {
      const indicator = panel.querySelector(".jp-Notebook-ExecutionIndicator");
      const status = indicator?.getAttribute("data-status") ?? "";
      const waiting = [...panel.querySelectorAll(".jp-CodeCell .jp-InputPrompt")]
        .some((p) => p.textContent.includes("[*]"));
      let note = panel.querySelector(".closer-kernel-wait");
      const show = status !== "" && !READY.has(status) && waiting;
      if (show && !note) {
        note = document.createElement("div");
        note.className = "closer-kernel-wait";
        note.setAttribute("role", "status");
        const toolbar = panel.querySelector(".jp-NotebookPanel-toolbar");
        (toolbar?.parentElement ?? panel).insertBefore(note, toolbar?.nextSibling ?? panel.firstChild);
      }
      if (note) {
        const words = show
          ? "⏳ Waiting for Python to start. The cells you ran will run as soon as it is ready."
          : "";
        if (note.textContent !== words) note.textContent = words;
        note.hidden = !show;
      }
    }
  };
  // Many changes come at once (a chart redraws, an editor is typed in): look at most every 250 ms.
  let pending = false;
  const soon = () => {
    if (pending) return;
    pending = true;
    setTimeout(() => { pending = false; check(); }, 250);
  };
  new MutationObserver(soon).observe(document.body, {
    subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["data-status"],
  });
  check();
}

function render({ model, el }) {
  el.classList.add("closer-style");
  el.hidden = true;
  watchKernels();
  // Keep keys inside the whole course widget (its buttons, links and details too), once the
  // widget's box has put this element in the page.
  let tries = 0;
  let undo = () => {};
  const attach = () => {
    const box = el.parentElement?.closest(".closer-widget");
    if (box) {
      if (!box.dataset.closerKeys) {
        box.dataset.closerKeys = "kept";
        undo = keepKeys(box);
      }
    } else if (tries++ < 600) {
      requestAnimationFrame(attach);
    }
  };
  attach();
  return () => undo();
}
export default { render };
""")

# The page-wide sheet: colour roles from JupyterLab's variables, the look of text and ipywidgets
# inside course widgets, and the focus ring. color-mix() moves a JupyterLab status colour towards
# the theme's strongest text colour (black in light themes, white in dark ones), which keeps it
# at 4.5:1 or more against the page in both (JupyterLab's own warn colour is 3.8:1 on white).
_COURSE_CSS = r"""
:root {
  --closer-ink: var(--jp-content-font-color1, rgba(0, 0, 0, 0.87));
  --closer-strong: var(--jp-content-font-color0, #000);
  --closer-muted: color-mix(in srgb, var(--jp-content-font-color2, #757575) 70%, var(--closer-strong));
  --closer-ok: color-mix(in srgb, var(--jp-success-color0, #1b5e20) 60%, var(--closer-strong));
  --closer-info: color-mix(in srgb, var(--jp-info-color0, #006064) 60%, var(--closer-strong));
  --closer-warn: color-mix(in srgb, var(--jp-warn-color0, #e65100) 60%, var(--closer-strong));
  --closer-error: color-mix(in srgb, var(--jp-error-color0, #b71c1c) 60%, var(--closer-strong));
  --closer-accent: color-mix(in srgb, var(--jp-brand-color1, #1976d2) 75%, var(--closer-strong));
  --closer-link: var(--jp-content-link-color, #0d47a1);
  --closer-focus: color-mix(in srgb, var(--jp-brand-color1, #1976d2) 55%, var(--closer-strong));
  --closer-field-border: color-mix(in srgb, var(--jp-border-color1, #bdbdbd) 40%, var(--closer-strong));
  --closer-surface: var(--jp-layout-color2, #eee);
  --closer-notice: color-mix(in srgb, var(--jp-warn-color3, #ffe0b2) 35%, var(--jp-layout-color1, #fff));
}
.closer-style { display: none !important; }
.closer-widget { color: var(--closer-ink); max-width: 100%; }
/* ipywidgets sets 28 px lines for its text (one line of a form); readings need normal lines. */
.closer-widget .widget-html, .closer-widget .widget-html-content { line-height: 1.55; height: auto; }
.closer-widget .widget-html-content { white-space: normal; overflow-wrap: anywhere;
  color: var(--closer-ink); }
.closer-widget .widget-html-content p { margin: 0.5em 0; }
.closer-widget .widget-hbox { flex-wrap: wrap; max-width: 100%; }
.closer-widget .widget-vbox { max-width: 100%; min-width: 0; }
.closer-widget .jupyter-widgets { max-width: 100%; box-sizing: border-box; }
.closer-widget .widget-html-content table { border-collapse: collapse; max-width: 100%; }
.closer-widget .widget-html-content th, .closer-widget .widget-html-content td { padding: 0.2em 0.6em 0.2em 0;
  text-align: left; vertical-align: top; }
.closer-widget a { color: var(--closer-link); }
.closer-widget a:focus-visible, .closer-widget summary:focus-visible,
.closer-widget input:focus-visible, .closer-widget button:focus-visible {
  outline: 3px solid var(--closer-focus); outline-offset: 2px; }
.closer-widget summary { cursor: pointer; }
.closer-status { margin: 0.3em 0; }
.closer-status b { font-weight: 700; }
.closer-status--ok { color: var(--closer-ok); }
.closer-status--info { color: var(--closer-info); }
.closer-status--warn { color: var(--closer-warn); }
.closer-status--error { color: var(--closer-error); }
.closer-notice { border-left: 4px solid var(--jp-warn-color1, #f57c00); background: var(--closer-notice);
  color: var(--closer-ink); padding: 0.5em 0.8em; margin: 0.4em 0; }
/* On the notice's tint a link keeps the text's colour (and its underline), in both themes. */
.closer-notice a { color: var(--closer-ink); text-decoration: underline; }
.closer-box { border: 1px solid var(--closer-accent); border-radius: 6px; padding: 0.5em 0.9em;
  margin: 0.4em 0; max-width: 50em; }
.closer-card { border: 1px solid var(--closer-accent); border-radius: 6px; padding: 0.6em 0.9em; }
.closer-feedback { border-left: 6px solid var(--closer-accent); padding: 0.4em 0.9em; margin: 0.4em 0;
  max-width: 50em; background: var(--closer-surface); color: var(--closer-ink); }
.closer-hint { color: var(--closer-muted); }
.closer-right { color: var(--closer-ok); }
.closer-wrong { color: var(--closer-warn); }
.closer-kernel-wait { padding: 0.3em 0.8em; font-weight: 600; color: var(--jp-ui-font-color0, #000);
  background: var(--closer-notice); border-bottom: 1px solid var(--jp-border-color1, #bdbdbd); }
.closer-kernel-wait[hidden] { display: none; }
"""


class CourseStyle(anywidget.AnyWidget):
    """The course's page-wide style, carried once per course widget (one shared model).

    Why a widget: it is the one way a kernel-side course can put a stylesheet and a little
    script in JupyterLab, Notebook 7 and Binder alike, without a JupyterLab extension. Its view is
    hidden; it keeps keys inside the course widget that holds it, and once per page it watches for
    cells that wait on a kernel that is starting, and says so.
    """

    _esm = _COURSE_ESM
    _css = _COURSE_CSS
