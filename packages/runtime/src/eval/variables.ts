/**
 * Variables that outlive a frame: module globals and the cells of captured variables.
 * Pooled mode keeps them in a `@xmd/pool` struct pool (a number column; every other value
 * in a side list); heap mode makes one `{ set, value }` object per variable.
 * @module
 */
import { type Handle, handleSlot, StructPool } from "@xmd/pool";
import { KEPT_BUILDER_BYTES, TextBuilder } from "../output/text-builder.js";
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
  /**
   * The builder the variable's text is in, or null when it holds anything else (see
   * `output/text-builder.ts`). A read of the variable gets the builder's text; a write
   * replaces it.
   */
  builderOf(v: number): TextBuilder | null;
  /**
   * Puts the text `text` in a builder and makes that the variable's value; returns the
   * builder, or null (the variable unchanged) when the text cannot be held in one.
   */
  startText(v: number, text: string): TextBuilder | null;
  releaseAll(): void;
  readonly live: number;
  /** Variables created (allocation accounting). */
  readonly created: number;
}

const VARIABLE_FIELDS = { num: "f64" } as const;

/** What a variable's entry in the side list holds while the variable holds a number (in the pool's column). */
const NUMBER: unique symbol = Symbol("number");
/** Entries of the side list kept for the next render when the variables are released. */
const KEPT_REFS = 4096;
/** What it holds while the variable's text is in its slot's builder. */
const BUILDER: unique symbol = Symbol("builder");

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
  /**
   * Text builders by slot: a slot keeps its builder, idle while the variable holds
   * anything else, for the next variable of the slot to build text in (the slots of a
   * render's variables are the last render's), so a render that builds text allocates none.
   */
  private builders: (TextBuilder | undefined)[] = [];
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
    const h = v as Handle;
    if (this.checked) this.fNum.get(h);
    return this.refs[handleSlot(h)] !== undefined;
  }
  read(v: number): unknown {
    const h = v as Handle;
    const value = this.refs[handleSlot(h)];
    if (typeof value === "symbol") {
      if (value === NUMBER) return this.fNum.get(h);
      if (this.checked) this.fNum.get(h);
      return (this.builders[handleSlot(h)] as TextBuilder).text();
    }
    // In checked mode a stale or foreign handle fails here, as it does for a number.
    if (this.checked) this.fNum.get(h);
    return value;
  }
  builderOf(v: number): TextBuilder | null {
    const h = v as Handle;
    if (this.checked) this.fNum.get(h);
    const slot = handleSlot(h);
    return this.refs[slot] === BUILDER ? (this.builders[slot] as TextBuilder) : null;
  }
  startText(v: number, text: string): TextBuilder | null {
    const h = v as Handle;
    if (this.checked) this.fNum.get(h);
    const slot = handleSlot(h);
    let builder = this.builders[slot];
    if (builder === undefined) {
      builder = new TextBuilder();
      this.builders[slot] = builder;
    }
    builder.clear();
    if (!builder.appendText(text)) return null;
    this.refs[slot] = BUILDER;
    return builder;
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
    // Emptied in place (a render's variables then take the same entries again, with no
    // array grown anew), unless a large render made it long.
    if (this.refs.length > KEPT_REFS) this.refs = [];
    else this.refs.fill(undefined);
    // The builders stay for the next render, but not one a long text made large.
    const builders = this.builders;
    for (let i = 0; i < builders.length; i++)
      if ((builders[i]?.bytes.length ?? 0) > KEPT_BUILDER_BYTES) builders[i] = undefined;
  }
}

interface HeapVariable {
  set: boolean;
  value: unknown;
  /** The builder the text is in (a new one each time a variable starts one), or null. */
  builder: TextBuilder | null;
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
    this.vars.push({ set: false, value: null, builder: null });
    return this.vars.length - 1;
  }
  isSet(v: number): boolean {
    return (this.vars[v] as HeapVariable).set;
  }
  read(v: number): unknown {
    const cell = this.vars[v] as HeapVariable;
    if (cell.builder !== null) return cell.builder.text();
    return cell.set ? cell.value : undefined;
  }
  write(v: number, value: unknown): void {
    const cell = this.vars[v] as HeapVariable;
    cell.set = true;
    cell.value = value ?? null;
    cell.builder = null;
  }
  builderOf(v: number): TextBuilder | null {
    return (this.vars[v] as HeapVariable).builder;
  }
  startText(v: number, text: string): TextBuilder | null {
    const cell = this.vars[v] as HeapVariable;
    const builder = new TextBuilder();
    if (!builder.appendText(text)) return null;
    cell.set = true;
    cell.builder = builder;
    return builder;
  }
  writeNumber(v: number, n: number): void {
    this.write(v, n);
  }
  releaseAll(): void {
    this.vars = [];
  }
}
