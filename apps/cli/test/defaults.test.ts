/**
 * The CLI copies the runtime's default call depth so that its main thread can size the
 * render thread's stack without loading the runtime; the copy must follow the original.
 */
import { DEFAULT_LIMITS } from "@xmd/runtime";
import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_DEPTH } from "../src/render/stack-size.js";

describe("defaults copied from the runtime", () => {
  it("uses the runtime's default maxCallDepth", () => {
    expect(DEFAULT_MAX_DEPTH).toBe(DEFAULT_LIMITS.maxCallDepth);
  });
});
