import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkFileName,
  DEFAULT_OPTIONS,
  decodeState,
  decodeText,
  encodeState,
  encodeText,
  type PlaygroundState,
} from "../src/state.js";

const state = (over: Partial<PlaygroundState> = {}): PlaygroundState => ({
  document: "# Hi {{name}}\n",
  files: [],
  options: { ...DEFAULT_OPTIONS },
  ...over,
});

describe("text as base64url", () => {
  it("round-trips any text, emoji and lone newlines included, with URL-safe characters only", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        const encoded = encodeText(text);
        expect(encoded).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(decodeText(encoded)).toBe(text);
      }),
    );
    expect(encodeText("é✅")).toBe("w6ninIU");
  });

  it("accepts plain base64 with padding, and '+' read back from a space", () => {
    expect(decodeText("w6nigKY=")).toBe("é…");
    const plus = Buffer.from("~~~>").toString("base64");
    expect(plus).toContain("+");
    expect(decodeText(plus.replace("+", " "))).toBe("~~~>");
  });

  it("says null for what is not base64", () => {
    expect(decodeText("not*base64!")).toBeNull();
  });
});

describe("the fragment", () => {
  it("is src= alone for a document with default options", () => {
    expect(encodeState(state({ document: "x" }))).toBe("src=eA");
  });

  it("round-trips documents, files in order and options", () => {
    const full = state({
      files: [
        { name: "data/b.yaml", content: "b: 1\n" },
        { name: "a.md", content: "part {{b}}" },
      ],
      options: { memory: "heap", strict: true, frontMatter: "strip" },
    });
    const fragment = encodeState(full);
    expect(fragment).toMatch(
      /^src=[^&]+&f%3Adata%2Fb\.yaml=[^&]+&f%3Aa\.md=[^&]+&memory=heap&strict=1&frontmatter=strip$/,
    );
    expect(decodeState(`#${fragment}`)).toEqual({ state: full, problems: [] });
  });

  it("round-trips any state", () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}(\/[a-z0-9_-]{1,8})?\.(md|yaml|json)$/);
    const anyState = fc.record({
      document: fc.string({ unit: "grapheme" }),
      files: fc.uniqueArray(fc.record({ name, content: fc.string() }), {
        selector: (f) => f.name,
        maxLength: 4,
      }),
      options: fc.record({
        memory: fc.constantFrom("pooled" as const, "heap" as const),
        strict: fc.boolean(),
        frontMatter: fc.constantFrom("keep" as const, "strip" as const),
      }),
    });
    fc.assert(
      fc.property(anyState, (s) => {
        expect(decodeState(encodeState(s))).toEqual({ state: s, problems: [] });
      }),
    );
  });

  it("reads #src= made by hand, with the defaults", () => {
    const link = `#src=${Buffer.from("Hello {{1 + 1}}").toString("base64url")}`;
    expect(decodeState(link)).toEqual({ state: state({ document: "Hello {{1 + 1}}" }), problems: [] });
  });

  it("is empty without a fragment, and says why when src is missing or broken", () => {
    expect(decodeState("")).toEqual({ state: null, problems: [] });
    expect(decodeState("#")).toEqual({ state: null, problems: [] });
    expect(decodeState("#memory=heap").problems).toEqual(["the link has no 'src=' (the document)"]);
    expect(decodeState("#src=%%%").problems).toEqual(["the link's 'src=' is not base64url text"]);
  });

  it("leaves out what it cannot use and names each", () => {
    const good = encodeText("ok");
    const { state: s, problems } = decodeState(
      `src=${good}&f:../up.md=${good}&f:a.md=***&f:b.md=${good}&f:b.md=${good}&memory=stack&strict=yes&frontmatter=drop&theme=dark`,
    );
    expect(s).toEqual(state({ document: "ok", files: [{ name: "b.md", content: "ok" }] }));
    expect(problems).toEqual([
      "file '../up.md' left out: a file name is a relative path inside the document's folder (no '', '.' or '..' parts)",
      "file 'a.md' left out: its content is not base64url text",
      "file 'b.md' is in the link twice",
      "memory=stack is not 'pooled' or 'heap'",
      "strict=yes is not 1 or 0",
      "frontmatter=drop is not 'keep' or 'strip'",
      "'theme' is not part of a playground link",
    ]);
  });
});

describe("file names", () => {
  it("accepts relative paths of plain characters", () => {
    for (const name of ["data.yaml", "parts/a-b_c.md", "x/y/z.json"]) expect(checkFileName(name)).toBeNull();
  });

  it("refuses empty, absolute, dotted, odd and the document's own name", () => {
    expect(checkFileName("")).toBe("a file needs a name");
    expect(checkFileName("/etc/passwd")).toMatch(/relative path/);
    expect(checkFileName("a/../b.md")).toMatch(/relative path/);
    expect(checkFileName("./b.md")).toMatch(/relative path/);
    expect(checkFileName("a b.md")).toMatch(/letters, digits/);
    expect(checkFileName("x".repeat(201))).toMatch(/200/);
    expect(checkFileName("index.md")).toBe("'index.md' is the document itself");
  });
});
