/**
 * A pool of reusable JavaScript objects addressed by handles.
 * @module
 */
import { type Handle, SLOT_MASK } from "./handle.js";
import type { PoolStats } from "./pool-stats.js";
import { SlotTable } from "./slot-table.js";

/** Options of an {@link ObjectPool}. */
export interface ObjectPoolOptions<T> {
  /** Name used in errors and stats. */
  name: string;
  /** Makes a new object; called once per slot, the first time the slot is acquired. */
  create: () => T;
  /**
   * Clears an object when its slot is released (and for every live object on
   * `reset()`), so a free object holds no references and the next `acquire`
   * gets a clean one. Optional: without it objects come back as they were left.
   */
  reset?: (value: T) => void;
  /** Slots per page, a power of two in 1..2^22. Default 1024. */
  pageSize?: number;
  /** Most objects the pool may hold at once, 1..2^22. Default 2^22. */
  maxCapacity?: number;
  /** Detect double frees and stale handles (default true). */
  checked?: boolean;
}

/**
 * A pool of JS objects for data that does not fit typed-array columns (strings,
 * arrays, references). Each slot owns one object for the pool's lifetime:
 * `acquire` hands out a handle, `get` returns the object, `release` runs the
 * reset hook and makes the handle stale. Objects are made lazily by `create`.
 *
 * Keep the object only as long as the handle is live: after `release` the same
 * object is handed to the next `acquire`.
 *
 * @typeParam T - the object type.
 * @typeParam B - the handle brand.
 */
export class ObjectPool<T, B extends string = string> {
  /** The pool's name (errors, stats). */
  declare readonly name: string;
  /** Whether misuse is checked. */
  declare readonly checked: boolean;
  declare private readonly table: SlotTable;
  declare private readonly create: () => T;
  declare private readonly resetValue: ((value: T) => void) | undefined;
  /** The object of each slot touched so far, indexed by slot. */
  private readonly values: T[] = [];

  /** Makes an empty pool; nothing is created until the first `acquire`. */
  constructor(options: ObjectPoolOptions<T>) {
    this.name = options.name;
    this.table = new SlotTable(options, () => {});
    this.checked = this.table.checked;
    this.create = options.create;
    this.resetValue = options.reset;
  }

  /** Objects in use now. */
  get live(): number {
    return this.table.live;
  }

  /**
   * Takes an object (made by `create` if the slot is new) and returns its handle. If
   * `create` throws, the error propagates and the pool is as it was, counters included.
   */
  acquire(): Handle<B> {
    // A slot is new exactly when the free stack is empty and the bump cursor is at the
    // first slot without an object: make its object first, so that a throwing `create`
    // leaves nothing to undo. (At maxCapacity, acquire throws before any create.)
    const table = this.table;
    if (table.freeCount === 0 && table.next === this.values.length && table.next < table.maxCapacity) {
      const value = this.create();
      const h = table.acquire();
      this.values.push(value);
      return h as Handle<B>;
    }
    return table.acquire() as Handle<B>;
  }

  /** The object of the live handle `h`. Checked mode throws a `PoolError` on a stale handle. */
  get(h: Handle<B>): T {
    const slot = h & SLOT_MASK;
    if (this.checked && this.table.stamps[slot] !== h) this.table.fail(h, "read");
    return this.values[slot]!;
  }

  /** Gives the object back (runs the reset hook); `h` is stale from now on. */
  release(h: Handle<B>): void {
    const slot = this.table.release(h);
    if (this.resetValue !== undefined) this.resetValue(this.values[slot]!);
  }

  /** Whether `h` names a live object of this pool (works in both modes, never throws). */
  isLive(h: Handle<B>): boolean {
    return this.table.isLive(h);
  }

  /** Throws the `PoolError` explaining why `h` is not live, if it is not (in both modes). */
  assertLive(h: Handle<B>): void {
    if (!this.table.isLive(h)) this.table.fail(h, "read");
  }

  /** Calls `visit` with the handle and object of every live slot, in slot order. */
  forEachLive(visit: (h: Handle<B>, value: T) => void): void {
    const stamps = this.table.stamps;
    this.table.forEachLiveSlot((slot) => visit(stamps[slot] as Handle<B>, this.values[slot]!));
  }

  /**
   * Arena-style bulk release: runs the reset hook on every live object, then
   * frees every slot; every handle handed out so far becomes stale.
   */
  reset(): void {
    const resetValue = this.resetValue;
    if (resetValue !== undefined) this.table.forEachLiveSlot((slot) => resetValue(this.values[slot]!));
    this.table.releaseAll();
  }

  /** Alias of {@link reset}. */
  clear(): void {
    this.reset();
  }

  /** A snapshot of the pool's counters. */
  stats(): PoolStats {
    return this.table.stats();
  }
}
