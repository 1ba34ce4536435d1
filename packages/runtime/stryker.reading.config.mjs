// Mutation testing of the reading core: the lexer, the parser's larger files, the node store
// and its fields, and interpolation, measured against the tests of reading and of the
// language's forms (vitest.reading.config.ts says which, and why this part has its own
// tests). `pnpm --filter @xmd/runtime mutate` runs it after stryker.config.mjs; its baseline
// is stryker-incremental.reading.json. The rest of src/ is in stryker.config.mjs.
import { strykerConfig } from "../../stryker.shared.mjs";

export default strykerConfig(import.meta.url, {
  part: "reading",
  breakAt: 0,
  ignoreStatic: true,
  mutate: [
    "src/syntax/lexer.ts",
    "src/syntax/interpolation.ts",
    "src/syntax/nodes.ts",
    "src/syntax/node-fields.ts",
    "src/syntax/parser/base.ts",
    "src/syntax/parser/classes.ts",
    "src/syntax/parser/expressions.ts",
    "src/syntax/parser/set.ts",
    "src/syntax/parser/special-forms.ts",
    "src/syntax/parser/statements.ts",
  ],
});
