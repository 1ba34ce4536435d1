/**
 * Code may nest at most maxNestingDepth levels (default 1000): deeper is a located
 * `limit` error at the place that goes too deep, with a help line, in both memory modes;
 * the resolver and the evaluator never see a deeper tree. Where the JavaScript stack runs
 * out first (a small stack), the error says so, located too.
 */
import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createRuntime, DEFAULT_LIMITS, type XmdError } from "../../src/index.js";
import { parseCode } from "../support/dump.js";
import { expectLocated } from "../support/located.js";
import { failure, render } from "../support/render.js";

const rep = (s: string, n: number) => s.repeat(n);
const message = (max: number) => `code nested too deep: more than ${max} levels (limit maxNestingDepth)`;

/** Kinds of nesting: a document nesting `n` levels, and the text the error points at. */
const KINDS: { name: string; make: (n: number) => string; at: string; step: number }[] = [
  { name: "parentheses", make: (n) => `print ${rep("(", n)}1${rep(")", n)}`, at: "(", step: 1 },
  { name: "lists", make: (n) => `print ${rep("[", n)}1${rep("]", n)}`, at: "[", step: 1 },
  { name: "objects", make: (n) => `print ${rep("{a: ", n)}1${rep("}", n)}`, at: "{a: ", step: 4 },
  { name: "calls", make: (n) => `print ${rep("len(", n)}"x"${rep(")", n)}`, at: "(len(", step: 4 },
  { name: "templates", make: (n) => `print ${rep("`{{", n)}1${rep("}}`", n)}`, at: "`{{", step: 3 },
  { name: "lambdas", make: (n) => `set f ${rep("x => ", n)}1`, at: "x => ", step: 5 },
  { name: "prefix minus", make: (n) => `print ${rep("- ", n)}1`, at: "- ", step: 2 },
  { name: "prefix not", make: (n) => `print ${rep("not ", n)}true`, at: "not ", step: 4 },
  { name: "a chain of +", make: (n) => `print 1${rep(" + 1", n)}`, at: "+ 1", step: 4 },
  { name: "a chain of members", make: (n) => `set a {}\nprint a${rep(".b", n)}`, at: ".b", step: 2 },
  { name: "blocks after then", make: (n) => `${rep("if true then ", n)}print 1`, at: "true then ", step: 13 },
];

describe("the nesting limit", () => {
  it("is 1000 levels by default", () => {
    expect(DEFAULT_LIMITS.maxNestingDepth).toBe(1000);
  });

  for (const kind of KINDS) {
    it(`stops ${kind.name} at the level that goes too deep, in both memory modes`, () => {
      const source = kind.make(1001);
      const e = failure(source);
      expect(e.code).toBe("limit");
      expect(e.message).toBe(message(1000));
      expect(e.hint).toMatch(
        /^split the code \(.*\), or raise it with --max-nesting \(limits\.maxNestingDepth in the API\)$/,
      );
      expectLocated(e, source);
      const line = source.split("\n")[e.line - 1] as string;
      expect(line.slice(e.column - 1).startsWith(kind.at)).toBe(true);
      // With a lower limit the error moves back by exactly the levels taken off.
      const lower = failure(source, "xmd", { limits: { maxNestingDepth: 10 } });
      expect(lower.message).toBe(message(10));
      expect(lower.line).toBe(e.line);
      expect(e.column - lower.column).toBe(990 * kind.step);
    });

    it(`lets ${kind.name} nest just below the limit`, () => {
      const source = kind.make(990);
      const outputs = ["pooled", "heap"].map((memory) => {
        try {
          return createRuntime({ memory: memory as "pooled" | "heap" }).render(source, { lang: "xmd" })
            .output;
        } catch (e) {
          // A document that is too deep fails at reading; any other error came from running it.
          expect((e as XmdError).message).not.toMatch(/nested too deep/);
          return (e as XmdError).code;
        }
      });
      expect(outputs[1]).toBe(outputs[0]);
    });
  }

  it("stops an elif chain and indented blocks too", () => {
    const elif = `if false\n  print 0\n${rep("elif false\n  print 1\n", 1001)}`;
    expect(failure(elif).message).toBe(message(1000));
    let blocks = "";
    for (let i = 0; i < 1001; i++) blocks += `${rep(" ", i)}if true\n`;
    const e = failure(`${blocks}${rep(" ", 1001)}print 1\n`);
    expect(e.message).toBe(message(1000));
    expect(e.line).toBe(1000);
  });

  it("stops classic spans nested in each other, at the directive that goes too deep", () => {
    const source = `${rep("<!-- xmd:if true -->\n", 1001)}x\n${rep("<!-- xmd:endif -->\n", 1001)}`;
    const e = failure(source, "md");
    expect(e.code).toBe("limit");
    expect(e.message).toBe(message(1000));
    expect(e.line).toBe(1001);
    expect(render(source.replaceAll("1001", "x"), "md", { limits: { maxNestingDepth: 2000 } })).toBe("x\n");
  });

  it("checks the finished tree: a chain on a deep operand is as deep as both", () => {
    // The parser counts the lists' levels and the chain's links apart (8 at most here);
    // the tree has both, and the walk over it reports the first node too deep.
    const deep = "print [[[[[1]]]]]\n";
    const chained = "print [[[[[1]]]]] + [1] + [1] + [1]\n";
    expect(render(deep, "xmd", { limits: { maxNestingDepth: 9 } })).toBe("1\n");
    const e = failure(chained, "xmd", { limits: { maxNestingDepth: 9 } });
    expect([e.code, e.message, e.line, e.column]).toEqual(["limit", message(9), 1, 11]);
  });

  it("marks one character where the level that goes too deep starts at the end of the line", () => {
    // The inner expression of `((` starts at the end of the code, a token of no width.
    const { problems } = parseCode("print ((", "native", { maxDepth: 4 }).unit;
    expect(problems.map((p) => [p.start, p.end, p.message])).toEqual([[8, 9, message(4)]]);
  });

  it("is one of the problems check() reports", () => {
    const source = `print ${rep("(", 2000)}\nprint )\n`;
    const errors = createRuntime().check(source, { lang: "xmd" });
    expect(errors.map((e) => [e.code, e.line, e.message])).toEqual([["limit", 1, message(1000)]]);
  });
});

