/**
 * A block piece whose one statement is an in-place import ends its line (see build.test.ts);
 * a piece whose one statement is anything else runs as written. The mark is a bit of the
 * statement's flags, which other statements use for their own fields (a compound
 * assignment's operator), so it must be set on imports only.
 */
import { describe, expect, it } from "vitest";
import { render } from "../support/render.js";

describe("a compound assignment alone in its piece", () => {
  it("subtracts, in a comment, a classic comment and a fence", () => {
    expect(render("<!-- xmd set x 5 -->\n<!-- xmd set x -= 1 -->\n{{x}}\n", "md")).toBe("4\n");
    expect(render("<!-- xmd:set x = 5 -->\n<!-- xmd:set x -= 1 -->\n{{x}}\n", "md")).toBe("4\n");
    expect(render("```xmd\nset x 5\n```\n```xmd\nx -= 1\n```\n{{x}}\n", "md")).toBe("4\n");
  });

  it("adds", () => {
    expect(render("<!-- xmd set x 5 -->\n<!-- xmd set x += 2 -->\n{{x}}\n", "md")).toBe("7\n");
  });
});
