import { constants, type PerformanceEntry, PerformanceObserver } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it, vi } from "vitest";
import { GcWindows, startedInWindows, summarize } from "../src/gc.js";

const entry = (kind: number, startTime: number, duration: number) =>
  ({ name: "gc", entryType: "gc", startTime, duration, detail: { kind } }) as unknown as PerformanceEntry;

describe("GC observation", () => {
  it("names kinds by Node's perf_hooks constants (MAJOR is 4, not 2)", () => {
    const gc = summarize([
      entry(constants.NODE_PERFORMANCE_GC_MINOR, 1, 0.5),
      entry(constants.NODE_PERFORMANCE_GC_MINOR, 2, 0.5),
      entry(constants.NODE_PERFORMANCE_GC_MAJOR, 3, 4),
      entry(constants.NODE_PERFORMANCE_GC_INCREMENTAL, 4, 1),
      entry(constants.NODE_PERFORMANCE_GC_WEAKCB, 5, 0.25),
    ]);
    expect(constants.NODE_PERFORMANCE_GC_MAJOR).toBe(4);
    expect(gc.count).toBe(5);
    expect(gc.pauseMs).toBeCloseTo(6.25);
    expect(gc.byKind).toEqual({
      minor: { count: 2, pauseMs: 1 },
      major: { count: 1, pauseMs: 4 },
      incremental: { count: 1, pauseMs: 1 },
      weakcb: { count: 1, pauseMs: 0.25 },
    });
  });

  it("counts only collections that start inside a work window", () => {
    const entries = [entry(1, 5, 1), entry(1, 10, 1), entry(4, 12, 30), entry(1, 25, 1), entry(4, 40, 9)];
    // Windows [10, 20] and [24, 30]: the idle-time major at 40 and the GC before (5) are not the work's.
    expect(
      startedInWindows(entries, [
        [10, 20],
        [24, 30],
      ]).map((e) => e.startTime),
    ).toEqual([10, 12, 25]);
  });

  it("returns the work's result, bills the collections inside the window to it, and disconnects", async () => {
    // Node's gc(), without --expose-gc: a full (major) collection on demand.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const disconnect = vi.spyOn(PerformanceObserver.prototype, "disconnect");
    try {
      const windows = new GcWindows();
      expect(
        windows.measure(() => {
          gc();
          return 42;
        }),
      ).toBe(42);
      gc(); // outside every window: not the work's
      const activity = await windows.finish();
      expect(activity.byKind.major?.count).toBe(1);
      expect(disconnect).toHaveBeenCalledTimes(1);
    } finally {
      disconnect.mockRestore();
    }
  });
});
