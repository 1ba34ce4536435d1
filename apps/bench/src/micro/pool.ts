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
 * remove the allocations or reads. The pooled loops live in `pool-loops.ts`, loaded
 * once per pool mode so that the modes do not share type feedback (see there).
 * @module
 */
import { collectGarbage, type GcActivity, withGcObserved } from "../gc.js";
import type { BenchSection, BenchSuite, BenchTable } from "../section.js";

/** The pooled loops' module (one instance per pool mode). */
type PoolLoops = typeof import("./pool-loops.js");

/**
 * Loads `pool-loops.js` as a module instance of its own for one pooled variant: the query
 * string makes it a separate module to Node, with its own function literals and so its
 * own type feedback (see pool-loops.ts).
 */
async function loadPoolLoops(variant: string): Promise<PoolLoops> {
  const url = new URL(`./pool-loops.js?variant=${encodeURIComponent(variant)}`, import.meta.url);
  return (await import(url.href)) as PoolLoops;
}

/** The record the object side builds: the pool's five fields as properties. */
interface NodeObject {
  kind: number;
  start: number;
  end: number;
  a: number;
  b: number;
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

/**
 * Runs `round` `warmup` times untimed, then `samples` timed samples of `roundsPerSample`
 * rounds each inside a GC observer; ns/op is the median sample's time per operation.
 *
 * Why samples of several rounds: a long-lived round of the object side takes 1–4 ms and
 * its scavenges (about 4 ms of pause each) fall on about every other round, so single
 * rounds come in two kinds, with and without a collection. A median of single rounds
 * picks one kind or the other depending on whether more than half the rounds had a
 * collection: one run of 2026-12-01 read 22 ns per object, the other two 35 and 46. A
 * sample of several rounds carries its share of the collections, and the median over
 * samples still drops the ones another process disturbed.
 */
async function measure(
  name: string,
  opsPerRound: number,
  warmup: number,
  samples: number,
  roundsPerSample: number,
  round: () => number,
): Promise<Measurement> {
  let checksum = 0;
  for (let i = 0; i < warmup; i++) checksum += round();
  collectGarbage();
  const times: number[] = [];
  const { gc } = await withGcObserved(() => {
    for (let i = 0; i < samples; i++) {
      const t0 = process.hrtime.bigint();
      for (let r = 0; r < roundsPerSample; r++) checksum += round();
      times.push(Number(process.hrtime.bigint() - t0));
    }
  });
  times.sort((x, y) => x - y);
  const median = times[times.length >> 1]!;
  const opsPerSample = opsPerRound * roundsPerSample;
  return { name, ops: opsPerSample * samples, nsPerOp: median / opsPerSample, gc, checksum };
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

/**
 * The reference variant: the same objects kept in one array made before the rounds and
 * emptied after each, so that no round grows an array. Not the target's baseline (see
 * the table's note): with the container reused, a round's 4 MB of records dies between
 * two scavenges and is never promoted, which is not what long-lived records do.
 */
function longLivedObjectsReusedArray(n: number): () => number {
  const nodes: (NodeObject | null)[] = new Array(n).fill(null);
  return () => {
    for (let i = 0; i < n; i++) nodes[i] = { kind: i & 7, start: i, end: i + 5, a: i ^ 3, b: -i };
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const o = nodes[i]!;
      sum += o.end - o.start + o.kind + (o.a & 1) + (o.b & 1);
    }
    nodes.fill(null); // drop them all
    return sum;
  };
}

// --------------------------------------------------------------- short-lived

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
  const longSamples = quick ? 5 : 11;
  const longRoundsPerSample = quick ? 3 : 8;
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
  const longLivedPool = async (name: string, checked: boolean, freeEach: boolean) => {
    const loops = await loadPoolLoops(`long-lived ${name}`);
    return loops.longLivedPool(loops.makePool(checked, name), handles, n, freeEach);
  };
  const longVariants: [string, () => number][] = [
    ["new object", longLivedObjects(n, keep)],
    ["StructPool, release mode, release each", await longLivedPool("long-release", false, true)],
    ["StructPool, release mode, reset()", await longLivedPool("long-reset", false, false)],
    ["StructPool, checked, release each", await longLivedPool("long-checked", true, true)],
    ["new object, one array reused (reference)", longLivedObjectsReusedArray(n)],
  ];
  const longLivedRuns: Measurement[][] = [];
  for (let run = 0; run < LONG_LIVED_RUNS; run++) {
    const measured: Measurement[] = [];
    for (const [name, round] of longVariants)
      measured.push(await measure(name, n, warmup, longSamples, longRoundsPerSample, round));
    longLivedRuns.push(measured);
  }
  const longLived = longVariants.map(([name]) =>
    medianOfRuns(longLivedRuns.map((r) => r.find((m) => m.name === name)!)),
  );
  const speedupsOver = (baseline: string) =>
    longLivedRuns.map((r) => {
      const base = r.find((m) => m.name === baseline)!;
      const reset = r.find((m) => m.name === "StructPool, release mode, reset()")!;
      return base.nsPerOp / reset.nsPerOp;
    });
  const longSpeedups = speedupsOver("new object");
  const referenceSpeedups = speedupsOver("new object, one array reused (reference)");
  const listRuns = (xs: number[]) => xs.map((x) => `${x.toFixed(2)}×`).join(", ");

