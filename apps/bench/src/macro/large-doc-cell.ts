/**
 * W6 in-process: a fresh process renders the large document (8.09 MB, see
 * `w6LargeDocument`) once — the one-shot path a CLI run takes, JIT cold. XMD only, pooled
 * vs heap; the suite runs several such processes per mode and keeps the median one
 * ({@link medianRun}).
 *
 * Phases, in this order so that none disturbs the figures of another:
 * 1. the document is generated, the engine created and the heap settled (full GCs);
 * 2. render once, timed (`runtime.render`); GCs observed over exactly that render; the
 *    render's own stats give the pool slots it took (read outside the timing);
 * 3. right after it: JS heap used (`heapUsed`, output still held, no forced GC) and peak RSS;
 * 4. the output compared with the hand-written baseline (built only now, so that it does
 *    not count in the peak RSS); on a difference the cell is
 *    reported as a mismatch and nothing else is measured;
 * 5. heap retained: the settled heap with the output dropped minus the settled heap of 1
 *    (what the runtime keeps after one large render: grown pools, interner tables);
 * 6. JS-heap bytes of one more render under the sampling heap profiler (not the timed
 *    render, whose time the profiler would inflate), for the pool byte share;
 * 7. live slots, read before `dispose()`; pool bytes: ArrayBuffer bytes freed by it.
 *
 * The hand-written engine (`baseline`) renders the same document with {@link w6ByHand} in
 * a process of its own, phases 1–4 only (it keeps nothing and pools nothing): the floor
 * XMD's time is read against, measured in the same run on the same machine.
 * @module
 */
import { GcWindows } from "../gc.js";
import { jsHeapBytesPerCall } from "./alloc-profile.js";
import { type CellRequest, type CellResult, emptyResult } from "./cell-result.js";
import type { Engine } from "./engines.js";
import { gcFigures } from "./figures.js";
import { type HeapReading, rssPeakBytes, settledHeap } from "./heap.js";
import { difference } from "./output-check.js";
import { spread } from "./sampling.js";
import type { CellSettings } from "./settings.js";
import { w6ByHand } from "./w6-by-hand.js";
import { type LargeDocument, w6LargeDocument } from "./workloads.js";
import { AllocationTally, byteShare, liveTotal, runtimeLive } from "./xmd-figures.js";

/** One sample every this many bytes: the render allocates hundreds of MB, so 512 B would only cost time. */
const W6_SAMPLING_INTERVAL_BYTES = 16 * 1024;

/**
 * Phases 3–4, right after a timed render of `ms` that gave `output`: heap used and peak
 * RSS, then the output checked against the expected one, which is built only now so that
 * it is not part of the peak RSS.
 */
function afterRender(
  doc: LargeDocument,
  output: string,
  ms: number,
): { figures: Partial<CellResult>; mismatch: string | null } {
  const heapUsedAfter = process.memoryUsage().heapUsed;
  const rss = rssPeakBytes();
  const differs = difference(output, doc.expected());
  if (differs !== null) return { figures: {}, mismatch: `render once ${differs}` };
  return {
    mismatch: null,
    figures: {
      samples: 1,
      ms_median: ms,
      ms_min: ms,
      ms_max: ms,
      mb_per_s: Buffer.byteLength(doc.source) / 1e6 / (ms / 1000),
      output_bytes: Buffer.byteLength(output),
      heap_used_after_bytes: heapUsedAfter,
      rss_peak_bytes: rss,
    },
  };
}

/** Phases 2–4; the output is unreachable once this returns. */
function renderOnce(
  engine: Engine,
  doc: LargeDocument,
  gcWindows: GcWindows,
): { figures: Partial<CellResult>; mismatch: string | null } {
  const runtime = engine.xmd?.runtime;
  if (!runtime) throw new Error("W6 in-process is XMD only");
  const tally = new AllocationTally();
  let ms = 0;
  let output = "";
  tally.add(runtime, () =>
    gcWindows.measure(() => {
      const t = performance.now();
      const r = runtime.render(doc.source, { lang: "md" });
      output = r.output;
      ms = performance.now() - t;
      return r.stats;
    }),
  );
  const after = afterRender(doc, output, ms);
  if (after.mismatch === null) {
    after.figures.pool_share = tally.requestShare;
    after.figures.pool_bytes_per_render = tally.poolBytesPerRender;
  }
  return after;
}

