/** What kind of file an operation meets: pipes, links, permissions, absurd paths, huge data files. */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { deleteFile, loadDataFile, readText, writeTextAtomic } from "../../src/host/files.js";
import { readAtMost } from "../../src/host/node/node-host.js";
import { showPath } from "../../src/host/shown-path.js";
import { contextFor, fault, makeContext, tempDir, writeFiles } from "./helpers.js";

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

describe("the size of a file read", () => {
  it("refuses a file larger than maxReadBytes by its size, before reading it", () => {
    const ctx = contextFor(tempDir(), { limits: { maxReadBytes: 100 } });
    writeFiles(ctx.root, { "ok.txt": "x".repeat(100), "big.txt": "x".repeat(101) });
    expect(readText(ctx, "ok.txt")).toHaveLength(100);
    const f = fault(() => readText(ctx, "big.txt"));
    expect(f.code).toBe("limit");
    expect(f.message).toBe(
      '"big.txt" is too large: 101 bytes, and a file read may be at most 100 bytes (limit maxReadBytes)',
    );
    expect(f.hint).toBe("raise it with --max-read (limits.maxReadBytes in the API)");
    // a sparse 3 GiB file under the default limit: refused by its size, nothing allocated
    const sparse = makeContext();
    fs.writeFileSync(path.join(sparse.root, "huge.bin"), "");
    fs.truncateSync(path.join(sparse.root, "huge.bin"), 3 * 1024 * 1024 * 1024);
    expect(fault(() => readText(sparse, "huge.bin")).message).toBe(
      '"huge.bin" is too large: 3221225472 bytes, and a file read may be at most 67108864 bytes (64 MiB) (limit maxReadBytes)',
    );
  });

  it("refuses a file no string can hold, even under a raised limit", () => {
    const ctx = contextFor(tempDir(), { limits: { maxReadBytes: 2 ** 31 } });
    fs.writeFileSync(path.join(ctx.root, "huge.bin"), "");
    fs.truncateSync(path.join(ctx.root, "huge.bin"), 2 ** 30);
    const f = fault(() => readText(ctx, "huge.bin"));
    expect(f.code).toBe("file");
    expect(f.message).toMatch(
      /^cannot read "huge.bin": it is more than \d+ bytes, and no JavaScript string can hold that much text$/,
    );
  });

  it("reads at most the cap and one byte more, however large the file turns out to be", () => {
    // fstat said 0 bytes (a file that grew since, or a /proc file): the read still stops past the cap
    const dir = tempDir();
    const file = path.join(dir, "grown.txt");
    fs.writeFileSync(file, "y".repeat(200_000));
    const fd = fs.openSync(file, "r");
    try {
      expect(readAtMost(fd, 0, 100_000)).toBeNull();
      expect(fs.readSync(fd, Buffer.alloc(1), 0, 1, null)).toBe(1); // the read left off inside the file
    } finally {
      fs.closeSync(fd);
    }
    const again = fs.openSync(file, "r");
    try {
      expect(readAtMost(again, 10, 300_000)?.toString()).toBe("y".repeat(200_000));
    } finally {
      fs.closeSync(again);
    }
  });

  it("holds a file the dry run wrote to the same cap", () => {
    const ctx = contextFor(tempDir(), { overlay: new Map(), limits: { maxReadBytes: 10 } });
    writeTextAtomic(ctx, "d.txt", "é".repeat(6));
    expect(fault(() => readText(ctx, "d.txt")).message).toContain(
      "12 bytes, and a file read may be at most 10 bytes",
    );
  });
});

