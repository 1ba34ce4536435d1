/**
 * The run's budget (src/values/budget.ts): list and string sizes checked before they are
 * built, the heap rule with its garbage check, and the clock inside long builtins.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_LIMITS, type Limits } from "../src/api/options.js";
import { toJsonText, toText } from "../src/host/text.js";
import {
  Budget,
  budget,
  enterBudget,
  HEAP_CHECK_BYTES,
  leaveBudget,
  STEPS_PER_CHECK,
} from "../src/values/budget.js";
import { RuntimeFault } from "../src/values/fault.js";

const MiB = 1024 * 1024;

function limits(over: Partial<Limits>): Limits {
  return { ...DEFAULT_LIMITS, ...over };
}

/** The fault `f` throws (a test fails when it throws none). */
function faultOf(f: () => unknown): RuntimeFault {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RuntimeFault);
    return e as RuntimeFault;
  }
  throw new Error("expected a RuntimeFault, but nothing was thrown");
}

/** A heap whose readings the test sets, and a collection that frees what it says. */
function fakeHeap(start: number, heapSizeLimit = 4096 * MiB) {
  const heap = {
    used: start,
    /** What a forced collection frees. */
    garbage: 0,
    reads: 0,
    collections: 0,
    read: () => {
      heap.reads++;
      return { used_heap_size: heap.used, heap_size_limit: heapSizeLimit };
    },
    collect: () => {
      heap.collections++;
      heap.used -= heap.garbage;
      heap.garbage = 0;
      return true;
    },
  };
  return heap;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("list and string sizes", () => {
  const b = new Budget(limits({ maxListItems: 100, maxStringLength: 50 }), Number.POSITIVE_INFINITY);

  it("allow up to the limit and stop one past it, naming the limit and how to raise it", () => {
    b.list(100, "range");
    b.string(50, "join");
    const list = faultOf(() => b.list(101, "range"));
    expect([list.code, list.message, list.hint]).toEqual([
      "limit",
      "range would make a list of 101 items, more than 100 (limit maxListItems)",
      "raise it with --max-list-items (limits.maxListItems in the API)",
    ]);
    const text = faultOf(() => b.string(51, "join"));
    expect([text.code, text.message, text.hint]).toEqual([
      "limit",
      "join would make a string of 51 characters, more than 50 (limit maxStringLength)",
      "raise it with --max-string-length (limits.maxStringLength in the API)",
    ]);
    expect(faultOf(() => b.list(Number.POSITIVE_INFINITY, "range")).message).toBe(
      "range would make a list of more than 100 items (limit maxListItems)",
    );
    expect(faultOf(() => b.list(Number.NaN, "range")).code).toBe("limit");
  });

  it("stop an index at or past the limit", () => {
    b.index(99);
    expect(faultOf(() => b.index(100)).message).toBe(
      "list index 100 is too large: a list holds at most 100 items (limit maxListItems)",
    );
  });

  it("append pieces while the whole stays within the limit", () => {
    let s = "";
    for (let i = 0; i < 5; i++) s = b.append(s, "0123456789", "join");
    expect(s.length).toBe(50);
    expect(faultOf(() => b.append(s, "x", "join")).message).toBe(
      "join would make a string of 51 characters, more than 50 (limit maxStringLength)",
    );
  });
});

describe("the heap rule", () => {
  it("reads the heap once per HEAP_CHECK_BYTES of values reported, not per value", () => {
    const heap = fakeHeap(100 * MiB);
    const b = new Budget(limits({}), Number.POSITIVE_INFINITY, heap.read, heap.collect);
    expect(heap.reads).toBe(1); // the reading at the start
    const items = HEAP_CHECK_BYTES / 8 / 4; // a quarter of the bytes per list
    for (let i = 0; i < 3; i++) b.list(items, "range");
    expect(heap.reads).toBe(1);
    b.list(items, "range");
    expect(heap.reads).toBe(2);
  });

  it("stops a run whose heap grew by more than maxMemoryMb, and only once a collection confirms it", () => {
    const heap = fakeHeap(500 * MiB);
    const b = new Budget(limits({ maxMemoryMb: 100 }), Number.POSITIVE_INFINITY, heap.read, heap.collect);
    // 150 MB more, of which 80 MB is garbage: 70 MB live, within the budget.
    heap.used += 150 * MiB;
    heap.garbage = 80 * MiB;
    b.checkHeap(0);
    expect(heap.collections).toBe(1);
    // Below the budget, nothing is collected.
    b.checkHeap(0);
    expect(heap.collections).toBe(1);
    // 110 MB live: over, and the collection finds nothing to free.
    heap.used += 40 * MiB;
    const f = faultOf(() => b.checkHeap(0));
    expect(heap.collections).toBe(2);
    expect([f.code, f.message, f.hint]).toEqual([
      "limit",
      "memory limit reached: the document needs more than 100 MB of JavaScript heap (limit maxMemoryMb)",
      "look for a list or string kept growing in a loop, or raise it with --max-memory (limits.maxMemoryMb in the API)",
    ]);
  });

  it("counts what is about to be allocated", () => {
    const heap = fakeHeap(0);
    const b = new Budget(limits({ maxMemoryMb: 100 }), Number.POSITIVE_INFINITY, heap.read, heap.collect);
    heap.used = 90 * MiB;
    b.checkHeap(9 * MiB);
    expect(faultOf(() => b.checkHeap(11 * MiB)).code).toBe("limit");
  });

  it("stops at 85% of V8's own heap limit whatever the run's share, before V8 would abort", () => {
    const heap = fakeHeap(700 * MiB, 1000 * MiB);
    const b = new Budget(limits({ maxMemoryMb: 2048 }), Number.POSITIVE_INFINITY, heap.read, heap.collect);
    heap.used = 840 * MiB;
    b.checkHeap(0);
    heap.used = 860 * MiB;
    const f = faultOf(() => b.checkHeap(0));
    expect(f.message).toBe(
      "memory limit reached: the JavaScript heap would hold 860 MB, too close to the 1000 MB this thread may use (limit maxMemoryMb is 2048 MB)",
    );
  });

  it("stops when no collection can be forced and the reading is over", () => {
    const heap = fakeHeap(0);
    const b = new Budget(limits({ maxMemoryMb: 1 }), Number.POSITIVE_INFINITY, heap.read, () => false);
    heap.used = 2 * MiB;
    expect(faultOf(() => b.checkHeap(0)).code).toBe("limit");
  });

  it("forces a real collection in this process (the gc Node keeps behind --expose-gc)", () => {
    // 64 MB of garbage over a budget of 32 MB: the real heap rule must collect it and go on.
    const b = new Budget(limits({ maxMemoryMb: 32 }), Number.POSITIVE_INFINITY);
    let junk: number[][] | null = [];
    for (let i = 0; i < 64; i++) junk.push(new Array<number>(128 * 1024).fill(i));
    junk = null;
    b.checkHeap(0);
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe("undefined");
  });
});

describe("long builtins", () => {
  it("check the clock every STEPS_PER_CHECK steps", () => {
    const now = vi.spyOn(Date, "now");
    const b = new Budget(limits({}), Number.POSITIVE_INFINITY);
    for (let i = 0; i < STEPS_PER_CHECK * 3; i++) b.step();
    expect(now).toHaveBeenCalledTimes(3);
  });

  it("stop with the time limit once the deadline has passed", () => {
    vi.spyOn(Date, "now").mockReturnValue(2_000);
    const b = new Budget(limits({ timeoutMs: 50 }), 1_000);
    const f = faultOf(() => {
      for (let i = 0; i < STEPS_PER_CHECK; i++) b.step();
    });
    expect([f.code, f.message, f.hint]).toEqual([
      "limit",
      "time limit reached: the document ran longer than 50 ms (limit timeoutMs)",
      "raise it with --timeout (limits.timeoutMs in the API)",
    ]);
  });

  /** How often `work` reads the clock under a budget of the default limits. */
  function clockReads(work: () => unknown): number {
    const now = vi.spyOn(Date, "now");
    const saved = enterBudget(new Budget(limits({}), Number.POSITIVE_INFINITY));
    try {
      work();
      return now.mock.calls.length;
    } finally {
      leaveBudget(saved);
      now.mockRestore();
    }
  }

  function nested(depth: number): unknown[] {
    let list: unknown[] = [];
    for (let i = 0; i < depth; i++) list = [list];
    return list;
  }

  it("read the clock in proportion to their work: text, JSON and equality of deep values", async () => {
    const { looseEquals } = await import("../src/host/text.js");
    for (const [what, work] of [
      ["text", (n: number) => toText(nested(n))],
      ["JSON", (n: number) => toJsonText(nested(n))],
      ["equality", (n: number) => looseEquals(nested(n), nested(n))],
    ] as const) {
      const one = clockReads(() => work(40_000));
      const two = clockReads(() => work(80_000));
      expect(one, what).toBeGreaterThanOrEqual(8);
      expect(two / one, what).toBeGreaterThan(1.5);
      expect(two / one, what).toBeLessThan(2.5);
    }
  });
});

describe("the active budget", () => {
  it("is the entered one until it is left, and the defaults outside a run", () => {
    const outside = budget();
    expect(outside.limits).toEqual(DEFAULT_LIMITS);
    const mine = new Budget(limits({ maxStringLength: 5 }), Number.POSITIVE_INFINITY);
    expect(toText([1, 2, 3, 4])).toBe("1, 2, 3, 4");
    const saved = enterBudget(mine);
    try {
      expect(budget()).toBe(mine);
      expect(faultOf(() => toText([1, 2, 3, 4])).message).toBe(
        "converting to text would make a string of 7 characters, more than 5 (limit maxStringLength)",
      );
    } finally {
      leaveBudget(saved);
    }
    expect(budget()).toBe(outside);
  });
});

describe("the heap rule at its bounds", () => {
  it("allows growth of exactly maxMemoryMb and stops one byte past it, with what is about to be allocated", () => {
    const heap = fakeHeap(300 * MiB);
    const b = new Budget(limits({ maxMemoryMb: 100 }), Number.POSITIVE_INFINITY, heap.read, heap.collect);
    heap.used = 400 * MiB;
    b.checkHeap(0);
    heap.used = 399 * MiB;
    b.checkHeap(MiB);
    const f = faultOf(() => b.checkHeap(MiB + 1));
    expect(f.message).toBe(
      "memory limit reached: the document needs more than 100 MB of JavaScript heap (limit maxMemoryMb)",
    );
    heap.used = 400 * MiB + 1;
    expect(faultOf(() => b.checkHeap(0)).message).toBe(f.message);
  });

  it("allows exactly 85% of V8's heap limit and stops one byte past it, counting what is about to be allocated", () => {
    const limit = 1000 * MiB;
    const share = 0.85 * limit; // V8_HEAP_SHARE: a whole number of bytes here
    const heap = fakeHeap(0, limit);
    const b = new Budget(limits({ maxMemoryMb: 4096 }), Number.POSITIVE_INFINITY, heap.read, heap.collect);
    heap.used = share - 10 * MiB;
    b.checkHeap(10 * MiB);
    const f = faultOf(() => b.checkHeap(10 * MiB + 1));
    // The megabytes it names include what was about to be allocated.
    expect(f.message).toBe(
      "memory limit reached: the JavaScript heap would hold 850 MB, too close to the 1000 MB this thread may use (limit maxMemoryMb is 4096 MB)",
    );
    expect(f.hint).toBe(
      "look for a list or string kept growing in a loop; the thread's heap is set by Node's --max-old-space-size, or by --max-memory in the xmd command",
    );
  });

  it("names V8's limit when the run's growth is exactly its budget but the heap is too full", () => {
    const heap = fakeHeap(800 * MiB, 1000 * MiB);
    const b = new Budget(limits({ maxMemoryMb: 100 }), Number.POSITIVE_INFINITY, heap.read, heap.collect);
    heap.used = 900 * MiB;
    expect(faultOf(() => b.checkHeap(0)).message).toBe(
      "memory limit reached: the JavaScript heap would hold 900 MB, too close to the 1000 MB this thread may use (limit maxMemoryMb is 100 MB)",
    );
  });

  it("collects once and reads the heap again before it stops a run, and not at all under the budget", () => {
    const heap = fakeHeap(0);
    const b = new Budget(limits({ maxMemoryMb: 10 }), Number.POSITIVE_INFINITY, heap.read, heap.collect);
    const reads = heap.reads;
    heap.used = 10 * MiB;
    b.checkHeap(0);
    expect([heap.reads - reads, heap.collections]).toEqual([1, 0]);
    heap.used = 12 * MiB;
    heap.garbage = 2 * MiB;
    b.checkHeap(0);
    expect([heap.reads - reads, heap.collections]).toEqual([3, 1]);
  });
});

describe("the heap rule for strings and for V8's limit", () => {
  it("counts a string's characters at two bytes each toward the next reading of the heap", () => {
    const heap = fakeHeap(100 * MiB);
    const b = new Budget(limits({}), Number.POSITIVE_INFINITY, heap.read, heap.collect);
    const chars = HEAP_CHECK_BYTES / 2 / 4; // a quarter of the bytes per string
    for (let i = 0; i < 3; i++) b.string(chars, "join");
    expect(heap.reads).toBe(1);
    b.string(chars, "join");
    expect(heap.reads).toBe(2);
  });

  it("stops a run near V8's limit with a limit error", () => {
    const heap = fakeHeap(0, 100 * MiB);
    const b = new Budget(limits({ maxMemoryMb: 4096 }), Number.POSITIVE_INFINITY, heap.read, heap.collect);
    heap.used = 90 * MiB;
    expect(faultOf(() => b.checkHeap(0)).code).toBe("limit");
  });
});
