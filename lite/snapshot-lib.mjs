// Python's memory after the early start, saved once at build time (lite/snapshot.mjs) and loaded
// on a learner's return visits instead of starting Python and importing the kernel again (about a
// second of the worker's time). Shared by the build (Node) and the browser edition's kernel
// worker (scripts/build_lite.py puts this file, without its `export`s, into the worker).
// It leans on Pyodide's snapshot options (_makeSnapshot, makeMemorySnapshot, _loadSnapshot),
// which Pyodide marks private: the build checks a snapshot loads and works before shipping it,
// and the worker starts Python the ordinary way whenever a snapshot fails to load.

// Every wheel's files in place from the site's one archive (scripts/build_lite.py, site_bundle:
// a little-endian length, a JSON index, then the files' bytes), written with JavaScript's file
// calls: Pyodide unpacking each wheel in Python took about a second. `record` lists the packages
// as installed (not while a snapshot is made: that list must still be empty then).
export function installBundle(py, bytes, name, record = true) {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
  const index = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length)));
  const into = py._api.sitepackages + "/";
  let at = 4 + length;
  for (const folder of index.folders) py.FS.mkdirTree(into + folder);
  for (const [file, size] of index.files) py.FS.writeFile(into + file, bytes.subarray(at, (at += size)));
  if (at !== bytes.length) throw new Error(`${name} is damaged`);
  if (record) for (const name of index.packages) py.loadedPackages[name] = "default channel";
  py.runPython("import importlib; importlib.invalidate_caches()");
}

// Python keeps references to Pyodide's own JavaScript API (pyodide_js, and functions taken from
// it, such as the kernel's loadPackagesFromImports); a snapshot can only name objects, so these
// are written as their place in the API, and come back as stand-ins that forward to the new API.
export function snapshotSerializer(py) {
  const roots = [
    [[], py],
    [["_api"], py._api],
  ];
  return (value) => {
    for (const [place, root] of roots) {
      if (value === root) return { pyodideApi: place };
      for (const key of Object.getOwnPropertyNames(root)) {
        let found;
        try {
          found = root[key];
        } catch {
          continue;
        }
        if (found === value) return { pyodideApi: [...place, key] };
      }
    }
    throw new Error(`Python holds a JavaScript object the snapshot cannot name: ${String(value?.name ?? typeof value)}`);
  };
}

// Options for loadPyodide that load a snapshot (`bytes`, or a promise of them, so that reading
// it overlaps loading Pyodide's files) and the call to make once it returns. Pyodide's own
// _loadSnapshot asks for the memory size through an option this build ignores, so the module's
// memory is grown to the snapshot's size before the snapshot is copied in.
export function snapshotOptions(bytes, indexUrl) {
  const data = Promise.resolve(bytes).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
  let api = null;
  const reach = (place) => place.reduce((at, key) => at[key], api);
  const standIn = ({ pyodideApi: place }) => {
    const target = function () {};
    return new Proxy(target, {
      get: (_, key) => {
        const value = reach(place)[key];
        return typeof value === "function" ? value.bind(reach(place)) : value;
      },
      has: (_, key) => key in reach(place),
      set: (_, key, value) => ((reach(place)[key] = value), true),
      apply: (_, self, args) => reach(place).apply(self, args),
      ownKeys: () => [...new Set([...Reflect.ownKeys(reach(place)), ...Reflect.ownKeys(target)])],
      getOwnPropertyDescriptor: (_, key) => {
        const own = Reflect.getOwnPropertyDescriptor(target, key);
        if (own) return own;
        const found = Reflect.getOwnPropertyDescriptor(reach(place), key);
        if (found) found.configurable = true;
        return found;
      },
    });
  };
  return {
    options: {
      _loadSnapshot: data,
      _snapshotDeserializer: standIn,
      createPyodideModule: async (settings) => {
        const create = (await import(indexUrl + "pyodide.asm.mjs")).default;
        const module = await create(settings);
        const snapshot = await data;
        const needed = snapshot.length - new Uint32Array(snapshot.buffer, snapshot.byteOffset, 4)[1];
        if (module.HEAP8.length < needed && !module.growMemory(needed)) {
          throw new Error(`Python's memory could not grow to the snapshot's ${needed} bytes`);
        }
        return module;
      },
    },
    loaded: (py) => {
      api = py;
    },
  };
}

// Python to run once a snapshot is loaded (and the site's files are back in place, as a snapshot
// holds memory, not files): the notebook's folder is searched last again (loadPyodide puts it
// first), random numbers are seeded afresh (not the build's), the time zone is the learner's (the
// build machine's was saved), and the list of installed packages is the new one (the saved list
// was replaced by an empty one).
export const AFTER_RESTORE = `
def _closer_after_restore():
    import random, sys, time
    import pyodide_js
    import pyodide._package_loader as loader
    from pyodide.ffi import JsProxy

    while "" in sys.path:
        sys.path.remove("")
    sys.path.append("")
    random.seed()
    year = time.localtime().tm_year  # as Python does at start: January and July's offsets
    jan, jul = (time.localtime(time.mktime((year, month, 1, 12, 0, 0, 0, 0, -1))) for month in (1, 7))
    standard, summer = (jan, jul) if jan.tm_gmtoff <= jul.tm_gmtoff else (jul, jan)
    time.timezone, time.altzone = -standard.tm_gmtoff, -summer.tm_gmtoff
    time.daylight = int(standard.tm_gmtoff != summer.tm_gmtoff)
    time.tzname = (standard.tm_zone, summer.tm_zone)
    stale, fresh = loader.loadedPackages, pyodide_js.loadedPackages
    if isinstance(stale, JsProxy) and stale.js_id != fresh.js_id:
        for module in list(sys.modules.values()):
            for name, value in list(getattr(module, "__dict__", {}).items()):
                if isinstance(value, JsProxy) and value.js_id == stale.js_id:
                    setattr(module, name, fresh)


_closer_after_restore()
del _closer_after_restore
`;
