/**
 * A typed value stack: temporaries and call frames in parallel columns.
 *
 * | column | type | holds |
 * | --- | --- | --- |
 * | tags | Uint8Array | {@link Tag} of each slot |
 * | nums | Float64Array | the number (or 0/1 for a boolean) |
 * | handles | Int32Array | an int32 handle (a `@xmd/pool` handle, a table index) |
 * | objects | side table | the JS object of a `Ref` slot |
 *
 * Numbers, booleans, null and int32 handles never become heap objects here. Anything
 * else (strings, arrays, closures) goes into the side table, a plain array indexed by
 * slot. It is indexed by slot, not kept as a stack of its own, because frame slots are
 * assigned objects long after the temporaries above them were pushed. Popping, or
 * releasing a mark or a frame, clears the entries it drops (a scan of the dropped slots'
 * tag bytes, no allocation), so the GC can collect them: no object is kept alive by a
 * slot that is no longer in use.
 * @module
 */
import { StackError } from "./stack-error.js";
import { Tag, type TagValue } from "./tag.js";

/** A saved stack depth; `release(mark)` returns to it. */
export type StackMark = number & { readonly __brand: "StackMark" };
/** A pushed frame; pass it back to `popFrame`. */
export type FrameHandle = number & { readonly __brand: "FrameHandle" };

/** Options for {@link ValueStack}. */
export interface ValueStackOptions {
  /** Slots to start with (default 1024); the stack doubles as needed. */
  initialCapacity?: number;
  /** The most slots it may ever hold (default 2^20); beyond it, pushes throw `overflow`. */
  maxSize?: number;
  /** Type checks on typed pops and frame-order checks (default true). */
  checked?: boolean;
}

/** Counters, for `--stats` and the bench. */
export interface StackStats {
  /** Slots in use now. */
  depth: number;
  /** The most slots ever in use. */
  highWater: number;
  /** Frames pushed since creation (or the last reset of counters). */
  framesPushed: number;
  /** Times the columns were reallocated to grow. */
  growths: number;
  /** Slots allocated now. */
  capacity: number;
  /** The configured limit. */
  maxSize: number;
  /** Side-table entries holding an object now. */
  refsLive: number;
  /** Bytes of one slot in the typed columns (tag, number, handle); the side table is a JS array beside them. */
  bytesPerSlot: number;
  /** Bytes the typed columns hold now: `capacity × bytesPerSlot`. */
  bytes: number;
}

/** Tag byte + float64 + int32 handle. */
const SLOT_BYTES = 1 + 8 + 4;

/**
 * A stack of tagged values with frames and marks.
 *
 * - `push*` / `pop*` / `peek` work on the top; `get` / `set` / `*At` address any slot in use.
 * - `pushFrame(n)` reserves `n` null slots addressed from `frameBase(frame)`; `popFrame`
 *   drops the frame and everything above it.
 * - `mark()` / `release(mark)` drop everything pushed after a point.
 * - In checked mode (the default) misuse is a {@link StackError}: a typed pop of the wrong
 *   type, a pop, drop or release that reaches into the innermost frame, frames popped out
 *   of order. Release mode skips those checks; exhaustion (`overflow`) is always checked.
 *
 * @example
 * ```ts
 * const stack = new ValueStack({ maxSize: 1 << 16 });
 * const frame = stack.pushFrame(2);          // two locals, null
 * const base = stack.frameBase(frame);
 * stack.setNumber(base, 40);                 // local 0 = 40, unboxed
 * stack.pushNumber(stack.numberAt(base));    // a temporary
 * stack.pushNumber(2);
 * stack.pushNumber(stack.popNumber() + stack.popNumber());
 * stack.popNumber();                         // 42
 * stack.popFrame(frame);                     // size 0 again
 * ```
 */
export class ValueStack {
  private tags: Uint8Array;
  private nums: Float64Array;
  private handles: Int32Array;
  /** The side table: objects by slot index (undefined when the slot holds none). */
  private objects: unknown[];
  private sp = 0;
  private capacity: number;
  private readonly maxSize: number;
  /** Whether misuse is checked (see the class description). */
  readonly checked: boolean;
  /** First slot of each pushed frame, innermost last. */
  private frameBases: Int32Array = new Int32Array(64);
  /** Slot after each frame's last local: pops, drops and releases may not go below it. */
  private frameEnds: Int32Array = new Int32Array(64);
  private frames = 0;
  /** `frameEnds` of the innermost frame, or 0: the lowest depth a pop may reach. */
  private floor = 0;
  private highWater = 0;
  private framesPushed = 0;
  private growths = 0;

