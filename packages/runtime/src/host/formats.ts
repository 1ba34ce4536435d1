/**
 * JSON and YAML text <-> XMD values, with errors that name the source, line and column.
 * YAML is read safely: core schema only (no custom or language tags, and none of YAML 1.1's
 * `!!binary`, `!!set`, `!!omap`, `!!pairs` or `!!timestamp`, which would become objects a
 * data file cannot hold), unique keys, merge keys (`<<: *base`) applied, and at most
 * {@link MAX_YAML_ALIASES} alias expansions (billion-laughs guard).
 * @module
 */
import { createRequire } from "node:module";
import type YAMLModule from "yaml";
import { Callable } from "../values/callable.js";
import { RuntimeFault } from "../values/fault.js";
import { findJsonError, positionAt } from "./json-error.js";
import { toJsonText } from "./text.js";
import { findDuplicateKey } from "./yaml-keys.js";

/**
 * The YAML library, loaded on first use: it costs about 50 ms to load, which every
 * render that never touches YAML (most) would otherwise pay at start-up. `require`
 * keeps rendering synchronous.
 */
let yamlModule: typeof YAMLModule | null = null;
/** The YAML library (loaded on first call). */
export function yaml(): typeof YAMLModule {
  yamlModule ??= createRequire(import.meta.url)("yaml") as typeof YAMLModule;
  return yamlModule;
}

/** Alias expansions allowed while reading one YAML document. */
export const MAX_YAML_ALIASES = 100;

/** Parses JSON text; `source` names it in errors (`data file "x.json"`, `json.parse`). */
export function parseJsonText(text: string, source: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    const offset = findJsonError(body);
    const where = offset >= 0 ? atPosition(body, offset) : "";
    const reason = err.message.split("\n")[0]!.replace(/, ".*$/, "");
    throw new RuntimeFault("data", `${source} is not valid JSON${where}: ${reason}`);
  }
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
  prettyErrors: true,
  strict: true,
  logLevel: "silent",
} as const;

const CORE_TAGS = "!!str, !!int, !!float, !!bool, !!null, !!map and !!seq";

function yamlFault(source: string, text: string, offset: number | undefined, reason: string): RuntimeFault {
  const where = offset === undefined || offset < 0 ? "" : atPosition(text, offset);
  return new RuntimeFault("data", `${source} is not valid YAML${where}: ${reason}`);
}

/**
 * Parses YAML text (one document) into a checked document: syntax errors, tags outside the
 * core schema and duplicate keys are refused with the line. `source` names it in errors.
 */
export function parseYamlDocument(text: string, source: string): YAMLModule.Document.Parsed {
  let doc: YAMLModule.Document.Parsed;
  try {
    doc = yaml().parseDocument(text, YAML_OPTIONS);
  } catch (err) {
    throw new RuntimeFault("data", `${source} is not valid YAML: ${(err as Error).message}`);
  }
  const problem = doc.errors[0] ?? doc.warnings.find((w) => w.code === "TAG_RESOLVE_FAILED");
  if (problem) {
    const message = problem.message.split(" at line")[0]!;
    const reason =
      problem.code === "TAG_RESOLVE_FAILED"
        ? `${message} (only the core tags ${CORE_TAGS} are supported)`
        : message;
    throw yamlFault(source, text, problem.pos[0], reason);
  }
  const duplicate = findDuplicateKey(yaml(), doc.contents);
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

/** The value of a checked YAML document, with aliases expanded at most {@link MAX_YAML_ALIASES} times. */
export function yamlDocumentValue(doc: YAMLModule.Document.Parsed, source: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) ?? null;
  } catch (err) {
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      throw new RuntimeFault(
        "data",
        `${source} expands YAML aliases more than ${MAX_YAML_ALIASES} times (a "billion laughs" document?) and was refused`,
      );
    }
    throw new RuntimeFault("data", `${source} could not be read as YAML: ${(err as Error).message}`);
  }
}

/** Parses YAML text (one document); `source` names it in errors. */
export function parseYamlText(text: string, source: string): unknown {
  return yamlDocumentValue(parseYamlDocument(text, source), source);
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
    if (v instanceof RegExp) return String(v);
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

/** `json.stringify value [indent]`: compact by default, like text conversion of objects. */
export function stringifyJson(value: unknown, indent?: number | string): string {
  return toJsonText(value, indent);
}

/** `yaml.stringify value`: block style, dates as ISO strings, functions as `<function NAME>`. */
export function stringifyYaml(value: unknown): string {
  const plain = JSON.parse(toJsonText(value)) as unknown;
  return yaml().stringify(plain, { schema: "core" });
}
