// Tests of ./mutation-inputs.mjs, the rule by which CI's mutation step trusts a baseline
// without starting Stryker (`node --test scripts/`; part of `pnpm test`).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { mutant, writerIn } from "./mutation-fixtures.mjs";
import { baselineScore, relevantFiles, runInputs, whyNotStanding } from "./mutation-inputs.mjs";

let root;
let write;
let pkg;
const git = (...args) =>
  assert.equal(spawnSync("git", args, { cwd: root }).status, 0, `git ${args.join(" ")}`);
const manifest = (name, deps = {}) => JSON.stringify({ name, devDependencies: deps });

before(() => {
  // A workspace: packages/a uses packages/b; packages/c and apps/x are other packages.
  root = mkdtempSync(join(tmpdir(), "mutation-inputs-"));
  write = writerIn(root);
  pkg = join(root, "packages", "a");
  write("package.json", "{}");
  write("pnpm-lock.yaml", "lockfileVersion: '9.0'\n");
  write(".gitignore", "dist/\nreports/\n");
  write("README.md", "# repo\n");
  write("conformance/case.md", "{{1}}\n");
  write("docs/language.md", "# language\n");
  write("docs/bench/latest.md", "# run\n");
  write(".changeset/x.md", "---\n---\n");
  write("packages/a/package.json", manifest("@w/a", { "@w/b": "workspace:^", vitest: "^4" }));
  write("packages/a/src/a.ts", "export const a = 1;\n");
  write("packages/a/test/a.test.ts", 'test("a", () => {});\n');
  write("packages/a/test/support/helper.ts", "export const h = 1;\n");
  write("packages/a/README.md", "# a\n");
  write("packages/a/MUTATION.md", "# survivors\n");
  write("packages/a/stryker-incremental.json", "{}\n");
  write("packages/a/dist/a.js", "export const a = 1;\n");
  write("packages/b/package.json", manifest("@w/b", { "@w/d": "workspace:*" }));
  write("packages/b/src/b.ts", "export const b = 1;\n");
  write("packages/d/package.json", manifest("@w/d"));
  write("packages/d/src/d.ts", "export const d = 1;\n");
  write(".github/workflows/ci.yml", "on: push\n");
  write("CONTRIBUTING.md", "# contributing\n");
  write("packages/a/CHANGELOG.md", "# changes\n");
  write("packages/c/package.json", manifest("@w/c", { "@w/a": "workspace:^" }));
  write("packages/c/src/c.ts", "export const c = 1;\n");
  write("apps/x/package.json", manifest("x", { "@w/a": "workspace:^" }));
  write("apps/x/src/x.ts", "export const x = 1;\n");
  git("init", "-q");
  git("add", "-A");
  write("packages/a/test/untracked.test.ts", 'test("new", () => {});\n');
});
after(() => rmSync(root, { recursive: true, force: true }));

/** A baseline recorded from the workspace as it is now. */
function baselineNow(mutants = []) {
  return {
    schemaVersion: "2",
    inputs: runInputs(pkg),
    files: { "src/a.ts": { language: "typescript", source: "export const a = 1;\n", mutants } },
    testFiles: { "test/a.test.ts": { source: 'test("a", () => {});\n', tests: [] } },
  };
}

/** Changes `path` to `text` for the length of `check`, then puts it back. */
function whileChanged(path, text, check) {
  const was = spawnSync("git", ["show", `:${path}`], { cwd: root, encoding: "utf8" });
  write(path, text);
  try {
    check();
  } finally {
    if (was.status === 0) write(path, was.stdout);
    else rmSync(join(root, path));
  }
}

