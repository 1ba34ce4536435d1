/** The md namespace and n.format: values that keep the markdown around them intact. */
import { describe, expect, it } from "vitest";
import {
  escapeHtml,
  escapeInline,
  formatNumber,
  inlineCode,
  link,
  linkUrl,
  markdownList,
  markdownTable,
  tableCell,
} from "../../src/host/markdown-text.js";
import { RuntimeFault } from "../../src/values/fault.js";
import { failure, render } from "../support/render.js";

function fault(run: () => unknown): RuntimeFault {
  try {
    run();
  } catch (e) {
    if (e instanceof RuntimeFault) return e;
    throw e;
  }
  throw new Error("no fault");
}

describe("escaping", () => {
  it("escapes inline markdown so that it reads literally", () => {
    expect(escapeInline("*a* _b_ [c](d) `e` #1 a|b 1.")).toBe(
      "\\*a\\* \\_b\\_ \\[c\\]\\(d\\) \\`e\\` \\#1 a\\|b 1\\.",
    );
    expect(escapeInline(3)).toBe("3");
  });

  it("makes a table cell one line with its pipes escaped", () => {
    expect(tableCell(" a | b \r\nc\nd ")).toBe("a \\| b<br>c<br>d");
    expect(tableCell(null)).toBe("");
  });

  it("fences inline code with more backticks than any run inside", () => {
    expect(inlineCode("plain")).toBe("`plain`");
    expect(inlineCode("a `b` c")).toBe("``a `b` c``");
    expect(inlineCode("``x``")).toBe("``` ``x`` ```");
    expect(inlineCode("`x")).toBe("`` `x ``");
    // Space on both sides would be stripped by a reader: padded to keep it.
    expect(inlineCode(" x ")).toBe("`  x  `");
    expect(inlineCode("a\nb")).toBe("`a b`");
  });

  it("encodes link destinations and escapes link text", () => {
    expect(linkUrl("https://x.org/a b(c)?q=1&r=é#h")).toBe("https://x.org/a%20b%28c%29?q=1&r=%C3%A9#h");
    expect(link("see [1]", "a b")).toBe("[see \\[1\\]](a%20b)");
  });

  it("escapes HTML", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});

describe("md.table and md.list", () => {
  const rows = [
    { name: "A|B", qty: 2, note: "x" },
    { name: "C", qty: 10.5 },
  ];

  it("heads the table with every key, right-aligns number columns, leaves missing cells empty", () => {
    expect(markdownTable(rows, undefined)).toBe(
      "| name | qty | note |\n| --- | ---: | --- |\n| A\\|B | 2 | x |\n| C | 10.5 |  |",
    );
  });

  it("takes the columns named, headed and formatted as asked", () => {
    expect(markdownTable(rows, ["qty", ["name", "Item"]])).toBe(
      "| qty | Item |\n| ---: | --- |\n| 2 | A\\|B |\n| 10.5 | C |",
    );
    expect(markdownTable(rows, [["qty", "Qty", { decimals: 2 }]])).toBe(
      "| Qty |\n| ---: |\n| 2.00 |\n| 10.50 |",
    );
    expect(markdownTable([], ["a"])).toBe("| a |\n| --- |");
    expect(markdownTable([], undefined)).toBe("");
  });

  it("refuses rows that are not objects and columns that are not keys", () => {
    expect(fault(() => markdownTable([1], undefined)).message).toBe(
      "md.table makes a row of each object of the list, not of a number (1)",
    );
    expect(fault(() => markdownTable(rows, [5])).message).toMatch(/^a column of md\.table is a key/);
    expect(fault(() => markdownTable("x", undefined)).code).toBe("type");
  });

  it("nests lists and indents the lines of a long item", () => {
    expect(markdownList(["a", ["b", ["c"]], "d\ne"])).toBe("- a\n  - b\n    - c\n- d\n  e");
    expect(markdownList([])).toBe("");
  });
});

describe("n.format", () => {
  it("writes numbers for people, in en-US unless told", () => {
    expect(formatNumber(1234567.891, undefined)).toBe("1,234,567.891");
    expect(formatNumber(0.1 + 0.2, { decimals: 2 })).toBe("0.30");
    expect(formatNumber(2.005, { decimals: 2 })).toBe("2.01");
    expect(formatNumber(1234.5, { grouping: false })).toBe("1234.5");
    expect(formatNumber(0.125, { style: "percent", decimals: 1 })).toBe("12.5%");
    expect(formatNumber(-3, { currency: "USD" })).toBe("-$3.00");
    expect(formatNumber(1234.5, { locale: "de-DE", decimals: 2 })).toBe("1.234,50");
  });

  it("names a wrong option, a bad decimals value and an unknown currency", () => {
    expect(fault(() => formatNumber(1, { digits: 2 })).message).toBe(".format has no option 'digits'");
    expect(fault(() => formatNumber(1, { decimals: 2.5 })).message).toMatch(
      /decimals must be a whole number/,
    );
    expect(fault(() => formatNumber(1, { currency: "NOPE1" })).message).toMatch(/^\.format: /);
    expect(fault(() => formatNumber(1, { style: "currency" })).message).toMatch(/needs a currency/);
    expect(fault(() => formatNumber(1, "x")).message).toBe(
      '.format takes an object of options, not a string ("x")',
    );
  });

  it("runs as a method and md functions run from XMD", () => {
    expect(render('print 0.5.format({style: "percent"}), md.cell("a|b")\n')).toBe("50% a\\|b\n");
    expect(failure('print md.nope "x"\n').message).toMatch(/md has no member 'nope'/);
  });
});
