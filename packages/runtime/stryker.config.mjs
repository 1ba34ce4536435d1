// Mutation testing (`pnpm --filter @xmd/runtime mutate`); the settings are in ../../stryker.shared.mjs.
import { strykerConfig } from "../../stryker.shared.mjs";

// The runtime is measured a part at a time (a full run of all of src/ is 18,390 mutants
// (counted 2026-12-02): hours on two cores); README "Mutation testing" lists the parts measured so far.
// breakAt: the last run's score less one point, rounded down (85.7% on 2026-12-03, README:
// compile/ 84.7%, output/ 84.8%, resolve/ 90.8%, values/ 88.2%). ignoreStatic: see
// ../../stryker.shared.mjs and the README.
export default strykerConfig(import.meta.url, {
  breakAt: 84,
  ignoreStatic: true,
  mutate: [
    "src/output/**/*.ts",
    "src/compile/base.ts",
    "src/compile/calls.ts",
    "src/compile/classes.ts",
    "src/compile/code.ts",
    "src/compile/expressions.ts",
    "src/compile/generators.ts",
    "src/compile/loops.ts",
    "src/compile/members.ts",
    "src/compile/statements.ts",
    "src/compile/text-append.ts",
    "src/compile/text-run.ts",
    "src/resolve/**/*.ts",
    "src/values/**/*.ts",
  ],
});
