/**
 * W6 cold start: a fresh process imports an engine, renders one small document, exits.
 * Started as `node dist/macro/cold-start.js ENGINE`; the suite times the whole process.
 * @module
 */
import { type EngineId, makeEngine } from "./engines.js";
import { w4ManyDocs } from "./workloads.js";

const id = process.argv[2] as EngineId | undefined;
if (id !== undefined && process.argv[1]?.endsWith("cold-start.js")) {
  const doc = w4ManyDocs(1)[0];
  if (doc === undefined) throw new Error("no document");
  const out = (await makeEngine(id)).compile(doc)();
  if (out.length === 0) process.exitCode = 1;
}
