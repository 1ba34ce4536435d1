/**
 * The callee prescan over a token buffer that held an earlier document's tokens: it reads
 * this document's tokens only, not those left past their end (see callees.test.ts).
 */
import { describe, expect, it } from "vitest";
import { lexAppendInto, prescanCallees } from "../../src/syntax/parser/index.js";
import { TokenBuffer } from "../../src/syntax/tokens.js";
import { makeUnit } from "../support/dump.js";

describe("the prescan of a reused token buffer", () => {
  it("reads only this document's tokens, not those an earlier one left past its end", () => {
    const tokens = new TokenBuffer();
    const first = makeUnit("a b c function g\n");
    lexAppendInto(first, tokens, 0, first.source.length);
    tokens.reset();
    // Three tokens (`x`, the line's end, the EOF): the old `function g` lies just past them.
    const second = makeUnit("x\n");
    lexAppendInto(second, tokens, 0, second.source.length);
    expect(tokens.length).toBe(3);
    prescanCallees(second, tokens);
    expect([...second.callees]).toEqual([]);
  });
});
