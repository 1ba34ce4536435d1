/**
 * The limits a runtime is made with are checked when it is made: a value no pool can have
 * is a RangeError naming the limit, not an internal error at the first render.
 */
import { MAX_SLOTS } from "@xmd/pool";
import { describe, expect, it } from "vitest";
import { createRuntime, DEFAULT_LIMITS, MAX_POOL_SLOTS } from "../src/index.js";

const MODES = ["pooled", "heap"] as const;

describe("maxPoolSlots", () => {
  it("may be at most the slots a pool can address, which is the default", () => {
    expect(MAX_POOL_SLOTS).toBe(MAX_SLOTS);
    expect(MAX_POOL_SLOTS).toBe(4_194_304);
    expect(DEFAULT_LIMITS.maxPoolSlots).toBe(MAX_POOL_SLOTS);
  });

  for (const memory of MODES) {
    it(`takes 1 to ${MAX_POOL_SLOTS} in ${memory} mode`, () => {
      for (const slots of [1, 64, MAX_POOL_SLOTS]) {
        const runtime = createRuntime({ memory, limits: { maxPoolSlots: slots } });
        // One slot is too few for any document: that is a limit error of the render.
        if (slots > 1) expect(runtime.render("a {{1}}\n", { lang: "md" }).output).toBe("a 1\n");
        else
          expect(() => runtime.render("a {{1}}\n", { lang: "md" })).toThrow(/needs more than 1 syntax nodes/);
        runtime.dispose();
      }
    });

    it(`refuses any other value in ${memory} mode, saying what it may be`, () => {
      for (const slots of [
        MAX_POOL_SLOTS + 1,
        10_000_000,
        0,
        -1,
        1.5,
        Number.NaN,
        Number.POSITIVE_INFINITY,
      ]) {
        expect(() => createRuntime({ memory, limits: { maxPoolSlots: slots } })).toThrow(
          new RangeError(
            `limits.maxPoolSlots must be a whole number from 1 to 4194304 (the slots a pool can address), got ${slots}`,
          ),
        );
      }
    });
  }
});
