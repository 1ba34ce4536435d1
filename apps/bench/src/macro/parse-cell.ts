/**
 * W5: parse a large XMD program and keep the tree (XMD only: pooled vs heap). What the
 * kept tree costs is the point: heap with the tree held minus heap after dropping it.
 * @module
 */
import type { ParsedDocument } from "@xmd/runtime";
import { GcWindows } from "../gc.js";
import { jsHeapBytesPerCall } from "./alloc-profile.js";
import { type CellRequest, type CellResult, emptyResult } from "./cell-result.js";
import type { Engine } from "./engines.js";
import { gcFigures } from "./figures.js";
import { type HeapReading, oldSpaceFragmentation, rssPeakBytes, settledHeap } from "./heap.js";
import { slotSizes } from "./pool-bytes.js";
import { sampleFor, spread, warmUp } from "./sampling.js";
import type { CellSettings } from "./settings.js";
import { w5LargeProgram } from "./workloads.js";
import { byteShare, liveTotal, occupancy, poolMemory, runtimeLive } from "./xmd-figures.js";

type Live = { nodes: number; variables: number; temporaries: number };

/** Timed parses and the profile; no tree is kept when this returns. */
async function timedParses(
  engine: Engine,
  source: string,
  settings: CellSettings,
): Promise<{ figures: Partial<CellResult>; nodes: number }> {
  const runtime = engine.xmd?.runtime;
  if (!runtime) throw new Error("W5 is XMD only");
  const parse = () => runtime.parse(source, { lang: "xmd" });
  warmUp(() => parse().release(), { minRuns: 2, minMs: 0 });
  let kept: ParsedDocument | null = null;
  let nodes = 0;
  const gcWindows = new GcWindows();
  const times = sampleFor(
    settings.parse,
    () => {
      kept = gcWindows.measure(parse);
    },
    () => {
      // The previous tree is freed before the next parse, outside the timing.
      kept?.release();
      kept = null;
    },
  );
  const last = kept as ParsedDocument | null;
  nodes = last?.nodeCount ?? 0;
  // What one parse took: its pool's bytes per node, and the allocations it counted.
  const bytesPerNode = last?.pools()[0]?.bytesPerSlot ?? 0;
  const requestShare = last?.stats.allocations.poolShare ?? null;
  last?.release();
  kept = null;
  const gc = await gcWindows.finish();
  const rss = rssPeakBytes();
  const profile = await jsHeapBytesPerCall(() => parse().release(), settings.profile);
  const s = spread(times);
  const pooled = runtime.inspect().memory === "pooled";
  // A parse takes one node slot per node of the tree it keeps; it runs nothing, so no
  // variables or temporaries.
  const poolBytesPerParse = pooled ? nodes * bytesPerNode : 0;
  return {
    nodes,
    figures: {
      pool_share: requestShare,
      samples: s.samples,
      ms_median: s.median,
      ms_min: s.min,
      ms_max: s.max,
      mb_per_s: source.length / 1e6 / (s.median / 1000),
      rss_peak_bytes: rss,
      ...gcFigures(gc, s.samples),
      js_heap_bytes_per_render: profile.bytesPerCall,
      pool_bytes_per_render: poolBytesPerParse,
      pool_byte_share: byteShare(poolBytesPerParse, profile.bytesPerCall),
    },
  };
}

/** The held reading with one kept tree, then the tree released (its store still referenced by nothing here). */
async function heldTree(
  engine: Engine,
  source: string,
): Promise<{
  held: HeapReading;
  liveHeld: Live;
  liveAfterRelease: number;
  nodes: number;
  occupancy: number | null;
}> {
  const runtime = engine.xmd?.runtime;
  if (!runtime) throw new Error("W5 is XMD only");
  const kept = runtime.parse(source, { lang: "xmd" });
  const held = await settledHeap();
  const nodes = kept.nodeCount;
  const pools = kept.pools();
  const shared = runtimeLive(runtime);
  kept.release();
  return {
    held,
    liveHeld: { ...shared, nodes: shared.nodes + nodes },
    // The released tree's own store, and the runtime's shared ones.
    liveAfterRelease: kept.nodeCount + liveTotal(runtimeLive(runtime)),
    nodes,
    occupancy: pools.length === 0 ? null : occupancy(pools),
  };
}

async function enginePhase(engine: Engine, source: string, settings: CellSettings) {
  const timed = await timedParses(engine, source, settings);
  const tree = await heldTree(engine, source);
  const dropped = await settledHeap();
  const sizes = engine.xmd ? slotSizes(engine.xmd.runtime.inspect()) : null;
  engine.dispose();
  return { ...timed, ...tree, dropped, sizes };
}

/** Measures one W5 cell on a new XMD engine from `make`. */
export async function runParseCell(
  request: CellRequest,
  settings: CellSettings,
  make: () => Promise<Engine>,
): Promise<CellResult> {
  const result = emptyResult(request.workload, request.engine);
  if (!request.engine.startsWith("xmd")) return { ...result, mismatch: "W5 is XMD only" };
  const source = w5LargeProgram(settings.w5Bytes);
  const o = await enginePhase(await make(), source, settings);
  const gone = await settledHeap();
  return Object.assign(result, o.figures, {
    output_bytes: null,
    ast_nodes: o.nodes,
    heap_retained_bytes: o.held.total - o.dropped.total,
    fragmentation: oldSpaceFragmentation(o.held),
    pool_occupancy: o.occupancy,
    live_slots_after_dispose: o.liveAfterRelease,
    ...poolMemory(o.sizes, o.held, gone, o.liveHeld),
  } satisfies Partial<CellResult>);
}
