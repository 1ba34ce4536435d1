/**
 * Counting garbage collections and their pauses around a piece of work, via
 * `PerformanceObserver` 'gc' entries.
 * @module
 */
import { type PerformanceEntry, PerformanceObserver } from "node:perf_hooks";

/** GC activity observed during one measurement. */
export interface GcActivity {
  count: number;
  pauseMs: number;
  /** Pause split by kind (minor = scavenge, major = mark-sweep-compact, …). */
  byKind: Record<string, { count: number; pauseMs: number }>;
}

const GC_KIND: Record<number, string> = { 1: "minor", 2: "major", 4: "incremental", 8: "weakcb" };

/**
 * Runs `work` (sync or async) and reports the GCs that happened while it ran.
 * Entries are delivered asynchronously, so this waits a tick after `work` finishes.
 */
export async function withGcObserved<T>(work: () => T | Promise<T>): Promise<{ result: T; gc: GcActivity }> {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => {
    entries.push(...list.getEntries());
  });
  observer.observe({ entryTypes: ["gc"] });
  try {
    const result = await work();
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { result, gc: summarize(entries) };
  } finally {
    observer.disconnect();
  }
}

function summarize(entries: readonly PerformanceEntry[]): GcActivity {
  const byKind: GcActivity["byKind"] = {};
  let pauseMs = 0;
  for (const entry of entries) {
    const detail = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail;
    const kind = GC_KIND[detail?.kind ?? 0] ?? "other";
    const bucket = byKind[kind] ?? { count: 0, pauseMs: 0 };
    bucket.count += 1;
    bucket.pauseMs += entry.duration;
    byKind[kind] = bucket;
    pauseMs += entry.duration;
  }
  return { count: entries.length, pauseMs, byKind };
}

/** Forces a full GC when node runs with `--expose-gc`; returns whether it could. */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== "function") return false;
  gc();
  gc();
  return true;
}
