/**
 * Classic spans (`<!-- xmd:if … -->` … `<!-- xmd:endif -->`) can nest deeper than the
 * JavaScript stack is deep. Reading them is done without recursion, so that such a page
 * ends in the nesting limit's own error, at the span past the limit, and not in the
 * stack's.
 */
import { describe, expect, it } from "vitest";
import { failure } from "../support/render.js";

describe("classic spans nested 100,000 deep", () => {
  it("end in the nesting limit's error at the first span past it", () => {
    const depth = 100_000;
    const open = "<!-- xmd:if true -->";
    const page = `${open.repeat(depth)}x${"<!-- xmd:endif -->".repeat(depth)}`;
    const error = failure(page, "md");
    expect(error.code).toBe("limit");
    expect(error.message).toBe("code nested too deep: more than 1000 levels (limit maxNestingDepth)");
    // In the 1,001st span's code: "true" there.
    expect([error.line, error.column]).toEqual([1, 1000 * open.length + 13]);
  });
});
