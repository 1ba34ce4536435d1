// Tests of scripts/mutate.mjs's CI verdict when a baseline stands (no Stryker run): the
// exit status and the line it prints. `node --test scripts/`; part of `pnpm test`.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { mutant, writerIn } from "./mutation-fixtures.mjs";
import { runInputs } from "./mutation-inputs.mjs";

const MUTATE = fileURLToPath(new URL("./mutate.mjs", import.meta.url));
let root;
let write;
let pkg;
before(() => {
  root = mkdtempSync(join(tmpdir(), "mutate-ci-"));
  write = writerIn(root);
  pkg = join(root, "packages", "a");
  write("package.json", "{}");
  write("packages/a/package.json", JSON.stringify({ name: "@w/a" }));
  write("packages/a/src/a.ts", "export const a = true;\n");
  write("packages/a/test/a.test.ts", 'test("a", () => {});\n');
  // The threshold comes from the environment, so the config's text (hashed) stays the same.
  write(
    "packages/a/stryker.config.mjs",
    'export default { incrementalFile: "stryker-incremental.json", thresholds: { break: Number(process.env.BREAK_AT) } };\n',
  );
  assert.equal(spawnSync("git", ["init", "-q"], { cwd: root }).status, 0);
  // Three of five detected: 60%.
  const statuses = ["Killed", "Killed", "Timeout", "Survived", "NoCoverage"];
  const baseline = {
    schemaVersion: "2",
    inputs: runInputs(pkg),
    files: {
      "src/a.ts": {
        language: "typescript",
        source: "export const a = true;\n",
        mutants: statuses.map((s, i) => mutant(i, s)),
      },
    },
    testFiles: { "test/a.test.ts": { source: 'test("a", () => {});\n', tests: [] } },
  };
  write("packages/a/stryker-incremental.json", JSON.stringify(baseline));
});
after(() => rmSync(root, { recursive: true, force: true }));

/** Runs `mutate.mjs --ci` in the package with this break threshold. */
function ci(breakAt) {
  const env = { ...process.env, BREAK_AT: String(breakAt) };
  return spawnSync(process.execPath, [MUTATE, "--ci"], { cwd: pkg, encoding: "utf8", env });
}

test("passes with the baseline's score at or above the break threshold, Stryker not started", () => {
  for (const breakAt of [50, 60]) {
    const run = ci(breakAt);
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /its 5 results stand, Stryker not started; mutation score 60\.00 ≥ break threshold (50|60)\n/,
    );
  }
});

test("fails with the baseline's score below the break threshold", () => {
  const run = ci(61);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /mutation score 60\.00 < break threshold 61\n/);
});
