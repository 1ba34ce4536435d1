/** What kind of file an operation meets: pipes, links, permissions, absurd paths, huge data files. */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  deleteFile,
  loadDataFile,
  MAX_DATA_FILE_BYTES,
  readText,
  writeTextAtomic,
} from "../../src/host/files.js";
import { showPath } from "../../src/host/shown-path.js";
import { fault, makeContext, tempDir, writeFiles } from "./helpers.js";

describe("reading something that is not a regular file", () => {
  it("refuses a named pipe instead of waiting for a writer", () => {
    const ctx = makeContext();
    const fifo = path.join(ctx.root, "pipe.txt");
    execFileSync("mkfifo", [fifo]);
    // Without the check the read would block until a writer came; this one comes after a while
    // and writes nothing, so an unchecked read ends (with "") instead of hanging the test run.
    const writer = spawn("sh", ["-c", 'sleep 3; exec 3>"$1"', "writer", fifo], { stdio: "ignore" });
    try {
      const f = fault(() => readText(ctx, "pipe.txt"));
      expect(f.code).toBe("file");
      expect(f.message).toBe(
        'cannot read "pipe.txt": it is a named pipe, and only regular files can be read',
      );
      const data = path.join(ctx.root, "pipe.json");
      execFileSync("mkfifo", [data]);
      expect(fault(() => loadDataFile(ctx, "pipe.json")).message).toContain("named pipe");
    } finally {
      writer.kill("SIGKILL");
    }
  });
});

describe("permissions of a rewritten file", () => {
  it("keeps a private file private and gives a new file the usual mode", () => {
    const ctx = makeContext();
    const secret = path.join(ctx.root, "secret.txt");
    fs.writeFileSync(secret, "old");
    fs.chmodSync(secret, 0o600);
    writeTextAtomic(ctx, "secret.txt", "new");
    expect(fs.statSync(secret).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(secret, "utf8")).toBe("new");

    const script = path.join(ctx.root, "run.sh");
    fs.writeFileSync(script, "old");
    fs.chmodSync(script, 0o750);
    writeTextAtomic(ctx, "run.sh", "#!/bin/sh\n");
    expect(fs.statSync(script).mode & 0o777).toBe(0o750);

    writeTextAtomic(ctx, "fresh.txt", "x");
    const umask = process.umask();
    expect(fs.statSync(path.join(ctx.root, "fresh.txt")).mode & 0o777).toBe(0o644 & ~umask);
  });
});

describe("deleting a symbolic link", () => {
  it("deletes the link, not the file it points to", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "target.txt": "keep me" });
    fs.symlinkSync("target.txt", path.join(ctx.root, "link.txt"));
    expect(deleteFile(ctx, "link.txt")).toBe(true);
    expect(fs.existsSync(path.join(ctx.root, "link.txt"))).toBe(false);
    expect(fs.readFileSync(path.join(ctx.root, "target.txt"), "utf8")).toBe("keep me");
  });

  it("deletes a link inside the root that points out of it, and a dangling link, leaving the outside alone", () => {
    const ctx = makeContext();
    const outside = tempDir("xmd-outside-");
    writeFiles(outside, { "precious.txt": "outside" });
    fs.symlinkSync(path.join(outside, "precious.txt"), path.join(ctx.root, "out-link"));
    fs.symlinkSync(path.join(ctx.root, "gone.txt"), path.join(ctx.root, "dangling"));
    expect(deleteFile(ctx, "out-link")).toBe(true);
    expect(deleteFile(ctx, "dangling")).toBe(true);
    expect(fs.readdirSync(ctx.root)).toEqual([]);
    expect(fs.readFileSync(path.join(outside, "precious.txt"), "utf8")).toBe("outside");
  });

  it("still refuses a link whose own location is outside the root", () => {
    const ctx = makeContext();
    const outside = tempDir("xmd-outside-");
    writeFiles(outside, { "f.txt": "x" });
    fs.symlinkSync(outside, path.join(ctx.root, "dir-link"));
    expect(fault(() => deleteFile(ctx, "dir-link/f.txt")).code).toBe("outside-root");
    expect(fault(() => deleteFile(ctx, "../x")).code).toBe("outside-root");
    expect(fs.existsSync(path.join(outside, "f.txt"))).toBe(true);
  });
});

describe("paths in messages", () => {
  it("shows a name starting with .. inside the root as relative", () => {
    const ctx = makeContext();
    expect(showPath(ctx, path.join(ctx.root, "..notes.txt"))).toBe("..notes.txt");
    expect(fault(() => readText(ctx, "..notes.txt")).message).toBe('cannot read "..notes.txt": no such file');
    expect(showPath(ctx, path.dirname(ctx.root))).toBe(path.dirname(ctx.root));
  });

  it("shortens a path too long for the system, keeping its start and end", () => {
    const ctx = makeContext();
    const long = `${"deep/".repeat(2000)}end.txt`;
    for (const run of [() => readText(ctx, long), () => writeTextAtomic(ctx, long, "x")]) {
      const f = fault(run);
      expect(f.code).toBe("file");
      expect(f.message.length).toBeLessThan(400);
      expect(f.message).toContain("deep/deep/");
      expect(f.message).toContain("end.txt");
      expect(f.message).toContain("…");
    }
    const outside = fault(() => readText(ctx, `../${long}`));
    expect(outside.code).toBe("outside-root");
    expect(outside.message.length).toBeLessThan(400 + ctx.root.length);
  });
});

describe("data file size", () => {
  it("refuses a data file larger than the cap before reading it", () => {
    const ctx = makeContext();
    const big = path.join(ctx.root, "big.json");
    fs.writeFileSync(big, "");
    fs.truncateSync(big, MAX_DATA_FILE_BYTES + 1); // sparse: no 64 MiB written
    const f = fault(() => loadDataFile(ctx, "big.json"));
    expect(f.code).toBe("data");
    expect(f.message).toBe(
      'data file "big.json" is too large: 67108865 bytes, and data files may be at most 64 MiB (67108864 bytes)',
    );
    expect(MAX_DATA_FILE_BYTES).toBe(64 * 1024 * 1024);
  });
});
