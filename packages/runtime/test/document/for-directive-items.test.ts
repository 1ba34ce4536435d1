/**
 * A spanning `for` over text: the classic spelling (`<!-- xmd:for -->`) loops over its
 * comma-separated items, as the C tool's documents expect; the later spelling without the
 * colon is native code, where text is looped over a character at a time, as in a fence.
 */
import { describe, expect, it } from "vitest";
import { render } from "../support/render.js";

describe("a spanning for over text", () => {
  it("takes comma-separated items in the classic spelling", () => {
    const page = '<!-- xmd:set s = "a, b" -->\n<!-- xmd:for c in s -->\n[{{c}}]\n<!-- xmd:endfor -->\n';
    expect(render(page, "md")).toBe("[a]\n[b]\n");
  });

  it("takes characters in the spelling without the colon", () => {
    const page = '<!-- xmd set s "a, b" -->\n<!-- xmd for c in s -->\n[{{c}}]\n<!-- xmd endfor -->\n';
    expect(render(page, "md")).toBe("[a]\n[,]\n[ ]\n[b]\n");
  });
});
