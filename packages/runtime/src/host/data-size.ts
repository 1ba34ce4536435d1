/**
 * How large a value's text will be, measured before it is built: `json.stringify`,
 * `yaml.stringify`, `put` and `File.write` of a list or object first walk the value and refuse
 * it when its text would pass `maxStringLength`, or when what is built on the way (the YAML
 * library's node tree, the plain copy a `put` makes) would take more memory than the limit
 * allows. A value that holds the same list many
 * times (`set b [a, a, a]` repeated) is written out in full each time, so each appearance
 * counts, though the list is walked once: a value that would expand to billions of items is
 * refused at the cost of its distinct lists and objects.
 * @module
 */
import { Callable } from "../values/callable.js";
import { ClassValue } from "../values/classes.js";
import { isRegex } from "../values/regex.js";
import { clockTicker, type HostBudget, limitFault } from "./host-limits.js";

/** What is measured: values (each list, object, and item in them) and a lower bound of the text's length. */
interface Measure {
  values: number;
  chars: number;
  /** How deeply lists and objects nest (a leaf alone: 0). */
  depth: number;
}

/**
 * How a value becomes text, for the cap on its values: `text` directly (json.stringify,
 * File.write: the text is all the memory it takes), `copy` through a plain copy first (a
 * `put` into JSON), `yaml` through the YAML library's node tree.
 */
export type TextKind = "text" | "copy" | "yaml";

/**
 * JavaScript memory taken per value written, rounded up: a plain copy about 100 bytes; the
 * YAML library about 270 (measured for records of 40 keys: a node per key, per value and
 * per pair). So that the rest of the run keeps room, the caps allow 256 and 1 024.
 */
const BYTES_PER_VALUE = { copy: 256, yaml: 1024 } as const;

/** The most values a value written as `kind` may hold: `maxMemoryMb` ÷ 256 B or ÷ 1 KiB. */
export function valueCap(budget: HostBudget, kind: TextKind): number {
  if (kind === "text") return Number.POSITIVE_INFINITY;
  return Math.floor((budget.limits.maxMemoryMb * 1024 * 1024) / BYTES_PER_VALUE[kind]);
}

/** A lower bound of the characters a leaf value takes in JSON or YAML text. */
function leafChars(value: unknown): number {
  switch (typeof value) {
    case "string":
      return value.length;
    case "boolean":
      return 4;
    case "undefined":
      return 4;
    case "object":
      if (value === null) return 4;
      // An ISO date is 24 characters; a date that holds no time is "Invalid Date".
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? 12 : 24;
      // "<class NAME>" or "<function NAME>", in YAML without quotes.
      if (value instanceof ClassValue) return 8 + value.name.length;
      if (value instanceof Callable) return 11 + value.name.length;
      if (isRegex(value)) return String(value).length;
      return 2;
    default:
      return 1;
  }
}

/** Lists and plain objects are walked into; everything else is a leaf. */
function childrenOf(value: unknown): unknown[] | Record<string, unknown> | null {
  if (typeof value !== "object" || value === null) return null;
  if (Array.isArray(value)) return value;
  if (value instanceof Date || value instanceof Callable || isRegex(value)) return null;
  return value as Record<string, unknown>;
}

/**
 * Measures `value` as its text will be, stopping once `maxValues` or `maxChars` is passed.
 * Returns null for a value that contains itself (the conversion reports that in its own words).
 * A list or object met again is not walked again: what it added the first time is added
 * again (its indentation as if all of it sat at its own depth, a lower bound), so a value
 * that holds one list a billion times over costs as much to measure as its distinct lists.
 */
