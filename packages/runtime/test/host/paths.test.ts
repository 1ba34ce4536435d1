import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { Host } from "../../src/api/host.js";
import { fromRoot, isInside, realLocation, resolveInRoot, resolveOwnInRoot } from "../../src/host/paths.js";
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

describe("root confinement, message by message", () => {
  /** The Node host with `realpath` failing as the system would, with `code`. */
  const failing = (code: string | undefined): Host => ({
    ...makeContext().host,
    realpath: () => {
      throw Object.assign(new Error("refused"), code === undefined ? {} : { code });
    },
  });

  it("says which root a path leaves, and how to choose another", () => {
    const ctx = makeContext();
    const f = fault(() => resolveInRoot(ctx, "../x.txt"));
    expect(f.message).toBe(`path "../x.txt" is outside the root ${ctx.root}`);
    expect(f.hint).toBe("documents may only touch files under the root; use --root to choose another root");
    const outside = tempDir("xmd-outside-");
    fs.symlinkSync(outside, path.join(ctx.root, "out"));
    expect(fault(() => resolveInRoot(ctx, "out/x")).message).toBe(
      `path "out/x" is outside the root ${ctx.root} (through a symbolic link)`,
    );
  });

  it("says why the system would not resolve a path", () => {
    const abs = "/some/where/file.txt";
    const cases: [string | undefined, string][] = [
      ["ELOOP", "goes through a loop of symbolic links"],
      ["ENAMETOOLONG", "is too long for the system"],
      ["EACCES", "cannot be resolved: permission denied"],
      ["EPERM", "cannot be resolved: permission denied"],
      ["EIO", "cannot be resolved (EIO)"],
      [undefined, "cannot be resolved (unknown error)"],
    ];
    for (const [code, reason] of cases) {
      const f = fault(() => realLocation(failing(code), abs));
      expect(f.code, code).toBe("file");
      expect(f.message, code).toBe(`path "${abs}" ${reason}`);
    }
  });

  it("follows at most 40 links that lead nowhere, one after another, and names the path asked for", () => {
    const host = makeContext().host;
    // Every name is a link to the next one, and none of them resolves.
    const chain = (links: number): Host => ({
      ...host,
      realpath: () => {
        throw Object.assign(new Error("missing"), { code: "ENOENT" });
      },
      lstat: (p: string) => {
        const name = path.basename(p);
        if (/^l\d+$/.test(name) && Number(name.slice(1)) < links) return { ...host.lstat("/"), kind: "link" };
        throw Object.assign(new Error("missing"), { code: "ENOENT" });
      },
      readlink: (p: string) => `l${Number(path.basename(p).slice(1)) + 1}`,
    });
    expect(realLocation(chain(40), "/d/l0")).toBe("/d/l40");
    expect(fault(() => realLocation(chain(41), "/d/l0")).message).toBe(
      'path "/d/l0" goes through too many symbolic links',
    );
  });

  it("follows a dangling link with the rest of the path after it, in order", () => {
    const ctx = makeContext();
    fs.symlinkSync(path.join(ctx.root, "target"), path.join(ctx.root, "link"));
    expect(resolveInRoot(ctx, "link/sub/file.txt")).toBe(path.join(ctx.root, "target", "sub", "file.txt"));
  });

  it("takes a root that does not exist yet as it is written", () => {
    const parent = tempDir();
    const ctx = { ...makeContext(), root: path.join(parent, "later"), baseDir: path.join(parent, "later") };
    expect(resolveInRoot(ctx, "a/b.txt")).toBe(path.join(parent, "later", "a", "b.txt"));
    expect(fromRoot(ctx, path.join(parent, "later", "a", "b.txt"))).toBe(path.join("a", "b.txt"));
  });

  it("gives the real root for the root itself, even when it is reached through a link", () => {
    const ctx = makeContext();
    const linkToRoot = path.join(tempDir(), "root-link");
    fs.symlinkSync(ctx.root, linkToRoot);
    const viaLink = { ...ctx, root: linkToRoot, baseDir: linkToRoot };
    expect(resolveOwnInRoot(viaLink, ".")).toBe(ctx.root);
    expect(resolveOwnInRoot(viaLink, "x.txt")).toBe(path.join(ctx.root, "x.txt"));
    expect(fromRoot(viaLink, path.join(ctx.root, "x.txt"))).toBe("x.txt");
    expect(fromRoot(viaLink, path.join(linkToRoot, "y.txt"))).toBe("y.txt");
  });

  it("names what a path that is not text is, and an empty one", () => {
    const ctx = makeContext();
    expect(fault(() => resolveInRoot(ctx, 3)).message).toBe("a file path must be a string, not a number (3)");
    expect(fault(() => resolveInRoot(ctx, "")).message).toBe("the file path is empty");
  });

  it("compares paths by the rules of the system they name", () => {
    expect(isInside(path.win32, "C:\\root", "D:\\root\\x")).toBe(false);
    expect(isInside(path.win32, "C:\\root", "C:\\root\\x")).toBe(true);
    expect(isInside(path.win32, "C:\\root", "C:\\root")).toBe(true);
    expect(isInside(path.win32, "C:\\root", "C:\\")).toBe(false);
  });
});
