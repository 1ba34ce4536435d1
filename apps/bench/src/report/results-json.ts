/**
 * The `workloads` part of bench-results.json: per workload and engine, every figure as a
 * number or `null` (not measured) — never a stand-in 0.
 * @module
 */
import { type CellResult, isXmd } from "../macro/cell-result.js";

/** Fields every row has (issue 8's contract). */
export const REQUIRED_FIELDS = [
  "ms_median",
  "ms_min",
  "ms_max",
  "mb_per_s",
  "heap_retained_bytes",
  "rss_peak_bytes",
  "gc_count",
  "gc_pause_ms",
] as const;

/** Fields every XMD row has as well. */
export const XMD_FIELDS = ["pool_share", "fragmentation", "live_slots_after_dispose"] as const;

/** Further figures written when present (null when not measured). */
const EXTRA_FIELDS = [
  "samples",
  "ms_compile_render_median",
  "compile_render_samples",
  "ms_first_pass",
  "output_bytes",
  "gc_renders",
  "gc_pause_ms_per_render",
  "js_heap_bytes_per_render",
  "heap_used_after_bytes",
] as const;

const XMD_EXTRA_FIELDS = [
  "pool_bytes_per_render",
  "pool_byte_share",
  "byte_path_js_heap_bytes_per_render",
  "byte_path_output_pool_bytes_per_render",
  "byte_path_pool_bytes_per_render",
  "byte_path_pool_byte_share",
  "pool_occupancy",
  "pool_bytes",
  "pool_live_bytes",
  "fragmentation_combined",
  "compiled_tree_growth",
  "ast_nodes",
] as const;

/** One row of the JSON. */
export type ResultRow = Record<string, unknown>;

function figure(c: CellResult, field: keyof CellResult): number | null {
  const v = c[field];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** Rows by workload, then engine. */
export function resultsByWorkload(cells: readonly CellResult[]): Record<string, Record<string, ResultRow>> {
  const out: Record<string, Record<string, ResultRow>> = {};
  for (const c of cells) {
    const byEngine = out[c.workload] ?? {};
    out[c.workload] = byEngine;
    const row: ResultRow = {};
    for (const f of [...REQUIRED_FIELDS, ...EXTRA_FIELDS]) row[f] = figure(c, f);
    if (isXmd(c.engine)) {
      for (const f of [...XMD_FIELDS, ...XMD_EXTRA_FIELDS]) row[f] = figure(c, f);
    } else {
      row.fragmentation = figure(c, "fragmentation");
    }
    row.gc_by_kind = c.gc_by_kind ?? null;
    if (c.rss_source) row.rss_source = c.rss_source;
    if (c.mismatch) row.mismatch = c.mismatch;
    if (c.leak) row.leak = c.leak;
    byEngine[c.engine] = row;
  }
  return out;
}
