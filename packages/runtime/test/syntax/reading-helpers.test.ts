/**
 * Two helpers of reading that documents reach only at their edges: the read clock's own
 * error, for a clock made with a deadline and no error of its caller's, and string
 * escapes at the very end of a string's text.
 */
import { describe, expect, it } from "vitest";
import { CHECK_EVERY, ReadClock } from "../../src/syntax/clock.js";
import { unescapeString } from "../../src/syntax/parser/strings.js";

describe("ReadClock", () => {
  it("throws its own error, naming the offset, when the deadline has passed", () => {
    const clock = new ReadClock(Date.now() - 1);
    for (let i = 1; i < CHECK_EVERY; i++) clock.tick(i);
    // Caught and looked at here: Vitest's toThrow("…") also passes when undefined is thrown.
    let thrown: unknown;
    try {
      clock.tick(77);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toBe("time limit reached while reading, at offset 77");
  });
});

describe("unescapeString", () => {
  const decode = (text: string) => unescapeString(`"${text}"`, 1, text.length + 1);

  it("decodes the escapes", () => {
    expect(decode("a\\nb\\tc\\\\d\\u0041\\uZZ")).toBe("a\nb\tc\\dAuZZ");
  });

  it("keeps a backslash that ends the text as it is", () => {
    expect(decode("a\\")).toBe("a\\");
    expect(decode("\\")).toBe("\\");
    expect(decode("a\\nb\\")).toBe("a\nb\\");
  });
});