describe("bytes written by a run", () => {
  it("count every write, in UTF-8 bytes, and the write that would pass maxWriteBytes is refused before it happens", () => {
    for (const overlay of [undefined, new Map<string, string | null>()]) {
      const ctx = contextFor(tempDir(), { overlay, limits: { maxWriteBytes: 10 } });
      writeTextAtomic(ctx, "a.txt", "éé"); // 4 bytes
      writeTextAtomic(ctx, "a.txt", "xxxx"); // 8 in all: rewriting counts again
      const f = fault(() => writeTextAtomic(ctx, "b.txt", "xxx"));
      expect(f.code).toBe("limit");
      expect(f.message).toBe(
        'write limit reached: writing 3 bytes to "b.txt" would bring what this run wrote to 11 bytes, and a run may write at most 10 bytes (limit maxWriteBytes)',
      );
      expect(f.hint).toBe("raise it with --max-write (limits.maxWriteBytes in the API)");
      expect(ctx.written.bytes).toBe(8);
      expect(fs.existsSync(path.join(ctx.root, "b.txt"))).toBe(false);
      expect(overlay?.has(path.join(ctx.root, "b.txt")) ?? false).toBe(false);
      writeTextAtomic(ctx, "c.txt", "xx"); // exactly the limit
      expect(ctx.written.bytes).toBe(10);
    }
  });

  it("count only writes that happened", () => {
    const ctx = contextFor(tempDir(), { limits: { maxWriteBytes: 10 } });
    fs.mkdirSync(path.join(ctx.root, "dir"));
    expect(fault(() => writeTextAtomic(ctx, "dir", "xxxxxxxx")).code).toBe("file");
    expect(ctx.written.bytes).toBe(0);
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
  it("refuses a data file larger than the format's cap before reading it", () => {
    const ctx = makeContext();
    const big = path.join(ctx.root, "big.json");
    fs.writeFileSync(big, "");
    fs.truncateSync(big, 64 * 1024 * 1024 + 1); // sparse: no 64 MiB written
    const f = fault(() => loadDataFile(ctx, "big.json"));
    expect(f.code).toBe("limit");
    expect(f.message).toBe(
      '"big.json" is too large: 67108865 bytes, and JSON text may be at most 67108864 bytes (64 MiB) (limit maxReadBytes)',
    );
    expect(f.hint).toBe("raise it with --max-read (limits.maxReadBytes in the API)");
  });

  it("holds YAML to a number of tokens instead: 1 KiB of the memory limit each", () => {
    const ctx = contextFor(tempDir(), { limits: { maxMemoryMb: 1 } }); // 1024 tokens
    writeFiles(ctx.root, { "small.yaml": "- a\n".repeat(200), "big.yaml": "- a\n".repeat(400) });
    expect((loadDataFile(ctx, "small.yaml") as unknown[]).length).toBe(200);
    const f = fault(() => loadDataFile(ctx, "big.yaml"));
    expect(f.code).toBe("limit");
    expect(f.message).toBe(
      'data file "big.yaml" is too large: it has more than 1024 YAML tokens (words, marks such as : and -, line breaks), and YAML may have at most 1024: reading YAML takes up to 1024 bytes of memory per token, and the memory limit is 1 MB (limit maxMemoryMb)',
    );
    expect(f.hint).toBe(
      "raise it with --max-memory (limits.maxMemoryMb in the API), or convert the data to JSON, which takes far less memory to read",
    );
    // its bytes are held to maxReadBytes, before it is read
    const low = contextFor(ctx.root, { limits: { maxReadBytes: 1000 } });
    expect(fault(() => loadDataFile(low, "big.yaml")).message).toBe(
      '"big.yaml" is too large: 1600 bytes, and YAML text may be at most 1000 bytes (limit maxReadBytes)',
    );
  });

  it("holds JSON to 1/32 of the memory limit when that is less than maxReadBytes", () => {
    const ctx = contextFor(tempDir(), { limits: { maxMemoryMb: 1 } }); // 32 KiB
    writeFiles(ctx.root, { "d.json": `[${"0,".repeat(20_000)}0]` });
    const f = fault(() => loadDataFile(ctx, "d.json"));
    expect(f.code).toBe("limit");
    expect(f.message).toBe(
      '"d.json" is too large: 40003 bytes, and JSON text may be at most 32768 bytes (32 KiB): reading JSON takes up to 32 bytes of memory per byte, and the memory limit is 1 MB (limit maxMemoryMb)',
    );
  });
});
