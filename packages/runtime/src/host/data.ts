/**
 * Data files as a database: `get "data.json".alice.name` and `put "data.yaml".me.working true`.
 * A string value `"@ other.json key.path"` is a link: reading through it continues in the other
 * file (relative to the file holding the link, inside the root); cycles are an error naming them.
 * @module
 */
import { RuntimeFault } from "../values/fault.js";
import { describe, orNull } from "./args.js";
import type { HostContext } from "./context.js";
import { checkTextSize, textTooLong } from "./data-size.js";
import {
  dataFormatOf,
  expectDataFormat,
  fileExists,
  loadDataFile,
  readDataText,
  showPath,
  writeTextAtomic,
} from "./files.js";
import { parseJsonText, parseYamlDocument, toPlainData, yamlDocumentValue } from "./formats.js";
import { checkClock } from "./host-limits.js";
import { resolveInRoot } from "./paths.js";
import { isPlainObject } from "./text.js";
import { setInYamlDocument, yamlDocumentText } from "./yaml-edit.js";

/** A parsed link: the file it points to and the key path inside it (empty: the whole file). */
export interface DataLink {
  file: string;
  keys: string[];
}

const LINK = /^@\s+(\S+)(?:\s+(\S+))?\s*$/;

/**
 * The link a string value stands for, or null when it is an ordinary string. Only a first
 * word naming a data file (`.json`, `.yaml`, `.yml`) makes a link: `"@ home today"` is text.
 */
export function parseLink(value: unknown): DataLink | null {
  if (typeof value !== "string") return null;
  const m = LINK.exec(value);
  if (!m || dataFormatOf(m[1]!) === null) return null;
  return { file: m[1]!, keys: m[2] ? m[2].split(".").filter((k) => k !== "") : [] };
}

const MAX_LINKS = 100;

/**
 * The links followed by one `get` or `put`. A cycle is a link reached again with the same key
 * path still to walk: only then does following go round for ever. The same link reached with
 * another path is fine (alice's team's lead's team is alice's team again, and then its name).
 */
class LinkTrail {
  private readonly seen = new Set<string>();
  private readonly steps: string[] = [];

  constructor(ctx: HostContext, file: string, keys: readonly string[]) {
    this.visit(ctx, file, keys);
  }

  visit(ctx: HostContext, file: string, keys: readonly string[]): void {
    const step = `${showPath(ctx, file)}${keys.length ? ` ${keys.join(".")}` : ""}`;
    const identity = `${file}\0${keys.join("\0")}`;
    if (this.seen.has(identity)) {
      throw new RuntimeFault("data", `data links form a cycle: ${[...this.steps, step].join(" -> ")}`);
    }
    if (this.steps.length > MAX_LINKS) {
      throw new RuntimeFault(
        "data",
        `more than ${MAX_LINKS} data links in a row: ${this.steps.slice(0, 3).join(" -> ")} -> …`,
      );
    }
    this.seen.add(identity);
    this.steps.push(step);
  }
}

function child(container: unknown, key: string): unknown {
  if (Array.isArray(container)) {
    if (!/^\d+$/.test(key)) return null;
    return orNull(container[Number(key)]);
  }
  if (isPlainObject(container) && Object.hasOwn(container, key)) return orNull(container[key]);
  return null;
}

/** Follows a link held in `holder` with `rest` still to walk after it; returns the file and the keys to walk there. */
function follow(
  ctx: HostContext,
  holder: string,
  link: DataLink,
  rest: readonly string[],
  trail: LinkTrail,
): { file: string; keys: string[] } {
  const file = resolveInRoot(ctx, link.file, ctx.host.path.dirname(holder));
  const keys = [...link.keys, ...rest];
  trail.visit(ctx, file, keys);
  return { file, keys };
}

/**
 * The value at `keyPath` in a data file, following links; a missing key gives null.
 * Links inside the returned value (deeper than the path) are left as strings.
 */
export function dataGet(ctx: HostContext, file: string, keyPath: readonly string[]): unknown {
  const abs = resolveInRoot(ctx, file);
  return walk(ctx, abs, keyPath, new LinkTrail(ctx, abs, keyPath));
}

function walk(ctx: HostContext, abs: string, keyPath: readonly string[], trail: LinkTrail): unknown {
  let value = loadDataFile(ctx, abs);
  for (let i = 0; i <= keyPath.length; i++) {
    const link = parseLink(value);
    if (link) {
      const next = follow(ctx, abs, link, keyPath.slice(i), trail);
      return walk(ctx, next.file, next.keys, trail);
    }
    if (i === keyPath.length) break;
    value = child(value, keyPath[i]!);
    if (value === null) return null;
  }
  return value;
}

