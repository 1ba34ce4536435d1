import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/api/options.js";
import {
  characterCount,
  isPlainObject,
  isTruthy,
  jsonIndent,
  looseEquals,
  numberToText,
  toJsonText,
  toText,
  typeName,
} from "../../src/host/text.js";
import { Budget, enterBudget, leaveBudget } from "../../src/values/budget.js";
import { ClassValue } from "../../src/values/classes.js";
import { Regex } from "../../src/values/regex.js";
import { heavy, runs } from "../support/scale.js";
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
    expect(toJsonText({ a: [], b: {}, c: [{}] }, "\t")).toBe(
      '{\n\t"a": [],\n\t"b": {},\n\t"c": [\n\t\t{}\n\t]\n}',
    );
  });

  it("writes the JSON that JSON.stringify writes, for any JSON value and indent", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 0, 2, 4, 12, "\t", "--"), (value, indent) => {
        expect(toJsonText(value, indent)).toBe(JSON.stringify(value, null, indent));
      }),
      { numRuns: runs(300) },
    );
    const odd = { n: [Number.NaN, Number.POSITIVE_INFINITY, -0, 1e21, 5e-324], u: undefined, s: '\u2028"\\' };
    expect(toJsonText(odd)).toBe('{"n":[null,null,0,1e+21,5e-324],"u":null,"s":"\u2028\\"\\\\"}');
    expect(toJsonText([undefined, () => 1])).toBe('[null,"<function>"]');
    expect(toJsonText({ toJSON: () => "custom" })).toBe('"custom"');
  });

  it("converts values nested far deeper than the JavaScript stack", () => {
    const depth = heavy(200_000);
    let list: unknown[] = [1];
    let object: Record<string, unknown> = {};
    for (let i = 0; i < depth; i++) {
      list = [list, 2];
      object = { x: object };
    }
    const text = toText(list);
    expect(text.length).toBe(1 + depth * 3);
    expect(text.startsWith("1, 2, 2")).toBe(true);
    expect(toJsonText(list).length).toBe(3 + depth * 4);
    expect(toText(object).length).toBe(2 + depth * 6);
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
    const c: unknown[] = [2];
    c.push(c);
    expect(looseEquals(a, c)).toBe(false);
    const o: Record<string, unknown> = { k: 1 };
    o.self = { back: o };
    const p: Record<string, unknown> = { k: 1 };
    p.self = { back: p };
    expect(looseEquals(o, p)).toBe(true);
    p.k = 2;
    expect(looseEquals(o, p)).toBe(false);
  });

  it("compares values nested far deeper than the JavaScript stack", () => {
    const depth = heavy(200_000);
    const deep = (leaf: unknown) => {
      let v: unknown = [leaf];
      for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { k: v };
      return v;
    };
    expect(looseEquals(deep(1), deep(1))).toBe(true);
    expect(looseEquals(deep(1), deep(2))).toBe(false);
    expect(looseEquals(deep(1), deep(null))).toBe(false);
  });

  it("agrees with a plain recursive comparison on random JSON values", () => {
    const same = (x: unknown, y: unknown): boolean => JSON.stringify(sorted(x)) === JSON.stringify(sorted(y));
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (x, y) => {
        expect(looseEquals(x, y)).toBe(same(x, y) && !hasNaN(x));
        expect(looseEquals(x, structuredClone(x))).toBe(!hasNaN(x));
      }),
      { numRuns: runs(300) },
    );
  });
});

