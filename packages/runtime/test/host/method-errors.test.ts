/**
 * The errors of the string methods as a document meets them: each names the method and the
 * argument at fault, and each limit names the method that would have gone past it, with the
 * size it would have made.
 */
import { describe, expect, it } from "vitest";
import type { Limits } from "../../src/index.js";
import { failure, render } from "../support/render.js";

/** [code, message] of the error a one-line program raises, under `limits`. */
function errorOf(line: string, limits: Partial<Limits> = {}): [string, string] {
  const e = failure(line, "xmd", { limits });
  return [e.code, e.message];
}

describe("the errors of string methods", () => {
  it("name the method and the argument at fault", () => {
    const string = (what: string, shown: string) => `${what} must be a string, not ${shown}`;
    const whole = (what: string) => `${what} must be a whole number, not a string ("x")`;
    for (const [line, code, message] of [
      ['print "a".split(1)', "type", string(".split separator", "a number (1)")],
      ['print "a".replace(1, "b")', "type", string(".replace pattern", "a number (1)")],
      ['print "a".startsWith(1)', "type", string(".startsWith argument", "a number (1)")],
      ['print "a".endsWith(1)', "type", string(".endsWith argument", "a number (1)")],
      ['print "a".includes(1)', "type", string(".includes argument", "a number (1)")],
      ['print "a".indexOf(1)', "type", string(".indexOf argument", "a number (1)")],
      ['print "a".lastIndexOf(1)', "type", string(".lastIndexOf argument", "a number (1)")],
      ['print "a".match(1)', "type", string(".match pattern", "a number (1)")],
      ['print "a".slice("x")', "type", whole(".slice start")],
      ['print "a".slice(0, "x")', "type", whole(".slice end")],
      ['print "a".repeat("x")', "type", whole(".repeat count")],
      ['print "a".charAt("x")', "type", whole(".charAt index")],
      ['print "a".padStart("x")', "type", whole(".padStart length")],
      ['print "a".padEnd("x")', "type", whole(".padEnd length")],
      ['print "a".repeat(-1)', "runtime", ".repeat count must not be negative, got -1"],
    ] as const) {
      expect(errorOf(line), line).toEqual([code, message]);
    }
  });

  it("name the method that would pass a limit, and the size it would make", () => {
    const chars = (what: string, n: number, max: number) =>
      `${what} would make a string of ${n} characters, more than ${max} (limit maxStringLength)`;
    const items = (n: number, max: number) =>
      `.split would make a list of ${n} items, more than ${max} (limit maxListItems)`;
    for (const [line, limits, message] of [
      ['print "ab".repeat(10)', { maxStringLength: 5 }, chars(".repeat", 20, 5)],
      ['print "ab".padStart(10)', { maxStringLength: 5 }, chars(".padStart", 10, 5)],
      ['print "ab".padEnd(10)', { maxStringLength: 5 }, chars(".padEnd", 10, 5)],
      ['print "abc".upper', { maxStringLength: 2 }, chars(".upper", 3, 2)],
      ['print "abc".lower', { maxStringLength: 2 }, chars(".lower", 3, 2)],
      // Two replacements, each three characters longer: 5 + 2 × 3.
      ['print "aXaXa".replace("X", "YYYY")', { maxStringLength: 10 }, chars(".replace", 11, 10)],
      ['print "a,b,c,d".split(",")', { maxListItems: 3 }, items(4, 3)],
      ['print "abcd".split("")', { maxListItems: 3 }, items(4, 3)],
    ] as const) {
      expect(errorOf(line, limits), line).toEqual(["limit", message]);
    }
  });

  it("stay within a limit they reach exactly", () => {
    expect(render('print "aXaXa".replace("X", "YYYY")', "xmd", { limits: { maxStringLength: 11 } })).toBe(
      "aYYYYaYYYYa\n",
    );
    expect(render('print "ab".padStart(5)', "xmd", { limits: { maxStringLength: 5 } })).toBe("   ab\n");
    expect(render('print len("a,b,c".split(","))', "xmd", { limits: { maxListItems: 3 } })).toBe("3\n");
  });
});
