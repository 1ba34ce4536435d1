/**
 * W4: many small documents, each parsed (compiled) and rendered once.
 *
 * Every pass — check, warm-up, timed, statistics, profile — gets documents no engine has
 * seen (`w4ManyDocs(count, offset)` with disjoint offsets), so neither mustache's template
 * cache nor V8's code cache for `new Function` can turn a one-shot into a cache hit. The
 * outputs of every timed pass are compared with the baseline after the pass (outside the
 * timing); one difference voids the cell.
 * @module
 */
import { GcWindows } from "../gc.js";
import { jsHeapBytesPerCall } from "./alloc-profile.js";
import { ByteCounter, bytePathFigures, profileBytePath, tallyBytePath } from "./byte-path.js";
import { type CellRequest, type CellResult, emptyResult } from "./cell-result.js";
import type { Engine } from "./engines.js";
import { gcFigures, materialize } from "./figures.js";
import { type HeapReading, oldSpaceFragmentation, rssPeakBytes, settledHeap } from "./heap.js";
import { checkEngine, checkOutputs } from "./output-check.js";
import { type SlotSizes, slotSizes } from "./pool-bytes.js";
import { sampleFor, spread } from "./sampling.js";
import type { CellSettings } from "./settings.js";
import { type Workload, w4ManyDocs } from "./workloads.js";
import { AllocationTally, byteShare, liveTotal, occupancy, poolMemory, runtimeLive } from "./xmd-figures.js";

/** Hands out passes of never-seen documents. */
class FreshDocs {
  private offset = 0;
  constructor(private readonly count: number) {}
  next(): Workload[] {
    const docs = w4ManyDocs(this.count, this.offset);
    this.offset += this.count;
    return docs;
  }
}

/** Renders every document of a pass once; returns the outputs. */
function renderPass(engine: Engine, docs: readonly Workload[]): string[] {
  const outputs: string[] = [];
  for (const d of docs) outputs.push(materialize(engine.once(d)));
  return outputs;
}

/** The runtime's allocation counts over one pass of one-shot renders (the timed path). */
function tallyPass(engine: Engine, docs: readonly Workload[]): AllocationTally {
  const tally = new AllocationTally();
  const xmd = engine.xmd;
  if (!xmd) return tally;
  for (const d of docs) {
    tally.add(xmd.runtime, () => {
      engine.once(d);
      return xmd.lastStats;
    });
  }
  return tally;
}

/** JS-heap bytes per one-shot render, over never-seen documents. */
function profilePass(
  engine: Engine,
  docs: readonly Workload[],
  settings: CellSettings,
): Promise<{ bytesPerCall: number; calls: number }> {
  let k = 0;
  const profiled = jsHeapBytesPerCall(() => engine.once(docs[k++] as Workload), {
    ...settings.profile,
    maxRuns: Math.min(settings.profile.maxRuns, docs.length),
  });
  return profiled.finally(() => engine.clearCaches());
}

/**
 * XMD's byte path of the one-shot render (`runtime.renderTo`, each chunk dropped): a
 * warm-up of its own, as long as the string path's (after the string path's warm-up and
 * one pass of its own, it allocated about a quarter more per document than after 8,000
 * documents: the streaming output form and the writer's call sites are new to V8), the
 * runtime's counts over one pass of never-seen documents, then JS-heap bytes per render
 * over another.
 */
async function bytePathPasses(
  engine: Engine,
  fresh: FreshDocs,
  settings: CellSettings,
): Promise<ReturnType<typeof bytePathFigures>> {
  const { xmd, onceTo } = engine;
  if (xmd === undefined || onceTo === undefined) throw new Error("an XMD engine without a byte path");
  const warm = new ByteCounter();
  warmUpPasses(engine, fresh, settings, (docs) => {
    for (const d of docs) onceTo(d, warm.write);
  });
  const tallyDocs = fresh.next();
  const tally = tallyBytePath(xmd.runtime, tallyDocs.length, (i, write) =>
    onceTo(tallyDocs[i] as Workload, write),
  );
  const docs = fresh.next();
  const profile = await profileBytePath((i, write) => onceTo(docs[i] as Workload, write), {
    ...settings.profile,
    maxRuns: Math.min(settings.profile.maxRuns, docs.length),
  });
  return bytePathFigures(tally, profile.bytesPerCall);
}

/** Renders passes of fresh documents until `minDocs` were rendered or `maxMs` passed. */
function warmUpPasses(
  engine: Engine,
  fresh: FreshDocs,
  settings: CellSettings,
  pass: (docs: readonly Workload[]) => unknown = (docs) => renderPass(engine, docs),
): void {
  const { minDocs, maxMs } = settings.manyDocsWarm;
  const until = performance.now() + maxMs;
  for (let done = 0; done < minDocs && performance.now() < until; done += settings.w4Docs) {
    pass(fresh.next());
    engine.clearCaches();
  }
}

