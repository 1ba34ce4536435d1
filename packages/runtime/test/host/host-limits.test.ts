/**
 * The limits of host work at their edges: sizes as messages write them, the clock looked
 * at every 1,024 steps, the caps derived from the memory limit, the write budget of a run;
 * and the small helpers beside them (a name's extension against `node:path`, paths as
 * messages show them).
 */
import * as posix from "node:path/posix";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { DEFAULT_LIMITS } from "../../src/api/options.js";
import { extensionOf } from "../../src/host/extension.js";
import { errorCode, hostError } from "../../src/host/host-error.js";
import {
  bytesText,
  chargeWrite,
  checkClock,
  clockTicker,
  dataTextCap,
  JSON_MEMORY_PER_BYTE,
  readCap,
  recordWrite,
  tooLargeFault,
  tooManyTokensFault,
  YAML_MEMORY_PER_TOKEN,
  yamlTokenCap,
} from "../../src/host/host-limits.js";
import { shortenPath, showPath } from "../../src/host/shown-path.js";
import { runs } from "../support/scale.js";
import { budget, fault, makeContext } from "./helpers.js";

describe("bytesText", () => {
  it("writes bytes below 1 KiB plainly, then KiB below 1 MiB, then MiB, to one decimal when not whole", () => {
    expect(bytesText(0)).toBe("0 bytes");
    expect(bytesText(1023)).toBe("1023 bytes");
    expect(bytesText(1024)).toBe("1024 bytes (1 KiB)");
    expect(bytesText(1536)).toBe("1536 bytes (1.5 KiB)");
    expect(bytesText(1025)).toBe("1025 bytes (1.0 KiB)");
    expect(bytesText(1024 * 1024 - 1)).toBe("1048575 bytes (1024.0 KiB)");
    expect(bytesText(1024 * 1024)).toBe("1048576 bytes (1 MiB)");
    expect(bytesText(64 * 1024 * 1024)).toBe("67108864 bytes (64 MiB)");
    expect(bytesText(2.25 * 1024 * 1024)).toBe("2359296 bytes (2.3 MiB)");
  });
});

describe("the clock of host work", () => {
  it("throws the time limit once the deadline has passed, naming the work", () => {
    expect(() => checkClock(budget({}), "while reading YAML")).not.toThrow();
    const f = fault(() => checkClock(budget({ timeoutMs: 250 }, Date.now() - 1), "while reading YAML"));
    expect(f.code).toBe("limit");
    expect(f.message).toBe(
      "time limit reached: the document ran longer than 250 ms, while reading YAML (limit timeoutMs)",
    );
    expect(f.hint).toBe("raise it with --timeout (limits.timeoutMs in the API)");
  });

  it("counts the deadline's own millisecond as in time", () => {
    vi.useFakeTimers({ toFake: ["Date"], now: 5_000 });
    try {
      expect(() => checkClock(budget({}, 5_000), "while reading YAML")).not.toThrow();
      vi.setSystemTime(5_001);
      expect(fault(() => checkClock(budget({}, 5_000), "while reading YAML")).code).toBe("limit");
    } finally {
      vi.useRealTimers();
    }
  });

  it("looks at the clock on every 1,024th step, not before", () => {
    const tick = clockTicker(budget({}, Date.now() - 1), "while measuring");
    for (let i = 1; i < 1024; i++) tick();
    expect(fault(() => tick()).message).toContain("while measuring");
    // And again 1,024 steps later.
    for (let i = 1; i < 1024; i++) tick();
    expect(() => tick()).toThrow();
  });
});

