/**
 * JSON and YAML as data, at their edges: the exact bounds of each limit, YAML's node kinds
 * as data (empty values, pairs in lists, anchored and aliased keys, merges), and what
 * `toPlainData` makes of values that are not plain data.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type YAMLModule from "yaml";
import {
  MAX_YAML_ALIAS_VALUES,
  parseJsonText,
  parseYamlText,
  stringifyJson,
  stringifyYaml,
  toPlainData,
} from "../../src/host/formats.js";
import { Callable } from "../../src/values/callable.js";
import { Regex } from "../../src/values/regex.js";
import { BUDGET, budget, fault, lambda } from "./helpers.js";

const Y = createRequire(import.meta.url)("yaml") as typeof YAMLModule;

const yamlOf = (text: string) => parseYamlText(BUDGET, text, "t");
const yamlFault = (text: string) => fault(() => yamlOf(text)).message;

describe("data text size", () => {
  it("takes JSON of exactly the byte limit and refuses one byte more, counting UTF-8", () => {
    const small = budget({ maxReadBytes: 20 });
    // "€" is three bytes: 6 of them and the quotes make 20.
    expect(parseJsonText(small, `"${"€".repeat(6)}"`, "t")).toBe("€".repeat(6));
    expect(fault(() => parseJsonText(small, `"${"€".repeat(6)}a"`, "t")).message).toBe(
      "t is too large: 21 bytes, and JSON text may be at most 20 bytes (limit maxReadBytes)",
    );
  });

  it("takes YAML of exactly the byte limit", () => {
    const small = budget({ maxReadBytes: 20 });
    expect(parseYamlText(small, `a: ${"€".repeat(5)}  `, "t")).toEqual({ a: "€".repeat(5) });
  });
});

describe("JSON errors", () => {
  it("name what was being read when the time is up", () => {
    const late = budget({}, Date.now() - 1);
    expect(fault(() => parseJsonText(late, "[1]", "data.json")).message).toBe(
      "time limit reached: the document ran longer than 10000 ms, while reading data.json as JSON (limit timeoutMs)",
    );
  });
});

describe("YAML errors", () => {
  it("give the line and column of an error at the very start", () => {
    expect(yamlFault("*x")).toBe(
      "t is not valid YAML at line 1, column 1: the alias *x has no anchor &x before it",
    );
  });

  it("give the library's reason for a syntax error, without a word about tags", () => {
    expect(yamlFault("a: 1\n b: 2")).toBe(
      "t is not valid YAML at line 1, column 4: Nested mappings are not allowed in compact mappings",
    );
  });

  it("let warnings that are not about tags pass", () => {
    expect(yamlOf("%FOO bar\n---\na: 1\n")).toEqual({ a: 1 });
  });

  it("count tokens up to the cap, the end of the text included", () => {
    const text = "- a\n- b\n";
    const lexemes = [...new Y.Lexer().lex(text)].length;
    const cap = (tokens: number) => budget({ maxMemoryMb: tokens / 1024 });
    expect(parseYamlText(cap(lexemes + 1), text, "t")).toEqual(["a", "b"]);
    const f = fault(() => parseYamlText(cap(lexemes), text, "t"));
    expect(f.message).toContain(`t is too large: it has more than ${lexemes} YAML tokens`);
  });

  it("count maps as well as lists toward maxNestingDepth, and forget the ones closed", () => {
    const two = budget({ maxNestingDepth: 2 });
    expect(parseYamlText(two, "[[1], {a: 2}, [3], {b: 4}]", "t")).toEqual([[1], { a: 2 }, [3], { b: 4 }]);
    const f = fault(() => parseYamlText(two, "{a: {b: {c: 1}}}", "t"));
    expect(f.message).toBe("t nests more than 2 lists and maps deep (limit maxNestingDepth)");
    expect(f.code).toBe("limit");
  });
});

describe("YAML as data", () => {
  it("makes an empty text and an empty value null", () => {
    expect(yamlOf("")).toBeNull();
    expect(yamlOf("a:\nb: 1")).toEqual({ a: null, b: 1 });
    expect(yamlOf("{a, b: 2}")).toEqual({ a: null, b: 2 });
  });

  it("makes a pair inside a list a map of one key", () => {
    expect(yamlOf("[a: 1, b]")).toEqual([{ a: 1 }, "b"]);
  });

  it("reads a merge key as text where it is a value", () => {
    expect(yamlOf("a: <<")).toEqual({ a: "<<" });
  });

  it("takes keys that are null as the empty name", () => {
    expect(yamlOf("~: 1")).toEqual({ "": 1 });
    expect(yamlOf("{: x}")).toEqual({ "": "x" });
  });

  it("lets an anchored key be used as a value, and an alias of text be a key", () => {
    expect(yamlOf("&k a: 1\nb: *k")).toEqual({ a: 1, b: "a" });
    expect(yamlOf("x: &k name\n*k : 2")).toEqual({ x: "name", name: 2 });
  });

  it("refuses an alias of a map or a list as a key", () => {
    const reason =
      "a map or a list used as a key cannot be a key of data (keys are text, numbers, true, false or null)";
    expect(yamlFault("a: &m {x: 1}\n*m : 2")).toBe(`t is not valid YAML at line 2, column 1: ${reason}`);
    expect(yamlFault("a: &l [1]\n*l : 2")).toBe(`t is not valid YAML at line 2, column 1: ${reason}`);
  });

  it("refuses a map alias inside the map its anchor names", () => {
    expect(yamlFault("&m {x: *m}")).toBe(
      "t is not valid YAML at line 1, column 8: the alias *m is inside the value its anchor names, which would contain itself",
    );
  });

  it("refuses a merge of null", () => {
    expect(yamlFault("<<: ~")).toBe(
      "t is not valid YAML at line 1, column 5: Merge sources must be maps or map aliases",
    );
  });

  it("gives an alias of a map with empty values all of them", () => {
    expect(yamlOf("base: &b {a, b}\nuse: *b")).toEqual({
      base: { a: null, b: null },
      use: { a: null, b: null },
    });
  });

  it("makes keys that objects inherit, and merged keys, plain writable data", () => {
    const data = yamlOf("__proto__: 1\ntoString: 2\n<<: {m: 3}") as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    for (const key of ["__proto__", "toString", "m"]) {
      expect(Object.getOwnPropertyDescriptor(data, key), key).toEqual({
        value: key === "m" ? 3 : key === "toString" ? 2 : 1,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
  });

  it("takes aliases that add exactly the most values allowed, and refuses one more", () => {
    // A list of 999 items is 1 000 values; 1 000 aliases of it add 1 000 000.
    const list = `[${Array(999).fill("1").join(", ")}]`;
    const uses = (n: number) => `base: &b ${list}\nuses: [${Array(n).fill("*b").join(", ")}]\n`;
    expect(MAX_YAML_ALIAS_VALUES).toBe(1_000_000);
    expect((yamlOf(uses(1000)) as { uses: unknown[] }).uses).toHaveLength(1000);
    expect(yamlFault(uses(1001))).toContain("expands YAML aliases to more than 1000000 values");
  });
});

describe("toPlainData", () => {
  it("makes missing and non-finite values null, dates ISO text and regexes their source", () => {
    expect(toPlainData([undefined, null, Number.NaN, Number.POSITIVE_INFINITY, 1.5, "s", true], "v")).toEqual(
      [null, null, null, null, 1.5, "s", true],
    );
    expect(toPlainData({ d: new Date(0), bad: new Date(Number.NaN) }, "v")).toEqual({
      d: "1970-01-01T00:00:00.000Z",
      bad: null,
    });
    expect(toPlainData(Regex.fromLiteral("/a+/i"), "v")).toBe("/a+/i");
  });

  it("refuses functions, naming what was being stored", () => {
    expect(fault(() => toPlainData({ f: () => 1 }, "put x")).message).toBe(
      "put x: a function cannot be stored in a data file",
    );
    const named = lambda(() => 1);
    expect(named).toBeInstanceOf(Callable);
    expect(fault(() => toPlainData([named], "put x")).message).toBe(
      `put x: the function <function ${named.name}> cannot be stored in a data file`,
    );
  });

  it("refuses a value that contains itself, and takes one that holds the same value twice", () => {
    const self: unknown[] = [];
    self.push({ back: self });
    expect(fault(() => toPlainData(self, "put x")).message).toBe("put x: the value contains itself");
    const shared = { a: 1 };
    expect(toPlainData([shared, { b: shared }, [shared]], "v")).toEqual([
      { a: 1 },
      { b: { a: 1 } },
      [{ a: 1 }],
    ]);
  });

  it("keeps a __proto__ key as an own, writable key", () => {
    const value = JSON.parse('{"__proto__": {"x": 1}}') as object;
    const plain = toPlainData(value, "v") as object;
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(plain, "__proto__")).toEqual({
      value: { x: 1 },
      writable: true,
      enumerable: true,
      configurable: true,
    });
  });
});

describe("stringify within maxStringLength", () => {
  it("takes JSON text of exactly the limit, escapes counted, and refuses one more", () => {
    // Each line feed is two characters in JSON: 10 of them and the quotes make 22.
    const value = "\n".repeat(10);
    expect(stringifyJson(budget({ maxStringLength: 22 }), value)).toHaveLength(22);
    const f = fault(() => stringifyJson(budget({ maxStringLength: 21 }), value));
    expect(f.code).toBe("limit");
    expect(f.message).toContain("json.stringify");
  });

  it("names yaml.stringify when its text is too long", () => {
    const value = "\n".repeat(10);
    const written = stringifyYaml(BUDGET, value);
    const f = fault(() => stringifyYaml(budget({ maxStringLength: written.length - 1 }), value));
    expect(f.message).toContain("yaml.stringify");
    expect(stringifyYaml(budget({ maxStringLength: written.length }), value)).toBe(written);
  });
});

describe("yaml.stringify of a key '<<'", () => {
  it("quotes it, with no tag", () => {
    expect(stringifyYaml(BUDGET, { "<<": 1, a: [{ "<<": { b: 2 } }] })).toBe(
      '"<<": 1\na:\n  - "<<":\n      b: 2\n',
    );
  });
});
