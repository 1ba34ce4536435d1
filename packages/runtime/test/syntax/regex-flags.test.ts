/**
 * What follows a regex literal's closing `/` and is written like a word (letters, digits,
 * `_`, `$`) belongs to the literal, as its flags: `/x/Q` is one token whose flag `Q` the
 * parser then refuses, never the regex `/x/` followed by a name `Q`. The rows go through
 * each edge of those character ranges, and the characters just outside them.
 */
import { describe, expect, it } from "vitest";
import { lexInto } from "../../src/syntax/parser/index.js";
import { T } from "../../src/syntax/tokens.js";
import { makeUnit } from "../support/dump.js";

/** The text of the regex token `x = <literal>` lexes to. */
function regexToken(literal: string): string {
  const source = `x = ${literal}`;
  const unit = makeUnit(source);
  const tokens = lexInto(unit, 0, source.length, false);
  const regex = tokens.kind.subarray(0, tokens.length).indexOf(T.Regex);
  return source.slice(tokens.start[regex], tokens.end[regex]);
}

describe("a regex literal's flags", () => {
  it("take every letter, digit, _ and $ after the closing /", () => {
    for (const flags of ["a", "z", "A", "Z", "0", "9", "_", "$", "gimsuy", "aZ09_$"]) {
      expect(regexToken(`/x/${flags}`)).toBe(`/x/${flags}`);
    }
  });

  it("stop at a character outside those ranges", () => {
    // Just before or after each range: ` @ [ \` { / : #`.
    for (const stop of ["`", "@", "[", "{", "/", ":", "#", " ", ")"]) {
      expect(regexToken(`/x/g${stop}`)).toBe("/x/g");
    }
  });

  it("end with the code when it ends after them", () => {
    expect(regexToken("/x/")).toBe("/x/");
    expect(regexToken("/x/gi")).toBe("/x/gi");
  });
});

describe("a / after a word with a meaning in one place", () => {
  it("divides, as after any name (`times` is a variable's name outside `loop N times`)", () => {
    const source = "x = times / 2";
    const unit = makeUnit(source);
    const tokens = lexInto(unit, 0, source.length, false);
    expect([...tokens.kind.subarray(0, tokens.length)]).toEqual([
      T.Ident,
      T.Eq,
      T.Ident,
      T.Slash,
      T.Number,
      T.EOF,
    ]);
    expect(unit.problems).toEqual([]);
  });
});
