import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REPOSITORY_CORPUS as CORPUS } from "../../../../conformance/cases.js";
import type { Piece, SplitProblem } from "../../src/markdown/pieces.js";
import { splitMarkdown, splitXmdFile } from "../../src/markdown/split.js";

/** Short descriptions: text pieces as their text, others as KIND:content. */
function show(source: string, pieces: Piece[]): string[] {
  return pieces.map((p) => {
    if (p.kind === "text") return source.slice(p.start, p.end);
    if (p.kind === "interp") return `{${source.slice(p.exprStart, p.exprEnd)}}`;
    return `${p.dialect}/${p.placement}/${p.origin}:${source.slice(p.codeStart, p.codeEnd)}`;
  });
}

/** Pieces are in order, do not overlap, and leave out only dropped backslashes. */
function expectTiling(source: string, pieces: Piece[]): void {
  let at = 0;
  for (const p of pieces) {
    expect(p.start).toBeGreaterThanOrEqual(at);
    const gap = source.slice(at, p.start);
    expect(gap === "" || gap === "\\").toBe(true);
    expect(p.end).toBeGreaterThanOrEqual(p.start);
    at = p.end;
  }
  expect(at).toBe(source.length);
}

const md = (s: string) => show(s, splitMarkdown(s));

describe("splitMarkdown", () => {
  it("finds xmd fences as block code covering whole lines", () => {
    const src = "a\n```xmd\nset x 1\n```\nb\n";
    const pieces = splitMarkdown(src);
    expect(show(src, pieces)).toEqual(["a\n", "native/block/fence:set x 1\n", "b\n"]);
    expect(pieces[1]).toMatchObject({ start: 2, end: 21, codeStart: 9, codeEnd: 17 });
  });

  it("accepts tilde fences, longer fences and an unclosed fence", () => {
    expect(md("~~~xmd\nprint 1\n~~~\n")).toEqual(["native/block/fence:print 1\n"]);
    expect(md("````xmd\nx\n```\nstill code\n````\nafter")).toEqual([
      "native/block/fence:x\n```\nstill code\n",
      "after",
    ]);
    expect(md("```xmd\nprint 1\n")).toEqual(["native/block/fence:print 1\n"]);
  });

  it("copies other fences verbatim, including xmd fences nested in them", () => {
    const src = "````markdown\n```xmd\n{{x}}\n```\n````\n```js\n{{y}} <!-- xmd print 1 -->\n```\n";
    expect(md(src)).toEqual([src]);
  });

  it("keeps inline code spans verbatim", () => {
    expect(md("a `{{x}}` b ``c ` {{d}}`` {{e}}")).toEqual(["a `{{x}}` b ``c ` {{d}}`` ", "{e}"]);
    expect(md("unmatched ` then {{x}}")).toEqual(["unmatched ` then ", "{x}"]);
  });

  it("interpolates {{ }} and ignores }} inside strings", () => {
    expect(md('Hi {{ name }}! {{ "}}" + x }}')).toEqual(["Hi ", "{ name }", "! ", '{ "}}" + x }']);
    expect(md("open {{ never")).toEqual(["open {{ never"]);
  });

  it("ends {{ }} after object literals and template strings, nested ones too", () => {
    expect(md("A {{ {a: {b: 2}}.a.b }} B")).toEqual(["A ", "{ {a: {b: 2}}.a.b }", " B"]);
    expect(md("A {{ `t{{z}}` }} B")).toEqual(["A ", "{ `t{{z}}` }", " B"]);
    expect(md("A {{ `x{{ `y{{ {k: 1}.k }}` }}` }}!")).toEqual(["A ", "{ `x{{ `y{{ {k: 1}.k }}` }}` }", "!"]);
    expect(md("A {{ `never }} B")).toEqual(["A {{ `never }} B"]);
  });

  it("drops the backslash of \\{{", () => {
    const src = "Escaped: \\{{name}} and {{x}}";
    const pieces = splitMarkdown(src);
    expect(show(src, pieces)).toEqual(["Escaped: ", "{{name}} and ", "{x}"]);
    expectTiling(src, pieces);
  });

  it("tells block comments from inline ones", () => {
    expect(md("Hello <!-- xmd print 1 -->!\n")).toEqual(["Hello ", "native/inline/comment:print 1 ", "!\n"]);
    expect(md("  <!-- xmd:set a = 1 -->  \nnext")).toEqual(["classic/block/comment:set a = 1 ", "next"]);
    expect(md("<!-- xmd\nset a 1\n-->\nTotal")).toEqual(["native/block/comment:\nset a 1\n", "Total"]);
    expect(md("<!-- xmd: if x -->A<!-- xmd:endif -->")).toEqual([
      "classic/inline/comment:if x ",
      "A",
      "classic/inline/comment:endif ",
    ]);
  });

  it("treats a line of several xmd comments as block comments, spaces between them dropped", () => {
    const src = "<!-- xmd:set a = 1 --> <!-- xmd:set b = 2 -->\nnext";
    const pieces = splitMarkdown(src);
    expect(show(src, pieces)).toEqual([
      "classic/block/comment:set a = 1 ",
      "classic/block/comment:set b = 2 ",
      "next",
    ]);
    expectTiling(src, pieces);
    // Text before the first comment makes them inline, as for one comment.
    expect(md("x <!-- xmd print 1 --> <!-- xmd print 2 -->\n")).toEqual([
      "x ",
      "native/inline/comment:print 1 ",
      " ",
      "native/inline/comment:print 2 ",
      "\n",
    ]);
  });

  it("reports an xmd comment that never closes, and keeps its text", () => {
    const problems: SplitProblem[] = [];
    const src = "a\n<!-- xmd print 1\nb\n";
    expect(show(src, splitMarkdown(src, problems))).toEqual([src]);
    expect(problems).toEqual([
      { start: 2, end: 19, message: "this xmd comment is never closed", hint: "end it with -->" },
    ]);
    const plain: SplitProblem[] = [];
    splitMarkdown("a <!-- just a note", plain);
    // An example in an indented code block, or mid-line in prose, is text.
    splitMarkdown('Example:\n\n    <!-- xmd print "hi"\n', plain);
    splitMarkdown("Start a comment with <!-- xmd and end it with the usual marker\n", plain);
    expect(plain).toEqual([]);
  });

  it("leaves ordinary and look-alike comments alone", () => {
    expect(md("<!-- note {{x}} -->\n<!-- xmdx -->\n")).toEqual(["<!-- note {{x}} -->\n<!-- xmdx -->\n"]);
  });

  it("keeps CRLF line endings in text and treats them as line ends", () => {
    expect(md("a\r\n<!-- xmd:set x = 1 -->\r\nb\r\n")).toEqual([
      "a\r\n",
      "classic/block/comment:set x = 1 ",
      "b\r\n",
    ]);
  });

  it("handles an empty document", () => {
    expect(splitMarkdown("")).toEqual([]);
  });
});