  /**
   * Creates an empty stack.
   *
   * @param options - Initial room, the size limit, and checked mode.
   * @throws RangeError if `initialCapacity` or `maxSize` is not a positive integer.
   */
  constructor(options: ValueStackOptions = {}) {
    const initial = options.initialCapacity ?? 1024;
    this.maxSize = options.maxSize ?? 1 << 20;
    if (!Number.isInteger(initial) || initial < 1)
      throw new RangeError(`initialCapacity must be a positive integer, got ${initial}`);
    if (!Number.isInteger(this.maxSize) || this.maxSize < 1)
      throw new RangeError(`maxSize must be a positive integer, got ${this.maxSize}`);
    this.capacity = Math.min(initial, this.maxSize);
    this.tags = new Uint8Array(this.capacity);
    this.nums = new Float64Array(this.capacity);
    this.handles = new Int32Array(this.capacity);
    this.objects = new Array(this.capacity);
    this.checked = options.checked ?? true;
  }

  /** Slots in use (the stack pointer). */
  get size(): number {
    return this.sp;
  }

  /** Frames pushed and not yet popped. */
  get frameDepth(): number {
    return this.frames;
  }

  // ── growth (out of line: the push fast path is one compare) ───────────────

  private grow(needed: number): void {
    if (needed > this.maxSize) {
      throw new StackError("overflow", `value stack overflow: more than ${this.maxSize} slots`);
    }
    let capacity = this.capacity * 2;
    while (capacity < needed) capacity *= 2;
    capacity = Math.min(capacity, this.maxSize);
    const tags = new Uint8Array(capacity);
    tags.set(this.tags);
    const nums = new Float64Array(capacity);
    nums.set(this.nums);
    const handles = new Int32Array(capacity);
    handles.set(this.handles);
    this.tags = tags;
    this.nums = nums;
    this.handles = handles;
    this.objects.length = capacity;
    this.capacity = capacity;
    this.growths++;
  }

  private slot(): number {
    const i = this.sp;
    if (i >= this.capacity) this.grow(i + 1);
    this.sp = i + 1;
    if (i >= this.highWater) this.highWater = i + 1;
    return i;
  }

  // ── push ────────────────────────────────────────────────────────────────────

  /** Pushes a number, unboxed. */
  pushNumber(n: number): void {
    const i = this.slot();
    this.tags[i] = Tag.Number;
    this.nums[i] = n;
  }

  /** Pushes a boolean, unboxed. */
  pushBool(b: boolean): void {
    const i = this.slot();
    this.tags[i] = Tag.Bool;
    this.nums[i] = b ? 1 : 0;
  }

  /** Pushes null. */
  pushNull(): void {
    const i = this.slot();
    this.tags[i] = Tag.Null;
  }

  /** Pushes any other value through the side table. */
  pushRef(value: unknown): void {
    const i = this.slot();
    this.tags[i] = Tag.Ref;
    this.objects[i] = value;
  }

  /**
   * Pushes an int32 handle (a pool handle, an index), unboxed, tagged `Handle` so that a
   * checked {@link popHandle} or {@link handleAt} can tell it from a number.
   *
   * @throws StackError `type` in checked mode if `handle` is not an int32.
   */
  pushHandle(handle: number): void {
    if (this.checked && (handle | 0) !== handle) {
      throw new StackError("type", `pushHandle: ${handle} is not an int32`);
    }
    const i = this.slot();
    this.tags[i] = Tag.Handle;
    this.handles[i] = handle;
  }

  /** Pushes a JS value: number → Number, boolean → Bool, null/undefined → Null, else Ref. */
  push(value: unknown): void {
    if (typeof value === "number") this.pushNumber(value);
    else if (typeof value === "boolean") this.pushBool(value);
    else if (value === null || value === undefined) this.pushNull();
    else this.pushRef(value);
  }

  // ── pop ─────────────────────────────────────────────────────────────────────

  /** Index of the top slot; in checked mode it may not belong to the innermost frame. */
  private top(): number {
    const i = this.sp - 1;
    if (i < 0) throw new StackError("underflow", "value stack underflow: pop from an empty stack");
    if (this.checked && i < this.floor) throw this.intoFrame("pop", i);
    return i;
  }

  private intoFrame(what: string, to: number): StackError {
    return new StackError(
      "frame-order",
      `${what} would reach slot ${to}, inside the innermost frame (its locals end at ${this.floor}); pop the frame first`,
    );
  }

  /** Pops the top value as a JS value (a handle comes out as its number), clearing its side-table entry. */
  pop(): unknown {
    const i = this.top();
    this.sp = i;
    switch (this.tags[i]) {
      case Tag.Number:
        return this.nums[i];
      case Tag.Bool:
        return this.nums[i] !== 0;
      case Tag.Ref: {
        const value = this.objects[i];
        this.objects[i] = undefined;
        return value;
      }
      case Tag.Handle:
        return this.handles[i];
      default:
        return null;
    }
  }

