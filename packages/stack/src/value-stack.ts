/**
 * A typed value stack: temporaries and call frames in three parallel columns.
 *
 * | column | type | holds |
 * | --- | --- | --- |
 * | tags | Uint8Array | {@link Tag} of each slot |
 * | nums | Float64Array | the number (or 0/1 for a boolean) |
 * | refs | Int32Array | index into the reference side table, or -1 |
 *
 * Numbers, booleans and null never become heap objects here. Anything else (strings,
 * arrays, closures) goes into a side table — a plain array indexed by slot — and the
 * slot's ref column points at it. Popping, releasing a mark or a frame clears the side
 * table entries it drops, so the GC can collect them: no object is kept alive by a slot
 * that is no longer in use.
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
}

export class ValueStack {
  private tags: Uint8Array;
  private nums: Float64Array;
  /** The side table: objects by slot index (undefined when the slot holds none). */
  private objects: unknown[];
  private sp = 0;
  private capacity: number;
  private readonly maxSize: number;
  readonly checked: boolean;
  /** Base slot of each pushed frame, innermost last. */
  private frameBases: Int32Array = new Int32Array(64);
  private frames = 0;
  private highWater = 0;
  private framesPushed = 0;
  private growths = 0;

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
    this.tags = tags;
    this.nums = nums;
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

  /** Pushes a JS value: number → Number, boolean → Bool, null/undefined → Null, else Ref. */
  push(value: unknown): void {
    if (typeof value === "number") this.pushNumber(value);
    else if (typeof value === "boolean") this.pushBool(value);
    else if (value === null || value === undefined) this.pushNull();
    else this.pushRef(value);
  }

  // ── pop ─────────────────────────────────────────────────────────────────────

  private top(): number {
    const i = this.sp - 1;
    if (i < 0) throw new StackError("underflow", "value stack underflow: pop from an empty stack");
    return i;
  }

  /** Pops the top value as a JS value, clearing its side-table entry. */
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
      default:
        return null;
    }
  }

  /** Pops a number. In checked mode a non-number top is a `type` error. */
  popNumber(): number {
    const i = this.top();
    if (this.checked && this.tags[i] !== Tag.Number) {
      throw new StackError("type", `popNumber: the top slot holds a ${tagName(this.tags[i] as number)}`);
    }
    this.sp = i;
    return this.nums[i] as number;
  }

  /** Drops `count` values from the top, clearing their side-table entries. */
  drop(count = 1): void {
    const to = this.sp - count;
    if (count < 0 || to < 0)
      throw new StackError("underflow", `value stack underflow: cannot drop ${count} of ${this.sp}`);
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
      default:
        return null;
    }
  }

  /** Stores a JS value in slot `index`. */
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

  // ── marks and frames ────────────────────────────────────────────────────────

  /** The current depth, to return to with {@link release}. */
  mark(): StackMark {
    return this.sp as StackMark;
  }

  /** Drops everything above `mark` in O(dropped refs), clearing their references. */
  release(mark: StackMark): void {
    if (mark > this.sp || mark < 0)
      throw new StackError("underflow", `cannot release to ${mark}: the stack holds ${this.sp}`);
    if (this.checked && this.frames > 0 && mark < (this.frameBases[this.frames - 1] as number)) {
      throw new StackError(
        "frame-order",
        `release(${mark}) would cut into the frame that starts at ${this.frameBases[this.frames - 1]}`,
      );
    }
    this.clear(mark, this.sp);
    this.sp = mark;
  }

  /** Reserves `slots` slots initialised to null; address them from {@link frameBase}. */
  pushFrame(slots: number): FrameHandle {
    const base = this.sp;
    const end = base + slots;
    if (end > this.capacity) this.grow(end);
    this.tags.fill(Tag.Null, base, end);
    this.sp = end;
    if (end > this.highWater) this.highWater = end;
    if (this.frames === this.frameBases.length) {
      const bigger = new Int32Array(this.frames * 2);
      bigger.set(this.frameBases);
      this.frameBases = bigger;
    }
    this.frameBases[this.frames] = base;
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

  /** Pops `frame` and everything above it. In checked mode it must be the innermost frame. */
  popFrame(frame: FrameHandle): void {
    if (frame !== this.frames - 1) {
      if (this.checked || frame < 0 || frame >= this.frames) {
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
  }

  /** Empties the stack and drops every reference. */
  reset(): void {
    this.clear(0, this.sp);
    this.sp = 0;
    this.frames = 0;
  }

  /** Clears side-table entries of slots [from, to) so dropped objects can be collected. */
  private clear(from: number, to: number): void {
    const objects = this.objects;
    const tags = this.tags;
    for (let i = from; i < to; i++) {
      if (tags[i] === Tag.Ref) objects[i] = undefined;
    }
  }

  /** Counters. */
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
    };
  }
}

function tagName(tag: number): string {
  return tag === Tag.Number
    ? "number"
    : tag === Tag.Bool
      ? "boolean"
      : tag === Tag.Ref
        ? "reference"
        : "null";
}
