/** The allow-list: names match names found on PATH, paths match only themselves (S2, S3). */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runCommand } from "../../src/host/exec.js";
import { isOnAllowList } from "../../src/host/exec-policy.js";
import { NODE_HOST } from "../../src/host/node/node-host.js";
import { fault, makeContext, writeFiles } from "./helpers.js";

/** A root holding an executable `tools/echo` that leaves a marker file when it runs. */
function rootWithFakeEcho() {
  const ctx = makeContext({ exec: { allow: ["echo"] } });
  const marker = path.join(ctx.root, "fake-echo-ran");
  writeFiles(ctx.root, { "tools/echo": `#!/bin/sh\ntouch '${marker}'\necho fake\n` });
  fs.chmodSync(path.join(ctx.root, "tools/echo"), 0o755);
  return { ctx, marker };
}

describe("exec allow-list", () => {
  it("does not let a name on the list run a file of that name given by a path", () => {
    const { ctx, marker } = rootWithFakeEcho();
    for (const line of ["./tools/echo hi", "tools/echo hi", `${ctx.root}/tools/echo hi`, "/bin/echo hi"]) {
      const f = fault(() => runCommand(ctx, line));
      expect(f.code).toBe("exec-denied");
      expect(f.message).toContain("a program given by a path runs only when that exact path");
      expect(f.message).toContain("found on PATH");
    }
    expect(fs.existsSync(marker)).toBe(false);
    expect(ctx.nondeterminism.exec).toEqual([]);
    expect(runCommand(ctx, "echo real")).toBe("real");
  });

  it("runs a program given by a path when the listed path leads to the same file", () => {
    const { ctx, marker } = rootWithFakeEcho();
    // The entry is read from the renderer's working folder, the program from the document's.
    const fromCwd = path.relative(process.cwd(), path.join(ctx.root, "tools/echo"));
    const exact = { ...ctx, exec: { allow: [fromCwd] } };
    expect(runCommand(exact, "./tools/echo")).toBe("fake");
    expect(fs.existsSync(marker)).toBe(true);
    const real = { ...ctx, exec: { allow: [path.join(ctx.root, "tools/echo")] } };
    expect(runCommand(real, "tools/../tools/echo")).toBe("fake");
    // a listed path does not allow the bare name found on PATH
    const f = fault(() => runCommand(exact, "echo x"));
    expect(f.code).toBe("exec-denied");
    expect(f.message).toContain("an entry with a slash allows only the program at that path");
  });

  it("does not let a relative entry allow a file of that path beside some other document", () => {
    // `--allow-exec=./tools/echo` typed in one folder must not run the `./tools/echo` that a
    // document in another folder ships beside itself.
    const { ctx, marker } = rootWithFakeEcho();
    const relative = { ...ctx, exec: { allow: ["./tools/echo"] } };
    expect(path.join(process.cwd(), "tools/echo")).not.toBe(path.join(ctx.root, "tools/echo"));
    expect(fault(() => runCommand(relative, "./tools/echo")).code).toBe("exec-denied");
    expect(fs.existsSync(marker)).toBe(false);
  });

  it("matches names and paths by the rule", () => {
    expect(isOnAllowList(NODE_HOST, ["echo"], "echo", "/")).toBe(true);
    expect(isOnAllowList(NODE_HOST, ["echo"], "/bin/echo", "/")).toBe(false);
    expect(isOnAllowList(NODE_HOST, ["echo"], "./echo", "/")).toBe(false);
    expect(isOnAllowList(NODE_HOST, ["/bin/echo"], "echo", "/")).toBe(false);
    expect(isOnAllowList(NODE_HOST, ["/bin/echo"], "/bin/echo", "/")).toBe(true);
    const real = fs.realpathSync("/bin/echo");
    expect(isOnAllowList(NODE_HOST, [real], "/bin/echo", "/")).toBe(true);
  });
});

describe("exec in shell mode with an allow-list", () => {
  it("refuses a first word that is not a plain program name (an assignment runs the next word)", () => {
    const ctx = makeContext({ exec: { allow: ["echo"], shell: true } });
    const marker = path.join(ctx.root, "p");
    for (const line of [
      `X=/echo touch ${marker}`,
      `"X=/echo" touch ${marker}`,
      "/bin/echo hi",
      "./echo hi",
    ]) {
      const f = fault(() => runCommand(ctx, line));
      expect(f.code).toBe("exec-denied");
      expect(f.message).toContain("needs a plain program name first");
    }
    expect(fs.existsSync(marker)).toBe(false);
    expect(runCommand(ctx, "echo fine")).toBe("fine");
  });
});
