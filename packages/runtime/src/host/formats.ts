/**
 * JSON and YAML text <-> XMD values, with errors that name the source, line and column.
 * YAML is read safely: core schema only (no custom or language tags, and none of YAML 1.1's
 * `!!binary`, `!!set`, `!!omap`, `!!pairs` or `!!timestamp`, which would become objects a
 * data file cannot hold), one document per text, unique keys, merge keys (`<<: *base`)
 * applied, and aliases adding at most {@link MAX_YAML_ALIAS_VALUES} values (billion-laughs guard).
 *
 * Bounded in memory and time. JSON.parse takes memory in proportion to the text, up to 22
 * bytes per byte on the worst input found (`[{},{},…]`), so JSON larger than its cap is
 * refused before it is parsed (see {@link dataTextCap}: 64 MiB with the default limits). The
 * YAML library takes memory per token (word, mark, line break): up to 400 bytes each, 100 to
 * 420 per byte of text, 3 GB for 6 MB of records; it is held to {@link yamlTokenCap} tokens
 * (2 Mi by default, about 3.5 MB of records) as it reads. It is also slow — its lexer and
 * parser take about 1 µs per byte of records and 4 µs per byte of `[a,a,…]` on a 2-core VM —
 * so it is driven token by token here, with a look at the clock every 1 024 tokens, and stops
 * at the document's time limit. Its composing and its writing out cannot be interrupted from outside,
 * but are bounded by the same caps (writing: see ./data-size.ts), and the clock is checked
 * again when each is done. Its own `toJS` is not used: it finds the anchor of every alias by
 * scanning all the anchors before it (20 000 anchors and aliases took 4.7 s, 150 000 more
 * than two minutes); {@link yamlDocumentValue} converts in one pass instead.
 * JSON.parse cannot be interrupted either; 64 MiB of the worst JSON took 11 s on that VM,
 * 64 MiB of records under a second.
 * @module
 */
import type YAMLModule from "yaml";
import { utf8Length } from "../output/utf8-length.js";
import { Callable } from "../values/callable.js";
import { RuntimeFault } from "../values/fault.js";
import { platform } from "../values/platform.js";
import { isRegex } from "../values/regex.js";
import { isJsStackOverflow } from "../values/resource-limit.js";
import { checkTextSize, textTooLong } from "./data-size.js";
import {
  checkClock,
  clockTicker,
  dataTextCap,
  type HostBudget,
  limitFault,
  tooLargeFault,
  tooManyTokensFault,
  yamlTokenCap,
} from "./host-limits.js";
import { findJsonError, positionAt } from "./json-error.js";
import { jsonIndent, toJsonText } from "./text.js";
import { findDuplicateKey, keepMergeKeysText } from "./yaml-keys.js";

/**
 * The YAML library, from the platform (see ../values/platform.ts): the Node build loads
 * it on first use (it costs about 50 ms to load, which every render that never touches
 * YAML, most, would otherwise pay at start-up); the browser build has it bundled.
 */
export function yaml(): typeof YAMLModule {
  return platform().yaml();
}

/**
 * Values that aliases may add to one YAML document's data, all aliases together: each alias
 * adds the values of what it names (a billion-laughs document names a list of lists of lists).
 */
export const MAX_YAML_ALIAS_VALUES = 1_000_000;

/** Refuses data text larger than the format's cap, before it is parsed. */
function checkDataText(budget: HostBudget, text: string, format: "json" | "yaml", source: string): void {
  const cap = dataTextCap(budget.limits, format);
  // UTF-8 takes at least one byte and at most three per UTF-16 unit: count only when it matters.
  if (text.length <= cap.bytes / 3) return;
  const bytes = utf8Length(text);
  if (bytes > cap.bytes)
    throw tooLargeFault(source, bytes, cap, format === "json" ? "JSON text" : "YAML text");
}

/** The text without a leading byte order mark (U+FEFF), which data files may start with. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Parses JSON text; `source` names it in errors (`data file "x.json"`, `json.parse text`). */
export function parseJsonText(budget: HostBudget, text: string, source: string): unknown {
  checkDataText(budget, text, "json", source);
  const body = withoutBom(text);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    const offset = findJsonError(body);
    const where = offset >= 0 ? atPosition(body, offset) : "";
    const reason = err.message.split("\n")[0]!.replace(/, ".*$/, "");
    throw new RuntimeFault("data", `${source} is not valid JSON${where}: ${reason}`);
  }
  checkClock(budget, `while reading ${source} as JSON`);
  return value;
}

function atPosition(text: string, offset: number): string {
  const { line, column } = positionAt(text, offset);
  return ` at line ${line}, column ${column}`;
}