type Live = { nodes: number; variables: number; temporaries: number };

type EngineOutcome =
  | { mismatch: string }
  | {
      figures: Partial<CellResult>;
      before: HeapReading;
      held: HeapReading;
      sizes: SlotSizes | null;
      live: Live | null;
    };

async function enginePhase(engine: Engine, settings: CellSettings): Promise<EngineOutcome> {
  const fresh = new FreshDocs(settings.w4Docs);
  const before = await settledHeap();
  // The very first pass, JIT cold: what a batch run that renders one pass and exits pays.
  const firstDocs = fresh.next();
  const firstStart = performance.now();
  const firstOutputs = renderPass(engine, firstDocs);
  const firstPassMs = performance.now() - firstStart;
  engine.clearCaches();
  const mismatch = checkOutputs(firstOutputs, firstDocs) ?? checkEngine(engine, fresh.next());
  if (mismatch) {
    engine.dispose();
    return { mismatch };
  }
  warmUpPasses(engine, fresh, settings);

  // Timed passes; the previous pass is checked while the next one is prepared.
  const gcWindows = new GcWindows();
  let lastDocs: Workload[] = [];
  let lastOutputs: string[] = [];
  let bad: string | null = null;
  const checkLast = () => {
    bad ??= checkOutputs(lastOutputs, lastDocs);
    engine.clearCaches();
  };
  const times = sampleFor(
    settings.manyDocs,
    (docs: Workload[]) => {
      lastDocs = docs;
      lastOutputs = gcWindows.measure(() => renderPass(engine, docs));
    },
    () => {
      checkLast();
      return fresh.next();
    },
  );
  checkLast();
  const gc = await gcWindows.finish();
  if (bad !== null) {
    engine.dispose();
    return { mismatch: bad };
  }
  const s = spread(times);
  const bytes = lastOutputs.reduce((a, o) => a + o.length, 0);
  lastOutputs = [];
  lastDocs = [];
  const rss = rssPeakBytes();

  const xmd = engine.xmd;
  const tally = xmd ? tallyPass(engine, fresh.next()) : new AllocationTally();
  const profile = await profilePass(engine, fresh.next(), settings);
  const bytePath = xmd ? await bytePathPasses(engine, fresh, settings) : null;

  const held = await settledHeap();
  const figures: Partial<CellResult> = {
    samples: s.samples,
    ms_median: s.median,
    ms_min: s.min,
    ms_max: s.max,
    // The timed pass *is* compile+render: every document is new.
    ms_compile_render_median: s.median,
    ms_first_pass: firstPassMs,
    compile_render_samples: s.samples,
    mb_per_s: bytes / 1e6 / (s.median / 1000),
    output_bytes: bytes,
    rss_peak_bytes: rss,
    ...gcFigures(gc, s.samples * settings.w4Docs),
    js_heap_bytes_per_render: profile.bytesPerCall,
    fragmentation: oldSpaceFragmentation(held),
  };
  const sizes = xmd ? slotSizes(xmd.runtime.inspect()) : null;
  const pooled = sizes !== null;
  let live: Live | null = null;
  if (xmd) {
    live = runtimeLive(xmd.runtime);
    const poolBytesPerRender = tally.poolBytesPerRender;
    Object.assign(figures, {
      pool_share: tally.requestShare,
      pool_bytes_per_render: poolBytesPerRender,
      pool_byte_share: byteShare(poolBytesPerRender, profile.bytesPerCall),
      ...bytePath,
      pool_occupancy: pooled ? occupancy(xmd.runtime.inspect().pools) : null,
      live_slots_after_dispose: liveTotal(live),
    } satisfies Partial<CellResult>);
  }
  engine.dispose();
  return { figures, before, held, sizes, live };
}

/**
 * Measures the W4 cell on a new engine from `make`. Heap retained is what the engine
 * keeps after the passes (pools grown, caches, JIT code) over the heap after it was
 * created: there is no template to hold.
 */
export async function runManyDocsCell(
  request: CellRequest,
  settings: CellSettings,
  make: () => Promise<Engine>,
): Promise<CellResult> {
  const result = emptyResult(request.workload, request.engine);
  const outcome = await enginePhase(await make(), settings);
  if ("mismatch" in outcome) return { ...result, mismatch: outcome.mismatch };
  Object.assign(result, outcome.figures, { heap_retained_bytes: outcome.held.total - outcome.before.total });
  if (outcome.live) {
    const gone = await settledHeap();
    Object.assign(result, poolMemory(outcome.sizes, outcome.held, gone, outcome.live));
  }
  return result;
}
