/**
 * What a run may still spend: how long one list or string may be, how much JavaScript
 * heap the run may hold, and how long it may take — checked by the builtins and
 * operations that build values, BEFORE they allocate, so that a document that needs too
 * much stops with a `limit` error instead of taking the process down with it (V8 aborts
 * the whole process when its heap is full; there is no exception to catch).
 *
 * One budget belongs to one run. Builtins reach the budget of the run that called them
 * through {@link budget}: text conversion, equality and the like are called from
 * everywhere (operators, methods, data formats) without a context to pass it through,
 * and runs are synchronous, so the run that is executing is the one the evaluator
 * {@link enterBudget entered}. Outside a run, a budget with the default limits applies.
 *
 * ## The heap rule
 *
 * A run stops with a `limit` error when, at a check, the JavaScript heap of the thread
 * that renders
 * - has grown by more than `maxMemoryMb` since the run started (what the run holds; the
 *   heap of the program that embeds the runtime is not the document's), or
 * - is above 85% of V8's own limit for the thread (`heap_size_limit`), whatever the run's
 *   share: V8 aborts the process at that limit, and the last 15% leave room for the
 *   value being built and for the collection V8 runs before it gives up.
 *
 * `used_heap_size` counts garbage that V8 has not collected yet, and V8 collects the old
 * generation only when it grows past a limit of its own, which can lie far above
 * `maxMemoryMb`. So a reading over the budget is confirmed before the run is stopped: a
 * full collection is forced (the `gc` function Node exposes with `--expose-gc`, obtained
 * once on first need) and the heap read again; only what is still over after it — live
 * data — stops the run. A run that never nears its budget never pays for that collection.
 *
 * When the heap is read: once when the run starts; every {@link HEAP_CHECK_BYTES} of lists
 * and strings that builtins and operations make in one piece (`range`, `concat`,
 * `repeat`, spreads …: lists at 8 bytes an item, strings at 2 bytes a character,
 * estimates on the high side), before they make them, counting what they are about to
 * add; at every clock check of the evaluator (every 1 024 loop steps or calls); and
 * every {@link STEPS_PER_CHECK} steps of a builtin that builds piece by piece or runs
 * long (`join`, text conversion, JSON, sort, `=`). One reading (`v8.getHeapStatistics()`)
 * costs 0.15 to 0.25 µs on the 2-core machine the README's numbers come from; at these
 * intervals that is far below 1% of a run (and the reading at the start, about 0.2 µs,
 * is 0.15% of the quickest render in the benchmarks).
 * @module
 */
import { DEFAULT_LIMITS, type Limits } from "../api/options.js";
import { RuntimeFault } from "./fault.js";
import { type HeapAccess, type HeapReading, platform } from "./platform.js";

export type { HeapReading } from "./platform.js";

const MiB = 1024 * 1024;

/** Bytes of values reported built between two readings of the heap. */
export const HEAP_CHECK_BYTES = 16 * MiB;

/** Steps of a long builtin (comparisons, items visited) between two clock and heap checks. */
export const STEPS_PER_CHECK = 4096;

/** Share of V8's heap limit a run may bring the heap to. */
export const V8_HEAP_SHARE = 0.85;

/** Estimated bytes of one list item (a tagged pointer or an unboxed double). */
const BYTES_PER_ITEM = 8;
/** Estimated bytes of one string character (two-byte strings; one-byte ones take half). */
const BYTES_PER_CHAR = 2;

/** The command-line flag that sets each limit, for hints. */
const FLAGS: Record<keyof Limits, string> = {
  maxIterations: "--max-iterations",
  maxCallDepth: "--max-depth",
  maxNestingDepth: "--max-nesting",
  maxOutputBytes: "--max-output",
  timeoutMs: "--timeout",
  maxPoolSlots: "--max-pool-slots",
  maxListItems: "--max-list-items",
  maxStringLength: "--max-string-length",
  maxMemoryMb: "--max-memory",
  maxReadBytes: "--max-read",
  maxWriteBytes: "--max-write",
};

/** "raise it with --max-list-items (limits.maxListItems in the API)": how to raise a limit. */
export function raiseHint(limit: keyof Limits): string {
  return `raise it with ${limitFlag(limit)} (limits.${limit} in the API)`;
}

/** The `xmd` command's option that sets a limit (`--max-depth` for maxCallDepth). */
export function limitFlag(limit: keyof Limits): string {
  return FLAGS[limit];
}

/** The time limit's message, the same wherever it strikes. */
export function timeLimitMessage(timeoutMs: number): string {
  return `time limit reached: the document ran longer than ${timeoutMs} ms (limit timeoutMs)`;
}

/** "12 items, more than 10", or "more than 10 items" for a count not known exactly (Infinity). */
function tooMany(count: number, max: number, unit: string): string {
  return Number.isFinite(count) ? `${count} ${unit}, more than ${max}` : `more than ${max} ${unit}`;
}

/** What a run may still spend; see the module description. */
export class Budget {
  /** Bytes of values reported since the heap was last read. */
  private pendingBytes = 0;
  private steps = 0;
  /** `used_heap_size` when the run started. */
  private readonly heapAtStart: number;
  /** Reads the heap (`v8.getHeapStatistics`; tests pass their own); null where it cannot be read. */
  private readonly readHeap: (() => HeapReading) | null;
  /** Forces a full collection, false where it cannot (tests pass their own). */
  private readonly collect: () => boolean;

