/**
 * Micro benchmark of `@xmd/pool`: is a pooled record cheaper than a JS object?
 *
 * Three workloads, each pooled side against a plain-object side in one run:
 *  - long-lived: build 100k records, keep them, read them, free them all; repeat.
 *    Objects survive scavenges and get promoted; pooled records make no garbage.
 *  - short-lived: acquire, fill, read, release at once. V8's bump allocation and
 *    scavenger are built for this, so pooling is expected to lose here.
 *  - field access: read and write fields of 100k live records through a
 *    `FieldAccessor` vs object properties.
 * Every loop folds its results into a checksum that is returned, so V8 cannot
 * remove the allocations or reads.
 * @module
 */
import { StructPool } from "@xmd/pool";
import { collectGarbage, type GcActivity, withGcObserved } from "../gc.js";
import type { BenchSection, BenchSuite, BenchTable } from "../section.js";

/** The record both sides build: a token/AST-node-like shape. */
interface NodeObject {
  kind: number;
  start: number;
  end: number;
  a: number;
  b: number;
}

const NODE_FIELDS = { kind: "u8", start: "u32", end: "u32", a: "i32", b: "i32" } as const;
type NodePool = StructPool<typeof NODE_FIELDS, "BenchNode">;

function makePool(checked: boolean, name: string): NodePool {
  return new StructPool<typeof NODE_FIELDS, "BenchNode">({ name, fields: NODE_FIELDS, checked });
}

/** One measured side of a comparison. */
interface Measurement {
  name: string;
  /** Operations performed in the timed rounds. */
  ops: number;
  /** Median ns per operation over the timed rounds. */
  nsPerOp: number;
  /** GC activity over all timed rounds. */
  gc: GcActivity;
  /** Result checksum (kept so the work cannot be optimised away). */
  checksum: number;
}

/** Runs `round` `warmup` times untimed, then `rounds` times timed inside a GC observer. */
async function measure(
  name: string,
  opsPerRound: number,
  warmup: number,
  rounds: number,
  round: () => number,
): Promise<Measurement> {
  let checksum = 0;
  for (let i = 0; i < warmup; i++) checksum += round();
  collectGarbage();
  const times: number[] = [];
  const { gc } = await withGcObserved(() => {
    for (let i = 0; i < rounds; i++) {
      const t0 = process.hrtime.bigint();
      checksum += round();
      times.push(Number(process.hrtime.bigint() - t0));
    }
  });
  times.sort((x, y) => x - y);
  const median = times[times.length >> 1]!;
  return { name, ops: opsPerRound * rounds, nsPerOp: median / opsPerRound, gc, checksum };
}

// ---------------------------------------------------------------- long-lived

/** Interleaved runs of the long-lived comparison (the allocation-speed target takes their median). */
const LONG_LIVED_RUNS = 3;

/**
 * One variant over several runs: the median of the runs' ns/op, operations and GC
 * activity summed over all of them.
 */
function medianOfRuns(runs: readonly Measurement[]): Measurement {
  const sorted = [...runs].sort((x, y) => x.nsPerOp - y.nsPerOp);
  const median = sorted[sorted.length >> 1]!;
  const byKind: GcActivity["byKind"] = {};
  for (const r of runs)
    for (const [kind, b] of Object.entries(r.gc.byKind)) {
      const sum = byKind[kind] ?? { count: 0, pauseMs: 0 };
      byKind[kind] = { count: sum.count + b.count, pauseMs: sum.pauseMs + b.pauseMs };
    }
  return {
    name: median.name,
    ops: runs.reduce((a, r) => a + r.ops, 0),
    nsPerOp: median.nsPerOp,
    gc: {
      count: runs.reduce((a, r) => a + r.gc.count, 0),
      pauseMs: runs.reduce((a, r) => a + r.gc.pauseMs, 0),
      byKind,
    },
    checksum: runs.reduce((a, r) => a + (r.checksum % 1_000_003), 0),
  };
}

function longLivedPool(pool: NodePool, handles: Int32Array, n: number, freeEach: boolean): () => number {
  const kind = pool.field("kind");
  const start = pool.field("start");
  const end = pool.field("end");
  const a = pool.field("a");
  const b = pool.field("b");
  return () => {
    for (let i = 0; i < n; i++) {
      const h = pool.acquire();
      kind.set(h, i & 7);
      start.set(h, i);
      end.set(h, i + 5);
      a.set(h, i ^ 3);
      b.set(h, -i);
      handles[i] = h;
    }
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const h = handles[i]! as ReturnType<NodePool["acquire"]>;
      sum += end.get(h) - start.get(h) + kind.get(h) + (a.get(h) & 1) + (b.get(h) & 1);
    }
    if (freeEach) {
      for (let i = 0; i < n; i++) pool.release(handles[i]! as ReturnType<NodePool["acquire"]>);
    } else {
      pool.reset();
    }
    return sum;
  };
}

