/**
 * The canonical runner for ../shared/conformance: each case copied to a fresh folder,
 * run as `xmd NAME.EXT $(cat NAME.args)`, stdout compared byte for byte (or exit status
 * and stderr for `.expect` cases) — in both memory modes.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CORPUS, cleanup, copyOf, xmd } from "./support.js";

afterAll(cleanup);

const FOLDERS = ["native", "markdown", "classic", "modules", "safety", "errors"];
const cases = FOLDERS.flatMap((folder) =>
  readdirSync(join(CORPUS, folder))
    .filter((f) => /\.(md|xmd|xm)$/.test(f) && !f.endsWith(".out.md"))
    .sort()
    .map((file) => ({ folder, file, name: basename(file, extname(file)) })),
);

describe.each(["pooled", "heap"])("conformance through the CLI (--memory %s)", (memory) => {
  it("finds every case", () => expect(cases.length).toBe(31));
  for (const c of cases) {
    it(`${c.folder}/${c.file}`, () => {
      const base = join(CORPUS, c.folder, c.name);
      const dir = copyOf(join(CORPUS, c.folder));
      const extra = existsSync(`${base}.args`)
        ? readFileSync(`${base}.args`, "utf8").trim().split(/\s+/).filter(Boolean)
        : [];
      const run = xmd([c.file, ...extra, "--memory", memory], { cwd: dir });
      if (existsSync(`${base}.out.md`)) {
        expect(run.stderr).toBe("");
        expect(run.code).toBe(0);
        expect(run.stdout).toBe(readFileSync(`${base}.out.md`, "utf8"));
      } else {
        const expectation = readFileSync(`${base}.expect`, "utf8").split("\n");
        if (expectation.includes("exit: nonzero")) expect(run.code).not.toBe(0);
        for (const line of expectation.filter((l) => l.startsWith("stderr-contains:"))) {
          expect(run.stderr).toContain(line.slice("stderr-contains:".length).trim());
        }
        expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack traces
      }
    });
  }
});
