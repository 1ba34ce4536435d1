import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { writeTextAtomic } from "../../src/host/files.js";
import { locateImport } from "../../src/host/imports.js";
import { contextFor, fault, makeContext, tempDir, writeFiles } from "./helpers.js";

const EXTENSIONS = [".xmd", ".xm", ".md", ".json", ".yaml", ".yml"];

describe("locateImport", () => {
  it("finds a bare name by the first extension that exists, from the importing file's folder", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "Tasks.md": "", "Tasks.json": "{}", "lib/util.xm": "", "lib/Tasks.xmd": "" });
    expect(locateImport(ctx, "Tasks", EXTENSIONS)).toBe(path.join(ctx.root, "Tasks.md"));
    expect(locateImport(ctx, "lib/util", EXTENSIONS)).toBe(path.join(ctx.root, "lib/util.xm"));
    expect(locateImport(ctx, "Tasks", EXTENSIONS, path.join(ctx.root, "lib"))).toBe(
      path.join(ctx.root, "lib/Tasks.xmd"),
    );
    expect(locateImport(ctx, "missing.json", EXTENSIONS)).toBe(path.join(ctx.root, "missing.json"));
  });

  it("lists the names it tried when none exists", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "Nope/readme.md": "" });
    const f = fault(() => locateImport(ctx, "Nope", EXTENSIONS));
    expect(f.code).toBe("file");
    expect(f.message).toBe(
      'cannot import "Nope": there is no Nope.xmd, Nope.xm, Nope.md, Nope.json, Nope.yaml or Nope.yml',
    );
    expect(fault(() => locateImport(ctx, "../x", EXTENSIONS)).code).toBe("outside-root");
  });

  it("names the one file tried, and says where imports are looked for", () => {
    const ctx = makeContext();
    const f = fault(() => locateImport(ctx, "Nope", [".md"]));
    expect(f.message).toBe('cannot import "Nope": there is no Nope.md');
    expect(f.hint).toBe(
      "imports are found from the importing file's folder; give the file's extension to import another kind of file",
    );
  });

  it("sees files written and deleted by a dry run", () => {
    const root = tempDir();
    writeFiles(root, { "Old.md": "", "Kept.md": "", "Dir.md": "" });
    const ctx = contextFor(root, { overlay: new Map() });
    writeTextAtomic(ctx, "Made.xmd", "export set x 1");
    expect(locateImport(ctx, "Made", EXTENSIONS)).toBe(path.join(root, "Made.xmd"));
    expect(locateImport(ctx, "Kept", EXTENSIONS)).toBe(path.join(root, "Kept.md"));
    // a file written inside Dir.xmd makes it a folder, not a file to import
    writeTextAtomic(ctx, "Dir.xmd/inner.txt", "x");
    expect(locateImport(ctx, "Dir", EXTENSIONS)).toBe(path.join(root, "Dir.md"));
    ctx.overlay?.set(path.join(root, "Old.md"), null);
    expect(fault(() => locateImport(ctx, "Old", EXTENSIONS)).message).toContain("there is no Old.xmd");
  });
});
