/**
 * Text conversion and the value predicates every operator needs: what `print`, `{{…}}` and
 * `+` with a string produce, the kind name used in error messages, truthiness and `=`.
 * @module
 */
import { Callable } from "../values/callable.js";
import { RuntimeFault } from "../values/fault.js";

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
  | "regex";

/** True for a plain object made by `{}`/`set user name …`/JSON (not an array, date or function). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
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
  if (value instanceof Callable) return "function";
  if (value instanceof RegExp) return "regex";
  return "object";
}

/** A number the way XMD prints it: JavaScript's shortest form, `-0` as `0`. */
export function numberToText(n: number): string {
  return Object.is(n, -0) ? "0" : String(n);
}

/** An ISO 8601 date, or `Invalid Date` for a date that holds no time. */
function dateToText(d: Date): string {
  return Number.isNaN(d.getTime()) ? "Invalid Date" : d.toISOString();
}

function functionText(fn: Callable): string {
  return `<function ${fn.name}>`;
}

/**
 * Compact JSON of a value: dates as ISO strings, functions as `<function NAME>`, regexes as
 * `/source/flags`, `undefined` and non-finite numbers as `null`. `indent` as in `JSON.stringify`.
 * A value that contains itself is a runtime error.
 */
export function toJsonText(value: unknown, indent?: number | string): string {
  try {
    const text = JSON.stringify(value, jsonReplacer, indent);
    return text === undefined ? "null" : text;
  } catch (err) {
    if (err instanceof RuntimeFault) throw err;
    if (err instanceof TypeError && /circular/i.test(err.message)) {
      throw new RuntimeFault("runtime", "cannot convert a value that contains itself to text");
    }
    throw err;
  }
}

function jsonReplacer(this: unknown, key: string, value: unknown): unknown {
  // Dates arrive already converted by Date#toJSON; look at the holder for invalid ones.
  const original = (this as Record<string, unknown>)[key];
  if (original instanceof Date) return dateToText(original);
  if (value instanceof Callable) return functionText(value);
  if (value instanceof RegExp) return String(value);
  if (typeof value === "function") return "<function>";
  if (typeof value === "bigint") return Number(value);
  if (value === undefined) return null;
  return value;
}

/**
 * Text conversion: strings as they are; numbers in shortest form (`3`, `3.5`, `-0.25`, `-0` → `0`);
 * `true`/`false`; null as nothing; arrays as their items converted and joined with `, `
 * (nested arrays flatten the same way); objects as compact JSON; dates as ISO 8601;
 * functions as `<function NAME>`.
 */
export function toText(value: unknown): string {
  return convert(value, []);
}

function convert(value: unknown, ancestors: unknown[]): string {
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
  if (Array.isArray(value)) {
    if (ancestors.includes(value)) {
      throw new RuntimeFault("runtime", "cannot convert a value that contains itself to text");
    }
    ancestors.push(value);
    let out = "";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ", ";
      out += convert(value[i], ancestors);
    }
    ancestors.pop();
    return out;
  }
  if (value instanceof Date) return dateToText(value);
  if (value instanceof Callable) return functionText(value);
  if (value instanceof RegExp) return String(value);
  return toJsonText(value);
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
 */
export function looseEquals(a: unknown, b: unknown): boolean {
  return deepEquals(a, b, []);
}

function deepEquals(a: unknown, b: unknown, seen: unknown[]): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (a instanceof RegExp || b instanceof RegExp) {
    return a instanceof RegExp && b instanceof RegExp && String(a) === String(b);
  }
  if (a instanceof Callable || b instanceof Callable) return false;
  // A pair already being compared further up is assumed equal (cycles terminate).
  for (let i = 0; i < seen.length; i += 2) if (seen[i] === a && seen[i + 1] === b) return true;
  const isArr = Array.isArray(a);
  if (isArr !== Array.isArray(b)) return false;
  seen.push(a, b);
  try {
    if (isArr) {
      const x = a as unknown[];
      const y = b as unknown[];
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) if (!deepEquals(x[i], y[i], seen)) return false;
      return true;
    }
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    const kx = Object.keys(x);
    if (kx.length !== Object.keys(y).length) return false;
    for (const k of kx) {
      if (!Object.hasOwn(y, k) || !deepEquals(x[k], y[k], seen)) return false;
    }
    return true;
  } finally {
    seen.length -= 2;
  }
}
