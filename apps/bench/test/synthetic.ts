/** Synthetic cell results for the tests: every figure set, each overridable. */
import { type CellResult, emptyResult, type WorkloadId } from "../src/macro/cell-result.js";
import { ENGINES, type EngineId } from "../src/macro/engines.js";

/** A fully measured cell; `over` replaces any field. */
export function cell(workload: WorkloadId, engine: EngineId, over: Partial<CellResult> = {}): CellResult {
  const xmd = engine === "xmd-pooled" || engine === "xmd-heap";
  const pooled = engine === "xmd-pooled";
  return {
    ...emptyResult(workload, engine),
    samples: 100,
    ms_median: 1,
    ms_min: 0.9,
    ms_max: 2,
    ms_compile_render_median: 3,
    compile_render_samples: 10,
    mb_per_s: 50,
    output_bytes: 50_000,
    heap_retained_bytes: 1_000_000,
    rss_peak_bytes: 80_000_000,
    gc_count: 4,
    gc_pause_ms: 2,
    gc_renders: 100,
    gc_pause_ms_per_render: 0.02,
    gc_by_kind: { minor: { count: 4, pauseMs: 2 } },
    js_heap_bytes_per_render: 10_000,
    fragmentation: 0.1,
    ...(xmd
      ? {
          pool_share: pooled ? 0.95 : 0,
          pool_bytes_per_render: pooled ? 100_000 : 0,
          pool_byte_share: pooled ? 0.5 : 0,
          byte_path_js_heap_bytes_per_render: 5_000,
          byte_path_output_pool_bytes_per_render: pooled ? 45_000 : 0,
          byte_path_pool_bytes_per_render: pooled ? 145_000 : 0,
          byte_path_pool_byte_share: pooled ? 0.95 : 0,
          pool_occupancy: pooled ? 0.5 : null,
          pool_bytes: pooled ? 2_000_000 : 0,
          pool_live_bytes: pooled ? 1_000_000 : 0,
          fragmentation_combined: 0.1,
          live_slots_after_dispose: 0,
        }
      : {}),
    ...over,
  };
}

/** A complete run where XMD pooled meets every target: W1–W4 on every engine, W5, W6 (in a process and the CLI), leak, W7. */
export function passingRun(): CellResult[] {
  const cells: CellResult[] = [];
  for (const w of ["W1", "W2", "W3", "W4"] as const) {
    for (const e of ENGINES) {
      const ms = e === "xmd-pooled" ? 2 : e === "baseline" ? 1 : 5;
      cells.push(cell(w, e, { ms_median: ms }));
    }
  }
  cells.push(
    cell("W5", "xmd-pooled", { heap_retained_bytes: 3_000_000, fragmentation_combined: 0.05 }),
    cell("W5", "xmd-heap", { heap_retained_bytes: 10_000_000, fragmentation_combined: 0.2 }),
  );
  for (const e of ["xmd-pooled", "xmd-heap"] as const) {
    cells.push({
      ...emptyResult("leak", e),
      live_slots_after_dispose: 0,
      rss_peak_bytes: 70_000_000,
      leak: {
        n: 10_000,
        warmupRenders: 10_000,
        after100: 6_000_000,
        afterN: 6_100_000,
        after2N: 6_100_000,
        codeAfter100: 700_000,
        codeAfterN: 700_000,
        codeAfter2N: 700_000,
      },
    });
  }
  cells.push(
    cell("W2", "xmd-pooled", { ms_median: 2, gc_pause_ms_per_render: 0.01 }),
    cell("W2", "xmd-heap", { gc_pause_ms_per_render: 0.05 }),
  );
  cells.push(
    cell("W6", "xmd-pooled", {
      ms_median: 60,
      mb_per_s: 135,
      heap_used_after_bytes: 40e6,
      pool_byte_share: 0.5,
    }),
    cell("W6", "xmd-heap", { ms_median: 90, mb_per_s: 90, heap_used_after_bytes: 90e6 }),
  );
  for (const e of ["xmd-pooled", "xmd-heap"] as const)
    cells.push({
      ...emptyResult("W6-cli", e),
      samples: 5,
      ms_median: 200,
      ms_min: 190,
      ms_max: 230,
      mb_per_s: 40,
      rss_peak_bytes: 90e6,
      rss_source: "/usr/bin/time",
    });
  for (const e of ENGINES)
    cells.push({ ...emptyResult("W7", e), samples: 9, ms_median: 100, ms_min: 90, ms_max: 120 });
  // The later W2 XMD cells replace the earlier ones.
  return cells.filter(
    (c, i) => !cells.some((d, j) => j > i && d.workload === c.workload && d.engine === c.engine),
  );
}
