/**
 * The linear scanner and splitter agree with the naive ones they replaced (kept in
 * test/support/reference as the oracle) on every input, including the memo's reuse of
 * answers across queries with different range ends.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitMarkdown, splitXmdFile } from "../../src/markdown/split.js";
import { TextScanner } from "../../src/syntax/interpolation.js";
import * as naive from "../support/reference/interpolation.js";
import * as reference from "../support/reference/split.js";

/** Pieces of text that exercise every branch of the scanners. */
const SCAN_BITS = ["{", "}", "{{", "}}", '"', "'", "`", "\\", "a", " ", "\n", "x}", "`{{"];
const soup = (bits: string[], maxLength: number) =>
  fc.array(fc.constantFrom(...bits), { maxLength }).map((parts) => parts.join(""));

describe("TextScanner", () => {
  it("answers every query as the naive scan does, whatever queries came before", () => {
    fc.assert(
      fc.property(
        soup(SCAN_BITS, 40),
        fc.array(fc.tuple(fc.boolean(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 30 }),
        (s, queries) => {
          const scanner = new TextScanner(s);
          for (const [template, a, b] of queries) {
            const end = s.length === 0 ? 0 : b % (s.length + 1);
            const from = end === 0 ? 0 : a % (end + 1);
            if (template) {
              const open = s.indexOf("`", from);
              if (open === -1 || open >= end) continue;
              expect(scanner.templateEnd(open, end)).toBe(naive.skipTemplate(s, open, end));
            } else {
              expect(scanner.interpolationEnd(from, end)).toBe(naive.findInterpolationEnd(s, from, end));
            }
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("answers from every start of one text, as the splitter asks", () => {
    fc.assert(
      fc.property(soup(SCAN_BITS, 60), (s) => {
        const scanner = new TextScanner(s);
        for (let from = 0; from <= s.length; from++) {
          expect(scanner.interpolationEnd(from, s.length)).toBe(
            naive.findInterpolationEnd(s, from, s.length),
          );
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("the splitter", () => {
  const MARKDOWN_BITS = [
    "```xmd\n",
    "```\n",
    "````md\n",
    "~~~\n",
    "`",
    "``",
    "```",
    "{{",
    "}}",
    "{",
    "}",
    "\\{{",
    "<!-- xmd",
    "<!-- xmd:",
    "<!-- xmd set a 1 -->",
    "-->",
    "<!--",
    "\n",
    "a",
    " ",
    "\t",
    '"',
    "'",
    "\\",
    "\r\n",
    // Fences are told from code spans by the few spaces before them on their line.
    "   ",
    "    ",
    "~",
    "~~~~",
    "   ```xmd\n",
    "{{ a\n}}",
    // Lines that end the block a code span is read in.
    "\n\n",
    "\n# ",
    "\n#######",
    "\n===\n",
    "\n- - -\n",
    "\n---",
    "\n***\n",
    "\r",
  ];

  it("splits every document into the pieces and problems the naive splitter finds", () => {
    fc.assert(
      fc.property(soup(MARKDOWN_BITS, 50), (s) => {
        const problems: unknown[] = [];
        const expected: unknown[] = [];
        expect(splitMarkdown(s, problems)).toEqual(reference.splitMarkdown(s, expected as never[]));
        expect(problems).toEqual(expected);
        const xmdProblems: unknown[] = [];
        const xmdExpected: unknown[] = [];
        expect(splitXmdFile(s, xmdProblems)).toEqual(reference.splitXmdFile(s, xmdExpected as never[]));
        expect(xmdProblems).toEqual(xmdExpected);
      }),
      { numRuns: 3000 },
    );
  });
});
