/**
 * JavaScript failures that mean a document outgrew a resource, read as the `limit` error a
 * user sees: a full pool of variables or syntax nodes, a value too large for memory, the
 * stack running out; anything else is not a resource limit.
 */
import { PoolError } from "@xmd/pool";
import { describe, expect, it } from "vitest";
import { createRuntime, type MemoryMode, XmdError } from "../src/index.js";
import { isJsStackOverflow, resourceLimit } from "../src/values/resource-limit.js";

describe("resourceLimit", () => {
  it("reads a full pool as the document needing more than maxPoolSlots of what the pool holds", () => {
    expect(resourceLimit(new PoolError("variables", -1, "capacity", "full"), 300)).toEqual({
      message: "the document needs more than 300 variables (limit maxPoolSlots)",
      hint: "raise it with --max-pool-slots (limits.maxPoolSlots in the API)",
    });
    for (const pool of ["ast", "nodes"])
      expect(resourceLimit(new PoolError(pool, -1, "capacity", "full"), 7)?.message).toBe(
        "the document needs more than 7 syntax nodes (limit maxPoolSlots)",
      );
  });

  it("reads a pool's other failures as no resource limit (they are bugs, not a document's size)", () => {
    for (const kind of ["double-free", "stale-handle", "invalid-handle"] as const)
      expect(resourceLimit(new PoolError("variables", 3, kind, kind), 300)).toBeNull();
  });

  it("reads V8's failures to make a value that large as a value too large for memory", () => {
    for (const message of [
      "Invalid string length",
      "Invalid array length",
      "invalid ARRAY length",
      "Array buffer allocation failed",
    ]) {
      expect(resourceLimit(new RangeError(message), 300)).toEqual({
        message: `a value grew too large to hold in memory (${message})`,
        hint: "look for a string or list that doubles in a loop",
      });
    }
  });

  it("reads any other error as no resource limit", () => {
    for (const e of [
      new RangeError("Maximum call stack size exceeded"),
      new RangeError("toFixed() digits argument must be between 0 and 100"),
      new RangeError("Invalid typed array length: -1"),
      new TypeError("Invalid string length"),
      new Error("Invalid array length"),
      "Invalid string length",
      null,
    ]) {
      expect(resourceLimit(e, 300)).toBeNull();
    }
  });
});

describe("isJsStackOverflow", () => {
  it("is true of V8's stack overflow only", () => {
    expect(isJsStackOverflow(new RangeError("Maximum call stack size exceeded"))).toBe(true);
    expect(isJsStackOverflow(new Error("Maximum call stack size exceeded"))).toBe(false);
    expect(isJsStackOverflow(new RangeError("Invalid string length"))).toBe(false);
    expect(isJsStackOverflow("Maximum call stack size exceeded")).toBe(false);
  });
});

describe.each(["pooled", "heap"] as MemoryMode[])("a render's variables past maxPoolSlots (%s)", (memory) => {
  it("stops with a limit error that names variables, in both dialects", () => {
    const vars = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`v${i}`, i]));
    const runtime = createRuntime({ memory, limits: { maxPoolSlots: 200 } });
    for (const [lang, source] of [
      ["md", "{{v1}}\n"],
      ["xmd", "print v1\n"],
    ] as const) {
      let error: unknown;
      try {
        runtime.render(source, { lang, vars });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(XmdError);
      expect((error as XmdError).code).toBe("limit");
      expect((error as XmdError).message).toBe(
        "the document needs more than 200 variables (limit maxPoolSlots)",
      );
      expect((error as XmdError).hint).toBe(
        "raise it with --max-pool-slots (limits.maxPoolSlots in the API)",
      );
    }
    // Under the limit, the same render runs.
    expect(runtime.render("{{v299}}\n", { lang: "md", vars: { v299: 1 } }).output).toBe("1\n");
  });
});
