/**
 * From flags and config to runtime options and document variables.
 * @module
 */
import { readFileSync } from "node:fs";
import { extname, resolve } from "node:path";
import type { RuntimeOptions } from "@xmd/runtime";
import type { XmdConfig } from "./config.js";
import { UsageError } from "./errors.js";

/** Flags every rendering command accepts (as commander parses them). */
export interface RenderFlags {
  var?: string[];
  vars?: string;
  memory?: string;
  allowExec?: boolean | string;
  root?: string;
  maxIterations?: string;
  maxDepth?: string;
  maxOutput?: string;
  timeout?: string;
  now?: string;
  stats?: boolean;
  debug?: boolean;
  config?: string;
}

/** `--var n=3` → 3, `=true` → true, `=[1,2]` → a list; anything else stays text. */
export function parseVarValue(raw: string): unknown {
  if (raw === "true") return true;
  if (raw === "false") return false;
  if (raw === "null") return null;
  if (/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw)) return Number(raw);
  if (/^[[{"]/.test(raw)) {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  return raw;
}

function positiveInt(raw: string | number | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = typeof raw === "number" ? raw : Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`${flag} needs a positive whole number, got '${raw}'`);
  return n;
}

/** Variables from `--vars FILE` (json or yaml), config `vars`, then each `--var` (last wins). */
export async function collectVars(
  flags: RenderFlags,
  config: XmdConfig,
  cwd: string,
): Promise<Record<string, unknown>> {
  const vars: Record<string, unknown> = { ...(config.vars ?? {}) };
  if (flags.vars !== undefined) {
    const file = resolve(cwd, flags.vars);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      throw new UsageError(`cannot read --vars file ${flags.vars}`);
    }
    let data: unknown;
    try {
      if (/\.ya?ml$/i.test(extname(file))) data = (await import("yaml")).parse(text);
      else data = JSON.parse(text);
    } catch (e) {
      throw new UsageError(
        `--vars ${flags.vars} is not valid ${/\.ya?ml$/i.test(file) ? "YAML" : "JSON"}: ${(e as Error).message}`,
      );
    }
    if (data === null || typeof data !== "object" || Array.isArray(data))
      throw new UsageError(`--vars ${flags.vars} must hold an object`);
    Object.assign(vars, data);
  }
  for (const pair of flags.var ?? []) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new UsageError(`--var needs key=value, got '${pair}'`);
    const key = pair.slice(0, eq);
    if (!/^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(key))
      throw new UsageError(`--var: '${key}' is not a valid variable name`);
    vars[key] = parseVarValue(pair.slice(eq + 1));
  }
  return vars;
}

/** Runtime options from flags, falling back to the config file. */
export function runtimeOptions(flags: RenderFlags, config: XmdConfig, cwd: string): RuntimeOptions {
  const options: RuntimeOptions = {};
  const memory = flags.memory ?? config.memory;
  if (memory !== undefined) {
    if (memory !== "pooled" && memory !== "heap")
      throw new UsageError(`--memory must be 'pooled' or 'heap', got '${memory}'`);
    options.memory = memory;
  }
  const allow = flags.allowExec ?? config.allowExec;
  if (allow !== undefined && allow !== false) {
    if (allow === true) options.exec = { allow: true };
    else {
      const list = (Array.isArray(allow) ? allow : allow.split(",")).map((s) => s.trim()).filter(Boolean);
      if (list.length === 0)
        throw new UsageError("--allow-exec= needs command names, e.g. --allow-exec=date,git");
      options.exec = { allow: list };
    }
  }
  const root = flags.root ?? config.root;
  if (root !== undefined) options.root = resolve(cwd, root);
  const limits: NonNullable<RuntimeOptions["limits"]> = {};
  const maxIterations = positiveInt(flags.maxIterations ?? config.maxIterations, "--max-iterations");
  const maxDepth = positiveInt(flags.maxDepth ?? config.maxDepth, "--max-depth");
  const maxOutput = positiveInt(flags.maxOutput ?? config.maxOutput, "--max-output");
  const timeout = positiveInt(flags.timeout ?? config.timeout, "--timeout");
  if (maxIterations !== undefined) limits.maxIterations = maxIterations;
  if (maxDepth !== undefined) limits.maxCallDepth = maxDepth;
  if (maxOutput !== undefined) limits.maxOutputBytes = maxOutput;
  if (timeout !== undefined) limits.timeoutMs = timeout;
  if (Object.keys(limits).length > 0) options.limits = limits;
  const now = flags.now ?? config.now;
  if (now !== undefined) {
    const ms = typeof now === "number" || /^\d+$/.test(now) ? Number(now) : Date.parse(now);
    if (!Number.isFinite(ms)) throw new UsageError(`--now needs an ISO date or milliseconds, got '${now}'`);
    options.now = ms;
  }
  return options;
}
