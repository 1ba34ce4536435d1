/**
 * The text builder (`output/text-builder.ts`) and the variables that hold one: the bytes
 * are the text's UTF-8, the counts its lengths, and a variable in a builder reads, writes
 * and releases as one holding the text.
 */
import { describe, expect, it } from "vitest";
import { HeapVariables, PooledVariables, type VariableStore } from "../../src/eval/variables.js";
import { numberToText } from "../../src/host/text.js";
import { KEPT_BUILDER_BYTES, TextBuilder } from "../../src/output/text-builder.js";

const decode = (b: TextBuilder) =>
  new TextDecoder("utf-8", { fatal: true }).decode(b.bytes.subarray(0, b.length));

describe("TextBuilder", () => {
  it("appends text as UTF-8, growing past its first buffer, and counts both lengths", () => {
    const b = new TextBuilder();
    const pieces = ["|", " ascii ", "é", "日本語", "😀", "x".repeat(300), "ü"];
    for (const p of pieces) expect(b.appendText(p)).toBe(true);
    const text = pieces.join("");
    expect(b.text()).toBe(text);
    expect(decode(b)).toBe(text);
    expect(b.units).toBe(text.length);
    expect(b.length).toBe(new TextEncoder().encode(text).length);
    expect(b.bytes.length).toBeGreaterThanOrEqual(b.length);
  });

  it("starts empty, and writes U+0080 and every character past ASCII as UTF-8", () => {
    const b = new TextBuilder();
    expect([b.text(), b.length, b.units]).toEqual(["", 0, 0]);
    b.appendText("\u007f\u0080\u00ff\u0800");
    expect(Array.from(b.bytes.subarray(0, b.length))).toEqual([
      0x7f, 0xc2, 0x80, 0xc3, 0xbf, 0xe0, 0xa0, 0x80,
    ]);
    expect(b.text()).toBe("\u007f\u0080\u00ff\u0800");
  });

  it("grows for a long text past ASCII, and only as much as it needs", () => {
    const b = new TextBuilder();
    const long = "é日😀".repeat(200);
    b.appendText("a");
    b.appendText(long);
    expect(b.text()).toBe(`a${long}`);
    expect(b.length).toBe(1 + 9 * 200);
    // Doubling: never more than twice the bytes held (or the first buffer).
    for (let i = 0; i < 300; i++) {
      b.appendNumber(i * 1.5);
      b.appendText(" ");
    }
    expect(b.bytes.length).toBeLessThanOrEqual(Math.max(128, 2 * b.length + 3 * long.length));
    // A text that needs more than twice the room of the first growth, in one append.
    const wide = new TextBuilder();
    const han = "日".repeat(1000);
    wide.appendText("a");
    wide.appendText(han);
    expect(wide.text()).toBe(`a${han}`);
    expect(wide.length).toBe(3001);
    const numbers = new TextBuilder();
    for (let i = 0; i < 1000; i++) numbers.appendNumber(-i - 0.25);
    expect(numbers.text()).toBe(Array.from({ length: 1000 }, (_, i) => String(-i - 0.25)).join(""));
    expect(numbers.bytes.length).toBeLessThanOrEqual(2 * numbers.length + 128);
  });

  it("takes an empty text, changing nothing", () => {
    const b = new TextBuilder();
    b.appendText("ab");
    expect(b.appendText("")).toBe(true);
    expect([b.text(), b.length, b.units]).toEqual(["ab", 2, 2]);
  });

  it("refuses a text with a lone surrogate, appending nothing of it", () => {
    const b = new TextBuilder();
    b.appendText("ab");
    for (const lone of ["\ud800", "x\udc00", "é\ud83d"]) {
      expect(b.appendText(lone)).toBe(false);
      expect([b.text(), b.length, b.units]).toEqual(["ab", 2, 2]);
    }
    expect(b.appendText("\ud83d\ude00")).toBe(true); // a pair is a character
    expect(b.text()).toBe("ab😀");
  });

  it("writes numbers as numberToText does", () => {
    const numbers = [
      0,
      -0,
      7,
      -7,
      1023,
      1024,
      0.5,
      0.1 + 0.2,
      1 / 3,
      -1e-7,
      1e21,
      2 ** 53,
      2 ** 53 + 2,
      123456.789,
    ];
    numbers.push(
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.MAX_VALUE,
      Number.MIN_VALUE,
    );
    for (let i = 0; i < 2000; i++) numbers.push((i * 7919.123) % 1e6, Math.round(i ** 3.3), -i / 8);
    for (const n of numbers) {
      const b = new TextBuilder();
      b.appendText("=");
      b.appendNumber(n);
      expect(b.text()).toBe(`=${numberToText(n)}`);
      expect(b.units).toBe(1 + numberToText(n).length);
    }
  });

  it("goes back to an earlier length, and decodes again after a change", () => {
    const b = new TextBuilder();
    b.appendText("abc");
    const [length, units] = [b.length, b.units];
    expect(b.text()).toBe("abc");
    b.appendText("é");
    b.appendNumber(12);
    expect(b.text()).toBe("abcé12");
    b.truncate(length, units);
    expect([b.text(), b.length, b.units]).toEqual(["abc", 3, 3]);
    b.clear();
    expect([b.text(), b.length, b.units]).toEqual(["", 0, 0]);
  });
});

