/**
 * The config file: `xmd.config.json` in the working folder or a parent, or an `"xmd"`
 * key in the nearest package.json — or a file named with `--config`. Keys are the long
 * flag names in camelCase (`allowExec`, `maxIterations`, `vars`, …); flags on the
 * command line win. Paths in it are relative to the file's own folder.
 *
 * A config found by searching is trusted less than one named on the command line: it
 * usually arrived with the documents (a cloned repository), so it may not let them run
 * programs or read outside its own folder. See {@link untrustedSetting}.
 * @module
 */
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { UsageError } from "./errors.js";
import { readRegularText, UnreadableFile } from "./input/read-file.js";
import { LIMIT_FLAGS, type LimitKey } from "./limits.js";
import { isWithin, realPath } from "./output/real-path.js";

/**
 * A config file, a package.json, is read only when it is a regular file of at most this
 * many bytes (a config is a few lines; a found one may have come with hostile documents).
 */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

/** What a config file may set. */
export interface XmdConfig extends Partial<Record<LimitKey, number>> {
  allowExec?: boolean | string[];
  root?: string;
  memory?: "pooled" | "heap";
  /** `"strip"` leaves front matter out of the output (`--strip-front-matter`). */
  frontMatter?: "keep" | "strip";
  /** Undefined names are errors in classic directives too (`--strict`). */
  strict?: boolean;
  execTimeout?: number;
  /** Commands run through `sh -c` (`--exec-shell`). */
  execShell?: boolean;
  execMaxOutput?: number;
  now?: string | number;
  vars?: Record<string, unknown>;
  include?: string[];
  exclude?: string[];
}

const KEYS: ReadonlySet<string> = new Set([
  "allowExec",
  "root",
  "memory",
  "frontMatter",
  "strict",
  ...LIMIT_FLAGS.map((f) => f.key),
  "execTimeout",
  "execShell",
  "execMaxOutput",
  "now",
  "vars",
  "include",
  "exclude",
]);

/** A config and where it came from. */
export interface LoadedConfig {
  config: XmdConfig;
  /** The file it was read from; null when there is none. */
  file: string | null;
  /** How messages name it: `xmd.config.json`, `package.json ("xmd" key)`. */
  where: string;
  /** True when named with `--config`; false when found by searching up from the cwd. */
  explicit: boolean;
}

const NO_CONFIG: LoadedConfig = { config: {}, file: null, where: "", explicit: false };

/** Finds and reads the config that applies to `cwd`, or the `--config` file. */
export function loadConfig(cwd: string, explicit?: string): LoadedConfig {
  if (explicit !== undefined) {
    const file = resolve(cwd, explicit);
    if (!existsSync(file)) throw new UsageError(`config file not found: ${explicit}`);
    const json = readJson(file);
    // `--config package.json` means its "xmd" key.
    const value =
      /(^|[/\\])package\.json$/.test(file) && json !== null && typeof json === "object" && "xmd" in json
        ? (json as { xmd: unknown }).xmd
        : json;
    return { config: validate(value, explicit), file, where: explicit, explicit: true };
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const own = join(dir, "xmd.config.json");
    if (existsSync(own)) {
      const where = shownPath(cwd, own);
      return { config: validate(readJson(own), where), file: own, where, explicit: false };
    }
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      const json = readJson(pkg) as { xmd?: unknown } | null;
      if (json !== null && typeof json === "object" && json.xmd !== undefined) {
        const where = `${shownPath(cwd, pkg)} ("xmd" key)`;
        return { config: validate(json.xmd, where), file: pkg, where, explicit: false };
      }
    }
    if (dirname(dir) === dir) return NO_CONFIG;
  }
}

function shownPath(cwd: string, file: string): string {
  return relative(cwd, file) || file;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readRegularText(file, MAX_CONFIG_BYTES);
  } catch (e) {
    if (!(e instanceof UnreadableFile)) throw e;
    throw new UsageError(`cannot read config ${file}: ${e.reason}`);
  }
  try {
    return JSON.parse(text);
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
  const config = value as XmdConfig;
  const allow = config.allowExec;
  if (
    allow !== undefined &&
    typeof allow !== "boolean" &&
    !(Array.isArray(allow) && allow.every((a) => typeof a === "string"))
  )
    throw new UsageError(`"allowExec" in ${where} must be true, false or a list of program names`);
  if (config.root !== undefined && typeof config.root !== "string")
    throw new UsageError(`"root" in ${where} must be a path`);
  return config;
}

/** The config's `root`, resolved against the config file's folder. */
export function configRoot(loaded: LoadedConfig): string | undefined {
  const root = loaded.config.root;
  if (root === undefined || loaded.file === null) return root;
  return resolve(dirname(loaded.file), root);
}

/**
 * Refuses what a config found by searching may not do: allow programs to run, or set a
 * root outside its own folder. Called only for settings the command line does not
 * override, so a flag always works.
 */
export function untrustedSetting(loaded: LoadedConfig, setting: "allowExec" | "root"): void {
  if (loaded.explicit || loaded.file === null) return;
  const named = `--config ${loaded.file}`;
  if (setting === "allowExec") {
    const allow = loaded.config.allowExec;
    if (allow === undefined || allow === false || (Array.isArray(allow) && allow.length === 0)) return;
    throw new UsageError(
      `${loaded.where} sets "allowExec", but a config found by searching from the working folder may not let documents run programs: pass --allow-exec${Array.isArray(allow) ? `=${allow.join(",")}` : ""} on the command line, or name the config with ${named}`,
    );
  }
  const root = configRoot(loaded);
  if (root === undefined) return;
  const folder = dirname(loaded.file);
  if (isWithin(realPath(root), realPath(folder))) return;
  throw new UsageError(
    `${loaded.where} sets "root" to ${root}, outside its own folder, but a config found by searching from the working folder may not widen file access: pass --root ${root} on the command line, or name the config with ${named}`,
  );
}

/**
 * Refuses a limit that a config found by searching raises above its default: such a
 * config comes with the tree, and the limits are what stop that tree's documents from
 * hanging the build or filling memory. Lowering a limit is fine.
 */
export function untrustedLimit(
  loaded: LoadedConfig,
  key: string,
  flag: string,
  value: number,
  fallback: number,
): void {
  if (loaded.explicit || loaded.file === null || value <= fallback) return;
  throw new UsageError(
    `${loaded.where} raises "${key}" to ${value}, above the default ${fallback}, but a config found by searching from the working folder may not raise limits: pass ${flag} ${value} on the command line, or name the config with --config ${loaded.file}`,
  );
}
