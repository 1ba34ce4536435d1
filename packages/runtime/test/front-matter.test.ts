/** Front matter: found only where it is, its keys the document's variables, kept or stripped. */
import { describe, expect, it } from "vitest";
import { findFrontMatter } from "../src/markdown/front-matter.js";
import { failure, render } from "./support/render.js";

describe("findFrontMatter", () => {
  it("finds a block that opens the document and closes with --- or ...", () => {
    const source = "---\ntitle: A\n---\nBody\n";
    expect(findFrontMatter(source)).toEqual({ yamlStart: 4, yamlEnd: 13, end: 17 });
    expect(findFrontMatter("---  \r\na: 1\r\n...\r\nx")).toEqual({ yamlStart: 7, yamlEnd: 13, end: 18 });
    expect(findFrontMatter("---\n---\n")).toEqual({ yamlStart: 4, yamlEnd: 4, end: 8 });
    // A closing line that ends the text, with or without spaces and tabs after it.
    expect(findFrontMatter("---\na: 1\n---")).toEqual({ yamlStart: 4, yamlEnd: 9, end: 12 });
    expect(findFrontMatter("---\t \na: 1\n--- \t")).toEqual({ yamlStart: 6, yamlEnd: 11, end: 16 });
    // A line that only starts with --- does not close it.
    expect(findFrontMatter("---\na: 1\n--- x\n---\n")).toEqual({ yamlStart: 4, yamlEnd: 15, end: 19 });
  });

  it("finds none when the first line is not --- or the block never closes", () => {
    expect(findFrontMatter("\n---\na: 1\n---\n")).toBeNull();
    expect(findFrontMatter("----\na: 1\n---\n")).toBeNull();
    expect(findFrontMatter("--- x\na: 1\n---\n")).toBeNull();
    expect(findFrontMatter("---\na: 1\n")).toBeNull();
    expect(findFrontMatter("...\na: 1\n...\n")).toBeNull();
  });
});

describe("front matter in a document", () => {
  const doc = '---\ntitle: Hello\nyear: 2026\nline: "{{year}}!"\n---\n# {{title}} {{year + 1}}\n';

  it("makes its keys variables and keeps the block, its {{ }} rendered", () => {
    expect(render(doc, "md")).toBe('---\ntitle: Hello\nyear: 2026\nline: "2026!"\n---\n# Hello 2027\n');
  });

  it("leaves the block out when asked, {{ }} and code in it too", () => {
    expect(render(doc, "md", { frontMatter: "strip" })).toBe("# Hello 2027\n");
  });

  it("lets variables given from outside win", () => {
    expect(render(doc, "md", {}, { title: "Given" })).toContain("# Given 2027");
  });

  it("is plain text in a native file, and not front matter unless closed", () => {
    expect(render("---\nnot: closed\n", "md")).toBe("---\nnot: closed\n");
    expect(() => render("---\nx: 1\n---\nprint x\n", "xmd")).toThrow();
  });

  it("is an error when its YAML is not a mapping or not valid", () => {
    const list = failure("---\n- a\n---\nx\n", "md");
    expect([list.code, list.line, list.message]).toEqual([
      "data",
      1,
      "the front matter must be a YAML mapping of names to values",
    ]);
    const broken = failure("---\na: 1\nb: [x\n---\n", "md");
    expect(broken.code).toBe("data");
    expect(broken.message).toMatch(/^the front matter is not valid YAML/);
    expect(broken.line).toBeGreaterThan(1);
  });

  it("locates a YAML error at the document's own line and column", () => {
    for (const [page, line, column, message] of [
      ["---\na: 1\nb: c: d\n---\n", 3, 4, "Nested mappings are not allowed in compact mappings"],
      ["---\na: 1\n  b: 2\n---\n", 2, 4, "Nested mappings are not allowed in compact mappings"],
      ["---\na: 1\na: 2\n---\n", 3, 1, 'map keys must be unique, and "a" is repeated (first at line 1)'],
      ["---\r\na: 1\r\nb: c: d\r\n---\r\n", 3, 4, "Nested mappings are not allowed in compact mappings"],
      // An error past the block's last line is shown at the line that closes it.
      ["---\na: 1\nb: 'x\n---\n", 4, 1, "Missing closing 'quote"],
    ] as const) {
      const e = failure(page, "md");
      expect([e.code, e.line, e.column, e.message], page).toEqual([
        "data",
        line,
        column,
        `the front matter is not valid YAML: ${message}`,
      ]);
    }
    expect(failure("---\na: 1\nb: c: d\n---\n", "md").frame).toBe("  2 | a: 1\n> 3 | b: c: d\n    |    ^");
    // Lines and columns of two digits.
    const keys = Array.from({ length: 11 }, (_, i) => `k${i}: ${i}`).join("\n");
    const far = failure(`---\n${keys}\nabcdefghijk: c: d\n---\n`, "md");
    expect([far.line, far.column]).toEqual([13, 14]);
  });

  it("reports a limit it reaches as a limit, at the block's first line", () => {
    const e = failure(`---\na: [${"1,".repeat(200)}1]\n---\n`, "md", { limits: { maxReadBytes: 100 } });
    expect([e.code, e.line, e.column, e.message, e.hint, e.frame]).toEqual([
      "limit",
      1,
      1,
      "the front matter is too large: 407 bytes, and YAML text may be at most 100 bytes (limit maxReadBytes)",
      "raise it with --max-read (limits.maxReadBytes in the API)",
      "> 1 | ---\n    | ^^^",
    ]);
  });

  it("says how to write a mapping when it is not one", () => {
    expect(failure("---\n- a\n---\nx\n", "md").hint).toBe(
      "write one `name: value` per line between the `---` lines",
    );
  });

  it("strips an empty block and one of null alike", () => {
    expect(render("---\n---\nBody\n", "md", { frontMatter: "strip" })).toBe("Body\n");
    expect(render("---\n~\n---\nBody\n", "md", { frontMatter: "strip" })).toBe("Body\n");
  });

  it("gives an empty block no variables", () => {
    expect(render('---\n---\n{{exists("a")}}\n', "md")).toBe("---\n---\nfalse\n");
  });
});
