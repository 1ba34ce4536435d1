/**
 * Variables that outlive a frame: module globals and the cells of captured variables.
 * Pooled mode keeps them in a `@xmd/pool` struct pool (tag + number columns, object
 * references in a side list); heap mode makes one `{ set, value }` object per variable.
 * @module
 */
import { type Handle, StructPool } from "@xmd/pool";
import { capacityError } from "../syntax/nodes.js";
import { Tag, type TempStack } from "./temps.js";

export interface VariableStore {
  readonly pooled: boolean;
  /** A new variable, unset. */
  create(): number;
  isSet(v: number): boolean;
  /** The value; `undefined` for a variable never set (no set variable holds `undefined`: it is stored as null). */
  read(v: number): unknown;
  write(v: number, value: unknown): void;
  writeNumber(v: number, n: number): void;
  /** Pushes the value onto the temp stack without boxing numbers. */
  pushOnto(v: number, stack: TempStack): void;
  /** Pops the top of the temp stack into the variable without boxing numbers. */
  popInto(v: number, stack: TempStack): void;
  releaseAll(): void;
  readonly live: number;
  /** Variables created (allocation accounting). */
  readonly created: number;
}

/** Unset is its own tag so "not defined" is cheap to test. */
const UNSET = 255;

const VARIABLE_FIELDS = { tag: "u8", num: "f64", ref: "i32" } as const;

export class PooledVariables implements VariableStore {
  readonly pooled = true;
  readonly pool: StructPool<typeof VARIABLE_FIELDS>;
  private readonly fTag;
  private readonly fNum;
  private readonly fRef;
  private refs: unknown[] = [];
  private freeRefs: number[] = [];
  created = 0;

  constructor(maxCapacity: number, checked: boolean) {
    this.pool = new StructPool({
      name: "variables",
      fields: VARIABLE_FIELDS,
      pageSize: 1024,
      maxCapacity,
      checked,
    });
    this.fTag = this.pool.field("tag");
    this.fNum = this.pool.field("num");
    this.fRef = this.pool.field("ref");
  }
  get live(): number {
    return this.pool.live;
  }
  create(): number {
    const h = this.pool.acquire();
    this.created++;
    this.fTag.set(h, UNSET);
    this.fRef.set(h, -1);
    return h;
  }
  isSet(v: number): boolean {
    return this.fTag.get(v as Handle) !== UNSET;
  }
  private clearRef(h: Handle): void {
    const r = this.fRef.get(h);
    if (r >= 0) {
      this.refs[r] = undefined;
      this.freeRefs.push(r);
      this.fRef.set(h, -1);
    }
  }
  read(v: number): unknown {
    const h = v as Handle;
    switch (this.fTag.get(h)) {
      case Tag.Number:
        return this.fNum.get(h);
      case Tag.Bool:
        return this.fNum.get(h) !== 0;
      case Tag.Ref:
        return this.refs[this.fRef.get(h)];
      case UNSET:
        return undefined;
      default:
        return null;
    }
  }
  write(v: number, value: unknown): void {
    const h = v as Handle;
    if (typeof value === "number") {
      this.writeNumber(v, value);
      return;
    }
    if (typeof value === "boolean") {
      this.clearRef(h);
      this.fTag.set(h, Tag.Bool);
      this.fNum.set(h, value ? 1 : 0);
      return;
    }
    if (value === null || value === undefined) {
      this.clearRef(h);
      this.fTag.set(h, Tag.Null);
      return;
    }
    let r = this.fRef.get(h);
    if (r < 0) {
      r = this.freeRefs.pop() ?? this.refs.length;
      this.fRef.set(h, r);
    }
    this.refs[r] = value;
    this.fTag.set(h, Tag.Ref);
  }
  writeNumber(v: number, n: number): void {
    const h = v as Handle;
    this.clearRef(h);
    this.fTag.set(h, Tag.Number);
    this.fNum.set(h, n);
  }
  pushOnto(v: number, stack: TempStack): void {
    const h = v as Handle;
    switch (this.fTag.get(h)) {
      case Tag.Number:
        stack.pushNumber(this.fNum.get(h));
        return;
      case Tag.Bool:
        stack.pushBool(this.fNum.get(h) !== 0);
        return;
      case Tag.Ref:
        stack.pushRef(this.refs[this.fRef.get(h)]);
        return;
      default:
        stack.pushNull();
    }
  }
  popInto(v: number, stack: TempStack): void {
    const top = stack.size - 1;
    if (stack.tagAt(top) === Tag.Number) {
      this.writeNumber(v, stack.numberAt(top));
      stack.drop(1);
    } else this.write(v, stack.pop());
  }
  releaseAll(): void {
    this.pool.reset();
    this.refs = [];
    this.freeRefs = [];
  }
}

interface HeapVariable {
  set: boolean;
  value: unknown;
}

export class HeapVariables implements VariableStore {
  readonly pooled = false;
  private vars: HeapVariable[] = [];
  created = 0;
  /** @param maxVariables - The same limit pooled mode's pool has (`maxPoolSlots`). */
  constructor(private readonly maxVariables: number = Number.POSITIVE_INFINITY) {}
  get live(): number {
    return this.vars.length;
  }
  create(): number {
    if (this.vars.length >= this.maxVariables) throw capacityError("variables", this.maxVariables);
    this.created++;
    this.vars.push({ set: false, value: null });
    return this.vars.length - 1;
  }
  isSet(v: number): boolean {
    return (this.vars[v] as HeapVariable).set;
  }
  read(v: number): unknown {
    const cell = this.vars[v] as HeapVariable;
    return cell.set ? cell.value : undefined;
  }
  write(v: number, value: unknown): void {
    const cell = this.vars[v] as HeapVariable;
    cell.set = true;
    cell.value = value ?? null;
  }
  writeNumber(v: number, n: number): void {
    this.write(v, n);
  }
  pushOnto(v: number, stack: TempStack): void {
    stack.push((this.vars[v] as HeapVariable).value);
  }
  popInto(v: number, stack: TempStack): void {
    this.write(v, stack.pop());
  }
  releaseAll(): void {
    this.vars = [];
  }
}
