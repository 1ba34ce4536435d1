import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runCommand } from "../../src/host/exec.js";
import { findProgram } from "../../src/host/program-path.js";
import { fault, makeContext, tempDir, writeFiles } from "./helpers.js";

describe("findProgram", () => {
  it("looks names up on PATH and paths from the working folder", () => {
    const dir = tempDir();
    writeFiles(dir, { "bin/tool": "#!/bin/sh\n", "bin/plain": "text", "here/x": "#!/bin/sh\n" });
    fs.chmodSync(path.join(dir, "bin/tool"), 0o755);
    fs.chmodSync(path.join(dir, "here/x"), 0o755);
    const searchPath = [path.join(dir, "none"), path.join(dir, "bin")].join(path.delimiter);
    expect(findProgram("tool", dir, searchPath)).toEqual({ found: path.join(dir, "bin/tool") });
    expect(findProgram("plain", dir, searchPath)).toEqual({ missing: "EACCES" });
    expect(findProgram("nope", dir, searchPath)).toEqual({ missing: "ENOENT" });
    expect(findProgram("./here/x", dir, searchPath)).toEqual({ found: path.join(dir, "here/x") });
    expect(findProgram("here", dir, `${path.delimiter}${searchPath}`)).toEqual({ missing: "EACCES" });
    // an empty PATH entry is the working folder
    expect(findProgram("x", path.join(dir, "here"), `${path.delimiter}${searchPath}`)).toEqual({
      found: path.join(dir, "here/x"),
    });
  });

  it("gives exec a precise error for a file that is not executable", () => {
    const ctx = makeContext({ exec: { allow: true } });
    writeFiles(ctx.root, { "script.sh": "echo hi\n" });
    const f = fault(() => runCommand(ctx, "./script.sh"));
    expect(f.code).toBe("exec-failed");
    expect(f.message).toBe("command './script.sh' cannot be run: permission denied");
  });
});
