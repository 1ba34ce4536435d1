/**
 * The canonical conformance runner: each case of the corpus (the repository's
 * `conformance/`, plus whatever the shared corpus beside the checkout adds) copied to a
 * fresh folder, run as `xmd NAME.EXT $(cat NAME.args)`, stdout compared byte for byte
 * (or exit status and stderr for `.expect` cases) — in both memory modes.
 */
import { afterAll, describe, expect, it } from "vitest";
import { conformanceCases, REPOSITORY_CASE_COUNT } from "../../../conformance/cases.js";
import { cleanup, copyOf, xmd } from "./support.js";

afterAll(cleanup);

const cases = conformanceCases();

describe.each(["pooled", "heap"])("conformance through the CLI (--memory %s)", (memory) => {
  it("finds every case of the repository's corpus", () =>
    expect(cases.filter((c) => c.corpus === "repository").length).toBe(REPOSITORY_CASE_COUNT));
  for (const c of cases) {
    it(`${c.corpus === "shared" ? "shared: " : ""}${c.folder}/${c.input}`, () => {
      const dir = copyOf(c.dir);
      const run = xmd([c.input, ...c.args, "--memory", memory], { cwd: dir });
      if (c.expected !== undefined) {
        expect(run.stderr).toBe("");
        expect(run.code).toBe(0);
        expect(run.stdout).toBe(c.expected);
      } else {
        expect(c.expect).toBeDefined();
        if (c.expect?.exitNonzero) expect(run.code).not.toBe(0);
        for (const needle of c.expect?.stderrContains ?? []) expect(run.stderr).toContain(needle);
        expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack traces
      }
    });
  }
});
