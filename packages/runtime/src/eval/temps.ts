/**
 * Where temporaries and call frames live. Pooled mode uses `@xmd/stack`'s ValueStack
 * (tag, float64 and int32 columns and a side table: numbers and variable handles are never boxed). Heap mode allocates one
 * `{ tag, value }` object per temporary and per frame slot — the A/B baseline.
 * @module
 */
import { StackError, Tag, ValueStack } from "@xmd/stack";

/** The subset of ValueStack the evaluator uses; HeapTemps implements the same. */
export interface TempStack {
  readonly size: number;
  pushNumber(n: number): void;
  pushBool(b: boolean): void;
  pushNull(): void;
  pushRef(value: unknown): void;
  push(value: unknown): void;
  pop(): unknown;
  popNumber(): number;
  drop(count?: number): void;
  peek(depth?: number): unknown;
  tagAt(index: number): number;
  numberAt(index: number): number;
  handleAt(index: number): number;
  refAt(index: number): unknown;
  get(index: number): unknown;
  set(index: number, value: unknown): void;
  setNumber(index: number, n: number): void;
  setHandle(index: number, handle: number): void;
  pushFrame(slots: number): number;
  frameBase(frame: number): number;
  popFrame(frame: number): void;
  reset(): void;
}

export { Tag };

export function createPooledTemps(maxSize: number, checked: boolean): ValueStack {
  return new ValueStack({ initialCapacity: 1024, maxSize, checked });
}

interface HeapTemp {
  tag: number;
  value: unknown;
}

/** Heap mode: an array of temporary objects; frames are marks into it. */
export class HeapTemps implements TempStack {
  private items: (HeapTemp | undefined)[] = [];
  private frames: number[] = [];
  size = 0;
  /** Temporaries allocated (allocation accounting). */
  allocated = 0;

  constructor(private readonly maxSize: number) {}

  private put(tag: number, value: unknown): void {
    if (this.size >= this.maxSize) throw new StackOverflow();
    this.allocated++;
    this.items[this.size++] = { tag, value };
  }
  pushNumber(n: number): void {
    this.put(Tag.Number, n);
  }
  pushBool(b: boolean): void {
    this.put(Tag.Bool, b);
  }
  pushNull(): void {
    this.put(Tag.Null, null);
  }
  pushRef(value: unknown): void {
    this.put(Tag.Ref, value);
  }
  push(value: unknown): void {
    if (typeof value === "number") this.pushNumber(value);
    else if (typeof value === "boolean") this.pushBool(value);
    else if (value === null || value === undefined) this.pushNull();
    else this.pushRef(value);
  }
  pop(): unknown {
    const item = this.items[--this.size] as HeapTemp;
    this.items[this.size] = undefined;
    return item.value;
  }
  popNumber(): number {
    return this.pop() as number;
  }
  drop(count = 1): void {
    for (let i = 0; i < count; i++) this.items[--this.size] = undefined;
  }
  peek(depth = 0): unknown {
    return (this.items[this.size - 1 - depth] as HeapTemp).value;
  }
  tagAt(index: number): number {
    return (this.items[index] as HeapTemp).tag;
  }
  numberAt(index: number): number {
    return (this.items[index] as HeapTemp).value as number;
  }
  handleAt(index: number): number {
    return (this.items[index] as HeapTemp).value as number;
  }
  refAt(index: number): unknown {
    return (this.items[index] as HeapTemp).value;
  }
  get(index: number): unknown {
    return (this.items[index] as HeapTemp).value;
  }
  set(index: number, value: unknown): void {
    const tag =
      typeof value === "number"
        ? Tag.Number
        : typeof value === "boolean"
          ? Tag.Bool
          : value == null
            ? Tag.Null
            : Tag.Ref;
    this.allocated++;
    this.items[index] = { tag, value: value ?? null };
  }
  setNumber(index: number, n: number): void {
    this.allocated++;
    this.items[index] = { tag: Tag.Number, value: n };
  }
  setHandle(index: number, handle: number): void {
    this.allocated++;
    this.items[index] = { tag: Tag.Handle, value: handle };
  }
  pushFrame(slots: number): number {
    const base = this.size;
    for (let i = 0; i < slots; i++) this.put(Tag.Null, null);
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
