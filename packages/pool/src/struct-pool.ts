/**
 * A pool of fixed-shape records stored as typed-array columns.
 * @module
 */
import { type ColumnAccessor, type FieldAccessor, makeAccessor } from "./field-accessor.js";
import { FIELD_ARRAY, FIELD_BYTES, type FieldArray, type FieldType, isFieldType } from "./field-type.js";
import type { Handle } from "./handle.js";
import type { PoolStats } from "./pool-stats.js";
import { SlotTable } from "./slot-table.js";

/** Options of a {@link StructPool}. */
export interface StructPoolOptions<F extends Record<string, FieldType>> {
  /** Name used in errors and stats. */
  name: string;
  /** The record's fields and their types, e.g. `{ kind: "u8", start: "u32", end: "u32" }`. */
  fields: F;
  /** Slots per page, a power of two in 1..2^22. Default 1024. */
  pageSize?: number;
  /** Most records the pool may hold at once, 1..2^22. Default 2^22. Exceeding it throws a `PoolError` of kind `"capacity"`. */
  maxCapacity?: number;
  /** Detect double frees and stale handles (default true). `false` is release mode: no checks at all. */
  checked?: boolean;
}

/** One field's storage. */
interface Column<B extends string> {
  readonly type: FieldType;
  array: FieldArray;
  readonly accessor: ColumnAccessor<B>;
}

/**
 * A pool of records whose fields live in typed arrays, one array per field
 * ("struct of arrays"). A record is a {@link Handle}, not an object: reading a
 * field is an index into a column, and a million records cost a few typed
 * arrays rather than a million heap objects for the GC to trace.
 *
 * ```ts
 * const nodes = new StructPool<{ kind: "u8"; start: "u32"; end: "u32" }, "Node">({
 *   name: "nodes",
 *   fields: { kind: "u8", start: "u32", end: "u32" },
 * });
 * const kind = nodes.field("kind");
 * const n = nodes.acquire();   // all fields 0
 * kind.set(n, 3);
 * kind.get(n);                 // 3
 * nodes.release(n);            // n is stale from now on
 * ```
 *
 * @typeParam F - the field declaration, `{ name: FieldType }`.
 * @typeParam B - the handle brand, so handles of different pools do not mix.
 */
export class StructPool<F extends Record<string, FieldType>, B extends string = string> {
  // Fields set in the constructor are `declare`d (no `= undefined` first), so V8 keeps
  // their exact type and `acquire` reaches the slot table without a map check.
  /** The pool's name (errors, stats). */
  declare readonly name: string;
  /** Whether misuse is checked. */
  declare readonly checked: boolean;
  /** The field declaration the pool was made with. */
  declare readonly fields: Readonly<F>;
  declare private readonly table: SlotTable;
  /** Bytes of one record across its columns. */
  declare private readonly recordBytes: number;
  private readonly columns = new Map<string, Column<B>>();
  /** Columns in declaration order, for growth and reset. */
  private readonly columnList: Column<B>[] = [];
  /**
   * The same columns grouped by array type, for zeroing a released record. Why:
   * one loop storing into `Uint8Array`s and `Float64Array`s alike goes
   * megamorphic and cost ~18 ns per release in the bench (more than acquire and
   * release together); one loop per type keeps each store monomorphic.
   */
  private readonly u8: Uint8Array[] = [];
  private readonly i8: Int8Array[] = [];
  private readonly u16: Uint16Array[] = [];
  private readonly i16: Int16Array[] = [];
  private readonly u32: Uint32Array[] = [];
  private readonly i32: Int32Array[] = [];
  private readonly f32: Float32Array[] = [];
  private readonly f64: Float64Array[] = [];

  /** Makes an empty pool; no memory is taken until the first `acquire`. */
  constructor(options: StructPoolOptions<F>) {
    this.name = options.name;
    this.fields = { ...options.fields };
    this.table = new SlotTable(options, (reserved) => this.grow(reserved));
    this.checked = this.table.checked;
    for (const [name, type] of Object.entries(options.fields)) {
      if (!isFieldType(type)) {
        throw new TypeError(`pool "${options.name}": field "${name}" has unknown type ${String(type)}`);
      }
      const array = new FIELD_ARRAY[type](0);
      const column: Column<B> = { type, array, accessor: makeAccessor<B>(type, array, this.table) };
      this.columns.set(name, column);
      this.columnList.push(column);
    }
    this.regroup();
    this.recordBytes = this.columnList.reduce((sum, column) => sum + FIELD_BYTES[column.type], 0);
  }

  /** Records in use now. */
  get live(): number {
    return this.table.live;
  }

  /** Takes a record; all its fields are 0. O(1) (amortised when a page is added). */
  acquire(): Handle<B> {
    return this.table.acquire() as Handle<B>;
  }

