/**
 * Small helpers shared by the cells: flattening output inside the timing, and turning
 * observed GC activity into result fields.
 * @module
 */
import type { GcActivity } from "../gc.js";
import type { CellResult } from "./cell-result.js";

/**
 * Forces a string to exist as one flat string. Engines that build output with `+=`
 * return a rope and leave the copying to whoever reads it; XMD joins. Writing the
 * output anywhere pays that copy, so every engine pays it inside the timing.
 */
export function materialize(s: string): string {
  s.charCodeAt(s.length >> 1);
  return s;
}

/** GC result fields for activity observed over `renders` renders. */
export function gcFigures(
  gc: GcActivity,
  renders: number,
): Pick<CellResult, "gc_count" | "gc_pause_ms" | "gc_renders" | "gc_pause_ms_per_render" | "gc_by_kind"> {
  return {
    gc_count: gc.count,
    gc_pause_ms: gc.pauseMs,
    gc_renders: renders,
    gc_pause_ms_per_render: renders > 0 ? gc.pauseMs / renders : null,
    gc_by_kind: gc.byKind,
  };
}
