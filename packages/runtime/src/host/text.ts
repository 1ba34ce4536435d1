/**
 * Text conversion and the value predicates every operator needs: what `print`, `{{…}}` and
 * `+` with a string produce, the kind name used in error messages, truthiness and `=`.
 * @module
 */
import { budget } from "../values/budget.js";
import { Callable } from "../values/callable.js";
import { ClassValue, classOf } from "../values/classes.js";
import { RuntimeFault } from "../values/fault.js";
import { GeneratorValue } from "../values/generator.js";
import { isRegex } from "../values/regex.js";

/** The kind of a value, as error messages name it. */
export type TypeName =
  | "number"
  | "string"
  | "boolean"
  | "null"
  | "array"
  | "object"
  | "date"
  | "function"
  | "class"
  | "regex"
  | "generator";

/**
 * True for a plain object made by `{}`/`set user name …`/JSON (not an array, date or
 * function), and for an instance of a class: an object of its fields, which every object
 * operation treats as one.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || classOf(value) !== null;
}

/** The kind of a value for error messages: "number", "string", "array", "object", "date", … */
export function typeName(value: unknown): TypeName {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "number":
    case "bigint":
      return "number";
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    case "function":
      return "function";
  }
  if (Array.isArray(value)) return "array";
  if (value instanceof Date) return "date";
  if (value instanceof ClassValue) return "class";
  if (value instanceof Callable) return "function";
  if (isRegex(value)) return "regex";
  if (value instanceof GeneratorValue) return "generator";
  return "object";
}

/**
 * The texts of the whole numbers below {@link SMALL_WHOLE}, made once: counts, indexes and
 * table cells are mostly small whole numbers, and a lookup here skips a call of V8's
 * number-to-string builtin (W3, a table of 5,000 cells of 0–999, ran 0–8% faster in A/B
 * runs on a noisy machine: not a sure gain, but no loss).
 */
const SMALL_WHOLE = 1024;
const SMALL_WHOLE_TEXT: readonly string[] = Array.from({ length: SMALL_WHOLE }, (_, i) => String(i));

/** A number the way XMD prints it: JavaScript's shortest form (which writes `-0` as `0`). */
export function numberToText(n: number): string {
  // `n >>> 0 === n` holds for whole numbers 0 ≤ n < 2^32 (and -0), false for fractions and NaN.
  if (n >>> 0 === n && n < SMALL_WHOLE) return SMALL_WHOLE_TEXT[n] as string;
  return String(n);
}

/** An ISO 8601 date, or `Invalid Date` for a date that holds no time. */
function dateToText(d: Date): string {
  return Number.isNaN(d.getTime()) ? "Invalid Date" : d.toISOString();
}

function functionText(fn: Callable): string {
  return fn instanceof ClassValue ? `<class ${fn.name}>` : `<function ${fn.name}>`;
}

/** One level of indentation of JSON written with `indent`, as `JSON.stringify` takes it: at most 10 characters. */
export function jsonIndent(indent: number | string | undefined): string {
  return typeof indent === "number"
    ? " ".repeat(Math.max(0, Math.min(10, Math.floor(indent))))
    : typeof indent === "string"
      ? indent.slice(0, 10)
      : "";
}

/**
 * Compact JSON of a value: dates as ISO strings, functions as `<function NAME>`, regexes as
 * `/source/flags`, `undefined` and non-finite numbers as `null`. `indent` as in
 * `JSON.stringify`. A value that contains itself is a runtime error.
 *
 * The same text `JSON.stringify` gives, built without recursion, so that a value nested
 * a hundred thousand levels deep is text like any other instead of overflowing the
 * JavaScript stack; its length is checked as it grows (maxStringLength), and the clock
 * and heap every few thousand values (see `Budget.step`).
 */