  /**
   * `readHeap` and `collect` default to the platform's (see ./platform.ts). Where the
   * platform cannot read the heap (a browser), the memory rule is off: a page's tab has a
   * heap limit of its own, which the browser enforces.
   */
  constructor(
    readonly limits: Readonly<Limits>,
    /** When the time limit runs out, in `Date.now()` ms. */
    readonly deadline: number,
    readHeap?: () => HeapReading,
    collect?: () => boolean,
  ) {
    const heap: HeapAccess | null = readHeap === undefined ? platform().heap : null;
    this.readHeap = readHeap ?? (heap === null ? null : () => heap.read());
    this.collect = collect ?? (heap === null ? () => false : () => heap.collect());
    this.heapAtStart = this.readHeap === null ? 0 : this.readHeap().used_heap_size;
  }

  /**
   * Before building a list of `count` items (or an object of `count` entries): stops the
   * run if that is more than `maxListItems`, and counts its bytes toward the next heap
   * reading. `what` names the operation for the message ("concat", "a spread").
   */
  list(count: number, what: string): void {
    const max = this.limits.maxListItems;
    if (!(count <= max)) {
      throw new RuntimeFault(
        "limit",
        `${what} would make a list of ${tooMany(count, max, "items")} (limit maxListItems)`,
        raiseHint("maxListItems"),
      );
    }
    this.note(count * BYTES_PER_ITEM);
  }

  /** Before `list[index] = …`: an index at or past `maxListItems` would make the list that long. */
  index(index: number): void {
    const max = this.limits.maxListItems;
    if (index >= max) {
      throw new RuntimeFault(
        "limit",
        `list index ${index} is too large: a list holds at most ${max} items (limit maxListItems)`,
        raiseHint("maxListItems"),
      );
    }
    this.note(BYTES_PER_ITEM);
  }

  /** Before building a string of `length` UTF-16 code units: as {@link list}, for `maxStringLength`. */
  string(length: number, what: string): void {
    const max = this.limits.maxStringLength;
    if (!(length <= max)) {
      throw new RuntimeFault(
        "limit",
        `${what} would make a string of ${tooMany(length, max, "characters")} (limit maxStringLength)`,
        raiseHint("maxStringLength"),
      );
    }
    this.note(length * BYTES_PER_CHAR);
  }

  /**
   * `text + piece`, for a string built piece by piece: the length it would have is
   * checked as for {@link string}. The loops that build such strings take a
   * {@link step} for each piece, which reads the heap as they go.
   */
  append(text: string, piece: string, what: string): string {
    const length = text.length + piece.length;
    if (length > this.limits.maxStringLength) this.string(length, what);
    return text + piece;
  }

  /** Counts `bytes` about to be allocated; reads the heap when enough have been since the last reading. */
  note(bytes: number): void {
    this.pendingBytes += bytes;
    if (this.pendingBytes >= HEAP_CHECK_BYTES) this.checkHeap(bytes);
  }

  /**
   * One step of a builtin that can run long on its own (a comparison in a sort, an item
   * visited by equality or text conversion): every {@link STEPS_PER_CHECK} steps, the
   * clock and the heap are checked.
   */
  step(): void {
    if ((++this.steps & (STEPS_PER_CHECK - 1)) === 0) this.check();
  }

  /** Stops the run if its time is up or its heap is over budget. */
  check(): void {
    if (Date.now() > this.deadline) {
      throw new RuntimeFault("limit", timeLimitMessage(this.limits.timeoutMs), raiseHint("timeoutMs"));
    }
    this.checkHeap(0);
  }

  /** Reads the heap (with `incoming` bytes about to be allocated) and stops the run if it is over budget. */
  checkHeap(incoming: number): void {
    this.pendingBytes = 0;
    if (this.readHeap === null) return;
    let stats = this.readHeap();
    if (this.within(stats, incoming)) return;
    // Over, maybe only with garbage V8 has not collected yet: collect it and look again.
    if (this.collect()) {
      stats = this.readHeap();
      if (this.within(stats, incoming)) return;
    }
    throw this.memoryFault(stats, incoming);
  }

  private within(stats: HeapReading, incoming: number): boolean {
    const used = stats.used_heap_size + incoming;
    return (
      used - this.heapAtStart <= this.limits.maxMemoryMb * MiB &&
      used <= V8_HEAP_SHARE * stats.heap_size_limit
    );
  }

  private memoryFault(stats: HeapReading, incoming: number): RuntimeFault {
    const max = this.limits.maxMemoryMb;
    const used = stats.used_heap_size + incoming;
    const mb = (bytes: number) => Math.round(bytes / MiB);
    if (used - this.heapAtStart > max * MiB) {
      return new RuntimeFault(
        "limit",
        `memory limit reached: the document needs more than ${max} MB of JavaScript heap (limit maxMemoryMb)`,
        `look for a list or string kept growing in a loop, or ${raiseHint("maxMemoryMb")}`,
      );
    }
    return new RuntimeFault(
      "limit",
      `memory limit reached: the JavaScript heap would hold ${mb(used)} MB, too close to the ${mb(stats.heap_size_limit)} MB this thread may use (limit maxMemoryMb is ${max} MB)`,
      "look for a list or string kept growing in a loop; the thread's heap is set by Node's --max-old-space-size, or by --max-memory in the xmd command",
    );
  }
}

let outside: Budget | null = null;
let active: Budget | null = null;

/** The budget of the run that is executing (outside a run: the default limits, no time limit). */
export function budget(): Budget {
  if (active !== null) return active;
  outside ??= new Budget(DEFAULT_LIMITS, Number.POSITIVE_INFINITY);
  return outside;
}

/** Makes `next` the active budget; returns the one it replaces, for {@link leaveBudget}. */
export function enterBudget(next: Budget): Budget | null {
  const saved = active;
  active = next;
  return saved;
}

/** Restores the budget {@link enterBudget} replaced. */
export function leaveBudget(saved: Budget | null): void {
  active = saved;
}