/** A value with its objects' keys in order, so that JSON text compares them regardless of key order. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sorted((value as Record<string, unknown>)[k]);
    return out;
  }
  return Object.is(value, -0) ? 0 : value;
}

function hasNaN(value: unknown): boolean {
  if (typeof value === "number") return Number.isNaN(value);
  if (value !== null && typeof value === "object") return Object.values(value).some(hasNaN);
  return false;
}

describe("numberToText", () => {
  it("writes what String writes, for small whole numbers (looked up) and for every other number", () => {
    for (let n = -3; n < 1100; n++) expect(numberToText(n)).toBe(String(n));
    for (const n of [
      -0,
      0.5,
      1023.5,
      2 ** 32,
      2 ** 32 + 1,
      -1,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      1e21,
      5e-324,
    ])
      expect(numberToText(n)).toBe(String(n));
    fc.assert(
      fc.property(fc.double(), (n) => {
        expect(numberToText(n)).toBe(String(n));
      }),
      { numRuns: runs(2000) },
    );
  });
});

describe("jsonIndent", () => {
  /** The indentation JSON.stringify puts before an item of a list one level deep. */
  const stringifyGap = (indent: number | string | undefined) => {
    const text = JSON.stringify([1], null, indent);
    return text === "[1]" ? "" : text.slice(2, -3);
  };

  it("is the indentation JSON.stringify uses, for any number or text", () => {
    for (const indent of [
      undefined,
      -1,
      0,
      0.9,
      1,
      2.7,
      10,
      10.5,
      11,
      100,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      "",
      "\t",
      "0123456789abc",
    ])
      expect(jsonIndent(indent), String(indent)).toBe(stringifyGap(indent));
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.string({ maxLength: 14 })), (indent) => {
        expect(jsonIndent(indent)).toBe(stringifyGap(indent));
      }),
      { numRuns: runs(1000) },
    );
  });
});

describe("characterCount", () => {
  it("counts code points as Array.from does, once the text is longer than atMost", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "\ud83d", "\ude00", "😀", "é"), maxLength: 12 });
    fc.assert(
      fc.property(text, fc.nat(14), (t, atMost) => {
        const count = characterCount(t, atMost);
        // At most atMost code units: the length, which no count of characters exceeds.
        expect(count).toBe(t.length <= atMost ? t.length : Array.from(t).length);
      }),
      { numRuns: runs(2000) },
    );
    expect(characterCount("😀😀", 3)).toBe(2);
    expect(characterCount("😀😀", 4)).toBe(4);
    expect(characterCount("a\ud83d", 0)).toBe(2);
  });
});

describe("toText of lists", () => {
  type Nested = number | string | null | Nested[];
  /** Items converted and joined with ", ", nested lists flattened the same way, by recursion. */
  const reference = (v: Nested): string =>
    Array.isArray(v) ? v.map(reference).join(", ") : v === null ? "" : String(v);
  const nested = fc.letrec<{ value: Nested }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      fc.integer({ min: -5, max: 2000 }),
      fc.constantFrom("a", "", "b c"),
      fc.constant(null),
      fc.array(tie("value"), { maxLength: 4 }),
    ),
  })).value;

  it("joins the items, nested lists flattened, as a recursive join would", () => {
    fc.assert(
      fc.property(fc.array(nested, { maxLength: 5 }), (list) => {
        expect(toText(list)).toBe(reference(list));
      }),
      { numRuns: runs(2000) },
    );
  });

  it("refuses a list that holds itself, however deep, and takes one held twice side by side", () => {
    const inner: unknown[] = [1];
    expect(toText([inner, inner, [inner]])).toBe("1, 1, 1");
    const loop: unknown[] = [1];
    loop.push([2, loop]);
    expect(fault(() => toText(loop)).message).toBe("cannot convert a value that contains itself to text");
  });
});

describe("values that come from the API", () => {
  it("names, writes and converts JavaScript functions, big integers and classes", () => {
    expect(typeName(10n)).toBe("number");
    expect(typeName(() => 1)).toBe("function");
    expect(typeName(new ClassValue("Point", null))).toBe("class");
    expect(toText(10n)).toBe("10");
    expect(toText(() => 1)).toBe("<function>");
    expect(toText([10n, () => 1])).toBe("10, <function>");
    expect(toJsonText([10n, () => 1])).toBe('[10,"<function>"]');
    expect(toJsonText({ n: 2n ** 70n })).toBe(`{"n":${JSON.stringify(Number(2n ** 70n))}}`);
    expect(toText(new ClassValue("Point", null))).toBe("<class Point>");
    for (const v of [undefined, "s", 1, true, 10n]) expect(isPlainObject(v), String(v)).toBe(false);
  });

  it("passes toJSON the key JSON.stringify passes: empty at the top, the index in a list, the key in an object", () => {
    const keyed = { toJSON: (key: string) => `key ${JSON.stringify(key)}` };
    const value = { a: keyed, list: [keyed, keyed] };
    expect(toJsonText(keyed)).toBe(JSON.stringify(keyed));
    expect(toJsonText(value)).toBe(JSON.stringify(value));
    expect(toJsonText(value, 2)).toBe(JSON.stringify(value, null, 2));
  });

  it("writes a date that holds no time as the text Invalid Date, in text and in JSON", () => {
    expect(toText(new Date(Number.NaN))).toBe("Invalid Date");
    expect(toJsonText([new Date(Number.NaN)])).toBe('["Invalid Date"]');
    expect(toJsonText(new Date(0))).toBe('"1970-01-01T00:00:00.000Z"');
  });
});

