/**
 * The seed targets: each figure the memory plan and issue 8 promised, the measured value,
 * and whether it was met. A pure function of the results, so the tests can check the
 * met/missed logic on synthetic results.
 * @module
 */
import type { CellResult } from "./macro/cell-result.js";
import { type EngineId, PEERS } from "./macro/engines.js";

/** One row of the seed-targets table. `met` is null when it could not be evaluated. */
export interface Target {
  name: string;
  promise: string;
  measured: string;
  met: boolean | null;
}

/**
 * Allocation speed from the pool micro suite, as speed-ups over `new` (above 1: the pool
 * is faster). Long-lived records are what the runtime pools (AST nodes and variables live
 * for a whole document and are freed together with `reset()`); short-lived records are
 * reported next to them because that is where pooling loses.
 */
export interface AllocationSpeed {
  longLivedReset: number | null;
  longLivedReleaseEach: number | null;
  shortLived: number | null;
}

interface MicroRow {
  name: string;
  nsPerOp: number;
}

function speedup(rows: readonly MicroRow[] | undefined, name: string): number | null {
  const base = rows?.find((r) => r.name === "new object");
  const pool = rows?.find((r) => r.name === name);
  return base && pool && pool.nsPerOp > 0 ? base.nsPerOp / pool.nsPerOp : null;
}

/** Reads the pool suite's `data` (see micro/pool.ts); null when the suite did not run. */
export function allocationSpeedFrom(poolData: unknown): AllocationSpeed | null {
  if (poolData === null || typeof poolData !== "object") return null;
  const d = poolData as { longLived?: MicroRow[]; shortLived?: MicroRow[] };
  return {
    longLivedReset: speedup(d.longLived, "StructPool, release mode, reset()"),
    longLivedReleaseEach: speedup(d.longLived, "StructPool, release mode, release each"),
    shortLived: speedup(d.shortLived, "StructPool, release mode"),
  };
}

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const mib = (n: number) => `${(n / 1048576).toFixed(2)} MiB`;
const ms = (n: number) => `${n.toFixed(n < 1 ? 3 : 2)} ms`;
const times = (n: number) => `${n.toFixed(2)}×`;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

/** Looks cells up by workload and engine; a cell with an output mismatch counts as absent. */
class Cells {
  constructor(private readonly cells: readonly CellResult[]) {}
  get(workload: string, engine: EngineId): CellResult | undefined {
    return this.cells.find((c) => c.workload === workload && c.engine === engine && !c.mismatch);
  }
  all(): readonly CellResult[] {
    return this.cells;
  }
}