describe("size caps", () => {
  const MiB = 1024 * 1024;

  it("takes maxReadBytes for a read and for YAML", () => {
    const limits = { ...DEFAULT_LIMITS, maxReadBytes: 10 };
    expect(readCap(limits)).toEqual({ bytes: 10, limit: "maxReadBytes", why: "", hint: "" });
    expect(dataTextCap({ ...DEFAULT_LIMITS, maxReadBytes: 10 * 1024 * MiB }, "yaml").bytes).toBe(
      10 * 1024 * MiB,
    );
  });

  it("holds JSON to the memory limit's share when that is smaller than maxReadBytes, and only then", () => {
    const byMemory = (256 * MiB) / JSON_MEMORY_PER_BYTE;
    const at = dataTextCap({ ...DEFAULT_LIMITS, maxMemoryMb: 256, maxReadBytes: byMemory }, "json");
    expect(at).toEqual({ bytes: byMemory, limit: "maxReadBytes", why: "", hint: "" });
    const over = dataTextCap({ ...DEFAULT_LIMITS, maxMemoryMb: 256, maxReadBytes: byMemory + 1 }, "json");
    expect(over.bytes).toBe(byMemory);
    expect(over.limit).toBe("maxMemoryMb");
    expect(over.why).toBe(
      `: reading JSON takes up to ${JSON_MEMORY_PER_BYTE} bytes of memory per byte, and the memory limit is 256 MB`,
    );
    expect(tooLargeFault('data file "d.json"', byMemory + 1, over, "JSON").hint).toBe(
      "raise it with --max-memory (limits.maxMemoryMb in the API)",
    );
    // Rounded down: 1 MB of memory over 32 bytes a byte.
    expect(dataTextCap({ ...DEFAULT_LIMITS, maxMemoryMb: 1.00001, maxReadBytes: MiB }, "json").bytes).toBe(
      32768,
    );
  });

  it("counts YAML tokens against the memory limit", () => {
    expect(yamlTokenCap({ ...DEFAULT_LIMITS, maxMemoryMb: 2 })).toBe((2 * MiB) / YAML_MEMORY_PER_TOKEN);
    expect(yamlTokenCap({ ...DEFAULT_LIMITS, maxMemoryMb: 1.0005 })).toBe(1024);
    const f = tooManyTokensFault({ ...DEFAULT_LIMITS, maxMemoryMb: 1 }, 'data file "d.yaml"');
    expect(f.code).toBe("limit");
    expect(f.message).toBe(
      'data file "d.yaml" is too large: it has more than 1024 YAML tokens (words, marks such as : and -, line breaks), and YAML may have at most 1024: reading YAML takes up to 1024 bytes of memory per token, and the memory limit is 1 MB (limit maxMemoryMb)',
    );
    expect(f.hint).toBe(
      "raise it with --max-memory (limits.maxMemoryMb in the API), or convert the data to JSON, which takes far less memory to read",
    );
  });

  it("words a size over its cap, known or only known to be larger", () => {
    const cap = readCap({ ...DEFAULT_LIMITS, maxReadBytes: 2048 });
    expect(tooLargeFault('"big.bin"', 4096, cap, "a file").message).toBe(
      '"big.bin" is too large: 4096 bytes, and a file may be at most 2048 bytes (2 KiB) (limit maxReadBytes)',
    );
    expect(tooLargeFault('"big.bin"', null, cap, "a file").message).toBe(
      '"big.bin" is too large: more than 2048 bytes, and a file may be at most 2048 bytes (2 KiB) (limit maxReadBytes)',
    );
  });
});

describe("the write budget", () => {
  it("lets a run write exactly maxWriteBytes, counting what it wrote before", () => {
    const ctx = makeContext({ limits: { maxWriteBytes: 100 } });
    chargeWrite(ctx, "a.md", 60);
    recordWrite(ctx, 60);
    chargeWrite(ctx, "b.md", 40);
    const f = fault(() => chargeWrite(ctx, "b.md", 41));
    expect(f.code).toBe("limit");
    expect(f.message).toBe(
      "write limit reached: writing 41 bytes to b.md would bring what this run wrote to 101 bytes, and a run may write at most 100 bytes (limit maxWriteBytes)",
    );
    // A charge alone records nothing.
    expect(ctx.written.bytes).toBe(60);
  });
});

describe("extensionOf", () => {
  it("is node:path's POSIX extname, for any name", () => {
    const name = fc.string({ unit: fc.constantFrom("a", ".", "/", "md"), maxLength: 10 });
    fc.assert(
      fc.property(name, (n) => {
        expect(extensionOf(n)).toBe(posix.extname(n));
      }),
      { numRuns: runs(3000) },
    );
    expect(extensionOf("notes/a.tar.gz")).toBe(".gz");
    expect(extensionOf(".json")).toBe("");
    expect(extensionOf("a.md/")).toBe(".md");
  });
});

describe("paths in messages", () => {
  it("shows a path of up to 160 characters whole, and a longer one by its ends and its length", () => {
    const exact = "p".repeat(160);
    expect(shortenPath(exact)).toBe(exact);
    const long = `${"a".repeat(60)}${"m".repeat(41)}${"z".repeat(60)}`;
    expect(shortenPath(long)).toBe(`${"a".repeat(60)}…${"z".repeat(60)} (161 characters)`);
  });

  it("shows a path inside the root relative to it, and one outside as it is", () => {
    const ctx = makeContext();
    expect(showPath(ctx, ctx.root)).toBe(".");
    expect(showPath(ctx, posix.join(ctx.root, "a", "b.md"))).toBe("a/b.md");
    // A name that starts with two dots is inside.
    expect(showPath(ctx, posix.join(ctx.root, "..notes"))).toBe("..notes");
    const outside = posix.dirname(ctx.root);
    expect(showPath(ctx, outside)).toBe(outside);
    expect(showPath(ctx, posix.join(outside, "x.md"))).toBe(posix.join(outside, "x.md"));
  });
});

describe("host errors", () => {
  it("carry a Node-style code, read back only when it is text", () => {
    const e = hostError("ENOENT", "no such file");
    expect(e.message).toBe("no such file");
    expect(errorCode(e)).toBe("ENOENT");
    expect(errorCode(Object.assign(new Error("x"), { code: 5 }))).toBeUndefined();
    expect(errorCode(null)).toBeUndefined();
    expect(errorCode(undefined)).toBeUndefined();
    expect(errorCode("ENOENT")).toBeUndefined();
  });
});
