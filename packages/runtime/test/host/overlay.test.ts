/** Dry run: every file operation uses the overlay, and the disk never changes. */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  deleteFile,
  fileExists,
  listFolder,
  loadDataFile,
  readText,
  writeTextAtomic,
} from "../../src/host/files.js";
import { contextFor, fault, tempDir, writeFiles } from "./helpers.js";

/** Every file under `dir` with its content (links as "-> target"), to compare before and after. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(dir, rel))) {
      const r = path.join(rel, name);
      const p = path.join(dir, r);
      const stat = fs.lstatSync(p);
      if (stat.isSymbolicLink()) out[r] = `-> ${fs.readlinkSync(p)}`;
      else if (stat.isDirectory()) {
        out[`${r}/`] = "";
        walk(r);
      } else out[r] = `${fs.readFileSync(p, "utf8")} (mode ${(stat.mode & 0o777).toString(8)})`;
    }
  };
  walk("");
  return out;
}

function dryRun(files: Record<string, string> = {}) {
  const root = tempDir();
  writeFiles(root, files);
  const overlay = new Map<string, string | null>();
  const ctx = contextFor(root, { overlay });
  return { ctx, overlay, root };
}

describe("dry run", () => {
  it("writes to the overlay, and reads, exists and list see the write", () => {
    const { ctx, overlay, root } = dryRun({ "old.txt": "old" });
    const before = snapshot(root);
    writeTextAtomic(ctx, "old.txt", "changed");
    writeTextAtomic(ctx, "out/deep/new.txt", "new");
    expect(snapshot(root)).toEqual(before);
    expect(readText(ctx, "old.txt")).toBe("changed");
    expect(readText(ctx, "out/deep/new.txt")).toBe("new");
    expect(fileExists(ctx, "out/deep/new.txt")).toBe(true);
    expect(fileExists(ctx, "out")).toBe(true);
    expect(listFolder(ctx, ".")).toEqual(["old.txt", "out"]);
    expect(listFolder(ctx, "out")).toEqual(["deep"]);
    expect(listFolder(ctx, "out/deep")).toEqual(["new.txt"]);
    expect(overlay.get(path.join(root, "out/deep/new.txt"))).toBe("new");
    expect(ctx.dependencies.has(path.join(root, "out/deep/new.txt"))).toBe(true);
  });

  it("deletes in the overlay: the file is gone for reads, exists and list, and stays on disk", () => {
    const { ctx, root } = dryRun({ "a.txt": "a", "b.txt": "b" });
    const before = snapshot(root);
    expect(deleteFile(ctx, "a.txt")).toBe(true);
    expect(deleteFile(ctx, "a.txt")).toBe(false);
    expect(snapshot(root)).toEqual(before);
    expect(fileExists(ctx, "a.txt")).toBe(false);
    expect(fault(() => readText(ctx, "a.txt")).message).toBe('cannot read "a.txt": no such file');
    expect(listFolder(ctx, ".")).toEqual(["b.txt"]);
    writeTextAtomic(ctx, "a.txt", "again");
    expect(readText(ctx, "a.txt")).toBe("again");
    expect(listFolder(ctx, ".")).toEqual(["a.txt", "b.txt"]);
    writeTextAtomic(ctx, "c.txt", "c");
    expect(deleteFile(ctx, "c.txt")).toBe(true);
    expect(fileExists(ctx, "c.txt")).toBe(false);
    expect(snapshot(root)).toEqual(before);
  });

  it("reads data files through the overlay", () => {
    const { ctx, root } = dryRun({ "d.json": '{"a": 1}' });
    const before = snapshot(root);
    writeTextAtomic(ctx, "d.json", '{"a": 2}');
    expect(loadDataFile(ctx, "d.json")).toEqual({ a: 2 });
    deleteFile(ctx, "d.json");
    expect(fault(() => loadDataFile(ctx, "d.json")).message).toContain("no such file");
    expect(snapshot(root)).toEqual(before);
  });

  it("fails where the real write would fail", () => {
    const { ctx, root } = dryRun({ "dir/x.txt": "x", "file.txt": "f" });
    const before = snapshot(root);
    expect(fault(() => writeTextAtomic(ctx, "dir", "x")).message).toContain("it is a folder");
    expect(fault(() => writeTextAtomic(ctx, "file.txt/inner.txt", "x")).message).toContain(
      "a part of the path is not a folder",
    );
    writeTextAtomic(ctx, "made/one.txt", "1");
    expect(fault(() => writeTextAtomic(ctx, "made", "x")).message).toContain("it is a folder");
    expect(fault(() => deleteFile(ctx, "made")).message).toContain("it is a folder");
    expect(fault(() => listFolder(ctx, "made/one.txt")).message).toContain("not a folder");
    deleteFile(ctx, "file.txt");
    writeTextAtomic(ctx, "file.txt/inner.txt", "now a folder");
    expect(readText(ctx, "file.txt/inner.txt")).toBe("now a folder");
    expect(snapshot(root)).toEqual(before);
  });

  it("deletes a symbolic link itself, hiding what it pointed to only through the link", () => {
    const { ctx, root } = dryRun({ "target.txt": "t" });
    fs.symlinkSync("target.txt", path.join(root, "link.txt"));
    const before = snapshot(root);
    expect(readText(ctx, "link.txt")).toBe("t");
    expect(deleteFile(ctx, "link.txt")).toBe(true);
    expect(fileExists(ctx, "link.txt")).toBe(false);
    expect(readText(ctx, "target.txt")).toBe("t");
    expect(listFolder(ctx, ".")).toEqual(["target.txt"]);
    writeTextAtomic(ctx, "link.txt", "a file now");
    expect(readText(ctx, "link.txt")).toBe("a file now");
    expect(readText(ctx, "target.txt")).toBe("t");
    expect(snapshot(root)).toEqual(before);
  });
});
