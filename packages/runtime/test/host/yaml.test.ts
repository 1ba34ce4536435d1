/** YAML data: duplicate keys in linear time, built-in tags refused, merge keys applied. */
import { describe, expect, it } from "vitest";
import { loadDataFile } from "../../src/host/files.js";
import { parseYamlText } from "../../src/host/formats.js";
import { fault, makeContext, writeFiles } from "./helpers.js";

describe("duplicate YAML keys", () => {
  it("are found with the line of the repeat and of the first", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "dup.yaml": "a: 1\nb:\n  x: 1\n  y: 2\n  x: 3\n" });
    const f = fault(() => loadDataFile(ctx, "dup.yaml"));
    expect(f.code).toBe("data");
    expect(f.message).toBe(
      'data file "dup.yaml" is not valid YAML at line 5, column 3: map keys must be unique, and "x" is repeated (first at line 3)',
    );
  });

  it("include keys that YAML tells apart but an object cannot (1 and '1')", () => {
    expect(fault(() => parseYamlText("1: a\n'1': b\n", "t")).message).toContain('"1" is repeated');
    expect(fault(() => parseYamlText("- {a: 1, a: 2}\n", "t")).message).toContain("line 1, column 10");
    expect(parseYamlText("a: {x: 1}\nb: {x: 2}\n", "t")).toEqual({ a: { x: 1 }, b: { x: 2 } });
  });

  it("are checked in one pass, not by comparing every key with every other", () => {
    // 100 000 keys: about a second here; the library's pairwise check needed over a minute.
    const keys = 100_000;
    const lines: string[] = [];
    for (let i = 0; i < keys; i++) lines.push(`k${i}: ${i}`);
    lines.push("k7: again");
    const f = fault(() => parseYamlText(`${lines.join("\n")}\n`, "big"));
    expect(f.message).toBe(
      `big is not valid YAML at line ${keys + 1}, column 1: map keys must be unique, and "k7" is repeated (first at line 8)`,
    );
  });
});

describe("YAML tags", () => {
  it("refuses YAML 1.1 types that are not plain data instead of making objects of them", () => {
    for (const [text, tag] of [
      ["b: !!binary aGVsbG8=\n", "binary"],
      ["s: !!set {a, b}\n", "set"],
      ["o: !!omap [a: 1]\n", "omap"],
      ["p: !!pairs [a: 1]\n", "pairs"],
      ["t: !!timestamp 2001-12-14\n", "timestamp"],
    ]) {
      const f = fault(() => parseYamlText(text!, 'data file "t.yaml"'));
      expect(f.code).toBe("data");
      expect(f.message).toContain(`tag:yaml.org,2002:${tag}`);
      expect(f.message).toContain("at line 1, column 4");
      expect(f.message).toContain("only the core tags");
    }
  });

  it("keeps the core tags", () => {
    expect(
      parseYamlText("a: !!str 12\nb: !!int '7'\nc: !!map {x: 1}\nd: !!seq [1]\ne: !!null ''\n", "t"),
    ).toEqual({
      a: "12",
      b: 7,
      c: { x: 1 },
      d: [1],
      e: null,
    });
  });
});

describe("YAML merge keys", () => {
  it("merge a map, keeping the keys written beside the merge", () => {
    expect(parseYamlText("base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\n", "t")).toEqual({
      base: { x: 1, y: 2 },
      c: { x: 1, y: 3 },
    });
  });

  it("merge a list of maps, earlier ones first; a quoted '<<' is an ordinary key", () => {
    expect(parseYamlText("a: &a {x: 1}\nb: &b {x: 2, z: 2}\nc:\n  <<: [*a, *b]\n", "t")).toEqual({
      a: { x: 1 },
      b: { x: 2, z: 2 },
      c: { x: 1, z: 2 },
    });
    expect(parseYamlText("'<<': 1\n", "t")).toEqual({ "<<": 1 });
  });

  it("refuse a merge of something that is not a map", () => {
    expect(fault(() => parseYamlText("a:\n  <<: 1\n", "t")).message).toContain("Merge sources must be maps");
  });
});
