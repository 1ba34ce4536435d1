/**
 * A run of text is one piece: the splitter never writes an empty text piece, nor two text
 * pieces where one ends as the next starts (the document builder and the compiled run
 * take a text piece as a whole run). Checked on soups of everything the scan stops at,
 * in both splitters and both sinks (objects, and the compact buffer documents use).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PieceBuffer, PieceKind } from "../../src/markdown/piece-buffer.js";
import { PieceArray } from "../../src/markdown/pieces.js";
import { splitMarkdownInto, splitXmdFileInto } from "../../src/markdown/split.js";
import { runs } from "../support/scale.js";

const BITS = [
  "```xmd\n",
  "```md\n",
  "```\n",
  "~~~\n",
  "`",
  "``",
  "{{x}}",
  "{{",
  "}}",
  "\\{{",
  "<!-- xmd print 1 -->",
  "<!-- xmd:if a -->",
  "<!-- a -->",
  "<!--",
  "-->",
  "@import(a.md)",
  "@import(",
  "# h",
  "---",
  "\n",
  "\r\n",
  "a",
  " ",
];

/** The text pieces as [start, end] pairs, from objects and from the buffer; they must be the same. */
function textRuns(source: string, xmd: boolean): number[][] {
  const split = xmd ? splitXmdFileInto : splitMarkdownInto;
  const array = new PieceArray();
  split(array, source, [], {});
  const buffer = new PieceBuffer(16);
  split(buffer, source, [], {});
  const fromBuffer: number[][] = [];
  for (let at = 0; at < buffer.size; at = buffer.next(at))
    if (buffer.kind(at) === PieceKind.Text) fromBuffer.push([buffer.start(at), buffer.end(at)]);
  const fromArray = array.pieces.flatMap((p) => (p.kind === "text" ? [[p.start, p.end]] : []));
  expect(fromBuffer).toEqual(fromArray);
  return fromArray;
}

describe("a run of text is one piece", () => {
  it("in soups of what the scan stops at", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...BITS), { maxLength: 30 }), fc.boolean(), (parts, xmd) => {
        const source = parts.join("");
        const runs = textRuns(source, xmd);
        for (const [start, end] of runs) expect(end).toBeGreaterThan(start as number);
        for (let i = 1; i < runs.length; i++)
          expect(runs[i]?.[0], JSON.stringify(source)).not.toBe(runs[i - 1]?.[1]);
      }),
      { numRuns: runs(2000) },
    );
  });

  it("around a dropped backslash, a comment and a fence", () => {
    expect(textRuns("a \\{{b}} c", false)).toEqual([
      [0, 2],
      [3, 10],
    ]);
    expect(textRuns("a <!-- b --> `c` d\n```js\n{{e}}\n```\nf", false)).toEqual([[0, 36]]);
    expect(textRuns("x = 1\n```md\na {{b}} c\n```\n", true)).toEqual([
      [12, 14],
      [19, 22],
    ]);
  });
});
