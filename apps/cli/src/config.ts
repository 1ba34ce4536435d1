/**
 * The config file: `xmd.config.json` in the working folder or a parent, or an `"xmd"`
 * key in the nearest package.json. Keys are the long flag names in camelCase
 * (`allowExec`, `maxIterations`, `vars`, …); flags on the command line win.
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { UsageError } from "./errors.js";

/** What a config file may set. */
export interface XmdConfig {
  allowExec?: boolean | string[];
  root?: string;
  memory?: "pooled" | "heap";
  maxIterations?: number;
  maxDepth?: number;
  maxOutput?: number;
  timeout?: number;
  now?: string | number;
  vars?: Record<string, unknown>;
  include?: string[];
  exclude?: string[];
}

const KEYS = new Set([
  "allowExec",
  "root",
  "memory",
  "maxIterations",
  "maxDepth",
  "maxOutput",
  "timeout",
  "now",
  "vars",
  "include",
  "exclude",
]);

/** Finds and reads the config that applies to `cwd`, or an explicit `--config` file. */
export function loadConfig(cwd: string, explicit?: string): { config: XmdConfig; file: string | null } {
  if (explicit !== undefined) {
    const file = resolve(cwd, explicit);
    if (!existsSync(file)) throw new UsageError(`config file not found: ${explicit}`);
    return { config: validate(readJson(file), file), file };
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const own = join(dir, "xmd.config.json");
    if (existsSync(own)) return { config: validate(readJson(own), own), file: own };
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      const json = readJson(pkg) as { xmd?: unknown };
      if (json.xmd !== undefined) return { config: validate(json.xmd, `${pkg} ("xmd" key)`), file: pkg };
    }
    if (dirname(dir) === dir) return { config: {}, file: null };
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new UsageError(`cannot read config ${file}: ${(e as Error).message}`);
  }
}

function validate(value: unknown, where: string): XmdConfig {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new UsageError(`config in ${where} must be an object`);
  for (const key of Object.keys(value)) {
    if (!KEYS.has(key))
      throw new UsageError(`unknown config key '${key}' in ${where} (known: ${[...KEYS].join(", ")})`);
  }
  return value as XmdConfig;
}
