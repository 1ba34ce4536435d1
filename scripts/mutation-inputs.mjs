/**
 * What a mutation baseline was measured from, and the score a baseline holds (used by
 * scripts/mutate.mjs).
 *
 * Stryker's incremental run starts by running every test once with per-test coverage (the
 * "initial test run"): five to six minutes for the runtime on two cores. It then keeps a
 * recorded result when the mutant's code is unchanged and the tests that decided it still
 * exist, unchanged, and still cover it. Coverage depends on everything the tests run and
 * read, not only on the files Stryker records: helpers, setup files, fixtures, the corpus
 * a test is generated from, the packages the code uses, their versions. So a baseline
 * records a SHA-256 of every file of the repository that the package's tests can reach
 * ({@link relevantFiles}), and the Node version. When both are as recorded, Stryker's run
 * would see the same code, tests and coverage, reuse every result and report the score the
 * baseline holds: that is the rule `mutate:ci` applies before starting it.
 * @module
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { calculateMutationTestMetrics } from "mutation-testing-metrics";

/**
 * Files no test of a measured package reads (checked 2026-12-05: no test under
 * `packages/{pool,intern,stack,runtime}/test` opens them), so a change to them leaves every
 * result standing: the apps built on the packages, published bench runs, release notes,
 * CI workflows, the prose of the repository and of each package, and the baselines
 * themselves (the output, not an input).
 */
const NOT_READ = [
  /^apps\//,
  /^docs\/bench\//,
  /^\.changeset\//,
  /^\.github\//,
  /^(CONTRIBUTING|SECURITY)\.md$/,
  /^((packages|apps)\/[^/]+\/)?(README|CHANGELOG|MUTATION)\.md$/,
  /(^|\/)stryker-incremental(\.[a-z-]+)?\.json$/,
];

/**
 * Workspace packages `dir`'s package uses, itself included, by folder relative to `root`;
 * `paths` are the repository's files (the package manifests are found among them).
 */
function workspaceClosure(root, dir, paths) {
  const folders = new Map();
  for (const path of paths) {
    if (!/^(packages|apps)\/[^/]+\/package\.json$/.test(path)) continue;
    const { name } = JSON.parse(readFileSync(join(root, path), "utf8"));
    folders.set(name, path.slice(0, -"/package.json".length));
  }
  const closure = new Set();
  const visit = (folder) => {
    if (closure.has(folder)) return;
    closure.add(folder);
    const pkg = JSON.parse(readFileSync(join(root, folder, "package.json"), "utf8"));
    for (const deps of [pkg.dependencies, pkg.devDependencies, pkg.peerDependencies])
      for (const [name, range] of Object.entries(deps ?? {}))
        if (String(range).startsWith("workspace:") && folders.has(name)) visit(folders.get(name));
  };
  visit(relative(root, dir).split(sep).join("/"));
  return closure;
}

/**
 * The files of the repository at `root` that the tests of the package in `dir` can reach,
 * as paths relative to `root`, sorted: every file git tracks or would track (untracked
 * files it does not ignore), less {@link NOT_READ} and the other workspace packages, those
 * `dir`'s package does not use. Null when `root` is not a git checkout.
 * @param {string} root
 * @param {string} dir
 */
export function relevantFiles(root, dir) {
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (listed.status !== 0) return null;
  // Tracked files deleted from the working tree are listed too: only files are kept.
  const paths = [...new Set(listed.stdout.split("\0").filter(Boolean))].filter(
    (path) => statSync(join(root, path), { throwIfNoEntry: false })?.isFile() === true,
  );
  const closure = workspaceClosure(root, dir, paths);
  const otherPackage = (path) => {
    const m = /^(packages|apps)\/[^/]+/.exec(path);
    return m !== null && !closure.has(m[0]);
  };
  return paths.filter((path) => !NOT_READ.some((re) => re.test(path)) && !otherPackage(path)).sort();
}

/**
 * What one run of the package in `dir` was measured from: the Node version and a SHA-256
 * of each of its {@link relevantFiles} (null when they cannot be listed).
 * @param {string} dir the package folder, two levels below the repository's root
 */
export function runInputs(dir) {
  const root = resolve(dir, "..", "..");
  const files = relevantFiles(root, resolve(dir));
  if (files === null) return null;
  const hashes = {};
  for (const path of files)
    hashes[path] = createHash("sha256")
      .update(readFileSync(join(root, path)))
      .digest("hex");
  return { node: process.version, files: hashes };
}

/**
 * Why the baseline's results cannot all be taken as they are, or null when they can:
 * every source and test file Stryker recorded has the text it had, and the recorded
 * inputs equal `current`.
 * @param {{ files: Record<string, { source: string }>, testFiles?: Record<string, { source: string }>, inputs?: ReturnType<typeof runInputs> }} baseline
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
  if (recorded === undefined || recorded === null)
    return "the baseline does not record its inputs (written before they were kept)";
  if (current === null) return "this is not a git checkout: its files cannot be listed";
  if (recorded.node !== current.node)
    return `Node changed since the baseline: ${recorded.node} → ${current.node}`;
  const paths = new Set([...Object.keys(recorded.files ?? {}), ...Object.keys(current.files)]);
  const differ = [...paths].filter((p) => recorded.files?.[p] !== current.files[p]).sort();
  if (differ.length === 0) return null;
  const shown = differ.slice(0, 8).join(", ");
  return `files the tests can reach changed since the baseline: ${shown}${differ.length > 8 ? `, and ${differ.length - 8} more` : ""}`;
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
