// Tests of ./mutation-inputs.mjs, the rule by which CI's mutation step trusts a baseline
// without starting Stryker (`node --test scripts/`; part of `pnpm test`).
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { baselineScore, mutatedFiles, runInputs, whyNotStanding } from "./mutation-inputs.mjs";

let dir;
const write = (path, text) => {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
};

before(() => {
  // A package two folders below a root, as in packages/NAME.
  const root = mkdtempSync(join(tmpdir(), "mutation-inputs-"));
  dir = join(root, "packages", "p");
  write("src/a.ts", "export const a = 1;\n");
  write("src/b/c.ts", "export const c = 2;\n");
  write("src/index.ts", 'export * from "./a.js";\n');
  write("src/.hidden.ts", "export {};\n");
  write("test/a.test.ts", 'test("a", () => {});\n');
  write("node_modules/dep/src/z.ts", "export {};\n");
  write("reports/src/r.ts", "export {};\n");
  write("stryker.config.mjs", "export default {};\n");
  write("vitest.config.ts", "export default {};\n");
  writeFileSync(join(root, "stryker.shared.mjs"), "export {};\n");
  mkdirSync(join(root, "patches"));
  writeFileSync(join(root, "patches", "@stryker-mutator__core@9.6.1.patch"), "diff\n");
  writeFileSync(join(root, "patches", "README.md"), "# Patches\n");
});
after(() => rmSync(join(dir, "..", ".."), { recursive: true, force: true }));

const config = () => ({
  mutate: ["src/**/*.ts", "!src/index.ts"],
  vitest: { configFile: join(dir, "vitest.config.ts") },
});

/** A baseline that recorded the package as it is now. */
function baselineNow(mutants = []) {
  return {
    schemaVersion: "2",
    inputs: runInputs(dir, "stryker.config.mjs", config()),
    files: { "src/a.ts": { language: "typescript", source: "export const a = 1;\n", mutants } },
    testFiles: { "test/a.test.ts": { source: 'test("a", () => {});\n', tests: [] } },
  };
}

describe("mutatedFiles", () => {
  test("applies the patterns in order, hidden files included, skipping node_modules and reports", () => {
    assert.deepEqual(mutatedFiles(dir, ["src/**/*.ts", "!src/index.ts"]), [
      "src/.hidden.ts",
      "src/a.ts",
      "src/b/c.ts",
    ]);
    assert.deepEqual(mutatedFiles(dir, ["!src/index.ts", "src/**/*.ts"]), [
      "src/.hidden.ts",
      "src/a.ts",
      "src/b/c.ts",
      "src/index.ts",
    ]);
  });

  test("matches a pattern with a line range by its file", () => {
    assert.deepEqual(mutatedFiles(dir, ["src/a.ts:1-3", "src/b/c.ts:2:1-4:5"]), ["src/a.ts", "src/b/c.ts"]);
  });
});

describe("whyNotStanding", () => {
  test("is null when sources, tests and inputs are as recorded", () => {
    assert.equal(whyNotStanding(baselineNow(), runInputs(dir, "stryker.config.mjs", config()), dir), null);
  });

  test("names a source or test file whose text changed, or that is gone", () => {
    const b = baselineNow();
    b.files["src/a.ts"].source = "export const a = 2;\n";
    b.testFiles["test/gone.test.ts"] = { source: "", tests: [] };
    const why = whyNotStanding(b, runInputs(dir, "stryker.config.mjs", config()), dir);
    assert.equal(why, "changed since the baseline: src/a.ts, test/gone.test.ts");
  });

  test("refuses a baseline that does not record its inputs", () => {
    const { inputs, ...old } = baselineNow();
    assert.match(whyNotStanding(old, inputs, dir), /does not record its inputs/);
  });

  test("names a new file the patterns select, and a changed one that had no mutants", () => {
    const b = baselineNow();
    write("src/new.ts", "export {};\n");
    write("src/b/c.ts", "export const c = () => 3;\n");
    try {
      assert.equal(
        whyNotStanding(b, runInputs(dir, "stryker.config.mjs", config()), dir),
        "files to mutate changed since the baseline: src/b/c.ts, src/new.ts",
      );
    } finally {
      rmSync(join(dir, "src/new.ts"));
      write("src/b/c.ts", "export const c = 2;\n");
    }
    assert.equal(whyNotStanding(b, runInputs(dir, "stryker.config.mjs", config()), dir), null);
  });

  test("names a changed config and another tool version", () => {
    const b = baselineNow();
    write("vitest.config.ts", "export default { test: { retry: 1 } };\n");
    const now = runInputs(dir, "stryker.config.mjs", config());
    write("vitest.config.ts", "export default {};\n");
    assert.equal(whyNotStanding(b, now, dir), "configs changed since the baseline: vitest.config.ts");
    const other = { ...b.inputs, tools: { ...b.inputs.tools, vitest: "0.0.1" } };
    assert.equal(
      whyNotStanding(b, other, dir),
      `tools changed since the baseline: vitest ${b.inputs.tools.vitest} → 0.0.1`,
    );
  });

  test("does not mind the order the recorded keys are in", () => {
    const b = baselineNow();
    b.inputs.mutate = Object.fromEntries(Object.entries(b.inputs.mutate).reverse());
    b.inputs.config = Object.fromEntries(Object.entries(b.inputs.config).reverse());
    b.inputs.tools = Object.fromEntries(Object.entries(b.inputs.tools).reverse());
    assert.equal(whyNotStanding(b, runInputs(dir, "stryker.config.mjs", config()), dir), null);
  });

  test("hashes the package's configs, the shared one at the root and the patches to Stryker", () => {
    const inputs = runInputs(dir, "stryker.config.mjs", config());
    assert.deepEqual(Object.keys(inputs.config), [
      "../../patches/@stryker-mutator__core@9.6.1.patch",
      "../../stryker.shared.mjs",
      "stryker.config.mjs",
      "vitest.config.ts",
    ]);
    assert.match(inputs.config["stryker.config.mjs"], /^[0-9a-f]{64}$/);
  });
});

describe("baselineScore", () => {
  const mutant = (id, status) => ({
    id: String(id),
    mutatorName: "BooleanLiteral",
    replacement: "false",
    location: { start: { line: 1, column: 18 }, end: { line: 1, column: 19 } },
    status,
  });

  test("is detected ÷ valid, as Stryker counts: killed and timed out over all but the ignored and errors", () => {
    const statuses = [
      "Killed",
      "Killed",
      "Timeout",
      "Survived",
      "NoCoverage",
      "Ignored",
      "CompileError",
      "RuntimeError",
    ];
    assert.equal(baselineScore(baselineNow(statuses.map((s, i) => mutant(i, s)))), 60);
  });

  test("is null with no valid mutant", () => {
    assert.equal(baselineScore(baselineNow([mutant(1, "Ignored")])), null);
  });
});
