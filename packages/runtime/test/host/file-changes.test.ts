/**
 * What writing, listing and deleting say when the path is of the wrong kind, on disk and
 * in a dry run, each error with its code and exact words; the order `File.list` gives; a
 * dry-run write through a link; and what a dry run's own file may hold at the read limit.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { Host } from "../../src/api/host.js";
import {
  dataFormatOf,
  deleteFile,
  listFolder,
  readRegularBytes,
  readText,
  writeTextAtomic,
} from "../../src/host/files.js";
import { readCap } from "../../src/host/host-limits.js";
import { DEFAULT_LIMITS } from "../../src/index.js";
import { contextFor, fault, tempDir, writeFiles } from "./helpers.js";

/** [code, message] of the fault `f` raises. */
const faultOf = (f: () => unknown) => {
  const e = fault(f);
  return [e.code, e.message];
};

/** A root holding `files`, and a context on it: a dry run when `dry`. */
function setUp(files: Record<string, string>, dry: boolean, limits = {}) {
  const root = tempDir();
  writeFiles(root, files);
  const overlay = dry ? new Map<string, string | null>() : undefined;
  return { root, ctx: contextFor(root, { overlay, limits }) };
}

describe("writing", () => {
  it("refuses a folder, on disk and in a dry run", () => {
    for (const dry of [false, true]) {
      const { ctx } = setUp({ "dir/inside.txt": "x" }, dry);
      expect(
        faultOf(() => writeTextAtomic(ctx, "dir", "x")),
        `dry: ${dry}`,
      ).toEqual(["file", 'cannot write "dir": it is a folder']);
    }
  });

  it("says which folder it could not make when a file is in the way", () => {
    const { ctx } = setUp({ "a.txt": "x" }, false);
    const [code, message] = faultOf(() => writeTextAtomic(ctx, "a.txt/b/c.txt", "x"));
    expect(code).toBe("file");
    expect(message).toMatch(/^cannot create the folder of "a\.txt\/b\/c\.txt": /);
  });

  it("in a dry run, finds a file on the way whether on disk or written by the run", () => {
    const { ctx } = setUp({ "a.txt": "x" }, true);
    const notAFolder = (p: string) => ["file", `cannot write "${p}": a part of the path is not a folder`];
    expect(faultOf(() => writeTextAtomic(ctx, "a.txt/b.txt", "x"))).toEqual(notAFolder("a.txt/b.txt"));
    writeTextAtomic(ctx, "made.txt", "x");
    expect(faultOf(() => writeTextAtomic(ctx, "made.txt/deep/b.txt", "x"))).toEqual(
      notAFolder("made.txt/deep/b.txt"),
    );
  });

  it("in a dry run, writes through a link to the file it points to", () => {
    const { root, ctx } = setUp({ "target.txt": "old" }, true);
    fs.symlinkSync("target.txt", path.join(root, "link.txt"));
    writeTextAtomic(ctx, "link.txt", "new");
    expect(readText(ctx, "target.txt")).toBe("new");
    expect(fs.readFileSync(path.join(root, "target.txt"), "utf8")).toBe("old");
  });
});

describe("listing", () => {
  it("refuses a file, on disk and in a dry run, and a file the dry run deleted", () => {
    const notAFolder = ["file", 'cannot list "a.txt": it is not a folder'];
    expect(faultOf(() => listFolder(setUp({ "a.txt": "x" }, false).ctx, "a.txt"))).toEqual(notAFolder);
    const { ctx } = setUp({ "a.txt": "x" }, true);
    expect(faultOf(() => listFolder(ctx, "a.txt"))).toEqual(notAFolder);
    writeTextAtomic(ctx, "b.txt", "x");
    expect(faultOf(() => listFolder(ctx, "b.txt"))).toEqual([
      "file",
      'cannot list "b.txt": it is not a folder',
    ]);
    deleteFile(ctx, "a.txt");
    expect(faultOf(() => listFolder(ctx, "a.txt"))).toEqual(["file", 'cannot list "a.txt": no such file']);
  });

  it("gives names in code-unit order, with a dry run's new files among them", () => {
    const names = ["b", "B", "a", "é", "Z", "10", "9", "_"];
    const { ctx } = setUp(Object.fromEntries(names.map((n) => [`d/${n}`, n])), false);
    const sorted = ["10", "9", "B", "Z", "_", "a", "b", "é"];
    expect(listFolder(ctx, "d")).toEqual(sorted);
    const dry = setUp({ "d/m": "", "d/z": "" }, true).ctx;
    writeTextAtomic(dry, "d/a", "");
    writeTextAtomic(dry, "d/n", "");
    expect(listFolder(dry, "d")).toEqual(["a", "m", "n", "z"]);
  });
});

describe("deleting", () => {
  it("refuses a folder on disk, in a dry run too, and leaves it", () => {
    for (const dry of [false, true]) {
      const { root, ctx } = setUp({ "sub/x.txt": "x" }, dry);
      expect(
        faultOf(() => deleteFile(ctx, "sub")),
        `dry: ${dry}`,
      ).toEqual(["file", 'cannot delete "sub": it is a folder']);
      expect(fs.statSync(path.join(root, "sub")).isDirectory()).toBe(true);
    }
  });
});

describe("reading", () => {
  it("refuses a folder with the code of a file error", () => {
    const { ctx } = setUp({ "dir/x.txt": "x" }, false);
    expect(faultOf(() => readText(ctx, "dir"))).toEqual(["file", 'cannot read "dir": it is a folder']);
  });

  it("reads a dry run's file as long as the read limit, and not one byte more", () => {
    const { ctx } = setUp({}, true, { maxReadBytes: 10 });
    writeTextAtomic(ctx, "ten.txt", "0123456789");
    expect(readText(ctx, "ten.txt")).toBe("0123456789");
    writeTextAtomic(ctx, "eleven.txt", "0123456789A");
    expect(faultOf(() => readText(ctx, "eleven.txt"))).toEqual([
      "limit",
      expect.stringMatching(/^"eleven\.txt" is too large: 11 bytes, and a file read may be at most 10 bytes/),
    ]);
  });

  it("says a file grew past the limit while it was read, when the host stops at it", () => {
    const grew = { readFile: () => null } as unknown as Host;
    const cap = readCap({ ...DEFAULT_LIMITS, maxReadBytes: 100 });
    expect(faultOf(() => readRegularBytes(grew, "/r/a.txt", "a.txt", cap))).toEqual([
      "limit",
      expect.stringMatching(
        /^"a\.txt" is too large: more than 100 bytes, and a file read may be at most 100 bytes/,
      ),
    ]);
  });
});

describe("data formats by extension", () => {
  it("knows .json, .yaml and .yml in any case, and nothing else", () => {
    expect(
      ["a.json", "a.JSON", "a.yaml", "a.yml", "a.YML", "a.txt", "json", "a.yml.bak"].map(dataFormatOf),
    ).toEqual(["json", "json", "yaml", "yaml", "yaml", null, null, null]);
  });
});
