import { describe, expect, it } from "vitest";
import type { CellResult } from "../src/macro/cell-result.js";
import { type AllocationSpeed, allocationSpeedFrom, seedTargets, type Target } from "../src/seed-targets.js";
import { cell, passingRun } from "./synthetic.js";

const FAST_POOLS: AllocationSpeed = { longLivedReset: 2.5, longLivedReleaseEach: 2.1, shortLived: 0.3 };

function target(targets: Target[], name: string): Target {
  const t = targets.find((x) => x.name === name);
  if (!t) throw new Error(`no target ${name}`);
  return t;
}

/** The run with the cell (workload, engine) replaced. */
function replace(cells: CellResult[], next: CellResult): CellResult[] {
  return cells.map((c) => (c.workload === next.workload && c.engine === next.engine ? next : c));
}

describe("seed targets", () => {
  it("are all met (or reference-only) on a run that meets them", () => {
    const targets = seedTargets(passingRun(), FAST_POOLS);
    for (const t of targets) {
      if (t.name === "pool share (runtime's counted requests)") expect(t.met).toBeNull();
      else expect({ name: t.name, met: t.met }).toEqual({ name: t.name, met: true });
    }
  });

  it("judge the pool share on bytes, not on the runtime's request counts", () => {
    const run = replace(
      passingRun(),
      cell("W3", "xmd-pooled", { ms_median: 2, pool_byte_share: 0.4, pool_share: 1 }),
    );
    const share = target(seedTargets(run, FAST_POOLS), "pool share (bytes)");
    expect(share.met).toBe(false);
    expect(share.measured).toContain("40.0% (lowest, W3)");
  });

  it("miss each pooled-vs-heap target on the boundary's wrong side", () => {
    const base = passingRun();
    const cases: [CellResult, string][] = [
      [
        cell("W5", "xmd-pooled", { heap_retained_bytes: 4_000_001, fragmentation_combined: 0.05 }),
        "W5 retained heap",
      ],
      [cell("W2", "xmd-pooled", { ms_median: 2, gc_pause_ms_per_render: 0.026 }), "W2 GC pause"],
      [
        cell("W5", "xmd-pooled", { heap_retained_bytes: 3_000_000, fragmentation_combined: 0.11 }),
        "fragmentation",
      ],
      [cell("W1", "xmd-heap", { live_slots_after_dispose: 3 }), "live slots after dispose"],
    ];
    for (const [changed, name] of cases) {
      expect({ name, met: target(seedTargets(replace(base, changed), FAST_POOLS), name).met }).toEqual({
        name,
        met: false,
      });
    }
    // Exactly on the boundary is met: 40% of heap mode, half the pause, half the fragmentation.
    const edge = replace(
      replace(
        base,
        cell("W5", "xmd-pooled", { heap_retained_bytes: 4_000_000, fragmentation_combined: 0.1 }),
      ),
      cell("W2", "xmd-pooled", { ms_median: 2, gc_pause_ms_per_render: 0.025 }),
    );
    const targets = seedTargets(edge, FAST_POOLS);
    expect(target(targets, "W5 retained heap").met).toBe(true);
    expect(target(targets, "W2 GC pause").met).toBe(true);
    expect(target(targets, "fragmentation").met).toBe(true);
  });

  it("judge heap growth from 100 to N renders (5%), and show N to 2N", () => {
    const run = passingRun().map((c) =>
      c.workload === "leak" && c.engine === "xmd-pooled" && c.leak
        ? { ...c, leak: { ...c.leak, afterN: 6_400_000, after2N: 6_400_000 } }
        : c,
    );
    const t = target(seedTargets(run, FAST_POOLS), "no heap growth");
    expect(t.met).toBe(false);
    expect(t.measured).toContain("6.7%");
  });

  it("judge peers by render time: W4 against every peer, W1–W3 against liquidjs, nunjucks and 3× hand-written", () => {
    let run = replace(passingRun(), cell("W4", "mustache", { ms_median: 1.5 }));
    run = replace(run, cell("W1", "nunjucks", { ms_median: 1.9 }));
    run = replace(run, cell("W2", "baseline", { ms_median: 0.5 }));
    const targets = seedTargets(run, FAST_POOLS);
    expect(target(targets, "W4 vs every peer")).toMatchObject({ met: false });
    expect(target(targets, "W4 vs every peer").measured).toContain("mustache");
    expect(target(targets, "W1 vs liquidjs and nunjucks").met).toBe(false);
    expect(target(targets, "W2 vs hand-written").met).toBe(false); // 2 ms vs 0.5 ms = 4×
    expect(target(targets, "W3 vs hand-written").met).toBe(true);
  });

  it("are not evaluated (n/a) when a cell is missing or its output did not match", () => {
    const run = replace(passingRun(), { ...cell("W4", "eta"), mismatch: "differs at offset 3" });
    const targets = seedTargets(run, null);
    expect(target(targets, "W4 vs every peer").met).toBeNull();
    expect(target(targets, "allocation speed").met).toBeNull();
    const noW5 = seedTargets(
      passingRun().filter((c) => c.workload !== "W5"),
      FAST_POOLS,
    );
    expect(target(noW5, "W5 retained heap").met).toBeNull();
  });

  it("judge allocation speed on long-lived records freed with reset(), at least 2× faster than new", () => {
    const speed = allocationSpeedFrom({
      longLived: [
        { name: "new object", nsPerOp: 60 },
        { name: "StructPool, release mode, release each", nsPerOp: 32 },
        { name: "StructPool, release mode, reset()", nsPerOp: 31 },
      ],
      shortLived: [
        { name: "new object", nsPerOp: 7 },
        { name: "StructPool, release mode", nsPerOp: 21 },
      ],
    });
    expect(speed?.longLivedReset).toBeCloseTo(60 / 31);
    expect(speed?.shortLived).toBeCloseTo(1 / 3);
    const t = target(seedTargets(passingRun(), speed), "allocation speed");
    expect(t.met).toBe(false);
    expect(t.measured).toContain("short-lived: 0.33×");
    expect(allocationSpeedFrom(null)).toBeNull();
  });
});
