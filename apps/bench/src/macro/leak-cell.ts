/**
 * Leak check: the heap after N renders of small documents must stay within 5% of the heap
 * after 100.
 *
 * JIT warm-up (optimised code, feedback vectors, inline caches) grows old and code space
 * during the first thousands of renders and then stops; a leak keeps going. So the engine
 * first renders N *other* documents (same shape, disjoint numbers) until its code has
 * settled, then the 100 / N / 2N readings are taken on the measured set: growth from N
 * to 2N tells a slow leak from warm-up that outlasted the warm-up.
 * @module
 */
import { type CellRequest, type CellResult, emptyResult, type LeakReading } from "./cell-result.js";
import type { Engine } from "./engines.js";
import { rssPeakBytes, settledHeap } from "./heap.js";
import type { CellSettings } from "./settings.js";
import { type Workload, w4ManyDocs } from "./workloads.js";
import { liveTotal, runtimeLive } from "./xmd-figures.js";

/** Documents in each set (rendered round-robin). */
const SET_SIZE = 100;
/** First document number of the warm-up set: far from the measured set's 0..99. */
const WARMUP_OFFSET = 50_000_000;

function renderMany(engine: Engine, docs: readonly Workload[], from: number, to: number): void {
  for (let i = from; i < to; i++) engine.once(docs[i % docs.length] as Workload);
}

/** Measures the leak cell (XMD) on a new engine from `make`. */
export async function runLeakCell(
  request: CellRequest,
  settings: CellSettings,
  make: () => Promise<Engine>,
): Promise<CellResult> {
  const engine = await make();
  const n = settings.leakN;
  const docs = w4ManyDocs(SET_SIZE);
  renderMany(engine, w4ManyDocs(SET_SIZE, WARMUP_OFFSET), 0, n);
  renderMany(engine, docs, 0, SET_SIZE);
  const r100 = await settledHeap();
  renderMany(engine, docs, SET_SIZE, n);
  const rN = await settledHeap();
  renderMany(engine, docs, n, 2 * n);
  const r2N = await settledHeap();
  // Read where the target names it: every render has returned; dispose() would zero it by construction.
  const live = engine.xmd ? liveTotal(runtimeLive(engine.xmd.runtime)) : null;
  engine.dispose();
  const leak: LeakReading = {
    n,
    warmupRenders: n,
    after100: r100.total,
    afterN: rN.total,
    after2N: r2N.total,
    codeAfter100: r100.codeUsed,
    codeAfterN: rN.codeUsed,
    codeAfter2N: r2N.codeUsed,
  };
  return {
    ...emptyResult(request.workload, request.engine),
    leak,
    live_slots_after_dispose: live,
    rss_peak_bytes: rssPeakBytes(),
  };
}
