/**
 * One measurement cell — a workload on an engine — run in a fresh process so that heap,
 * GC and peak-RSS figures belong to that cell alone. Started by the macro suite as
 * `node --expose-gc dist/macro/cell.js '<json>'`; prints one JSON line.
 *
 * Steps: check the output equals the hand-written baseline (normalised); warm up; time
 * renders (compile once, render many) and compile+render; observe GC; then measure the
 * heap retained after a full GC, V8 old-space fragmentation and, for XMD, pool share and
 * live slots after dispose.
 * @module
 */
import { getHeapSpaceStatistics } from "node:v8";
import { collectGarbage, withGcObserved } from "../gc.js";
import { type Engine, type EngineId, makeEngine } from "./engines.js";
import {
  normalize,
  type Workload,
  w1Interpolate,
  w2Loop,
  w3Nested,
  w4ManyDocs,
  w5LargeProgram,
} from "./workloads.js";

export interface CellRequest {
  workload: "W1" | "W2" | "W3" | "W4" | "W5" | "leak";
  engine: EngineId;
  quick: boolean;
}

export interface CellResult {
  workload: string;
  engine: EngineId;
  mismatch?: string;
  ms_median: number;
  ms_min: number;
  ms_max: number;
  /** compile (or parse) + render, for engines with a separate compile step. */
  ms_compile_render_median: number;
  mb_per_s: number;
  output_bytes: number;
  heap_retained_bytes: number;
  rss_peak_bytes: number;
  gc_count: number;
  gc_pause_ms: number;
  /** 1 − used/size of V8 old space after a full GC. */
  fragmentation: number;
  pool_share?: number;
  pool_occupancy?: number;
  live_slots_after_dispose?: number;
  samples: number;
  /** For the leak check: heap after 100 and after N renders. */
  leak?: { after100: number; afterN: number; after2N: number; n: number };
}

/**
 * Forces a string to exist as one flat string. Engines that build output with `+=`
 * return a rope and leave the copying to whoever reads it; XMD joins. Writing the
 * output anywhere pays that copy, so every engine pays it inside the timing.
 */
function materialize(s: string): string {
  s.charCodeAt(s.length >> 1);
  return s;
}

/** Parse (compile) and render once. */
function once(engine: Engine, w: Workload): string {
  return engine.once ? engine.once(w) : engine.compile(w)();
}

function stats(times: number[]): { median: number; min: number; max: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)] as number,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
  };
}

/** JS heap plus ArrayBuffer backing stores (typed-array pools live there, outside heapUsed). */
/**
 * Live JS heap plus ArrayBuffer memory (where pools keep their columns) after full GCs.
 * V8 frees the backing stores of dead ArrayBuffers on a later task, not inside gc(),
 * so we yield between collections; without it a freed pool still counts as live.
 */