describe("splitXmdFile", () => {
  it("treats the file as code, markdown fences as output and other fences as text", () => {
    const src = 'set t "R"\n```markdown\n# {{t}} `{{raw}}`\n```\nprint 1\n```xmd\nshown\n```\n';
    expect(show(src, splitXmdFile(src))).toEqual([
      'native/block/file:set t "R"\n',
      "# ",
      "{t}",
      " `{{raw}}`\n",
      "native/block/file:print 1\n",
      "```xmd\nshown\n```\n",
    ]);
  });

  it("keeps xmd fences inside markdown output as text", () => {
    const src = "```md\n```xmd\nx\n```\n```\n";
    // The inner ``` closes the outer md fence (CommonMark), so the rest is code.
    const pieces = splitXmdFile(src);
    expect(pieces[0]?.kind).toBe("text");
  });
});

describe("the conformance corpus", () => {
  for (const folder of ["markdown", "classic", "modules"]) {
    for (const file of readdirSync(join(CORPUS, folder)).filter(
      (f) => f.endsWith(".md") && !f.endsWith(".out.md"),
    )) {
      it(`${folder}/${file} tiles`, () => {
        const src = readFileSync(join(CORPUS, folder, file), "utf8");
        expectTiling(src, splitMarkdown(src));
      });
    }
  }

  it("copies the js fence and the 4-backtick fence of code-untouched.md verbatim", () => {
    const src = readFileSync(join(CORPUS, "markdown/code-untouched.md"), "utf8");
    const text = splitMarkdown(src)
      .filter((p) => p.kind === "text")
      .map((p) => src.slice(p.start, p.end))
      .join("");
    expect(text).toContain('```js\nconst s = "{{name}}";\n```');
    expect(text).toContain('````markdown\n```xmd\nprint "not run"\n```\n````');
  });
});

describe("properties", () => {
  it("never throws and always tiles the source", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        expectTiling(s, splitMarkdown(s));
        expectTiling(s, splitXmdFile(s));
      }),
      { numRuns: 500 },
    );
  });

  it("tiles soups of markdown syntax", () => {
    const bits = [
      "```xmd\n",
      "```\n",
      "~~~\n",
      "`",
      "``",
      "{{",
      "}}",
      "\\{{",
      "<!-- xmd",
      "<!-- xmd:",
      "-->",
      "<!--",
      "\n",
      "a",
      " ",
      '"',
      "\r\n",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...bits), { maxLength: 40 }), (parts) => {
        const s = parts.join("");
        expectTiling(s, splitMarkdown(s));
        expectTiling(s, splitXmdFile(s));
      }),
      { numRuns: 500 },
    );
  });
});
