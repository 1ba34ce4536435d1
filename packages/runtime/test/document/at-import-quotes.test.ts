/**
 * The C tool's `@import(path)` takes its path with or without quotes: a pair of matching
 * quotes around it is dropped, anything else is part of the path. (A quote that does not
 * pair is a character of a file name, as unusual as that is.)
 */
import { describe, expect, it } from "vitest";
import { createMemoryHost, createRuntime, XmdError } from "../../src/browser.js";

const files = {
  "/part.md": "Part",
  '/"part.md': "Quote-part",
  "/part.m": "Short",
};

/** The output of rendering `source` as /a.md, or `code: message` of the error it throws. */
function render(source: string): string {
  const runtime = createRuntime({ host: createMemoryHost({ ...files, "/a.md": source }) });
  try {
    return runtime.render(source, { path: "/a.md" }).output;
  } catch (e) {
    if (e instanceof XmdError) return `${e.code}: ${e.message}`;
    throw e;
  } finally {
    runtime.dispose();
  }
}

describe("@import(path)'s quotes", () => {
  it("drops a pair of double or single quotes", () => {
    expect(render('@import("part.md")\n')).toBe("Part\n");
    expect(render("@import('part.md')\n")).toBe("Part\n");
    expect(render("@import(part.md)\n")).toBe("Part\n");
  });

  it("keeps a quote that has no partner at the end as part of the path", () => {
    expect(render('@import("part.md)\n')).toBe("Quote-part\n");
  });

  it("keeps quotes that do not match each other", () => {
    expect(render("@import(\"part.md')\n")).toContain(`cannot import ""part.md'"`);
  });

  it("reads a lone quote as a path of one quote, not as an empty pair", () => {
    const out = render('@import(")\n');
    expect(out).toMatch(/^file: cannot import """: there is no such file/);
  });

  it("reads an empty pair of quotes as an empty path", () => {
    expect(render('@import("")\n')).toMatch(/^file: cannot import "": there is no such file/);
  });
});
