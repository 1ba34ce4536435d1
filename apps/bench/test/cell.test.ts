/**
 * Cells run in-process on tiny ("smoke") workloads: every figure is produced and the JSON
 * contract holds; an engine whose output differs is reported and not timed. No test looks
 * at a timing's value.
 */
import { describe, expect, it } from "vitest";
import { type CellRequest, type CellResult, runCell } from "../src/macro/cell.js";
import type { ColdStartReport } from "../src/macro/cold-start.js";
import { type Engine, type EngineId, makeEngine } from "../src/macro/engines.js";
import { coldStartResult } from "../src/macro/suite.js";
import { macroTables } from "../src/macro/tables.js";
import type { Workload } from "../src/macro/workloads.js";
import { REQUIRED_FIELDS, resultsByWorkload, XMD_FIELDS } from "../src/report/results-json.js";
import { seedTargets } from "../src/seed-targets.js";
import { passingRun } from "./synthetic.js";

const smoke = (workload: CellRequest["workload"], engine: EngineId): CellRequest => ({
  workload,
  engine,
  mode: "smoke",
});

/** Every row has the contract's fields, each a finite number or null; XMD rows have theirs too. */
function expectContract(cells: readonly CellResult[]): void {
  const json = resultsByWorkload(cells);
  for (const c of cells) {
    const row = json[c.workload]?.[c.engine];
    expect(row, `${c.workload} ${c.engine}`).toBeDefined();
    const fields = [...REQUIRED_FIELDS, ...(c.engine.startsWith("xmd") ? XMD_FIELDS : [])];
    for (const f of fields) {
      const v = row?.[f];
      expect(f in (row ?? {}), `${c.workload} ${c.engine} has ${f}`).toBe(true);
      expect(
        v === null || (typeof v === "number" && Number.isFinite(v)),
        `${c.workload} ${c.engine} ${f}: ${v}`,
      ).toBe(true);
    }
  }
}

describe("cells (smoke runs)", () => {
  it("measure every figure on the render, many-docs, parse and leak paths", async () => {
    const cells = [
      await runCell(smoke("W1", "xmd-pooled")),
      await runCell(smoke("W2", "mustache")),
      await runCell(smoke("W4", "xmd-heap")),
      await runCell(smoke("W5", "xmd-pooled")),
      await runCell(smoke("leak", "xmd-pooled")),
    ];
    for (const c of cells) expect(c.mismatch, `${c.workload} ${c.engine}`).toBeUndefined();
    const [w1, w2, w4, w5, leak] = cells as [CellResult, CellResult, CellResult, CellResult, CellResult];
    for (const c of [w1, w2, w4, w5]) {
      expect(c.samples).toBeGreaterThan(0);
      for (const f of ["ms_median", "gc_count", "js_heap_bytes_per_render", "rss_peak_bytes"] as const)
        expect(typeof c[f], `${c.workload} ${f}`).toBe("number");
    }
    // XMD figures the old harness got wrong or left out.
    expect(w1.pool_byte_share).toBeGreaterThan(0);
    expect(w1.pool_byte_share).toBeLessThan(1);
    expect(w1.live_slots_after_dispose).toBe(0);
    expect(w1.compiled_tree_growth).toBe(0);
    expect(typeof w1.fragmentation_combined).toBe("number");
    expect(w4.pool_byte_share).toBe(0); // heap mode pools nothing
    expect(w5.ast_nodes).toBeGreaterThan(0);
    // A pooled parse asks only for nodes and interned names: every request is pooled.
    expect(w5.pool_share).toBe(1);
    expect(w5.pool_occupancy).toBeGreaterThan(0);
    expect(w5.live_slots_after_dispose).toBe(0);
    expect(leak.leak?.after2N).toBeGreaterThan(0);
    expect(leak.ms_median).toBeNull();
    expectContract(cells);
  });

  it("write W6 and leak rows with null for what they do not measure, never 0", () => {
    const measured: ColdStartReport = {
      rss_peak_bytes: 50e6,
      gc_count: 2,
      gc_pause_ms: 1.5,
      heap_retained_bytes: 2e6,
      live_slots_after_dispose: 0,
    };
    const w6 = coldStartResult("xmd-pooled", [{ ms: 100, report: measured }], measured);
    expect(w6.mb_per_s).toBeNull();
    expect(w6.fragmentation).toBeNull();
    expect(w6.gc_count).toBe(2);
    const unmeasured = coldStartResult("eta", [{ ms: 90, report: null }], null);
    expect(unmeasured.rss_peak_bytes).toBeNull();
    expect(unmeasured.gc_pause_ms).toBeNull();
    expectContract([w6, unmeasured, ...passingRun()]);
    const json = resultsByWorkload(passingRun());
    expect(json.leak?.["xmd-pooled"]?.gc_count).toBeNull();
  });
});

describe("an engine whose output differs", () => {
  /** A real engine whose compiled renders get one character wrong, counting renders. */
  async function wrongEngine(id: EngineId, counter: { renders: number }): Promise<Engine> {
    const real = await makeEngine(id);
    return {
      ...real,
      compile: (w) => {
        const c = real.compile(w);
        return {
          ...c,
          render: () => {
            counter.renders++;
            return `${c.render()}!`;
          },
        };
      },
    };
  }

  it("is reported and not timed", async () => {
    const counter = { renders: 0 };
    const result = await runCell(smoke("W1", "eta"), (id) => wrongEngine(id, counter));
    expect(result.mismatch).toMatch(/^compiled render differs at offset \d+/);
    expect(counter.renders).toBe(1); // the check's render only
    expect(result.samples).toBe(0);
    expect(result.ms_median).toBeNull();
    expect(result.gc_count).toBeNull();

    const cells = [...passingRun().filter((c) => !(c.workload === "W1" && c.engine === "eta")), result];
    const w1 = macroTables(cells, {}, "smoke")[0];
    const etaRow = w1?.rows.find((r) => r[0] === "eta");
    expect(String(etaRow?.[1])).toMatch(/^output mismatch, not timed: compiled render differs/);
    // A mismatched peer is not compared with: XMD vs it is not evaluated rather than met.
    expect(resultsByWorkload(cells).W1?.eta?.mismatch).toBe(result.mismatch);
    expect(seedTargets(cells, null).find((t) => t.name === "W1 vs hand-written")?.met).toBe(true);
  });

  it("voids a W4 cell when a timed pass differs", async () => {
    const real = await makeEngine("mustache");
    // Smoke passes have 5 documents: 0–4 are the first pass, 5–9 the check, 10 on are timed.
    const timedDoc = (w: Workload) => Number((w.data.name as string).slice(4)) >= 10;
    const engine: Engine = { ...real, once: (w) => `${real.once(w)}${timedDoc(w) ? "?" : ""}` };
    const result = await runCell(smoke("W4", "mustache"), async () => engine);
    expect(result.mismatch).toMatch(/^document \d+ of a timed pass: differs/);
    expect(result.ms_median).toBeNull();
  });
});
