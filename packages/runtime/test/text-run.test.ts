/**
 * Text runs (the text and `{{ }}` between two code pieces, one node and one closure):
 * every piece of a long run is written in order, a name's text is kept for the run only
 * when no code runs in it, and errors point at the piece they arise in, whatever its
 * place in the run. Every case in both memory modes, and through the string and the
 * byte forms of a render.
 */
import { describe, expect, it } from "vitest";
import { createRuntime, type MemoryMode, XmdError } from "../src/index.js";

/** A page of `lines` lines of text and `{{ a }}` / `{{ b }}` under classic directives that set them. */
function page(lines: number, a = '"A"', b = "2"): string {
  const body = Array.from({ length: lines }, (_, i) => `Line ${i}: {{a}} and {{ b }}.`);
  return `<!-- xmd:set a = ${a} -->\n<!-- xmd:set b = ${b} -->\n${body.join("\n")}\n`;
}

/** The error a render throws. */
function errorOf(run: () => unknown): XmdError {
  try {
    run();
  } catch (e) {
    if (e instanceof XmdError) return e;
    throw e;
  }
  throw new Error("the render did not fail");
}

describe.each(["pooled", "heap"] as MemoryMode[])("text runs (%s)", (memory) => {
  const runtime = createRuntime({ memory, checked: true });
  const both = (source: string) => {
    const text = runtime.render(source, { lang: "md" }).output;
    const bytes = new TextDecoder().decode(runtime.renderBytes(source, { lang: "md" }).output);
    expect(bytes).toBe(text);
    return text;
  };

  it("writes every piece of a long run, names read once or at every use alike", () => {
    const expected = Array.from({ length: 500 }, (_, i) => `Line ${i}: A and 2.\n`).join("");
    expect(both(page(500))).toBe(expected);
    // A list's text is made at every use; a short run keeps nothing.
    expect(both(page(100, "[1, 2]", "true"))).toBe(
      Array.from({ length: 100 }, (_, i) => `Line ${i}: 1, 2 and true.\n`).join(""),
    );
    expect(both(page(1))).toBe("Line 0: A and 2.\n");
  });

  it("reads a name again after code in the run changed it", () => {
    const calls = Array.from({ length: 100 }, () => "{{n}}{{ bump() }}").join(" ");
    const source = `\`\`\`xmd\nset n 0\nfunction bump()\n  set n n + 1\n  return ""\n\`\`\`\n${calls}\n`;
    const expected = Array.from({ length: 100 }, (_, i) => String(i)).join(" ");
    expect(both(source)).toBe(`${expected}\n`);
  });

  it("locates a name that is not defined at its own use, deep in a long run", () => {
    const lines = Array.from({ length: 300 }, (_, i) => (i === 250 ? "x {{  nope }} y" : `line {{a}} ${i}`));
    const source = `<!-- xmd:set a = 1 -->\n${lines.join("\n")}\n`;
    const error = errorOf(() => runtime.render(source, { lang: "md" }));
    expect(error.code).toBe("undefined-name");
    expect(error.message).toBe("'nope' is not defined");
    expect([error.line, error.column]).toEqual([252, 7]);
    // The mark covers the name alone, not the blanks or braces around it.
    expect(error.frame).toMatch(/> 252 \| x \{\{ {2}nope \}\} y\n {6}\| {7}\^{4}(\n|$)/);
  });

  it("makes one syntax node per name of a run, however often, spaced or interleaved it is used", () => {
    // 40 names used 75 times each, cycled (v10, v20 and v30 end alike), and one name spaced
    // three ways: a node per use would need thousands of nodes; the run needs about 40.
    const sets = Array.from({ length: 40 }, (_, i) => `<!-- xmd:set v${i} = ${i} -->`).join("\n");
    const cycled = Array.from({ length: 3000 }, (_, i) => `{{v${i % 40}}}`).join(" ");
    const spaced = Array.from({ length: 3000 }, (_, i) => ["{{a}}", "{{ a }}", "{{  a\t}}"][i % 3]).join(" ");
    const small = createRuntime({ memory, limits: { maxPoolSlots: 400 } });
    const expected = Array.from({ length: 3000 }, (_, i) => String(i % 40)).join(" ");
    expect(small.render(`${sets}\n${cycled}\n`, { lang: "md" }).output).toBe(`${expected}\n`);
    expect(small.render(`<!-- xmd:set a = 1 -->\n${spaced}\n`, { lang: "md" }).output).toBe(
      `${Array(3000).fill("1").join(" ")}\n`,
    );
    // The limit does count a run's nodes: an expression is parsed at every use.
    const error = errorOf(() => small.render(`<!-- xmd:set a = 1 -->\n${"{{a + 0}} ".repeat(3000)}\n`));
    expect(error.message).toBe("the document needs more than 400 syntax nodes (limit maxPoolSlots)");
  });

  it("takes any ASCII name for a name, and tells apart names whose texts look alike", () => {
    // Every kind of name character, first and last: each name is one node however often used.
    const names = ["z9", "Z0", "_a", "$b", "A", "a_Z$"];
    const sets = names.map((n, i) => `<!-- xmd:set ${n} = ${i} -->`).join("\n");
    const uses = Array.from({ length: 2400 }, (_, i) => `{{${names[i % names.length]}}}`).join(" ");
    const small = createRuntime({ memory, limits: { maxPoolSlots: 400 } });
    const expected = Array.from({ length: 2400 }, (_, i) => String(i % names.length)).join(" ");
    expect(small.render(`${sets}\n${uses}\n`, { lang: "md" }).output).toBe(`${expected}\n`);
    // Texts of the same length and first and last characters, or one the start of another,
    // in one run: each is its own name.
    const alike = ["a", "ab", "abc", "axc", "Ab", "abc ", " abc"];
    const defs = ["a", "ab", "abc", "axc", "Ab"].map((n) => `<!-- xmd:set ${n} = "${n}!" -->`).join("\n");
    const text = [...alike, ...alike].map((n) => `{{${n}}}`).join(" ");
    expect(both(`${defs}\n${text}\n`)).toBe(
      "a! ab! abc! axc! Ab! abc! abc! a! ab! abc! axc! Ab! abc! abc!\n",
    );
  });

  it("reads a {{ }} that only starts like a name, or is a number, as an expression", () => {
    const source = `<!-- xmd:set a = "xy" -->\n{{1}} {{ 2 }} {{-3}} {{a+1}} {{ a.length }} {{a[0]}} {{a}}\n`;
    expect(both(source)).toBe("1 2 -3 xy1 2 x xy\n");
  });

  it("locates an error inside a {{ }} expression at its own place, not at the braces", () => {
    for (const [source, at] of [
      ["x {{ 1 + nope }}\n", [1, 10]],
      ["x {{ [1,2].nope }}\n", [1, 6]],
    ] as const) {
      const error = errorOf(() => runtime.render(source, { lang: "md" }));
      expect([error.line, error.column]).toEqual(at);
    }
  });

  it("writes a builtin named in text, as code would print it", () => {
    expect(both("{{ len }}\n")).toBe(runtime.render("print len\n", { lang: "xmd" }).output);
  });

  it("locates the output limit at a name's kept text, deep in a long run", () => {
    const limited = createRuntime({ memory, limits: { maxOutputBytes: 500 } });
    // 11 bytes a line: the 46th {{a}} (line 47) passes 500 bytes.
    const source = `<!-- xmd:set a = "${"z".repeat(10)}" -->\n${"{{a}}\n".repeat(100)}`;
    for (const render of [
      () => limited.render(source, { lang: "md" }),
      () => limited.renderBytes(source, { lang: "md" }),
    ]) {
      const error = errorOf(render);
      expect([error.code, error.line, error.column]).toEqual(["limit", 47, 1]);
    }
  });

  it("locates the output limit at the text or the {{ }} that passed it", () => {
    const limited = createRuntime({ memory, limits: { maxOutputBytes: 1000 } });
    const source = page(200);
    for (const render of [
      () => limited.render(source, { lang: "md" }),
      () => limited.renderBytes(source, { lang: "md" }),
    ]) {
      const error = errorOf(render);
      expect(error.code).toBe("limit");
      // 17 bytes for each of the lines 0 to 9, 18 after: line 56 (the 58th) passes 1000 bytes.
      expect([error.line, error.column]).toEqual([58, 27]);
    }
    const value = createRuntime({ memory, limits: { maxOutputBytes: 30 } });
    const error = errorOf(() => value.render(`<!-- xmd:set a = "${"z".repeat(40)}" -->\nab {{a}} cd\n`));
    expect([error.code, error.line, error.column]).toEqual(["limit", 2, 4]);
  });
});
