#!/usr/bin/env node
// Bundles the render thread's entry (dist/render/thread.js, with @xmd/runtime and the
// packages it uses) into one module, dist/render/thread.bundle.js, which the thread
// starts from. Every `xmd` run that renders starts a thread and loads the runtime in it:
// as some 110 modules, each resolved, read and compiled by Node's ESM loader one by one,
// that took 0.12 s of CPU of the 0.29 s a one-line document costs in all; as one module,
// a fraction. Run after `tsc -b` (the build script does). Node's built-in modules and
// `yaml` and `re2js` (loaded on first use, by require) stay outside.
import { rolldown } from "rolldown";

const here = new URL("..", import.meta.url);
const bundle = await rolldown({
  input: new URL("dist/render/thread.js", here).pathname,
  platform: "node",
  external: [/^node:/, "yaml", "re2js"],
  logLevel: "warn",
});
await bundle.write({
  file: new URL("dist/render/thread.bundle.js", here).pathname,
  format: "esm",
  // The sources' doc comments are a third of the bundle (500 kB with them, 360 without),
  // which V8 reads at every start; licence comments stay.
  comments: { legal: true, jsdoc: false, annotation: false },
});
await bundle.close();