const YAML_OPTIONS = {
  schema: "core",
  // Duplicate keys are found by findDuplicateKey: the library's check is quadratic.
  uniqueKeys: false,
  merge: true,
  // Tags beyond the core schema's are reported (TAG_RESOLVE_FAILED) instead of being turned
  // into Buffers, Sets or Maps, which a data file cannot hold and `put` would write back wrong.
  resolveKnownTags: false,
  strict: true,
  // Warnings are read from the document, never printed.
  logLevel: "error",
} as const;

const CORE_TAGS = "!!str, !!int, !!float, !!bool, !!null, !!map and !!seq";

function yamlFault(source: string, text: string, offset: number | undefined, reason: string): RuntimeFault {
  const where = offset === undefined || offset < 0 ? "" : atPosition(text, offset);
  return new RuntimeFault("data", `${source} is not valid YAML${where}: ${reason}`);
}

/**
 * The CST tokens of the first document of `text`, lexed and parsed one token at a time with
 * a look at the clock every 1 024 and a count against {@link yamlTokenCap}; `second` is set to
 * the offset of a second document, where the tokens stop.
 */
function* firstDocumentTokens(
  Y: typeof YAMLModule,
  text: string,
  budget: HostBudget,
  source: string,
  tick: () => void,
  found: { second: number | null },
): Generator<YAMLModule.CST.Token> {
  const parser = new Y.Parser();
  let documents = 0;
  let count = 0;
  const maxTokens = yamlTokenCap(budget.limits);
  const maxDepth = budget.limits.maxNestingDepth;
  let flowDepth = 0;
  const lexemes = new Y.Lexer().lex(text);
  for (;;) {
    if (++count > maxTokens) throw tooManyTokensFault(budget.limits, source);
    const next = lexemes.next();
    // The library parses and composes flow collections (`[…]`, `{…}`) recursively: 17,000
    // open brackets ran the JavaScript stack out. They may nest as deep as code may.
    const lexeme = next.value;
    if (lexeme === "[" || lexeme === "{") {
      if (++flowDepth > maxDepth)
        throw limitFault(
          `${source} nests more than ${maxDepth} lists and maps deep (limit maxNestingDepth)`,
          "maxNestingDepth",
        );
    } else if ((lexeme === "]" || lexeme === "}") && flowDepth > 0) flowDepth--;
    const tokens = next.done ? parser.end() : parser.next(next.value);
    for (const token of tokens) {
      if (token.type === "document" && ++documents > 1) {
        found.second = token.offset;
        return;
      }
      yield token;
    }
    if (next.done) return;
    tick();
  }
}

/**
 * Parses YAML text (one document) into a checked document: syntax errors, a second document,
 * tags outside the core schema and duplicate keys are refused with the line. `source` names
 * the text in errors. A text larger than the YAML cap is refused unread; the document's time
 * limit stops the parse.
 */
export function parseYamlDocument(
  budget: HostBudget,
  text: string,
  source: string,
): YAMLModule.Document.Parsed {
  checkDataText(budget, text, "yaml", source);
  const Y = yaml();
  const doing = `while reading ${source} as YAML`;
  const tick = clockTicker(budget, doing);
  const found = { second: null as number | null };
  let doc: YAMLModule.Document.Parsed | undefined;
  try {
    const composer = new Y.Composer(YAML_OPTIONS);
    for (const composed of composer.compose(
      firstDocumentTokens(Y, text, budget, source, tick, found),
      true,
      text.length,
    )) {
      doc ??= composed;
    }
  } catch (err) {
    if (err instanceof RuntimeFault) throw err;
    throw new RuntimeFault("data", `${source} is not valid YAML: ${(err as Error).message}`);
  }
  checkClock(budget, doing);
  if (doc === undefined) throw new Error("internal: the YAML composer gave no document");
  const problem = doc.errors[0] ?? doc.warnings.find((w) => w.code === "TAG_RESOLVE_FAILED");
  if (problem) {
    const message = problem.message.split(" at line")[0]!;
    const reason =
      problem.code === "TAG_RESOLVE_FAILED"
        ? `${message} (only the core tags ${CORE_TAGS} are supported)`
        : message;
    throw yamlFault(source, text, problem.pos[0], reason);
  }
  if (found.second !== null) {
    throw yamlFault(
      source,
      text,
      found.second,
      "a second document starts here, and a data text holds one (documents are separated by --- lines)",
    );
  }
  const duplicate = findDuplicateKey(Y, doc.contents, tick);
  if (duplicate) {
    const first = positionAt(text, duplicate.firstOffset).line;
    throw yamlFault(
      source,
      text,
      duplicate.offset,
      `map keys must be unique, and ${JSON.stringify(duplicate.key)} is repeated (first at line ${first})`,
    );
  }
  return doc;
}

