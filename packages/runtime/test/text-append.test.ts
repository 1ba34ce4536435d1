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
    // A compiled document's second render: the variable of the first is gone (checked handles).
    const checked = createRuntime({ memory, checked: true });
    const doc = checked.compile('if first\n    set s "a"\nset s s + "b"\nprint s\n', {
      lang: "xmd",
      vars: ["first"],
    });
    expect(decoder.decode(doc.renderBytes({ first: true }).output)).toBe("ab\n");
    expect(() => doc.renderBytes({ first: false })).toThrow("'s' is not defined");
  });

  it("builds text without a heap value per join where the output is chunks, and joins strings where it is a string", () => {
    // The runtime counts each string a join makes (`stats.allocations.requested.other`).
    const runtime = createRuntime({ memory });
    const source = 'set s "|"\nfor i in 1..50\n    set s s + " " + i\nset s += "!"\nprint s\n';
    const compiled = runtime.compile(source, { lang: "xmd" });
    for (const result of [
      compiled.renderBytes(),
      runtime.renderBytes(source, { lang: "xmd" }),
      compiled.render(),
    ])
      expect(result.stats.allocations.requested.other).toBe(0);
    // Rendered once to a string: two joins per row and the last one.
    expect(runtime.render(source, { lang: "xmd" }).stats.allocations.requested.other).toBe(101);
    // A piece that runs code of the document (a call) joins as everywhere else: two joins
    // per row, and the function value itself.
    const call = 'function sp\n    return " "\nset s "|"\nfor i in 1..5\n    set s s + sp() + i\nprint s\n';
    expect(runtime.compile(call, { lang: "xmd" }).renderBytes().stats.allocations.requested.other).toBe(11);
  });

  it("builds only the module global it joins onto: a function's local, members and items join as before", () => {
    const source = [
      'set g "global"',
      'set o {k: "o"}',
      'set xs ["x"]',
      "function f",
      '    set s "a"',
      '    set s s + "b"',
      '    set s += "c"',
      "    return s",
      "print f()",
      "print g",
      'set o.k o.k + "!"',
      'set xs[0] xs[0] + "?"',
      "print o.k + xs[0]",
      "",
    ].join("\n");
    expect(same(source, memory)).toEqual({ output: "abc\nglobal\no!x?\n" });
  });

  it("joins as before when a piece runs code that sets the variable", () => {
    const source = [
      'set s "a"',
      "function bump",
      '    set s "reset"',
      '    return "-"',
      'set s s + bump() + "b"',
      "print s",
      "",
    ].join("\n");
    expect(same(source, memory)).toEqual({ output: "a-b\n" });
    // Wherever the call sits in the piece: an operand, an index, a branch, a condition.
    const nested = [
      'set xs ["i"]',
      "function bump",
      '    set s "reset"',
      "    return 0",
      ...[
        '(bump() + "")',
        "xs[bump()]",
        '(true ? bump() : "z")',
        '(false ? "z" : bump())',
        '(bump() ? "y" : "n")',
        '(bump() or "o")',
        "-bump()",
      ].flatMap((piece) => ['set s "a"', 'set s s + "b"', `set s s + ${piece} + "c"`, "print s"]),
      "",
    ].join("\n");
    expect(same(nested, memory)).toEqual({ output: "ab0c\nabic\nab0c\nab0c\nabnc\naboc\nab0c\n" });
  });

  it("joins onto the variable named first only, a global's and not a local's of the same index", () => {
    const source = [
      'set g "G"',
      'set t "T"',
      'set g g + "1"',
      'set g t + "2"',
      "print g",
      'set g g + "3"',
      "function f p",
      '    set g p + "x"',
      'f("P")',
      "print g",
      "",
    ].join("\n");
    expect(same(source, memory)).toEqual({ output: "T2\nPx\n" });
  });

  it("leaves other operators on text to fail as they do", () => {
    const source = [
      'set s "a"',
      'set s s + "b"',
      "try",
      "    set s s - 1",
      "catch e",
      '    print "E1"',
      "try",
      '    set s -= s + "c"',
      "catch e",
      '    print "E2"',
      "print s",
      "",
    ].join("\n");
    expect(same(source, memory)).toEqual({ output: "E1\nE2\nab\n" });
  });

  it("takes every plain piece, and a product kept as a number even after a piece it cannot take", () => {
    const runtime = createRuntime({ memory });
    const source = [
      'set s "|"',
      "for r in rows",
      '    set s s + r.name + " " + r.tags[0] + " " + (r.n * 1.5) + " " + -r.n + (r.n > 1 ? "+" : "-") + (r.ok and "y") + (r.n % 2)',
      "print s",
      "set s s + [1] + (rows[0].n * 2)",
      "print s",
      "",
    ].join("\n");
    const rows = [
      { name: "a", tags: ["x"], n: 1, ok: true },
      { name: "b", tags: ["y"], n: 3, ok: false },
    ];
    const result = same(source, memory, { rows });
    expect(result).toEqual({
      output: "|a x 1.5 -1-y1b y 4.5 -3+false1\n|a x 1.5 -1-y1b y 4.5 -3+false112\n",
    });
    // Every piece of the loop's joins went into the builder but in the second row, where
    // `r.ok and "y"` is false (not text): that piece and the one after it join as strings.
    const compiled = runtime.compile(source.split("\n").slice(0, 4).join("\n"), {
      lang: "xmd",
      vars: ["rows"],
    });
    expect(compiled.renderBytes({ rows }).stats.allocations.requested.other).toBe(2);
  });

  it("reaches maxStringLength exactly without a string made, and fails one past it at the join", () => {
    const runtime = createRuntime({ memory, limits: { maxStringLength: 8 } });
    const bytes = (source: string, vars = {}) =>
      runtime.compile(source, { lang: "xmd", vars: Object.keys(vars) }).renderBytes(vars);
    expect(bytes('set s "1234"\nset s s + "5678"\nprint s\n').stats.allocations.requested.other).toBe(0);
    expect(bytes('set s "1234"\nset s s + 5678\nprint s\n').stats.allocations.requested.other).toBe(0);
    expect(
      bytes('set s "123"\nset s s + "4" + (n * 2)\nprint s\n', { n: 2 }).stats.allocations.requested.other,
    ).toBe(0);
    expect(same('set s "1234"\nset s s + "5"\nset s += "6789"\n', memory, {}, 8)).toMatchObject({
      code: "limit",
      line: 3,
      column: 1,
    });
    expect(same('set s "1234567"\nset s s + (n * 25)\n', memory, { n: 2 }, 8)).toMatchObject({
      code: "limit",
      line: 2,
    });
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

// `for x in list` whose body is one append is compiled as one closure (`appendLoop`):
// the item in hand, the variable written when something can see it.
describe.each(MODES)("a loop whose body is one append (%s)", (memory) => {
  const row =
    'set line "|"\nfor cell in cells\n    set line line + " " + cell + " |"\nprint line\nprint cell\n';

  it("builds the text and leaves the loop variable at the last item, whatever its kind", () => {
    expect(same(row, memory, { cells: [1, "b", 2.5] })).toEqual({ output: "| 1 | b | 2.5 |\n2.5\n" });
    expect(same(row, memory, { cells: [7, "last"] })).toEqual({ output: "| 7 | last |\nlast\n" });
    const mixed = same(row, memory, { cells: [1, null, true, { a: 1 }, [2, 3], "z", 4] });
    expect(mixed).toHaveProperty("output");
    expect((mixed as { output: string }).output.startsWith("| 1 |  | true |")).toBe(true);
    expect((mixed as { output: string }).output.endsWith("| z | 4 |\n4\n")).toBe(true);
    // A hole in a list is null, as everywhere else.
    // null reads as no text.
    const holes = 'set l []\nset l[2] 7\nset s "<"\nfor x in l\n    set s s + x + ","\nprint s\nprint x\n';
    expect(same(holes, memory)).toEqual({ output: "<,,7,\n7\n" });
    // And so is a hole in a list given by the caller, the last item too.
    const given: unknown[] = [1];
    given[3] = 4;
    given.length = 5;
    const last = 'set s "<"\nfor x in l\n    set s s + x + ","\nprint s\nprint x == null\n';
    expect(same(last, memory, { l: given })).toEqual({ output: "<1,,,4,,\ntrue\n" });
  });

  it("reads the variable itself in the other pieces, each step", () => {
    const source =
      'set s ""\nfor n in nums\n    set s s + n + ":" + n * 2 + "/" + half[n] + " "\nprint s\nprint n\n';
    expect(same(source, memory, { nums: [1, 2, 3], half: ["z", 0.5, 1, 1.5] })).toEqual({
      output: "1:2/0.5 2:4/1 3:6/1.5 \n3\n",
    });
  });

  it("goes the ordinary way while the variable is not text, and after a piece the builder cannot take", () => {
    const sum = "set total 0\nfor n in nums\n    set total total + n\nprint total\nprint n\n";
    expect(same(sum, memory, { nums: [1, 2, 3.5] })).toEqual({ output: "6.5\n3.5\n" });
    // A lone surrogate, which UTF-8 cannot hold, is compared rather than printed.
    const source =
      'set s "a"\nfor x in items\n    set s s + x + "."\nprint len(s)\nprint s == "a1.true.b.2." + lone + ".c."\n';
    expect(same(source, memory, { items: [1, true, "b", 2, "\ud800", "c"], lone: "\ud800" })).toEqual({
      output: "16\ntrue\n",
    });
  });

  it("joins as before when the loop's variable is the one appended to", () => {
    expect(same('for s in ["x", "y"]\n    set s s + "!"\nprint s\n', memory)).toEqual({ output: "y!\n" });
  });

  it("leaves the variable at the item whose piece failed, for catch to see, and the text as it was", () => {
    const source = [
      'set s "row"',
      "try",
      "    for c in cells",
      '        set s s + " " + c.v',
      "catch e",
      '    print "caught at null: " + (c == null)',
      "print s",
      "",
    ].join("\n");
    expect(same(source, memory, { cells: [{ v: 1 }, { v: 2 }, null, { v: 4 }] })).toEqual({
      output: "caught at null: true\nrow 1 2\n",
    });
  });

  it("stops at maxStringLength at the + that passes it, in the step that passes it", () => {
    const source = 'set s ""\nfor c in cells\n    set s s + c + ","\n';
    expect(same(source, memory, { cells: [1234, 567] }, 9)).toEqual({ output: "" });
    expect(same(source, memory, { cells: [1234, 5678] }, 9)).toMatchObject({
      code: "limit",
      line: 3,
      column: 11,
    });
  });

  it("keeps each render's text and variables to itself", () => {
    const runtime = createRuntime({ memory });
    const doc = runtime.compile(row, { lang: "xmd", vars: ["cells"] });
    expect(decoder.decode(doc.renderBytes({ cells: [1, 2] }).output)).toBe("| 1 | 2 |\n2\n");
    expect(decoder.decode(doc.renderBytes({ cells: ["é"] }).output)).toBe("| é |\né\n");
    expect(doc.render({ cells: [3] }).output).toBe("| 3 |\n3\n");
  });

  it("runs every statement of a body that appends first and does more", () => {
    const source = 'set s "<"\nfor x in l\n    set s s + x\n    print s\nprint x\n';
    expect(same(source, memory, { l: [1, "b", 3] })).toEqual({ output: "<1\n<1b\n<1b3\n3\n" });
  });

  it("reads the item after a piece the builder cannot take, and in a piece that reads the variable", () => {
    const after = 'set s "a"\nfor x in l\n    set s s + true + x\nprint s\n';
    expect(same(after, memory, { l: [1, "b", 2] })).toEqual({ output: "atrue1trueb" + "true2\n" });
    // No literal piece: the item itself, then a product that reads the variable each step.
    const product = 'set s ""\nfor n in nums\n    set s s + n + n * 10\nprint s\n';
    expect(same(product, memory, { nums: [1, 2, 3] })).toEqual({ output: "110220330\n" });
  });
});