  /**
   * Gives the record back; `h` and every copy of it are stale from now on. The
   * record's fields are zeroed now, so the next `acquire` of the slot starts clean.
   * Checked mode throws a `PoolError` on a double free or a stale handle.
   */
  release(h: Handle<B>): void {
    const slot = this.table.release(h);
    const { u8, i8, u16, i16, u32, i32, f32, f64 } = this;
    for (let i = 0; i < u8.length; i++) u8[i]![slot] = 0;
    for (let i = 0; i < i8.length; i++) i8[i]![slot] = 0;
    for (let i = 0; i < u16.length; i++) u16[i]![slot] = 0;
    for (let i = 0; i < i16.length; i++) i16[i]![slot] = 0;
    for (let i = 0; i < u32.length; i++) u32[i]![slot] = 0;
    for (let i = 0; i < i32.length; i++) i32[i]![slot] = 0;
    for (let i = 0; i < f32.length; i++) f32[i]![slot] = 0;
    for (let i = 0; i < f64.length; i++) f64[i]![slot] = 0;
  }

  /** Reads one field by name. Convenient, not fast: in hot loops use {@link field}. */
  get(h: Handle<B>, field: keyof F & string): number {
    return this.column(field).accessor.get(h);
  }

  /** Writes one field by name. Convenient, not fast: in hot loops use {@link field}. */
  set(h: Handle<B>, field: keyof F & string, value: number): void {
    this.column(field).accessor.set(h, value);
  }

  /**
   * The accessor of one field, for hot paths. The same object is returned every
   * time and stays valid across growth; checked pools return a checking accessor.
   */
  field(name: keyof F & string): FieldAccessor<B> {
    return this.column(name).accessor;
  }

  /** Whether `h` names a live record of this pool (works in both modes, never throws). */
  isLive(h: Handle<B>): boolean {
    return this.table.isLive(h);
  }

  /**
   * Throws the `PoolError` explaining why `h` is not live, if it is not (in
   * both modes). Useful at API boundaries of a release-mode build.
   */
  assertLive(h: Handle<B>): void {
    if (!this.table.isLive(h)) this.table.fail(h, "read");
  }

  /** Calls `visit` with the handle of every live record, in slot order. */
  forEachLive(visit: (h: Handle<B>) => void): void {
    const stamps = this.table.stamps;
    this.table.forEachLiveSlot((slot) => visit(stamps[slot] as Handle<B>));
  }

  /**
   * Arena-style bulk release: every record becomes free and zeroed, every handle
   * handed out so far becomes stale. Pages are kept for reuse, and the pool refills
   * them in slot order (bump allocation) until something is released one by one.
   * O(slots used since the last reset): each column is zeroed with one `fill`; in
   * checked mode the slots also get their next generation.
   */
  reset(): void {
    // Every slot at or above the cursor is zero already: zeroed by an earlier reset and
    // untouched since (slots released one by one are zeroed by `release`).
    const used = this.table.next;
    for (const column of this.columnList) column.array.fill(0, 0, used);
    this.table.releaseAll();
  }

  /**
   * Gives back the room beyond the records handed out so far — growth doubles the arrays
   * and the last page is rarely full, so up to half of them after a one-off build, such
   * as a parsed tree that is kept. The last page is cut to the slots used. Handles and
   * accessors stay valid (stale handles stay stale); the pool grows again if needed.
   * O(capacity).
   * @returns slots of room given back
   */
  trim(): number {
    return this.table.trim();
  }

  /** Alias of {@link reset}. */
  clear(): void {
    this.reset();
  }

  /** A snapshot of the pool's counters. */
  stats(): PoolStats {
    return this.table.stats(this.recordBytes);
  }

  private column(name: string): Column<B> {
    const column = this.columns.get(name);
    if (column === undefined) {
      throw new TypeError(
        `pool "${this.name}": no field "${name}" (fields: ${[...this.columns.keys()].join(", ")})`,
      );
    }
    return column;
  }

  /** Resize callback (growth or trim): copy each column into a new array and repoint its accessor. */
  private grow(reserved: number): void {
    for (const column of this.columnList) {
      const array = new FIELD_ARRAY[column.type](reserved);
      array.set(column.array.length > reserved ? column.array.subarray(0, reserved) : column.array);
      column.array = array;
      column.accessor.repoint(array, this.table.stamps);
    }
    this.regroup();
  }

  /** Rebuilds the per-type column groups from `columnList`. */
  private regroup(): void {
    const groups = [this.u8, this.i8, this.u16, this.i16, this.u32, this.i32, this.f32, this.f64];
    for (const group of groups) group.length = 0;
    for (const { type, array } of this.columnList) (this[type] as FieldArray[]).push(array);
  }
}
