/**
 * Members and methods of values: `text.upper`, `items.push x`, `user.name`, `d.diff other "years"`.
 * A method that needs no argument can be read like a property (`text.length`, `items.pop`).
 * @module
 */
import { budget } from "../values/budget.js";
import { Callable } from "../values/callable.js";
import { RuntimeFault } from "../values/fault.js";
import { DONE, type GeneratorValue } from "../values/generator.js";
import { isRegex, type Regex, toRegex } from "../values/regex.js";
import { describe, expectCallable, expectInteger, expectString, orNull } from "./args.js";
import type { HostContext } from "./context.js";
import { dateDiff, formatDate, parseDate } from "./dates.js";
import { withArgCount } from "./host-function.js";
import { formatNumber } from "./markdown-text.js";
import { MAX_DIGITS, roundTo } from "./numbers.js";
import { regexMatch, regexReplace, regexSplit, regexTest } from "./regexes.js";
import { didYouMean } from "./suggest.js";
import { characterCount, isPlainObject, isTruthy, looseEquals, toText, typeName } from "./text.js";

interface Method<T> {
  readonly min: number;
  readonly max: number;
  run(ctx: HostContext, self: T, args: unknown[]): unknown;
}

function m<T>(min: number, max: number, run: Method<T>["run"]): Method<T> {
  return { min, max, run };
}

/** A method ready to call: its argument count checked (see {@link withArgCount}). */
type CheckedMethod<T> = (ctx: HostContext, args: unknown[], self: T) => unknown;

/** What values of each kind are called in messages (`.upper on strings takes 0 arguments`). */
const PLURAL: Record<string, string> = {
  string: "strings",
  array: "arrays",
  number: "numbers",
  date: "dates",
  object: "objects",
  regex: "regexes",
  generator: "generators",
  boolean: "true/false values",
  function: "functions",
  class: "classes",
};

/** The methods of one kind of value (a {@link typeName}), by name. */
function methods<T>(kind: string, entries: [string, Method<T>][]): ReadonlyMap<string, CheckedMethod<T>> {
  const table = new Map<string, CheckedMethod<T>>();
  for (const [name, { min, max, run }] of entries) {
    table.set(
      name,
      withArgCount<T>(`.${name} on ${PLURAL[kind]}`, min, max, (ctx, args, self) => run(ctx, self, args)),
    );
  }
  return table;
}

const ANY = Number.POSITIVE_INFINITY;

/** An optional argument: absent or null means "not given". */
function given(args: unknown[], i: number): boolean {
  // Past the end, args[i] is undefined.
  const arg = args[i];
  return arg !== null && arg !== undefined;
}

function optInteger(args: unknown[], i: number, what: string): number | undefined {
  return given(args, i) ? expectInteger(args[i], what) : undefined;
}

// ---------------------------------------------------------------------------------- strings

/** A text, or a regex (a RegExp from the API made one); anything else is a "type" error naming `what`. */
function textOrRegex(value: unknown, what: string): string | Regex {
  return isRegex(value) ? toRegex(value) : expectString(value, what);
}

/** How often `part` occurs in `text` without overlapping (`""`: between every two code units and at both ends). */
function occurrences(text: string, part: string): number {
  if (part === "") return text.length + 1;
  let count = 0;
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + part.length)) count++;
  return count;
}

/**
 * `text.split sep` after checking the list it makes (maxListItems): exactly, by counting,
 * for a text separator; for whitespace, by asking for one item more than the limit
 * allows, so that no more than that is ever made. (Regexes split in `regexes.ts`.)
 */
function splitText(text: string, sep: string | null): string[] {
  const b = budget();
  const max = b.limits.maxListItems;
  if (sep === "") {
    b.list(characterCount(text, max), ".split");
    return Array.from(text);
  }
  if (sep !== null) {
    b.list(text.length < max ? text.length + 1 : occurrences(text, sep) + 1, ".split");
    return text.split(sep);
  }
  const parts = text.split(/\s+/, max + 1);
  if (parts.length > max) b.list(Number.POSITIVE_INFINITY, ".split");
  b.note(parts.length * 8);
  return parts;
}

