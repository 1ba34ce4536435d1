/**
 * From flags and config to runtime options and document variables.
 * @module
 */
import { statSync } from "node:fs";
import { extname, resolve } from "node:path";
import type { RuntimeOptions } from "@xmd/runtime";
import { configRoot, type LoadedConfig, untrustedLimit, untrustedSetting, type XmdConfig } from "./config.js";
import { UsageError } from "./errors.js";
import { readRegularText, UnreadableFile } from "./input/read-file.js";
import { DEFAULTS, LIMIT_FLAGS, type LimitValues } from "./limits.js";
import { DEFAULT_MAX_DEPTH, type ThreadLimits, threadLimits } from "./render/stack-size.js";

/** Flags every rendering command accepts (as commander parses them). */
export interface RenderFlags extends LimitValues {
  var?: string[];
  vars?: string;
  memory?: string;
  stripFrontMatter?: boolean;
  strict?: boolean;
  /** A bare `--allow-exec`: every program. */
  allowExec?: boolean;
  /** `--allow-exec=LIST` (see argv.ts): only these programs. */
  allowExecList?: string;
  root?: string;
  execTimeout?: string;
  /** `--exec-shell`: commands run through `sh -c`, as the C tool ran them. */
  execShell?: boolean;
  execMaxOutput?: string;
  now?: string;
  stats?: boolean;
  debug?: boolean;
  config?: string;
}

/**
 * `--var n=3` → 3, `=true` → true, `=[1,2]` → a list; anything else stays text. A number
 * is a number only when it reads back the same (`01234` and `1.10` stay text, so that
 * zip codes and version numbers survive). Text that starts like JSON but is not valid
 * JSON (`[1,2`) stays text too.
 */
