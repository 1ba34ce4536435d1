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

  it("gives an empty block no variables", () => {
    expect(render('---\n---\n{{exists("a")}}\n', "md")).toBe("---\n---\nfalse\n");
  });
});
