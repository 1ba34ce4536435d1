/**
 * Data files as a database: `get "data.json".alice.name` and `put "data.yaml".me.working true`.
 * A string value `"@ other.json key.path"` is a link: reading through it continues in the other
 * file (relative to the file holding the link, inside the root); cycles are an error naming them.
 * @module
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { RuntimeFault } from "../values/fault.js";
import { describe, orNull } from "./args.js";
import type { HostContext } from "./context.js";
import { expectDataFormat, loadDataFile, parseData, readText, showPath, writeTextAtomic } from "./files.js";
import { formatDataFile } from "./formats.js";
import { resolveInRoot } from "./paths.js";
import { isPlainObject } from "./text.js";

/** A parsed link: the file it points to and the key path inside it (empty: the whole file). */
export interface DataLink {
  file: string;
  keys: string[];
}

const LINK = /^@\s+(\S+)(?:\s+(\S+))?\s*$/;

/** The link a string value stands for, or null when it is an ordinary string. */
export function parseLink(value: unknown): DataLink | null {
  if (typeof value !== "string") return null;
  const m = LINK.exec(value);
  if (!m) return null;
  return { file: m[1]!, keys: m[2] ? m[2].split(".").filter((k) => k !== "") : [] };
}

const MAX_LINKS = 100;

function child(container: unknown, key: string): unknown {
  if (Array.isArray(container)) {
    if (!/^\d+$/.test(key)) return null;
    return orNull(container[Number(key)]);
  }
  if (isPlainObject(container) && Object.hasOwn(container, key)) return orNull(container[key]);
  return null;
}

/**
 * The value at `keyPath` in a data file, following links; a missing key gives null.
 * Links inside the returned value (deeper than the path) are left as strings.
 */
export function dataGet(ctx: HostContext, file: string, keyPath: readonly string[]): unknown {
  const abs = resolveInRoot(ctx, file);
  return walk(ctx, abs, keyPath, [`${showPath(ctx, abs)}`]);
}

function follow(ctx: HostContext, holder: string, link: DataLink, trail: string[]): string {
  const target = resolveInRoot(ctx, link.file, path.dirname(holder));
  const step = `${showPath(ctx, target)}${link.keys.length ? ` ${link.keys.join(".")}` : ""}`;
  if (trail.includes(step)) {
    throw new RuntimeFault("data", `data links form a cycle: ${[...trail, step].join(" -> ")}`);
  }
  if (trail.length > MAX_LINKS) throw new RuntimeFault("data", `more than ${MAX_LINKS} data links in a row`);
  trail.push(step);
  return target;
}

function walk(ctx: HostContext, abs: string, keyPath: readonly string[], trail: string[]): unknown {
  let value = loadDataFile(ctx, abs);
  for (let i = 0; i <= keyPath.length; i++) {
    const link = parseLink(value);
    if (link) {
      const target = follow(ctx, abs, link, trail);
      return walk(ctx, target, [...link.keys, ...keyPath.slice(i)], trail);
    }
    if (i === keyPath.length) break;
    value = child(value, keyPath[i]!);
    if (value === null) return null;
  }
  return value;
}

/**
 * Sets the value at `keyPath` in a data file, creating missing objects and the file itself,
 * and writes it back atomically in its format (JSON: 2-space indent and a final newline;
 * YAML). A link met on the way (not at the last key) is followed and the linked file is
 * written instead; a link at the last key is replaced. An empty key path replaces the whole
 * file. Returns the value stored.
 */
export function dataPut(ctx: HostContext, file: string, keyPath: readonly string[], value: unknown): unknown {
  return put(ctx, resolveInRoot(ctx, file), keyPath, value, [file]);
}

function setKey(container: Record<string, unknown> | unknown[], key: string, value: unknown): void {
  if (Array.isArray(container)) {
    container[Number(key)] = value;
    return;
  }
  Object.defineProperty(container, key, { value, enumerable: true, writable: true, configurable: true });
}

function put(
  ctx: HostContext,
  abs: string,
  keyPath: readonly string[],
  value: unknown,
  trail: string[],
): unknown {
  const format = expectDataFormat(ctx, abs);
  const shown = showPath(ctx, abs);
  let doc: unknown = {};
  if (fs.existsSync(abs)) doc = parseData(ctx, abs, readText(ctx, abs), format) ?? {};
  if (keyPath.length === 0) {
    writeTextAtomic(ctx, abs, formatDataFile(value, format, `put into "${shown}"`));
    return value;
  }
  let container: unknown = doc;
  for (let i = 0; i < keyPath.length; i++) {
    const key = keyPath[i]!;
    const where = keyPath.slice(0, i).join(".") || "the top level";
    const isArray = Array.isArray(container);
    if (!isArray && !isPlainObject(container)) {
      throw new RuntimeFault(
        "data",
        `cannot put "${keyPath.join(".")}" into "${shown}": ${where} is ${describe(container)}, not an object`,
      );
    }
    if (isArray && !/^\d+$/.test(key)) {
      throw new RuntimeFault(
        "data",
        `cannot put "${keyPath.join(".")}" into "${shown}": ${where} is an array and "${key}" is not an index`,
      );
    }
    const holder = container as Record<string, unknown> | unknown[];
    if (i === keyPath.length - 1) {
      setKey(holder, key, value);
      break;
    }
    let next = child(holder, key);
    const link = parseLink(next);
    if (link) {
      const target = follow(ctx, abs, link, trail);
      return put(ctx, target, [...link.keys, ...keyPath.slice(i + 1)], value, trail);
    }
    if (next === null) {
      next = {};
      setKey(holder, key, next);
    }
    container = next;
  }
  writeTextAtomic(ctx, abs, formatDataFile(doc, format, `put into "${shown}"`));
  return value;
}
