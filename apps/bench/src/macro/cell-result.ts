/**
 * What one measurement cell (a workload on an engine) asks for and reports. Every figure
 * is a number when it was measured and `null` when it was not (never a stand-in 0).
 * @module
 */
import type { GcBucket } from "../gc.js";
import type { EngineId } from "./engines.js";
import type { RunMode } from "./settings.js";

/** Workloads measured in a cell process (W6's whole CLI process and W7 cold start are timed from outside). */
export type CellWorkload = "W1" | "W2" | "W3" | "W4" | "W5" | "W6" | "leak";

/**
 * Every workload id in results. `W6-cli` is W6 run as a whole `xmd big.md > out` process
 * (wall time and peak RSS); `W7` is cold start.
 */
export type WorkloadId = CellWorkload | "W6-cli" | "W7";

export interface CellRequest {
  workload: CellWorkload;
  engine: EngineId;
  mode: RunMode;
  /**
   * W1–W3: only the timed compiled renders (a further round of the suite's, see
   * `timingRounds`); every other figure comes from the round that measures everything.
   */
  timingOnly?: boolean;
}

/** Heap after 100, N and 2N renders (after N warm-up renders of other documents). */
export interface LeakReading {
  n: number;
  warmupRenders: number;
  /** `heapUsed + arrayBuffers` after full GCs. */
  after100: number;
  afterN: number;
  after2N: number;
  /** V8 code space in use at the same points (JIT code: warm-up, not leaks). */
  codeAfter100: number;
  codeAfterN: number;
  codeAfter2N: number;
}

export interface CellResult {
  workload: WorkloadId;
  engine: EngineId;
  /** Set when the engine's output differs from the hand-written baseline: nothing was timed. */
  mismatch?: string;
  /** Timed samples behind ms_median/min/max (0 when nothing was timed). */
  samples: number;
  /**
   * One render (W4: one pass over all documents; W5: one parse; W6: the one render of a
   * fresh process; W6-cli and W7: one whole process).
   */
  ms_median: number | null;
  ms_min: number | null;
  ms_max: number | null;
  /** W1–W3: each timing round's median render, in the order run (`ms_median` is their median). */
  timing_rounds?: number[];
  /** Compile (or parse) + render from a never-seen source, for W1–W3. */
  ms_compile_render_median: number | null;
  compile_render_samples: number | null;
  /** W4: the first pass, before any warm-up (JIT cold), in ms. */
  ms_first_pass?: number | null;
  mb_per_s: number | null;
  output_bytes: number | null;
  /** Heap with the compiled templates (W5: the kept tree) held, minus heap after dropping them. */
  heap_retained_bytes: number | null;
  rss_peak_bytes: number | null;
  /** Collections that started during the timed renders, and their summed pause. */
  gc_count: number | null;
  gc_pause_ms: number | null;
  /** Renders (W4: documents; W5: parses) the GC figures cover, and the pause per render. */
  gc_renders: number | null;
  gc_pause_ms_per_render: number | null;
  gc_by_kind: Record<string, GcBucket> | null;
  /**
   * JS-heap bytes allocated per render, garbage included (sampling heap profiler), on the
   * path every engine has: output as a string (XMD: `render()`, the string path).
   */
  js_heap_bytes_per_render: number | null;
  /** 1 − used/size of V8's old space after a full GC, templates held. */
  fragmentation: number | null;
  /** W6-cli: how peak RSS was read (GNU time's %M, or the CLI process's own `resourceUsage().maxRSS`). */
  rss_source?: "/usr/bin/time" | "resourceUsage";
  /**
   * W6-cli: median wall time of the same command on a one-line document, run between the
   * large document's runs: what every `xmd FILE > out` costs on this machine whatever the
   * document (Node's start, the render thread's, loading the runtime).
   */
  fixed_ms_median?: number | null;
  /** W6: `process.memoryUsage().heapUsed` right after the render returned (output held, no forced GC). */
  heap_used_after_bytes?: number | null;
  // XMD only, below.
  /** Share of the runtime's *counted* allocation requests that pools served (`stats.allocations.poolShare`). */
  pool_share?: number | null;
  /** String path (`render()`): pool bytes handed out per render (slots × slot size). */
  pool_bytes_per_render?: number | null;
  /** String path: pool bytes / (pool bytes + JS-heap bytes) allocated per render. */
  pool_byte_share?: number | null;
  /**
   * W1–W4, the byte path (`renderTo`, each chunk consumed and dropped; see byte-path.ts):
   * JS-heap bytes allocated per render, profiled as `js_heap_bytes_per_render` is.
   */
  byte_path_js_heap_bytes_per_render?: number | null;
  /** Byte path: UTF-8 output bytes written into pooled chunks per render (0 in heap mode: its chunks are not pooled). */
  byte_path_output_pool_bytes_per_render?: number | null;
  /** Byte path: pool bytes per render = slots × slot size + `byte_path_output_pool_bytes_per_render`. */
  byte_path_pool_bytes_per_render?: number | null;
  /** Byte path: pool bytes / (pool bytes + JS-heap bytes) per render — what the pool-share target is judged on. */
  byte_path_pool_byte_share?: number | null;
  /** Live / capacity slots of the pools the runtime API shows, at the fragmentation reading. */
  pool_occupancy?: number | null;
  /** Off-heap bytes of the memory plan at that reading (ArrayBuffers freed by dropping the engine). */
  pool_bytes?: number | null;
  /** Of those, bytes of live pool slots. */
  pool_live_bytes?: number | null;
  /** (old-space free + pool free bytes) / (old-space size + pool bytes). */
  fragmentation_combined?: number | null;
  /** Live slots once every render returned and every tree was released, read before `dispose()`. */
  live_slots_after_dispose?: number | null;
  /** W1–W3: nodes in the compiled tree after the timed renders minus right after compile (0: renders leave nothing). */
  compiled_tree_growth?: number | null;
  /** W5: AST nodes in the kept tree. */
  ast_nodes?: number | null;
  leak?: LeakReading;
}

/** A result with nothing measured yet: every figure null. */
export function emptyResult(workload: WorkloadId, engine: EngineId): CellResult {
  const result: CellResult = {
    workload,
    engine,
    samples: 0,
    ms_median: null,
    ms_min: null,
    ms_max: null,
    ms_compile_render_median: null,
    compile_render_samples: null,
    mb_per_s: null,
    output_bytes: null,
    heap_retained_bytes: null,
    rss_peak_bytes: null,
    gc_count: null,
    gc_pause_ms: null,
    gc_renders: null,
    gc_pause_ms_per_render: null,
    gc_by_kind: null,
    js_heap_bytes_per_render: null,
    fragmentation: null,
  };
  if (isXmd(engine)) {
    Object.assign(result, {
      pool_share: null,
      pool_bytes_per_render: null,
      pool_byte_share: null,
      byte_path_js_heap_bytes_per_render: null,
      byte_path_output_pool_bytes_per_render: null,
      byte_path_pool_bytes_per_render: null,
      byte_path_pool_byte_share: null,
      pool_occupancy: null,
      pool_bytes: null,
      pool_live_bytes: null,
      fragmentation_combined: null,
      live_slots_after_dispose: null,
    });
  }
  return result;
}

/** Whether an engine id is one of XMD's two modes. */
export function isXmd(engine: EngineId): boolean {
  return engine === "xmd-pooled" || engine === "xmd-heap";
}
