/**
 * Where the builder's check of the finished tree's depth reaches: every statement of a
 * document, not only its first; but not a document with syntax problems, which is never
 * resolved or run, so what is reported there is what the parser found. Once those are
 * fixed, the depth is checked like any other document's.
 */
import { describe, expect, it } from "vitest";
import { createRuntime } from "../../src/browser.js";

/** Ten levels for the parser, more once the `+` chain's links are counted (see build.test.ts). */
const CHAIN = "[[[[[1]]]]] + [1] + [1] + [1]";

function problems(source: string): [string, number][] {
  const runtime = createRuntime({ limits: { maxNestingDepth: 10 } });
  try {
    return runtime.check(source, { lang: "xmd" }).map((e) => [e.code, e.line]);
  } finally {
    runtime.dispose();
  }
}

describe("the depth check", () => {
  it("reaches a statement after the first", () => {
    expect(problems(`print 1\nprint ${CHAIN}\n`)).toEqual([["limit", 2]]);
    expect(problems(`print 1\nif true\n  print 2\n  print ${CHAIN}\n`)).toEqual([["limit", 4]]);
  });
});

describe("the depth problem's place", () => {
  it("underlines the whole node found too deep", () => {
    const runtime = createRuntime({ limits: { maxNestingDepth: 10 } });
    try {
      const [problem] = runtime.check("set total 1\nprint [[[[[total]]]]] + [1] + [1] + [1]\n", {
        lang: "xmd",
      });
      expect([problem?.line, problem?.column]).toEqual([2, 12]);
      expect(problem?.frame.split("\n").at(-1)).toBe("    |            ^^^^^");
    } finally {
      runtime.dispose();
    }
  });
});

describe("the depth of a tree with syntax problems", () => {
  it("is not checked: only the syntax problem is reported", () => {
    expect(problems(`print ${CHAIN}\nprint (\n`)).toEqual([["syntax", 2]]);
  });

  it("is checked once the syntax is sound", () => {
    expect(problems(`print ${CHAIN}\nprint 1\n`)).toEqual([["limit", 1]]);
  });
});
