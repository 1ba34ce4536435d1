import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GLOBAL_NAMES, GLOBALS, NAMESPACE_NAMES, NAMESPACES, range } from "../../src/host/globals.js";
import { namespaceMember } from "../../src/host/namespaces.js";
import { runs } from "../support/scale.js";
import { fault, lambda, makeContext } from "./helpers.js";

const ctx = makeContext();
function g(name: string, ...args: unknown[]): unknown {
  const f = GLOBALS.get(name);
  if (!f) throw new Error(`no global ${name}`);
  return f(ctx, args);
}

describe("global builtins", () => {
  it("lists the names the parser needs", () => {
    for (const name of [
      "join",
      "len",
      "range",
      "keys",
      "values",
      "round",
      "floor",
      "ceil",
      "abs",
      "min",
      "max",
    ]) {
      expect(GLOBAL_NAMES).toContain(name);
    }
    for (const name of ["sqrt", "number", "string", "map", "filter", "reduce"])
      expect(GLOBAL_NAMES).toContain(name);
    expect(NAMESPACE_NAMES).toEqual(["File", "json", "yaml", "Date", "md"]);
  });

  it("join and len", () => {
    expect(g("join", [1, "a", null], "-")).toBe("1-a-");
    expect(g("join", [1, 2])).toBe("1,2");
    expect(g("len", "héllo")).toBe(5);
    expect(g("len", [1, 2])).toBe(2);
    expect(g("len", { a: 1, b: 2 })).toBe(2);
    expect(fault(() => g("len", 3)).message).toContain("len needs a string, an array or an object");
    expect(fault(() => g("join", "abc")).code).toBe("type");
  });

  it("range is half-open like Python", () => {
    expect(g("range", 4)).toEqual([0, 1, 2, 3]);
    expect(g("range", 2, 5)).toEqual([2, 3, 4]);
    expect(g("range", 0, 10, 3)).toEqual([0, 3, 6, 9]);
    expect(g("range", 5, 0, -2)).toEqual([5, 3, 1]);
    expect(g("range", 0)).toEqual([]);
    expect(g("range", 5, 2)).toEqual([]);
    expect(fault(() => g("range", 0, 5, 0)).message).toContain("non-zero");
    const tooMany = fault(() => range([1e12]));
    expect([tooMany.code, tooMany.message]).toEqual([
      "limit",
      "range would make a list of 1000000000000 items, more than 10000000 (limit maxListItems)",
    ]);
    expect(fault(() => range([Number.POSITIVE_INFINITY])).message).toBe(
      "range would make a list of more than 10000000 items (limit maxListItems)",
    );
    expect(fault(() => range([Number.NaN])).message).toBe("range start and end must be numbers, not NaN");
    expect(fault(() => g("range")).message).toBe("range takes 1 to 3 arguments, got 0");
  });

  it("keys and values", () => {
    expect(g("keys", { b: 1, a: 2 })).toEqual(["b", "a"]);
    expect(g("values", { b: 1, a: 2 })).toEqual([1, 2]);
    expect(fault(() => g("keys", [1])).message).toBe("keys argument must be an object, not an array");
  });

  it("number functions", () => {
    expect(g("round", 2.5)).toBe(3);
    expect(g("round", 2.345, 2)).toBe(2.35);
    expect(g("floor", -1.5)).toBe(-2);
    expect(g("ceil", 1.2)).toBe(2);
    expect(g("abs", -3)).toBe(3);
    expect(g("sqrt", 16)).toBe(4);
    expect(fault(() => g("sqrt", -1)).message).toContain("negative");
    expect(g("min", 3, 1, 2)).toBe(1);
    expect(g("max", [3, 1, 2])).toBe(3);
    expect(g("max", 7)).toBe(7);
    expect(fault(() => g("min", [])).message).toContain("min of nothing");
    expect(fault(() => g("max", 1, "2")).message).toContain("max argument 2 must be a number");
    expect(fault(() => g("floor", "1")).code).toBe("type");
  });

  it("round never makes NaN or Infinity of a finite number, for every number of digits", () => {
    expect(g("round", 1.23456, 25)).toBe(1.23456);
    expect(g("round", 1e300, 10)).toBe(1e300);
    expect(g("round", -1e300, 100)).toBe(-1e300);
    expect(g("round", Number.MAX_VALUE, 0)).toBe(Number.MAX_VALUE);
    expect(g("round", 1e-300, 10)).toBe(0);
    expect(g("round", 5e-324, 100)).toBe(0);
    expect(g("round", 0.1, 100)).toBe(0.1);
    expect(g("round", 2 ** 53 + 2, 0)).toBe(2 ** 53 + 2);
    expect(g("round", 4503599627370495.5, 0)).toBe(4503599627370496);
    expect(g("round", -1.005, 2)).toBe(-1.01);
    expect(Object.is(g("round", -0.001, 2), 0)).toBe(true);
    const samples = [0.5, 1.005, 2.345, 1 / 3, 123456.789, 1e-7, 6.02e23, 9.99e307, 1e21, 4.9e-324];
    for (let digits = 0; digits <= 100; digits++) {
      for (const n of samples) {
        for (const x of [n, -n]) {
          const r = g("round", x, digits) as number;
          expect(Number.isFinite(r)).toBe(true);
          // Rounding moves a number by at most half a unit of the last decimal kept.
          expect(Math.abs(r - x)).toBeLessThanOrEqual(
            0.5 * 10 ** -digits * (1 + 1e-12) + Math.abs(x) * 1e-15,
          );
        }
      }
    }
    for (const bad of [101, -1, 1e9]) {
      const f = fault(() => g("round", 1.5, bad));
      expect([f.code, f.message]).toEqual([
        "runtime",
        `round digits must be a whole number from 0 to 100, got ${bad}`,
      ]);
    }
    expect(fault(() => g("round", 1.5, 1.5)).message).toBe(
      "round digits must be a whole number, not a number (1.5)",
    );
  });

  it("number parses text and refuses what is not a number", () => {
    expect(g("number", "42")).toBe(42);
    expect(g("number", " -3.5 ")).toBe(-3.5);
    expect(g("number", "1e3")).toBe(1000);
    expect(g("number", ".5")).toBe(0.5);
    expect(g("number", "0x10")).toBe(16);
    expect(g("number", 7)).toBe(7);
    expect(g("number", true)).toBe(1);
    for (const bad of ["", "  ", "abc", "12abc", "1,5", null, [1], {}]) {
      const f = fault(() => g("number", bad));
      expect(f.code).toBe("type");
      expect(f.message).toContain("cannot convert");
    }
  });

  it("string converts to text", () => {
    expect(g("string", 2.5)).toBe("2.5");
    expect(g("string", [1, [2]])).toBe("1, 2");
    expect(g("string", null)).toBe("");
  });

  it("map, filter, reduce (conformance lambdas case)", () => {
    const numbers = [1, 2, 3, 4];
    expect(
      g(
        "map",
        numbers,
        lambda((x) => (x as number) * 2),
      ),
    ).toEqual([2, 4, 6, 8]);
    expect(
      g(
        "filter",
        numbers,
        lambda((x) => (x as number) % 2 === 0),
      ),
    ).toEqual([2, 4]);
    expect(
      g(
        "reduce",
        numbers,
        lambda((a, b) => (a as number) + (b as number)),
        0,
      ),
    ).toBe(10);
    expect(
      g(
        "reduce",
        ["a", "b"],
        lambda((a, b) => `${a}${b}`),
      ),
    ).toBe("ab");
    expect(fault(() => g("map", numbers, "x")).message).toContain("map function must be a function");
  });
});

