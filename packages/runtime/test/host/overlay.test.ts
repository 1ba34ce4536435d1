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
import { changesIn, hasWrittenUnder, type Overlay, overlaid } from "../../src/host/overlay.js";
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

describe("the overlay's own rules", () => {
  const overlay = (entries: [string, string | null][]): Overlay => new Map(entries);

  it("answers for a file by its own path first, then by the path its links lead to", () => {
    const o = overlay([
      ["/r/written", "w"],
      ["/r/deleted", null],
      ["/r/target", "t"],
      ["/r/deleted-link", null],
    ]);
    expect(overlaid(o, "/r/written", "/r/written")).toBe("w");
    expect(overlaid(o, "/r/deleted", "/r/deleted")).toBeNull();
    expect(overlaid(o, "/r/untouched", "/r/untouched")).toBeUndefined();
    // A link to a written file reads what was written there.
    expect(overlaid(o, "/r/link", "/r/target")).toBe("t");
    // A deleted link hides its target; a link to an untouched file is untouched.
    expect(overlaid(o, "/r/deleted-link", "/r/target")).toBeNull();
    expect(overlaid(o, "/r/link", "/r/elsewhere")).toBeUndefined();
  });

  it("knows a folder exists when a file was written anywhere under it, not when one was deleted", () => {
    const o = overlay([
      ["/r/a/b/c.md", "x"],
      ["/r/gone/d.md", null],
      ["/r/ab.md", "y"],
    ]);
    expect(hasWrittenUnder(o, "/r/a")).toBe(true);
    expect(hasWrittenUnder(o, "/r/a/")).toBe(true);
    expect(hasWrittenUnder(o, "/r/a/b")).toBe(true);
    expect(hasWrittenUnder(o, "/r")).toBe(true);
    expect(hasWrittenUnder(o, "/r/gone")).toBe(false);
    // "/r/ab.md" is not under "/r/a".
    expect(hasWrittenUnder(overlay([["/r/ab.md", "y"]]), "/r/a")).toBe(false);
    expect(hasWrittenUnder(overlay([["C:\\r\\a\\c.md", "x"]]), "C:\\r\\a", "\\")).toBe(true);
    expect(hasWrittenUnder(overlay([["C:\\r\\a\\c.md", "x"]]), "C:\\r\\a\\", "\\")).toBe(true);
    expect(hasWrittenUnder(overlay([["C:\\r\\a\\c.md", "x"]]), "C:\\r\\b", "\\")).toBe(false);
  });

  it("lists the names added directly in a folder (a written file's folders too) and the files deleted there", () => {
    const o = overlay([
      ["/r/new.md", "x"],
      ["/r/sub/deep/file.md", "y"],
      ["/r/old.md", null],
      ["/r/gone/inner.md", null],
      ["/r/again.md", null],
      ["/r/again.md/x", "z"],
      ["/other/file.md", "w"],
      ["/rx/file.md", "v"],
    ]);
    const { added, deleted } = changesIn(o, "/r");
    expect([...added].sort()).toEqual(["again.md", "new.md", "sub"]);
    // A file deleted deeper down is no name deleted here; a name both added and deleted is added.
    expect([...deleted]).toEqual(["old.md"]);
    expect(changesIn(o, "/r/")).toEqual({ added, deleted });
    const windows = changesIn(
      overlay([
        ["C:\\r\\sub\\f.md", "x"],
        ["C:\\r\\old.md", null],
      ]),
      "C:\\r",
      "\\",
    );
    expect([...windows.added]).toEqual(["sub"]);
    expect([...windows.deleted]).toEqual(["old.md"]);
  });
});
