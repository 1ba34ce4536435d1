/**
 * W7 cold start: a fresh process imports an engine, renders one small document, exits.
 * Started as `node dist/macro/cold-start.js ENGINE [measure]`; the suite times the whole
 * process. It prints one JSON line ({@link ColdStartReport}).
 *
 * A timed run only reads its peak RSS at the end (one cheap system call). With `measure`
 * (a separate, untimed run under `--expose-gc`) it also observes its GCs from before the
 * engine is imported, and reads the heap after full GCs before the import and after the
 * render: the engine's load-and-render footprint.
 * @module
 */
// Only what a timed run needs is imported statically; `measure` loads its tools itself.
import { type EngineId, makeEngine } from "./engines.js";
import { w4ManyDocs } from "./workloads.js";

/** What a cold-start child reports. */
export interface ColdStartReport {
  rss_peak_bytes: number;
  /** `measure` runs only; null otherwise. */
  gc_count: number | null;
  gc_pause_ms: number | null;
  heap_retained_bytes: number | null;
  /** XMD, `measure` runs only: live slots after the render returned and the document was released. */
  live_slots_after_dispose: number | null;
}

async function importAndRender(id: EngineId): Promise<{ output: string; live: number | null }> {
  const doc = w4ManyDocs(1)[0];
  if (doc === undefined) throw new Error("no document");
  const engine = await makeEngine(id);
  const compiled = engine.compile(doc);
  const output = compiled.render();
  compiled.release();
  const state = engine.xmd?.runtime.inspect();
  const live = state
    ? state.live.nodes + state.live.variables + state.live.temporaries + (compiled.liveNodes?.() ?? 0)
    : null;
  return { output, live };
}

async function measured(id: EngineId): Promise<ColdStartReport & { ok: boolean }> {
  const { collectGarbage, GcWindows } = await import("../gc.js");
  const { settledHeap } = await import("./heap.js");
  const forced = collectGarbage();
  const before = forced ? await settledHeap() : null;
  const gcWindows = new GcWindows();
  const { output, live } = await gcWindows.measureAsync(() => importAndRender(id));
  const gc = await gcWindows.finish();
  const after = forced ? await settledHeap() : null;
  return {
    ok: output.length > 0,
    rss_peak_bytes: process.resourceUsage().maxRSS * 1024,
    gc_count: gc.count,
    gc_pause_ms: gc.pauseMs,
    heap_retained_bytes: before && after ? after.total - before.total : null,
    live_slots_after_dispose: live,
  };
}

const id = process.argv[2] as EngineId | undefined;
if (id !== undefined && process.argv[1]?.endsWith("cold-start.js")) {
  if (process.argv[3] === "measure") {
    const { ok, ...report } = await measured(id);
    if (!ok) process.exitCode = 1;
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    const { output } = await importAndRender(id);
    if (output.length === 0) process.exitCode = 1;
    const report: ColdStartReport = {
      rss_peak_bytes: process.resourceUsage().maxRSS * 1024,
      gc_count: null,
      gc_pause_ms: null,
      heap_retained_bytes: null,
      live_slots_after_dispose: null,
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  }
}
