import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { isInside, resolveInRoot } from "../../src/host/paths.js";
import { fault, makeContext, tempDir, writeFiles } from "./helpers.js";

function outsideFault(run: () => unknown, requested: string, root: string): void {
  const f = fault(run);
  expect(f.code).toBe("outside-root");
  expect(f.message).toContain("outside the root");
  expect(f.message).toContain(requested);
  expect(f.message).toContain(root);
}

describe("isInside", () => {
  it("compares whole path components", () => {
    expect(isInside(path, "/a/b", "/a/b")).toBe(true);
    expect(isInside(path, "/a/b", "/a/b/c")).toBe(true);
    expect(isInside(path, "/a/b", "/a/bc")).toBe(false);
    expect(isInside(path, "/a/b", "/a")).toBe(false);
    expect(isInside(path, "/a/b", "/a/b/..foo")).toBe(true);
  });
});

describe("resolveInRoot", () => {
  it("resolves relative paths from the document's folder", () => {
    const ctx = makeContext();
    fs.mkdirSync(path.join(ctx.root, "docs"));
    const inDocs = { ...ctx, baseDir: path.join(ctx.root, "docs") };
    expect(resolveInRoot(inDocs, "a.txt")).toBe(path.join(ctx.root, "docs", "a.txt"));
    expect(resolveInRoot(inDocs, "../b.txt")).toBe(path.join(ctx.root, "b.txt"));
    expect(resolveInRoot(ctx, "./x/./y/../z.txt")).toBe(path.join(ctx.root, "x", "z.txt"));
    expect(resolveInRoot(ctx, path.join(ctx.root, "abs.txt"))).toBe(path.join(ctx.root, "abs.txt"));
    expect(resolveInRoot(ctx, ".")).toBe(ctx.root);
  });

  it("refuses .. that leaves the root, at the start or in the middle", () => {
    const ctx = makeContext();
    for (const p of [
      "..",
      "../x",
      "../../etc/passwd",
      "a/../../x",
      "a/b/../../../x",
      "./../x",
      "a/./../..",
    ]) {
      outsideFault(() => resolveInRoot(ctx, p), p, ctx.root);
    }
  });

  it("refuses a sibling folder whose name starts with the root's", () => {
    const ctx = makeContext();
    const p = `../${path.basename(ctx.root)}-evil/x`;
    outsideFault(() => resolveInRoot(ctx, p), p, ctx.root);
  });

  it("refuses absolute paths outside the root", () => {
    const ctx = makeContext();
    outsideFault(() => resolveInRoot(ctx, "/etc/passwd"), "/etc/passwd", ctx.root);
    outsideFault(() => resolveInRoot(ctx, os.tmpdir()), os.tmpdir(), ctx.root);
  });

  it("treats percent-encoding and backslashes as literal names that stay inside", () => {
    const ctx = makeContext();
    expect(resolveInRoot(ctx, "%2e%2e/%2e%2e/etc/passwd")).toBe(
      path.join(ctx.root, "%2e%2e", "%2e%2e", "etc", "passwd"),
    );
    expect(resolveInRoot(ctx, "..%2fetc")).toBe(path.join(ctx.root, "..%2fetc"));
    expect(resolveInRoot(ctx, "..\\..\\etc")).toBe(path.join(ctx.root, "..\\..\\etc"));
    expect(resolveInRoot(ctx, "...")).toBe(path.join(ctx.root, "..."));
  });

  it("refuses NUL bytes", () => {
    const ctx = makeContext();
    const f = fault(() => resolveInRoot(ctx, "ok.txt\0../../etc/passwd"));
    expect(f.code).toBe("outside-root");
    expect(f.message).toContain("NUL");
  });

  it("refuses a symlinked folder that leads out of the root", () => {
    const ctx = makeContext();
    const outside = tempDir("xmd-outside-");
    writeFiles(outside, { "secret.txt": "secret" });
    fs.symlinkSync(outside, path.join(ctx.root, "link"));
    outsideFault(() => resolveInRoot(ctx, "link/secret.txt"), "link/secret.txt", ctx.root);
    outsideFault(() => resolveInRoot(ctx, "link/new/file.txt"), "link/new/file.txt", ctx.root);
    outsideFault(() => resolveInRoot(ctx, "link"), "link", ctx.root);
  });

  it("refuses a symlinked file that points out, and a dangling link to the outside (a write would follow it)", () => {
    const ctx = makeContext();
    const outside = tempDir("xmd-outside-");
    writeFiles(outside, { "secret.txt": "secret" });
    fs.symlinkSync(path.join(outside, "secret.txt"), path.join(ctx.root, "file-link"));
    fs.symlinkSync(path.join(outside, "not-yet.txt"), path.join(ctx.root, "dangling"));
    outsideFault(() => resolveInRoot(ctx, "file-link"), "file-link", ctx.root);
    outsideFault(() => resolveInRoot(ctx, "dangling"), "dangling", ctx.root);
  });

  it("allows symlinks that stay inside the root and returns the real path", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "real/data.txt": "x" });
    fs.symlinkSync(path.join(ctx.root, "real"), path.join(ctx.root, "alias"));
    fs.symlinkSync("real/data.txt", path.join(ctx.root, "rel-link"));
    expect(resolveInRoot(ctx, "alias/data.txt")).toBe(path.join(ctx.root, "real", "data.txt"));
    expect(resolveInRoot(ctx, "rel-link")).toBe(path.join(ctx.root, "real", "data.txt"));
    expect(resolveInRoot(ctx, "alias/new.txt")).toBe(path.join(ctx.root, "real", "new.txt"));
  });

  it("does not let a symlink plus .. escape lexically", () => {
    const ctx = makeContext();
    const outside = tempDir("xmd-outside-");
    fs.mkdirSync(path.join(outside, "deep"));
    fs.symlinkSync(path.join(outside, "deep"), path.join(ctx.root, "jump"));
    // jump/.. is normalised lexically to the root itself, which is inside; the OS never sees `jump/..`.
    expect(resolveInRoot(ctx, "jump/../x.txt")).toBe(path.join(ctx.root, "x.txt"));
  });

  it("reports a symlink loop as a file error", () => {
    const ctx = makeContext();
    fs.symlinkSync(path.join(ctx.root, "b"), path.join(ctx.root, "a"));
    fs.symlinkSync(path.join(ctx.root, "a"), path.join(ctx.root, "b"));
    expect(fault(() => resolveInRoot(ctx, "a/x")).code).toBe("file");
  });

  it("works when the root itself is reached through a symlink", () => {
    const ctx = makeContext();
    const linkToRoot = path.join(os.tmpdir(), `xmd-rootlink-${process.pid}-${Date.now()}`);
    fs.symlinkSync(ctx.root, linkToRoot);
    try {
      const viaLink = { ...ctx, root: linkToRoot, baseDir: linkToRoot };
      expect(resolveInRoot(viaLink, "a.txt")).toBe(path.join(ctx.root, "a.txt"));
      expect(fault(() => resolveInRoot(viaLink, "../x")).code).toBe("outside-root");
    } finally {
      fs.unlinkSync(linkToRoot);
    }
  });

  it("refuses paths that are not strings or empty", () => {
    const ctx = makeContext();
    expect(fault(() => resolveInRoot(ctx, 3)).code).toBe("type");
    expect(fault(() => resolveInRoot(ctx, "")).code).toBe("file");
  });
});
