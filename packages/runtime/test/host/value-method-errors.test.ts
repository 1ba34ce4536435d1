/**
 * The errors of the methods of lists, numbers, dates, generators and regexes, and of a
 * member a value does not have, as a document meets them: each names the method and the
 * argument at fault; each limit names the method that would have gone past it, with the
 * size it would have made; and a method that reaches a limit exactly stays within it.
 * (The string methods: `method-errors.test.ts`.)
 */
import { describe, expect, it } from "vitest";
import { methodNames } from "../../src/host/methods.js";
import type { Limits } from "../../src/index.js";
import { failure, render } from "../support/render.js";

/** [code, message, hint] of the error a program raises, the same in both memory modes. */
function errorOf(source: string, limits: Partial<Limits> = {}, vars?: Record<string, unknown>) {
  const e = failure(source, "xmd", { limits }, vars);
  return [e.code, e.message, e.hint ?? null];
}

const FUNCTION_EXAMPLE = "(for example x => x * 2)";
const LIST_HINT = "raise it with --max-list-items (limits.maxListItems in the API)";
const STRING_HINT = "raise it with --max-string-length (limits.maxStringLength in the API)";
const items = (what: string, n: number, max: number) =>
  `${what} would make a list of ${n} items, more than ${max} (limit maxListItems)`;
const chars = (what: string, n: number, max: number) =>
  `${what} would make a string of ${n} characters, more than ${max} (limit maxStringLength)`;
/** A generator of 1, 2 and 3, then a line that uses it. */
const counting = (line: string) => `function* three\n    yield 1\n    yield 2\n    yield 3\n${line}`;

describe("the errors of list methods", () => {
  it("name the method and the argument at fault", () => {
    const fn = (what: string) => `${what} must be a function ${FUNCTION_EXAMPLE}, not a number (3)`;
    const whole = (what: string) => `${what} must be a whole number, not a string ("x")`;
    for (const [line, code, message] of [
      ["print [1, 2].map(3)", "type", fn(".map argument")],
      ["print [1, 2].filter(3)", "type", fn(".filter argument")],
      ["print [1, 2].reduce(3)", "type", fn(".reduce argument")],
      ["print [1, 2].find(3)", "type", fn(".find argument")],
      ["print [1, 2].some(3)", "type", fn(".some argument")],
      ["print [1, 2].every(3)", "type", fn(".every argument")],
      ["print [1, 2].sort(3)", "type", fn(".sort argument")],
      ['print [1, 2].slice("x")', "type", whole(".slice start")],
      ['print [1, 2].slice(0, "x")', "type", whole(".slice end")],
      [
        'print [2, 1].sort((a, b) => "x")',
        "type",
        'the .sort function must return a number or true/false, not a string ("x")',
      ],
    ] as const) {
      expect(errorOf(line), line).toEqual([code, message, null]);
    }
    expect(errorOf("print [].reduce((a, b) => a)")).toEqual([
      "runtime",
      "reduce of an empty array needs a starting value",
      "reduce list f, 0",
    ]);
  });

  it("name the method that would pass a limit, and the size it would make", () => {
    for (const [line, max, message] of [
      ["print [1, 2, 3].map(x => x)", 2, items("map", 3, 2)],
      ["print [1, 2].concat([3], 4)", 3, items(".concat", 4, 3)],
      ["print [1, 2].push(3, 4)", 3, items(".push", 4, 3)],
      ['print [3, "a", 1].sort()', 2, items(".sort", 3, 2)],
    ] as const) {
      expect(errorOf(line, { maxListItems: max }), line).toEqual(["limit", message, LIST_HINT]);
    }
    expect(errorOf('print ["a", "b", "c"].join("--")', { maxStringLength: 6 })).toEqual([
      "limit",
      chars("join", 7, 6),
      STRING_HINT,
    ]);
  });

  it("stay within a limit they reach exactly", () => {
    const within = (line: string, limits: Partial<Limits>) => render(line, "xmd", { limits });
    expect(within("print [1, 2, 3].map(x => x * 2)", { maxListItems: 3 })).toBe("2, 4, 6\n");
    expect(within("print [1, 2].concat([3], 4)", { maxListItems: 4 })).toBe("1, 2, 3, 4\n");
    expect(within("print [1, 2].push(3, 4)", { maxListItems: 4 })).toBe("4\n");
    expect(within('print [3, "a", 1].sort()', { maxListItems: 3 })).toBe("1, 3, a\n");
    expect(within('print ["a", "b", "c"].join("--")', { maxStringLength: 7 })).toBe("a--b--c\n");
  });

  it("take an absent optional argument as not given", () => {
    expect(render("print [1, 2, 3].slice(null, 2)")).toBe("1, 2\n");
    expect(render("print [1, 2, 3].slice(1, null)")).toBe("2, 3\n");
    expect(render("print [1, 2, 3].slice(1)")).toBe("2, 3\n");
  });
});

