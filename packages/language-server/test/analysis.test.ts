/** The analysis on its own: how errors become diagnostics, and how names are found in text. */
import { createRuntime, type Runtime, XmdError } from "@xmd/runtime";
import { describe, expect, it } from "vitest";
import { TextDocument } from "vscode-languageserver-textdocument";
import { diagnose, frameSpan, langOfDocument, wordAt } from "../src/analysis.js";

const doc = (text: string, uri = "file:///tmp/a.xmd", languageId = "xmd") =>
  TextDocument.create(uri, languageId, 1, text);

/** A runtime whose check() returns these errors (what it cannot be made to return yet, or only from other files). */
const checking = (...errors: XmdError[]) => ({ check: () => errors }) as unknown as Runtime;

describe("diagnose", () => {
  it("takes the range from the carets of the error's frame", () => {
    const [d] = diagnose(createRuntime(), doc('import "gone.xmd"\n'));
    expect(d?.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 17 } });
    expect(d?.message).toBe('cannot import "gone.xmd": there is no such file');
  });

  it("shows a warning as a warning (names never set, as check() reports them)", () => {
    const warning = Object.assign(
      new XmdError(
        "undefined-name",
        "'totl' is not defined",
        "a.xmd",
        2,
        7,
        "> 2 | print totl\n    |       ^^^^",
        "set it first",
      ),
      { severity: "warning" as const },
    );
    const error = new XmdError("syntax", "bad", "a.xmd", 1, 1, "> 1 | x\n    | ^");
    const [w, e] = diagnose(checking(warning, error), doc("set total 1\nprint totl\n"));
    expect(w).toMatchObject({
      severity: 2,
      code: "undefined-name",
      range: { start: { line: 1, character: 6 }, end: { line: 1, character: 10 } },
      message: "'totl' is not defined\nhelp: set it first",
    });
    expect(e?.severity).toBe(1);
  });

  it("puts an error of an imported file on the import that leads to it", () => {
    const inner = new XmdError("syntax", "bad", "lib.xmd", 5, 3, "> 5 | ??\n    |   ^");
    inner.importedFrom.push({ file: "a.xmd", line: 2, column: 1 });
    const [d] = diagnose(checking(inner), doc('set x 1\nimport "lib.xmd"\n'));
    expect(d?.range.start).toEqual({ line: 1, character: 0 });
    expect(d?.message).toBe("lib.xmd:5:3: bad");
  });

  it("keeps a range inside its line", () => {
    const long = new XmdError("syntax", "bad", "a.xmd", 1, 3, "> 1 | abcd\n    |   ^^^^^^^^^^");
    const [d] = diagnose(checking(long), doc("abcd\nnext\n"));
    expect(d?.range).toEqual({ start: { line: 0, character: 2 }, end: { line: 0, character: 4 } });
  });
});

describe("helpers", () => {
  it("reads the width of a frame's carets", () => {
    expect(frameSpan("  1 | a\n> 2 | set x = (\n    |         ^^^ label")).toBe(3);
    expect(frameSpan("")).toBe(1);
  });

  it("finds the name at or just before the cursor", () => {
    expect(wordAt("print total + 1", 8)).toEqual({ word: "total", start: 6, end: 11 });
    expect(wordAt("print total + 1", 11)).toEqual({ word: "total", start: 6, end: 11 });
    expect(wordAt("print total + 1", 12)).toBeNull();
    expect(wordAt("x 123", 4)).toBeNull(); // a number is not a name
  });

  it("tells the dialect from the extension, else the language id", () => {
    expect(langOfDocument(doc("", "file:///a.xm"))).toBe("xmd");
    expect(langOfDocument(doc("", "file:///a.md", "xmd"))).toBe("md");
    expect(langOfDocument(doc("", "untitled:Untitled-1", "xmd"))).toBe("xmd");
    expect(langOfDocument(doc("", "untitled:Untitled-1", "markdown"))).toBe("md");
  });
});