function measure(
  budget: HostBudget,
  value: unknown,
  maxValues: number,
  maxChars: number,
  indent: number,
  doing: string,
): Measure | null {
  const tick = clockTicker(budget, doing);
  const total: Measure = { values: 0, chars: 0, depth: 0 };
  /** Characters without indentation, which a container met again adds as they were. */
  let plainChars = 0;
  const measured = new Map<object, { values: number; plainChars: number }>();
  const onPath = new Set<object>();
  const frames: {
    container: object;
    items: unknown[];
    next: number;
    valuesBefore: number;
    plainBefore: number;
  }[] = [];
  // Indented JSON puts every value below the top on a line of its own, indented by its depth.
  const lineOf = (depth: number) => (indent > 0 && depth > 0 ? 1 + depth * indent : 0);
  const visit = (v: unknown, depth: number): boolean => {
    tick();
    const children = childrenOf(v);
    if (children === null) {
      const chars = leafChars(v);
      total.values++;
      plainChars += chars;
      total.chars += chars + lineOf(depth);
      return true;
    }
    const known = measured.get(children);
    if (known !== undefined) {
      total.values += known.values;
      plainChars += known.plainChars;
      total.chars += known.plainChars + known.values * lineOf(depth);
      return true;
    }
    if (onPath.has(children)) return false;
    onPath.add(children);
    const valuesBefore = total.values;
    const plainBefore = plainChars;
    // Brackets or braces, and what separates the items: in JSON a comma between two (a
    // list of n items takes n + 1 characters, at least 2), in YAML "- " before each.
    let own = 2;
    let items: unknown[];
    if (Array.isArray(children)) {
      items = children;
      if (children.length > 1) own += children.length - 1;
    } else {
      const keys = Object.keys(children);
      items = new Array(keys.length);
      for (let i = 0; i < keys.length; i++) {
        own += keys[i]!.length + 1;
        items[i] = children[keys[i]!];
      }
    }
    total.values++;
    plainChars += own;
    total.chars += own + lineOf(depth);
    frames.push({ container: children, items, next: 0, valuesBefore, plainBefore });
    if (frames.length > total.depth) total.depth = frames.length;
    return true;
  };
  if (!visit(value, 0)) return null;
  while (frames.length > 0) {
    if (total.values > maxValues || total.chars > maxChars) return total;
    const frame = frames[frames.length - 1]!;
    if (frame.next === frame.items.length) {
      onPath.delete(frame.container);
      measured.set(frame.container, {
        values: total.values - frame.valuesBefore,
        plainChars: plainChars - frame.plainBefore,
      });
      frames.pop();
      continue;
    }
    if (!visit(frame.items[frame.next++], frames.length)) return null;
  }
  return total;
}

/**
 * Refuses `value` before `what` (`json.stringify`, `yaml.stringify`, `put into "d.yaml"`)
 * turns it into text, when that text would be longer than `maxStringLength` or when it holds
 * more values than {@link valueCap} allows for its `kind`. `indent`: the width of one level
 * of indentation in JSON written indented (0: compact, or YAML).
 */
export function checkTextSize(
  budget: HostBudget,
  value: unknown,
  what: string,
  kind: TextKind = "text",
  indent = 0,
): void {
  if (childrenOf(value) === null) return;
  const maxChars = budget.limits.maxStringLength;
  const maxValues = valueCap(budget, kind);
  const doing = `while measuring the value for ${what}`;
  const size = measure(budget, value, maxValues, maxChars, indent, doing);
  if (size === null) return;
  // The YAML library writes and frees nested values recursively, with memory that grows as
  // the square of the depth: 24,000 levels took 2 GB. Code may nest maxNestingDepth levels;
  // so may the YAML it writes.
  const maxDepth = budget.limits.maxNestingDepth;
  if (kind === "yaml" && size.depth > maxDepth)
    throw limitFault(
      `${what}: the value nests more than ${maxDepth} lists and objects deep (limit maxNestingDepth)`,
      "maxNestingDepth",
      ", or write it as JSON (json.stringify), which writes any depth",
    );
  if (size.values > maxValues) {
    const per =
      kind === "yaml" ? "writing YAML takes about 1 KiB" : "writing a data file takes about 256 bytes";
    throw limitFault(
      `${what}: the value holds more than ${maxValues} values (lists, objects and the items in them), and at most ${maxValues} can be written: ${per} of memory per value, and the memory limit is ${budget.limits.maxMemoryMb} MB (limit maxMemoryMb)`,
      "maxMemoryMb",
      kind === "yaml"
        ? ", or write it as JSON (json.stringify), which needs no more memory than its text"
        : "",
    );
  }
  if (size.chars > maxChars) throw textTooLong(budget, what);
}

/** The fault for a text that would be longer than `maxStringLength`. */
export function textTooLong(budget: HostBudget, what: string): ReturnType<typeof limitFault> {
  return limitFault(
    `${what}: the text would be longer than ${budget.limits.maxStringLength} characters (limit maxStringLength)`,
    "maxStringLength",
  );
}
