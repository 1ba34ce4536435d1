/**
 * Where an inline code span can end, line by line, beside markdown-it: a span opened on
 * one line and closed two lines down is one span when the line between continues the
 * paragraph, and two lone backticks when that line ends the paragraph (a blank line, an
 * ATX heading, a setext underline, a thematic break, a fence). Each kind of line is
 * written out with its near misses (seven `#`, `#h`, four spaces of indentation, `= =`,
 * two `*`), in LF and CRLF, and again inside a markdown fence of an `.xmd` file, where
 * the scan must stop at the fence's end. The random documents of
 * `split-commonmark.test.ts` reach these lines only by chance.
 */
import { describe, expect, it } from "vitest";
import { BlockEnds } from "../../src/markdown/blocks.js";
import { ForwardSearch } from "../../src/markdown/search.js";
import { splitMarkdown, splitXmdFile } from "../../src/markdown/split.js";
import { ReadClock } from "../../src/syntax/clock.js";
import { commonmarkMarkers, splitterMarkers } from "../support/commonmark.js";

/** Names each `M` of a document `{{m0}}`, `{{m1}}`, … */
function named(doc: string): string {
  let n = 0;
  return doc.replace(/M/g, () => `{{m${n++}}}`);
}

const sorted = (names: Iterable<string>) => [...names].sort();

/** The splitter interpolates exactly the markers markdown-it reads as text; it reads every marker. */
function agreesWithCommonMark(doc: string): void {
  const { text, code } = commonmarkMarkers(doc);
  expect(sorted([...text, ...code]), `markdown-it reads every marker of ${JSON.stringify(doc)}`).toEqual(
    sorted(doc.match(/m\d+/g) ?? []),
  );
  expect(sorted(splitterMarkers(doc)), JSON.stringify(doc)).toEqual(sorted(text));
}

/**
 * The markers the splitter interpolates in `doc` when it is the content of a markdown
 * fence of an `.xmd` file, with code after the fence that would change the answer if the
 * scan read on past the fence's end.
 */
function markersInXmdFence(doc: string): string[] {
  const file = `x = 1\n~~~markdown\n${doc}\n   ~~~\ny = "\` \`\` # M"\n`;
  return sorted(
    splitXmdFile(file).flatMap((p) =>
      p.kind === "interp" ? [file.slice(p.exprStart, p.exprEnd).trim()] : [],
    ),
  );
}

/** Lines that end a paragraph, and lines that look like them but continue it. */
const LINES = [
  // blank
  "",
  "  ",
  "\t",
  " \t ",
  // ATX headings
  "# h",
  "#",
  "#\th",
  "###### h",
  "####### h",
  "#h",
  "   # h",
  "    # h",
  "## h ##",
  // setext underlines
  "===",
  "=",
  "= =",
  "= = =",
  "=\t=\t=",
  "===  ",
  "===\t",
  "=== x",
  "   ===",
  "    ===",
  "-",
  "---",
  "--- x",
  "--x-",
  // thematic breaks
  "- - -",
  "-\t-\t-",
  "***",
  "* * *",
  "**",
  "*-*",
  "***x",
  "___",
  "_ _ _",
  "__",
  "_ _",
  // fences
  "```",
  "~~~",
  "   ```",
  "    ```",
  "~~",
  "~~~~ info",
  // paragraph text
  "plain",
  "  a",
];

describe("a code span ends with the paragraph it starts in", () => {
  it("when spans open in one paragraph after another, each ends with its own", () => {
    for (const doc of ["a `x M\n\nb `M` c", "a ` M\n\nb `x M\n\nc `M` d", "a `M` b\n\nc `x M\n# h\n`M`"]) {
      for (const eol of ["\n", "\r\n"]) agreesWithCommonMark(named(doc.replace(/\n/g, eol)));
    }
  });

  it.each(LINES)("a line %j between its backticks", (line) => {
    for (const eol of ["\n", "\r\n"]) {
      const doc = named(["a `x M", line, "M y` b"].join(eol));
      agreesWithCommonMark(doc);
      expect(markersInXmdFence(doc), "in a markdown fence of an .xmd file").toEqual(
        sorted(splitterMarkers(doc)),
      );
    }
  });

  it.each(["# a", "###### a", "####### a", "#a", "   # a", "#\ta", "a"])(
    "a span that starts on the line %j",
    (first) => {
      for (const eol of ["\n", "\r\n"]) {
        const doc = named([`${first} \`x M`, "M y` b"].join(eol));
        agreesWithCommonMark(doc);
        expect(markersInXmdFence(doc), "in a markdown fence of an .xmd file").toEqual(
          sorted(splitterMarkers(doc)),
        );
      }
    },
  );

  it("a span on the last line, with no line break after it", () => {
    for (const doc of ["a `x M", "# a `x M", "a `x\nM` b", "a `x\n#", "a `x\n---", "a `x\n```"]) {
      agreesWithCommonMark(named(doc));
    }
  });
});

describe("fences", () => {
  it.each([
    ["indented four spaces", "```\nM\n    ```\nM\n```\nM"],
    ["indented three spaces", "```\nM\n   ```\nM\n```\nM"],
    ["shorter than the opening", "````\nM\n```\nM\n````\nM"],
    ["longer than the opening", "```\nM\n`````\nM"],
    ["with text after it", "~~~\nM\n~~~ x\nM\n~~~\nM"],
    ["of the other character", "~~~\nM\n```\nM\n~~~\nM"],
    ["followed by spaces", "```\nM\n```  \nM"],
  ])("close only as CommonMark says: a closing line %s", (_, doc) => {
    agreesWithCommonMark(named(doc));
  });

  it("take their info string's first word, after spaces or a tab, in any case", () => {
    const doc = "```  xmd  more words\nprint 1\n```\n~~~\tXMD\nprint 2\n~~~\n";
    expect(splitMarkdown(doc).filter((p) => p.kind === "code")).toMatchObject([
      { codeStart: 21, codeEnd: 29 },
      { codeStart: 41, codeEnd: 49 },
    ]);
  });

  it("of backticks have no backtick in their info string (such a line is text)", () => {
    expect(splitMarkdown("``` xmd `a`\nprint 1\n```\n").some((p) => p.kind === "code")).toBe(false);
    expect(splitMarkdown("~~~ xmd `a`\nprint 1\n~~~\n").some((p) => p.kind === "code")).toBe(true);
  });
});

describe("BlockEnds", () => {
  it("finds a block's end once, and answers from it for every offset of the block", () => {
    const source = "a `b\nc\nd\n\ne `f";
    const clock = new ReadClock();
    const ends = new BlockEnds(source, new ForwardSearch(source, "\n", clock), clock);
    expect(ends.endOf(0, 2, source.length)).toBe(9); // the blank line
    const steps = clock.steps;
    expect(ends.endOf(0, 0, source.length)).toBe(9);
    expect(ends.endOf(5, 6, source.length)).toBe(9);
    expect(clock.steps).toBe(steps);
    expect(ends.endOf(10, 12, source.length)).toBe(source.length);
  });
});
