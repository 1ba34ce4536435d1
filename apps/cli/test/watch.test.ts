import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanup, read, until, workspace, xmdBackground } from "./support.js";

afterAll(cleanup);

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

describe("xmd watch recovers", () => {
  it("renders a document whose import was missing once the file appears (inside and outside SRC)", async () => {
    const dir = workspace({
      "src/page.md": '<!-- xmd:import "part.md" -->\n',
      "src/other.md": '```xmd\nimport x from "../lib/deep/x.xmd"\nprint x\n```\n',
      "src/bare.md": "```xmd\nimport Part\nprint Part.p\n```\n",
    });
    const w = xmdBackground(["watch", "src", "out", "--root", ".", "--debounce", "20"], dir);
    const log = () => `stderr:\n${w.stderr()}`;
    try {
      await until(() => w.stderr().includes("watching src"), 20_000, "first render", log);
      expect(w.stderr()).toMatch(/cannot read "src\/part\.md": no such file/);
      writeFileSync(join(dir, "src/part.md"), "the part\n");
      await until(() => read(join(dir, "out/page.md")) === "the part\n", 20_000, "import appeared", log);
      // A bare module name: any of the files it could be.
      writeFileSync(join(dir, "src/Part.xmd"), 'export set p "bare"\n');
      await until(() => read(join(dir, "out/bare.md")) === "bare\n", 20_000, "bare import appeared", log);
      // Outside SRC, in folders that do not exist yet.
      mkdirSync(join(dir, "lib/deep"), { recursive: true });
      writeFileSync(join(dir, "lib/deep/x.xmd"), "export set x 7\n");
      await until(() => read(join(dir, "out/other.md")) === "7\n", 20_000, "outside import appeared", log);
    } finally {
      await w.stop();
    }
  });

  it("follows a file outside SRC that is deleted and created again", async () => {
    const dir = workspace({
      "src/page.md": '<!-- xmd:set d = import "../data/d.json" -->\nvalue {{d.v}}\n',
      "data/d.json": '{"v": 1}',
    });
    const w = xmdBackground(["watch", "src", "out", "--root", ".", "--debounce", "20"], dir);
    const log = () => `stderr:\n${w.stderr()}`;
    const out = join(dir, "out/page.md");
    try {
      await until(
        () => read(out) === "value 1\n" && w.stderr().includes("watching"),
        20_000,
        "first render",
        log,
      );
      rmSync(join(dir, "data/d.json"));
      await until(() => /d\.json.*no such file/.test(w.stderr()), 20_000, "deletion reported", log);
      writeFileSync(join(dir, "data/d.json"), '{"v": 2}');
      await until(() => read(out) === "value 2\n", 20_000, "recreated file rendered", log);
      writeFileSync(join(dir, "data/d.json"), '{"v": 3}');
      await until(() => read(out) === "value 3\n", 20_000, "and followed after", log);
    } finally {
      await w.stop();
    }
  });

  it("follows a single document that is deleted and created again (git checkout)", async () => {
    const dir = workspace({ "doc.md": "{{ 1 }}\n" });
    const w = xmdBackground(["watch", "doc.md", "doc.out.md", "--debounce", "20"], dir);
    const log = () => `stderr:\n${w.stderr()}`;
    const out = join(dir, "doc.out.md");
    try {
      await until(() => read(out) === "1\n" && w.stderr().includes("watching"), 20_000, "first render", log);
      rmSync(join(dir, "doc.md"));
      await until(() => w.stderr().includes("doc.md was deleted"), 20_000, "deletion noticed", log);
      writeFileSync(join(dir, "doc.md"), "{{ 2 }}\n");
      await until(() => read(out) === "2\n", 20_000, "recreated document rendered", log);
      writeFileSync(join(dir, "doc.md"), "{{ 3 }}\n");
      await until(() => read(out) === "3\n", 20_000, "and followed after", log);
    } finally {
      await w.stop();
    }
  });

  it("applies the config's exclude to documents added later", async () => {
    const dir = workspace({
      "src/a.md": "a\n",
      "xmd.config.json": '{"exclude": ["drafts/wip*.md"]}',
    });
    const w = xmdBackground(["watch", "src", "out", "--debounce", "20"], dir);
    const log = () => `stderr:\n${w.stderr()}`;
    try {
      await until(() => w.stderr().includes("watching"), 20_000, "first render", log);
      // Both in a folder that appears after the start; the excluded one is written first.
      mkdirSync(join(dir, "src/drafts"));
      writeFileSync(join(dir, "src/drafts/wip.md"), "wip\n");
      writeFileSync(join(dir, "src/drafts/ready.md"), "ready\n");
      // Once ready.md is rendered, the watcher has seen the new folder and wip.md in it:
      // had wip.md been taken as a document, it would have been rendered before ready.md
      // (its event came first, and renders go in order).
      await until(
        () => read(join(dir, "out/drafts/ready.md")) === "ready\n",
        20_000,
        "the included document in the new folder rendered",
        log,
      );
      expect(w.stderr()).toContain("rendered src/drafts/ready.md → out/drafts/ready.md");
      expect(w.stderr()).not.toContain("drafts/wip");
      expect(existsSync(join(dir, "out/drafts/wip.md"))).toBe(false);
    } finally {
      await w.stop();
    }
  });

  it("uses SRC as the root, so documents import across its folders", async () => {
    const dir = workspace({
      "src/sub/doc.md": '```xmd\nimport s from "../shared/s.xmd"\nprint s\n```\n',
      "src/shared/s.xmd": 'export set s "shared"\n',
    });
    const w = xmdBackground(["watch", "src", "out", "--debounce", "20"], dir);
    try {
      await until(
        () => read(join(dir, "out/sub/doc.md")) === "shared\n",
        20_000,
        "render",
        () => w.stderr(),
      );
    } finally {
      await w.stop();
    }
  });
});