/**
 * Sets the value at `keyPath` in a data file, creating missing objects and the file itself,
 * and writes it back atomically. JSON is written whole (2-space indent, final newline); YAML
 * is edited in place, so its comments and layout stay. A link met on the way (not at the last
 * key) is followed and the linked file is written instead; a link at the last key is replaced.
 * An array index may be at most the array's length (which appends). An empty key path
 * replaces the whole file. Returns the value stored.
 */
export function dataPut(ctx: HostContext, file: string, keyPath: readonly string[], value: unknown): unknown {
  const abs = resolveInRoot(ctx, file);
  put(ctx, abs, keyPath, value, new LinkTrail(ctx, abs, keyPath));
  return value;
}

/** Where a put continues: the end of this file's path, or a link at `at` to follow. */
type PathCheck = { link: null } | { link: DataLink; at: number };

/**
 * Walks `keyPath` through `root` (the file's value) before anything changes, so a refused put
 * leaves the file as it was: every container on the way must be an object or an array, array
 * keys indexes no larger than the length, and the walk stops at the first link.
 */
function checkPath(shown: string, root: unknown, keyPath: readonly string[]): PathCheck {
  let container = root;
  for (let i = 0; i < keyPath.length; i++) {
    const key = keyPath[i]!;
    const where = keyPath.slice(0, i).join(".") || "the top level";
    const refuse = (why: string) =>
      new RuntimeFault("data", `cannot put "${keyPath.join(".")}" into "${shown}": ${why}`);
    if (Array.isArray(container)) {
      if (!/^\d+$/.test(key)) throw refuse(`${where} is an array and "${key}" is not an index`);
      if (Number(key) > container.length) {
        throw refuse(
          `${where} is an array of ${container.length} and ${key} is past its end (the largest index that can be set is ${container.length}, which appends)`,
        );
      }
    } else if (!isPlainObject(container)) {
      throw refuse(`${where} is ${describe(container)}, not an object`);
    }
    if (i === keyPath.length - 1) return { link: null };
    const next = child(container, key);
    const link = parseLink(next);
    if (link) return { link, at: i };
    if (next === null) return { link: null };
    container = next;
  }
  return { link: null };
}

function setInJson(root: unknown, keyPath: readonly string[], value: unknown): unknown {
  if (keyPath.length === 0) return value;
  let container = root as Record<string, unknown> | unknown[];
  for (let i = 0; i < keyPath.length; i++) {
    const key = keyPath[i]!;
    const last = i === keyPath.length - 1;
    let next = last ? value : child(container, key);
    if (next === null) next = {};
    if (Array.isArray(container)) container[Number(key)] = next;
    else
      Object.defineProperty(container, key, {
        value: next,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    container = next as Record<string, unknown> | unknown[];
  }
  return root;
}

/** A JSON data file's text: 2-space indent, final newline; no longer than `maxStringLength`. */
function checkedJsonText(ctx: HostContext, plain: unknown, what: string): string {
  const text = `${JSON.stringify(plain, null, 2)}\n`;
  if (text.length > ctx.limits.maxStringLength) throw textTooLong(ctx, what);
  return text;
}

function put(
  ctx: HostContext,
  abs: string,
  keyPath: readonly string[],
  value: unknown,
  trail: LinkTrail,
): void {
  const format = expectDataFormat(ctx, abs);
  const shown = showPath(ctx, abs);
  const source = `data file "${shown}"`;
  const what = `put into "${shown}"`;
  const text = fileExists(ctx, abs) ? readDataText(ctx, abs, format) : null;
  if (format === "json") {
    const root = text === null ? {} : (parseJsonText(ctx, text, source) ?? {});
    const check = checkPath(shown, root, keyPath);
    if (check.link) {
      const next = follow(ctx, abs, check.link, keyPath.slice(check.at + 1), trail);
      put(ctx, next.file, next.keys, value, trail);
      return;
    }
    checkTextSize(ctx, value, what, "copy", 2);
    const plain = toPlainData(setInJson(root, keyPath, value), what);
    writeTextAtomic(ctx, abs, checkedJsonText(ctx, plain, what));
    return;
  }
  const yamlText = text ?? "";
  const doc = parseYamlDocument(ctx, yamlText, source);
  const root = yamlDocumentValue(ctx, doc, yamlText, source) ?? {};
  const check = checkPath(shown, root, keyPath);
  if (check.link) {
    const next = follow(ctx, abs, check.link, keyPath.slice(check.at + 1), trail);
    put(ctx, next.file, next.keys, value, trail);
    return;
  }
  checkTextSize(ctx, value, what, "yaml");
  setInYamlDocument(doc, keyPath, toPlainData(value, what), root);
  const written = yamlDocumentText(doc);
  checkClock(ctx, `while writing ${source}`);
  if (written.length > ctx.limits.maxStringLength) throw textTooLong(ctx, what);
  writeTextAtomic(ctx, abs, written);
}
