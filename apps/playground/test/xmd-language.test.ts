import { highlightTree, tagHighlighter, tags } from "@lezer/highlight";
import { describe, expect, it } from "vitest";
import { xmdCodeLanguage, xmdMarkdown } from "../src/xmd-language.js";

/** Names each piece by the highlight tag it gets. */
const highlighter = tagHighlighter([
  { tag: tags.keyword, class: "keyword" },
  { tag: tags.string, class: "string" },
  { tag: tags.number, class: "number" },
  { tag: tags.comment, class: "comment" },
  { tag: tags.meta, class: "meta" },
  { tag: tags.processingInstruction, class: "mark" },
  { tag: tags.variableName, class: "variable" },
  { tag: tags.heading, class: "heading" },
]);

/** The highlighted pieces of a text: `text → classes`, in order. */
function pieces(text: string, language = xmdMarkdown().language): string[] {
  const tree = language.parser.parse(text);
  const out: string[] = [];
  highlightTree(tree, highlighter, (from, to, classes) => {
    out.push(`${text.slice(from, to)} → ${classes}`);
  });
  return out;
}

describe("XMD highlighting in markdown", () => {
  it("highlights the code of a native comment as XMD", () => {
    const p = pieces('<!-- xmd\nset services import "a.yaml"\n-->\n');
    expect(p).toContain("set → keyword");
    expect(p).toContain("services → variable");
    expect(p).toContain("import → keyword");
    expect(p).toContain('"a.yaml" → string');
    expect(p[0]).toBe("<!-- → mark");
    expect(p[1]).toBe("xmd → meta");
    expect(p.at(-1)).toBe("--> → mark");
  });

  it("highlights classic directives, block and inline", () => {
    const block = pieces("<!-- xmd:for s in xs -->\n- {{s}}\n<!-- xmd:endfor -->\n");
    expect(block).toContain("xmd: → meta");
    expect(block).toContain("for → keyword");
    expect(block).toContain("in → keyword");
    expect(block).toContain("endfor → keyword");
    const inline = pieces('Hello <!-- xmd print "world" -->!\n');
    expect(inline).toContain("print → keyword");
    expect(inline).toContain('"world" → string');
  });

  it("highlights {{ }} as code, and leaves \\{{ and ordinary comments alone", () => {
    const p = pieces("Total: {{ 1 + n }} and \\{{ not code }} <!-- a note -->\n");
    expect(p).toContain("{{ → mark");
    expect(p).toContain("1 → number");
    expect(p).toContain("n → variable");
    expect(p.some((x) => x.startsWith("not"))).toBe(false);
    expect(p).toContain("<!-- a note --> → comment");
  });

  it("highlights xmd fences as XMD and other fences not", () => {
    const p = pieces('```xmd\nfor i in 1 .. 3\n    print "x" // note\n```\n\n```sh\nfor i in x\n```\n');
    expect(p.filter((x) => x === "for → keyword")).toHaveLength(1);
    expect(p).toContain("// note → comment");
    expect(p).toContain("3 → number");
  });

  it("keeps markdown's own highlighting", () => {
    const p = pieces("# Title {{t}}\n");
    expect(p).toContain(" Title  → heading");
    expect(p).toContain("t → variable");
  });

  it("reads an unclosed comment to the end of the document", () => {
    const p = pieces("<!-- xmd\nset a 1\n");
    expect(p).toContain("set → keyword");
  });
});

describe("native XMD code", () => {
  it("knows strings, templates over lines, block comments and # comments", () => {
    const p = pieces("set s `a {{x}}\nb`\n/* one\ntwo */ set n 3 # end\n", xmdCodeLanguage);
    expect(p).toContain("`a {{x}} → string");
    expect(p).toContain("b` → string");
    expect(p).toContain("/* one → comment");
    expect(p).toContain("two */ → comment");
    expect(p).toContain("# end → comment");
    expect(p).toContain("3 → number");
  });
});
