/**
 * A tree someone else made may put symbolic links where xmd writes (`site/index.md ->
 * ~/.bashrc`). Nothing is ever written through one: below OUT no link is followed, OUT
 * itself may not be one, and `-o FILE` may not be one (its folder is taken as named).
 */
import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync, readdirSync, readlinkSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanup, read, snapshot, until, workspace, xmd, xmdBackground } from "./support.js";

afterAll(cleanup);

/** Temporary files left anywhere under `dir`. */
const temps = (dir: string) => snapshot(dir).filter((line) => /\.tmp\b/.test(line));

/** Sources, and a folder outside everything with a file worth protecting. */
function tree(): string {
  const dir = workspace({
    "src/a.md": "a {{ 1 }}\n",
    "src/c.md": "c {{ 3 }}\n",
    "src/sub/b.md": "b {{ 2 }}\n",
    "outside/target.txt": "precious\n",
  });
  mkdirSync(join(dir, "out"));
  return dir;
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe("build: links inside OUT are never written through", () => {
  it("a link to a file outside: refused once, the file untouched, the rest written", () => {
    const dir = tree();
    const before = snapshot(join(dir, "outside"));
    symlinkSync(join(dir, "outside/target.txt"), join(dir, "out/a.md"));
    const run = xmd(["build", "src", "out"], { cwd: dir });
    expect(run.code).toBe(1);
    const message = `xmd: cannot write out/a.md: it is a symbolic link (to ${join(dir, "outside/target.txt")}); xmd does not write through symbolic links in the output folder: remove it\n`;
    expect(count(run.stderr, message)).toBe(1);
    expect(run.stderr).toMatch(/built 2 of 3 documents into out, 1 failed/);
    expect(snapshot(join(dir, "outside"))).toEqual(before);
    expect(readlinkSync(join(dir, "out/a.md"))).toBe(join(dir, "outside/target.txt"));
    expect(read(join(dir, "out/c.md"))).toBe("c 3\n");
    expect(read(join(dir, "out/sub/b.md"))).toBe("b 2\n");
    expect(temps(dir)).toEqual([]);
  });

  it("a link to a folder outside: refused, and no output or temporary file lands in that folder", () => {
    const dir = tree();
    const before = snapshot(join(dir, "outside"));
    symlinkSync(join(dir, "outside"), join(dir, "out/sub"));
    const run = xmd(["build", "src", "out"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(
      count(
        run.stderr,
        `xmd: cannot write out/sub/b.md: out/sub is a symbolic link (to ${join(dir, "outside")}); xmd does not write through symbolic links in the output folder: remove it\n`,
      ),
    ).toBe(1);
    expect(snapshot(join(dir, "outside"))).toEqual(before);
    expect(read(join(dir, "out/a.md"))).toBe("a 1\n");
    expect(temps(dir)).toEqual([]);
  });

  it("links inside OUT that point inside OUT are refused too, and what they point at is left alone", () => {
    const dir = tree();
    mkdirSync(join(dir, "out/real"));
    symlinkSync("c.md", join(dir, "out/a.md"));
    symlinkSync("real", join(dir, "out/sub"));
    const run = xmd(["build", "src", "out"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(count(run.stderr, "xmd: cannot write out/a.md: it is a symbolic link (to c.md)")).toBe(1);
    expect(count(run.stderr, "xmd: cannot write out/sub/b.md: out/sub is a symbolic link (to real)")).toBe(1);
    expect(run.stderr).toMatch(/built 1 of 3 documents into out, 2 failed/);
    // c.md holds c's output, not a's written through the link.
    expect(read(join(dir, "out/c.md"))).toBe("c 3\n");
    expect(readdirSync(join(dir, "out/real"))).toEqual([]);
  });

  it("dangling links (to a file, to a folder) are refused and create nothing where they point", () => {
    const dir = tree();
    symlinkSync(join(dir, "nowhere/a.md"), join(dir, "out/a.md"));
    symlinkSync(join(dir, "gone"), join(dir, "out/sub"));
    const run = xmd(["build", "src", "out"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(count(run.stderr, "xmd: cannot write out/a.md: it is a symbolic link")).toBe(1);
    expect(count(run.stderr, "xmd: cannot write out/sub/b.md: out/sub is a symbolic link")).toBe(1);
    expect(snapshot(dir).filter((l) => l.startsWith("nowhere") || l.startsWith("gone"))).toEqual([]);
  });

  it("a device or a named pipe in OUT is refused, not written to (which could block forever)", () => {
    const dir = tree();
    execFileSync("mkfifo", [join(dir, "out/a.md")]);
    const run = xmd(["build", "src", "out"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("xmd: cannot write out/a.md: it is a named pipe, not a regular file\n");
    expect(lstatSync(join(dir, "out/a.md")).isFIFO()).toBe(true);
  });

  it("--copy goes through the same checks (a file link, a folder link)", () => {
    const dir = workspace({
      "src/a.md": "a\n",
      "src/logo.svg": "<svg/>",
      "src/assets/x.png": "png",
      "outside/target.txt": "precious\n",
    });
    mkdirSync(join(dir, "out"));
    symlinkSync(join(dir, "outside/target.txt"), join(dir, "out/logo.svg"));
    symlinkSync(join(dir, "outside"), join(dir, "out/assets"));
    const before = snapshot(join(dir, "outside"));
    const run = xmd(["build", "src", "out", "--copy"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(count(run.stderr, "xmd: cannot write out/logo.svg: it is a symbolic link")).toBe(1);
    expect(count(run.stderr, "xmd: cannot write out/assets/x.png: out/assets is a symbolic link")).toBe(1);
    expect(run.stderr).toMatch(/built 1 of 1 document into out, copied 0 of 2 files, 2 failed/);
    expect(snapshot(join(dir, "outside"))).toEqual(before);
    expect(temps(dir)).toEqual([]);
  });

  it("--check reads no output through a link and does not block on a named pipe", () => {
    const dir = tree();
    expect(xmd(["build", "src", "out"], { cwd: dir }).code).toBe(0);
    execFileSync("rm", [join(dir, "out/a.md"), join(dir, "out/c.md")]);
    execFileSync("mkfifo", [join(dir, "out/a.md")]);
    symlinkSync(join(dir, "outside/target.txt"), join(dir, "out/c.md"));
    const run = xmd(["build", "src", "out", "--check"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("xmd: cannot check out/a.md: it is a named pipe, not a regular file\n");
    expect(run.stderr).toContain(
      `xmd: cannot check out/c.md: it is a symbolic link (to ${join(dir, "outside/target.txt")})`,
    );
    expect(run.stderr).toMatch(/checked 3 documents: 0 stale or missing, 2 failed/);
  });
});

describe("build: OUT itself", () => {
  it("may not be a symbolic link (to a folder, or dangling): a usage error, nothing written", () => {
    const dir = tree();
    const before = snapshot(join(dir, "outside"));
    symlinkSync(join(dir, "outside"), join(dir, "site"));
    const run = xmd(["build", "src", "site", "--copy"], { cwd: dir });
    expect(run).toMatchObject({ code: 2, stdout: "" });
    expect(run.stderr).toBe(
      `xmd: the output folder site is a symbolic link (to ${join(dir, "outside")}): xmd does not write through symbolic links; name the folder it points to instead\n`,
    );
    expect(snapshot(join(dir, "outside"))).toEqual(before);
    symlinkSync(join(dir, "nowhere"), join(dir, "dangling"));
    expect(xmd(["build", "src", "dangling"], { cwd: dir }).code).toBe(2);
    expect(snapshot(dir).filter((l) => l.startsWith("nowhere"))).toEqual([]);
    // Named by its real path, the same folder is fine.
    expect(xmd(["build", "src", "outside/site"], { cwd: dir }).code).toBe(0);
    expect(read(join(dir, "outside/site/a.md"))).toBe("a 1\n");
  });

  it("may lie under a linked folder: the folders above OUT are the user's choice", () => {
    const dir = tree();
    mkdirSync(join(dir, "elsewhere"));
    symlinkSync(join(dir, "elsewhere"), join(dir, "links"));
    const run = xmd(["build", "src", "links/site"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(read(join(dir, "elsewhere/site/sub/b.md"))).toBe("b 2\n");
    expect(temps(dir)).toEqual([]);
  });
});

describe("-o FILE", () => {
  it("that is a symbolic link (to a file, or dangling) is refused, exit 1, nothing written", () => {
    const dir = workspace({ "README.src.md": "# {{ 1 + 1 }}\n", "outside/bashrc": "precious\n" });
    symlinkSync(join(dir, "outside/bashrc"), join(dir, "README.md"));
    const run = xmd(["README.src.md", "-o", "README.md"], { cwd: dir });
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr: `xmd: cannot write README.md: it is a symbolic link (to ${join(dir, "outside/bashrc")}); xmd does not write through symbolic links: remove it, or name the file it points to\n`,
    });
    expect(read(join(dir, "outside/bashrc"))).toBe("precious\n");
    symlinkSync(join(dir, "outside/new.md"), join(dir, "dangling.md"));
    expect(xmd(["README.src.md", "-o", "dangling.md"], { cwd: dir }).code).toBe(1);
    expect(snapshot(join(dir, "outside"))).toEqual(["bashrc: precious\n"]);
    // Its target, named itself, is written (atomically, as a regular file).
    expect(xmd(["README.src.md", "-o", "outside/bashrc"], { cwd: dir }).code).toBe(0);
    expect(read(join(dir, "outside/bashrc"))).toBe("# 2\n");
  });

  it("in a linked folder is written there: the file's own folder is taken as named", () => {
    const dir = workspace({ "a.md": "{{ 6 * 7 }}\n" });
    mkdirSync(join(dir, "real"));
    symlinkSync(join(dir, "real"), join(dir, "linkdir"));
    expect(xmd(["a.md", "-o", "linkdir/out.md"], { cwd: dir })).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(snapshot(join(dir, "real"))).toEqual(["out.md: 42\n"]);
  });

  it("--check does not read through a link either", () => {
    const dir = workspace({ "a.md": "{{ 1 }}\n", "outside.md": "1\n" });
    symlinkSync(join(dir, "outside.md"), join(dir, "out.md"));
    const run = xmd(["a.md", "-o", "out.md", "--check"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^xmd: cannot check out\.md: it is a symbolic link/);
  });
});

describe("watch writes through the same checks", () => {
  it("a folder: a link in OUT is refused and stops watching (exit 1), the file it points to untouched", async () => {
    const dir = tree();
    symlinkSync(join(dir, "outside/target.txt"), join(dir, "out/a.md"));
    const w = xmdBackground(["watch", "src", "out", "--debounce", "20"], dir);
    try {
      await until(
        () => w.exitCode() !== null,
        20_000,
        "exit",
        () => w.stderr(),
      );
      expect(w.exitCode()).toBe(1);
      expect(w.stderr()).toContain("xmd: cannot write out/a.md: it is a symbolic link");
      expect(read(join(dir, "outside/target.txt"))).toBe("precious\n");
    } finally {
      await w.stop();
    }
  });

  it("a folder: OUT that is a link is a usage error", () => {
    const dir = tree();
    symlinkSync(join(dir, "outside"), join(dir, "site"));
    expect(xmd(["watch", "src", "site"], { cwd: dir })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("xmd: the output folder site is a symbolic link"),
    });
  });

  it("a file: an output that is a link is refused (exit 1)", async () => {
    const dir = workspace({ "doc.md": "{{ 1 }}\n", "outside.md": "precious\n" });
    symlinkSync(join(dir, "outside.md"), join(dir, "out.md"));
    const w = xmdBackground(["watch", "doc.md", "out.md"], dir);
    try {
      await until(
        () => w.exitCode() !== null,
        20_000,
        "exit",
        () => w.stderr(),
      );
      expect(w.exitCode()).toBe(1);
      expect(w.stderr()).toContain("xmd: cannot write out.md: it is a symbolic link");
      expect(read(join(dir, "outside.md"))).toBe("precious\n");
    } finally {
      await w.stop();
    }
  });
});
