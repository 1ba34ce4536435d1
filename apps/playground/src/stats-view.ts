/**
 * The memory plan at work: a run's statistics (what `xmd --stats` prints) as rows of a
 * table, one column per memory mode. Pure: the page turns the rows into a table.
 * @module
 */
import type { RunOutcome, RunStats } from "./engine.js";

/** One row: a label, a value per column (in the order of the runs given), and a hint. */
export interface StatsRow {
  label: string;
  values: string[];
  /** A group heading row (no values). */
  heading?: boolean;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

const KINDS = ["node", "variable", "string", "other"] as const;

/**
 * The rows comparing runs (the page gives the shown mode first, the other second).
 * A failed run's column says so; a statistic a mode does not have (the interner and the
 * value stack in heap mode) reads `—`.
 */
export function statsRows(runs: readonly RunOutcome[]): StatsRow[] {
  const stats = runs.map((r) => r.stats);
  const each = (f: (s: RunStats) => string): string[] => stats.map((s) => (s ? f(s) : "— (failed)"));
  const rows: StatsRow[] = [];
  rows.push({ label: "memory mode", values: runs.map((r) => r.memory) });
  rows.push({ label: "served by pools", values: each((s) => pct(s.allocations.poolShare)) });
  rows.push({ label: "allocation requests (pooled / requested)", values: [], heading: true });
  for (const kind of KINDS) {
    rows.push({
      label: kind,
      values: each((s) => `${s.allocations.pooled[kind]} / ${s.allocations.requested[kind]}`),
    });
  }
  const poolNames = [...new Set(stats.flatMap((s) => (s ? s.pools.map((p) => p.name) : [])))];
  rows.push({ label: "pools (peak occupancy: high-water / capacity)", values: [], heading: true });
  if (poolNames.length === 0) rows.push({ label: "pools", values: each(() => "none") });
  for (const name of poolNames) {
    rows.push({
      label: name,
      values: each((s) => {
        const p = s.pools.find((q) => q.name === name);
        if (!p) return "—";
        const peak = p.capacity > 0 ? p.highWater / p.capacity : 0;
        return `${pct(peak)} (${p.highWater} / ${p.capacity}), ${p.acquires} acquires, reuse ${pct(p.reuseRatio)}, ${p.live} live after the run`;
      }),
    });
  }
  rows.push({ label: "interned names", values: [], heading: true });
  rows.push({
    label: "distinct / lookups / hits",
    values: each((s) => (s.intern ? `${s.intern.distinct} / ${s.intern.lookups} / ${s.intern.hits}` : "—")),
  });
  rows.push({
    label: "bytes saved",
    values: each((s) => (s.intern ? `~${s.intern.bytesSaved}` : "—")),
  });
  rows.push({ label: "value stack", values: [], heading: true });
  rows.push({
    label: "high-water (slots)",
    values: each((s) => (s.stack ? String(s.stack.highWater) : "—")),
  });
  rows.push({
    label: "frames / growths",
    values: each((s) => (s.stack ? `${s.stack.frames} / ${s.stack.growths}` : "—")),
  });
  rows.push({ label: "run", values: [], heading: true });
  rows.push({
    label: "parse + run",
    values: each((s) => `${s.parseMs.toFixed(2)} + ${s.runMs.toFixed(2)} ms`),
  });
  rows.push({ label: "output", values: each((s) => `${s.outputBytes} bytes`) });
  return rows;
}
