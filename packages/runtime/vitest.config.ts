import { mkdirSync } from "node:fs";
import { join, relative } from "node:path";
import { defineConfig, mergeConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import shared from "../../vitest.shared.js";

const mutating = process.env.STRYKER_MUTATOR_WORKER !== undefined;

/**
 * Test files in path order. Under mutation testing the files share one module graph (see
 * `isolate` below), so code that runs once on first use (a table built lazily, a cache
 * filled) counts as covered by whichever test reaches it first. Vitest's own order comes
 * from the durations it cached on earlier runs, which differ from machine to machine and
 * from one `pnpm test` to the next; with it, the committed baseline's coverage did not
 * match CI's, and CI tested again mutants nothing had changed (59 on 2026-12-03).
 */
class PathOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const key = (spec: TestSpecification) => relative(spec.project.config.root, spec.moduleId);
    return [...files].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
}

/**
 * Under mutation testing, a folder inside Stryker's sandbox (its working directory) for
 * the tests' temporary folders: Stryker deletes the sandbox when it ends. A mutant's run
 * runs a few tests, and the `afterAll` of a suite whose tests were all left out does not
 * run, so a folder made while the suite was collected stayed in the system's temporary
 * folder (with the files sharing one module graph, so did most of test/host's): about 190
 * per run.
 */
function sandboxTemp(): string {
  const dir = join(process.cwd(), ".tmp");
  mkdirSync(dir, { recursive: true });
  return dir;
}

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // Under mutation testing, the random tests draw from a fixed seed (see the file).
      setupFiles: ["test/support/node-platform.ts", ...(mutating ? ["test/support/mutation-seed.ts"] : [])],
      // Tests run the TypeScript sources through Vite's module transform, whose extra
      // frames per call leave less JavaScript stack than the built package has. With the
      // default stack, deep XMD recursion can exhaust it inside the transform's module
      // getters, where the overflow surfaces as a TypeError instead of the RangeError the
      // runtime turns into "call depth exceeded". A larger stack lets maxCallDepth stop it
      // first, as it does in the built package (checked end to end by the CLI tests).
      // Under mutation testing (Stryker sets STRYKER_MUTATOR_WORKER) the tests run in worker
      // threads, which refuse the flag; they pass there without it (checked 2026-12-02).
      execArgv: mutating ? [] : ["--stack-size=4000"],
      // Under mutation testing the test files share one module graph instead of each
      // loading the runtime afresh (`isolate: false`): Stryker switches mutants on at run
      // time, not by reloading code, and a run's tests often span dozens of files, whose
      // imports cost more than their tests. Checked on 2026-12-03: `resolve/` gave the same
      // result for each of its 261 mutants both ways: 17 minutes on one core, where the
      // isolated run beside it had tested 206 of them when stopped after 21.
      isolate: !mutating,
      ...(mutating ? { sequence: { sequencer: PathOrder }, env: { TMPDIR: sandboxTemp() } } : {}),
    },
  }),
);