export function toJsonText(value: unknown, indent?: number | string): string {
  const gap = jsonIndent(indent);
  const b = budget();
  const first = jsonLeaf(value, "");
  if (typeof first === "string") return first;
  let out = "";
  const stack: JsonFrame[] = [];
  const onPath = new Set<object>();
  const open = (container: object): void => {
    if (onPath.has(container)) throw containsItself();
    onPath.add(container);
    const keys = Array.isArray(container) ? null : Object.keys(container);
    stack.push({ container, keys, i: 0, indent: gap === "" ? "" : `\n${gap.repeat(stack.length + 1)}` });
    out = b.append(out, keys === null ? "[" : "{", "converting to JSON");
  };
  open(first);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as JsonFrame;
    const { container, keys } = frame;
    const length = keys === null ? (container as unknown[]).length : keys.length;
    if (frame.i >= length) {
      stack.pop();
      onPath.delete(container);
      const close = keys === null ? "]" : "}";
      out = b.append(
        out,
        length > 0 && gap !== "" ? `${frame.indent.slice(0, -gap.length)}${close}` : close,
        "converting to JSON",
      );
      continue;
    }
    b.step();
    const i = frame.i++;
    let piece = i > 0 ? `,${frame.indent}` : frame.indent;
    let item: unknown;
    if (keys === null) item = (container as unknown[])[i];
    else {
      const key = keys[i] as string;
      item = (container as Record<string, unknown>)[key];
      piece += `${JSON.stringify(key)}:${gap === "" ? "" : " "}`;
    }
    const leaf = jsonLeaf(item, keys === null ? String(i) : (keys[i] as string));
    if (typeof leaf === "string") out = b.append(out, piece + leaf, "converting to JSON");
    else {
      out = b.append(out, piece, "converting to JSON");
      open(leaf);
    }
  }
  return out;
}

interface JsonFrame {
  readonly container: object;
  /** An object's keys; null for a list. */
  readonly keys: string[] | null;
  /** The next item or key. */
  i: number;
  /** What starts a line inside the container ("" when compact). */
  readonly indent: string;
}

/** One value's JSON when it has no items (a string), or the list or object to open. */
function jsonLeaf(value: unknown, key: string): string | object {
  let v = value;
  // Dates, XMD functions and regexes as text (what the replacer of JSON.stringify did).
  if (v instanceof Date) return JSON.stringify(dateToText(v));
  if (v instanceof Callable) return JSON.stringify(functionText(v));
  if (isRegex(v)) return JSON.stringify(String(v));
  if (v !== null && typeof v === "object" && typeof (v as { toJSON?: unknown }).toJSON === "function") {
    v = (v as { toJSON(key: string): unknown }).toJSON(key);
    if (v instanceof Callable) return JSON.stringify(functionText(v));
    if (isRegex(v)) return JSON.stringify(String(v));
  }
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "number":
      return Number.isFinite(v) ? numberToText(v) : "null";
    case "bigint":
      return JSON.stringify(Number(v)) ?? "null";
    case "boolean":
      return v ? "true" : "false";
    case "function":
      return '"<function>"';
    case "object":
      return v === null ? "null" : v;
    default:
      return "null";
  }
}

function containsItself(): RuntimeFault {
  return new RuntimeFault("runtime", "cannot convert a value that contains itself to text");
}

/**
 * Text conversion: strings as they are; numbers in shortest form (`3`, `3.5`, `-0.25`, `-0` → `0`);
 * `true`/`false`; null as nothing; arrays as their items converted and joined with `, `
 * (nested arrays flatten the same way); objects as compact JSON; dates as ISO 8601;
 * functions as `<function NAME>`. Without recursion (nested lists are walked with a
 * stack of their own), the length checked as it grows (maxStringLength).
 */
export function toText(value: unknown): string {
  if (!Array.isArray(value)) return scalarText(value);
  // A flat list, the common case, in one loop; nested lists go on with a stack of their own.
  const b = budget();
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    if (Array.isArray(item)) return nestedListText(value, i, out);
    b.step();
    out = b.append(out, i > 0 ? `, ${scalarText(item)}` : scalarText(item), "converting to text");
  }
  return out;
}

/** {@link toText} of `list` from item `from` on, which is a list, after `out` (its text so far). */
function nestedListText(list: unknown[], from: number, out: string): string {
  const b = budget();
  const lists: unknown[][] = [list];
  const next: number[] = [from];
  const onPath = new Set<unknown[]>([list]);
  while (lists.length > 0) {
    const top = lists.length - 1;
    const current = lists[top] as unknown[];
    const i = next[top] as number;
    if (i >= current.length) {
      onPath.delete(current);
      lists.pop();
      next.pop();
      continue;
    }
    next[top] = i + 1;
    b.step();
    if (i > 0) out = b.append(out, ", ", "converting to text");
    const item = current[i];
    if (Array.isArray(item)) {
      if (onPath.has(item)) throw containsItself();
      onPath.add(item);
      lists.push(item);
      next.push(0);
    } else out = b.append(out, scalarText(item), "converting to text");
  }
  return out;
}

