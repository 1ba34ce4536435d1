/**
 * W1–W3: one template, compiled once and rendered many times.
 *
 * Phases, in this order so that none disturbs the figures of another:
 * 1. outputs checked against the baseline (compiled, one-shot, source variant); on a
 *    difference nothing is timed;
 * 2. warm-up, then timed compiled renders for a fixed time, GCs observed over exactly
 *    those renders;
 * 3. peak RSS read (before the profiler and compile+render, whose buffers would add to it);
 * 4. XMD: the runtime's allocation counts for one compiled render;
 * 5. JS-heap bytes per compiled render (sampling heap profiler); XMD: then the same two
 *    on the byte path (`renderTo` to a writer that drops each chunk), after a warm-up of
 *    that path as long as the string path's;
 * 6. heap with the template held, then released and dropped: the difference is what the
 *    template retains; old-space and pool fragmentation at the held reading; live slots
 *    after release;
 * 7. compile+render, each from a never-seen source variant, caches emptied;
 * 8. pool bytes: ArrayBuffer bytes freed by dropping the runtime.
 *
 * Each phase that must drop something runs in its own function, so that when it returns
 * nothing in this module still references what it dropped.
 * @module
 */
import type { Runtime } from "@xmd/runtime";
import { GcWindows } from "../gc.js";
import { jsHeapBytesPerCall } from "./alloc-profile.js";
import { ByteCounter, bytePathFigures, profileBytePath, tallyBytePath } from "./byte-path.js";
import { type CellRequest, type CellResult, emptyResult } from "./cell-result.js";
import type { Compiled, Engine } from "./engines.js";
import { gcFigures, materialize } from "./figures.js";
import { type HeapReading, oldSpaceFragmentation, rssPeakBytes, settledHeap } from "./heap.js";
import { checkEngine } from "./output-check.js";
import { type SlotSizes, slotSizes } from "./pool-bytes.js";
import { sampleCalls, sampleFor, spread, warmUp } from "./sampling.js";
import type { CellSettings } from "./settings.js";
import { withUniqueComment } from "./variants.js";
import type { Workload } from "./workloads.js";
import { AllocationTally, byteShare, liveTotal, occupancy, poolMemory, runtimeLive } from "./xmd-figures.js";

/** What the template phase leaves for the phases after it. */
interface TemplateOutcome {
  figures: Partial<CellResult>;
  held: HeapReading;
  /** XMD: slots alive in the runtime and the compiled tree at the held reading. */
  liveHeld: { nodes: number; variables: number; temporaries: number } | null;
}

/**
 * XMD's byte path of the compiled render (phase 5): a warm-up as long as the string path
 * had before its profile (warm-up + the timed renders' minimum time), the runtime's counts
 * for one render, then JS-heap bytes per render. The string path warmed the evaluator, but
 * the streaming output form and the writer's call sites are new to V8 here: after 33 ms of
 * warm-up (a quick run), W2's byte path allocated a sixth more per render than after
 * 8,000 renders.
 */
async function bytePathPhase(
  template: Compiled,
  runtime: Runtime,
  settings: CellSettings,
): Promise<ReturnType<typeof bytePathFigures>> {
  const renderTo = template.renderTo;
  if (renderTo === undefined) throw new Error("an XMD template without a byte path");
  const warm = new ByteCounter();
  warmUp(() => renderTo(warm.write), {
    minRuns: settings.warm.minRuns + settings.render.minSamples,
    minMs: settings.warm.minMs + settings.render.minMs,
  });
  const tally = tallyBytePath(runtime, 1, (_, write) => renderTo(write));
  const profile = await profileBytePath((_, write) => renderTo(write), settings.profile);
  return bytePathFigures(tally, profile.bytesPerCall);
}