describe("the JavaScript stack", () => {
  const dist = resolve(dirname(fileURLToPath(import.meta.url)), "../../dist/index.js");
  // A plain Node process (the main thread's default stack) and a limit the stack cannot
  // hold: the parser reports where the stack ran out instead of overflowing.
  const SCRIPT = `
const { createRuntime } = await import(${JSON.stringify(dist)});
const out = {};
const source = "print " + "[".repeat(100000) + "1" + "]".repeat(100000);
for (const memory of ["pooled", "heap"]) {
  try {
    createRuntime({ memory, limits: { maxNestingDepth: 1e9 } }).render(source, { lang: "xmd" });
    out[memory] = "no error";
  } catch (e) {
    out[memory] = { name: e.name, code: e.code, message: e.message, line: e.line, column: e.column, hint: e.hint };
  }
}
console.log(JSON.stringify(out));
`;

  it("running out while parsing is a located limit error that says so", () => {
    const out = JSON.parse(
      execFileSync(process.execPath, ["--input-type=module", "-e", SCRIPT], { encoding: "utf8" }),
    ) as Record<
      string,
      { name: string; code: string; message: string; line: number; column: number; hint: string }
    >;
    for (const memory of ["pooled", "heap"]) {
      const e = out[memory];
      expect(e?.name).toBe("XmdError");
      expect(e?.code).toBe("limit");
      expect(e?.message).toMatch(
        /^code nested too deep: the JavaScript stack ran out at \d+ levels, before maxNestingDepth \(1000000000\)$/,
      );
      expect(e?.line).toBe(1);
      // At a bracket, where parsing had got to: past the first hundred, short of the last.
      expect(e?.column).toBeGreaterThan(100);
      expect(e?.column).toBeLessThan(7 + 100000);
      expect(e?.hint).toMatch(/xmd command/);
    }
  });
});

describe("after the JavaScript stack ran out while parsing", () => {
  it("check() reports that and nothing after it: later problems would be its echoes", () => {
    // Deeper than any JavaScript stack this runs on, under a limit that lets it try, and
    // with time to read it on a slow machine: under mutation testing's coverage run it took
    // more than the default 10 s.
    const deep = `${"[".repeat(300_000)}1${"]".repeat(300_000)}`;
    const source = `<!-- xmd print ${deep} -->\n<!-- xmd print ( -->\n{{ 1 + }}\n`;
    const limits = { maxNestingDepth: 1e9, timeoutMs: 600_000 };
    const problems = createRuntime({ limits }).check(source, { lang: "md" });
    expect(problems.map((p) => [p.code, p.line, p.message])).toEqual([
      [
        "limit",
        1,
        expect.stringMatching(/^code nested too deep: the JavaScript stack ran out at \d+ levels/),
      ],
    ]);
    // Without the deep list, the two later problems are found.
    expect(
      createRuntime()
        .check(source.replace(deep, "1"), { lang: "md" })
        .map((p) => p.line),
    ).toEqual([2, 3]);
  });
});
