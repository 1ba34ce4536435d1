import { describe, expect, it } from "vitest";
import { isPlainObject, isTruthy, looseEquals, toJsonText, toText, typeName } from "../../src/host/text.js";
import { fault, lambda } from "./helpers.js";

describe("toText", () => {
  it("converts the conformance to-text cases", () => {
    const xs = [1, 2.5, "three"];
    expect(toText(xs)).toBe("1, 2.5, three");
    expect(toText({ a: 1, b: "x" })).toBe('{"a":1,"b":"x"}');
    expect(`[${toText(null)}]`).toBe("[]");
    expect(toText(0.25 * -1)).toBe("-0.25");
    expect(toText(10 / 4)).toBe("2.5");
    expect(toText(6 / 3)).toBe("2");
    expect(toText([xs, [true, false]])).toBe("1, 2.5, three, true, false");
  });

  it("converts scalars", () => {
    expect(toText("as is")).toBe("as is");
    expect(toText(3)).toBe("3");
    expect(toText(-0)).toBe("0");
    expect(toText(1e21)).toBe("1e+21");
    expect(toText(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(toText(Number.NaN)).toBe("NaN");
    expect(toText(Number.POSITIVE_INFINITY)).toBe("Infinity");
    expect(toText(true)).toBe("true");
    expect(toText(false)).toBe("false");
    expect(toText(undefined)).toBe("");
  });

  it("converts dates, functions and regexes", () => {
    expect(toText(new Date(Date.UTC(1990, 0, 1)))).toBe("1990-01-01T00:00:00.000Z");
    expect(toText(new Date(Number.NaN))).toBe("Invalid Date");
    expect(toText(lambda(() => 1))).toBe("<function lambda>");
    expect(toText(/a+/g)).toBe("/a+/g");
  });

  it("converts objects to compact JSON with dates and functions inside", () => {
    const o = { when: new Date(0), f: lambda(() => 1), list: [1, null], nested: { k: "v" } };
    expect(toText(o)).toBe(
      '{"when":"1970-01-01T00:00:00.000Z","f":"<function lambda>","list":[1,null],"nested":{"k":"v"}}',
    );
    expect(toText([{ a: 1 }, [2, 3]])).toBe('{"a":1}, 2, 3');
    expect(toText([])).toBe("");
    expect(toText({})).toBe("{}");
  });

  it("keeps insertion order of keys", () => {
    const o: Record<string, unknown> = {};
    o.z = 1;
    o.a = 2;
    expect(toText(o)).toBe('{"z":1,"a":2}');
  });

  it("reports a value that contains itself", () => {
    const o: Record<string, unknown> = {};
    o.self = o;
    expect(fault(() => toText(o)).code).toBe("runtime");
    const a: unknown[] = [];
    a.push(a);
    expect(fault(() => toText(a)).message).toContain("contains itself");
  });

  it("indents JSON on request", () => {
    expect(toJsonText({ a: [1] }, 2)).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(toJsonText(undefined)).toBe("null");
  });
});

describe("typeName", () => {
  it("names every kind", () => {
    expect(typeName(1)).toBe("number");
    expect(typeName("s")).toBe("string");
    expect(typeName(true)).toBe("boolean");
    expect(typeName(null)).toBe("null");
    expect(typeName(undefined)).toBe("null");
    expect(typeName([])).toBe("array");
    expect(typeName({})).toBe("object");
    expect(typeName(new Date())).toBe("date");
    expect(typeName(lambda(() => 0))).toBe("function");
    expect(typeName(/x/)).toBe("regex");
  });

  it("recognises plain objects only", () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
    expect(isPlainObject([])).toBe(false);
    expect(isPlainObject(new Date())).toBe(false);
    expect(isPlainObject(lambda(() => 0))).toBe(false);
    expect(isPlainObject(null)).toBe(false);
  });
});

describe("isTruthy", () => {
  it("treats false, null, 0, NaN and the empty string as false", () => {
    for (const v of [false, null, undefined, 0, -0, Number.NaN, ""]) expect(isTruthy(v)).toBe(false);
  });
  it("treats everything else as true, empty arrays and objects included", () => {
    for (const v of [true, 1, -1, "0", "false", " ", [], {}, new Date(0), lambda(() => 0)]) {
      expect(isTruthy(v)).toBe(true);
    }
  });
});

describe("looseEquals", () => {
  it("compares scalars by kind and value", () => {
    expect(looseEquals(1, 1)).toBe(true);
    expect(looseEquals(0, -0)).toBe(true);
    expect(looseEquals(1, "1")).toBe(false);
    expect(looseEquals("a", "a")).toBe(true);
    expect(looseEquals(true, 1)).toBe(false);
    expect(looseEquals(null, null)).toBe(true);
    expect(looseEquals(null, undefined)).toBe(true);
    expect(looseEquals(null, 0)).toBe(false);
    expect(looseEquals(null, "")).toBe(false);
    expect(looseEquals(Number.NaN, Number.NaN)).toBe(false);
  });

  it("compares arrays and objects structurally", () => {
    expect(looseEquals([1, [2, { a: 3 }]], [1, [2, { a: 3 }]])).toBe(true);
    expect(looseEquals([1, 2], [2, 1])).toBe(false);
    expect(looseEquals([1], [1, 2])).toBe(false);
    expect(looseEquals({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(looseEquals({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(looseEquals({ a: 1, b: undefined }, { a: 1, c: null })).toBe(false);
    expect(looseEquals([], {})).toBe(false);
  });

  it("compares dates by time and functions by identity", () => {
    expect(looseEquals(new Date(5), new Date(5))).toBe(true);
    expect(looseEquals(new Date(5), new Date(6))).toBe(false);
    expect(looseEquals(new Date(5), 5)).toBe(false);
    const f = lambda(() => 0);
    expect(looseEquals(f, f)).toBe(true);
    expect(
      looseEquals(
        f,
        lambda(() => 0),
      ),
    ).toBe(false);
  });

  it("terminates on values that contain themselves", () => {
    const a: unknown[] = [1];
    a.push(a);
    const b: unknown[] = [1];
    b.push(b);
    expect(looseEquals(a, b)).toBe(true);
  });
});