describe("json and yaml", () => {
  const json = NAMESPACES.get("json")!;
  const yaml = NAMESPACES.get("yaml")!;
  const jsonParse = json.members.get("parse")!;
  const jsonStringify = json.members.get("stringify")!;
  it("stringifies compactly by default (conformance arrays-objects case)", () => {
    expect(jsonStringify(ctx, [{ name: "Linh", age: 30, active: true }])).toBe(
      '{"name":"Linh","age":30,"active":true}',
    );
    expect(jsonStringify(ctx, [{ a: [1] }, 2])).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(jsonStringify(ctx, ["x"])).toBe('"x"');
    expect(jsonStringify(ctx, [new Date(0)])).toBe('"1970-01-01T00:00:00.000Z"');
    expect(fault(() => jsonStringify(ctx, [1, 99])).code).toBe("type");
  });

  it("parses JSON and names the line of an error", () => {
    expect(jsonParse(ctx, ['{"a":[1,2],"b":null}'])).toEqual({ a: [1, 2], b: null });
    const f = fault(() => jsonParse(ctx, ['{\n  "a": 1,\n  "b": }']));
    expect(f.code).toBe("data");
    expect(f.message).toContain("json.parse text is not valid JSON at line 3, column 8");
    expect(fault(() => jsonParse(ctx, [3])).code).toBe("type");
  });

  it("keeps __proto__ keys as data", () => {
    const o = jsonParse(ctx, ['{"__proto__": {"polluted": 1}}']) as Record<string, unknown>;
    expect(Object.keys(o)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("round-trips through yaml (conformance file-io case)", () => {
    const y = yaml.members.get("stringify")!(ctx, [{ name: "Alice", age: 30 }]);
    expect(y).toBe("name: Alice\nage: 30\n");
    const back = yaml.members.get("parse")!(ctx, [y]) as Record<string, unknown>;
    expect(back.name).toBe("Alice");
    expect(yaml.members.get("stringify")!(ctx, [{ when: new Date(0), f: lambda(() => 1) }])).toBe(
      "when: 1970-01-01T00:00:00.000Z\nf: <function lambda>\n",
    );
  });

  it("parses yaml with the core schema: dates stay text, yes stays text", () => {
    expect(yaml.members.get("parse")!(ctx, ["d: 2020-01-01\nt: yes\nn: 3\nb: true\nz: ~\n"])).toEqual({
      d: "2020-01-01",
      t: "yes",
      n: 3,
      b: true,
      z: null,
    });
    expect(yaml.members.get("parse")!(ctx, [""])).toBe(null);
  });
});

describe("Date", () => {
  const date = NAMESPACES.get("Date")!;
  it("is callable with a date text", () => {
    expect(date.call!(ctx, ["1990-01-01"])).toEqual(new Date(Date.UTC(1990, 0, 1)));
    expect(date.call!(ctx, ["1990-01-01T10:30:00"])).toEqual(new Date(Date.UTC(1990, 0, 1, 10, 30)));
    expect(date.call!(ctx, ["1990-01-01 10:30"])).toEqual(new Date(Date.UTC(1990, 0, 1, 10, 30)));
    expect(date.call!(ctx, ["1990-01-01T10:30:00+02:00"])).toEqual(new Date(Date.UTC(1990, 0, 1, 8, 30)));
    expect(date.call!(ctx, ["1990-01-01T10:30:00.5Z"])).toEqual(
      new Date(Date.UTC(1990, 0, 1, 10, 30, 0, 500)),
    );
    expect(date.call!(ctx, [0])).toEqual(new Date(0));
    expect(date.members.get("parse")!(ctx, ["2000-02-29"])).toEqual(new Date(Date.UTC(2000, 1, 29)));
  });

  it("refuses what is not a date", () => {
    expect(fault(() => date.call!(ctx, ["yesterday"])).message).toContain("not a date XMD can read");
    expect(fault(() => date.call!(ctx, ["2023-02-29"])).message).toContain("not a real date");
    expect(fault(() => date.call!(ctx, ["2023-13-01"])).message).toContain("not a real date");
    expect(fault(() => date.call!(ctx, [true])).code).toBe("type");
  });

  it("now uses the fixed clock when there is one", () => {
    const fixed = makeContext({ now: Date.UTC(2024, 0, 2) });
    expect(date.members.get("now")!(fixed, [])).toEqual(new Date(Date.UTC(2024, 0, 2)));
    expect(date.call!(fixed, [])).toEqual(new Date(Date.UTC(2024, 0, 2)));
    expect(fixed.nondeterminism.clock).toBe(false);
  });

  it("now reads the real clock otherwise and records it", () => {
    const live = makeContext();
    expect(date.members.get("now")!(live, [])).toBeInstanceOf(Date);
    expect(live.nondeterminism.clock).toBe(true);
  });
});

describe("File", () => {
  it("writes, reads, lists, tests and deletes (conformance file-io case)", () => {
    const c = makeContext();
    const file = (n: string) => namespaceMember("File", n);
    expect(file("write")(c, ["out/hello.txt", "Hello File"])).toBe(null);
    expect(file("read")(c, ["out/hello.txt"])).toBe("Hello File");
    expect(file("exists")(c, ["out/nothing.txt"])).toBe(false);
    expect(file("exists")(c, ["out/hello.txt"])).toBe(true);
    expect(file("exists")(c, ["out"])).toBe(true);
    file("write")(c, ["out/a.txt", 42]);
    expect(fs.readFileSync(path.join(c.root, "out/a.txt"), "utf8")).toBe("42");
    expect(file("list")(c, ["out"])).toEqual(["a.txt", "hello.txt"]);
    expect(file("list")(c, [])).toEqual(["out"]);
    expect(file("delete")(c, ["out/a.txt"])).toBe(true);
    expect(file("delete")(c, ["out/a.txt"])).toBe(false);
    expect(file("list")(c, ["out"])).toEqual(["hello.txt"]);
    expect(c.dependencies.has(path.join(c.root, "out/hello.txt"))).toBe(true);
  });

  it("suggests a misspelt member", () => {
    expect(fault(() => namespaceMember("File", "raed")).message).toBe(
      "File has no function 'raed'; did you mean 'read'?",
    );
    expect(fault(() => namespaceMember("Nope", "x")).code).toBe("undefined-name");
  });

  it("checks argument counts", () => {
    expect(fault(() => namespaceMember("File", "write")(ctx, ["x"])).message).toBe(
      "File.write takes 2 arguments, got 1",
    );
  });
});

describe("the errors of global builtins", () => {
  it("name the builtin and the argument at fault", () => {
    const f = lambda((x) => x);
    const cases: [string, () => unknown, string, string][] = [
      ["min()", () => g("min", []), "runtime", "min of nothing: give numbers or one array of numbers"],
      ["max(1, 'a')", () => g("max", 1, "a"), "type", 'max argument 2 must be a number, not a string ("a")'],
      [
        "min([1, 'a'])",
        () => g("min", [1, "a"]),
        "type",
        'min argument 2 must be a number, not a string ("a")',
      ],
      ["range('a', 2)", () => g("range", "a", 2), "type", 'range start must be a number, not a string ("a")'],
      ["range(1, 'b')", () => g("range", 1, "b"), "type", 'range end must be a number, not a string ("b")'],
      ["range('a')", () => g("range", "a"), "type", 'range end must be a number, not a string ("a")'],
      [
        "range(1, 2, 's')",
        () => g("range", 1, 2, "s"),
        "type",
        'range step must be a number, not a string ("s")',
      ],
      ["range(1, 2, 0)", () => g("range", 1, 2, 0), "runtime", "range step must be a non-zero number"],
      ["range(NaN)", () => g("range", Number.NaN), "runtime", "range start and end must be numbers, not NaN"],
      ["range(1, 9, ∞)", () => g("range", 1, 9, Infinity), "runtime", "range step must be a non-zero number"],
      ["join('x')", () => g("join", "x"), "type", 'join list must be an array, not a string ("x")'],
      ["values(1)", () => g("values", 1), "type", "values argument must be an object, not a number (1)"],
      ["round('a')", () => g("round", "a"), "type", 'round argument must be a number, not a string ("a")'],
      [
        "round(1, 1.5)",
        () => g("round", 1, 1.5),
        "type",
        "round digits must be a whole number, not a number (1.5)",
      ],
      ["sqrt(-4)", () => g("sqrt", -4), "runtime", "sqrt of a negative number (-4)"],
      ["floor('a')", () => g("floor", "a"), "type", 'floor argument must be a number, not a string ("a")'],
      ["map(1, f)", () => g("map", 1, f), "type", "map list must be an array, not a number (1)"],
      [
        "map([], 1)",
        () => g("map", [], 1),
        "type",
        "map function must be a function (for example x => x * 2), not a number (1)",
      ],
      ["filter(1, f)", () => g("filter", 1, f), "type", "filter list must be an array, not a number (1)"],
      [
        "filter([], 1)",
        () => g("filter", [], 1),
        "type",
        "filter function must be a function (for example x => x * 2), not a number (1)",
      ],
      ["reduce(1, f)", () => g("reduce", 1, f), "type", "reduce list must be an array, not a number (1)"],
      [
        "reduce([], 1)",
        () => g("reduce", [], 1),
        "type",
        "reduce function must be a function (for example x => x * 2), not a number (1)",
      ],
    ];
    for (const [call, run, code, message] of cases) {
      const e = fault(run);
      expect([e.code, e.message], call).toEqual([code, message]);
    }
  });
});

describe("the errors of namespace functions", () => {
  const call = (ns: string, member: string, ...args: unknown[]) => namespaceMember(ns, member)(ctx, args);

  it("refuse a json.stringify indent that is not 0 to 10 spaces", () => {
    expect(call("json", "stringify", [1], 10)).toBe("[\n          1\n]");
    expect(call("json", "stringify", [1], "\t")).toBe("[\n\t1\n]");
    for (const [indent, shown] of [
      [11, "a number (11)"],
      [-1, "a number (-1)"],
      [1.5, "a number (1.5)"],
      ["abc", 'a string ("abc")'],
      [" ".repeat(11), 'a string ("           ")'],
      [true, "a boolean (true)"],
      [[" "], "an array"],
    ] as const) {
      const e = fault(() => call("json", "stringify", [1], indent));
      expect([e.code, e.message], String(indent)).toEqual([
        "type",
        `json.stringify indent must be 0 to 10 spaces, not ${shown}`,
      ]);
    }
  });

  it("name the argument at fault", () => {
    expect(fault(() => call("yaml", "parse", "a: [")).message).toMatch(
      /^yaml\.parse text is not valid YAML at line 1/,
    );
    expect(fault(() => call("yaml", "parse", 3)).message).toBe(
      "yaml.parse argument must be a string, not a number (3)",
    );
    expect(fault(() => call("json", "parse", [])).message).toBe(
      "json.parse argument must be a string, not an array",
    );
    const small = makeContext({ limits: { maxStringLength: 8 } });
    expect(fault(() => namespaceMember("File", "write")(small, ["a.txt", [1, 2, 3, 4, 5]])).message).toBe(
      "File.write: the text would be longer than 8 characters (limit maxStringLength)",
    );
  });

  it("call a misspelt member a type error", () => {
    expect(fault(() => namespaceMember("json", "stringfy")).code).toBe("type");
  });
});

describe("global builtins against references", () => {
  /** `range` by its definition: from start, a step at a time, while short of the end. */
  const rangeReference = (start: number, end: number, step: number) => {
    const out: number[] = [];
    for (let v = start; step > 0 ? v < end : v > end; v += step) out.push(v);
    return out;
  };

  it("range counts as stepping from the start while short of the end does, in whole steps", () => {
    const n = fc.integer({ min: -20, max: 20 });
    const step = fc.integer({ min: -7, max: 7 }).filter((s) => s !== 0);
    fc.assert(
      fc.property(n, n, step, (a, b, s) => {
        expect(range([a, b, s])).toEqual(rangeReference(a, b, s));
        expect(range([a, b])).toEqual(rangeReference(a, b, 1));
        expect(range([b])).toEqual(rangeReference(0, b, 1));
      }),
      { numRuns: runs(1000) },
    );
  });

  it("range refuses a step of 0, an endless step and NaN ends, and counts fractional steps", () => {
    expect(range([0, 1, 0.25])).toEqual([0, 0.25, 0.5, 0.75]);
    expect(range([1, 0, -0.5])).toEqual([1, 0.5]);
    expect(range([0, 2.5])).toEqual([0, 1, 2]);
    for (const step of [0, Number.POSITIVE_INFINITY, Number.NaN])
      expect(fault(() => range([0, 5, step])).message).toBe("range step must be a non-zero number");
    expect(fault(() => range([Number.NaN])).message).toBe("range start and end must be numbers, not NaN");
    expect(fault(() => range([0, Number.NaN])).message).toBe("range start and end must be numbers, not NaN");
    expect(fault(() => range([Number.NaN, 3])).message).toBe("range start and end must be numbers, not NaN");
    expect(fault(() => range(["3"])).message).toBe('range end must be a number, not a string ("3")');
    expect(fault(() => range([1, 3, "2"])).message).toBe('range step must be a number, not a string ("2")');
  });

  it("min and max are Math.min and Math.max, of numbers or of one list", () => {
    const numbers = fc.array(fc.double(), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(numbers, (ns) => {
        expect(g("min", ...ns)).toBe(Math.min(...ns));
        expect(g("max", ...ns)).toBe(Math.max(...ns));
        expect(g("min", ns)).toBe(Math.min(...ns));
        expect(g("max", ns)).toBe(Math.max(...ns));
      }),
      { numRuns: runs(1000) },
    );
    expect(fault(() => g("min", [])).message).toBe("min of nothing: give numbers or one array of numbers");
    expect(fault(() => g("max", 1, "2")).message).toBe('max argument 2 must be a number, not a string ("2")');
    expect(fault(() => g("min", [1, 2, null])).message).toBe("min argument 3 must be a number, not null");
    // Two lists are not one list of numbers.
    expect(fault(() => g("max", [1], [2])).message).toBe("max argument 1 must be a number, not an array");
  });

  it("len counts characters of text, items of lists and keys of objects, and nothing else", () => {
    expect(g("len", "😀a")).toBe(3);
    expect(g("len", [1, [2, 3]])).toBe(2);
    expect(g("len", { a: 1, b: undefined })).toBe(2);
    expect(fault(() => g("len", 5)).message).toBe(
      "len needs a string, an array or an object, not a number (5)",
    );
    expect(fault(() => g("len", null)).code).toBe("type");
  });

  it("sqrt refuses a negative number by name", () => {
    expect(g("sqrt", 2.25)).toBe(1.5);
    expect(g("sqrt", -0)).toBe(-0);
    expect(fault(() => g("sqrt", -4)).message).toBe("sqrt of a negative number (-4)");
    expect(fault(() => g("floor", "1")).message).toBe('floor argument must be a number, not a string ("1")');
  });

  it("join and round take null for their second argument as not given", () => {
    expect(g("join", [1, 2], null)).toBe("1,2");
    expect(g("round", 2.5, null)).toBe(3);
    expect(g("round", 2.45, 1)).toBe(2.5);
    expect(fault(() => g("round", 2.45, 1.5)).message).toBe(
      "round digits must be a whole number, not a number (1.5)",
    );
    expect(g("values", { a: undefined, b: 2 })).toEqual([null, 2]);
    expect(
      g(
        "reduce",
        [1, 2, 3],
        lambda((a, b) => (a as number) + (b as number)),
        10,
      ),
    ).toBe(16);
  });
});

describe("namespaces", () => {
  const member = (ns: string, name: string) => namespaceMember(ns, name);

  it("json.stringify takes an indent of 0 to 10 spaces, or up to 10 characters of space, and nothing else", () => {
    const stringify = member("json", "stringify");
    expect(stringify(ctx, [{ a: 1 }])).toBe('{"a":1}');
    expect(stringify(ctx, [{ a: 1 }, null])).toBe('{"a":1}');
    expect(stringify(ctx, [[1], 0])).toBe("[1]");
    expect(stringify(ctx, [[1], 10])).toBe(`[\n${" ".repeat(10)}1\n]`);
    expect(stringify(ctx, [[1], "\t"])).toBe("[\n\t1\n]");
    expect(stringify(ctx, [[1], " ".repeat(10)])).toBe(`[\n${" ".repeat(10)}1\n]`);
    for (const [bad, shown] of [
      [11, "a number (11)"],
      [-1, "a number (-1)"],
      [1.5, "a number (1.5)"],
      [" ".repeat(11), `a string ("${" ".repeat(11)}")`],
      ["--", 'a string ("--")'],
      [true, "a boolean (true)"],
      [[" "], "an array"],
    ] as const) {
      const f = fault(() => stringify(ctx, [[1], bad]));
      expect(f.code).toBe("type");
      expect(f.message).toBe(`json.stringify indent must be 0 to 10 spaces, not ${shown}`);
    }
  });

  it("json.parse and yaml.parse take text only, and name what they got", () => {
    expect(fault(() => member("json", "parse")(ctx, [1])).message).toBe(
      "json.parse argument must be a string, not a number (1)",
    );
    expect(fault(() => member("yaml", "parse")(ctx, [[]])).message).toBe(
      "yaml.parse argument must be a string, not an array",
    );
    expect(member("yaml", "stringify")(ctx, [{ a: [1] }])).toBe("a:\n  - 1\n");
  });

  it("Date is now without an argument or with null, and a date from text, milliseconds or a date", () => {
    const fixed = makeContext({ now: Date.UTC(2026, 0, 2) });
    const date = NAMESPACES.get("Date")?.call;
    expect(date).toBeDefined();
    const call = date as NonNullable<typeof date>;
    expect((call(fixed, []) as Date).toISOString()).toBe("2026-01-02T00:00:00.000Z");
    expect((call(fixed, [null]) as Date).toISOString()).toBe("2026-01-02T00:00:00.000Z");
    expect((call(fixed, ["2020-05-06"]) as Date).toISOString()).toBe("2020-05-06T00:00:00.000Z");
    expect((call(fixed, [0]) as Date).toISOString()).toBe("1970-01-01T00:00:00.000Z");
    expect((member("Date", "parse")(fixed, ["2020-05-06"]) as Date).getTime()).toBe(Date.UTC(2020, 4, 6));
    expect(fixed.nondeterminism.clock).toBe(false);
    expect(fault(() => call(fixed, [1, 2])).message).toBe("Date takes 0 to 1 arguments, got 2");
  });

  it("md has every helper under its name", () => {
    const md = (name: string, ...args: unknown[]) => member("md", name)(ctx, args);
    expect(md("text", "a*b")).toBe("a\\*b");
    expect(md("cell", "a|b")).toBe("a\\|b");
    expect(md("code", "a`b")).toBe("``a`b``");
    expect(md("url", "a b")).toBe("a%20b");
    expect(md("link", "x", "a b")).toBe("[x](a%20b)");
    expect(md("html", "<a>")).toBe("&lt;a&gt;");
    expect(md("table", [{ a: 1 }])).toBe("| a |\n| ---: |\n| 1 |");
    expect(md("list", ["a"])).toBe("- a");
    expect(NAMESPACE_NAMES).toEqual(["File", "json", "yaml", "Date", "md"]);
  });

  it("File.list lists the root when given nothing or null", () => {
    const c = makeContext();
    fs.writeFileSync(path.join(c.root, "a.md"), "x");
    expect(member("File", "list")(c, [])).toEqual(["a.md"]);
    expect(member("File", "list")(c, [null])).toEqual(["a.md"]);
    expect(fault(() => namespaceMember("Nope", "x")).message).toBe("there is no builtin namespace 'Nope'");
    expect(fault(() => namespaceMember("md", "zzzzzz")).message).toBe("md has no function 'zzzzzz'");
  });
});