  // (a') short-lived
  const shortLivedPool = async (name: string, checked: boolean) => {
    const loops = await loadPoolLoops(`short-lived ${name}`);
    return loops.shortLivedPool(loops.makePool(checked, name), shortN);
  };
  const ring: (NodeObject | null)[] = new Array(256).fill(null);
  const shortLived = [
    await measure("new object", shortN, warmup, shortRounds, 1, shortLivedObjects(shortN, ring)),
    await measure(
      "StructPool, release mode",
      shortN,
      warmup,
      shortRounds,
      1,
      await shortLivedPool("short-release", false),
    ),
    await measure(
      "StructPool, checked",
      shortN,
      warmup,
      shortRounds,
      1,
      await shortLivedPool("short-checked", true),
    ),
  ];

  // (b) field access over 100k live records
  const nodes: NodeObject[] = [];
  for (let i = 0; i < n; i++) nodes.push({ kind: i & 7, start: i, end: i + 5, a: i ^ 3, b: -i });
  const fieldAccessPool = async (name: string, checked: boolean) => {
    const loops = await loadPoolLoops(`field access ${name}`);
    const pool = loops.makePool(checked, name);
    return loops.fieldAccessPool(pool, loops.fillForAccess(pool, n), n, passes);
  };
  const access = [
    await measure(
      "new object (property access)",
      n * passes,
      warmup,
      accessRounds,
      1,
      fieldAccessObjects(nodes, passes),
    ),
    await measure(
      "FieldAccessor, release mode",
      n * passes,
      warmup,
      accessRounds,
      1,
      await fieldAccessPool("access-release", false),
    ),
    await measure(
      "FieldAccessor, checked",
      n * passes,
      warmup,
      accessRounds,
      1,
      await fieldAccessPool("access-checked", true),
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
          `A record is acquired, 5 fields written, read once, freed. ns/op is the median of ${longSamples} samples of ${longRoundsPerSample} rounds of ${n.toLocaleString("en-US")} records (a sample of several rounds carries its share of the object side's collections). The variants run one after the other, ${LONG_LIVED_RUNS} times over; each row shows the median of its runs' ns/op.`,
          `new object ÷ reset() per run: ${listRuns(longSpeedups)} (the allocation-speed target takes their median). The object side pushes each round's records into a new array, as heap-mode stores do; the pooled side keeps handles in one Int32Array made before the rounds (pooled records need no container: the runtime links them by handle).`,
          `Reference, not the target's baseline: the same objects kept in one array reused across rounds, ÷ reset() per run: ${listRuns(referenceSpeedups)}. With nothing growing, a round's records die between two scavenges and are never promoted, which long-lived records (a kept document's nodes) are.`,
          `GC columns count every collection during the ${LONG_LIVED_RUNS} × ${longSamples * longRoundsPerSample} timed rounds (PerformanceObserver 'gc').`,
          "Every variant runs loop code of its own (each pooled variant a module instance of pool-loops.ts), so no two variants share V8's type feedback.",
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
