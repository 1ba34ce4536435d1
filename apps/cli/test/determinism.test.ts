/** Rendering is deterministic: the same inputs give byte-identical output, run after run. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPOSITORY_CORPUS as CORPUS } from "../../../conformance/cases.js";
import { cleanup, copyOf, REPO, workspace, xmd } from "./support.js";

afterAll(cleanup);

describe("determinism", () => {
  it("renders the corpus and the examples byte-identically twice, in separate processes", () => {
    const dirs = ["native", "markdown", "classic", "modules"].map((f) => join(CORPUS, f));
    dirs.push(join(REPO, "packages/runtime/examples"), join(REPO, "examples"));
    let compared = 0;
    for (const folder of dirs) {
      const copy = copyOf(folder);
      // Both outputs go in a fresh folder of their own, which cleanup() removes.
      const [a, b] = ["a", "b"].map((name) => join(workspace(), name)) as [string, string];
      const build = (out: string) =>
        xmd(["build", ".", out, "--root", copy, "--allow-exec=cat,ls,echo"], { cwd: copy });
      const first = build(a);
      const second = build(b);
      expect(first.code).toBe(second.code);
      const walk = (d: string, rel = ""): string[] =>
        readdirSync(join(d, rel)).flatMap((n) =>
          statSync(join(d, rel, n)).isDirectory() ? walk(d, join(rel, n)) : [join(rel, n)],
        );
      // The same files, and the same bytes in each.
      expect(walk(b).sort()).toEqual(walk(a).sort());
      for (const file of walk(a)) {
        expect(readFileSync(join(b, file), "utf8")).toBe(readFileSync(join(a, file), "utf8"));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it("keeps CRLF line endings of the source in printed lines", () => {
    const dir = workspace({ "a.md": "title\r\n```xmd\r\nprint 1\r\nprint 2\r\n```\r\nend\r\n" });
    expect(xmd(["a.md"], { cwd: dir }).stdout).toBe("title\r\n1\r\n2\r\nend\r\n");
  });
});
