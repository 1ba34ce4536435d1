/**
 * The lexer at the end of the code it is given: a block comment, a line, a name or a
 * command that reaches it. A piece of a document is lexed as a range of the whole page, so
 * "the end" is often not the end of the text: nothing past it may be read as code.
 */
import { describe, expect, it } from "vitest";
import { lexed } from "../support/lexed.js";

describe("a line that ends the code", () => {
  it("holding a closed block comment and blanks is empty: its indentation is not measured", () => {
    expect(lexed("a\n  /* z */  ").tokens).toEqual(["Ident@0-1", "Newline@1-2", "EOF@13-13"]);
    expect(lexed("a\n  /* z */").tokens).toEqual(["Ident@0-1", "Newline@1-2", "EOF@11-11"]);
  });
});