/** An anchor met while converting: its value, and how many values it holds (-1 while still being converted). */
interface Anchored {
  value: unknown;
  size: number;
}

/**
 * A parsed YAML document as plain data, in one pass in document order: an alias is the value
 * of the last anchor of its name before it, shared (not copied), as the library gives it.
 * Counts every value, aliases adding what they name, against {@link MAX_YAML_ALIAS_VALUES}.
 */
class YamlToData {
  private readonly anchors = new Map<string, Anchored>();
  /** Values converted so far, an alias counting the values it names. */
  private values = 0;
  /** Values aliases and merge keys added. */
  private added = 0;

  constructor(
    private readonly Y: typeof YAMLModule,
    private readonly text: string,
    private readonly source: string,
    private readonly tick: () => void,
  ) {}

  private fault(node: unknown, reason: string): RuntimeFault {
    const offset = (node as { range?: [number, number, number] } | null)?.range?.[0];
    return yamlFault(this.source, this.text, offset, reason);
  }

  private grow(values: number): void {
    this.values += values;
    this.added += values;
    if (this.added > MAX_YAML_ALIAS_VALUES) {
      throw new RuntimeFault(
        "data",
        `${this.source} expands YAML aliases to more than ${MAX_YAML_ALIAS_VALUES} values (a "billion laughs" document?) and was refused`,
      );
    }
  }

  private alias(node: YAMLModule.Alias): unknown {
    const anchored = this.anchors.get(node.source);
    if (anchored === undefined)
      throw this.fault(node, `the alias *${node.source} has no anchor &${node.source} before it`);
    if (anchored.size < 0) {
      throw this.fault(
        node,
        `the alias *${node.source} is inside the value its anchor names, which would contain itself`,
      );
    }
    this.grow(anchored.size);
    return anchored.value;
  }

