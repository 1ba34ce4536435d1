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
 *   `thresholds.break`.
 *
 * A package measured in parts (`stryker.config.mjs` and `stryker.PART.config.mjs` beside it,
 * see ../stryker.shared.mjs) has each part run in turn, each from and to its own baseline;
 * `--part PART` runs one (`--part main` for stryker.config.mjs). The run fails when any
 * part fails.
 *
 * Any other arguments go to `stryker run` (e.g. `pnpm --filter @xmd/pool mutate --concurrency 1`).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

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

let failed = false;
for (const { part, file } of parts) {
  const config = (await import(pathToFileURL(resolve(file)).href)).default;
  if (!runPart(part, file, config.incrementalFile)) failed = true;
}
process.exit(failed ? 1 : 0);

/** Runs one part; true when Stryker passed. */
function runPart(part, configFile, baseline) {
  let incremental;
  if (ci) {
    if (!existsSync(baseline)) {
      console.error(`mutate: no ${baseline} here; run the package's full \`mutate\` once and commit it`);
      return false;
    }
    // Say when the baseline is behind the code: the run stays correct (changed code is tested
    // again), but it costs more the further behind it is.
    const stored = JSON.parse(readFileSync(baseline, "utf8"));
    const changed = Object.entries({ ...stored.files, ...stored.testFiles })
      .filter(([file, { source }]) => !existsSync(file) || readFileSync(file, "utf8") !== source)
      .map(([file]) => file);
    if (changed.length > 0) {
      console.log(
        `mutate: ${changed.join(", ")} changed since ${baseline}; their mutants are tested again ` +
          "(refresh the baseline with this package's `mutate` and commit it)",
      );
    }
    mkdirSync("reports", { recursive: true });
    copyFileSync(baseline, `reports/${baseline}`);
    incremental = ["--incremental", "--incrementalFile", `reports/${baseline}`];
  } else {
    incremental = reuse ? ["--incremental"] : ["--incremental", "--force"];
  }

  const started = Date.now();
  const run = spawnSync(process.execPath, [stryker, "run", configFile, ...incremental, ...passThrough], {
    stdio: "inherit",
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (!ci && existsSync(baseline)) tidyBaseline(baseline);
  const mode = ci ? "incremental (CI)" : reuse ? "incremental" : "full";
  console.log(`mutate: ${process.cwd()} ${part === "main" ? "" : `(${part}) `}${mode} run took ${seconds} s`);
  return run.status === 0;
}

/**
 * Rewrites a baseline Stryker wrote: mutants in the order of the code, each with its fields
 * in one order, so that a baseline's diff shows what changed rather than the order a run
 * finished in.
 */
function tidyBaseline(baseline) {
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
  writeFileSync(baseline, `${JSON.stringify({ schemaVersion, files, testFiles }, null, 1)}\n`);
}