/** A number field of a cell, or null when the cell or the figure is missing. */
function num(c: CellResult | undefined, field: keyof CellResult): number | null {
  const v = c?.[field];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

const notMeasured = (name: string, promise: string, why: string): Target => ({
  name,
  promise,
  measured: why,
  met: null,
});

function poolShareTargets(cells: Cells): Target[] {
  const workloads = ["W1", "W2", "W3", "W4"];
  const name = "pool share (bytes)";
  const promise =
    "≥ 90% of allocations served by pools (plan: 60–70%); bytes handed out by pools ÷ (pool bytes + JS-heap bytes) per render, timed path";
  const shares = workloads.map((w) => ({ w, share: num(cells.get(w, "xmd-pooled"), "pool_byte_share") }));
  const js = workloads.map((w) => ({
    w,
    pooled: num(cells.get(w, "xmd-pooled"), "js_heap_bytes_per_render"),
    heap: num(cells.get(w, "xmd-heap"), "js_heap_bytes_per_render"),
  }));
  const rows: Target[] = [];
  if (shares.some((s) => s.share === null)) {
    rows.push(notMeasured(name, promise, "not measured for every workload"));
  } else {
    const lowest = shares.reduce((a, b) => ((b.share as number) < (a.share as number) ? b : a));
    const perWorkload = shares.map((s) => `${s.w} ${pct(s.share as number)}`).join(", ");
    const jsText = js
      .map((j) =>
        j.pooled !== null && j.heap !== null ? `${j.w} ${kib(j.pooled)} vs ${kib(j.heap)}` : `${j.w} –`,
      )
      .join(", ");
    rows.push({
      name,
      promise,
      measured: `${pct(lowest.share as number)} (lowest, ${lowest.w}); ${perWorkload}. JS-heap bytes per render, pooled vs heap: ${jsText}`,
      met: (lowest.share as number) >= 0.9,
    });
  }
  const counted = workloads.map((w) => ({ w, share: num(cells.get(w, "xmd-pooled"), "pool_share") }));
  rows.push({
    name: "pool share (runtime's counted requests)",
    promise:
      "for reference only: share of the requests the runtime counts (`stats.allocations`), which leave out most JS-heap allocations",
    measured: counted.map((c) => `${c.w} ${c.share === null ? "–" : pct(c.share)}`).join(", "),
    met: null,
  });
  return rows;
}

function pooledVsHeapTargets(cells: Cells, allocation: AllocationSpeed | null): Target[] {
  const rows: Target[] = [];
  const w5p = cells.get("W5", "xmd-pooled");
  const w5h = cells.get("W5", "xmd-heap");
  {
    const name = "W5 retained heap";
    const promise = "pooled ≤ 40% of heap mode (plan: 20–30% less memory)";
    const p = num(w5p, "heap_retained_bytes");
    const h = num(w5h, "heap_retained_bytes");
    rows.push(
      p === null || h === null || h <= 0
        ? notMeasured(name, promise, "not measured")
        : {
            name,
            promise,
            measured: `${mib(p)} vs ${mib(h)} = ${pct(p / h)} (${pct(1 - p / h)} less)`,
            met: p <= 0.4 * h,
          },
    );
  }
  {
    const name = "W2 GC pause";
    const promise = "pooled ≤ half of heap mode (pause per render over the timed renders)";
    const p = cells.get("W2", "xmd-pooled");
    const h = cells.get("W2", "xmd-heap");
    const pp = num(p, "gc_pause_ms_per_render");
    const hp = num(h, "gc_pause_ms_per_render");
    rows.push(
      pp === null || hp === null
        ? notMeasured(name, promise, "not measured")
        : {
            name,
            promise,
            measured: `${ms(pp)} vs ${ms(hp)} per render (${p?.gc_count} GCs in ${p?.gc_renders} renders vs ${h?.gc_count} in ${h?.gc_renders})`,
            met: pp <= 0.5 * hp,
          },
    );
  }
  {
    const name = "fragmentation";
    const promise =
      "pooled ≤ half of heap mode (plan: 50% less); W5, old space and pools together: (old-space free + pool free) ÷ (old-space size + pool bytes)";
    const p = num(w5p, "fragmentation_combined");
    const h = num(w5h, "fragmentation_combined");
    const po = num(w5p, "fragmentation");
    const ho = num(w5h, "fragmentation");
    rows.push(
      p === null || h === null
        ? notMeasured(name, promise, "not measured")
        : {
            name,
            promise,
            measured: `${pct(p)} vs ${pct(h)} (old space alone: ${po === null ? "–" : pct(po)} vs ${ho === null ? "–" : pct(ho)})`,
            met: p <= 0.5 * h,
          },
    );
  }
  {
    const name = "allocation speed";
    const promise =
      "2–3× faster allocation for pooled objects: long-lived records (acquire, keep, free all with reset(), as the runtime does) vs new objects";
    const a = allocation?.longLivedReset ?? null;
    rows.push(
      a === null
        ? notMeasured(name, promise, "pool micro suite not run")
        : {
            name,
            promise,
            measured: `${times(a)} (release each: ${allocation?.longLivedReleaseEach == null ? "–" : times(allocation.longLivedReleaseEach)}; short-lived: ${allocation?.shortLived == null ? "–" : times(allocation.shortLived)})`,
            met: a >= 2,
          },
    );
  }
  {
    const name = "live slots after dispose";
    const promise =
      "zero, read after every render returned and every tree was released, before runtime.dispose()";
    const lives = cells
      .all()
      .filter((c) => (c.engine === "xmd-pooled" || c.engine === "xmd-heap") && !c.mismatch)
      .map((c) => ({ c, live: c.live_slots_after_dispose }))
      .filter((x): x is { c: CellResult; live: number } => typeof x.live === "number");
    if (lives.length === 0) rows.push(notMeasured(name, promise, "not measured"));
    else {
      const worst = lives.reduce((a, b) => (b.live > a.live ? b : a));
      rows.push({
        name,
        promise,
        measured: `${worst.live}${worst.live > 0 ? ` (${worst.c.workload} ${worst.c.engine})` : ""}, over ${lives.length} XMD cells`,
        met: worst.live === 0,
      });
    }
  }
  {
    const leak = cells.get("leak", "xmd-pooled")?.leak;
    const heapLeak = cells.get("leak", "xmd-heap")?.leak;
    const name = "no heap growth";
    const promise = `heap after ${leak?.n ?? "N"} renders within 5% of heap after 100 (after warm-up on other documents)`;
    rows.push(
      leak === undefined
        ? notMeasured(name, promise, "not measured")
        : {
            name,
            promise,
            measured: `${pct(leak.afterN / leak.after100 - 1)}${heapLeak ? ` (heap mode ${pct(heapLeak.afterN / heapLeak.after100 - 1)})` : ""}; from ${leak.n} to ${2 * leak.n} renders: ${pct(leak.after2N / leak.afterN - 1)}`,
            met: leak.afterN <= leak.after100 * 1.05,
          },
    );
  }
  return rows;
}

function peerTargets(cells: Cells): Target[] {
  const rows: Target[] = [];
  {
    const name = "W4 vs every peer";
    const promise = "parse + render once faster than every peer (never-seen documents every pass)";
    const x = num(cells.get("W4", "xmd-pooled"), "ms_median");
    const peers = PEERS.map((p) => ({ p, t: num(cells.get("W4", p), "ms_median") }));
    const missing = peers.filter((p) => p.t === null).map((p) => p.p);
    if (x === null || missing.length > 0) {
      rows.push(
        notMeasured(name, promise, `not comparable: ${x === null ? "xmd-pooled" : missing.join(", ")}`),
      );
    } else {
      const faster = peers.filter((p) => (p.t as number) < x);
      rows.push({
        name,
        promise,
        measured: `${ms(x)}; faster peers: ${faster.length ? faster.map((p) => `${p.p} ${ms(p.t as number)}`).join(", ") : "none"}`,
        met: faster.length === 0,
      });
    }
  }
  for (const w of ["W1", "W2", "W3"]) {
    const x = num(cells.get(w, "xmd-pooled"), "ms_median");
    const liq = num(cells.get(w, "liquidjs"), "ms_median");
    const nj = num(cells.get(w, "nunjucks"), "ms_median");
    const base = num(cells.get(w, "baseline"), "ms_median");
    const vsName = `${w} vs liquidjs and nunjucks`;
    const vsPromise = "render faster than liquidjs and nunjucks";
    rows.push(
      x === null || liq === null || nj === null
        ? notMeasured(vsName, vsPromise, "not comparable (missing or mismatched output)")
        : {
            name: vsName,
            promise: vsPromise,
            measured: `${ms(x)} vs liquidjs ${ms(liq)} / nunjucks ${ms(nj)} (XMD ÷ liquidjs ${(x / liq).toFixed(2)}, ÷ nunjucks ${(x / nj).toFixed(2)})`,
            met: x < liq && x < nj,
          },
    );
    const hwName = `${w} vs hand-written`;
    const hwPromise = "within 3× of the hand-written baseline";
    rows.push(
      x === null || base === null || base <= 0
        ? notMeasured(hwName, hwPromise, "not measured")
        : { name: hwName, promise: hwPromise, measured: times(x / base), met: x <= 3 * base },
    );
  }
  return rows;
}

/** Every seed target, in the order of the report. */
export function seedTargets(cells: readonly CellResult[], allocation: AllocationSpeed | null): Target[] {
  const c = new Cells(cells);
  return [...poolShareTargets(c), ...pooledVsHeapTargets(c, allocation), ...peerTargets(c)];
}
