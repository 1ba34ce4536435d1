/** Inputs are never overwritten, whatever the paths; outputs never collide silently. */
import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanup, read, until, workspace, xmd, xmdBackground } from "./support.js";

afterAll(cleanup);

describe("an input is never overwritten", () => {
  it("build refuses an output folder that is the source folder through a symlink", () => {
    const dir = workspace({ "src/a.md": "{{ 1 + 1 }}\n" });
    symlinkSync(join(dir, "src"), join(dir, "srclink"));
    const run = xmd(["build", "srclink", "src"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/the output folder is the source folder/);
    expect(readFileSync(join(dir, "src/a.md"), "utf8")).toBe("{{ 1 + 1 }}\n");
    // …and a source folder inside the output folder, through a symlink.
    symlinkSync(dir, join(dir, "rootlink"));
    expect(xmd(["build", "src", "rootlink"], { cwd: dir }).code).toBe(2);
  });

  it("build never writes an output whose real path is an input, and goes on with the rest", () => {
    const dir = workspace({ "src/a.md": "a {{ 1 }}\n", "src/b.md": "b {{ 2 }}\n" });
    // out/a.md is a link to the source: writing "through" it would overwrite src/a.md.
    xmd(["build", "src", "out"], { cwd: dir });
    rmSync(join(dir, "out/a.md"));
    symlinkSync(join(dir, "src/a.md"), join(dir, "out/a.md"));
    const run = xmd(["build", "src", "out"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `xmd: cannot write out/a.md: it is a symbolic link (to ${join(dir, "src/a.md")}); xmd does not write through symbolic links`,
    );
    expect(run.stderr).toMatch(/built 1 of 2 documents into out, 1 failed/);
    expect(readFileSync(join(dir, "src/a.md"), "utf8")).toBe("a {{ 1 }}\n");
    expect(read(join(dir, "out/b.md"))).toBe("b 2\n");
  });

  it("process refuses -o that is its input through a symlink", () => {
    const dir = workspace({ "src/a.md": "{{ 1 }}\n" });
    symlinkSync(join(dir, "src"), join(dir, "link"));
    const run = xmd(["src/a.md", "-o", "link/a.md"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/refusing to write the output over its own input/);
    expect(readFileSync(join(dir, "src/a.md"), "utf8")).toBe("{{ 1 }}\n");
  });

  it("watch refuses an output folder that is the source folder through a symlink", () => {
    const dir = workspace({ "src/a.md": "{{ 1 }}\n" });
    symlinkSync(join(dir, "src"), join(dir, "outlink"));
    const run = xmd(["watch", "src", "outlink"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/the output would overwrite the input/);
    expect(readFileSync(join(dir, "src/a.md"), "utf8")).toBe("{{ 1 }}\n");
  });
});

describe("output name collisions", () => {
  const tree = () =>
    workspace({
      "src/a.md": "from md\n",
      "src/a.xm": 'print "from xm"\n',
      "src/a.xmd": 'print "from xmd"\n',
      "src/b.md": "b\n",
    });

  it("build names every colliding source, writes none of them, renders the rest, exit 1", () => {
    const dir = tree();
    const run = xmd(["build", "src", "out"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "xmd: src/a.md, src/a.xm and src/a.xmd would all be written to out/a.md: none of them is",
    );
    expect(existsSync(join(dir, "out/a.md"))).toBe(false);
    expect(read(join(dir, "out/b.md"))).toBe("b\n");
    expect(run.stderr).toMatch(/built 1 of 4 documents into out, 3 failed/);
  });

  it("build --check reports the collision too", () => {
    const dir = tree();
    const run = xmd(["build", "src", "out", "--check"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("would all be written to out/a.md");
    expect(run.stderr).toMatch(/3 failed/);
  });

  it("watch reports a collision and writes neither; removing one writes the other", async () => {
    const dir = workspace({ "src/a.md": "from md\n", "src/b.md": "b\n" });
    const w = xmdBackground(["watch", "src", "out", "--debounce", "20"], dir);
    const log = () => `stderr:\n${w.stderr()}`;
    try {
      await until(() => w.stderr().includes("watching src"), 20_000, "first render", log);
      expect(read(join(dir, "out/a.md"))).toBe("from md\n");
      writeFileSync(join(dir, "src/a.xmd"), 'print "from xmd"\n');
      await until(() => w.stderr().includes("would all be written to out/a.md"), 20_000, "collision", log);
      expect(read(join(dir, "out/a.md"))).toBe("from md\n");
      rmSync(join(dir, "src/a.md"));
      await until(() => read(join(dir, "out/a.md")) === "from xmd\n", 20_000, "the other written", log);
    } finally {
      await w.stop();
    }
  });
});
