/**
 * The seed targets: each figure the memory plan, issue 8 and the engine issue promised,
 * the measured value, and whether it was met. Where the engine issue changed a threshold
 * (allocation speed 2× → 3×, W2/W3 vs hand-written 3× → 2.5×) the new one applies. A pure function of the results, so the tests can check the
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
 * reported next to them because that is where pooling loses. The long-lived comparison
 * runs three times, interleaved: `longLivedReset` is the median of the runs' speed-ups.
 */
export interface AllocationSpeed {
  longLivedReset: number | null;
  /** The speed-up of each interleaved run (empty when the suite ran the comparison once). */
  longLivedResetRuns?: number[];
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

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * Reads the pool suite's `data` (see micro/pool.ts); null when the suite did not run.
 * With `longLivedRuns` (one row set per interleaved run) the speed-ups are medians over
 * the runs; without, they come from `longLived`.
 */
export function allocationSpeedFrom(poolData: unknown): AllocationSpeed | null {
  if (poolData === null || typeof poolData !== "object") return null;
  const d = poolData as { longLived?: MicroRow[]; longLivedRuns?: MicroRow[][]; shortLived?: MicroRow[] };
  const runs = d.longLivedRuns ?? [];
  const perRun = (name: string) =>
    runs.map((rows) => speedup(rows, name)).filter((v): v is number => v !== null);
  const resetRuns = perRun("StructPool, release mode, reset()");
  return {
    longLivedReset: runs.length
      ? median(resetRuns)
      : speedup(d.longLived, "StructPool, release mode, reset()"),
    longLivedResetRuns: resetRuns,
    longLivedReleaseEach: runs.length
      ? median(perRun("StructPool, release mode, release each"))
      : speedup(d.longLived, "StructPool, release mode, release each"),
    shortLived: speedup(d.shortLived, "StructPool, release mode"),
  };
}

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const mib = (n: number) => `${(n / 1048576).toFixed(2)} MiB`;
const ms = (n: number) => `${n.toFixed(n < 1 ? 3 : 2)} ms`;
const times = (n: number) => `${n.toFixed(2)}×`;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
/** Decimal megabytes, the unit of the W6 targets (8.09 MB document, 96 MB peak RSS). */
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

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

/**
 * The pool-share target, judged on the byte path (`renderTo`, each chunk dropped; pool
 * bytes = slots × slot size + output bytes written into pooled chunks), with the string
 * path's share (`render()`, slots only) beside it per workload for reference.
 */
function poolShareTargets(cells: Cells): Target[] {
  const workloads = ["W1", "W2", "W3", "W4"];
  const name = "pool share (bytes)";
  const promise =
    "≥ 90% of allocations served by pools (plan: 60–70%), on the byte path (`renderTo`, each output chunk consumed and dropped): pool bytes ÷ (pool bytes + JS-heap bytes) per render (W1–W3 compiled, W4 one-shot), where pool bytes = slots × slot size + UTF-8 output bytes written into pooled chunks; string path (`render()`, slots only) shown beside it";
  const shares = workloads.map((w) => {
    const p = cells.get(w, "xmd-pooled");
    return { w, share: num(p, "byte_path_pool_byte_share"), stringShare: num(p, "pool_byte_share") };
  });
  const js = (field: keyof CellResult) =>
    workloads
      .map((w) => {
        const p = num(cells.get(w, "xmd-pooled"), field);
        const h = num(cells.get(w, "xmd-heap"), field);
        return p !== null && h !== null ? `${w} ${kib(p)} vs ${kib(h)}` : `${w} –`;
      })
      .join(", ");
  const rows: Target[] = [];
  if (shares.some((s) => s.share === null)) {
    rows.push(notMeasured(name, promise, "byte path not measured for every workload"));
  } else {
    const lowest = shares.reduce((a, b) => ((b.share as number) < (a.share as number) ? b : a));
    const perWorkload = shares
      .map(
        (s) =>
          `${s.w} ${pct(s.share as number)} (string path ${s.stringShare === null ? "–" : pct(s.stringShare)})`,
      )
      .join(", ");
    rows.push({
      name,
      promise,
      measured: `${pct(lowest.share as number)} (lowest, ${lowest.w}); ${perWorkload}. JS-heap bytes per render, pooled vs heap, byte path: ${js("byte_path_js_heap_bytes_per_render")}; string path: ${js("js_heap_bytes_per_render")}`,
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
      "≥ 3× faster than `new` (plan: 2–3×; the bench asked 2× before the engine issue): long-lived records (acquire, keep, free all with reset(), as the runtime does) vs new objects, median of three interleaved runs";
    const a = allocation?.longLivedReset ?? null;
    const runs = allocation?.longLivedResetRuns ?? [];
    rows.push(
      a === null
        ? notMeasured(name, promise, "pool micro suite not run")
        : {
            name,
            promise,
            measured: `${times(a)}${runs.length ? ` (median of ${runs.map(times).join(", ")})` : ""}; release each: ${allocation?.longLivedReleaseEach == null ? "–" : times(allocation.longLivedReleaseEach)}; short-lived: ${allocation?.shortLived == null ? "–" : times(allocation.shortLived)}`,
            met: a >= 3,
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

/** "W… vs A and B": XMD's compiled render faster than each named peer. */
function fasterThan(w: string, x: number | null, peers: [EngineId, number | null][]): Target {
  const names = peers.map(([p]) => p).join(" and ");
  const name = `${w} vs ${names}`;
  const promise = `compiled render faster than ${names}`;
  if (x === null || peers.some(([, t]) => t === null || t <= 0))
    return notMeasured(name, promise, "not comparable (missing or mismatched output)");
  const measured = `${ms(x)} vs ${peers.map(([p, t]) => `${p} ${ms(t as number)}`).join(" / ")} (${peers
    .map(([p, t]) => `XMD ÷ ${p} ${(x / (t as number)).toFixed(2)}`)
    .join(", ")})`;
  return { name, promise, measured, met: peers.every(([, t]) => x < (t as number)) };
}

/** XMD's render time within `bound`× of a reference engine's. */
function withinOf(
  name: string,
  promise: string,
  x: number | null,
  ref: number | null,
  bound: number,
): Target {
  if (x === null || ref === null || ref <= 0) return notMeasured(name, promise, "not measured");
  return { name, promise, measured: times(x / ref), met: x <= bound * ref };
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
    const peer = (e: EngineId) => num(cells.get(w, e), "ms_median");
    const base = peer("baseline");
    rows.push(
      fasterThan(w, x, [
        ["liquidjs", peer("liquidjs")],
        ["nunjucks", peer("nunjucks")],
      ]),
      fasterThan(w, x, [
        ["mustache", peer("mustache")],
        ["handlebars", peer("handlebars")],
      ]),
    );
    // Issue 8 asked W1–W3 for 3× of hand-written; the engine issue asks W2 and W3 for 2.5×
    // and bounds W1 against eta instead, so W1 keeps issue 8's 3× here.
    const bound = w === "W1" ? 3 : 2.5;
    rows.push(
      withinOf(
        `${w} vs hand-written`,
        `within ${bound}× of the hand-written baseline${w === "W1" ? " (issue 8; the engine issue bounds W1 against eta, next row)" : " (issue 8: 3×)"}`,
        x,
        base,
        bound,
      ),
    );
    if (w === "W1")
      rows.push(withinOf("W1 vs eta", "compiled render within 1.5× of eta", x, peer("eta"), 1.5));
  }
  return rows;
}

/** The engine issue's W6 targets: the 8.09 MB document, in a process and as the whole CLI. */
function largeDocTargets(cells: Cells): Target[] {
  const rows: Target[] = [];
  const p = cells.get("W6", "xmd-pooled");
  const h = cells.get("W6", "xmd-heap");
  {
    const name = "W6 render once";
    const promise =
      "≥ 100 MB/s: the 8.09 MB document rendered once in a fresh process (pooled, the default; document bytes ÷ render time)";
    const rate = num(p, "mb_per_s");
    const heapRate = num(h, "mb_per_s");
    const after = num(p, "heap_used_after_bytes");
    const heapAfter = num(h, "heap_used_after_bytes");
    const share = num(p, "pool_byte_share"); // the string path: W6 is measured through runtime.render
    // The hand-written renderer of the same page, in the same run: this machine's floor.
    const handRate = num(cells.get("W6", "baseline"), "mb_per_s");
    const floor =
      handRate === null || rate === null
        ? ""
        : `; the hand-written renderer of this page ${handRate.toFixed(1)} MB/s (XMD takes ${(handRate / rate).toFixed(2)}× its time)`;
    rows.push(
      rate === null
        ? notMeasured(name, promise, "not measured")
        : {
            name,
            promise,
            measured: `${rate.toFixed(1)} MB/s (${ms(num(p, "ms_median") ?? 0)}); heap mode ${heapRate === null ? "–" : `${heapRate.toFixed(1)} MB/s`}${floor}. JS heap used after: ${after === null ? "–" : mb(after)} vs heap mode ${heapAfter === null ? "–" : mb(heapAfter)}; pool byte share (string path) ${share === null ? "–" : pct(share)}`,
            met: rate >= 100,
          },
    );
  }
  const cp = cells.get("W6-cli", "xmd-pooled");
  const ch = cells.get("W6-cli", "xmd-heap");
  {
    const name = "W6 `xmd big.md > out` time";
    const promise = "≤ 0.25 s wall time for the whole CLI process (pooled, the default)";
    const t = num(cp, "ms_median");
    const th = num(ch, "ms_median");
    // The same command on a one-line document, in the same run: what any run costs here.
    const fixed = num(cp, "fixed_ms_median");
    rows.push(
      t === null
        ? notMeasured(name, promise, "not measured")
        : {
            name,
            promise,
            measured: `${seconds(t)} (median of ${cp?.samples}; heap mode ${th === null ? "–" : seconds(th)}${fixed === null ? "" : `; on a one-line document ${seconds(fixed)}`})`,
            met: t <= 250,
          },
    );
  }
  {
    const name = "W6 `xmd big.md > out` peak RSS";
    const promise = "≤ 96 MB (96 × 10⁶ bytes) peak RSS of the whole CLI process (pooled, the default)";
    const r = num(cp, "rss_peak_bytes");
    const rh = num(ch, "rss_peak_bytes");
    rows.push(
      r === null
        ? notMeasured(name, promise, "not measured")
        : {
            name,
            promise,
            measured: `${mb(r)} (heap mode ${rh === null ? "–" : mb(rh)})`,
            met: r <= 96e6,
          },
    );
  }
  return rows;
}

/** Every seed target, in the order of the report. */
export function seedTargets(cells: readonly CellResult[], allocation: AllocationSpeed | null): Target[] {
  const c = new Cells(cells);
  return [
    ...poolShareTargets(c),
    ...pooledVsHeapTargets(c, allocation),
    ...peerTargets(c),
    ...largeDocTargets(c),
  ];
}
