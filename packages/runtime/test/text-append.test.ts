/**
 * `set x x + …` on a global builds the text in a builder (`compile/text-append.ts`) when
 * the output is UTF-8 chunks — every form but a one-shot `render()`, which joins strings.
 * Whatever the pieces, all four forms must give the same output and the same errors, in
 * both memory modes.
 */
import { describe, expect, it } from "vitest";
import { createRuntime, type MemoryMode, XmdError } from "../src/index.js";

const MODES: MemoryMode[] = ["pooled", "heap"];
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

type Outcome = { output: string } | { error: string; code: string; line: number; column: number };

function outcome(run: () => string): Outcome {
  try {
    return { output: run() };
  } catch (e) {
    if (!(e instanceof XmdError)) throw e;
    return { error: e.message, code: e.code, line: e.line, column: e.column };
  }
}

/** The four outcomes of a document: one-shot (strings joined) and compiled `render()`, and both byte forms (builders). */
function outcomes(
  source: string,
  memory: MemoryMode,
  vars: Record<string, unknown> = {},
  maxStringLength?: number,
): Outcome[] {
  const runtime = createRuntime({ memory, limits: maxStringLength === undefined ? {} : { maxStringLength } });
  const options = { lang: "xmd" as const, vars };
  const compiled = () => runtime.compile(source, { lang: "xmd", vars: Object.keys(vars) });
  return [
    outcome(() => runtime.render(source, options).output),
    outcome(() => decoder.decode(runtime.renderBytes(source, options).output)),
    outcome(() => compiled().render(vars).output),
    outcome(() => decoder.decode(compiled().renderBytes(vars).output)),
  ];
}

/** The outcome every path gives (the test fails when two differ). */
function same(source: string, memory: MemoryMode, vars: Record<string, unknown> = {}, max?: number): Outcome {
  const [first, ...rest] = outcomes(source, memory, vars, max);
  for (const other of rest) expect(other).toEqual(first);
  return first as Outcome;
}

describe.each(MODES)("appending to text (%s)", (memory) => {
  it("builds a table row cell by cell, numbers written as JavaScript writes them", () => {
    const source =
      'for row in rows\n    set line "|"\n    for cell in row\n        set line line + " " + cell + " |"\n    print line\n';
    const rows = [
      [1, -0, 0.1 + 0.2, 1e21, -42.5],
      [Number.NaN, 2 ** 53 + 2, 1 / 3, -1e-7, 1024],
    ];
    const expected = `${rows.map((r) => `|${r.map((c) => ` ${String(c)} |`).join("")}`).join("\n")}\n`;
    expect(same(source, memory, { rows })).toEqual({ output: expected });
  });

  it("takes text of any script, and a product kept as a number on its way", () => {
    const source =
      'set s "→"\nfor w in words\n    set s s + w + (n * 1.5)\nset s += "✓ 😀"\nprint s\nprint len(s)\n';
    expect(same(source, memory, { words: ["é", "日本", "😀", "a"], n: 3 })).toEqual({
      output: "→é4.5日本4.5😀4.5a4.5✓ 😀\n23\n",
    });
  });

  it("keeps a lone surrogate, which UTF-8 cannot hold, as the string does", () => {
    const source = 'set s "a"\nset s s + lone + "b"\nprint len(s)\nprint s == "a" + lone + "b"\n';
    expect(same(source, memory, { lone: "\ud800" })).toEqual({ output: "3\ntrue\n" });
  });

  it("joins pieces that are not text or numbers the ordinary way", () => {
    const source =
      'set s "x"\nset s s + 1\nset s s + true + null + [1, 2] + {a: 1}\nset s s + "!"\nprint s\n';
    const result = same(source, memory);
    expect(result).toHaveProperty("output");
    expect((result as { output: string }).output.startsWith("x1true")).toBe(true);
  });

  it("adds numbers when the variable holds a number, and text after it is text", () => {
    const source = 'set t 1\nset t t + 2 + 3\nprint t\nset t t + "a" + 1\nset t t + 2\nprint t\n';
    expect(same(source, memory)).toEqual({ output: "6\n6a12\n" });
  });

  it("gives the text to every other read, and to a function that reads the global", () => {
    const source = [
      "function show",
      '    return "[" + line + "]"',
      'set line "a"',
      "for i in 1..3",
      '    set line line + "-" + i',
      "    print len(line) + \" \" + show() + ' ' + line",
      'set other line + "!"',
      "print other",
      "",
    ].join("\n");
    expect(same(source, memory)).toEqual({
      output: "3 [a-1] a-1\n5 [a-1-2] a-1-2\n7 [a-1-2-3] a-1-2-3\na-1-2-3!\n",
    });
  });

  it("starts again when the variable is set anew, and after a loop variable takes its name", () => {
    const source =
      'set s "a"\nset s s + "b"\nset s "c"\nset s s + "d"\nprint s\nfor s in ["x", "y"]\n    set s s + "!"\n    print s\n';
    expect(same(source, memory)).toEqual({ output: "cd\nx!\ny!\n" });
  });

  it("leaves the variable as it was when a piece fails, and the error where it is", () => {
    const source = [
      'set s "keep"',
      "try",
      '    set s s + "-" + missing.field + "x"',
      "catch e",
      '    print "caught"',
      "print s",
      'set s s + "-" + nope',
      "",
    ].join("\n");
    const result = same(source, memory, { missing: null });
    expect(result).toMatchObject({ code: "undefined-name", line: 7 });
    // Before the failure, the output is what both paths agree on; the variable is intact.
    const partial = same(source.split("\n").slice(0, 6).join("\n"), memory, { missing: null });
    expect(partial).toEqual({ output: "caught\nkeep\n" });
  });

  it("holds the text to maxStringLength at the + that passes it", () => {
    const source = 'set s "1234"\nset s s + "56"\nset s s + "7" + "89"\n';
    const result = same(source, memory, {}, 8);
    expect(result).toMatchObject({ code: "limit", line: 3 });
    expect((result as { error: string }).error).toMatch(/more than 8 \(limit maxStringLength\)/);
    const numbers = same('set s "1234567"\nset s s + 12345\n', memory, {}, 8);
    expect(numbers).toMatchObject({ code: "limit", line: 2 });
  });

  it("reads a variable never set as an error, where the join reads it", () => {
    expect(same('set s s + "a"\n', memory)).toMatchObject({ code: "undefined-name", line: 1, column: 7 });
    expect(same('set s += "a"\n', memory)).toMatchObject({ code: "undefined-name", line: 1, column: 5 });
  });

  it("keeps each render's text to itself", () => {
    const runtime = createRuntime({ memory });
    const doc = runtime.compile("set s prefix\nfor i in 1..3\n    set s s + i\nprint s\n", {
      lang: "xmd",
      vars: ["prefix"],
    });
    for (const prefix of ["a", "bb", "ééé"])
      expect(decoder.decode(doc.renderBytes({ prefix }).output)).toBe(`${prefix}123\n`);
  });
});
