/**
 * Where call frames live. Pooled mode uses `@xmd/stack`'s ValueStack (tag, float64 and
 * int32 columns and a side table: numbers are never boxed). Heap mode allocates one
 * `{ tag, value }` object per frame slot and argument — the A/B baseline. (An
 * expression's intermediate values are locals of the compiled closures, in both modes.)
 * @module
 */
import { StackError, Tag, ValueStack } from "@xmd/stack";

/**
 * The subset of ValueStack compiled code uses: call frames, whose slots hold a function's
 * locals, and the arguments pushed just before a call. HeapTemps implements the same.
 */
export interface TempStack {
  readonly size: number;
  push(value: unknown): void;
  drop(count?: number): void;
  refAt(index: number): unknown;
  get(index: number): unknown;
  set(index: number, value: unknown): void;
  pushFrame(slots: number): number;
  frameBase(frame: number): number;
  popFrame(frame: number): void;
  reset(): void;
}

export { Tag };

/** Slots per call that maxCallDepth allows, and the least the stack has. */
export const SLOTS_PER_CALL = 64;
export const MIN_STACK_SLOTS = 1 << 16;

/**
 * Slots of the value stack a render gets: a few per call for its frame (each function's
 * variables) and the arguments pushed before it, so the stack backs up maxCallDepth; a
 * call whose variables would pass it is stopped as too deep (see `Machine.stackFullError`).
 */
export function valueStackSlots(maxCallDepth: number): number {
  return Math.max(MIN_STACK_SLOTS, maxCallDepth * SLOTS_PER_CALL);
}

export function createPooledTemps(maxSize: number, checked: boolean): ValueStack {
  return new ValueStack({ initialCapacity: 1024, maxSize, checked });
}

interface HeapTemp {
  tag: number;
  value: unknown;
}

/** Heap mode: an array of slot objects (one per argument and frame slot); frames are marks into it. */
export class HeapTemps implements TempStack {
  private items: (HeapTemp | undefined)[] = [];
  private frames: number[] = [];
  size = 0;
  /** Slot objects allocated (allocation accounting). */
  allocated = 0;

  constructor(private readonly maxSize: number) {}

  private slot(value: unknown): HeapTemp {
    this.allocated++;
    const tag =
      typeof value === "number"
        ? Tag.Number
        : typeof value === "boolean"
          ? Tag.Bool
          : value == null
            ? Tag.Null
            : Tag.Ref;
    return { tag, value: value ?? null };
  }
  push(value: unknown): void {
    if (this.size >= this.maxSize) throw new StackOverflow();
    this.items[this.size++] = this.slot(value);
  }
  drop(count = 1): void {
    for (let i = 0; i < count; i++) this.items[--this.size] = undefined;
  }
  refAt(index: number): unknown {
    return (this.items[index] as HeapTemp).value;
  }
  get(index: number): unknown {
    return (this.items[index] as HeapTemp).value;
  }
  set(index: number, value: unknown): void {
    this.items[index] = this.slot(value);
  }
  pushFrame(slots: number): number {
    const base = this.size;
    for (let i = 0; i < slots; i++) this.push(null);
    this.frames.push(base);
    return this.frames.length - 1;
  }
  frameBase(frame: number): number {
    return this.frames[frame] as number;
  }
  popFrame(frame: number): void {
    const base = this.frames[frame] as number;
    this.frames.length = frame;
    while (this.size > base) this.items[--this.size] = undefined;
  }
  reset(): void {
    this.items = [];
    this.frames = [];
    this.size = 0;
  }
}

/** Thrown by HeapTemps when it passes its limit; the evaluator reports call depth. */
export class StackOverflow extends Error {
  constructor() {
    super("value stack overflow");
  }
}

/** Whether `e` is the value stack running full, in either memory mode. */
export function isValueStackOverflow(e: unknown): boolean {
  return e instanceof StackOverflow || (e instanceof StackError && e.code === "overflow");
}