/** Phases 1–7 up to `dispose()`; the engine is unreachable once this returns. */
async function enginePhase(
  engine: Engine,
  doc: LargeDocument,
): Promise<{ mismatch: string } | { figures: Partial<CellResult>; beforeDispose: HeapReading }> {
  const runtime = engine.xmd?.runtime;
  if (!runtime) throw new Error("W6 in-process is XMD only");
  const before = await settledHeap();
  const gcWindows = new GcWindows();
  const once = renderOnce(engine, doc, gcWindows);
  const gc = await gcWindows.finish();
  if (once.mismatch !== null) {
    engine.dispose();
    return { mismatch: once.mismatch };
  }
  const held = await settledHeap();
  const profile = await jsHeapBytesPerCall(
    () => runtime.render(doc.source, { lang: "md" }),
    { minRuns: 1, minMs: 0, maxRuns: 1 },
    W6_SAMPLING_INTERVAL_BYTES,
  );
  const live = liveTotal(runtimeLive(runtime));
  const pooled = runtime.inspect().memory === "pooled";
  const beforeDispose = await settledHeap();
  engine.dispose();
  const poolBytesPerRender = once.figures.pool_bytes_per_render ?? null;
  return {
    beforeDispose,
    figures: {
      ...once.figures,
      ...gcFigures(gc, 1),
      heap_retained_bytes: held.total - before.total,
      js_heap_bytes_per_render: profile.bytesPerCall,
      pool_byte_share: byteShare(poolBytesPerRender, profile.bytesPerCall),
      live_slots_after_dispose: live,
      // Set below from the ArrayBuffer bytes dropping the runtime frees; nothing to free in heap mode.
      pool_bytes: pooled ? null : 0,
    },
  };
}

/** Phases 1–4 for the hand-written renderer: the same timing, heap and RSS readings as XMD's render. */
async function byHand(
  doc: LargeDocument,
): Promise<{ figures: Partial<CellResult>; mismatch: string | null }> {
  await settledHeap();
  const gcWindows = new GcWindows();
  let ms = 0;
  let output = "";
  gcWindows.measure(() => {
    const t = performance.now();
    output = w6ByHand(doc.source);
    ms = performance.now() - t;
  });
  const after = afterRender(doc, output, ms);
  const gc = await gcWindows.finish();
  if (after.mismatch === null) Object.assign(after.figures, gcFigures(gc, 1));
  return after;
}

/**
 * Measures one W6 in-process cell: XMD on a new engine from `make`, or the hand-written
 * renderer (`baseline`, see {@link w6ByHand}).
 */
export async function runLargeDocCell(
  request: CellRequest,
  settings: CellSettings,
  make: () => Promise<Engine>,
): Promise<CellResult> {
  const result = emptyResult(request.workload, request.engine);
  const doc = w6LargeDocument(settings.w6Lines);
  if (request.engine === "baseline") {
    const once = await byHand(doc);
    return once.mismatch !== null ? { ...result, mismatch: once.mismatch } : { ...result, ...once.figures };
  }
  if (!request.engine.startsWith("xmd"))
    return { ...result, mismatch: "W6 in-process is XMD and the hand-written renderer only" };
  const outcome = await enginePhase(await make(), doc);
  if ("mismatch" in outcome) return { ...result, mismatch: outcome.mismatch };
  const gone = await settledHeap();
  Object.assign(result, outcome.figures);
  if (result.pool_bytes === null) result.pool_bytes = outcome.beforeDispose.arrayBuffers - gone.arrayBuffers;
  return result;
}

/**
 * The W6 in-process result of several fresh processes: the figures of the process whose
 * render time is the median, with the minimum and maximum over all of them and their
 * count as `samples`. A mismatch in any process voids the result.
 */
export function medianRun(runs: readonly CellResult[]): CellResult {
  const first = runs[0];
  if (first === undefined) throw new Error("no W6 runs");
  const bad = runs.find((r) => r.mismatch !== undefined);
  if (bad) return bad;
  const times = runs.map((r) => r.ms_median).filter((t): t is number => typeof t === "number");
  if (times.length !== runs.length) return first;
  const s = spread(times);
  const median = runs.find((r) => r.ms_median === s.median) ?? first;
  return { ...median, samples: runs.length, ms_min: s.min, ms_max: s.max };
}
