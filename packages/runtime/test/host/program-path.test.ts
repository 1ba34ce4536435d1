/** Finding programs: names through absolute PATH folders only, paths from the working folder. */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCommand } from "../../src/host/exec.js";
import { commandEnvironment, commandPath, findProgram } from "../../src/host/node/program-path.js";
import { fault, makeContext, tempDir, writeFiles } from "./helpers.js";

describe("findProgram", () => {
  it("looks names up in absolute PATH folders and paths from the working folder", () => {
    const dir = tempDir();
    writeFiles(dir, { "bin/tool": "#!/bin/sh\n", "bin/plain": "text", "here/x": "#!/bin/sh\n" });
    fs.chmodSync(path.join(dir, "bin/tool"), 0o755);
    fs.chmodSync(path.join(dir, "here/x"), 0o755);
    const searchPath = [path.join(dir, "none"), path.join(dir, "bin")].join(path.delimiter);
    expect(findProgram("tool", dir, searchPath)).toEqual({ found: path.join(dir, "bin/tool") });
    expect(findProgram("plain", dir, searchPath)).toEqual({ missing: "EACCES" });
    expect(findProgram("nope", dir, searchPath)).toEqual({ missing: "ENOENT" });
    expect(findProgram("./here/x", dir, searchPath)).toEqual({ found: path.join(dir, "here/x") });
    expect(findProgram("here/x", dir, searchPath)).toEqual({ found: path.join(dir, "here/x") });
  });

  it("skips empty and relative PATH entries, which execvp would read from the working folder", () => {
    const dir = tempDir();
    writeFiles(dir, { "here/x": "#!/bin/sh\n", "here/sub/y": "#!/bin/sh\n" });
    fs.chmodSync(path.join(dir, "here/x"), 0o755);
    fs.chmodSync(path.join(dir, "here/sub/y"), 0o755);
    const here = path.join(dir, "here");
    const none = path.join(dir, "none");
    for (const entry of ["", ".", "./", "sub", "..", "here"]) {
      const searchPath = [entry, none].join(path.delimiter);
      expect(findProgram("x", here, searchPath)).toEqual({ missing: "ENOENT" });
      expect(findProgram("y", here, searchPath)).toEqual({ missing: "ENOENT" });
    }
    // the same folders named absolutely are searched
    expect(findProgram("x", dir, here)).toEqual({ found: path.join(here, "x") });
    // no absolute entry at all: the shell's default folders, as for no PATH
    expect(findProgram("sh", here, `.${path.delimiter}`)).toHaveProperty("found");
  });

  it("gives exec a precise error for a file that is not executable", () => {
    const ctx = makeContext({ exec: { allow: true } });
    writeFiles(ctx.root, { "script.sh": "echo hi\n" });
    const f = fault(() => runCommand(ctx, "./script.sh"));
    expect(f.code).toBe("exec-failed");
    expect(f.message).toBe("command './script.sh' cannot be run: permission denied");
  });
});

describe("the PATH commands run with", () => {
  it("keeps only the absolute entries, in order, and drops PATH when none is left", () => {
    expect(commandPath(["", ".", "/usr/bin", "bin", "/bin", "../x"].join(path.delimiter))).toBe(
      ["/usr/bin", "/bin"].join(path.delimiter),
    );
    expect(commandPath(`.${path.delimiter}`)).toBeUndefined();
    expect(commandPath(undefined)).toBeUndefined();
    expect(commandEnvironment({ PATH: `.${path.delimiter}/bin`, HOME: "/h" })).toEqual({
      PATH: "/bin",
      HOME: "/h",
    });
    expect(commandEnvironment({ PATH: "", HOME: "/h" })).toEqual({ HOME: "/h" });
  });
});

/**
 * A document folder holding an executable `echo` that leaves a marker when it runs, and the
 * real echo found in an absolute PATH folder.
 */
function documentWithFakeEcho(exec: { allow: true | string[]; shell?: boolean }) {
  const ctx = makeContext({ exec });
  const marker = path.join(ctx.root, "fake-echo-ran");
  writeFiles(ctx.root, { echo: `#!/bin/sh\ntouch '${marker}'\necho fake\n` });
  fs.chmodSync(path.join(ctx.root, "echo"), 0o755);
  return { ctx, marker };
}

const systemEcho = findProgram("echo", "/");
/** The absolute folder of the system's echo. */
const realEchoFolder = path.dirname("found" in systemEcho ? systemEcho.found : "/bin/echo");

describe("exec with an empty or relative PATH entry", () => {
  const savedPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = savedPath;
  });

  for (const entry of ["", "."]) {
    const shown = `PATH=${entry}${path.delimiter}${realEchoFolder}`;
    it(`${shown}: --allow-exec=echo runs the echo on PATH, never the document's own`, () => {
      const { ctx, marker } = documentWithFakeEcho({ allow: ["echo"] });
      // The fake is found first where the entry is honoured, as a shell does.
      process.env.PATH = `${entry}${path.delimiter}${realEchoFolder}`;
      expect(fs.existsSync(path.join(ctx.baseDir, "echo"))).toBe(true);
      expect(runCommand(ctx, "echo real")).toBe("real");
      expect(fs.existsSync(marker)).toBe(false);
      // the document's echo runs only when named by a path the list allows
      expect(fault(() => runCommand(ctx, "./echo")).code).toBe("exec-denied");
    });

    it(`${shown}: shell mode and allow: true do the same, and the command's own PATH has no such entry`, () => {
      for (const exec of [
        { allow: ["echo"], shell: true },
        { allow: true as const },
        { allow: true as const, shell: true },
      ]) {
        const { ctx, marker } = documentWithFakeEcho(exec);
        process.env.PATH = `${entry}${path.delimiter}${realEchoFolder}`;
        expect(runCommand(ctx, "echo real")).toBe("real");
        expect(fs.existsSync(marker)).toBe(false);
      }
      const { ctx, marker } = documentWithFakeEcho({ allow: true });
      process.env.PATH = `${entry}${path.delimiter}${realEchoFolder}`;
      expect(runCommand(ctx, `sh -c 'echo "$PATH"; echo nested'`)).toBe(`${realEchoFolder}\nnested`);
      expect(fs.existsSync(marker)).toBe(false);
      // named by a path, allow: true runs it
      expect(runCommand(ctx, "./echo")).toBe("fake");
      expect(fs.existsSync(marker)).toBe(true);
    });
  }

  it("says why a program that only a relative PATH entry holds is not found", () => {
    const { ctx, marker } = documentWithFakeEcho({ allow: ["echo"] });
    fs.renameSync(path.join(ctx.root, "echo"), path.join(ctx.root, "only-here"));
    process.env.PATH = `.${path.delimiter}${realEchoFolder}`;
    const f = fault(() => runCommand({ ...ctx, exec: { allow: ["only-here"] } }, "only-here"));
    expect(f.code).toBe("exec-failed");
    expect(f.message).toBe("command 'only-here' was not found (is it installed and on PATH?)");
    expect(f.hint).toContain("the PATH entry '.' holds one, but only absolute PATH entries are searched");
    process.env.PATH = `${path.delimiter}${realEchoFolder}`;
    const empty = fault(() => runCommand({ ...ctx, exec: { allow: true } }, "only-here"));
    expect(empty.hint).toContain("an empty PATH entry holds one");
    expect(fs.existsSync(marker)).toBe(false);
  });
});