async function heapUsed(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function oldSpaceFragmentation(): number {
  collectGarbage();
  const old = getHeapSpaceStatistics().find((s) => s.space_name === "old_space");
  if (!old || old.space_size === 0) return 0;
  return 1 - old.space_used_size / old.space_size;
}

function workloadsFor(request: CellRequest): Workload[] {
  const scale = request.quick ? 0.25 : 1;
  switch (request.workload) {
    case "W1":
      return [w1Interpolate(scale)];
    case "W2":
      return [w2Loop(scale)];
    case "W3":
      return [w3Nested(scale)];
    case "W4":
      return w4ManyDocs(request.quick ? 250 : 1000);
    default:
      return [];
  }
}

async function runRender(request: CellRequest): Promise<CellResult> {
  const before = await heapUsed();
  const engine = await makeEngine(request.engine);
  const workloads = workloadsFor(request);
  // 1. Outputs must agree before anything is timed.
  for (const w of workloads) {
    const want = normalize(w.baseline(w.data));
    // Both ways of rendering are checked: compiled (timed as "render") and one-shot.
    const compiled = normalize(engine.compile(w)());
    const got = compiled === want ? normalize(once(engine, w)) : compiled;
    if (got !== want) {
      let at = 0;
      while (at < got.length && got[at] === want[at]) at++;
      return {
        ...empty(request),
        mismatch: `differs at offset ${at}: got ${JSON.stringify(got.slice(at, at + 60))}, want ${JSON.stringify(want.slice(at, at + 60))}`,
      };
    }
  }
  const many = request.workload === "W4";
  const samples = request.quick ? (many ? 3 : 8) : many ? 7 : 25;
  // compile once, render many (W4: every document compiled and rendered once: that is the workload)
  const compiled = many ? [] : workloads.map((w) => engine.compile(w));
  const renderOnce = many
    ? () => workloads.map((w) => once(engine, w)).join("")
    : () => (compiled[0] as () => string)();
  // Warm up until the JIT has settled: at least 5 runs and 300 ms (100 ms in quick mode).
  const warmUntil = performance.now() + (request.quick ? 100 : 300);
  for (let i = 0; i < 5 || performance.now() < warmUntil; i++) renderOnce();
  const times: number[] = [];
  let bytes = 0;
  const { gc } = await withGcObserved(() => {
    for (let i = 0; i < samples; i++) {
      const t = performance.now();
      const out = materialize(renderOnce());
      times.push(performance.now() - t);
      bytes = out.length;
    }
  });
  const compileTimes: number[] = [];
  for (let i = 0; i < Math.max(3, Math.floor(samples / 2)); i++) {
    const t = performance.now();
    for (const w of workloads) materialize(once(engine, w));
    compileTimes.push(performance.now() - t);
  }
  const retained = (await heapUsed()) - before;
  const fragmentation = oldSpaceFragmentation();
  const s = stats(times);
  const result: CellResult = {
    workload: request.workload,
    engine: request.engine,
    ms_median: s.median,
    ms_min: s.min,
    ms_max: s.max,
    ms_compile_render_median: stats(compileTimes).median,
    mb_per_s: bytes / 1e6 / (s.median / 1000),
    output_bytes: bytes,
    heap_retained_bytes: Math.max(0, retained),
    rss_peak_bytes: process.resourceUsage().maxRSS * 1024,
    gc_count: gc.count,
    gc_pause_ms: gc.pauseMs,
    fragmentation,
    samples,
  };
  if (engine.runtime) {
    const w = workloads[0] as Workload;
    const run = engine.runtime.render(w.xmd.source, { lang: w.xmd.lang, vars: w.data });
    result.pool_share = run.stats.allocations.poolShare;
    const pools = engine.runtime.inspect().pools;
    result.pool_occupancy = pools.length
      ? pools.reduce((a, p) => a + p.highWater, 0) / pools.reduce((a, p) => a + p.capacity, 0)
      : 0;
    engine.dispose?.();
    const state = engine.runtime.inspect();
    result.live_slots_after_dispose =
      state.live.nodes +
      state.live.variables +
      state.live.temporaries +
      state.pools.reduce((a, p) => a + p.live, 0);
  }
  return result;
}

/** W5: parse and keep a 1 MB program; what stays in the heap is the point. */
async function runParse(request: CellRequest): Promise<CellResult> {
  const source = w5LargeProgram(request.quick ? 256 * 1024 : 1024 * 1024);
  const engine = await makeEngine(request.engine);
  const runtime = engine.runtime;
  if (!runtime) return { ...empty(request), mismatch: "W5 is XMD only" };
  runtime.parse(source, { lang: "xmd" }).release(); // warm up
  const before = await heapUsed();
  const times: number[] = [];
  let kept = runtime.parse(source, { lang: "xmd" });
  const { gc } = await withGcObserved(() => {
    for (let i = 0; i < (request.quick ? 3 : 7); i++) {
      kept.release();
      const t = performance.now();
      kept = runtime.parse(source, { lang: "xmd" });
      times.push(performance.now() - t);
    }
  });
  const retained = (await heapUsed()) - before;
  const fragmentation = oldSpaceFragmentation();
  const nodes = kept.nodeCount;
  kept.release();
  const s = stats(times);
  return {
    ...empty(request),
    ms_median: s.median,
    ms_min: s.min,
    ms_max: s.max,
    ms_compile_render_median: s.median,
    mb_per_s: source.length / 1e6 / (s.median / 1000),
    output_bytes: nodes,
    heap_retained_bytes: Math.max(0, retained),
    rss_peak_bytes: process.resourceUsage().maxRSS * 1024,
    gc_count: gc.count,
    gc_pause_ms: gc.pauseMs,
    fragmentation,
    samples: times.length,
  };
}

/** Leak check: heap after N renders of small documents stays within 5% of the heap after 100. */
async function runLeak(request: CellRequest): Promise<CellResult> {
  const engine = await makeEngine(request.engine);
  const docs = w4ManyDocs(100);
  const n = request.quick ? 2_000 : 10_000;
  for (let i = 0; i < 100; i++) once(engine, docs[i % 100] as Workload);
  const after100 = await heapUsed();
  for (let i = 100; i < n; i++) once(engine, docs[i % 100] as Workload);
  const afterN = await heapUsed();
  // A leak keeps growing; JIT warm-up (code, feedback) does not. A second N tells them apart.
  for (let i = n; i < 2 * n; i++) once(engine, docs[i % 100] as Workload);
  const after2N = await heapUsed();
  const state = engine.runtime?.inspect();
  return {
    ...empty(request),
    leak: { after100, afterN, after2N, n },
    live_slots_after_dispose: state ? state.live.nodes + state.live.variables + state.live.temporaries : 0,
    rss_peak_bytes: process.resourceUsage().maxRSS * 1024,
  };
}

function empty(request: CellRequest): CellResult {
  return {
    workload: request.workload,
    engine: request.engine,
    ms_median: 0,
    ms_min: 0,
    ms_max: 0,
    ms_compile_render_median: 0,
    mb_per_s: 0,
    output_bytes: 0,
    heap_retained_bytes: 0,
    rss_peak_bytes: 0,
    gc_count: 0,
    gc_pause_ms: 0,
    fragmentation: 0,
    samples: 0,
  };
}

export async function runCell(request: CellRequest): Promise<CellResult> {
  if (request.workload === "W5") return runParse(request);
  if (request.workload === "leak") return runLeak(request);
  return runRender(request);
}

// Run as a child process: the request is the first argument.
const arg = process.argv[2];
if (arg !== undefined && process.argv[1]?.endsWith("cell.js")) {
  const result = await runCell(JSON.parse(arg) as CellRequest);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
