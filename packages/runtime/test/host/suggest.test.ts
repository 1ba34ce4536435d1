/**
 * "Did you mean …?": the edit distance checked against its definition (a plain recursion
 * over the last characters), and the choice of a suggestion rule by rule.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closestName, didYouMean, editDistance } from "../../src/host/suggest.js";
import { runs } from "../support/scale.js";

/** The Levenshtein distance by its recursive definition, memoized. */
function distanceReference(a: string, b: string): number {
  const memo = new Map<string, number>();
  const d = (i: number, j: number): number => {
    if (i === 0) return j;
    if (j === 0) return i;
    const key = `${i},${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const same = a[i - 1] === b[j - 1];
    const value = Math.min(d(i - 1, j) + 1, d(i, j - 1) + 1, d(i - 1, j - 1) + (same ? 0 : 1));
    memo.set(key, value);
    return value;
  };
  return d(a.length, b.length);
}

describe("editDistance", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect(editDistance("", "")).toBe(0);
    expect(editDistance("abc", "abc")).toBe(0);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("abcd", "")).toBe(4);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("uppr", "upper")).toBe(1);
    expect(editDistance("lenght", "length")).toBe(2);
    expect(editDistance("a", "b")).toBe(1);
    expect(editDistance("ab", "ba")).toBe(2);
    expect(editDistance("flaw", "lawn")).toBe(2);
  });

  it("equals the recursive definition on any two short texts", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "b", "c", "A"), maxLength: 9 });
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(editDistance(a, b)).toBe(distanceReference(a, b));
      }),
      { numRuns: runs(2000) },
    );
  });
});

describe("closestName", () => {
  it("takes the nearest candidate within two edits, the earlier one on a tie", () => {
    expect(closestName("uppr", ["lower", "upper", "trim"])).toBe("upper");
    expect(closestName("lenght", ["length", "slice"])).toBe("length");
    // Both one edit from "cat": the first wins.
    expect(closestName("cat", ["bat", "car"])).toBe("bat");
    expect(closestName("cat", ["car", "bat"])).toBe("car");
    // A nearer one later still wins.
    expect(closestName("keys", ["kezz", "key"])).toBe("key");
    expect(closestName("keys", ["kezz"])).toBe("kezz");
  });

  it("prefers a match that differs only in case, even over a nearer name", () => {
    expect(closestName("ToUpper", ["toupper", "ToUppe"])).toBe("toupper");
    expect(closestName("ToUpper", ["ToUppe", "toupper"])).toBe("toupper");
  });

  it("suggests nothing past the distance, and never the name itself", () => {
    expect(closestName("abcdef", ["abcxyz"])).toBeNull();
    expect(closestName("abcdef", ["abcxyz"], 3)).toBe("abcxyz");
    expect(closestName("abcdef", ["abcdxy"])).toBe("abcdxy");
    expect(closestName("trim", ["trim"])).toBeNull();
    expect(closestName("trim", ["trim", "trims"])).toBe("trims");
    expect(closestName("x", [])).toBeNull();
  });

  it("takes a short name's suggestion only if fewer edits than its length (two for one character)", () => {
    // "a" → "b" is one edit, less than two: suggested.
    expect(closestName("a", ["b"])).toBe("b");
    // "ab" → "cd" is two edits, not less than two.
    expect(closestName("ab", ["cd"])).toBeNull();
    // "ab" → "xb" is one.
    expect(closestName("ab", ["xb"])).toBe("xb");
    // "abc" → "xyc": two edits, less than three.
    expect(closestName("abc", ["xyc"])).toBe("xyc");
  });

  it("reads its candidates from any iterable", () => {
    expect(closestName("kyes", new Set(["keys", "values"]))).toBe("keys");
    expect(closestName("kyes", new Map([["keys", 1]]).keys())).toBe("keys");
  });
});

describe("didYouMean", () => {
  it("ends a message with the suggestion, or with nothing", () => {
    expect(didYouMean("uppr", ["upper"])).toBe("; did you mean 'upper'?");
    expect(didYouMean("zzzzzz", ["upper"])).toBe("");
  });
});
