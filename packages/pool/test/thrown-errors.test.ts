// The workspace's test setup (vitest.thrown-errors.ts at the root, loaded by every package's
// tests) makes toThrow("text") and toThrow(/pattern/) demand a thrown Error. Checked here,
// in the package whose tests run first, since every package's error tests lean on it.
import { describe, expect, test } from "vitest";

const throwing = (value: unknown) => () => {
  throw value;
};

/** The message of the assertion `check` fails with (or undefined when it passes). */
function failureOf(check: () => unknown): string | undefined {
  try {
    check();
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}

describe("toThrow with a text or a pattern", () => {
  test("passes for an Error whose message holds the text or matches the pattern", async () => {
    expect(throwing(new RangeError("index 4 is past the end"))).toThrow("past the end");
    expect(throwing(new RangeError("index 4 is past the end"))).toThrow(/^index \d+/);
    expect(throwing(new Error("boom"))).toThrowError("boom");
    await expect(Promise.reject(new Error("refused"))).rejects.toThrow("refused");
  });

  test.each([
    ["undefined", undefined],
    ["null", null],
    ["a bare string holding the text", "boom"],
    ["an object with a message", { message: "boom" }],
    ["an Error with another message", new Error("bang")],
  ])("fails when the code throws %s", (_what, value) => {
    expect(failureOf(() => expect(throwing(value)).toThrow("boom"))).toBe(
      "expected error to match asymmetric matcher",
    );
    expect(failureOf(() => expect(throwing(value)).toThrow(/boom/))).toBe(
      "expected error to match asymmetric matcher",
    );
  });

  test("a rejection with a non-error fails", async () => {
    await expect(expect(Promise.reject(undefined)).rejects.toThrow("refused")).rejects.toThrow(
      "expected error to match asymmetric matcher",
    );
  });

  test("the failure names what was expected", () => {
    let shown = "";
    try {
      expect(throwing(undefined)).toThrow("boom");
    } catch (e) {
      shown = String((e as { expected?: unknown }).expected ?? "");
    }
    expect(shown).toContain("boom");
  });

  test("the other forms are Vitest's own", () => {
    expect(throwing(new Error("boom"))).not.toThrow("bang");
    expect(() => undefined).not.toThrow("boom");
    expect(failureOf(() => expect(() => undefined).toThrow("boom"))).toBe(
      "expected function to throw an error, but it didn't",
    );
    expect(throwing(new RangeError("x"))).toThrow(RangeError);
    expect(throwing(undefined)).toThrow();
  });
});
