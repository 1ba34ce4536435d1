/** Inline code spans as `xmd check --compat` finds them: CommonMark's rule, in one pass. */
import { describe, expect, it } from "vitest";
import { codeSpans } from "../src/compat/compat-scan.js";

const texts = (line: string) => codeSpans(line).map(([start, end]) => line.slice(start, end));

describe("codeSpans", () => {
  it("pairs a run of backquotes with the next run of the same length", () => {
    expect(texts("a `b` c `d`")).toEqual(["`b`", "`d`"]);
    expect(texts("``a`b`` and `c`")).toEqual(["``a`b``", "`c`"]);
    expect(texts("`a``b`")).toEqual(["`a``b`"]);
  });

  it("leaves a run no later run matches as text, and goes on after it", () => {
    expect(texts("```x`` y")).toEqual([]);
    expect(texts("``` `a` ```")).toEqual(["``` `a` ```"]);
    expect(texts("`` x `y` z")).toEqual(["`y`"]);
    expect(texts("no code")).toEqual([]);
  });

  it("reads a line of many unmatched runs of every length", () => {
    // Runs of 1, 2, 3, … backquotes, none closed: all text.
    const line = Array.from({ length: 300 }, (_, i) => "`".repeat(i + 1)).join(" x ");
    expect(codeSpans(line)).toEqual([]);
    // Every run closed by the next: spans in order.
    expect(texts("`a` `b` ``c`` `d`")).toEqual(["`a`", "`b`", "``c``", "`d`"]);
  });
});
