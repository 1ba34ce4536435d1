/**
 * The CLI copies the runtime's default limits so that its main thread can size render
 * threads (stack, heap), cap stdin and show the defaults in its help without loading the
 * runtime; the copies must follow the originals.
 */
import { DEFAULT_LIMITS, MAX_POOL_SLOTS } from "@xmd/runtime";
import { describe, expect, it } from "vitest";
import { DEFAULTS, LIMIT_FLAGS } from "../src/limits.js";
import { DEFAULT_MAX_DEPTH } from "../src/render/stack-size.js";

describe("defaults copied from the runtime", () => {
  it("uses the runtime's default maxCallDepth", () => {
    expect(DEFAULT_MAX_DEPTH).toBe(DEFAULT_LIMITS.maxCallDepth);
  });

  it("uses every default limit of the runtime", () => {
    expect(DEFAULTS).toEqual({ ...DEFAULT_LIMITS });
  });

  it("caps --max-pool-slots where the runtime does", () => {
    expect(LIMIT_FLAGS.find((f) => f.limit === "maxPoolSlots")?.max).toBe(MAX_POOL_SLOTS);
    expect(LIMIT_FLAGS.filter((f) => f.max !== undefined).map((f) => f.flag)).toEqual(["--max-pool-slots"]);
  });

  it("has a flag for every runtime limit, each once, its help showing the default", () => {
    expect(LIMIT_FLAGS.map((f) => f.limit).sort()).toEqual(Object.keys(DEFAULT_LIMITS).sort());
    for (const f of LIMIT_FLAGS) {
      const value = DEFAULTS[f.limit];
      const shown = /MiB$/.test(f.shown) ? Number.parseInt(f.shown, 10) * 1024 * 1024 : Number(f.shown);
      expect(shown, f.flag).toBe(value);
    }
  });
});
