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
import { fault, makeContext, tempDir, writeFiles } from "./helpers.js";

describe("readText", () => {
  it("reads UTF-8 and records the dependency", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "a.txt": "xin chào" });
    expect(readText(ctx, "a.txt")).toBe("xin chào");
    expect([...ctx.dependencies]).toEqual([path.join(ctx.root, "a.txt")]);
  });

  it("explains missing files and folders", () => {
    const ctx = makeContext();
    fs.mkdirSync(path.join(ctx.root, "dir"));
    const missing = fault(() => readText(ctx, "nope.txt"));
    expect(missing.code).toBe("file");
    expect(missing.message).toBe('cannot read "nope.txt": no such file');
    expect(fault(() => readText(ctx, "dir")).message).toBe('cannot read "dir": it is a folder');
  });

  it("refuses to read outside the root", () => {
    const ctx = makeContext();
    expect(fault(() => readText(ctx, "../../etc/passwd")).code).toBe("outside-root");
    expect(fault(() => readText(ctx, "/etc/passwd")).code).toBe("outside-root");
  });
});

describe("writeTextAtomic", () => {
  it("creates missing parent folders inside the root", () => {
    const ctx = makeContext();
    writeTextAtomic(ctx, "a/b/c.txt", "deep");
    expect(fs.readFileSync(path.join(ctx.root, "a/b/c.txt"), "utf8")).toBe("deep");
    expect(ctx.dependencies.has(path.join(ctx.root, "a/b/c.txt"))).toBe(true);
  });

  it("replaces a file and leaves no temporary file behind", () => {
    const ctx = makeContext();
    writeTextAtomic(ctx, "f.txt", "one");
    writeTextAtomic(ctx, "f.txt", "two");
    expect(fs.readFileSync(path.join(ctx.root, "f.txt"), "utf8")).toBe("two");
    expect(fs.readdirSync(ctx.root)).toEqual(["f.txt"]);
  });

  it("keeps an existing folder and the files in it when asked to write over the folder", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "keep/f.txt": "old" });
    expect(fault(() => writeTextAtomic(ctx, "keep", "new")).code).toBe("file");
    expect(fs.readFileSync(path.join(ctx.root, "keep/f.txt"), "utf8")).toBe("old");
    expect(fs.readdirSync(ctx.root)).toEqual(["keep"]);
  });

  it("never exposes a half-written file: the target changes only by rename", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "big.txt": "old" });
    const before = fs.statSync(path.join(ctx.root, "big.txt")).ino;
    writeTextAtomic(ctx, "big.txt", "x".repeat(1_000_000));
    const after = fs.statSync(path.join(ctx.root, "big.txt")).ino;
    expect(after).not.toBe(before); // a new inode: the old file was replaced whole, not rewritten in place
    expect(fs.readFileSync(path.join(ctx.root, "big.txt"), "utf8").length).toBe(1_000_000);
  });

  it("refuses to write over a folder or outside the root", () => {
    const ctx = makeContext();
    fs.mkdirSync(path.join(ctx.root, "d"));
    expect(fault(() => writeTextAtomic(ctx, "d", "x")).message).toContain("it is a folder");
    expect(fault(() => writeTextAtomic(ctx, "../escape.txt", "x")).code).toBe("outside-root");
    expect(fs.existsSync(path.join(path.dirname(ctx.root), "escape.txt"))).toBe(false);
  });

  it("does not write through a symlinked folder to the outside", () => {
    const ctx = makeContext();
    const outside = tempDir("xmd-outside-");
    fs.symlinkSync(outside, path.join(ctx.root, "out"));
    expect(fault(() => writeTextAtomic(ctx, "out/x/y.txt", "x")).code).toBe("outside-root");
    expect(fs.readdirSync(outside)).toEqual([]);
  });
});

describe("exists, list, delete", () => {
  it("answers inside the root and refuses outside", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "b.txt": "", "a.txt": "", "sub/c.txt": "", "B.txt": "" });
    expect(fileExists(ctx, "a.txt")).toBe(true);
    expect(fileExists(ctx, "zzz")).toBe(false);
    expect(fault(() => fileExists(ctx, "../x")).code).toBe("outside-root");
    expect(listFolder(ctx, ".")).toEqual(["B.txt", "a.txt", "b.txt", "sub"]);
    expect(listFolder(ctx, "sub")).toEqual(["c.txt"]);
    expect(fault(() => listFolder(ctx, "a.txt")).message).toContain("not a folder");
    expect(fault(() => listFolder(ctx, "missing")).message).toContain("no such file");
    expect(fault(() => listFolder(ctx, "..")).code).toBe("outside-root");
    expect(deleteFile(ctx, "a.txt")).toBe(true);
    expect(fileExists(ctx, "a.txt")).toBe(false);
    expect(fault(() => deleteFile(ctx, "sub")).message).toContain("it is a folder");
    expect(fault(() => deleteFile(ctx, "../x")).code).toBe("outside-root");
  });
});

