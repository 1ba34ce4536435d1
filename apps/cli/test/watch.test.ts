import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanup, until, workspace, xmdBackground } from "./support.js";

afterAll(cleanup);

const read = (path: string) => (existsSync(path) ? readFileSync(path, "utf8") : "");

describe("xmd watch", () => {
  it("re-renders on change, reports errors, recovers, and follows imported files", async () => {
    const dir = workspace({
      "src/page.md": '<!-- xmd:set d = import "../data/d.json" -->\nvalue {{d.v}}\n',
      "data/d.json": '{"v": 1}',
      "src/other.xmd": 'print "other"\n',
    });
    const w = xmdBackground(["watch", "src", "out", "--root", ".", "--debounce", "30"], dir);
    try {
      const out = join(dir, "out/page.md");
      await until(
        () => read(out) === "value 1\n" && w.stderr().includes("watching src"),
        20_000,
        "first render",
      );
      expect(read(join(dir, "out/other.md"))).toBe("other\n");

      writeFileSync(
        join(dir, "src/page.md"),
        '<!-- xmd:set d = import "../data/d.json" -->\nvalue is {{d.v}}\n',
      );
      await until(() => read(out) === "value is 1\n", 20_000, "edit re-render");

      writeFileSync(join(dir, "src/page.md"), "broken {{ nope }}\n");
      await until(() => w.stderr().includes("'nope' is not defined"), 20_000, "error report");
      expect(read(out)).toBe("value is 1\n"); // the last good output stays

      writeFileSync(
        join(dir, "src/page.md"),
        '<!-- xmd:set d = import "../data/d.json" -->\nfixed {{d.v}}\n',
      );
      await until(() => read(out) === "fixed 1\n", 20_000, "recovery");

      writeFileSync(join(dir, "data/d.json"), '{"v": 2}');
      await until(() => read(out) === "fixed 2\n", 20_000, "dependency re-render");
      expect(w.child.exitCode).toBe(null); // still watching
    } finally {
      await w.stop();
    }
    expect(w.child.exitCode).toBe(0);
  });

  it("watches a single file to stdout", async () => {
    const dir = workspace({ "a.md": "{{ 1 }}\n" });
    const w = xmdBackground(["watch", "a.md", "--debounce", "30"], dir);
    try {
      await until(() => w.stdout() === "1\n" && w.stderr().includes("watching"), 20_000, "first render");
      writeFileSync(join(dir, "a.md"), "{{ 2 }}\n");
      await until(() => w.stdout() === "1\n2\n", 20_000, "second render");
    } finally {
      await w.stop();
    }
  });
});
