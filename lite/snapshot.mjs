// Makes the browser edition's Python snapshot (lite/snapshot-lib.mjs says what it is for), then
// loads it back and checks it works, or stops the build. Run by scripts/build_lite.py:
//   node lite/snapshot.mjs PYODIDE_DIR BUNDLE IMPORTS_FILE OUT
// PYODIDE_DIR holds the site's Pyodide (its compiled standard library), BUNDLE the site's archive
// of every wheel (gzip), IMPORTS_FILE the early start's imports; OUT gets the snapshot, gzipped.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { AFTER_RESTORE, installBundle, snapshotOptions, snapshotSerializer } from "./snapshot-lib.mjs";

const [pyodideDir, bundlePath, importsPath, out] = process.argv.slice(2).map((p) => path.resolve(p));
const indexUrl = pyodideDir + path.sep;
const { loadPyodide } = await import(pathToFileURL(indexUrl + "pyodide.mjs").href);
const bundle = new Uint8Array(gunzipSync(readFileSync(bundlePath)));
const imports = readFileSync(importsPath, "utf8");
const quiet = { stdout: () => {}, stderr: (line) => console.error(line) };

// The early start's state, as the browser reaches it before the kernel takes over: no package
// recorded yet, no drive, nothing of any learner's.
// Pyodide's errors carry its whole script in their text: say the end of the message, and stop.
for (const event of ["unhandledRejection", "uncaughtException"]) {
  process.on(event, (error) => {
    console.error(String(error?.message ?? error).slice(-3000));
    process.exit(1);
  });
}
const maker = await loadPyodide({ indexURL: indexUrl, _makeSnapshot: true, ...quiet });
installBundle(maker, bundle, path.basename(bundlePath), false);
await maker.runPythonAsync(imports);
const snapshot = maker.makeMemorySnapshot({ serializer: snapshotSerializer(maker) });

// Load it as the browser will, and check what the kernel and the course rely on.
const { options, loaded } = snapshotOptions(snapshot, indexUrl);
const py = await loadPyodide({ indexURL: indexUrl, ...options, ...quiet });
loaded(py);
installBundle(py, bundle, path.basename(bundlePath));
await py.runPythonAsync(AFTER_RESTORE);
const report = await py.runPythonAsync(`
import sys
import pyodide_js, pyodide._package_loader as loader
wanted = ("pyodide_kernel", "piplite.piplite", "ipywidgets", "anywidget", "js", "course.ui.journal")
missing = [name for name in wanted if name not in sys.modules]
import icalendar  # not imported in the snapshot: found in the files put back
from pyodide_kernel.kernel import _load_packages_from_imports
await _load_packages_from_imports("import json")
problems = missing and [f"not imported: {missing}"] or []
if sys.path[-1] != "":
    problems.append(f"the notebook's folder is not searched last: {sys.path}")
if loader.loadedPackages.js_id != pyodide_js.loadedPackages.js_id or "ipywidgets" not in loader.loadedPackages.to_py():
    problems.append("the installed packages are not recorded")
"; ".join(problems)
`);
if (report) {
  console.error(`The Python snapshot does not work: ${report}`);
  process.exit(1);
}
const gzipped = gzipSync(snapshot, { level: 9 });
writeFileSync(out, gzipped);
console.log(`Python snapshot: ${(snapshot.length / 1e6).toFixed(1)} MB, ${(gzipped.length / 1e6).toFixed(1)} MB gzipped`);
