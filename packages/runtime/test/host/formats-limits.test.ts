/** json/yaml parse and stringify, and put, within the run's limits (item 2 of issue 13). */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type YAMLModule from "yaml";
import { dataPut } from "../../src/host/data.js";
import { parseJsonText, stringifyJson, stringifyYaml } from "../../src/host/formats.js";
import { BUDGET, budget, contextFor, fault, tempDir } from "./helpers.js";

const Y = createRequire(import.meta.url)("yaml") as typeof YAMLModule;

/** A list that holds the one before it twice, `depth` times over: 2^depth leaves written out. */
function doubling(depth: number): unknown {
  let v: unknown = ["x"];
  for (let i = 0; i < depth; i++) v = [v, v];
  return v;
}

describe("yaml.stringify", () => {
  it("writes what the library writes (the clock checks change nothing)", () => {
    const values: unknown[] = [
      { name: "An", tags: ["a", "b"], nested: { deep: [1, 2.5, null, true] }, empty: {}, none: [] },
      [{ a: 1 }, [1, [2, [3]]], "multi\nline\ntext", "yes", "1.0", "", "- dash", "#"],
      "x".repeat(200),
      42,
      null,
    ];
    for (const value of values)
      expect(stringifyYaml(BUDGET, value)).toBe(Y.stringify(value, { schema: "core" }));
  });

  it("refuses a value with more values than 1 KiB of the memory limit each, before writing", () => {
    const small = budget({ maxMemoryMb: 1 }); // 1024 values
    expect(stringifyYaml(small, Array(1000).fill(1))).toHaveLength(4000);
    const f = fault(() => stringifyYaml(small, Array(1100).fill(1)));
    expect(f.code).toBe("limit");
    expect(f.message).toBe(
      "yaml.stringify: the value holds more than 1024 values (lists, objects and the items in them), and at most 1024 can be written: writing YAML takes about 1 KiB of memory per value, and the memory limit is 1 MB (limit maxMemoryMb)",
    );
    expect(f.hint).toBe(
      "raise it with --max-memory (limits.maxMemoryMb in the API), or write it as JSON (json.stringify), which needs no more memory than its text",
    );
  });

  it("refuses text longer than maxStringLength, and a value that would expand to billions before it expands", () => {
    const f = fault(() => stringifyYaml(budget({ maxStringLength: 100 }), Array(60).fill("ab")));
    expect(f.code).toBe("limit");
    expect(f.message).toBe(
      "yaml.stringify: the text would be longer than 100 characters (limit maxStringLength)",
    );
    expect(f.hint).toBe("raise it with --max-string-length (limits.maxStringLength in the API)");
    expect(fault(() => stringifyYaml(BUDGET, doubling(40))).code).toBe("limit");
  });

  it("stops when the document's time is up", () => {
    const f = fault(() => stringifyYaml(budget({}, Date.now() - 1), Array(5000).fill({ a: 1 })));
    expect(f.code).toBe("limit");
    expect(f.message).toContain("time limit reached: the document ran longer than 10000 ms, while");
    expect(f.message).toContain("(limit timeoutMs)");
  });
});

describe("json.stringify and json.parse", () => {
  it("refuse text longer than maxStringLength, counting indentation", () => {
    const small = budget({ maxStringLength: 100 });
    expect(stringifyJson(small, Array(40).fill(1))).toHaveLength(81);
    expect(fault(() => stringifyJson(small, Array(60).fill(1))).message).toBe(
      "json.stringify: the text would be longer than 100 characters (limit maxStringLength)",
    );
    // 40 items of 1 are 81 characters compact, but 4 more per item indented by 2
    expect(fault(() => stringifyJson(small, Array(40).fill(1), 2)).code).toBe("limit");
    expect(fault(() => stringifyJson(BUDGET, doubling(40))).code).toBe("limit");
  });

  it("leave a value that contains itself to the conversion, which says so", () => {
    const self: unknown[] = [1];
    self.push(self);
    expect(fault(() => stringifyJson(BUDGET, self)).message).toBe(
      "cannot convert a value that contains itself to text",
    );
  });

  it("parse at most maxReadBytes, or 1/32 of the memory limit, of JSON", () => {
    const text = `[${"0,".repeat(600)}0]`;
    const f = fault(() => parseJsonText(budget({ maxReadBytes: 1000 }), text, "json.parse text"));
    expect(f.code).toBe("limit");
    expect(f.message).toBe(
      "json.parse text is too large: 1203 bytes, and JSON text may be at most 1000 bytes (limit maxReadBytes)",
    );
    expect(parseJsonText(BUDGET, text, "json.parse text")).toHaveLength(601);
    expect(parseJsonText(BUDGET, '\ufeff{"a": 1}', "t")).toEqual({ a: 1 });
  });
});

