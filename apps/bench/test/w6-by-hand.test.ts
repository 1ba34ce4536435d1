import { describe, expect, it } from "vitest";
import { w6ByHand } from "../src/macro/w6-by-hand.js";
import { w6LargeDocument } from "../src/macro/workloads.js";

describe("w6ByHand, the hand-written renderer of W6's page", () => {
  it("renders the page exactly as XMD does (the expected output), for any seed", () => {
    for (const seed of [1, 6, 9]) {
      const doc = w6LargeDocument(500, seed);
      expect(w6ByHand(doc.source)).toBe(doc.expected());
    }
  });

  it("crosses its 64 KiB window and its 1 MiB batch in the middle of lines", () => {
    // 20,000 lines: 1.6 MB of page, so the batch fills once and the window moves 24 times.
    const doc = w6LargeDocument(20_000, 4);
    expect(Buffer.byteLength(doc.source)).toBeGreaterThan(1 << 20);
    expect(w6ByHand(doc.source)).toBe(doc.expected());
  });

  it("takes quoted and bare values, and keeps text before the first {{ }} and after the last", () => {
    const page = '<!-- xmd:set who = "a b" -->\n<!-- xmd:set n = 7 -->\nstart {{ who }}: {{n}}{{n}} end\n';
    expect(w6ByHand(page)).toBe("start a b: 77 end\n");
    expect(w6ByHand("no values, no braces\n")).toBe("no values, no braces\n");
  });

  it("says so for a page it was not written for", () => {
    expect(() => w6ByHand("{{ missing }}")).toThrow("w6ByHand: {{ missing }} has no value");
    expect(() => w6ByHand('<!-- xmd:set x = "é" -->\n{{x}} é\n')).toThrow("w6ByHand: ASCII documents only");
  });
});