/** Phases 2–6, up to the held reading and the release; the template is unreachable once this returns. */
async function templatePhase(engine: Engine, w: Workload, settings: CellSettings): Promise<TemplateOutcome> {
  const template = engine.compile(w);
  const treeAtCompile = template.liveNodes?.() ?? null;
  warmUp(() => materialize(template.render()), settings.warm);
  let bytes = 0;
  const gcWindows = new GcWindows();
  const times = gcWindows.measure(() =>
    sampleCalls(settings.render, () => {
      bytes = materialize(template.render()).length;
    }),
  );
  const gc = await gcWindows.finish();
  const s = spread(times);
  // Peak RSS of compiling once and rendering many, before compile+render (compiling a
  // fresh template per iteration is another workload) and before the profiler's buffers.
  const rss = rssPeakBytes();

  const xmd = engine.xmd;
  const tally = new AllocationTally();
  if (xmd) {
    tally.add(xmd.runtime, () => {
      template.render();
      return xmd.lastStats;
    });
  }
  const profile = await jsHeapBytesPerCall(() => template.render(), settings.profile);
  const bytePath = xmd ? await bytePathPhase(template, xmd.runtime, settings) : null;

  const held = await settledHeap();
  const figures: Partial<CellResult> = {
    samples: s.samples,
    ms_median: s.median,
    ms_min: s.min,
    ms_max: s.max,
    mb_per_s: bytes / 1e6 / (s.median / 1000),
    output_bytes: bytes,
    rss_peak_bytes: rss,
    ...gcFigures(gc, s.samples),
    js_heap_bytes_per_render: profile.bytesPerCall,
    fragmentation: oldSpaceFragmentation(held),
  };
  let liveHeld: TemplateOutcome["liveHeld"] = null;
  if (xmd) {
    const treeHeld = template.liveNodes?.() ?? 0;
    const shared = runtimeLive(xmd.runtime);
    liveHeld = { ...shared, nodes: shared.nodes + treeHeld };
    // The runtime's shared pools and the compiled tree's own store.
    const pools = [...xmd.runtime.inspect().pools, ...(template.pools?.() ?? [])];
    template.release();
    const poolBytesPerRender = tally.poolBytesPerRender;
    Object.assign(figures, {
      pool_share: tally.requestShare,
      pool_bytes_per_render: poolBytesPerRender,
      pool_byte_share: byteShare(poolBytesPerRender, profile.bytesPerCall),
      ...bytePath,
      pool_occupancy: xmd.runtime.inspect().memory === "pooled" ? occupancy(pools) : null,
      live_slots_after_dispose: liveTotal(runtimeLive(xmd.runtime)) + (template.liveNodes?.() ?? 0),
      compiled_tree_growth: treeAtCompile === null ? null : treeHeld - treeAtCompile,
    } satisfies Partial<CellResult>);
  } else {
    template.release();
  }
  return { figures, held, liveHeld };
}

/**
 * Compile+render from sources no cache has seen. Runs after the heap readings, so that
 * the garbage and code-cache entries of hundreds of compiles do not blur them.
 */
function compileRenderPhase(engine: Engine, w: Workload, settings: CellSettings): Partial<CellResult> {
  let variant = 1;
  const fresh = () => {
    engine.clearCaches();
    return withUniqueComment(w, variant++);
  };
  warmUp(() => materialize(engine.once(fresh())), { minRuns: 3, minMs: settings.warm.minMs / 3 });
  const times = sampleFor(settings.compileRender, (v: Workload) => materialize(engine.once(v)), fresh);
  engine.clearCaches();
  return {
    ms_compile_render_median: times.length ? spread(times).median : null,
    compile_render_samples: times.length,
  };
}

/** Everything that needs the engine; the engine is unreachable once this returns. */
async function enginePhase(
  engine: Engine,
  w: Workload,
  settings: CellSettings,
): Promise<{ mismatch: string } | (TemplateOutcome & { dropped: HeapReading; sizes: SlotSizes | null })> {
  const mismatch = checkEngine(engine, [w]);
  if (mismatch) {
    engine.dispose();
    return { mismatch };
  }
  const outcome = await templatePhase(engine, w, settings);
  const dropped = await settledHeap();
  Object.assign(outcome.figures, compileRenderPhase(engine, w, settings));
  const sizes = engine.xmd ? slotSizes(engine.xmd.runtime.inspect()) : null;
  engine.dispose();
  return { ...outcome, dropped, sizes };
}

/**
 * A further timing round (`timingOnly`): the template compiled, warmed and rendered for
 * the same time as in the full cell, nothing else measured. The output was checked by the
 * full round.
 */
async function timingRound(
  engine: Engine,
  w: Workload,
  settings: CellSettings,
): Promise<Partial<CellResult>> {
  const template = engine.compile(w);
  warmUp(() => materialize(template.render()), settings.warm);
  const times = sampleCalls(settings.render, () => {
    materialize(template.render());
  });
  template.release();
  engine.dispose();
  const s = spread(times);
  return { samples: s.samples, ms_median: s.median, ms_min: s.min, ms_max: s.max };
}

/** Measures one W1–W3 cell on a new engine from `make`. */
export async function runRenderCell(
  request: CellRequest,
  settings: CellSettings,
  make: () => Promise<Engine>,
  w: Workload,
): Promise<CellResult> {
  const result = emptyResult(request.workload, request.engine);
  if (request.timingOnly) return { ...result, ...(await timingRound(await make(), w, settings)) };
  const outcome = await enginePhase(await make(), w, settings);
  if ("mismatch" in outcome) return { ...result, mismatch: outcome.mismatch };
  Object.assign(result, outcome.figures, { heap_retained_bytes: outcome.held.total - outcome.dropped.total });
  if (outcome.liveHeld) {
    const gone = await settledHeap();
    Object.assign(result, poolMemory(outcome.sizes, outcome.held, gone, outcome.liveHeld));
  }
  return result;
}