/** Every occurrence of `what` replaced by `by`, after checking the length of the result (maxStringLength). */
function replaceText(text: string, what: string, by: string): string {
  const count = by.length > what.length ? occurrences(text, what) : 0;
  budget().string(text.length + count * (by.length - what.length), ".replace");
  return text.replaceAll(what, () => by);
}

/** A string method whose result can be longer than its input (case mapping): checked once made. */
function checked(out: string, what: string): string {
  budget().string(out.length, what);
  return out;
}

/** `text.padStart n` / `padEnd`: the length asked for is checked first (maxStringLength). */
function padded(s: string, a: unknown[], end: boolean): string {
  const what = end ? ".padEnd" : ".padStart";
  const length = expectInteger(a[0], `${what} length`);
  if (length > s.length) budget().string(length, what);
  const fill = given(a, 1) ? toText(a[1]) : " ";
  return end ? s.padEnd(length, fill) : s.padStart(length, fill);
}

const STRING_METHODS = methods<string>("string", [
  ["length", m(0, 0, (_c, s) => s.length)],
  ["upper", m(0, 0, (_c, s) => checked(s.toUpperCase(), ".upper"))],
  ["lower", m(0, 0, (_c, s) => checked(s.toLowerCase(), ".lower"))],
  ["trim", m(0, 0, (_c, s) => s.trim())],
  ["trimStart", m(0, 0, (_c, s) => s.trimStart())],
  ["trimEnd", m(0, 0, (_c, s) => s.trimEnd())],
  [
    "split",
    // No separator: split on runs of whitespace (ignoring leading/trailing); "" splits into characters.
    m(0, 1, (_c, s, a) => {
      if (!given(a, 0)) {
        const t = s.trim();
        return t === "" ? [] : splitText(t, null);
      }
      const sep = textOrRegex(a[0], ".split separator");
      return typeof sep === "string" ? splitText(s, sep) : regexSplit(sep, s);
    }),
  ],
  [
    "replace",
    // Every occurrence of a text (taken literally: `$` has no meaning); a regex replaces
    // its first match, or every match with `g`, and `$1` in `by` is its first group.
    m(2, 2, (_c, s, a) => {
      const what = textOrRegex(a[0], ".replace pattern");
      const by = toText(a[1]);
      return typeof what === "string" ? replaceText(s, what, by) : regexReplace(what, s, by);
    }),
  ],
  ["startsWith", m(1, 1, (_c, s, a) => s.startsWith(expectString(a[0], ".startsWith argument")))],
  ["endsWith", m(1, 1, (_c, s, a) => s.endsWith(expectString(a[0], ".endsWith argument")))],
  [
    "includes",
    m(1, 1, (_c, s, a) => {
      const x = textOrRegex(a[0], ".includes argument");
      return typeof x === "string" ? s.includes(x) : regexTest(x, s);
    }),
  ],
  ["slice", m(0, 2, (_c, s, a) => s.slice(optInteger(a, 0, ".slice start"), optInteger(a, 1, ".slice end")))],
  ["indexOf", m(1, 1, (_c, s, a) => s.indexOf(expectString(a[0], ".indexOf argument")))],
  ["lastIndexOf", m(1, 1, (_c, s, a) => s.lastIndexOf(expectString(a[0], ".lastIndexOf argument")))],
  ["padStart", m(1, 2, (_c, s, a) => padded(s, a, false))],
  ["padEnd", m(1, 2, (_c, s, a) => padded(s, a, true))],
  [
    "repeat",
    m(1, 1, (_c, s, a) => {
      const n = expectInteger(a[0], ".repeat count");
      if (n < 0) throw new RuntimeFault("runtime", `.repeat count must not be negative, got ${n}`);
      budget().string(s.length * n, ".repeat");
      return s.repeat(n);
    }),
  ],
  ["charAt", m(1, 1, (_c, s, a) => s.charAt(expectInteger(a[0], ".charAt index")))],
  [
    "match",
    // A text: `[text]` when it occurs, else null; a regex: as `re.match s`.
    m(1, 1, (_c, s, a) => {
      const what = textOrRegex(a[0], ".match pattern");
      if (typeof what !== "string") return regexMatch(what, s);
      return s.includes(what) ? [what] : null;
    }),
  ],
]);

