#!/usr/bin/env node
/**
 * Mutation testing of the package in the current folder (run by its `mutate` and
 * `mutate:ci` scripts; `pnpm mutate` / `pnpm mutate:ci` at the root run every package
 * that has them, one at a time). Settings: the package's stryker.config.mjs, which
 * starts from ../../stryker.shared.mjs.
 *
 * - `mutate`: a full run. Every mutant is tested again, the reports go to `reports/`
 *   (git-ignored), and the committed baseline `stryker-incremental.json` is rewritten:
 *   commit it with the change that moved the score. What the baseline keeps: the mutants
 *   and tests with their results, and the sources they were found in (Stryker compares
 *   those texts, by path relative to the package, to tell what changed); what it drops:
 *   the machine's absolute paths and settings, and the failure message of every killed
 *   mutant (the full report in `reports/mutation/` has them).
 * - `mutate --reuse`: the same, but incremental: results recorded in the baseline for
 *   code and tests that did not change are kept, the rest is tested again (minutes saved
 *   when only a test was added; a full run is the measurement to publish).
 * - `mutate:ci` (`--ci`): an incremental run from the committed baseline. Only mutants
 *   whose code or covering tests changed since the baseline are tested again; the rest
 *   keep their recorded result. The baseline is copied into `reports/` first, so the run
 *   leaves the committed file as it was. Fails when the score falls below the package's
 *   `thresholds.break`. When nothing the baseline was measured from changed (every file
 *   of the repository the package's tests can reach, and the Node version:
 *   ./mutation-inputs.mjs), Stryker is not started: it would run every test once and then
 *   reuse every result, so the baseline's score is the verdict.
 *
 * A package measured in parts (`stryker.config.mjs` and `stryker.PART.config.mjs` beside it,
 * see ../stryker.shared.mjs) has each part run in turn, each from and to its own baseline;
 * `--part PART` runs one (`--part main` for stryker.config.mjs). The run fails when any
 * part fails.
 *
 * Any other arguments go to `stryker run` (e.g. `pnpm --filter @xmd/pool mutate --concurrency 1`).
 */
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { baselineScore, runInputs, whyNotStanding } from "./mutation-inputs.mjs";

const args = process.argv.slice(2);
const ci = args.includes("--ci");
const reuse = args.includes("--reuse");
const partAt = args.indexOf("--part");
const onlyPart = partAt === -1 ? undefined : args[partAt + 1];
// `pnpm … mutate -- --x` hands the script a literal "--", which would end Stryker's options.
const passThrough = args.filter(
  (a, i) =>
    a !== "--ci" && a !== "--reuse" && a !== "--" && i !== partAt && (partAt === -1 || i !== partAt + 1),
);

const core = createRequire(import.meta.url).resolve("@stryker-mutator/core/package.json");
const stryker = join(dirname(core), "bin", "stryker.js");

/** The package's parts: `main` (stryker.config.mjs) first, then the others by name. */
const parts = readdirSync(".")
  .map((name) => /^stryker(?:\.([a-z-]+))?\.config\.mjs$/.exec(name))
  .filter((m) => m !== null)
  .map((m) => ({ part: m[1] ?? "main", file: m[0] }))
  .sort((a, b) => (a.part === "main" ? -1 : b.part === "main" ? 1 : a.part.localeCompare(b.part)))
  .filter(({ part }) => onlyPart === undefined || part === onlyPart);
if (parts.length === 0) {
  console.error(
    `mutate: no stryker config${onlyPart === undefined ? "" : ` for the part '${onlyPart}'`} in ${process.cwd()}`,
  );
  process.exit(1);
}

// A run that records a baseline measures the package's tests, which use the builds of the
// workspace packages it depends on (their dist/, which the baseline does not hash): build
// them from the sources it does hash first (turbo replays what is up to date).
if (!ci) {
  const { name } = JSON.parse(readFileSync("package.json", "utf8"));
  const build = spawnSync(
    "pnpm",
    ["exec", "turbo", "run", "build", `--filter=${name}...`, "--output-logs=errors-only"],
    {
      cwd: resolve("..", ".."),
      stdio: "inherit",
    },
  );
  if (build.status !== 0) {
    console.error(`mutate: building ${name} and what it uses failed`);
    process.exit(1);
  }
}

let failed = false;
for (const { part, file } of parts) {
  const config = (await import(pathToFileURL(resolve(file)).href)).default;
  if (!runPart(part, file, config)) failed = true;
}
process.exit(failed ? 1 : 0);