describe("the errors of number, date, generator and regex methods", () => {
  it("name the method and the argument at fault", () => {
    for (const [line, code, message] of [
      ['print (1.5).round("x")', "type", '.round digits must be a whole number, not a string ("x")'],
      ['print (1.5).toFixed("x")', "type", '.toFixed digits must be a whole number, not a string ("x")'],
      ["print (1.5).toFixed(101)", "runtime", ".toFixed digits must be 0 to 100, got 101"],
      ["print (1.5).toFixed(-1)", "runtime", ".toFixed digits must be 0 to 100, got -1"],
      ["print d.diff(d, 1)", "type", ".diff unit must be a string, not a number (1)"],
      ["print d.format(1)", "type", ".format pattern must be a string, not a number (1)"],
      [counting('print three().take("x")'), "type", '.take count must be a whole number, not a string ("x")'],
      [counting("print three().take(-1)"), "runtime", ".take count must be 0 or more, got -1"],
      ["print /a/.match(1)", "type", ".match argument must be a string, not a number (1)"],
      ['print /a/.replace(1, "b")', "type", ".replace text must be a string, not a number (1)"],
      ["print /a/.split(1)", "type", ".split text must be a string, not a number (1)"],
    ] as const) {
      expect(errorOf(line, {}, { d: new Date(Date.UTC(2024, 0, 2)) }), line).toEqual([code, message, null]);
    }
  });

  it("take digits 0 and 100 and an absent count as given or not", () => {
    expect(render("print (1.5).toFixed(0), (1.25).toFixed(1), (2.5).round(null)")).toBe("2 1.3 3\n");
    expect(render("print (0.5).toFixed(100).length")).toBe("102\n");
    expect(render(counting("print three().take(0).length, three().take(2)"))).toBe("0 1, 2\n");
  });

  it("name the method that would pass a limit", () => {
    const d = { d: new Date(Date.UTC(2024, 0, 2)) };
    for (const [line, limits, message, hint] of [
      [counting("print three().take(3)"), { maxListItems: 2 }, items(".take", 3, 2), LIST_HINT],
      [counting("print three().toList"), { maxListItems: 2 }, items(".toList", 3, 2), LIST_HINT],
      // A date pattern is checked at twice its length (a letter can stand for two digits).
      ['print d.format("YYYY-MM-DD")', { maxStringLength: 19 }, chars(".format", 20, 19), STRING_HINT],
    ] as const) {
      expect(errorOf(line, limits, d), line).toEqual(["limit", message, hint]);
    }
    expect(render(counting("print three().take(2)"), "xmd", { limits: { maxListItems: 2 } })).toBe("1, 2\n");
    expect(render('print d.format("YYYY-MM-DD")', "xmd", { limits: { maxStringLength: 20 } }, d)).toBe(
      "2024-01-02\n",
    );
  });
});

describe("what string methods make at a limit", () => {
  it("count an empty pattern's replacements at both ends and between every two characters", () => {
    // "abc" with "XY" before, between and after each character: 3 + 4 × 2 = 11.
    expect(errorOf('print "abc".replace("", "XY")', { maxStringLength: 10 })).toEqual([
      "limit",
      chars(".replace", 11, 10),
      STRING_HINT,
    ]);
    expect(render('print "abc".replace("", "XY")', "xmd", { limits: { maxStringLength: 11 } })).toBe(
      "XYaXYbXYcXY\n",
    );
  });

  it("split a text as long as the limit when it makes fewer items", () => {
    expect(render('print "abc".split(",")', "xmd", { limits: { maxListItems: 3 } })).toBe("abc\n");
    expect(render('print "a,b,c".split(",")', "xmd", { limits: { maxListItems: 3 } })).toBe("a, b, c\n");
  });

  it("split at whitespace up to the limit, and name .split past it", () => {
    expect(render('print "a b c".split', "xmd", { limits: { maxListItems: 3 } })).toBe("a, b, c\n");
    expect(errorOf('print "a b c d".split', { maxListItems: 3 })).toEqual([
      "limit",
      ".split would make a list of more than 3 items (limit maxListItems)",
      LIST_HINT,
    ]);
  });
});

describe("a member a value does not have", () => {
  it("suggests a method of its kind, or a key of an object", () => {
    for (const [line, message] of [
      ["print [1].lenght", "arrays have no member 'lenght'; did you mean 'length'?"],
      ['print "a".uper', "strings have no member 'uper'; did you mean 'upper'?"],
      ["set o {keyz: 1}\nprint o.kes(1)", "objects have no member 'kes'; did you mean 'keys'?"],
      ["set o {name: 1}\nprint o.nme(2)", "objects have no member 'nme'; did you mean 'name'?"],
      // A list's indexes are not names to suggest.
      ["print [5].a", "arrays have no member 'a'"],
      ["set o {n: 1}\nprint o.n(2)", "'n' is a number (1), not a function: it cannot take arguments"],
    ] as const) {
      expect(errorOf(line), line).toEqual(["type", message, null]);
    }
  });

  it("of null says so, with a hint, read or called", () => {
    for (const line of ["set x null\nprint x.a", "set x null\nprint x.a(1)"]) {
      expect(errorOf(line), line).toEqual([
        "type",
        "cannot read 'a' of null",
        "check that the value was set before use",
      ]);
    }
  });

  it("has no method names for a kind without methods", () => {
    expect(methodNames(null)).toEqual([]);
    expect(methodNames(true)).toEqual([]);
  });
});
