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

describe("md.table's rules, one by one", () => {
  it("takes null columns as none given, and refuses columns that are not keys or [key, header(, format)]", () => {
    const rows = [{ a: 1, b: "x" }];
    expect(markdownTable(rows, null)).toBe(markdownTable(rows, undefined));
    for (const [bad, shown] of [
      [5, "a number (5)"],
      [["a"], "an array"],
      [["a", "A", {}, 1], "an array"],
      [[1, "A"], "an array"],
      [{ key: "a" }, "an object"],
    ] as const) {
      const f = fault(() => markdownTable(rows, [bad]));
      expect(f.code).toBe("type");
      expect(f.message).toBe(
        `a column of md.table is a key, [key, "Header"] or [key, "Header", {decimals: 2}], not ${shown}`,
      );
      expect(f.hint).toBe('write the columns as ["name", "qty"] or [["qty", "Quantity"]]');
    }
    expect(fault(() => markdownTable(rows, "a")).message).toBe(
      'md.table columns must be an array, not a string ("a")',
    );
    expect(fault(() => markdownTable({}, null)).message).toBe(
      "md.table rows must be an array, not an object",
    );
  });

  it("aligns right a column of numbers and missing values with at least one number, and no other", () => {
    const table = (rows: unknown[]) => markdownTable(rows, ["n"]).split("\n")[1];
    expect(table([{ n: 1 }, { n: null }, {}])).toBe("| ---: |");
    expect(table([{ n: 1 }, { n: "2" }])).toBe("| --- |");
    expect(table([{ n: null }, {}])).toBe("| --- |");
    expect(table([])).toBe("| --- |");
  });

  it("writes missing values as empty cells and formats the numbers of a column with a format", () => {
    const rows = [{ n: 1.5, s: "a|b" }, { n: null, s: null }, { s: 2.25 }];
    expect(
      markdownTable(rows, [
        ["n", "N", { decimals: 2 }],
        ["s", "S", { decimals: 1 }],
      ]),
    ).toBe("| N | S |\n| ---: | --- |\n| 1.50 | a\\|b |\n|  |  |\n|  | 2.3 |");
    // A format of null is no format.
    expect(markdownTable([{ n: 1.5 }], [["n", "N", null]])).toBe("| N |\n| ---: |\n| 1.5 |");
  });

  it("refuses a row that is not an object, when the columns are given too", () => {
    const f = fault(() => markdownTable([{ a: 1 }, "x"], ["a"]));
    expect(f.code).toBe("type");
    expect(f.message).toBe('md.table makes a row of each object of the list, not of a string ("x")');
    expect(f.hint).toBe("give it a list of objects, such as the rows of a YAML or JSON file");
  });
});

describe("md.list's depth", () => {
  const nested = (depth: number): unknown[] => {
    let list: unknown[] = ["leaf"];
    for (let i = 0; i < depth; i++) list = [list];
    return list;
  };

  it("nests 16 lists deep, and refuses a 17th level", () => {
    expect(markdownList(nested(16))).toBe(`${"  ".repeat(16)}- leaf`);
    const f = fault(() => markdownList(nested(17)));
    expect(f.code).toBe("limit");
    expect(f.message).toBe("md.list nests more than 16 levels deep");
    expect(fault(() => markdownList("a")).message).toBe('md.list items must be an array, not a string ("a")');
  });
});

describe(".format's options", () => {
  it("takes null options as none, and refuses options that are not an object", () => {
    expect(formatNumber(1234.5, null)).toBe("1,234.5");
    const f = fault(() => formatNumber(1, [1]));
    expect(f.code).toBe("type");
    expect(f.message).toBe(".format takes an object of options, not an array");
    const g = fault(() => formatNumber(1, { digits: 2 }));
    expect(g.code).toBe("type");
    expect(g.hint).toBe("its options are decimals, grouping, style, currency and locale");
  });

  it("takes 0 to 20 decimals, whole, and nothing else", () => {
    expect(formatNumber(1.5, { decimals: 0 })).toBe("2");
    expect(formatNumber(1, { decimals: 20 })).toBe(`1.${"0".repeat(20)}`);
    for (const [bad, shown] of [
      [-1, "a number (-1)"],
      [21, "a number (21)"],
      [1.5, "a number (1.5)"],
      ["2", 'a string ("2")'],
    ] as const) {
      const f = fault(() => formatNumber(1, { decimals: bad }));
      expect(f.code).toBe("type");
      expect(f.message).toBe(`.format decimals must be a whole number from 0 to 20, not ${shown}`);
    }
  });

  it("groups unless grouping is false, and only true turns it on", () => {
    expect(formatNumber(12345, { grouping: true })).toBe("12,345");
    expect(formatNumber(12345, { grouping: false })).toBe("12345");
    expect(formatNumber(12345, { grouping: "yes" })).toBe("12345");
  });

  it("takes the styles decimal, percent and currency (with a currency), and names a wrong one", () => {
    expect(formatNumber(0.5, { style: "decimal" })).toBe("0.5");
    expect(formatNumber(0.5, { style: "percent" })).toBe("50%");
    expect(formatNumber(2, { style: "currency", currency: "EUR" })).toBe("€2.00");
    expect(formatNumber(2, { currency: "EUR", style: "decimal" })).toBe("2");
    const f = fault(() => formatNumber(1, { style: "money" }));
    expect(f.code).toBe("type");
    expect(f.message).toBe(
      '.format style must be "decimal", "percent" or "currency", not a string ("money")',
    );
    const g = fault(() => formatNumber(1, { style: "currency" }));
    expect(g.code).toBe("type");
    expect(g.message).toBe('.format style "currency" needs a currency, such as currency: "USD"');
  });

  it("names a currency or locale that is not text, and a code Intl refuses", () => {
    expect(fault(() => formatNumber(1, { currency: 5 })).message).toBe(
      ".format currency must be a string, not a number (5)",
    );
    expect(fault(() => formatNumber(1, { locale: 5 })).message).toBe(
      ".format locale must be a string, not a number (5)",
    );
    const f = fault(() => formatNumber(1, { locale: "not a locale!" }));
    expect(f.code).toBe("type");
    expect(f.message).toMatch(/^\.format: /);
  });
});

describe("md.code's padding", () => {
  it("pads text that starts and ends with a space, unless it is all spaces", () => {
    expect(inlineCode(" a ")).toBe("`  a  `");
    expect(inlineCode(" a")).toBe("` a`");
    expect(inlineCode("a ")).toBe("`a `");
    expect(inlineCode("  ")).toBe("`  `");
    expect(inlineCode("`a")).toBe("`` `a ``");
    expect(inlineCode("a`")).toBe("`` a` ``");
  });
});
