/**
 * A run of text remembers the last `{{ }}` seen in each of 32 slots, chosen from the
 * text's length and its first and last characters, so that a page repeating a few names
 * finds each again without reading it twice. Two different names can share a slot; the
 * text must then be compared character by character, not taken for the same name.
 */
import { describe, expect, it } from "vitest";
import { render } from "../support/render.js";

describe("the names of a run of text", () => {
  // Slot = (length + 7 × first + 31 × last) mod 32: "ab" and "cp" share slot 7, and no
  // character of one is the character of the other at the same place.
  it("tells apart two names that share a slot", () => {
    const page = "<!-- xmd set ab = 1 -->\n<!-- xmd set cp = 2 -->\n{{ab}} {{cp}} {{ab}}\n";
    expect(render(page, "md")).toBe("1 2 1\n");
  });

  it("finds a name again in its slot", () => {
    const page = "<!-- xmd set ab = 1 -->\n{{ab}} {{ab}} {{ ab }}\n";
    expect(render(page, "md")).toBe("1 1 1\n");
  });
});
