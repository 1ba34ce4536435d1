/**
 * Argument checks for builtins and methods, with messages that say which argument of what
 * was wrong and what it was.
 * @module
 */
import { Callable } from "../values/callable.js";
import { RuntimeFault } from "../values/fault.js";
import { isPlainObject, toText, typeName } from "./text.js";

/** A short description of a value for messages: `a string ("abc")`, `an array`, `null`. */
export function describe(value: unknown): string {
  const kind = typeName(value);
  switch (kind) {
    case "null":
      return "null";
    case "string": {
      const s = value as string;
      return `a string (${JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s)})`;
    }
    case "number":
    case "boolean":
      return `a ${kind} (${toText(value)})`;
    case "array":
    case "object":
      return `an ${kind}`;
    default:
      return `a ${kind}`;
  }
}

function wrong(what: string, expected: string, value: unknown): RuntimeFault {
  return new RuntimeFault("type", `${what} must be ${expected}, not ${describe(value)}`);
}

export function expectString(value: unknown, what: string): string {
  if (typeof value !== "string") throw wrong(what, "a string", value);
  return value;
}

export function expectNumber(value: unknown, what: string): number {
  if (typeof value !== "number") throw wrong(what, "a number", value);
  return value;
}

/** A whole number (no fraction, finite). */
export function expectInteger(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isInteger(value)) throw wrong(what, "a whole number", value);
  return value;
}

export function expectArray(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw wrong(what, "an array", value);
  return value;
}

export function expectObject(value: unknown, what: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw wrong(what, "an object", value);
  return value;
}

export function expectCallable(value: unknown, what: string): Callable {
  if (!(value instanceof Callable)) throw wrong(what, "a function (for example x => x * 2)", value);
  return value;
}

/** Throws unless `min <= args.length <= max`. */
export function expectArgCount(args: readonly unknown[], min: number, max: number, what: string): void {
  if (args.length >= min && args.length <= max) return;
  const wanted =
    min === max
      ? `${min} argument${min === 1 ? "" : "s"}`
      : max === Number.POSITIVE_INFINITY
        ? `at least ${min} argument${min === 1 ? "" : "s"}`
        : `${min} to ${max} arguments`;
  throw new RuntimeFault("type", `${what} takes ${wanted}, got ${args.length}`);
}

/** `undefined` never escapes into XMD: it becomes null. */
export function orNull(value: unknown): unknown {
  return value === undefined ? null : value;
}
