/**
 * What a mutation baseline was measured from, beyond the sources and tests Stryker records
 * itself, and the score a baseline holds (used by scripts/mutate.mjs).
 *
 * Stryker's incremental run reuses a recorded result when the mutated file and the tests
 * that covered the mutant have the same text as when it was recorded; it finds that out by
 * running every test once (the "initial test run", with per-test coverage) before it looks.
 * For the runtime that first run takes five to six minutes on two cores, and when nothing
 * changed it ends by reusing every result. To know without it, a baseline also records:
 *
 * - `mutate`: the files the part's `mutate` patterns match, each with a SHA-256 of its
 *   text, so a new file that would be mutated is seen (its mutants have no result yet), and
 *   so is a change to one that had no mutants (Stryker's record leaves such a file out);
 * - `config`: a SHA-256 of each file that sets up the run (the part's Stryker and Vitest
 *   configs, the shared ones at the root, the repository's patches to Stryker), so a
 *   changed mutator, pattern, test setting or patch is seen;
 * - `tools`: the versions of Stryker, its Vitest runner and Vitest.
 *
 * With those equal, and every recorded source and test file unchanged, Stryker's own run
 * would reuse every result and report the score the baseline holds: that is the rule
 * `mutate:ci` applies before starting it. Test files that are new since the baseline are
 * not looked for: Stryker would run the survivors against them, which can only kill more.
 * @module
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, sep } from "node:path";
import { minimatch } from "minimatch";
import { calculateMutationTestMetrics } from "mutation-testing-metrics";

const require = createRequire(import.meta.url);

/** Folders Stryker never reads for files to mutate (its own list, plus its temp and report folders). */
const SKIPPED_DIRS = new Set(["node_modules", ".git", ".stryker-tmp", "reports", ".turbo"]);

/** Every file below `dir`, relative to it, with `/` separators, in sorted order. */
function filesBelow(dir) {
  const out = [];
  const walk = (at) => {
    for (const entry of readdirSync(join(dir, at), { withFileTypes: true })) {
      const path = at === "" ? entry.name : `${at}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(path);
      } else if (entry.isFile()) out.push(path);
    }
  };
  walk("");
  return out.sort();
}

/** A `mutate` pattern without its line range (`src/a.ts:1-415` → `src/a.ts`). */
function withoutRange(pattern) {
  return pattern.replace(/:(\d+)(?::\d+)?-(\d+)(?::\d+)?$/, "");
}

/**
 * The files the `mutate` patterns select in the package folder `dir`, in Stryker's order of
 * rules: each pattern in turn adds the files it matches, or with a leading `!` takes them out.
 * @param {string} dir
 * @param {readonly string[]} patterns
 */
export function mutatedFiles(dir, patterns) {
  const all = filesBelow(dir);
  const chosen = new Set();
  for (const pattern of patterns) {
    const negated = pattern.startsWith("!");
    const glob = withoutRange(negated ? pattern.slice(1) : pattern);
    for (const file of all) {
      if (!minimatch(file, glob, { dot: true })) continue;
      if (negated) chosen.delete(file);
      else chosen.add(file);
    }
  }
  return [...chosen].sort();
}

function sha256(path) {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

function versionOf(name) {
  return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")).version;
}

/**
 * The inputs of one part's run, as {@link whyNotStanding} compares them.
 * @param {string} dir the package folder
 * @param {string} configFile the part's Stryker config, in `dir`
 * @param {{ mutate: string[], vitest: { configFile: string } }} config what that file exports
 */
export function runInputs(dir, configFile, config) {
  const root = join(dir, "..", "..");
  const configFiles = [
    join(dir, configFile),
    config.vitest.configFile,
    join(dir, "vitest.config.ts"),
    join(root, "stryker.shared.mjs"),
    join(root, "vitest.shared.ts"),
    join(root, "vitest.thrown-errors.ts"),
    // The repository's patches to Stryker change how it reuses results.
    ...(existsSync(join(root, "patches"))
      ? readdirSync(join(root, "patches"))
          .filter((name) => name.startsWith("@stryker-mutator"))
          .map((name) => join(root, "patches", name))
      : []),
  ];
  const hashes = [...new Set(configFiles)]
    .filter((path) => existsSync(path))
    .map((path) => [relative(dir, path).split(sep).join("/"), sha256(path)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    mutate: Object.fromEntries(
      mutatedFiles(dir, config.mutate).map((file) => [file, sha256(join(dir, file))]),
    ),
    config: Object.fromEntries(hashes),
    tools: Object.fromEntries(
      ["@stryker-mutator/core", "@stryker-mutator/vitest-runner", "vitest"].map((n) => [n, versionOf(n)]),
    ),
  };
}

/**
 * Why the baseline's results cannot all be taken as they are, or null when they can:
 * every recorded source and test file has the text it had, and the recorded inputs equal
 * `current`.
 * @param {{ files: Record<string, { source: string }>, testFiles?: Record<string, { source: string }>, inputs?: unknown }} baseline
 * @param {ReturnType<typeof runInputs>} current
 * @param {string} dir the package folder
 */
export function whyNotStanding(baseline, current, dir) {
  const changed = Object.entries({ ...baseline.files, ...baseline.testFiles })
    .filter(
      ([file, { source }]) =>
        !existsSync(join(dir, file)) || readFileSync(join(dir, file), "utf8") !== source,
    )
    .map(([file]) => file);
  if (changed.length > 0) return `changed since the baseline: ${changed.join(", ")}`;
  const recorded = baseline.inputs;
  if (recorded === undefined)
    return "the baseline does not record its inputs (written before they were kept)";
  const said = [];
  const files = differentKeys(recorded.mutate, current.mutate);
  if (files.length > 0) said.push(`files to mutate changed since the baseline: ${files.join(", ")}`);
  const configs = differentKeys(recorded.config, current.config);
  if (configs.length > 0) said.push(`configs changed since the baseline: ${configs.join(", ")}`);
  const tools = differentKeys(recorded.tools, current.tools);
  if (tools.length > 0) {
    const versions = tools.map((t) => `${t} ${recorded.tools?.[t]} → ${current.tools[t]}`);
    said.push(`tools changed since the baseline: ${versions.join(", ")}`);
  }
  return said.length === 0 ? null : said.join("; ");
}

/** Keys of either record whose values differ (or that only one has), sorted. */
function differentKeys(recorded = {}, current = {}) {
  const keys = new Set([...Object.keys(recorded), ...Object.keys(current)]);
  return [...keys].filter((k) => recorded[k] !== current[k]).sort();
}

/**
 * The mutation score of a baseline, computed as Stryker computes it (its own metrics library):
 * detected (killed + timed out) ÷ valid mutants, in percent; null when no mutant is valid.
 * @param {{ schemaVersion: string, files: object }} baseline
 */
export function baselineScore(baseline) {
  const { metrics } = calculateMutationTestMetrics({
    schemaVersion: baseline.schemaVersion,
    thresholds: { high: 80, low: 60 },
    files: baseline.files,
  }).systemUnderTestMetrics;
  return Number.isNaN(metrics.mutationScore) ? null : metrics.mutationScore;
}
