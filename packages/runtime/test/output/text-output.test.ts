/**
 * The string output (`TextOutput`): a one-shot render's output joined as JavaScript
 * strings. It must count bytes, hold the limit and take back output exactly as the
 * byte output does.
 */
import { describe, expect, it } from "vitest";
import { TextBuilder } from "../../src/output/text-builder.js";
import { TextOutput } from "../../src/output/text-output.js";
import { SourceBytes } from "../../src/syntax/source-bytes.js";
import { RuntimeFault } from "../../src/values/fault.js";

const MANY = Number.MAX_SAFE_INTEGER;

describe("TextOutput", () => {
  it("counts UTF-8 bytes, from far below the limit to near it", () => {
    const output = new TextOutput(30);
    output.text("a".repeat(9));
    expect(output.byteLength).toBe(9);
    // 11 code units could be 33 bytes, past the limit: from here on bytes are counted.
    output.text("éé");
    expect(output.byteLength).toBe(13);
    output.text("b");
    expect(output.byteLength).toBe(14);
    expect(output.toString()).toBe(`${"a".repeat(9)}ééb`);
  });

  it("stops at the limit at the first text that passes it, writing nothing of that text", () => {
    const output = new TextOutput(30);
    output.text("a".repeat(9));
    let error: unknown;
    try {
      output.text("b".repeat(22));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuntimeFault);
    expect((error as RuntimeFault).message).toBe(
      "output limit reached: more than 30 bytes (limit maxOutputBytes)",
    );
    expect(output.toString()).toBe("a".repeat(9));
    // Up to the limit exactly is allowed.
    output.text("b".repeat(21));
    expect(output.byteLength).toBe(30);
  });

  it("takes back output after a mark, and counts it no more", () => {
    const output = new TextOutput(12);
    output.text("ab");
    const mark = output.mark();
    output.text("ééé");
    expect(output.byteLength).toBe(8);
    expect(output.takeSince(mark)).toBe("ééé");
    expect(output.byteLength).toBe(2);
    output.text("0123456789");
    expect(output.byteLength).toBe(12);
    expect(() => output.text("x")).toThrow(RuntimeFault);
  });

  it("writes numbers, a printed line's parts and a builder's text", () => {
    const output = new TextOutput(MANY);
    output.number(0.5);
    output.parts(["- ", null, " "], new Float64Array([0, 42, 0]), 3, "\n");
    output.parts(["x"], new Float64Array(1), 1, "");
    const builder = new TextBuilder();
    builder.appendText("héllo");
    output.builder(builder);
    expect(output.toString()).toBe("0.5- 42 \nxhéllo");
  });

  it("staticShare is the share of code units copied from the source, 0 for no output, at most 1", () => {
    const output = new TextOutput(MANY);
    expect(output.staticShare()).toBe(0);
    const source = new SourceBytes("0123456789");
    output.source(source, 4, 10);
    output.text("ab");
    expect(output.staticShare()).toBe(6 / 8);
    const mark = output.mark();
    output.source(source, 0, 10);
    output.takeSince(mark);
    expect(output.staticShare()).toBe(1);
  });

  it("is empty after release", () => {
    const output = new TextOutput(MANY);
    output.text("abc");
    output.release();
    expect(output.toString()).toBe("");
  });
});