  /** The value of a node (null for a missing one). */
  value(node: unknown): unknown {
    const Y = this.Y;
    this.tick();
    if (node === null || node === undefined) {
      this.values++;
      return null;
    }
    if (Y.isAlias(node)) return this.alias(node);
    const start = this.values++;
    if (Y.isScalar(node)) {
      const v = typeof node.value === "symbol" ? (node.value.description ?? "") : node.value;
      if (node.anchor) this.anchors.set(node.anchor, { value: v, size: 1 });
      return v;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (Y.isSeq(node)) {
      const out: unknown[] = [];
      const anchored = { value: out, size: -1 };
      if (anchor) this.anchors.set(anchor, anchored);
      for (const item of node.items) out.push(this.value(item));
      anchored.size = this.values - start;
      return out;
    }
    if (Y.isMap(node) || Y.isPair(node)) {
      const out: Record<string, unknown> = {};
      const anchored = { value: out, size: -1 };
      if (anchor) this.anchors.set(anchor, anchored);
      for (const pair of Y.isMap(node) ? node.items : [node]) this.addPair(out, pair);
      anchored.size = this.values - start;
      return out;
    }
    throw this.fault(node, "a node of a kind data cannot hold");
  }

  private addPair(out: Record<string, unknown>, pair: YAMLModule.Pair): void {
    const key = pair.key;
    if (this.Y.isScalar(key) && typeof key.value === "symbol") {
      this.merge(out, pair.value);
      return;
    }
    const name = this.keyOf(key);
    const value = this.value(pair.value);
    if (name in out)
      Object.defineProperty(out, name, { value, writable: true, enumerable: true, configurable: true });
    else out[name] = value;
  }

  /** The property name of a key: text, a number or a boolean as text, null as "". */
  private keyOf(key: unknown): string {
    const Y = this.Y;
    let value: unknown = null;
    if (Y.isScalar(key)) {
      value = key.value;
      if (key.anchor) this.anchors.set(key.anchor, { value, size: 1 });
    } else if (Y.isAlias(key)) {
      value = this.alias(key);
    } else if (key !== null && key !== undefined) {
      throw this.fault(
        key,
        "a map or a list used as a key cannot be a key of data (keys are text, numbers, true, false or null)",
      );
    }
    if (typeof value === "object" && value !== null) {
      throw this.fault(
        key,
        "a map or a list used as a key cannot be a key of data (keys are text, numbers, true, false or null)",
      );
    }
    return value === null || value === undefined ? "" : String(value);
  }

  /** `<<: *base` or `<<: [*a, *b]`: keys not yet in `out` are added, earlier maps first. */
  private merge(out: Record<string, unknown>, node: unknown): void {
    const merged = this.value(node);
    for (const source of Array.isArray(merged) ? merged : [merged]) {
      if (typeof source !== "object" || source === null || Array.isArray(source)) {
        throw this.fault(node, "Merge sources must be maps or map aliases");
      }
      const keys = Object.keys(source);
      this.grow(keys.length);
      for (const key of keys) {
        if (!Object.hasOwn(out, key)) {
          const value = (source as Record<string, unknown>)[key];
          Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
        }
      }
    }
  }
}

/**
 * The value of a checked YAML document (see {@link YamlToData}); null for an empty one.
 * `text` is the text it was parsed from, for the line of an error.
 */
export function yamlDocumentValue(
  budget: HostBudget,
  doc: YAMLModule.Document.Parsed,
  text: string,
  source: string,
): unknown {
  const tick = clockTicker(budget, `while reading ${source} as YAML`);
  const converter = new YamlToData(yaml(), text, source, tick);
  try {
    return converter.value(doc.contents);
  } catch (err) {
    if (isJsStackOverflow(err)) {
      throw new RuntimeFault("data", `${source} is nested too deeply to be read`);
    }
    throw err;
  }
}

/** Parses YAML text (one document); `source` names it in errors. */
export function parseYamlText(budget: HostBudget, text: string, source: string): unknown {
  const doc = parseYamlDocument(budget, text, source);
  return yamlDocumentValue(budget, doc, text, source);
}

/**
 * An XMD value as plain data for a data file: dates become ISO strings, `undefined` null.
 * Functions cannot be stored (a "data" error naming `what`); a value that contains itself neither.
 */
export function toPlainData(value: unknown, what: string): unknown {
  const seen: unknown[] = [];
  const walk = (v: unknown): unknown => {
    if (v === undefined || v === null) return null;
    if (typeof v !== "object") {
      if (typeof v === "number" && !Number.isFinite(v)) return null;
      if (typeof v === "function")
        throw new RuntimeFault("data", `${what}: a function cannot be stored in a data file`);
      return v;
    }
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
    if (v instanceof Callable) {
      throw new RuntimeFault(
        "data",
        `${what}: the function <function ${v.name}> cannot be stored in a data file`,
      );
    }
    if (isRegex(v)) return String(v);
    if (seen.includes(v)) throw new RuntimeFault("data", `${what}: the value contains itself`);
    seen.push(v);
    try {
      if (Array.isArray(v)) return v.map(walk);
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        Object.defineProperty(out, k, {
          value: walk(x),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    } finally {
      seen.pop();
    }
  };
  return walk(value);
}

/** Text longer than `maxStringLength` is refused (the measure before it is a lower bound). */
function checkedText(budget: HostBudget, text: string, what: string): string {
  if (text.length > budget.limits.maxStringLength) throw textTooLong(budget, what);
  return text;
}

/** `json.stringify value [indent]`: compact by default, like text conversion of objects. */
export function stringifyJson(budget: HostBudget, value: unknown, indent?: number | string): string {
  checkTextSize(budget, value, "json.stringify", "text", jsonIndent(indent).length);
  return checkedText(budget, toJsonText(value, indent), "json.stringify");
}

/**
 * The core schema's tags, each looking at the clock as the library writes a value with it
 * (collections too: their tag gets a `stringify` that does what the library does without one).
 */
function tickingTags(tick: () => void): (tags: YAMLModule.Tags) => YAMLModule.Tags {
  return (tags) =>
    tags.map((tag) => {
      if (typeof tag !== "object") return tag;
      const own = tag.stringify as ((...args: unknown[]) => string) | undefined;
      const stringify = own
        ? (...args: unknown[]) => {
            tick();
            return own.apply(tag, args);
          }
        : (node: { toString(...args: unknown[]): string }, ...rest: unknown[]) => {
            tick();
            return node.toString(...rest);
          };
      return { ...tag, stringify } as typeof tag;
    });
}

/**
 * `yaml.stringify value`: block style, dates as ISO strings, functions as `<function NAME>`.
 * The value is measured first (see ./data-size.ts), and the clock is checked as the library
 * builds its nodes and as it writes them.
 */
export function stringifyYaml(budget: HostBudget, value: unknown): string {
  checkTextSize(budget, value, "yaml.stringify", "yaml");
  const plain = JSON.parse(toJsonText(value)) as unknown;
  const tick = clockTicker(budget, "while writing YAML (yaml.stringify)");
  const Y = yaml();
  const doc = new Y.Document(
    plain,
    (_key: unknown, v: unknown) => {
      tick();
      return v;
    },
    { schema: "core", customTags: tickingTags(tick) },
  );
  keepMergeKeysText(Y, doc.contents, false);
  return checkedText(budget, doc.toString(), "yaml.stringify");
}
