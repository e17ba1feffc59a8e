// Runs lite/precompile.py inside Pyodide (in Node), so the browser edition's bytecode is made by
// the browser's own Python. Usage: node lite/precompile.mjs PYODIDE_DIR JOBS_JSON
// (scripts/build_lite.py writes the jobs; paths in them are this machine's absolute paths).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [pyodideDir, jobs] = process.argv.slice(2).map((p) => path.resolve(p));
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep, stdout: console.log, stderr: console.error });
// This machine's files appear under /host inside Pyodide.
pyodide.FS.mkdirTree("/host");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: "/" }, "/host");
const here = path.dirname(fileURLToPath(import.meta.url));
const script = readFileSync(path.join(here, "precompile.py"), "utf8");
const namespace = pyodide.toPy({});
pyodide.runPython(script, { globals: namespace });
const hosted = JSON.parse(readFileSync(jobs, "utf8")).map((job) => ({
  ...job,
  src: "/host" + path.resolve(job.src),
  dst: "/host" + path.resolve(job.dst),
}));
const rewritten = path.join(path.dirname(jobs), "jobs-in-pyodide.json");
(await import("node:fs")).writeFileSync(rewritten, JSON.stringify(hosted));
namespace.get("main")("/host" + rewritten);
