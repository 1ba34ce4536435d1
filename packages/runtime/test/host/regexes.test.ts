/**
 * `.match`, `.replace` and `.split` with a regex give what JavaScript gives. RE2 finds the
 * matches; regexes.ts turns them into JavaScript's results (its `$` rules, its split of empty
 * matches, its surrogate pairs), so each is compared with JavaScript's own on random
 * patterns, texts and replacements.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/api/options.js";
import { regexMatch, regexReplace, regexSplit, regexTest } from "../../src/host/regexes.js";
import { Budget, enterBudget, leaveBudget } from "../../src/values/budget.js";
import { Regex } from "../../src/values/regex.js";

// Patterns on which RE2 and JavaScript agree: a capturing group is never repeated (JavaScript
// forgets a repeated group's capture on each pass, RE2 keeps the last one that took part), and
// nothing repeated can match the empty text (JavaScript ends a loop at an empty pass, RE2 does not).
const atom = fc.constantFrom("a", "b", ".", "[ab]", "[^a]", "\\d", "😀", "x");
const repeated = fc
  .tuple(
    fc.oneof(
      atom,
      fc.tuple(atom, atom).map(([x, y]) => `(?:${x}|${y})`),
    ),
    fc.constantFrom("*", "+", "?", "{0,2}", "*?", "+?", "??", ""),
  )
  .map(([x, q]) => x + q);
const part = fc.oneof(
  repeated,
  fc.constant(""),
  repeated.map((x) => `(${x})`),
  fc.tuple(repeated, repeated).map(([x, y]) => `(${x}|${y})`),
);
const pattern = fc
  .tuple(fc.array(part, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.boolean())
  .map(([parts, named, anchored]) => {
    const body = named ? `${parts[0]}(?<n>${parts.slice(1).join("")})` : parts.join("");
    return anchored ? `^${body}` : body;
  });
const text = fc
  .array(fc.constantFrom("a", "b", "1", "-", "😀", "x", "\ud83d", "\udc00"), { maxLength: 10 })
  .map((chars) => chars.join(""));
const replacement = fc
  .array(
    fc.constantFrom(
      "$",
      "$$",
      "$&",
      "$`",
      "$'",
      "$0",
      "$1",
      "$2",
      "$3",
      "$9",
      "$10",
      "$01",
      "$<n>",
      "$<m>",
      "$<",
      ">",
      "=",
      "1",
    ),
    { maxLength: 5 },
  )
  .map((pieces) => pieces.join(""));

const both = (source: string, flags: string) => ({
  xmd: Regex.compile(source, flags),
  js: new RegExp(source, `${flags}u`),
});

describe("regexes give JavaScript's results", () => {
  it(".replace, with every $ form, once and with g", () => {
    fc.assert(
      fc.property(pattern, fc.constantFrom("", "g"), text, replacement, (source, flags, t, by) => {
        const { xmd, js } = both(source, flags);
        expect(regexReplace(xmd, t, by), `${js} ${JSON.stringify(t)} ${JSON.stringify(by)}`).toBe(
          t.replace(js, by),
        );
      }),
      { numRuns: 1500 },
    );
  });

  it(".split, the groups and the empty matches included", () => {
    fc.assert(
      fc.property(pattern, text, (source, t) => {
        const { xmd, js } = both(source, "");
        const expected = t.split(js).map((part) => part ?? null);
        expect(regexSplit(xmd, t), `${js} ${JSON.stringify(t)}`).toEqual(expected);
      }),
      { numRuns: 1500 },
    );
  });

  it(".match, once with the groups and with g every match", () => {
    fc.assert(
      fc.property(pattern, fc.constantFrom("", "g"), text, (source, flags, t) => {
        const { xmd, js } = both(source, flags);
        const found = t.match(js);
        const expected = found === null ? null : [...found].map((part) => part ?? null);
        expect(regexMatch(xmd, t), `${js} ${JSON.stringify(t)}`).toEqual(expected);
        expect(regexTest(xmd, t)).toBe(js.test(t));
      }),
      { numRuns: 1000 },
    );
  });

  it("handle the $ forms at their edges", () => {
    const re = Regex.compile("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)", "");
    const t = "<abcdefghijk>";
    for (const by of [
      "$11",
      "$10",
      "$9",
      "$19",
      "$99",
      "$1",
      "$01",
      "$011",
      "$00",
      "$0",
      "$12",
      "$$1",
      "$",
      "x$",
      "$&$`$'",
      "$<n>",
    ]) {
      expect(regexReplace(re, t, by), by).toBe(t.replace(/(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)/u, by));
    }
    const named = Regex.compile("(?<n>a)(b)", "g");
    for (const by of ["$<n>", "$<m>", "$<n", "$<>", "[$<n>$2]", "$<n>>"]) {
      expect(regexReplace(named, "abab", by), by).toBe("abab".replace(/(?<n>a)(b)/gu, by));
    }
  });

  it("split a text of surrogate pairs at characters, not halves", () => {
    const empty = Regex.compile("", "");
    expect(regexSplit(empty, "😀a😀")).toEqual("😀a😀".split(/(?:)/u));
    expect(regexSplit(empty, "😀a😀")).toEqual(["😀", "a", "😀"]);
    // A lone high surrogate at the end is one character.
    expect(regexSplit(empty, "a\ud83d")).toEqual(["a", "\ud83d"]);
    // Lone halves elsewhere are one character each, as JavaScript takes them.
    for (const t of ["a\udc00b", "\ud83da", "\udc00\ud83d\ude00"])
      expect(regexSplit(empty, t), JSON.stringify(t)).toEqual(t.split(/(?:)/u));
    expect(regexSplit(Regex.compile("x*", ""), "")).toEqual([]);
    expect(regexSplit(Regex.compile("x", ""), "")).toEqual([""]);
  });
});

describe("regexes within the run's limits", () => {
  const within = <T>(limits: Partial<typeof DEFAULT_LIMITS>, f: () => T): T => {
    const saved = enterBudget(new Budget({ ...DEFAULT_LIMITS, ...limits }, Number.POSITIVE_INFINITY));
    try {
      return f();
    } finally {
      leaveBudget(saved);
    }
  };

  it("build lists of exactly maxListItems, and refuse one more", () => {
    const g = Regex.compile("a", "g");
    expect(within({ maxListItems: 5 }, () => regexMatch(g, "aaaaa"))).toHaveLength(5);
    expect(() => within({ maxListItems: 5 }, () => regexMatch(g, "aaaaaa"))).toThrow(/maxListItems/);
    const comma = Regex.compile(",", "");
    expect(within({ maxListItems: 5 }, () => regexSplit(comma, "1,2,3,4,5"))).toHaveLength(5);
    expect(() => within({ maxListItems: 5 }, () => regexSplit(comma, "1,2,3,4,5,6"))).toThrow(/maxListItems/);
    // A match's groups count as items too.
    const groups = Regex.compile("(a)(b)(c)(d)(e)", "");
    expect(within({ maxListItems: 6 }, () => regexMatch(groups, "abcde"))).toHaveLength(6);
    expect(() => within({ maxListItems: 5 }, () => regexMatch(groups, "abcde"))).toThrow(/maxListItems/);
  });
});