  /** Pops a number. In checked mode a non-number top is a `type` error. */
  popNumber(): number {
    return this.nums[this.popTagged(Tag.Number, "popNumber")] as number;
  }

  /** Pops a handle. In checked mode a top that is not a handle is a `type` error. */
  popHandle(): number {
    return this.handles[this.popTagged(Tag.Handle, "popHandle")] as number;
  }

  /** Pops the top slot, which should hold `want`, and returns its index. */
  private popTagged(want: TagValue, what: string): number {
    const i = this.top();
    const tag = this.tags[i];
    if (tag !== want) {
      if (this.checked)
        throw new StackError("type", `${what}: the top slot holds a ${tagName(tag as number)}`);
      // Release mode: misuse, but never a leak through the dropped slot.
      if (tag === Tag.Ref) this.objects[i] = undefined;
    }
    this.sp = i;
    return i;
  }

  /** Drops `count` values from the top, clearing their side-table entries. */
  drop(count = 1): void {
    const to = this.sp - count;
    if (!Number.isInteger(count) || count < 0 || to < 0)
      throw new StackError("underflow", `value stack underflow: cannot drop ${count} of ${this.sp}`);
    if (this.checked && to < this.floor) throw this.intoFrame(`drop(${count})`, to);
    this.clear(to, this.sp);
    this.sp = to;
  }

  /** The value `depth` slots below the top (0 = top), without popping. */
  peek(depth = 0): unknown {
    const i = this.sp - 1 - depth;
    if (i < 0) throw new StackError("underflow", `value stack underflow: peek(${depth}) on ${this.sp} slots`);
    return this.get(i);
  }

  // ── random access ───────────────────────────────────────────────────────────

  private index(i: number): void {
    if (i < 0 || i >= this.sp || !Number.isInteger(i)) {
      throw new StackError("underflow", `slot ${i} is not in use (the stack holds ${this.sp})`);
    }
  }

  /** The tag of slot `index`. */
  tagAt(index: number): TagValue {
    if (this.checked) this.index(index);
    return this.tags[index] as TagValue;
  }

  /** The number in slot `index` (1/0 for booleans). */
  numberAt(index: number): number {
    if (this.checked) this.index(index);
    return this.nums[index] as number;
  }

  /** The handle in slot `index`. In checked mode a slot that is not a handle is a `type` error. */
  handleAt(index: number): number {
    if (this.checked) {
      this.index(index);
      if (this.tags[index] !== Tag.Handle) {
        throw new StackError(
          "type",
          `handleAt(${index}): the slot holds a ${tagName(this.tags[index] as number)}`,
        );
      }
    }
    return this.handles[index] as number;
  }

  /** The object in slot `index` (undefined unless it is a Ref). */
  refAt(index: number): unknown {
    if (this.checked) this.index(index);
    return this.objects[index];
  }

  /** Slot `index` as a JS value. */
  get(index: number): unknown {
    if (this.checked) this.index(index);
    switch (this.tags[index]) {
      case Tag.Number:
        return this.nums[index];
      case Tag.Bool:
        return this.nums[index] !== 0;
      case Tag.Ref:
        return this.objects[index];
      case Tag.Handle:
        return this.handles[index];
      default:
        return null;
    }
  }

  /** Stores a JS value in slot `index` (a number is stored as a Number, never as a Handle). */
  set(index: number, value: unknown): void {
    if (this.checked) this.index(index);
    if (typeof value === "number") {
      this.setNumber(index, value);
    } else if (typeof value === "boolean") {
      this.tags[index] = Tag.Bool;
      this.nums[index] = value ? 1 : 0;
      this.objects[index] = undefined;
    } else if (value === null || value === undefined) {
      this.tags[index] = Tag.Null;
      this.objects[index] = undefined;
    } else {
      this.tags[index] = Tag.Ref;
      this.objects[index] = value;
    }
  }

  /** Stores a number in slot `index`, unboxed. */
  setNumber(index: number, n: number): void {
    if (this.checked) this.index(index);
    this.tags[index] = Tag.Number;
    this.nums[index] = n;
    this.objects[index] = undefined;
  }

  /**
   * Stores an int32 handle in slot `index`, unboxed.
   *
   * @throws StackError `type` in checked mode if `handle` is not an int32.
   */
  setHandle(index: number, handle: number): void {
    if (this.checked) {
      this.index(index);
      if ((handle | 0) !== handle) throw new StackError("type", `setHandle: ${handle} is not an int32`);
    }
    this.tags[index] = Tag.Handle;
    this.handles[index] = handle;
    this.objects[index] = undefined;
  }

  // ── marks and frames ────────────────────────────────────────────────────────

  /** The current depth, to return to with {@link release}. */
  mark(): StackMark {
    return this.sp as StackMark;
  }