/** Runs one part; true when it passed (its score is at least its `thresholds.break`). */
function runPart(part, configFile, config) {
  const baseline = config.incrementalFile;
  const label = `${process.cwd()} ${part === "main" ? "" : `(${part}) `}`;
  // Taken before the run, as Stryker reads the sources: what the new baseline was measured from.
  const inputs = runInputs(".");
  let incremental;
  if (ci) {
    if (!existsSync(baseline)) {
      console.error(`mutate: no ${baseline} here; run the package's full \`mutate\` once and commit it`);
      return false;
    }
    const stored = JSON.parse(readFileSync(baseline, "utf8"));
    // Arguments for Stryker (`mutate:ci -- --force`, say) ask for a run.
    const why =
      passThrough.length > 0
        ? `arguments for Stryker: ${passThrough.join(" ")}`
        : whyNotStanding(stored, inputs, ".");
    if (why === null) return standingScore(label, baseline, stored, config.thresholds.break);
    // Say when the baseline is behind the code: the run stays correct (changed code is tested
    // again), but it costs more the further behind it is.
    console.log(
      `mutate: ${why} (${baseline}); Stryker runs, and tests again what that touches ` +
        "(refresh the baseline with this package's `mutate` and commit it)",
    );
    mkdirSync("reports", { recursive: true });
    copyFileSync(baseline, `reports/${baseline}`);
    incremental = ["--incremental", "--incrementalFile", `reports/${baseline}`];
  } else {
    incremental = reuse ? ["--incremental"] : ["--incremental", "--force"];
  }

  const started = Date.now();
  const writtenBefore = existsSync(baseline) ? statSync(baseline).mtimeMs : null;
  const run = spawnSync(process.execPath, [stryker, "run", configFile, ...incremental, ...passThrough], {
    stdio: "inherit",
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  // Stryker writes the baseline at the end of a run that got there: one stopped or failed
  // before leaves the old file, which must not be stamped with this tree's inputs.
  if (!ci && existsSync(baseline)) {
    if (statSync(baseline).mtimeMs !== writtenBefore) tidyBaseline(baseline, inputs);
    else console.log(`mutate: Stryker did not write ${baseline}; it is left as it was`);
  }
  const mode = ci ? "incremental (CI)" : reuse ? "incremental" : "full";
  console.log(`mutate: ${label}${mode} run took ${seconds} s`);
  return run.status === 0;
}

/**
 * CI's verdict when nothing the baseline was measured from changed: Stryker would reuse
 * every recorded result after running all the tests once (minutes, for the runtime), and
 * report the score the baseline holds, so that score is the verdict.
 */
function standingScore(label, baseline, stored, breakAt) {
  const score = baselineScore(stored);
  const ok = score !== null && score >= breakAt;
  const mutants = Object.values(stored.files).reduce((n, f) => n + f.mutants.length, 0);
  console.log(
    `mutate: ${label}nothing changed since ${baseline} (the ${Object.keys(stored.inputs.files).length} files its tests ` +
      `can reach, Node ${stored.inputs.node}): ` +
      `its ${mutants} results stand, Stryker not started; mutation score ${score?.toFixed(2) ?? "none"} ` +
      `${ok ? "≥" : "<"} break threshold ${breakAt}`,
  );
  return ok;
}

/**
 * Rewrites a baseline Stryker wrote: mutants in the order of the code, each with its fields
 * in one order, so that a baseline's diff shows what changed rather than the order a run
 * finished in; and records the run's other `inputs` (./mutation-inputs.mjs).
 */
function tidyBaseline(baseline, inputs) {
  const report = JSON.parse(readFileSync(baseline, "utf8"));
  const at = ({ location: { start, end } }) => [start.line, start.column, end.line, end.column];
  const order = (a, b) =>
    at(a).reduce((d, v, i) => d || v - at(b)[i], 0) ||
    `${a.mutatorName} ${a.replacement}`.localeCompare(`${b.mutatorName} ${b.replacement}`);
  for (const file of Object.values(report.files)) {
    file.mutants = file.mutants
      .sort(order)
      .map(({ id, mutatorName, replacement, location, status, static: isStatic, ...rest }) => {
        const { testsCompleted } = rest; // statusReason is left out
        const [coveredBy, killedBy] = [rest.coveredBy, rest.killedBy].map((ids) =>
          ids?.sort((x, y) => x - y),
        );
        return {
          id,
          mutatorName,
          replacement,
          location,
          status,
          static: isStatic,
          coveredBy,
          killedBy,
          testsCompleted,
        };
      });
  }
  const { schemaVersion, files, testFiles } = report;
  writeFileSync(baseline, `${JSON.stringify({ schemaVersion, inputs, files, testFiles }, null, 1)}\n`);
}
