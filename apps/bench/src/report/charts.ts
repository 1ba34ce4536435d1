/**
 * The report's ratio charts, from cell results: every engine ÷ the hand-written baseline,
 * XMD pooled ÷ each peer, and XMD pooled ÷ heap on several figures.
 * @module
 */
import type { CellResult } from "../macro/cell-result.js";
import { type EngineId, PEERS } from "../macro/engines.js";
import type { ChartSpec } from "./html.js";

const RENDER_WORKLOADS = ["W1", "W2", "W3", "W4"];

/** A cell usable for a ratio: present, output checked, figure measured and positive. */
function figure(
  cells: readonly CellResult[],
  w: string,
  e: EngineId,
  field: keyof CellResult,
): number | null {
  const c = cells.find((x) => x.workload === w && x.engine === e);
  const v = c && !c.mismatch ? c[field] : null;
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : null;
}

function vsBaseline(cells: readonly CellResult[]): ChartSpec {
  const chart: ChartSpec = {
    title: "Render time ÷ hand-written baseline (log scale; lower is better)",
    unit: "× baseline",
    values: [],
  };
  for (const w of RENDER_WORKLOADS) {
    const base = figure(cells, w, "baseline", "ms_median");
    for (const e of ["xmd-pooled", "xmd-heap", ...PEERS] as EngineId[]) {
      const t = figure(cells, w, e, "ms_median");
      if (base !== null && t !== null) chart.values.push({ group: w, engine: e, value: t / base });
    }
  }
  return chart;
}

function xmdVsPeers(cells: readonly CellResult[]): ChartSpec {
  const chart: ChartSpec = {
    title: "XMD pooled render time ÷ peer (log scale; below 1: XMD faster)",
    unit: "XMD ÷ peer",
    values: [],
  };
  for (const w of RENDER_WORKLOADS) {
    const x = figure(cells, w, "xmd-pooled", "ms_median");
    for (const p of PEERS) {
      const t = figure(cells, w, p, "ms_median");
      if (x !== null && t !== null) chart.values.push({ group: w, engine: p, value: x / t });
    }
  }
  return chart;
}

const POOLED_VS_HEAP: [keyof CellResult, string][] = [
  ["ms_median", "time"],
  ["js_heap_bytes_per_render", "JS heap per render"],
  ["gc_pause_ms_per_render", "GC pause per render"],
  ["heap_retained_bytes", "heap retained"],
  ["fragmentation_combined", "fragmentation"],
];

function pooledVsHeap(cells: readonly CellResult[]): ChartSpec {
  const chart: ChartSpec = {
    title: "XMD pooled ÷ heap mode (log scale; below 1: pooled better; fragmentation: old space + pools)",
    unit: "pooled ÷ heap",
    values: [],
  };
  for (const w of [...RENDER_WORKLOADS, "W5", "W6"]) {
    for (const [field, label] of POOLED_VS_HEAP) {
      const p = figure(cells, w, "xmd-pooled", field);
      const h = figure(cells, w, "xmd-heap", field);
      if (p !== null && h !== null) chart.values.push({ group: w, engine: label, value: p / h });
    }
  }
  return chart;
}

/** The charts of the report, in order. */
export function charts(cells: readonly CellResult[]): ChartSpec[] {
  return [vsBaseline(cells), xmdVsPeers(cells), pooledVsHeap(cells)];
}
