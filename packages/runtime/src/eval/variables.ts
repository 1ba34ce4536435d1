/**
 * Variables that outlive a frame: module globals and the cells of captured variables.
 * Pooled mode keeps them in a `@xmd/pool` struct pool (a number column; every other value
 * in a side list); heap mode makes one `{ set, value }` object per variable.
 * @module
 */
import { type Handle, handleSlot, StructPool } from "@xmd/pool";
import { capacityError } from "../syntax/nodes.js";

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

const VARIABLE_FIELDS = { num: "f64" } as const;

/** What a variable's entry in the side list holds while the variable holds a number (in the pool's column). */
const NUMBER: unique symbol = Symbol("number");

/**
 * Pooled variables: a float64 per variable in the pool's column, where a number lives
 * (never boxed), and every other value in a side list indexed by the slot, the one place a
 * JavaScript value can live: a reference, null, a truth value (V8's own constants, never
 * allocated) or, for a variable never set, `undefined`; while the variable holds a number,
 * its entry is {@link NUMBER}. A read is one load and a compare for anything but a number,
 * a write one store: a tag column read and written besides (the layout before) made
 * global variables the cost that set pooled mode 12% behind heap mode on the bench's W3
 * (three nested loops over data, five globals read or written per cell).
 */
export class PooledVariables implements VariableStore {
  readonly pooled = true;
  readonly pool: StructPool<typeof VARIABLE_FIELDS>;
  private readonly fNum;
  /** Values by slot (see the class note); a slot not in use may hold a stale value, never read. */
  private refs: unknown[] = [];
  created = 0;

  constructor(
    maxCapacity: number,
    /** Whether handles are checked (the pool's generation test) on every read and write. */
    private readonly checked: boolean,
  ) {
    this.pool = new StructPool({
      name: "variables",
      fields: VARIABLE_FIELDS,
      pageSize: 1024,
      maxCapacity,
      checked,
    });
    this.fNum = this.pool.field("num");
  }
  get live(): number {
    return this.pool.live;
  }
  create(): number {
    const h = this.pool.acquire();
    this.created++;
    this.refs[handleSlot(h)] = undefined;
    return h;
  }
  isSet(v: number): boolean {
    return this.read(v) !== undefined;
  }
  read(v: number): unknown {
    const h = v as Handle;
    const value = this.refs[handleSlot(h)];
    if (value === NUMBER) return this.fNum.get(h);
    // In checked mode a stale or foreign handle fails here, as it does for a number.
    if (this.checked) this.fNum.get(h);
    return value;
  }
  write(v: number, value: unknown): void {
    if (typeof value === "number") {
      this.writeNumber(v, value);
      return;
    }
    const h = v as Handle;
    if (this.checked) this.fNum.get(h);
    this.refs[handleSlot(h)] = value ?? null;
  }
  writeNumber(v: number, n: number): void {
    const h = v as Handle;
    this.fNum.set(h, n);
    this.refs[handleSlot(h)] = NUMBER;
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