describe("conversions held to maxStringLength", () => {
  const under = (maxStringLength: number, work: () => unknown): string => {
    const saved = enterBudget(new Budget({ ...DEFAULT_LIMITS, maxStringLength }, Number.POSITIVE_INFINITY));
    try {
      return fault(work).message;
    } finally {
      leaveBudget(saved);
    }
  };

  it("name what they were converting when the text grows too long", () => {
    expect(under(5, () => toJsonText([1, 2, 3]))).toBe(
      "converting to JSON would make a string of 6 characters, more than 5 (limit maxStringLength)",
    );
    expect(under(5, () => toJsonText({ abcdef: 1 }))).toMatch(
      /^converting to JSON would make a string of \d+ characters, more than 5/,
    );
    expect(under(3, () => toJsonText([[1], [2]]))).toMatch(/^converting to JSON would make a string/);
    expect(under(8, () => toJsonText([1, 2], 4))).toMatch(/^converting to JSON would make a string/);
    expect(
      under(5, () =>
        toText([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBe("converting to text would make a string of 6 characters, more than 5 (limit maxStringLength)");
    expect(under(3, () => toText([["abcd"]]))).toMatch(
      /^converting to text would make a string of 4 characters/,
    );
  });
});

describe("equality across kinds", () => {
  it("takes a missing value as null", () => {
    expect(looseEquals(undefined, null)).toBe(true);
    expect(looseEquals(null, undefined)).toBe(true);
    expect(looseEquals([undefined], [null])).toBe(true);
    expect(looseEquals({ a: undefined }, { a: null })).toBe(true);
  });

  it("never makes a date, a regex or a function equal to an object with no keys", () => {
    for (const special of [new Date(5), Regex.fromLiteral("/a/g"), lambda(() => 0)]) {
      expect(looseEquals(special, {}), String(special)).toBe(false);
      expect(looseEquals({}, special), String(special)).toBe(false);
      expect(looseEquals([special], [{}]), String(special)).toBe(false);
    }
    expect(looseEquals(new Date(5), Regex.fromLiteral("/a/"))).toBe(false);
  });

  it("compares regexes by pattern and flags, and functions by identity even with the same body", () => {
    expect(looseEquals(Regex.fromLiteral("/a/gi"), Regex.fromLiteral("/a/ig"))).toBe(true);
    expect(looseEquals(Regex.fromLiteral("/a/g"), Regex.fromLiteral("/a/"))).toBe(false);
    const body = () => 0;
    expect(looseEquals(lambda(body), lambda(body))).toBe(false);
  });

  it("compares values that contain themselves with unrolled copies of them", () => {
    const x: unknown[] = [];
    x.push(x);
    // y1 and y2 hold each other: the same shape as x, unrolled twice.
    const y1: unknown[] = [];
    const y2: unknown[] = [y1];
    y1.push(y2);
    expect(looseEquals(x, y1)).toBe(true);
    const twice: unknown[] = [];
    twice.push(twice, twice);
    const u1: unknown[] = [];
    const u2: unknown[] = [u1, u1];
    u1.push(u2, u2);
    expect(looseEquals(twice, u1)).toBe(true);
    // A difference one level down in the cycle.
    const d1: unknown[] = [];
    const d2: unknown[] = [d1, 2];
    d1.push(d2, 1);
    const s: unknown[] = [];
    s.push(s, 1);
    expect(looseEquals(s, d1)).toBe(false);
  });
});