function longLivedObjects(n: number, keep: { nodes: NodeObject[] | null }): () => number {
  return () => {
    const nodes: NodeObject[] = [];
    for (let i = 0; i < n; i++) nodes.push({ kind: i & 7, start: i, end: i + 5, a: i ^ 3, b: -i });
    keep.nodes = nodes; // escapes: the whole round's records stay reachable until the next round
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const o = nodes[i]!;
      sum += o.end - o.start + o.kind + (o.a & 1) + (o.b & 1);
    }
    keep.nodes = null; // drop them all
    return sum;
  };
}

// --------------------------------------------------------------- short-lived

function shortLivedPool(pool: NodePool, n: number): () => number {
  const kind = pool.field("kind");
  const start = pool.field("start");
  const end = pool.field("end");
  const a = pool.field("a");
  const b = pool.field("b");
  return () => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const h = pool.acquire();
      kind.set(h, i & 7);
      start.set(h, i);
      end.set(h, i + 5);
      a.set(h, i ^ 3);
      b.set(h, -i);
      sum += end.get(h) - start.get(h) + kind.get(h) + (a.get(h) & 1);
      pool.release(h);
    }
    return sum;
  };
}

function shortLivedObjects(n: number, ring: (NodeObject | null)[]): () => number {
  return () => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const o: NodeObject = { kind: i & 7, start: i, end: i + 5, a: i ^ 3, b: -i };
      ring[i & 255] = o; // escapes into a small ring, so escape analysis cannot remove it
      sum += o.end - o.start + o.kind + (o.a & 1);
    }
    return sum;
  };
}

// -------------------------------------------------------------- field access

function fieldAccessPool(pool: NodePool, handles: Int32Array, n: number, passes: number): () => number {
  const start = pool.field("start");
  const end = pool.field("end");
  const a = pool.field("a");
  return () => {
    let sum = 0;
    for (let p = 0; p < passes; p++) {
      for (let i = 0; i < n; i++) {
        const h = handles[i]! as ReturnType<NodePool["acquire"]>;
        const s = start.get(h);
        const e = end.get(h);
        a.set(h, e - s + p);
        sum += s;
      }
    }
    return sum;
  };
}

function fieldAccessObjects(nodes: NodeObject[], passes: number): () => number {
  return () => {
    let sum = 0;
    for (let p = 0; p < passes; p++) {
      for (let i = 0; i < nodes.length; i++) {
        const o = nodes[i]!;
        const s = o.start;
        const e = o.end;
        o.a = e - s + p;
        sum += s;
      }
    }
    return sum;
  };
}

// ------------------------------------------------------------------ report