// ----------------------------------------------------------------------------------- arrays

/**
 * `.sort`: in place, stable, and bounded — every comparison is a step of the run's
 * budget, so the clock is checked as the sort goes, not only when it is done. Without a
 * function: numbers numerically when every item is a number, else by text, each item
 * converted once (not at every comparison: a million objects were converted to JSON
 * forty million times).
 */
function sortItems(ctx: HostContext, xs: unknown[], fn: Callable | null): unknown[] {
  const b = budget();
  if (fn !== null) {
    const compare = userCompare(ctx, fn);
    return xs.sort((x, y) => {
      b.step();
      return compare(x, y);
    });
  }
  if (xs.every((x) => typeof x === "number")) {
    return xs.sort((x, y) => {
      b.step();
      return (x as number) - (y as number);
    });
  }
  b.list(xs.length, ".sort");
  const texts = new Array<string>(xs.length);
  for (let i = 0; i < xs.length; i++) {
    b.step();
    texts[i] = toText(xs[i]);
  }
  b.list(xs.length, ".sort");
  const order = new Array<number>(xs.length);
  for (let i = 0; i < xs.length; i++) order[i] = i;
  order.sort((i, j) => {
    b.step();
    const x = texts[i] as string;
    const y = texts[j] as string;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  b.list(xs.length, ".sort");
  const sorted = order.map((i) => xs[i]);
  for (let i = 0; i < xs.length; i++) xs[i] = sorted[i];
  return xs;
}

/** A comparison function may return a number (negative: a first) or a boolean (true: a first). */
function userCompare(ctx: HostContext, fn: Callable): (a: unknown, b: unknown) => number {
  return (a, b) => {
    const r = ctx.call(fn, [a, b]);
    if (typeof r === "number") return Number.isNaN(r) ? 0 : r;
    if (typeof r === "boolean") {
      if (r) return -1;
      return isTruthy(ctx.call(fn, [b, a])) ? 1 : 0;
    }
    throw new RuntimeFault(
      "type",
      `the .sort function must return a number or true/false, not ${describe(r)}`,
    );
  };
}

/** `reduce`: `args[1]` is the starting value; without it the first item starts. */
export function reduceArray(
  ctx: HostContext,
  items: readonly unknown[],
  fn: Callable,
  args: unknown[],
): unknown {
  let i = 0;
  let acc: unknown;
  if (args.length >= 2) acc = args[1];
  else {
    if (items.length === 0) {
      throw new RuntimeFault(
        "runtime",
        "reduce of an empty array needs a starting value",
        "reduce list f, 0",
      );
    }
    acc = items[0];
    i = 1;
  }
  for (; i < items.length; i++) acc = orNull(ctx.call(fn, [acc, items[i]]));
  return acc;
}

/** `map`/`filter`/`reduce` shared with the global builtins. Functions receive the item only. */
export function mapArray(ctx: HostContext, items: readonly unknown[], fn: Callable): unknown[] {
  budget().list(items.length, "map");
  const out = new Array<unknown>(items.length);
  for (let i = 0; i < items.length; i++) out[i] = orNull(ctx.call(fn, [items[i]]));
  return out;
}

export function filterArray(ctx: HostContext, items: readonly unknown[], fn: Callable): unknown[] {
  const out: unknown[] = [];
  for (const item of items) if (isTruthy(ctx.call(fn, [item]))) out.push(item);
  return out;
}

function indexOfValue(items: readonly unknown[], x: unknown): number {
  const b = budget();
  for (let i = 0; i < items.length; i++) {
    b.step();
    if (looseEquals(items[i], x)) return i;
  }
  return -1;
}

/** `xs.concat a, b, …`: lists are joined, anything else is one item; the length is checked first. */
function concatItems(xs: readonly unknown[], args: readonly unknown[]): unknown[] {
  let length = xs.length;
  for (const x of args) length += Array.isArray(x) ? x.length : 1;
  budget().list(length, ".concat");
  const out = xs.slice();
  // One by one: xs.concat(...args) passes every argument on the JavaScript stack.
  for (const x of args) {
    if (Array.isArray(x)) for (let i = 0; i < x.length; i++) out.push(x[i]);
    else out.push(orNull(x));
  }
  return out;
}

const ARRAY_METHODS = methods<unknown[]>("array", [
  ["length", m(0, 0, (_c, xs) => xs.length)],
  [
    "push",
    m(1, ANY, (_c, xs, a) => {
      budget().list(xs.length + a.length, ".push");
      for (const x of a) xs.push(orNull(x));
      return xs.length;
    }),
  ],
  ["pop", m(0, 0, (_c, xs) => orNull(xs.pop()))],
  ["shift", m(0, 0, (_c, xs) => orNull(xs.shift()))],
  ["join", m(0, 1, (_c, xs, a) => joinItems(xs, given(a, 0) ? toText(a[0]) : ","))],
  ["map", m(1, 1, (c, xs, a) => mapArray(c, xs, expectCallable(a[0], ".map argument")))],
  ["filter", m(1, 1, (c, xs, a) => filterArray(c, xs, expectCallable(a[0], ".filter argument")))],
  ["reduce", m(1, 2, (c, xs, a) => reduceArray(c, xs, expectCallable(a[0], ".reduce argument"), a))],
  [
    "find",
    m(1, 1, (c, xs, a) => {
      const fn = expectCallable(a[0], ".find argument");
      for (const x of xs) if (isTruthy(c.call(fn, [x]))) return x;
      return null;
    }),
  ],
  [
    "some",
    m(1, 1, (c, xs, a) => {
      const fn = expectCallable(a[0], ".some argument");
      return xs.some((x) => isTruthy(c.call(fn, [x])));
    }),
  ],
  [
    "every",
    m(1, 1, (c, xs, a) => {
      const fn = expectCallable(a[0], ".every argument");
      return xs.every((x) => isTruthy(c.call(fn, [x])));
    }),
  ],
  [
    "sort",
    // Sorts in place (stable) and returns the same array, as JavaScript does.
    m(0, 1, (c, xs, a) => sortItems(c, xs, given(a, 0) ? expectCallable(a[0], ".sort argument") : null)),
  ],
  // Reverses in place and returns the same array, as JavaScript does.
  ["reverse", m(0, 0, (_c, xs) => xs.reverse())],
  ["includes", m(1, 1, (_c, xs, a) => indexOfValue(xs, a[0]) >= 0)],
  ["indexOf", m(1, 1, (_c, xs, a) => indexOfValue(xs, a[0]))],
  [
    "slice",
    m(0, 2, (_c, xs, a) => xs.slice(optInteger(a, 0, ".slice start"), optInteger(a, 1, ".slice end"))),
  ],
  ["concat", m(0, ANY, (_c, xs, a) => concatItems(xs, a))],
  ["first", m(0, 0, (_c, xs) => orNull(xs[0]))],
  ["last", m(0, 0, (_c, xs) => orNull(xs[xs.length - 1]))],
]);

/** Items converted to text and joined (the `.join` method and the `join` builtin); the length is checked as it grows. */
export function joinItems(items: readonly unknown[], sep: string): string {
  const b = budget();
  let out = "";
  for (let i = 0; i < items.length; i++) {
    b.step();
    out = b.append(out, i > 0 ? sep + toText(items[i]) : toText(items[i]), "join");
  }
  return out;
}

// ---------------------------------------------------------------------------------- numbers

const NUMBER_METHODS = methods<number>("number", [
  ["round", m(0, 1, (_c, n, a) => roundTo(n, optInteger(a, 0, ".round digits") ?? 0))],
  ["floor", m(0, 0, (_c, n) => Math.floor(n))],
  ["ceil", m(0, 0, (_c, n) => Math.ceil(n))],
  ["abs", m(0, 0, (_c, n) => Math.abs(n))],
  [
    "toFixed",
    // Rounded as `round` rounds (1.005 → "1.01", halves away from zero), then written
    // with exactly that many decimals.
    m(0, 1, (_c, n, a) => {
      const digits = optInteger(a, 0, ".toFixed digits") ?? 0;
      if (digits < 0 || digits > MAX_DIGITS)
        throw new RuntimeFault("runtime", `.toFixed digits must be 0 to ${MAX_DIGITS}, got ${digits}`);
      return roundTo(n, digits).toFixed(digits);
    }),
  ],
  ["format", m(0, 1, (_c, n, a) => formatNumber(n, a[0]))],
]);

// ------------------------------------------------------------------------------------ dates

const DATE_METHODS = methods<Date>("date", [
  [
    "diff",
    m(1, 2, (_c, d, a) => {
      const other = a[0] instanceof Date ? a[0] : parseDate(a[0]);
      return dateDiff(d, other, given(a, 1) ? expectString(a[1], ".diff unit") : undefined);
    }),
  ],
  // No pattern: ISO 8601, like text conversion.
  [
    "format",
    m(0, 1, (_c, d, a) => {
      if (!given(a, 0)) return toText(d);
      const pattern = expectString(a[0], ".format pattern");
      // No token writes more than twice its length (YYYY of year -271821 is 7 characters).
      budget().string(pattern.length * 2, ".format");
      return formatDate(d, pattern);
    }),
  ],
  ["year", m(0, 0, (_c, d) => d.getUTCFullYear())],
  ["month", m(0, 0, (_c, d) => d.getUTCMonth() + 1)],
  ["day", m(0, 0, (_c, d) => d.getUTCDate())],
  ["hour", m(0, 0, (_c, d) => d.getUTCHours())],
  ["minute", m(0, 0, (_c, d) => d.getUTCMinutes())],
  ["second", m(0, 0, (_c, d) => d.getUTCSeconds())],
  ["weekday", m(0, 0, (_c, d) => d.getUTCDay())],
  ["time", m(0, 0, (_c, d) => d.getTime())],
]);

// ---------------------------------------------------------------------------------- objects

const OBJECT_METHODS = methods<Record<string, unknown>>("object", [
  ["keys", m(0, 0, (_c, o) => Object.keys(o))],
  ["values", m(0, 0, (_c, o) => Object.values(o).map(orNull))],
  ["has", m(1, 1, (_c, o, a) => Object.hasOwn(o, toText(a[0])))],
]);

// ------------------------------------------------------------------------------- generators

/** The values a generator yields, at most `limit` of them (all when `limit` is null). */
export function takeFrom(g: GeneratorValue, limit: number | null, what: string): unknown[] {
  const b = budget();
  const items: unknown[] = [];
  while (limit === null || items.length < limit) {
    const v = g.next();
    if (v === DONE) break;
    b.list(items.length + 1, what);
    items.push(v);
  }
  return items;
}

const GENERATOR_METHODS = methods<GeneratorValue>("generator", [
  [
    "take",
    m(1, 1, (_c, g, a) => {
      const n = expectInteger(a[0], ".take count");
      if (n < 0) throw new RuntimeFault("runtime", `.take count must be 0 or more, got ${n}`);
      return takeFrom(g, n, ".take");
    }),
  ],
  [
    "next",
    m(0, 0, (_c, g) => {
      const v = g.next();
      return v === DONE ? null : v;
    }),
  ],
  ["toList", m(0, 0, (_c, g) => takeFrom(g, null, ".toList"))],
]);

const REGEX_METHODS = methods<Regex>("regex", [
  ["test", m(1, 1, (_c, re, a) => regexTest(re, expectString(a[0], ".test argument")))],
  ["match", m(1, 1, (_c, re, a) => regexMatch(re, expectString(a[0], ".match argument")))],
  ["replace", m(2, 2, (_c, re, a) => regexReplace(re, expectString(a[0], ".replace text"), toText(a[1])))],
  ["split", m(1, 1, (_c, re, a) => regexSplit(re, expectString(a[0], ".split text")))],
  ["source", m(0, 0, (_c, re) => re.source)],
  ["flags", m(0, 0, (_c, re) => re.flags)],
]);

// ---------------------------------------------------------------------------------- dispatch

// biome-ignore lint/suspicious/noExplicitAny: the table is chosen together with the receiver's kind.
type AnyTable = ReadonlyMap<string, CheckedMethod<any>>;

function tableFor(receiver: unknown): AnyTable | null {
  switch (typeName(receiver)) {
    case "string":
      return STRING_METHODS;
    case "array":
      return ARRAY_METHODS;
    case "number":
      return NUMBER_METHODS;
    case "date":
      return DATE_METHODS;
    case "object":
      return isPlainObject(receiver) ? OBJECT_METHODS : null;
    case "regex":
      return REGEX_METHODS;
    case "generator":
      return GENERATOR_METHODS;
    default:
      return null;
  }
}

function noSuchMember(receiver: unknown, name: string, table: AnyTable | null): RuntimeFault {
  const kind = typeName(receiver);
  if (kind === "null") {
    return new RuntimeFault(
      "type",
      `cannot read '${name}' of null`,
      "check that the value was set before use",
    );
  }
  let candidates = [...(table?.keys() ?? [])];
  // concat, not push(...keys): an object can have more keys than the JavaScript stack holds arguments.
  if (isPlainObject(receiver)) candidates = candidates.concat(Object.keys(receiver));
  return new RuntimeFault(
    "type",
    `${PLURAL[kind] ?? kind} have no member '${name}'${didYouMean(name, candidates)}`,
  );
}

/** The names of the methods values of this kind have (for completion and messages). */
export function methodNames(receiver: unknown): string[] {
  return [...(tableFor(receiver)?.keys() ?? [])];
}

/** True when `receiver`'s kind has a method `name` (an object's own keys are not methods). */
export function hasMethod(receiver: unknown, name: string): boolean {
  return tableFor(receiver)?.has(name) ?? false;
}

function invoke(
  ctx: HostContext,
  receiver: unknown,
  name: string,
  args: unknown[],
  table: AnyTable,
): unknown {
  // A RegExp from the API runs on the engine XMD's own regexes use.
  return table.get(name)!(ctx, args, receiver instanceof RegExp ? toRegex(receiver) : receiver);
}

/**
 * `receiver.name` without arguments. Objects: an own key wins; then `.keys`/`.values`;
 * a missing key is null. Other kinds: a method that needs no argument is called
 * (`text.upper`, `items.length`); anything else is a "type" error with a suggestion.
 */
export function getMember(ctx: HostContext, receiver: unknown, name: string): unknown {
  if (isPlainObject(receiver)) {
    if (Object.hasOwn(receiver, name)) return orNull(receiver[name]);
    if (OBJECT_METHODS.has(name)) return invoke(ctx, receiver, name, [], OBJECT_METHODS);
    return null;
  }
  const table = tableFor(receiver);
  if (table?.has(name)) return invoke(ctx, receiver, name, [], table);
  throw noSuchMember(receiver, name, table);
}

/**
 * `receiver.name args…`. Objects: an own key holding a function is called with the
 * arguments; otherwise the method of the value's kind runs. Argument counts are checked.
 */
export function callMethod(ctx: HostContext, receiver: unknown, name: string, args: unknown[]): unknown {
  if (isPlainObject(receiver) && Object.hasOwn(receiver, name)) {
    const own = receiver[name];
    if (own instanceof Callable) return orNull(ctx.call(own, args));
    throw new RuntimeFault("type", `'${name}' is ${describe(own)}, not a function: it cannot take arguments`);
  }
  const table = tableFor(receiver);
  if (table?.has(name)) return invoke(ctx, receiver, name, args, table);
  throw noSuchMember(receiver, name, table);
}
