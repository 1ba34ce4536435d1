/**
 * Counting garbage collections and their pauses around a piece of work, via
 * `PerformanceObserver` 'gc' entries.
 *
 * Only collections that *start* inside a work window count. Node delivers 'gc' entries
 * on a later task, so the observer has to stay connected for a moment after the work;
 * a collection V8 runs in that idle moment (idle-time major GCs are common) must not be
 * billed to the work, hence the filter on `startTime`.
 * @module
 */
import { constants, type PerformanceEntry, PerformanceObserver } from "node:perf_hooks";

/** GCs of one kind: how many and their summed pause. */
export interface GcBucket {
  count: number;
  pauseMs: number;
}

/** GC activity observed during one measurement. */
export interface GcActivity {
  count: number;
  pauseMs: number;
  /** Split by kind: minor (scavenge), major (mark-compact), incremental (marking steps), weakcb. */
  byKind: Record<string, GcBucket>;
}

/**
 * Node's names for the `detail.kind` of a 'gc' entry, from `perf_hooks.constants` rather
 * than literals: the bit values are Node's (MINOR 1, MAJOR 4, INCREMENTAL 8, WEAKCB 16), not V8's.
 */
const GC_KIND = new Map<number, string>([
  [constants.NODE_PERFORMANCE_GC_MINOR, "minor"],
  [constants.NODE_PERFORMANCE_GC_MAJOR, "major"],
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL, "incremental"],
  [constants.NODE_PERFORMANCE_GC_WEAKCB, "weakcb"],
]);

/** How long to wait for Node to deliver the entries of collections that already happened. */
const DELIVERY_WAIT_MS = 20;

/**
 * Collects 'gc' entries while connected and keeps those that start inside one of the
 * windows recorded with {@link GcWindows.measure}. Use it when the timed work is split in
 * pieces with untimed preparation between them.
 */
export class GcWindows {
  private readonly entries: PerformanceEntry[] = [];
  private readonly windows: [number, number][] = [];
  private readonly observer: PerformanceObserver;

  constructor() {
    this.observer = new PerformanceObserver((list) => {
      this.entries.push(...list.getEntries());
    });
    this.observer.observe({ entryTypes: ["gc"] });
  }

  /** Runs `work` and records its time span as a window whose collections count. */
  measure<T>(work: () => T): T {
    const start = performance.now();
    try {
      return work();
    } finally {
      this.windows.push([start, performance.now()]);
    }
  }

  /** {@link GcWindows.measure} for asynchronous work. */
  async measureAsync<T>(work: () => T | Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.windows.push([start, performance.now()]);
    }
  }

  /** Waits for pending entries, disconnects, and sums the collections that began in a window. */
  async finish(): Promise<GcActivity> {
    await new Promise((resolve) => setTimeout(resolve, DELIVERY_WAIT_MS));
    this.observer.disconnect();
    return summarize(startedInWindows(this.entries, this.windows));
  }
}

/**
 * Runs `work` (sync or async) and reports the GCs that started while it ran.
 */
export async function withGcObserved<T>(work: () => T | Promise<T>): Promise<{ result: T; gc: GcActivity }> {
  const windows = new GcWindows();
  let result: T;
  try {
    result = await windows.measureAsync(work);
  } catch (e) {
    await windows.finish(); // disconnects the observer
    throw e;
  }
  return { result, gc: await windows.finish() };
}

/** The entries whose start lies inside one of the windows (`[start, end]`, performance.now() ms). */
export function startedInWindows<E extends { startTime: number }>(
  entries: readonly E[],
  windows: readonly (readonly [number, number])[],
): E[] {
  return entries.filter((e) => windows.some(([start, end]) => e.startTime >= start && e.startTime <= end));
}

/** Sums entries per kind. Exported for tests. */
export function summarize(entries: readonly PerformanceEntry[]): GcActivity {
  const byKind: GcActivity["byKind"] = {};
  let pauseMs = 0;
  for (const entry of entries) {
    const detail = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail;
    const kind = GC_KIND.get(detail?.kind ?? 0) ?? "other";
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