function row(m: Measurement, baseline: Measurement): (string | number)[] {
  return [
    m.name,
    round(m.nsPerOp, 2),
    Math.round(1e9 / m.nsPerOp).toLocaleString("en-US"),
    `${round(m.nsPerOp / baseline.nsPerOp, 2)}x`,
    m.gc.count,
    round(m.gc.pauseMs, 2),
  ];
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

const COLUMNS = ["variant", "ns/op", "ops/s", "time vs objects", "gc count", "gc pause ms"];

function table(title: string, ms: Measurement[], notes: string[]): BenchTable {
  const baseline = ms.find((m) => m.name.startsWith("new object"))!;
  return { title, columns: COLUMNS, rows: ms.map((m) => row(m, baseline)), notes };
}

function summary(m: Measurement) {
  return {
    name: m.name,
    ops: m.ops,
    nsPerOp: m.nsPerOp,
    opsPerSec: 1e9 / m.nsPerOp,
    gcCount: m.gc.count,
    gcPauseMs: m.gc.pauseMs,
    gcByKind: m.gc.byKind,
  };
}

/** The pool micro suite. `quick` keeps it well under 10 s. */
export const poolSuite: BenchSuite = async ({ quick }): Promise<BenchSection> => {
  const n = 100_000;
  const longRounds = quick ? 12 : 60;
  const shortN = quick ? 200_000 : 1_000_000;
  const shortRounds = quick ? 8 : 30;
  const passes = quick ? 10 : 20;
  const accessRounds = quick ? 8 : 30;
  const warmup = quick ? 2 : 5;
  const gcForced = collectGarbage();

  // (a) long-lived, three runs interleaved (every variant once per run), so that a change
  // in the machine's load between variants does not decide the comparison alone.
  const handles = new Int32Array(n);
  const keep: { nodes: NodeObject[] | null } = { nodes: null };
  const longVariants: [string, () => number][] = [
    ["new object", longLivedObjects(n, keep)],
    [
      "StructPool, release mode, release each",
      longLivedPool(makePool(false, "long-release"), handles, n, true),
    ],
    ["StructPool, release mode, reset()", longLivedPool(makePool(false, "long-reset"), handles, n, false)],
    ["StructPool, checked, release each", longLivedPool(makePool(true, "long-checked"), handles, n, true)],
  ];
  const longLivedRuns: Measurement[][] = [];
  for (let run = 0; run < LONG_LIVED_RUNS; run++) {
    const measured: Measurement[] = [];
    for (const [name, round] of longVariants)
      measured.push(await measure(name, n, warmup, longRounds, round));
    longLivedRuns.push(measured);
  }
  const longLived = longVariants.map(([name]) =>
    medianOfRuns(longLivedRuns.map((r) => r.find((m) => m.name === name)!)),
  );
  const longSpeedups = longLivedRuns.map((r) => {
    const base = r.find((m) => m.name === "new object")!;
    const reset = r.find((m) => m.name === "StructPool, release mode, reset()")!;
    return base.nsPerOp / reset.nsPerOp;
  });

  // (a') short-lived
  const ring: (NodeObject | null)[] = new Array(256).fill(null);
  const shortLived = [
    await measure("new object", shortN, warmup, shortRounds, shortLivedObjects(shortN, ring)),
    await measure(
      "StructPool, release mode",
      shortN,
      warmup,
      shortRounds,
      shortLivedPool(makePool(false, "short-release"), shortN),
    ),
    await measure(
      "StructPool, checked",
      shortN,
      warmup,
      shortRounds,
      shortLivedPool(makePool(true, "short-checked"), shortN),
    ),
  ];

  // (b) field access over 100k live records
  const nodes: NodeObject[] = [];
  for (let i = 0; i < n; i++) nodes.push({ kind: i & 7, start: i, end: i + 5, a: i ^ 3, b: -i });
  const accessPools = [makePool(false, "access-release"), makePool(true, "access-checked")];
  const accessHandles = accessPools.map((pool) => {
    const hs = new Int32Array(n);
    const start = pool.field("start");
    const end = pool.field("end");
    for (let i = 0; i < n; i++) {
      const h = pool.acquire();
      start.set(h, i);
      end.set(h, i + 5);
      hs[i] = h;
    }
    return hs;
  });
  const access = [
    await measure(
      "new object (property access)",
      n * passes,
      warmup,
      accessRounds,
      fieldAccessObjects(nodes, passes),
    ),
    await measure(
      "FieldAccessor, release mode",
      n * passes,
      warmup,
      accessRounds,
      fieldAccessPool(accessPools[0]!, accessHandles[0]!, n, passes),
    ),
    await measure(
      "FieldAccessor, checked",
      n * passes,
      warmup,
      accessRounds,
      fieldAccessPool(accessPools[1]!, accessHandles[1]!, n, passes),
    ),
  ];
  const checksum = [...longLived, ...shortLived, ...access].reduce((s, m) => s + (m.checksum % 1_000_003), 0);
  const gcNote = gcForced
    ? "A full GC runs before each timed side (node --expose-gc)."
    : "Run node with --expose-gc to start each side from a collected heap.";

  return {
    id: "pool",
    title: "Pool micro benchmarks (@xmd/pool)",
    tables: [
      table(
        `Long-lived records: build ${n.toLocaleString("en-US")}, keep, read, free all (per record; median of ${LONG_LIVED_RUNS} interleaved runs)`,
        longLived,
        [
          `ns/op is the median round time / ${n.toLocaleString("en-US")} records; a record is acquired, 5 fields written, read once, freed. The four variants run one after the other, ${LONG_LIVED_RUNS} times over; each row shows the median of its runs' ns/op.`,
          `new object ÷ reset() per run: ${longSpeedups.map((x) => `${x.toFixed(2)}×`).join(", ")} (the allocation-speed target takes their median).`,
          `GC columns count every collection during the ${LONG_LIVED_RUNS} × ${longRounds} timed rounds (PerformanceObserver 'gc').`,
          gcNote,
        ],
      ),
      table(
        `Short-lived records: acquire, fill, read, release immediately (${shortN.toLocaleString("en-US")} per round)`,
        shortLived,
        [
          "The object escapes into a 256-entry ring so V8 must really allocate it; young-generation bump allocation is what pooling competes with here.",
        ],
      ),
      table(
        `Field access: 2 reads + 1 write per record over ${n.toLocaleString("en-US")} live records`,
        access,
        ["Sequential order; both sides are fully built before timing."],
      ),
    ],
    data: {
      quick,
      node: process.version,
      checksum,
      longLived: longLived.map(summary),
      longLivedRuns: longLivedRuns.map((r) => r.map(summary)),
      shortLived: shortLived.map(summary),
      fieldAccess: access.map(summary),
    },
  };
};