describe.each([
  ["pooled", () => new PooledVariables(1000, true)],
  ["heap", () => new HeapVariables(1000)],
] as const)("variables holding a builder (%s)", (_, make: () => VariableStore) => {
  it("read the builder's text, are set, and are replaced by a write", () => {
    const vars = make();
    const v = vars.create();
    expect(vars.builderOf(v)).toBeNull();
    const b = vars.startText(v, "ab") as TextBuilder;
    expect(b).not.toBeNull();
    expect(vars.builderOf(v)).toBe(b);
    b.appendText("c");
    expect(vars.isSet(v)).toBe(true);
    expect(vars.read(v)).toBe("abc");
    vars.write(v, 5);
    expect(vars.builderOf(v)).toBeNull();
    expect(vars.read(v)).toBe(5);
    vars.startText(v, "x");
    vars.write(v, "y");
    expect(vars.read(v)).toBe("y");
  });

  it("refuse a text a builder cannot hold, the variable unchanged", () => {
    const vars = make();
    const v = vars.create();
    vars.write(v, "before");
    expect(vars.startText(v, "a\ud800")).toBeNull();
    expect(vars.builderOf(v)).toBeNull();
    expect(vars.read(v)).toBe("before");
  });

  it("start each builder empty, and keep none after release", () => {
    const vars = make();
    const v = vars.create();
    (vars.startText(v, "long text") as TextBuilder).appendText("!");
    vars.releaseAll();
    const w = vars.create();
    expect(vars.builderOf(w)).toBeNull();
    expect(vars.read(w)).toBeUndefined();
    expect((vars.startText(w, "z") as TextBuilder).text()).toBe("z");
  });
});

describe("pooled variables' builders", () => {
  it("serve the next variable of the slot, unless a long text grew them", () => {
    const vars = new PooledVariables(1000, false);
    const first = vars.startText(vars.create(), "row") as TextBuilder;
    vars.releaseAll();
    const again = vars.startText(vars.create(), "next") as TextBuilder;
    expect(again).toBe(first);
    again.appendText("x".repeat(KEPT_BUILDER_BYTES + 1));
    vars.releaseAll();
    expect(vars.startText(vars.create(), "after")).not.toBe(first);
  });

  it("writes whole numbers around the int32 bounds as numberToText does", () => {
    const numbers = [
      9,
      10,
      999,
      1000,
      99_999_999,
      1e8,
      2 ** 31 - 1,
      2 ** 31,
      2 ** 32,
      -1,
      -(2 ** 31),
      2 ** 31 - 0.5,
    ];
    for (const n of numbers) {
      const b = new TextBuilder();
      b.appendNumber(n);
      b.appendText("|");
      expect([b.text(), b.units, b.length]).toEqual([
        `${numberToText(n)}|`,
        numberToText(n).length + 1,
        numberToText(n).length + 1,
      ]);
    }
  });
});
