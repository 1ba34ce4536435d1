/**
 * --max-depth, not the JavaScript stack, stops deep recursion — in every command alike —
 * and an error in an imported file names the document and the import chain.
 */
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanup, read, until, workspace, xmd, xmdBackground } from "./support.js";

afterAll(cleanup);

const RECURSION = "function f n\n    if n == 0\n        return 0\n    return 1 + f n - 1\nprint f depth\n";
const THROUGH_MAP =
  "function f n\n    if n == 0\n        return 0\n    return 1 + [n].map(x => f x - 1)[0]\nprint f depth\n";

describe("call depth", () => {
  it("xmd FILE reaches the default limit (1000) and stops there with the limit's error", () => {
    const dir = workspace({ "r.xmd": RECURSION, "m.xmd": THROUGH_MAP });
    expect(xmd(["r.xmd", "-v", "depth=990"], { cwd: dir })).toEqual({ code: 0, stdout: "990\n", stderr: "" });
    expect(xmd(["m.xmd", "-v", "depth=450"], { cwd: dir })).toEqual({ code: 0, stdout: "450\n", stderr: "" });
    const over = xmd(["r.xmd", "-v", "depth=5000"], { cwd: dir });
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/call depth exceeded: more than 1000 nested calls \(limit maxCallDepth\)/);
  });

  it("a higher --max-depth gets a bigger stack (flag or config)", () => {
    const dir = workspace({ "r.xmd": RECURSION });
    expect(xmd(["r.xmd", "-v", "depth=20000", "--max-depth", "25000"], { cwd: dir }).stdout).toBe("20000\n");
    const configured = workspace({ "r.xmd": RECURSION, "xmd.config.json": '{"maxDepth": 25000}' });
    const named = ["r.xmd", "-v", "depth=20000", "--config", "xmd.config.json"];
    expect(xmd(named, { cwd: configured }).stdout).toBe("20000\n");
    // Found by searching, the same config may not raise the limit.
    expect(xmd(["r.xmd", "-v", "depth=20000"], { cwd: configured }).code).toBe(2);
  });

  it("build and watch render the same document the same way", async () => {
    const dir = workspace({ "src/r.xmd": RECURSION });
    expect(xmd(["build", "src", "out", "-v", "depth=990", "-j", "1"], { cwd: dir }).code).toBe(0);
    expect(read(join(dir, "out/r.md"))).toBe("990\n");
    const w = xmdBackground(["watch", "src", "wout", "-v", "depth=990"], dir);
    try {
      await until(
        () => read(join(dir, "wout/r.md")) === "990\n",
        20_000,
        "watch render",
        () => w.stderr(),
      );
    } finally {
      await w.stop();
    }
  });
});

describe("errors in imported files", () => {
  it("are shown with paths relative to the working folder and the import chain", () => {
    const dir = workspace({
      "src/lib/bad.xmd": "set a 1\nprint nope\n",
      "src/lib/mid.xmd": 'import "bad.xmd"\n',
      "src/page.md": '```xmd\nimport "lib/mid.xmd"\n```\n',
    });
    const run = xmd(["build", "src", "out", "--include", "page.md"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("src/lib/bad.xmd:2:7: error[undefined-name]: 'nope' is not defined");
    expect(run.stderr).toContain(
      "= note: imported from src/lib/mid.xmd:1:1\n  = note: imported from src/page.md:2:1",
    );
    const one = xmd(["page.md"], { cwd: join(dir, "src") });
    expect(one.stderr).toContain("lib/bad.xmd:2:7: error[undefined-name]");
    expect(one.stderr).toContain("= note: imported from page.md:2:1");
  });
});
