/**
 * Random input never breaks the runtime: random text and random token soups either
 * render or fail with an XmdError, never hang (limits), and leave no live slots.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRuntime, XmdError } from "../src/index.js";
import { expectLocated } from "./support/located.js";
import { randomProgram } from "./support/programs.js";

// Iterations and depth stop runaway documents; the time limit is only a hang guard, kept
// far above any run's honest length so that machine load can never make the two modes
// disagree (one stopped by the clock, the other not).
const LIMITS = { maxIterations: 2_000, maxCallDepth: 50, timeoutMs: 60_000, maxOutputBytes: 100_000 };

const TOKENS = [
  "set",
  "if",
  "elif",
  "else",
  "then",
  "for",
  "in",
  "loop",
  "times",
  "while",
  "break",
  "continue",
  "function",
  "return",
  "try",
  "catch",
  "throw",
  "and",
  "or",
  "not",
  "true",
  "false",
  "null",
  "end",
  "import",
  "export",
  "print",
  "exec",
  "get",
  "x",
  "y",
  "f",
  "items",
  "map",
  "len",
  "File",
  "json",
  "Date",
  "1",
  "2.5",
  "-3",
  '"s"',
  "'t'",
  "`a{{x}}b`",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ",",
  ".",
  "..",
  "...",
  ":",
  "?",
  "=>",
  "+",
  "-",
  "*",
  "/",
  "%",
  "=",
  "==",
  "!=",
  "<",
  "<=",
  ">",
  ">=",
  "&&",
  "||",
  "!",
  "+=",
  "\n",
  "\n    ",
  "\n        ",
  "{{",
  "}}",
  "<!-- xmd",
  "<!-- xmd:",
  "-->",
  "```xmd\n",
  "```\n",
  "#",
  "//",
];

/** What a random document may fail with: no exec is allowed, no file exists, `import /` leaves the root. */
const CODES = [
  "syntax",
  "undefined-name",
  "type",
  "runtime",
  "thrown",
  "limit",
  "exec-denied",
  "outside-root",
  "file",
  "data",
];

function check(runtime: ReturnType<typeof createRuntime>, source: string, lang: "md" | "xmd"): void {
  try {
    runtime.render(source, { lang });
  } catch (e) {
    if (!(e instanceof XmdError)) throw new Error(`non-XmdError for ${JSON.stringify(source)}: ${String(e)}`);
    // Located inside the document (line, column and frame), with a code users can act on.
    expect(CODES).toContain(e.code);
    expectLocated(e, source);
  }
  expect(runtime.inspect().live).toEqual({ nodes: 0, variables: 0, temporaries: 0 });
}

describe.each(["pooled", "heap"] as const)("fuzz (%s)", (memory) => {
  const runtime = createRuntime({ memory, checked: true, limits: LIMITS });

  it("survives random text", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 200 }),
        fc.constantFrom("md", "xmd" as const),
        (source, lang) => {
          check(runtime, source, lang as "md" | "xmd");
        },
      ),
      { numRuns: 300 },
    );
  });

  it("survives token soups", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }),
        fc.constantFrom("md", "xmd" as const),
        (parts, lang) => {
          check(runtime, parts.join(" "), lang as "md" | "xmd");
        },
      ),
      { numRuns: 400 },
    );
  });
});

const decoder = new TextDecoder();

/** What a render comes to: its output, or its error's code, message and place; `bytes`: rendered to bytes. */
function outcome(
  runtime: ReturnType<typeof createRuntime>,
  source: string,
  lang: "md" | "xmd",
  bytes = false,
): string {
  try {
    const output = bytes
      ? decoder.decode(runtime.renderBytes(source, { lang }).output)
      : runtime.render(source, { lang }).output;
    return `ok ${JSON.stringify(output)}`;
  } catch (e) {
    if (!(e instanceof XmdError)) throw e;
    return `error ${e.code} ${e.line}:${e.column} ${e.message}`;
  }
}

describe("fuzz: both memory modes", () => {
  const pooled = createRuntime({ memory: "pooled", checked: true, limits: LIMITS });
  const heap = createRuntime({ memory: "heap", limits: LIMITS });

  it("agree on every token soup: same output, or the same error at the same place", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }),
        fc.constantFrom("md", "xmd" as const),
        (parts, lang) => {
          const source = parts.join(" ");
          expect(outcome(heap, source, lang as "md" | "xmd")).toBe(
            outcome(pooled, source, lang as "md" | "xmd"),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it("render generated programs to bytes as to a string", () => {
    // The byte path builds joined text in place (compile/text-append.ts); the string path joins strings.
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const source = randomProgram(seed);
        for (const runtime of [pooled, heap])
          expect(outcome(runtime, source, "xmd", true)).toBe(outcome(runtime, source, "xmd"));
      }),
      { numRuns: 300 },
    );
  });

  it("agree on generated programs, fail only with located XmdErrors, and leave no live slots", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const source = randomProgram(seed);
        const result = outcome(pooled, source, "xmd");
        expect(outcome(heap, source, "xmd")).toBe(result);
        // Every error points at a line of the program, never at 1:1 for want of a place.
        if (result.startsWith("error")) expect(result).not.toMatch(/^error \S+ 1:1 /);
        for (const runtime of [pooled, heap]) {
          expect(runtime.inspect().live).toEqual({ nodes: 0, variables: 0, temporaries: 0 });
        }
      }),
      { numRuns: 300 },
    );
  });
});
