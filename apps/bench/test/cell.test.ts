/**
 * Cells run in-process on tiny ("smoke") workloads: every figure is produced and the JSON
 * contract holds; an engine whose output differs is reported and not timed. No test looks
 * at a timing's value.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type CellRequest, type CellResult, runCell } from "../src/macro/cell.js";
import { emptyResult } from "../src/macro/cell-result.js";
import { type CliRun, cliCells, cliResult } from "../src/macro/cli-cell.js";
import type { ColdStartReport } from "../src/macro/cold-start.js";
import { type Engine, type EngineId, makeEngine } from "../src/macro/engines.js";
import { medianRun } from "../src/macro/large-doc-cell.js";
import { coldStartResult, mergeTimings } from "../src/macro/suite.js";
import { macroTables } from "../src/macro/tables.js";
import { type Workload, w6LargeDocument } from "../src/macro/workloads.js";
import { msText } from "../src/report/format.js";
import { REQUIRED_FIELDS, resultsByWorkload, XMD_FIELDS } from "../src/report/results-json.js";
import { seedTargets } from "../src/seed-targets.js";
import { passingRun } from "./synthetic.js";

const emptyW6 = (): CellResult => emptyResult("W6", "xmd-pooled");

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
      await runCell(smoke("W4", "xmd-pooled")),
    ];
    for (const c of cells) expect(c.mismatch, `${c.workload} ${c.engine}`).toBeUndefined();
    const [w1, w2, w4, w5, leak, w4p] = cells as [
      CellResult,
      CellResult,
      CellResult,
      CellResult,
      CellResult,
      CellResult,
    ];
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
    // The byte path (W1–W4): pooled mode adds the output written into pooled chunks to the
    // slots; heap mode's chunks are fresh allocations, so its share stays 0.
    for (const c of [w1, w4p]) {
      expect(c.byte_path_output_pool_bytes_per_render, c.workload).toBeGreaterThan(0);
      expect(c.byte_path_pool_bytes_per_render, c.workload).toBe(
        (c.pool_bytes_per_render as number) + (c.byte_path_output_pool_bytes_per_render as number),
      );
      expect(typeof c.byte_path_js_heap_bytes_per_render, c.workload).toBe("number");
      expect(c.byte_path_pool_byte_share, c.workload).toBeGreaterThan(0);
    }
    expect(w4).toMatchObject({
      byte_path_output_pool_bytes_per_render: 0,
      byte_path_pool_bytes_per_render: 0,
      byte_path_pool_byte_share: 0,
    });
    expect(typeof w4.byte_path_js_heap_bytes_per_render).toBe("number");
    // Paths the byte path does not cover keep null, never 0.
    expect(w5.byte_path_pool_byte_share).toBeNull();
    expect(w2.byte_path_pool_byte_share).toBeUndefined(); // a peer has no byte path
    const json = resultsByWorkload(cells);
    expect(json.W1?.["xmd-pooled"]?.byte_path_pool_byte_share).toBe(w1.byte_path_pool_byte_share);
    expect(json.W5?.["xmd-pooled"]).toHaveProperty("byte_path_pool_byte_share", null);
    expect(json.W2?.mustache).not.toHaveProperty("byte_path_pool_byte_share");
    expect(w5.ast_nodes).toBeGreaterThan(0);
    // A pooled parse asks only for nodes and interned names: every request is pooled.
    expect(w5.pool_share).toBe(1);
    expect(w5.pool_occupancy).toBeGreaterThan(0);
    expect(w5.live_slots_after_dispose).toBe(0);
    expect(leak.leak?.after2N).toBeGreaterThan(0);
    expect(leak.ms_median).toBeNull();
    expectContract(cells);
  });

  it("write W7 and leak rows with null for what they do not measure, never 0", () => {
    const measured: ColdStartReport = {
      rss_peak_bytes: 50e6,
      gc_count: 2,
      gc_pause_ms: 1.5,
      heap_retained_bytes: 2e6,
      live_slots_after_dispose: 0,
    };
    const w7 = coldStartResult("xmd-pooled", [{ ms: 100, report: measured }], measured);
    expect(w7.workload).toBe("W7");
    expect(w7.mb_per_s).toBeNull();
    expect(w7.fragmentation).toBeNull();
    expect(w7.gc_count).toBe(2);
    const unmeasured = coldStartResult("eta", [{ ms: 90, report: null }], null);
    expect(unmeasured.rss_peak_bytes).toBeNull();
    expect(unmeasured.gc_pause_ms).toBeNull();
    expectContract([w7, unmeasured, ...passingRun()]);
    const json = resultsByWorkload(passingRun());
    expect(json.leak?.["xmd-pooled"]?.gc_count).toBeNull();
  });
});

describe("timing rounds (W1–W3)", () => {
  it("a timing-only cell times the renders and measures nothing else", async () => {
    const cell = await runCell({ ...smoke("W3", "xmd-pooled"), timingOnly: true });
    expect(cell.mismatch).toBeUndefined();
    expect(cell.samples).toBeGreaterThan(0);
    expect(typeof cell.ms_median).toBe("number");
    expect(cell.js_heap_bytes_per_render).toBeNull();
    expect(cell.gc_count).toBeNull();
  });

  it("a cell's render time is the median of its rounds' medians", () => {
    const round = (median: number, min: number, max: number, samples: number): CellResult => ({
      ...emptyResult("W2", "xmd-pooled"),
      ms_median: median,
      ms_min: min,
      ms_max: max,
      samples,
      output_bytes: 1_000_000,
    });
    // One slowed round (0.8 ms) does not decide the figure.
    expect(
      mergeTimings([round(0.42, 0.4, 2, 100), round(0.8, 0.7, 3, 50), round(0.44, 0.41, 1, 90)]),
    ).toEqual({
      ms_median: 0.44,
      ms_min: 0.4,
      ms_max: 3,
      samples: 240,
      timing_rounds: [0.42, 0.8, 0.44],
      mb_per_s: 1 / (0.44 / 1000),
    });
    // A round without a time leaves the cell as it was.
    expect(mergeTimings([round(0.42, 0.4, 2, 100), { ...round(0.5, 0.5, 0.5, 0), ms_median: null }])).toEqual(
      {},
    );
  });
});

describe("W6 (a small generated document)", () => {
  it("in a process: renders once and reports MB/s, heap used after and the pool share", async () => {
    const [pooled, heap] = [
      await runCell(smoke("W6", "xmd-pooled")),
      await runCell(smoke("W6", "xmd-heap")),
    ] as [CellResult, CellResult];
    for (const c of [pooled, heap]) {
      expect(c.mismatch, c.engine).toBeUndefined();
      expect(c.samples).toBe(1);
      for (const f of [
        "ms_median",
        "mb_per_s",
        "heap_used_after_bytes",
        "heap_retained_bytes",
        "rss_peak_bytes",
        "gc_count",
        "js_heap_bytes_per_render",
      ] as const)
        expect(typeof c[f], `${c.engine} ${f}`).toBe("number");
      expect(c.output_bytes).toBe(Buffer.byteLength(w6LargeDocument(300).expected()));
      expect(c.live_slots_after_dispose).toBe(0);
    }
    // A share, of pool bytes against what the sampling heap profiler saw: 1 when it saw no
    // JS heap (one sample per 16 KiB; this small document's render can allocate less).
    expect(pooled.pool_byte_share).toBeGreaterThan(0);
    expect(pooled.pool_byte_share).toBeLessThanOrEqual(1);
    expect(pooled.pool_bytes_per_render).toBeGreaterThan(0);
    expect(heap.pool_byte_share).toBe(0); // heap mode pools nothing
    expect(heap.pool_bytes).toBe(0);
    expect(await runCell(smoke("W6", "eta"))).toMatchObject({
      mismatch: "W6 in-process is XMD and the hand-written renderer only",
    });
    expectContract([pooled, heap]);
    expect(resultsByWorkload([pooled]).W6?.["xmd-pooled"]?.heap_used_after_bytes).toBe(
      pooled.heap_used_after_bytes,
    );
  });

  it("in a process: the hand-written renderer is timed as XMD's render is, and keeps nothing", async () => {
    const hand = await runCell(smoke("W6", "baseline"));
    expect(hand.mismatch).toBeUndefined();
    expect(hand).toMatchObject({ workload: "W6", engine: "baseline", samples: 1, gc_renders: 1 });
    for (const f of ["ms_median", "mb_per_s", "heap_used_after_bytes", "rss_peak_bytes", "gc_count"] as const)
      expect(typeof hand[f], f).toBe("number");
    expect(hand.output_bytes).toBe(Buffer.byteLength(w6LargeDocument(300).expected()));
    // Nothing of XMD's: no pools, no retained heap, no live slots.
    expect(hand.heap_retained_bytes).toBeNull();
    expect(hand.js_heap_bytes_per_render).toBeNull();
    expect(hand.pool_byte_share).toBeUndefined();
    expectContract([hand]);
    const table = macroTables([hand], {}, "smoke").find((t) => t.title.startsWith("W6 — large document"));
    expect(table?.rows.map((r) => r[0])).toEqual(["xmd-pooled", "xmd-heap", "hand-written"]);
    expect(table?.rows[2]?.[1]).toBe(msText(hand.ms_median));
  });

  it("in a process: several processes give the median one, with min and max over all", () => {
    const run = (ms: number) => ({
      ...emptyW6(),
      ms_median: ms,
      ms_min: ms,
      ms_max: ms,
      samples: 1,
      mb_per_s: 8 / ms,
    });
    const median = medianRun([run(900), run(700), run(1200)]);
    expect(median).toMatchObject({
      ms_median: 900,
      ms_min: 700,
      ms_max: 1200,
      samples: 3,
      mb_per_s: 8 / 900,
    });
    const voided = medianRun([run(900), { ...run(800), mismatch: "render once differs at offset 3" }]);
    expect(voided.mismatch).toBe("render once differs at offset 3");
  });

  it("the whole CLI: `xmd big.md > out` in both modes, peak RSS from /usr/bin/time or the CLI itself", () => {
    const doc = w6LargeDocument(60);
    const bytes = Buffer.byteLength(doc.expected());
    for (const source of ["/usr/bin/time", "resourceUsage"] as const) {
      if (source === "/usr/bin/time" && !existsSync("/usr/bin/time")) continue;
      const cells = cliCells(doc, 1, { source });
      expect(cells.map((c) => [c.workload, c.engine])).toEqual([
        ["W6-cli", "xmd-pooled"],
        ["W6-cli", "xmd-heap"],
      ]);
      for (const c of cells) {
        expect(c.mismatch, `${source} ${c.engine}`).toBeUndefined();
        expect(c.samples).toBe(1);
        expect(typeof c.ms_median).toBe("number");
        expect(typeof c.mb_per_s).toBe("number");
        // A node process with the runtime loaded: more than 10 MB, less than 2 GB.
        expect(c.rss_peak_bytes).toBeGreaterThan(10e6);
        expect(c.rss_peak_bytes).toBeLessThan(2e9);
        expect(c.output_bytes).toBe(bytes);
        expect(c.rss_source).toBe(source);
      }
      // The fixed cost: the pooled CLI on a one-line document, as many runs.
      expect(typeof cells[0]?.fixed_ms_median).toBe("number");
      expect(cells[1]?.fixed_ms_median).toBeUndefined();
      expectContract(cells);
    }
  });

  it("the whole CLI: a run that fails or writes the wrong output voids the mode", () => {
    const ok: CliRun = { ms: 700, rssBytes: 237e6, outputBytes: 7_088_895, problem: null };
    const good = cliResult(
      "xmd-pooled",
      8_088_955,
      [ok, { ...ok, ms: 650, rssBytes: 240e6 }],
      "/usr/bin/time",
    );
    expect(good).toMatchObject({ samples: 2, ms_min: 650, ms_max: 700, rss_peak_bytes: 240e6 });
    // The one-line runs give the fixed cost, and void the mode when one of them fails.
    const small: CliRun = { ms: 240, rssBytes: 60e6, outputBytes: 22, problem: null };
    const withFixed = cliResult("xmd-pooled", 8_088_955, [ok], "/usr/bin/time", [
      small,
      { ...small, ms: 250 },
      small,
    ]);
    expect(withFixed.fixed_ms_median).toBe(240);
    expect(
      cliResult("xmd-pooled", 8_088_955, [ok], "/usr/bin/time", [
        { ...small, problem: "output differs at offset 0" },
      ]).mismatch,
    ).toBe("output differs at offset 0");
    const bad = cliResult(
      "xmd-heap",
      8_088_955,
      [ok, { ...ok, problem: "exit status 1: boom" }],
      "resourceUsage",
    );
    expect(bad.mismatch).toBe("exit status 1: boom");
    expect(bad.ms_median).toBeNull();
    const table = macroTables([good, bad], {}, "full").find((t) => t.title.includes("xmd big.md > out"));
    expect(table?.rows.map((r) => r[0])).toEqual(["pooled (default)", "--memory heap"]);
    expect(String(table?.rows[1]?.[1])).toBe("output mismatch, not timed: exit status 1: boom");
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
