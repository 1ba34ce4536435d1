/**
 * The C tool's `@import(path)` is a piece of the document with a path, not code: it has no
 * tokens of its own, so the builder must never read another piece's tokens as if they were
 * its directive. (The pieces' tokens share one buffer; an empty `<!-- xmd -->` puts the
 * next piece's `if` or `for` where a first token would be.)
 */
import { describe, expect, it } from "vitest";
import { createMemoryHost, createRuntime } from "../../src/browser.js";

function renderA(source: string): string {
  const runtime = createRuntime({ host: createMemoryHost({ "/part.md": "Part", "/a.md": source }) });
  try {
    return runtime.render(source, { path: "/a.md" }).output;
  } finally {
    runtime.dispose();
  }
}

describe("an @import(path) inside a classic span", () => {
  it("imports once in an if span, after an empty xmd comment", () => {
    const source = "<!-- xmd -->\n<!-- xmd:if true -->\n@import(part.md)\n<!-- xmd:endif -->\nB\n";
    expect(renderA(source)).toBe("Part\nB\n");
  });

  it("imports at each step of a for span, after an empty xmd comment", () => {
    const source = "<!-- xmd -->\n<!-- xmd:for i in [1, 2] -->\n@import(part.md)\n<!-- xmd:endfor -->\n";
    expect(renderA(source)).toBe("Part\nPart\n");
  });
});
