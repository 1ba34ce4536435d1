/** Spawning the built CLI as a real process. */
import { type SpawnSyncReturns, spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
/** The CLI under test; XMD_BIN runs the suite against another build (to see a test fail without a fix). */
export const BIN = process.env.XMD_BIN ?? resolve(here, "../bin/xmd.js");
export const REPO = resolve(here, "../../..");

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `xmd ARGS` to completion. */
export function xmd(
  args: string[],
  options: { cwd?: string; input?: string; env?: Record<string, string> } = {},
): Run {
  const result: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? process.cwd(),
    input: options.input ?? "",
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "", ...options.env },
    timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A file's text, or "" when it does not exist. */
export const read = (path: string): string => (existsSync(path) ? readFileSync(path, "utf8") : "");

/** Starts `xmd ARGS` in the background (watch mode). */
export function xmdBackground(args: string[], cwd: string) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "" },
  });
  let exited: number | null = null;
  child.once("exit", (code) => {
    exited = code ?? -1;
  });
  let stderr = "";
  let stdout = "";
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  child.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  return {
    child,
    stderr: () => stderr,
    stdout: () => stdout,
    /** The exit code once it has exited by itself, else null. */
    exitCode: () => exited,
    stop: () =>
      new Promise<void>((done) => {
        if (exited !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGINT");
      }),
  };
}

const temps: string[] = [];

/** A fresh folder with these files. */
export function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "xmd-cli-"));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** A fresh copy of a folder. */
export function copyOf(folder: string): string {
  const dir = workspace();
  cpSync(folder, dir, { recursive: true });
  return dir;
}

export function cleanup(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Polls until `check` is true (or fails after `ms`). */
export async function until(
  check: () => boolean,
  ms = 20_000,
  what = "condition",
  context: () => string = () => "",
): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}\n${context()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Everything under `dir`, links not followed: `path -> target`, `path/`, or `path: content`. */
export function snapshot(dir: string, rel = ""): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(dir, rel)).sort()) {
    const path = join(rel, name);
    const stat = lstatSync(join(dir, path));
    if (stat.isSymbolicLink()) out.push(`${path} -> ${readlinkSync(join(dir, path))}`);
    else if (stat.isDirectory()) out.push(`${path}/`, ...snapshot(dir, path));
    else if (stat.isFile()) out.push(`${path}: ${readFileSync(join(dir, path), "utf8")}`);
    else out.push(`${path} (special)`);
  }
  return out;
}
