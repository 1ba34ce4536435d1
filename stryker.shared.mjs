/**
 * Settings every package's `stryker.config.mjs` starts from (mutation testing with
 * StrykerJS and its vitest runner; run through `pnpm mutate`, see scripts/mutate.mjs).
 *
 * Why each unusual setting:
 * - `plugins` names the vitest runner by path: under pnpm the runner is not a sibling of
 *   `@stryker-mutator/core` in the store, so core's default `@stryker-mutator/*` scan
 *   cannot find it.
 * - `vitest.configFile` is the package's own config at its real path, not the copy in
 *   Stryker's sandbox (`.stryker-tmp/sandbox-…/`): the configs import
 *   `../../vitest.shared.js`, which resolves from the real folder only. Vitest's root
 *   stays the sandbox (Stryker's working directory), so the tests and the mutated
 *   sources it runs are the sandbox's.
 * - The runner runs the tests in worker threads, which refuse V8 flags such as
 *   `--expose-gc` or `--stack-size` in vitest's `execArgv`. A package that needs one
 *   passes it as `nodeArgs` (Stryker's `testRunnerNodeArgs`, the flags of the test runner
 *   process: V8 flags hold for its threads too) and leaves it out of `execArgv` when
 *   `STRYKER_MUTATOR_WORKER` is set (Stryker sets it in that process). `--stack-size` is
 *   different: a worker thread's stack is set by its own `resourceLimits.stackSizeMb`, not
 *   by the process's flag; the runtime's tests, which get a deeper stack in normal runs,
 *   pass without it there (its vitest.config.ts drops the flag under Stryker).
 * - `incrementalFile` is the package's committed baseline, `stryker-incremental.json`
 *   (paths in it are relative to the package, so it holds on any clone).
 * - A package can be measured in parts, each with its own config: `stryker.PART.config.mjs`
 *   (the part is read from the file's name) gets the vitest config `vitest.PART.config.ts`
 *   (which chooses the tests it runs), the baseline `stryker-incremental.PART.json` and the
 *   reports in `reports/mutation-PART/`. scripts/mutate.mjs runs every part of a package.
 */
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/**
 * The Stryker configuration of the package whose `stryker.config.mjs` is `configUrl`.
 * @param {string} configUrl `import.meta.url` of the package's stryker.config.mjs
 * @param {{ breakAt: number, mutate?: string[], nodeArgs?: string[], ignoreStatic?: boolean }} options
 *   `breakAt`: the score below which the run fails (CI's floor: the score of
 *   the last full run less one point, rounded down, so that a fall shows; lowering it is a
 *   decision, made in a commit). `mutate`: the files to mutate (default: every source file but
 *   the `index.ts` of re-exports). `nodeArgs`: flags for the test processes. `ignoreStatic`:
 *   leave out the mutants that only run while a module loads (tables and constants built at
 *   the top level): each needs the whole suite in a fresh process, not just the tests that
 *   reach it, so a handful of them can cost more than all the others; the report counts
 *   them as ignored.
 */
export function strykerConfig(
  configUrl,
  { breakAt, mutate = ["src/**/*.ts", "!src/index.ts"], nodeArgs = [], ignoreStatic = false },
) {
  const path = fileURLToPath(configUrl);
  const dir = dirname(path);
  const part = /^stryker\.([a-z-]+)\.config\.mjs$/.exec(basename(path))?.[1];
  const [dot, dash] = part === undefined ? ["", ""] : [`.${part}`, `-${part}`];
  return {
    testRunner: "vitest",
    plugins: [require.resolve("@stryker-mutator/vitest-runner")],
    vitest: { configFile: join(dir, `vitest${dot}.config.ts`) },
    testRunnerNodeArgs: nodeArgs,
    mutate,
    coverageAnalysis: "perTest",
    ignoreStatic,
    // Two cores here and in CI; `pnpm mutate --concurrency 1` when sharing them.
    concurrency: 2,
    incrementalFile: `stryker-incremental${dot}.json`,
    thresholds: { high: 90, low: 80, break: breakAt },
    reporters: ["clear-text", "progress-append-only", "html", "json"],
    htmlReporter: { fileName: `reports/mutation${dash}/index.html` },
    jsonReporter: { fileName: `reports/mutation${dash}/mutation.json` },
    // The console gets the surviving mutants and the score table; the HTML report has the rest.
    clearTextReporter: { allowColor: false, logTests: false, reportTests: false },
    // The first run of every test, which maps tests to mutants, takes about 2.5 minutes
    // for the runtime on an idle machine; Stryker's default limit of 5 failed it on a busy
    // one (2026-12-03). The limit stops a hung run, not a slow one.
    dryRunTimeoutMinutes: 20,
    tempDirName: ".stryker-tmp",
    cleanTempDir: "always",
  };
}