describe("loadDataFile", () => {
  it("reads json and yaml", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, {
      "data/config.json": '{"site": {"title": "XMD"}, "version": "1.2.0"}',
      "data/people.yaml": "people:\n  - name: An\n    age: 30\n  - name: Binh\n    age: 25\n",
      "data/x.yml": "a: 1\n",
      "notes.txt": "x",
    });
    expect(loadDataFile(ctx, "data/config.json")).toEqual({ site: { title: "XMD" }, version: "1.2.0" });
    expect(loadDataFile(ctx, "data/people.yaml")).toEqual({
      people: [
        { name: "An", age: 30 },
        { name: "Binh", age: 25 },
      ],
    });
    expect(loadDataFile(ctx, "data/x.yml")).toEqual({ a: 1 });
    expect(fault(() => loadDataFile(ctx, "notes.txt")).message).toContain("not a data file");
  });

  it("names the file and line of a JSON error", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, {
      "bad.json": '{\n  "a": 1,\n  "b": 2,\n}\n',
      "bad2.json": '{"a" 1}',
      "bad3.json": "",
      "bom.json": '\ufeff{"ok": true}',
    });
    const f = fault(() => loadDataFile(ctx, "bad.json"));
    expect(f.code).toBe("data");
    expect(f.message).toMatch(/^data file "bad.json" is not valid JSON at line 4, column 1: /);
    expect(fault(() => loadDataFile(ctx, "bad2.json")).message).toContain("at line 1, column 6");
    expect(fault(() => loadDataFile(ctx, "bad3.json")).message).toContain("at line 1, column 1");
    expect(loadDataFile(ctx, "bom.json")).toEqual({ ok: true });
  });

  it("names the file and line of a YAML error, and refuses duplicate keys", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "bad.yaml": "ok: 1\na: b: c\n", "dup.yaml": "a: 1\nb: 2\na: 3\n" });
    const f = fault(() => loadDataFile(ctx, "bad.yaml"));
    expect(f.code).toBe("data");
    expect(f.message).toContain('data file "bad.yaml" is not valid YAML at line 2, column 4');
    expect(fault(() => loadDataFile(ctx, "dup.yaml")).message).toMatch(/line 3.*unique/);
  });

  it("rejects a billion-laughs YAML document", () => {
    const ctx = makeContext();
    const levels = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    let doc = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < levels.length; i++) {
      const prev = `*${levels[i - 1]}`;
      doc += `${levels[i]}: &${levels[i]} [${Array(9).fill(prev).join(",")}]\n`;
    }
    writeFiles(ctx.root, { "bomb.yaml": doc });
    const f = fault(() => loadDataFile(ctx, "bomb.yaml"));
    expect(f.code).toBe("data");
    expect(f.message).toContain("bomb.yaml");
    expect(f.message).toContain("aliases");
  });

  it("allows a few aliases", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "ok.yaml": "base: &b {x: 1}\none: *b\ntwo: *b\n" });
    expect(loadDataFile(ctx, "ok.yaml")).toEqual({ base: { x: 1 }, one: { x: 1 }, two: { x: 1 } });
  });

  it("refuses custom and language tags instead of running anything", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, {
      "tag.yaml": "x: !!js/function 'function () { return 1 }'\n",
      "custom.yaml": "ok: 1\ny: !Ref thing\n",
    });
    const f = fault(() => loadDataFile(ctx, "tag.yaml"));
    expect(f.code).toBe("data");
    expect(f.message).toContain(
      "only the core tags !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are supported",
    );
    expect(fault(() => loadDataFile(ctx, "custom.yaml")).message).toContain("line 2");
  });

  it("does not pollute prototypes from YAML", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "p.yaml": "__proto__:\n  polluted: 1\n" });
    const v = loadDataFile(ctx, "p.yaml") as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
