/**
 * One measurement cell — a workload on an engine — run in a fresh process so that heap,
 * GC and peak-RSS figures belong to that cell alone. Started by the macro suite as
 * `node --expose-gc dist/macro/cell.js '<json request>'`; prints one JSON line.
 *
 * The phases of each kind of cell are described in render-cell.ts (W1–W3),
 * many-docs-cell.ts (W4), parse-cell.ts (W5), large-doc-cell.ts (W6 in-process) and leak-cell.ts.
 * @module
 */
import type { CellRequest, CellResult } from "./cell-result.js";
import { type Engine, makeEngine } from "./engines.js";
import { runLargeDocCell } from "./large-doc-cell.js";
import { runLeakCell } from "./leak-cell.js";
import { runManyDocsCell } from "./many-docs-cell.js";
import { runParseCell } from "./parse-cell.js";
import { runRenderCell } from "./render-cell.js";
import { settingsFor } from "./settings.js";
import { w1Interpolate, w2Loop, w3Nested } from "./workloads.js";

export type { CellRequest, CellResult } from "./cell-result.js";

/**
 * Measures one cell in this process. `make` builds the engine (the tests pass one that
 * misbehaves on purpose); it is called once, after the workload's data is generated.
 */
export async function runCell(
  request: CellRequest,
  make: (id: CellRequest["engine"]) => Promise<Engine> = makeEngine,
): Promise<CellResult> {
  const settings = settingsFor(request.mode);
  const engine = () => make(request.engine);
  switch (request.workload) {
    case "W1":
      return runRenderCell(request, settings, engine, w1Interpolate(settings.scale));
    case "W2":
      return runRenderCell(request, settings, engine, w2Loop(settings.scale));
    case "W3":
      return runRenderCell(request, settings, engine, w3Nested(settings.scale));
    case "W4":
      return runManyDocsCell(request, settings, engine);
    case "W5":
      return runParseCell(request, settings, engine);
    case "W6":
      return runLargeDocCell(request, settings, engine);
    case "leak":
      return runLeakCell(request, settings, engine);
  }
}

// Run as a child process: the request is the first argument.
const arg = process.argv[2];
if (arg !== undefined && process.argv[1]?.endsWith("cell.js")) {
  const result = await runCell(JSON.parse(arg) as CellRequest);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
