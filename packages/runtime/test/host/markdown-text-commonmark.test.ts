/**
 * `md.text`, `md.code`, `md.cell`, `md.link` and `md.list` read by a real CommonMark parser
 * (markdown-it, GFM tables on, raw HTML off): what it shows must be the value, on random
 * texts made of the characters markdown gives a meaning to.
 */
import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { escapeInline, inlineCode, link, markdownList, tableCell } from "../../src/host/markdown-text.js";
import { runs } from "../support/scale.js";

const md = new MarkdownIt();

/** How markdown-it writes text in HTML. */
const html = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The text a reader sees in `rendered`: tags dropped, entities read, space runs as one. */
function shown(rendered: string): string {
  return rendered
    .replace(/<br>/g, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** Characters markdown gives a meaning to, some letters and spaces. */
const SPECIAL = [..."\\`*_{}[]()<>#+-.!|~&=:;'\"/@%$^?,"];
const char = fc.constantFrom(...SPECIAL, "a", "b", "1", " ", "\t");
const line = fc.string({ unit: char, maxLength: 24 });
const lines = fc.string({ unit: fc.oneof(char, fc.constant("\n")), maxLength: 40 });

describe("md.text read by a CommonMark parser", () => {
  it("shows a line exactly, in the middle of a paragraph", () => {
    fc.assert(
      fc.property(line, (t) => {
        expect(md.render(`x ${escapeInline(t)} y`)).toBe(`<p>x ${html(t)} y</p>\n`);
      }),
      { numRuns: runs(3000) },
    );
  });

  it("shows an entity reference as the text it is", () => {
    expect(md.render(escapeInline("&copy; &amp; &#65; &#x41;"))).toBe(
      "<p>&amp;copy; &amp;amp; &amp;#65; &amp;#x41;</p>\n",
    );
  });

  it("keeps text over several lines as paragraphs of that text: no heading, code, list, quote or rule", () => {
    fc.assert(
      fc.property(lines, (t) => {
        const rendered = md.render(`x ${escapeInline(t)} y`);
        expect(rendered).not.toMatch(/<(h\d|pre|code|ul|ol|li|blockquote|hr|table|em|strong|a|s|img)\b/);
        expect(shown(rendered)).toBe(shown(`x ${html(t)} y`));
      }),
      { numRuns: runs(3000) },
    );
  });

  it("does not make a heading of a line of = or of -, nor code of indented text after a blank line", () => {
    expect(md.render(escapeInline("Total\n===\n"))).toBe("<p>Total\n===</p>\n");
    expect(md.render(escapeInline("Total\n---"))).toBe("<p>Total\n---</p>\n");
    expect(md.render(escapeInline("a\n\n    b"))).toBe("<p>a</p>\n<p>b</p>\n");
    expect(md.render(escapeInline("a\r\n\r\n\tb"))).toBe("<p>a</p>\n<p>b</p>\n");
  });
});

describe("md.code read by a CommonMark parser", () => {
  it("shows a line exactly as code, whatever backticks and spaces it holds", () => {
    const code = fc.string({
      unit: fc.constantFrom("`", " ", "a", "\\", "*", "<"),
      minLength: 1,
      maxLength: 16,
    });
    fc.assert(
      fc.property(code, (t) => {
        expect(md.render(`x ${inlineCode(t)} y`)).toBe(`<p>x <code>${html(t)}</code> y</p>\n`);
      }),
      { numRuns: runs(3000) },
    );
  });

  it("shows line breaks as spaces", () => {
    expect(md.render(inlineCode("a\nb\r\nc"))).toBe("<p><code>a b c</code></p>\n");
  });
});

describe("md.cell read by a CommonMark parser with GFM tables", () => {
  const row = (t: string) => {
    const rendered = md.render(`| h | i |\n| --- | --- |\n| ${tableCell(t)} | z |\n`);
    return [...rendered.matchAll(/<td>(.*?)<\/td>/gs)].map((m) => m[1] as string);
  };

  it("stays one cell, whatever pipes, backslashes and line breaks it holds", () => {
    const cell = fc.string({ unit: fc.constantFrom("|", "\\", " ", "a", "\n", "`"), maxLength: 20 });
    fc.assert(
      fc.property(cell, (t) => {
        const cells = row(t);
        expect(cells).toHaveLength(2);
        expect(cells[1]).toBe("z");
      }),
      { numRuns: runs(3000) },
    );
  });

  it("shows its lines joined by <br>, each trimmed", () => {
    // A cell is markdown (`md.cell (md.text x)` makes it literal), so backslashes are left out here.
    const cell = fc.string({ unit: fc.constantFrom("|", " ", "a", "b", "\n"), maxLength: 20 });
    fc.assert(
      fc.property(cell, (t) => {
        // Raw HTML is off here, so the <br> shows as text.
        const expected = t
          .split(/\r?\n/)
          .map((l) => l.trim())
          .join("<br>");
        expect(shown(row(t)[0] as string)).toBe(shown(html(expected)));
      }),
      { numRuns: runs(3000) },
    );
  });

  it("shows md.text's text literally", () => {
    fc.assert(
      fc.property(line, (t) => {
        expect(shown(row(escapeInline(t))[0] as string)).toBe(shown(html(t)));
      }),
      { numRuns: runs(2000) },
    );
  });
});

describe("md.link read by a CommonMark parser", () => {
  it("links to the address given, under the text given", () => {
    const address = fc.string({
      unit: fc.constantFrom("a", "/", " ", "(", ")", "<", ">", "é", "?", "#", "&", "%20"),
      maxLength: 16,
    });
    fc.assert(
      fc.property(line, address, (text, url) => {
        const rendered = md.render(link(text, url));
        const m = /^<p><a href="([^"]*)">(.*)<\/a><\/p>\n$/s.exec(rendered);
        expect(m, rendered).not.toBeNull();
        expect(decodeURI((m as RegExpExecArray)[1] as string).replace(/&amp;/g, "&")).toBe(
          decodeURI(encodeURI(url)),
        );
        expect((m as RegExpExecArray)[2]).toBe(html(text));
      }),
      { numRuns: runs(2000) },
    );
  });
});

describe("md.list read by a CommonMark parser", () => {
  it("is a list of the items, nested lists inside the item before them", () => {
    expect(md.render(markdownList(["a", ["b", "c"], "d"]))).toBe(
      "<ul>\n<li>a\n<ul>\n<li>b</li>\n<li>c</li>\n</ul>\n</li>\n<li>d</li>\n</ul>\n",
    );
    // A line break in an item stays in that item.
    expect(md.render(markdownList(["a\nb", "c"]))).toBe("<ul>\n<li>a\nb</li>\n<li>c</li>\n</ul>\n");
  });
});