describe("relevantFiles", () => {
  test("lists what the package's tests can reach: tracked and untracked files, its own and its dependencies' (theirs too)", () => {
    assert.deepEqual(relevantFiles(root, pkg), [
      ".gitignore",
      "conformance/case.md",
      "docs/language.md",
      "package.json",
      "packages/a/package.json",
      "packages/a/src/a.ts",
      "packages/a/test/a.test.ts",
      "packages/a/test/support/helper.ts",
      "packages/a/test/untracked.test.ts",
      "packages/b/package.json",
      "packages/b/src/b.ts",
      "packages/d/package.json",
      "packages/d/src/d.ts",
      "pnpm-lock.yaml",
    ]);
  });

  test("is null outside a git checkout", () => {
    const bare = mkdtempSync(join(tmpdir(), "mutation-inputs-bare-"));
    try {
      mkdirSync(join(bare, "packages", "a"), { recursive: true });
      assert.equal(relevantFiles(bare, join(bare, "packages", "a")), null);
      assert.equal(runInputs(join(bare, "packages", "a")), null);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});

describe("whyNotStanding", () => {
  test("is null when the recorded sources, tests and inputs are as they were", () => {
    assert.equal(whyNotStanding(baselineNow(), runInputs(pkg), pkg), null);
  });

  test("names a source or test file Stryker recorded whose text changed, or that is gone", () => {
    const b = baselineNow();
    b.files["src/a.ts"].source = "export const a = 2;\n";
    b.testFiles["test/gone.test.ts"] = { source: "", tests: [] };
    assert.equal(
      whyNotStanding(b, runInputs(pkg), pkg),
      "changed since the baseline: src/a.ts, test/gone.test.ts",
    );
  });

  test("names a changed helper, fixture, dependency or lockfile, a new test file and a deleted file", () => {
    const b = baselineNow();
    const cases = [
      ["packages/a/test/support/helper.ts", "export const h = 2;\n"],
      ["conformance/case.md", "{{2}}\n"],
      ["packages/b/src/b.ts", "export const b = 2;\n"],
      ["packages/d/src/d.ts", "export const d = 2;\n"],
      ["pnpm-lock.yaml", "lockfileVersion: '9.1'\n"],
      ["packages/a/test/new.test.ts", 'test("n", () => {});\n'],
    ];
    for (const [path, text] of cases)
      whileChanged(path, text, () => {
        assert.equal(
          whyNotStanding(b, runInputs(pkg), pkg),
          `files the tests can reach changed since the baseline: ${path}`,
        );
      });
    const gone = {
      ...b,
      inputs: { ...b.inputs, files: { ...b.inputs.files, "packages/a/test/old.ts": "0" } },
    };
    assert.equal(
      whyNotStanding(gone, runInputs(pkg), pkg),
      "files the tests can reach changed since the baseline: packages/a/test/old.ts",
    );
  });

  test("is not moved by the apps, other packages, prose, bench runs, release notes, build output or the baselines", () => {
    const b = baselineNow();
    const untouched = [
      "apps/x/src/x.ts",
      "packages/c/src/c.ts",
      "README.md",
      "packages/a/README.md",
      "packages/a/MUTATION.md",
      "docs/bench/latest.md",
      ".changeset/x.md",
      ".github/workflows/ci.yml",
      "CONTRIBUTING.md",
      "packages/a/CHANGELOG.md",
      "packages/a/dist/a.js",
      "packages/a/stryker-incremental.json",
    ];
    for (const path of untouched)
      whileChanged(path, "changed\n", () => assert.equal(whyNotStanding(b, runInputs(pkg), pkg), null, path));
  });

  test("shows the first eight changed files and counts the rest", () => {
    const b = baselineNow();
    const many = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`packages/a/src/m${i}.ts`, "0"]));
    const now = { ...b.inputs, files: { ...b.inputs.files, ...many } };
    assert.match(whyNotStanding(b, now, pkg), /: packages\/a\/src\/m0\.ts, .*m7\.ts, and 2 more$/);
  });

  test("names another Node version, a baseline without inputs and a tree that cannot be listed", () => {
    const b = baselineNow();
    const now = runInputs(pkg);
    assert.equal(
      whyNotStanding(b, { ...now, node: "v0.0.1" }, pkg),
      `Node changed since the baseline: ${now.node} → v0.0.1`,
    );
    const { inputs, ...old } = b;
    assert.match(whyNotStanding(old, inputs, pkg), /does not record its inputs/);
    assert.match(whyNotStanding(b, null, pkg), /not a git checkout/);
  });
});

describe("baselineScore", () => {
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
