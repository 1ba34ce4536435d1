/**
 * Variables that outlive a frame: module globals and the cells of captured variables.
 * Pooled mode keeps them in a `@xmd/pool` struct pool (tag + number columns, object
 * references in a side list); heap mode makes one `{ set, value }` object per variable.
 * @module
 */
import { type Handle, handleSlot, StructPool } from "@xmd/pool";
import { capacityError } from "../syntax/nodes.js";
import { Tag } from "./temps.js";

export interface VariableStore {
  readonly pooled: boolean;
  /** A new variable, unset. */
  create(): number;
  isSet(v: number): boolean;
  /** The value; `undefined` for a variable never set (no set variable holds `undefined`: it is stored as null). */
  read(v: number): unknown;
  write(v: number, value: unknown): void;
  writeNumber(v: number, n: number): void;
  releaseAll(): void;
  readonly live: number;
  /** Variables created (allocation accounting). */
  readonly created: number;
}

/** Unset is its own tag so "not defined" is cheap to test. */
const UNSET = 255;

const VARIABLE_FIELDS = { tag: "u8", num: "f64" } as const;

/**
 * Pooled variables: a tag and a float64 per variable in the pool's columns (numbers and
 * booleans are never boxed), and object references in a side list indexed by the slot,
 * the one place a JavaScript value can live. Indexed by slot rather than through a
 * third column of indexes, a read of a reference is two loads, not four.
 */
export class PooledVariables implements VariableStore {
  readonly pooled = true;
  readonly pool: StructPool<typeof VARIABLE_FIELDS>;
  private readonly fTag;
  private readonly fNum;
  /** References by slot; a slot that holds no reference may hold a stale one, never read (its tag says so). */
  private refs: unknown[] = [];
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
  }
  get live(): number {
    return this.pool.live;
  }
  create(): number {
    const h = this.pool.acquire();
    this.created++;
    this.fTag.set(h, UNSET);
    return h;
  }
  isSet(v: number): boolean {
    return this.fTag.get(v as Handle) !== UNSET;
  }
  read(v: number): unknown {
    const h = v as Handle;
    switch (this.fTag.get(h)) {
      case Tag.Ref:
        return this.refs[handleSlot(h)];
      case Tag.Number:
        return this.fNum.get(h);
      case Tag.Bool:
        return this.fNum.get(h) !== 0;
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
      this.dropRef(h);
      this.fTag.set(h, Tag.Bool);
      this.fNum.set(h, value ? 1 : 0);
      return;
    }
    if (value === null || value === undefined) {
      this.dropRef(h);
      this.fTag.set(h, Tag.Null);
      return;
    }
    this.refs[handleSlot(h)] = value;
    this.fTag.set(h, Tag.Ref);
  }
  writeNumber(v: number, n: number): void {
    const h = v as Handle;
    this.dropRef(h);
    this.fTag.set(h, Tag.Number);
    this.fNum.set(h, n);
  }
  /** A reference the variable held no longer keeps its value alive. */
  private dropRef(h: Handle): void {
    if (this.fTag.get(h) === Tag.Ref) this.refs[handleSlot(h)] = undefined;
  }
  releaseAll(): void {
    this.pool.reset();
    this.refs = [];
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
  releaseAll(): void {
    this.vars = [];
  }
}