  /**
   * Drops everything above `mark`, clearing the side-table entries of the dropped slots
   * (a scan of their tag bytes: O(slots dropped), no allocation, no per-value work).
   *
   * @throws StackError `underflow` if `mark` is not a depth the stack has; `frame-order` in
   *   checked mode if it would cut into the innermost frame.
   */
  release(mark: StackMark): void {
    if (!Number.isInteger(mark) || mark > this.sp || mark < 0)
      throw new StackError("underflow", `cannot release to ${mark}: the stack holds ${this.sp}`);
    if (this.checked && mark < this.floor) throw this.intoFrame(`release(${mark})`, mark);
    this.clear(mark, this.sp);
    this.sp = mark;
  }

  /**
   * Reserves `slots` slots initialised to null, addressed from {@link frameBase}. Until the
   * frame is popped, checked mode refuses pops, drops and releases that reach its slots.
   *
   * @param slots - Number of locals, a non-negative integer.
   * @returns The frame, to pass to `frameBase` and `popFrame`.
   * @throws RangeError if `slots` is not a non-negative integer; StackError `overflow` past
   *   `maxSize` slots or `maxSize` frames.
   */
  pushFrame(slots: number): FrameHandle {
    if (!Number.isInteger(slots) || slots < 0) {
      throw new RangeError(`pushFrame: slots must be a non-negative integer, got ${slots}`);
    }
    if (this.frames >= this.maxSize) {
      throw new StackError("overflow", `value stack overflow: more than ${this.maxSize} frames`);
    }
    const base = this.sp;
    const end = base + slots;
    if (end > this.capacity) this.grow(end);
    this.tags.fill(Tag.Null, base, end);
    this.sp = end;
    if (end > this.highWater) this.highWater = end;
    if (this.frames === this.frameBases.length) {
      this.frameBases = doubled(this.frameBases);
      this.frameEnds = doubled(this.frameEnds);
    }
    this.frameBases[this.frames] = base;
    this.frameEnds[this.frames] = end;
    this.floor = end;
    this.framesPushed++;
    return this.frames++ as FrameHandle;
  }

  /** The first slot of `frame`. */
  frameBase(frame: FrameHandle): number {
    if (this.checked && (frame < 0 || frame >= this.frames)) {
      throw new StackError("frame-order", `frame ${frame} is not on the stack (depth ${this.frames})`);
    }
    return this.frameBases[frame] as number;
  }

  /**
   * Pops `frame` and everything above it (O(slots dropped), as {@link release}).
   *
   * @throws StackError `frame-order` if `frame` is not on the stack, or in checked mode is
   *   not the innermost frame.
   */
  popFrame(frame: FrameHandle): void {
    if (frame !== this.frames - 1) {
      if (this.checked || !Number.isInteger(frame) || frame < 0 || frame >= this.frames) {
        throw new StackError(
          "frame-order",
          `popFrame(${frame}) but the innermost frame is ${this.frames - 1}`,
        );
      }
    }
    const base = this.frameBases[frame] as number;
    this.clear(base, this.sp);
    this.sp = base;
    this.frames = frame;
    this.floor = frame > 0 ? (this.frameEnds[frame - 1] as number) : 0;
  }

  /** Empties the stack and drops every reference. */
  reset(): void {
    this.clear(0, this.sp);
    this.sp = 0;
    this.frames = 0;
    this.floor = 0;
  }

  /** Clears side-table entries of slots [from, to) so dropped objects can be collected. */
  private clear(from: number, to: number): void {
    const objects = this.objects;
    const tags = this.tags;
    for (let i = from; i < to; i++) {
      if (tags[i] === Tag.Ref) objects[i] = undefined;
    }
  }

  /** Counters; `refsLive` scans the slots in use (O(size)). */
  stats(): StackStats {
    let refsLive = 0;
    for (let i = 0; i < this.sp; i++)
      if (this.tags[i] === Tag.Ref && this.objects[i] !== undefined) refsLive++;
    return {
      depth: this.sp,
      highWater: this.highWater,
      framesPushed: this.framesPushed,
      growths: this.growths,
      capacity: this.capacity,
      maxSize: this.maxSize,
      refsLive,
      bytesPerSlot: SLOT_BYTES,
      bytes: this.capacity * SLOT_BYTES,
    };
  }
}

function tagName(tag: number): string {
  switch (tag) {
    case Tag.Number:
      return "number";
    case Tag.Bool:
      return "boolean";
    case Tag.Ref:
      return "reference";
    case Tag.Handle:
      return "handle";
    default:
      return "null";
  }
}

function doubled(column: Int32Array): Int32Array {
  const bigger = new Int32Array(column.length * 2);
  bigger.set(column);
  return bigger;
}
