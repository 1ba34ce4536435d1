/**
 * Token buffers are reused from piece to piece and document to document, so that lexing
 * allocates only for code larger than any before it; a huge one (a hostile document's) is
 * let go instead of kept.
 */
import { describe, expect, it } from "vitest";
import { createRuntime } from "../../src/index.js";
import { giveTokenBuffer, takeTokenBuffer } from "../../src/syntax/parser/buffers.js";
import { T, TokenBuffer } from "../../src/syntax/tokens.js";

/**
 * Takes every spare buffer (at most 16 are kept; other test files may have left some when
 * files share one module graph), so that the next take makes a new one and the next give
 * is kept.
 */
function drainSpares(): void {
  for (let i = 0; i < 16; i++) takeTokenBuffer();
}

describe("token buffers", () => {
  it("are taken again after they are given back, emptied", () => {
    drainSpares();
    const buffer = takeTokenBuffer(100);
    buffer.push(T.Ident, 0, 1, -1, 0, 0);
    giveTokenBuffer(buffer);
    const again = takeTokenBuffer(100);
    expect(again).toBe(buffer);
    expect(again.length).toBe(0);
    giveTokenBuffer(again);
  });

  it("are sized to the code when none is spare: half a token per character, 8 to 512", () => {
    drainSpares();
    expect([
      takeTokenBuffer(100).capacity,
      takeTokenBuffer(2).capacity,
      takeTokenBuffer(1 << 20).capacity,
    ]).toEqual([50, 8, 512]);
  });

  it("are not kept when they grew past 65,536 tokens", () => {
    drainSpares();
    const huge = new TokenBuffer(1 << 17);
    giveTokenBuffer(huge);
    expect(takeTokenBuffer()).not.toBe(huge);
    const largest = new TokenBuffer(1 << 16);
    giveTokenBuffer(largest);
    expect(takeTokenBuffer()).toBe(largest);
  });

  it("report their capacity, which doubles as tokens are pushed", () => {
    const buffer = new TokenBuffer(2);
    expect(buffer.capacity).toBe(2);
    for (let i = 0; i < 3; i++) buffer.push(T.Number, i, i + 1, -1, i, 0);
    expect(buffer.capacity).toBe(4);
    expect([...buffer.num.subarray(0, 3)]).toEqual([0, 1, 2]);
  });
});

describe("a '(' that starts a lambda", () => {
  // The pieces of a document share one buffer: a '(' left open in one must not pair with a
  // ')' of a later one, which would make it a lambda's parameter list.
  it("is not one when a later piece's ')' is followed by '=>'", () => {
    const runtime = createRuntime({});
    const source = "<!-- xmd print (1 -->\n<!-- xmd set f = ) => 2 -->\n";
    expect(runtime.check(source, { lang: "md" }).map((p) => [p.line, p.column, p.message])).toEqual([
      [1, 16, "this '(' is never closed"],
      [2, 18, "expected an expression but found ')'"],
    ]);
  });

  it("is not one when a later line's ')' is followed by '=>'", () => {
    const runtime = createRuntime({});
    // The '(' is left open by a ']': the line ends, and with it the '(' (in the lexer's count
    // the brackets are balanced, so the line break is a statement's end).
    const source = "print (1]\nset f = ) => 2\n";
    expect(runtime.check(source, { lang: "xmd" }).map((p) => [p.line, p.column, p.message])).toEqual([
      [1, 9, "expected ')' but found ']'"],
      [2, 9, "expected an expression but found ')'"],
    ]);
  });
});
