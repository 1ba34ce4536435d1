/**
 * A block on a line of its own takes the blank line below it only when a blank line is
 * above it too (see build.test.ts): with CRLF line breaks, a non-blank line above is told
 * from a blank one by what comes before its `\r\n`.
 */
import { describe, expect, it } from "vitest";
import { render } from "../support/render.js";

describe("a block between CRLF lines", () => {
  it("after a non-blank line, leaves the blank line below it", () => {
    expect(render("A\r\n<!-- xmd set a 1 -->\r\n\r\nB\r\n", "md")).toBe("A\r\n\r\nB\r\n");
  });

  it("after a blank line, takes the blank line below it", () => {
    expect(render("A\r\n\r\n<!-- xmd set a 1 -->\r\n\r\nB\r\n", "md")).toBe("A\r\n\r\nB\r\n");
  });
});
