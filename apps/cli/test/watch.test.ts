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
    const log = () =>
      `stderr:\n${w.stderr()}\nout/page.md: ${JSON.stringify(read(join(dir, "out/page.md")))}`;
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
      await until(() => read(out) === "value is 1\n", 20_000, "edit re-render", log);

      writeFileSync(join(dir, "src/page.md"), "broken {{ nope }}\n");
      await until(() => w.stderr().includes("'nope' is not defined"), 20_000, "error report", log);
      expect(read(out)).toBe("value is 1\n"); // the last good output stays

      writeFileSync(
        join(dir, "src/page.md"),
        '<!-- xmd:set d = import "../data/d.json" -->\nfixed {{d.v}}\n',
      );
      await until(() => read(out) === "fixed 1\n", 20_000, "recovery", log);

      writeFileSync(join(dir, "data/d.json"), '{"v": 2}');
      await until(() => read(out) === "fixed 2\n", 20_000, "dependency re-render", log);
      expect(w.child.exitCode).toBe(null); // still watching
    } finally {
      await w.stop();
    }
    expect(w.child.exitCode).toBe(0);
  });

  it("renders the last of several quick saves (chokidar drops changes within 50 ms)", async () => {
    const dir = workspace({ "a.md": "{{ 0 }}\n" });
    const w = xmdBackground(["watch", "a.md", "--debounce", "10"], dir);
    const log = () => `stderr:\n${w.stderr()}\nstdout: ${JSON.stringify(w.stdout())}`;
    try {
      await until(() => w.stderr().includes("watching"), 20_000, "first render", log);
      // Each save lands while the watcher is still inside chokidar's throttle window
      // of the one before, so only the settle check can see the later ones.
      for (let i = 1; i <= 3; i++) {
        writeFileSync(join(dir, "a.md"), `{{ ${i} }}\n`);
        await new Promise((r) => setTimeout(r, 15));
      }
      await until(() => w.stdout().endsWith("3\n"), 20_000, "the last save rendered", log);
    } finally {
      await w.stop();
    }
  });

  it("watches a single file to stdout", async () => {
    const dir = workspace({ "a.md": "{{ 1 }}\n" });
    const w = xmdBackground(["watch", "a.md", "--debounce", "30"], dir);
    const log = () => `stderr:\n${w.stderr()}\nstdout: ${JSON.stringify(w.stdout())}`;
    try {
      await until(() => w.stdout() === "1\n" && w.stderr().includes("watching"), 20_000, "first render", log);
      writeFileSync(join(dir, "a.md"), "{{ 2 }}\n");
      await until(() => w.stdout() === "1\n2\n", 20_000, "second render", log);
    } finally {
      await w.stop();
    }
  });
});
