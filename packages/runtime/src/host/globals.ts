/**
 * The global builtin functions (`len`, `range`, `map`, `round`, …) by name. The parser needs
 * the names (a builtin name followed by a value is a call); the evaluator calls the functions.
 * `print`, `exists`, `import`, `exec`/`cmd` and `get`/`put` are syntax, handled by the evaluator.
 * @module
 */
import { budget } from "../values/budget.js";
import { RuntimeFault } from "../values/fault.js";
import {
  describe,
  expectArray,
  expectCallable,
  expectInteger,
  expectNumber,
  expectObject,
  orNull,
} from "./args.js";
import { type HostFunction, withArgCount } from "./host-function.js";
import { filterArray, joinItems, mapArray, reduceArray } from "./methods.js";
import { roundTo, toNumber } from "./numbers.js";
import { isPlainObject, toText } from "./text.js";

function fn(name: string, min: number, max: number, run: HostFunction): [string, HostFunction] {
  return [name, withArgCount(name, min, max, run)];
}

function unary(name: string, f: (n: number) => number): [string, HostFunction] {
  return fn(name, 1, 1, (_c, a) => f(expectNumber(a[0], `${name} argument`)));
}

/**
 * `min`/`max` of numbers or of one list of numbers, in a loop: `Math.min(...numbers)`
 * passes every number on the JavaScript stack, which a long list overflows.
 */
function extreme(name: string, args: unknown[], larger: boolean): number {
  const list = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
  if (list.length === 0)
    throw new RuntimeFault("runtime", `${name} of nothing: give numbers or one array of numbers`);
  let best = Number.NaN;
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    if (typeof x !== "number") expectNumber(x, `${name} argument ${i + 1}`);
    const n = x as number;
    best = i === 0 ? n : larger ? Math.max(best, n) : Math.min(best, n);
  }
  return best;
}

/** `range n` → 0 … n-1; `range a b` → a … b-1; `range a b step` (step may be negative, not 0). */
export function range(args: readonly unknown[]): number[] {
  let start = 0;
  let end: number;
  let step = 1;
  if (args.length === 1) end = expectNumber(args[0], "range end");
  else {
    start = expectNumber(args[0], "range start");
    end = expectNumber(args[1], "range end");
    if (args.length > 2) step = expectNumber(args[2], "range step");
  }
  if (step === 0 || !Number.isFinite(step))
    throw new RuntimeFault("runtime", "range step must be a non-zero number");
  if (Number.isNaN(start) || Number.isNaN(end))
    throw new RuntimeFault("runtime", "range start and end must be numbers, not NaN");
  const count = Math.max(0, Math.ceil((end - start) / step));
  budget().list(count, "range");
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = start + i * step;
  return out;
}

function length(value: unknown): number {
  if (typeof value === "string" || Array.isArray(value)) return value.length;
  if (isPlainObject(value)) return Object.keys(value).length;
  throw new RuntimeFault("type", `len needs a string, an array or an object, not ${describe(value)}`);
}

/** Every global builtin by name. */
export const GLOBALS: ReadonlyMap<string, HostFunction> = new Map<string, HostFunction>([
  fn("join", 1, 2, (_c, a) =>
    joinItems(expectArray(a[0], "join list"), a.length > 1 && a[1] !== null ? toText(a[1]) : ","),
  ),
  fn("len", 1, 1, (_c, a) => length(a[0])),
  fn("range", 1, 3, (_c, a) => range(a)),
  fn("keys", 1, 1, (_c, a) => Object.keys(expectObject(a[0], "keys argument"))),
  fn("values", 1, 1, (_c, a) => Object.values(expectObject(a[0], "values argument")).map(orNull)),
  fn("round", 1, 2, (_c, a) =>
    roundTo(
      expectNumber(a[0], "round argument"),
      a.length > 1 && a[1] !== null ? expectInteger(a[1], "round digits") : 0,
    ),
  ),
  unary("floor", Math.floor),
  unary("ceil", Math.ceil),
  unary("abs", Math.abs),
  unary("sqrt", (n) => {
    if (n < 0) throw new RuntimeFault("runtime", `sqrt of a negative number (${n})`);
    return Math.sqrt(n);
  }),
  fn("min", 1, Number.POSITIVE_INFINITY, (_c, a) => extreme("min", a, false)),
  fn("max", 1, Number.POSITIVE_INFINITY, (_c, a) => extreme("max", a, true)),
  fn("number", 1, 1, (_c, a) => toNumber(a[0])),
  fn("string", 1, 1, (_c, a) => toText(a[0])),
  fn("map", 2, 2, (c, a) => mapArray(c, expectArray(a[0], "map list"), expectCallable(a[1], "map function"))),
  fn("filter", 2, 2, (c, a) =>
    filterArray(c, expectArray(a[0], "filter list"), expectCallable(a[1], "filter function")),
  ),
  fn("reduce", 2, 3, (c, a) =>
    reduceArray(c, expectArray(a[0], "reduce list"), expectCallable(a[1], "reduce function"), a.slice(1)),
  ),
]);

/** Names of the global builtins, for the parser. */
export const GLOBAL_NAMES: readonly string[] = Object.freeze([...GLOBALS.keys()]);

export { NAMESPACE_NAMES, NAMESPACES } from "./namespaces.js";
