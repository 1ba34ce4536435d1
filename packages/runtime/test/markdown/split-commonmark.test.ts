/**
 * The splitter against a real CommonMark parser (markdown-it): in random documents of
 * fences (backtick and tilde, 3 to 5 long, indented up to 3 spaces, with and without an
 * info string), inline code spans, headings, setext underlines, thematic breaks and blank
 * lines, every `{{ }}` the splitter interpolates must be one markdown-it reads as text,
 * and every one it leaves must be one markdown-it reads as code. (Block quotes and lists
 * are not generated: see `src/markdown/blocks.ts` for why they are not tracked. Nor are
 * indented code blocks: a line indented four spaces or more is ordinary text to the
 * splitter, and `{{ }}` in it is replaced, as docs/language.md says; CommonMark would
 * read it as code where no paragraph is open.)
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { commonmarkMarkers, splitterMarkers } from "../support/commonmark.js";
import { runs } from "../support/scale.js";

const fenceLine = fc
  .tuple(
    fc.constantFrom("", " ", "  ", "   "),
    fc.constantFrom("`", "~"),
    fc.integer({ min: 3, max: 5 }),
    fc.constantFrom("", "js", " text", "M"),
  )
  .map(([indent, char, length, info]) => `${indent}${char.repeat(length)}${info}`);
/** A line of text, indented at most three spaces (four would start an indented code block). */
const textLine = fc
  .array(fc.constantFrom("a", " ", "M", "`", "``", "```", "~", "b c"), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.join("").replace(/^ {4,}/, "   "));
/**
 * Lines that end a paragraph: headings, setext underlines, thematic breaks, blank lines.
 * (Not a lone `-`: where no paragraph is open it starts a list.)
 */
const boundaryLine = fc.oneof(
  fc.tuple(fc.constantFrom("#", "##", "######", "#######"), textLine).map(([h, t]) => `${h} ${t}`),
  fc.constantFrom("", "  ", "===", "  =", "---", "***", " * * *", "___", "- - -", "#", "#a", "==a", "--a"),
);
const document = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: textLine },
      { weight: 2, arbitrary: fenceLine },
      { weight: 2, arbitrary: boundaryLine },
    ),
    {
      maxLength: 10,
    },
  )
  .map((lines) => {
    // Every marker gets a name of its own.
    let n = 0;
    return lines.join("\n").replace(/M/g, () => `{{m${n++}}}`);
  });

describe("splitMarkdown against markdown-it", () => {
  it("interpolates exactly the {{ }} that CommonMark reads as text", () => {
    fc.assert(
      fc.property(document, (source) => {
        const { text, code } = commonmarkMarkers(source);
        const interpolated = splitterMarkers(source);
        for (const name of text)
          expect(interpolated.has(name), `${name} in ${JSON.stringify(source)}`).toBe(true);
        for (const name of code)
          expect(interpolated.has(name), `${name} in ${JSON.stringify(source)}`).toBe(false);
      }),
      { numRuns: runs(5000) },
    );
  });
});
