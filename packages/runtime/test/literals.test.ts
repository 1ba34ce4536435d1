/**
 * Literals read end to end (lexer, parser, escapes, print). Random string literals of
 * plain text and every escape the language reference lists must print what the reference
 * says they stand for, and those in JSON's syntax what `JSON.parse` reads; random number
 * literals what JavaScript reads from the same digits.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRuntime } from "../src/index.js";
import { runs } from "./support/scale.js";

const runtime = createRuntime({ limits: { timeoutMs: 600_000 } });
const print = (literal: string) => runtime.render(`print ${literal}\n`, { lang: "xmd" }).output;

/**
 * What the body of a literal stands for, by the language reference: `\n` `\t` `\r` `\0`,
 * `\uXXXX` (four hex digits); a backslash before any other character is that character.
 */
function decode(body: string): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== "\\" || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const e = body[++i] as string;
    const hex = body.slice(i + 1, i + 5);
    if (e === "u" && /^[0-9a-fA-F]{4}$/.test(hex)) {
      out += String.fromCharCode(Number.parseInt(hex, 16));
      i += 4;
    } else out += ({ n: "\n", t: "\t", r: "\r", "0": "\0" } as Record<string, string>)[e] ?? e;
  }
  return out;
}

/** Pieces of a literal's body between quotes `q`: text, and escapes of every kind. */
const piece = (q: string) =>
  fc.oneof(
    fc.constantFrom("a", " ", "é", "😀", "{{x}}", "$", "`", q === '"' ? "'" : '"'),
    fc.constantFrom(
      "\\n",
      "\\t",
      "\\r",
      "\\0",
      "\\\\",
      `\\${q}`,
      "\\`",
      "\\{",
      "\\a",
      "\\u00e9",
      "\\u004A",
      "\\u12",
    ),
    fc.stringMatching(/^\\u[0-9a-fA-F]{4}$/),
  );
const body = (q: string) => fc.array(piece(q), { maxLength: 10 }).map((ps) => ps.join(""));

describe("string literals", () => {
  it("print what their escapes stand for, in double and single quotes", () => {
    fc.assert(
      fc.property(body('"'), (b) => {
        expect(print(`"${b}"`)).toBe(`${decode(b)}\n`);
      }),
      { numRuns: runs(1000) },
    );
    fc.assert(
      fc.property(body("'"), (b) => {
        expect(print(`'${b}'`)).toBe(`${decode(b)}\n`);
      }),
      { numRuns: runs(1000) },
    );
  });

  it("print what JSON.parse reads, for literals in JSON's syntax", () => {
    const jsonPiece = fc.oneof(
      fc.constantFrom("a", " ", "é", "\\n", "\\t", "\\r", "\\\\", '\\"', "/"),
      fc.stringMatching(/^\\u[0-9a-fA-F]{4}$/),
    );
    fc.assert(
      fc.property(fc.array(jsonPiece, { maxLength: 10 }), (ps) => {
        const literal = `"${ps.join("")}"`;
        expect(print(literal)).toBe(`${JSON.parse(literal)}\n`);
      }),
      { numRuns: runs(1000) },
    );
  });

  it("read a backslash before the closing quote as an escaped quote, and a lone one at the end as itself", () => {
    expect(print('"a\\"b"')).toBe('a"b\n');
    expect(print("'it\\'s'")).toBe("it's\n");
    expect(print('"\\u00"')).toBe("u00\n");
    expect(print('"\\uZZZZ"')).toBe("uZZZZ\n");
  });
});

describe("number literals", () => {
  it("print what JavaScript reads from the same digits, with _ between digit groups", () => {
    const digits = fc.stringMatching(/^[0-9]{1,6}$/);
    const grouped = fc.array(fc.stringMatching(/^[0-9]{1,3}$/), { minLength: 1, maxLength: 4 });
    const literal = fc.record({
      whole: fc.oneof(
        digits,
        grouped.map((g) => g.join("_")),
      ),
      fraction: fc.option(digits, { nil: undefined }),
      exponent: fc.option(
        fc.tuple(fc.constantFrom("e", "E"), fc.constantFrom("", "+", "-"), fc.stringMatching(/^[0-9]{1,2}$/)),
        {
          nil: undefined,
        },
      ),
    });
    fc.assert(
      fc.property(literal, ({ whole, fraction, exponent }) => {
        const text = `${whole}${fraction === undefined ? "" : `.${fraction}`}${exponent === undefined ? "" : exponent.join("")}`;
        expect(print(text)).toBe(`${String(Number(text.replaceAll("_", "")))}\n`);
        expect(print(`-${text}`)).toBe(`${String(-Number(text.replaceAll("_", "")) || 0)}\n`);
      }),
      { numRuns: runs(1000) },
    );
  });
});

describe("template strings", () => {
  /** Pieces of a template's body, each with what it stands for. */
  const piece = fc.oneof(
    fc.constantFrom<[string, string]>(
      ["a", "a"],
      [" ", " "],
      ["\n", "\n"],
      ['"', '"'],
      ["'", "'"],
      ["}}", "}}"],
      ["{a", "{a"],
      ["\\n", "\n"],
      ["\\t", "\t"],
      ["\\`", "`"],
      ["\\{{", "{{"],
      ["\\\\", "\\"],
      ["\\u00e9", "é"],
      ["{{ 1 + 1 }}", "2"],
      ['{{ "x" + "y" }}', "xy"],
      ["{{`in{{3}}`}}", "in3"],
    ),
    fc.integer({ min: 0, max: 99 }).map((n): [string, string] => [`{{${n}}}`, String(n)]),
  );

  it("print their text, escapes read and each {{ }} replaced by its value", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const body = pieces.map(([source]) => source).join("");
        expect(print(`\`${body}\``)).toBe(`${pieces.map(([, shown]) => shown).join("")}\n`);
      }),
      { numRuns: runs(1000) },
    );
  });
});