describe("put", () => {
  it("measures the value before it writes it, in JSON and in YAML", () => {
    const ctx = contextFor(tempDir(), { limits: { maxStringLength: 100 } });
    const f = fault(() => dataPut(ctx, "d.json", ["a"], Array(60).fill("ab")));
    expect(f.code).toBe("limit");
    expect(f.message).toBe(
      'put into "d.json": the text would be longer than 100 characters (limit maxStringLength)',
    );
    expect(fault(() => dataPut(ctx, "d.yaml", ["a"], doubling(40))).code).toBe("limit");
    const yamlCtx = contextFor(tempDir(), { limits: { maxMemoryMb: 1 } });
    expect(fault(() => dataPut(yamlCtx, "d.yaml", ["a"], Array(2000).fill(1))).message).toContain(
      "(limit maxMemoryMb)",
    );
    // a put into JSON copies the value first: 256 bytes a value
    const jsonCtx = contextFor(tempDir(), { limits: { maxMemoryMb: 1 } }); // 4096 values
    dataPut(jsonCtx, "d.json", ["a"], Array(4000).fill(1));
    expect(fault(() => dataPut(jsonCtx, "d.json", ["a"], Array(4100).fill(1))).message).toBe(
      'put into "d.json": the value holds more than 4096 values (lists, objects and the items in them), and at most 4096 can be written: writing a data file takes about 256 bytes of memory per value, and the memory limit is 1 MB (limit maxMemoryMb)',
    );
    expect(fault(() => dataPut(jsonCtx, "d.json", ["a"], doubling(30))).code).toBe("limit");
    expect(ctx.written.bytes).toBe(0);
  });

  it("counts what it writes against maxWriteBytes", () => {
    const ctx = contextFor(tempDir(), { limits: { maxWriteBytes: 100 } });
    dataPut(ctx, "d.json", ["a"], "x".repeat(40)); // {"a": "x…"} with indent and newline: 54 bytes
    expect(ctx.written.bytes).toBe(54);
    const f = fault(() => dataPut(ctx, "d.json", ["b"], "y".repeat(40)));
    expect(f.code).toBe("limit");
    expect(f.message).toContain("(limit maxWriteBytes)");
  });
});

describe("yaml.stringify of deeply nested values", () => {
  /** A list nested `depth` levels deep. */
  const nested = (depth: number): unknown => {
    let v: unknown = [];
    for (let i = 0; i < depth; i++) v = [v];
    return v;
  };

  it("writes values nested up to maxNestingDepth, and refuses deeper ones before writing", () => {
    const limits = { maxNestingDepth: 50 };
    expect(stringifyYaml(budget(limits), nested(49))).toBe(`${"- ".repeat(49)}[]\n`);
    const f = fault(() => stringifyYaml(budget(limits), nested(51)));
    expect(f.code).toBe("limit");
    expect(f.message).toBe(
      "yaml.stringify: the value nests more than 50 lists and objects deep (limit maxNestingDepth)",
    );
    expect(f.hint).toBe(
      "raise it with --max-nesting (limits.maxNestingDepth in the API), or write it as JSON (json.stringify), which writes any depth",
    );
    // JSON has no such bound: it is written without recursion.
    expect(stringifyJson(budget(limits), nested(5000))).toBe(`${"[".repeat(5001)}${"]".repeat(5001)}`);
  });
});