export function parseVarValue(raw: string): unknown {
  if (raw === "true") return true;
  if (raw === "false") return false;
  if (raw === "null") return null;
  if (raw.trim() !== "" && String(Number(raw)) === raw) return Number(raw);
  if (/^[[{"]/.test(raw)) {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  return raw;
}

/** A positive whole number from a flag or the config, at most `max` when given. */
export function positiveInt(
  raw: string | number | undefined,
  flag: string,
  max?: number,
): number | undefined {
  if (raw === undefined) return undefined;
  const n = typeof raw === "number" ? raw : /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`${flag} needs a positive whole number, got '${raw}'`);
  if (max !== undefined && n > max)
    throw new UsageError(`${flag} needs a whole number from 1 to ${max}, got '${raw}'`);
  return n;
}

/**
 * Sets a variable as an own property, whatever its name: `vars[key] = v` and
 * `Object.assign` would take `__proto__` as the object's prototype and drop the variable.
 */
function setVar(vars: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(vars, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Every own property of `from` into `vars`, `__proto__` included (see {@link setVar}). */
function setVars(vars: Record<string, unknown>, from: object): void {
  for (const key of Object.keys(from)) setVar(vars, key, (from as Record<string, unknown>)[key]);
}

/** Variables from config `vars`, then `--vars FILE` (json or yaml), then each `--var` (last wins). */
export async function collectVars(
  flags: RenderFlags,
  config: XmdConfig,
  cwd: string,
): Promise<Record<string, unknown>> {
  // No prototype: every key is a variable, `__proto__` and `constructor` too.
  const vars = Object.create(null) as Record<string, unknown>;
  setVars(vars, config.vars ?? {});
  if (flags.vars !== undefined) {
    const file = resolve(cwd, flags.vars);
    let text: string;
    try {
      text = readRegularText(file, readLimit(flags, config));
    } catch (e) {
      if (!(e instanceof UnreadableFile)) throw e;
      throw new UsageError(`cannot read --vars file ${flags.vars}: ${e.reason}`);
    }
    const yaml = /\.ya?ml$/i.test(extname(file));
    let data: unknown;
    try {
      data = yaml ? (await import("yaml")).parse(text) : JSON.parse(text);
    } catch (e) {
      throw new UsageError(
        `--vars ${flags.vars} is not valid ${yaml ? "YAML" : "JSON"}: ${(e as Error).message}`,
      );
    }
    if (data === null || typeof data !== "object" || Array.isArray(data))
      throw new UsageError(`--vars ${flags.vars} must hold an object`);
    setVars(vars, data);
  }
  for (const pair of flags.var ?? []) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new UsageError(`--var needs key=value, got '${pair}'`);
    const key = pair.slice(0, eq);
    if (!/^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(key))
      throw new UsageError(`--var: '${key}' is not a valid variable name`);
    setVar(vars, key, parseVarValue(pair.slice(eq + 1)));
  }
  return vars;
}

/** `--max-read` or the config's `maxRead`, else the default: the cap on every file read. */
export function readLimit(flags: LimitValues, config: XmdConfig): number {
  return positiveInt(flags.maxRead ?? config.maxRead, "--max-read") ?? DEFAULTS.maxReadBytes;
}

/** The exec policy from `--allow-exec[=LIST]` or the config (which must be trusted for it). */
function execPolicy(flags: RenderFlags, loaded: LoadedConfig): RuntimeOptions["exec"] | undefined {
  let allow: boolean | string[] | undefined;
  if (flags.allowExecList !== undefined) {
    allow = flags.allowExecList.split(",");
    if (allow.every((s) => s.trim() === ""))
      throw new UsageError("--allow-exec= needs program names, e.g. --allow-exec=date,git");
  } else if (flags.allowExec === true) allow = true;
  else {
    untrustedSetting(loaded, "allowExec");
    allow = loaded.config.allowExec;
  }
  const timeoutMs = positiveInt(flags.execTimeout ?? loaded.config.execTimeout, "--exec-timeout");
  const maxOutputBytes = positiveInt(flags.execMaxOutput ?? loaded.config.execMaxOutput, "--exec-max-output");
  const policy: NonNullable<RuntimeOptions["exec"]> = {
    allow: Array.isArray(allow) ? allow.map((s) => s.trim()).filter(Boolean) : (allow ?? false),
  };
  if (timeoutMs !== undefined) policy.timeoutMs = timeoutMs;
  if (maxOutputBytes !== undefined) policy.maxOutputBytes = maxOutputBytes;
  const shell = flags.execShell === true || loaded.config.execShell === true;
  if (loaded.config.execShell !== undefined && typeof loaded.config.execShell !== "boolean")
    throw new UsageError(`"execShell" in ${loaded.where} must be true or false`);
  if (shell) policy.shell = true;
  return policy.allow === false && timeoutMs === undefined && maxOutputBytes === undefined && !shell
    ? undefined
    : policy;
}

/** `--root` or the config's root (relative to the config file), checked to be a folder. */
export function rootOption(flags: RenderFlags, loaded: LoadedConfig, cwd: string): string | undefined {
  let root: string | undefined;
  let what: string;
  if (flags.root !== undefined) {
    root = resolve(cwd, flags.root);
    what = `--root ${flags.root}`;
  } else {
    untrustedSetting(loaded, "root");
    root = configRoot(loaded);
    what = `"root" in ${loaded.where}`;
  }
  if (root === undefined) return undefined;
  let isFolder = false;
  try {
    isFolder = statSync(root).isDirectory();
  } catch {
    throw new UsageError(`${what}: no such folder`);
  }
  if (!isFolder) throw new UsageError(`${what}: not a folder`);
  return root;
}

/** Runtime options from flags, falling back to the config file. */
export function runtimeOptions(flags: RenderFlags, loaded: LoadedConfig, cwd: string): RuntimeOptions {
  const { config } = loaded;
  const options: RuntimeOptions = {};
  const memory = flags.memory ?? config.memory;
  if (memory !== undefined) {
    if (memory !== "pooled" && memory !== "heap")
      throw new UsageError(`--memory must be 'pooled' or 'heap', got '${memory}'`);
    options.memory = memory;
  }
  const frontMatter = flags.stripFrontMatter === true ? "strip" : config.frontMatter;
  if (frontMatter !== undefined) {
    if (frontMatter !== "keep" && frontMatter !== "strip")
      throw new UsageError(
        `"frontMatter" in ${loaded.where} must be "keep" or "strip", got '${frontMatter}'`,
      );
    options.frontMatter = frontMatter;
  }
  const strict = flags.strict === true || config.strict === true;
  if (config.strict !== undefined && typeof config.strict !== "boolean")
    throw new UsageError(`"strict" in ${loaded.where} must be true or false`);
  if (strict) options.strict = true;
  const exec = execPolicy(flags, loaded);
  if (exec !== undefined) options.exec = exec;
  const root = rootOption(flags, loaded, cwd);
  if (root !== undefined) options.root = root;
  const limits: NonNullable<RuntimeOptions["limits"]> = {};
  for (const { key, flag, limit, max } of LIMIT_FLAGS) {
    const n = positiveInt(flags[key] ?? config[key], flag, max);
    if (n === undefined) continue;
    if (flags[key] === undefined) untrustedLimit(loaded, key, flag, n, DEFAULTS[limit]);
    limits[limit] = n;
  }
  // Always said, because the render threads' heap cap is this number too.
  limits.maxMemoryMb ??= DEFAULTS.maxMemoryMb;
  options.limits = limits;
  const now = flags.now ?? config.now;
  if (now !== undefined) {
    const ms = typeof now === "number" || /^\d+$/.test(now) ? Number(now) : Date.parse(now);
    if (!Number.isFinite(ms)) throw new UsageError(`--now needs an ISO date or milliseconds, got '${now}'`);
    options.now = ms;
  }
  return options;
}

/** The call depth renders with these options may reach (sizes the render thread's stack). */
export function maxCallDepth(options: RuntimeOptions): number {
  return options.limits?.maxCallDepth ?? DEFAULT_MAX_DEPTH;
}

/** The heap cap of render threads for these options (`--max-memory`). */
export function maxMemoryMb(options: RuntimeOptions): number {
  return options.limits?.maxMemoryMb ?? DEFAULTS.maxMemoryMb;
}

/** The cap on one read for these options (`--max-read`). */
export function maxReadBytes(options: RuntimeOptions): number {
  return options.limits?.maxReadBytes ?? DEFAULTS.maxReadBytes;
}

/** Stack and heap of the render threads for these options. */
export function renderThreadLimits(options: RuntimeOptions): ThreadLimits {
  return threadLimits(maxCallDepth(options), maxMemoryMb(options));
}

/**
 * Options for `--check`: writes go to an in-memory overlay (`dryRun`), and unless
 * `--trust-exec` no command runs: the runtime stops at the first command the allow-list
 * lets through (`exec.stop`), and the document is reported as not deterministic. A
 * command the list refuses is the error it is in a real render.
 */
export function checkModeOptions(options: RuntimeOptions, trustExec: boolean): RuntimeOptions {
  const dry: RuntimeOptions = { ...options, dryRun: true };
  if (trustExec || options.exec === undefined || options.exec.allow === false) return dry;
  return { ...dry, exec: { ...options.exec, stop: true } };
}
