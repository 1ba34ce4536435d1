/** Failure injection for atomic writes: the rename or the write itself fails half way. */
import * as path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

const failures = vi.hoisted(() => ({ rename: false, write: false }));

vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  const patched = {
    ...real,
    renameSync: (from: string, to: string) => {
      if (failures.rename) throw Object.assign(new Error("simulated rename failure"), { code: "EIO" });
      return real.renameSync(from, to);
    },
    writeFileSync: (...args: Parameters<typeof real.writeFileSync>) => {
      if (failures.write && typeof args[0] === "number") {
        // write half of the text to the temporary file, then fail like a full disk
        real.writeFileSync(args[0], String(args[1]).slice(0, 3));
        throw Object.assign(new Error("simulated disk full"), { code: "ENOSPC" });
      }
      return real.writeFileSync(...args);
    },
  };
  return { ...patched, default: patched };
});

// Mutation runs share one module graph across test files (vitest.config.ts): without this,
// files.js could come from the graph as an earlier file loaded it, with the real node:fs.
vi.resetModules();
const fs = await import("node:fs");
const { writeTextAtomic } = await import("../../src/host/files.js");
const { fault, makeContext } = await import("./helpers.js");

afterEach(() => {
  failures.rename = false;
  failures.write = false;
});

describe("writeTextAtomic under failure", () => {
  it("keeps the old content and removes the temporary file when the rename fails", () => {
    const ctx = makeContext();
    fs.writeFileSync(path.join(ctx.root, "f.txt"), "old content");
    failures.rename = true;
    const f = fault(() => writeTextAtomic(ctx, "f.txt", "new content"));
    expect(f.code).toBe("file");
    expect(f.message).toContain('cannot write "f.txt"');
    expect(fs.readFileSync(path.join(ctx.root, "f.txt"), "utf8")).toBe("old content");
    expect(fs.readdirSync(ctx.root)).toEqual(["f.txt"]);
  });

  it("keeps the old content when the disk fills half way through", () => {
    const ctx = makeContext();
    fs.writeFileSync(path.join(ctx.root, "f.txt"), "old content");
    failures.write = true;
    expect(fault(() => writeTextAtomic(ctx, "f.txt", "new content")).code).toBe("file");
    expect(fs.readFileSync(path.join(ctx.root, "f.txt"), "utf8")).toBe("old content");
    expect(fs.readdirSync(ctx.root)).toEqual(["f.txt"]);
  });

  it("leaves no file at all when a new file cannot be written", () => {
    const ctx = makeContext();
    failures.write = true;
    fault(() => writeTextAtomic(ctx, "new.txt", "text"));
    expect(fs.readdirSync(ctx.root)).toEqual([]);
  });
});