/** Text of anything but a list. */
function scalarText(value: unknown): string {
  if (value === null || value === undefined) return "";
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      return numberToText(value);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return String(value);
    case "function":
      return "<function>";
  }
  if (value instanceof Date) return dateToText(value);
  if (value instanceof Callable) return functionText(value);
  if (isRegex(value)) return String(value);
  if (value instanceof GeneratorValue) return `<generator ${value.name}>`;
  return toJsonText(value);
}

/**
 * How many characters (code points) `text` has, as `for` and `split ""` count them; exact
 * only when it matters: a length of at most `atMost` code units is returned as it is
 * (there cannot be more characters than code units).
 */
export function characterCount(text: string, atMost: number): number {
  if (text.length <= atMost) return text.length;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/**
 * Truthiness for `if`, `while`, `and`, `or`, `not`, `? :`: `false`, `null`, `0`, `NaN` and `""` are
 * false; everything else is true — including empty arrays, empty objects and the string `"0"`.
 */
export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return false;
  if (typeof value === "number") return value !== 0 && !Number.isNaN(value);
  if (typeof value === "string") return value.length > 0;
  return true;
}

/**
 * Equality for `=` and `==`: same kind and same value. Numbers never equal strings
 * (`1 = "1"` is false); arrays and objects compare structurally (objects ignore key order);
 * dates compare by time; functions by identity; `null = null`; `NaN` equals nothing.
 *
 * Lists and objects are walked without recursion (however deep they nest), a pair
 * already being compared further up is assumed equal (so values that contain themselves
 * terminate), and the clock and heap are checked every few thousand items (`Budget.step`).
 */
export function looseEquals(a: unknown, b: unknown): boolean {
  const first = shallowEquals(a, b);
  if (first !== DESCEND) return first === SAME;
  const steps = budget();
  const frames: EqualsFrame[] = [];
  // The pairs being compared, left value → its right values.
  const onPath = new Map<object, object[]>();
  const enter = (x: object, y: object): void => {
    const rights = onPath.get(x);
    if (rights?.includes(y)) return; // already being compared further up
    if (rights === undefined) onPath.set(x, [y]);
    else rights.push(y);
    frames.push({ x, y, keys: Array.isArray(x) ? null : Object.keys(x), i: 0 });
  };
  enter(a as object, b as object);
  while (frames.length > 0) {
    const frame = frames[frames.length - 1] as EqualsFrame;
    const { x, y, keys } = frame;
    const length = keys === null ? (x as unknown[]).length : keys.length;
    if (frame.i >= length) {
      frames.pop();
      const rights = onPath.get(x) as object[];
      if (rights.length === 1) onPath.delete(x);
      else rights.pop();
      continue;
    }
    steps.step();
    const i = frame.i++;
    let u: unknown;
    let v: unknown;
    if (keys === null) {
      u = (x as unknown[])[i];
      v = (y as unknown[])[i];
    } else {
      const k = keys[i] as string;
      if (!Object.hasOwn(y, k)) return false;
      u = (x as Record<string, unknown>)[k];
      v = (y as Record<string, unknown>)[k];
    }
    const same = shallowEquals(u, v);
    if (same === DIFFERENT) return false;
    if (same === DESCEND) enter(u as object, v as object);
  }
  return true;
}

const DIFFERENT = 0;
const SAME = 1;
/** Two lists of one length, or two objects with as many keys: their items decide. */
const DESCEND = 2;

interface EqualsFrame {
  readonly x: object;
  readonly y: object;
  /** The left object's keys; null for lists. */
  readonly keys: string[] | null;
  i: number;
}

/** Whether two values are equal as far as can be told without looking at their items. */
function shallowEquals(a: unknown, b: unknown): number {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return SAME;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return DIFFERENT;
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime() ? SAME : DIFFERENT;
  }
  if (isRegex(a) || isRegex(b)) {
    // The same pattern and flags (flags print in one order: /a/mi is /a/im).
    return isRegex(a) && isRegex(b) && String(a) === String(b) ? SAME : DIFFERENT;
  }
  if (a instanceof Callable || b instanceof Callable) return DIFFERENT;
  const isArr = Array.isArray(a);
  if (isArr !== Array.isArray(b)) return DIFFERENT;
  if (isArr) return (a as unknown[]).length === (b as unknown[]).length ? DESCEND : DIFFERENT;
  // Instances are equal when of one class with equal fields; never equal to a plain object.
  if (classOf(a) !== classOf(b)) return DIFFERENT;
  return Object.keys(a).length === Object.keys(b).length ? DESCEND : DIFFERENT;
}
