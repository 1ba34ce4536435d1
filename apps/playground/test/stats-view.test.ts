import type { RunStats } from "@xmd/runtime";
import { describe, expect, it } from "vitest";
import type { RunOutcome } from "../src/engine.js";
import { statsRows } from "../src/stats-view.js";

const pooled: RunStats = {
  memory: "pooled",
  allocations: {
    requested: { node: 40, variable: 6, temporary: 0, string: 12, other: 2 },
    pooled: { node: 40, variable: 6, temporary: 0, string: 12, other: 0 },
    poolShare: 58 / 60,
  },
  pools: [
    {
      name: "ast",
      acquires: 40,
      releases: 40,
      live: 0,
      highWater: 40,
      capacity: 256,
      pages: 1,
      pageSize: 256,
      reuseRatio: 0,
      occupancy: 0,
      bytesPerSlot: 24,
      bytes: 256 * 24,
    },
  ],
  intern: { distinct: 7, lookups: 20, hits: 13, bytesSaved: 90 },
  stack: { highWater: 9, frames: 3, growths: 0, bytesPerSlot: 16, bytes: 4096 },
  parseMs: 0.5,
  runMs: 0.25,
  outputBytes: 33,
};
const heap: RunStats = {
  ...pooled,
  memory: "heap",
  allocations: {
    requested: pooled.allocations.requested,
    pooled: { node: 0, variable: 0, temporary: 0, string: 0, other: 0 },
    poolShare: 0,
  },
  pools: [],
  intern: null,
  stack: null,
};
const run = (stats: RunStats): RunOutcome => ({ memory: stats.memory, output: "", diagnostics: [], stats });
const value = (rows: ReturnType<typeof statsRows>, label: string) =>
  rows.find((r) => r.label === label)?.values;

describe("the statistics table", () => {
  it("puts the runs side by side, in the order given", () => {
    const rows = statsRows([run(pooled), run(heap)]);
    expect(value(rows, "memory mode")).toEqual(["pooled", "heap"]);
    expect(value(rows, "served by pools")).toEqual(["96.7%", "0.0%"]);
    expect(value(rows, "node")).toEqual(["40 / 40", "0 / 40"]);
    expect(value(rows, "ast")).toEqual([
      "15.6% (40 / 256), 40 acquires, reuse 0.0%, 0 live after the run",
      "—",
    ]);
    expect(value(rows, "distinct / lookups / hits")).toEqual(["7 / 20 / 13", "—"]);
    expect(value(rows, "high-water (slots)")).toEqual(["9", "—"]);
    expect(value(rows, "output")).toEqual(["33 bytes", "33 bytes"]);
    expect(statsRows([run(heap), run(pooled)]).find((r) => r.label === "memory mode")?.values).toEqual([
      "heap",
      "pooled",
    ]);
  });

  it("marks a failed run and has a row for no pools at all", () => {
    const failed: RunOutcome = { memory: "pooled", output: null, diagnostics: [], stats: null };
    const rows = statsRows([failed, run(heap)]);
    expect(value(rows, "served by pools")).toEqual(["— (failed)", "0.0%"]);
    expect(value(rows, "pools")).toEqual(["— (failed)", "none"]);
    expect(rows.filter((r) => r.heading).map((r) => r.label)).toEqual([
      "allocation requests (pooled / requested)",
      "pools (peak occupancy: high-water / capacity)",
      "interned names",
      "value stack",
      "run",
    ]);
  });
});
