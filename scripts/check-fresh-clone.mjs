#!/usr/bin/env node
/**
 * What a newcomer gets from `git clone`: clones this repository's committed HEAD (shallow) into
 * an empty temporary folder (nothing beside it: no ../shared), then runs the README's
 * Quick start commands there exactly as the README writes them — every line of its
 * `sh` blocks that starts with `pnpm ` (the pnpm install line itself is skipped when
 * pnpm is already here). The first must print exactly `examples/showcase.out.md` (the
 * document, no install chatter); every one must exit 0.
 *
 * The clone reads this checkout's turbo cache (`TURBO_CACHE_DIR`): a task whose inputs
 * hash the same here and there replays its result (turbo's own rule, which hashes every
 * file a task names as input), so what runs again is what a clone with nothing beside it
 * changes. Only the conformance tests of the runtime and the CLI read `../shared` (their
 * `test:conformance` task names it as an input); they run again whenever it is present
 * here. `--full` gives the clone a cache of its own, so every task runs.
 *
 * Usage: node scripts/check-fresh-clone.mjs [--full]
 * Ends with a line `N passed, N failed`; exits 1 when anything failed.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The Quick start section's commands, in order, as written. */
function quickStartCommands(readme) {
  const section = readme.split(/^## /m).find((s) => s.startsWith("Quick start"));
  if (section === undefined) throw new Error("README.md has no '## Quick start' section");
  const blocks = [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  return blocks.flatMap((b) => b.split("\n").filter((line) => line.startsWith("pnpm ")));
}

const commands = quickStartCommands(readFileSync(join(repo, "README.md"), "utf8"));
const full = process.argv.includes("--full");
const home = mkdtempSync(join(tmpdir(), "xmd-fresh-"));
const cache = join(repo, ".turbo", "cache");
// The commands' environment: CI's, and this checkout's turbo cache unless --full.
const env = { ...process.env, CI: "true", TURBO_CACHE_DIR: cache };
if (full) delete env.TURBO_CACHE_DIR;
const clone = join(home, "xmd");
let passed = 0;
let failed = 0;

try {
  // HEAD alone (`--depth 1`): what the Quick start reads is the tree, not its history, and
  // the history's mutation baselines (tens of MB a version) made a full clone take 45 s here.
  const cloned = spawnSync("git", ["clone", "--quiet", "--depth", "1", pathToFileURL(repo).href, clone], {
    stdio: "inherit",
  });
  if (cloned.status !== 0) throw new Error("git clone failed");
  if (existsSync(join(home, "shared"))) throw new Error("something is beside the clone");
  console.log(`fresh clone in ${clone}; the README's commands:`);
  console.log(
    full
      ? "(--full: a turbo cache of its own, every task runs)"
      : `(turbo cache: ${cache}; a task whose inputs are the same as here replays its result)`,
  );
  if (commands.length !== 2) {
    failed++;
    console.log(
      `FAIL  expected the Quick start's two commands, found ${commands.length}: ${commands.join(" | ")}`,
    );
  }
  const showcase = readFileSync(join(clone, "examples/showcase.out.md"), "utf8");
  commands.forEach((command, i) => {
    console.log(`\n$ ${command}`);
    const started = Date.now();
    // The first command's output is the reader's proof, so capture it; later ones stream.
    const capture = i === 0;
    const result = spawnSync("bash", ["-c", command], {
      cwd: clone,
      encoding: "utf8",
      stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit",
      env,
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    let problem = result.status === 0 ? "" : `exited ${result.status ?? result.signal}`;
    if (capture && problem === "" && result.stdout !== showcase)
      problem = `stdout is not examples/showcase.out.md:\n${result.stdout}${result.stderr}`;
    if (capture && problem !== "" && result.stderr) problem += `\n${result.stderr}`;
    if (problem === "") {
      passed++;
      console.log(`ok    ${command} (${seconds} s)`);
    } else {
      failed++;
      console.log(`FAIL  ${command} (${seconds} s): ${problem}`);
    }
  });
} catch (error) {
  failed++;
  console.log(`FAIL  ${error.message}`);
} finally {
  rmSync(home, { recursive: true, force: true });
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
