/** YAML data: duplicate keys in linear time, built-in tags refused, merge keys applied. */
import { describe, expect, it } from "vitest";
import { loadDataFile } from "../../src/host/files.js";
import { parseYamlText } from "../../src/host/formats.js";
import { heavy } from "../support/scale.js";
import { BUDGET, fault, makeContext, writeFiles } from "./helpers.js";

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
    expect(fault(() => parseYamlText(BUDGET, "1: a\n'1': b\n", "t")).message).toContain('"1" is repeated');
    expect(fault(() => parseYamlText(BUDGET, "- {a: 1, a: 2}\n", "t")).message).toContain(
      "line 1, column 10",
    );
    expect(parseYamlText(BUDGET, "a: {x: 1}\nb: {x: 2}\n", "t")).toEqual({ a: { x: 1 }, b: { x: 2 } });
  });

  it("are checked in one pass, not by comparing every key with every other", () => {
    // 100 000 keys: about a second here; the library's pairwise check needed over a minute.
    const keys = heavy(100_000);
    const lines: string[] = [];
    for (let i = 0; i < keys; i++) lines.push(`k${i}: ${i}`);
    lines.push("k7: again");
    const f = fault(() => parseYamlText(BUDGET, `${lines.join("\n")}\n`, "big"));
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
      const f = fault(() => parseYamlText(BUDGET, text!, 'data file "t.yaml"'));
      expect(f.code).toBe("data");
      expect(f.message).toContain(`tag:yaml.org,2002:${tag}`);
      expect(f.message).toContain("at line 1, column 4");
      expect(f.message).toContain("only the core tags");
    }
  });

  it("keeps the core tags", () => {
    expect(
      parseYamlText(BUDGET, "a: !!str 12\nb: !!int '7'\nc: !!map {x: 1}\nd: !!seq [1]\ne: !!null ''\n", "t"),
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
    expect(parseYamlText(BUDGET, "base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\n", "t")).toEqual({
      base: { x: 1, y: 2 },
      c: { x: 1, y: 3 },
    });
  });

  it("merge a list of maps, earlier ones first; a quoted '<<' is an ordinary key", () => {
    expect(parseYamlText(BUDGET, "a: &a {x: 1}\nb: &b {x: 2, z: 2}\nc:\n  <<: [*a, *b]\n", "t")).toEqual({
      a: { x: 1 },
      b: { x: 2, z: 2 },
      c: { x: 1, z: 2 },
    });
    expect(parseYamlText(BUDGET, "'<<': 1\n", "t")).toEqual({ "<<": 1 });
  });

  it("refuse a merge of something that is not a map", () => {
    expect(fault(() => parseYamlText(BUDGET, "a:\n  <<: 1\n", "t")).message).toContain(
      "Merge sources must be maps",
    );
  });
});

describe("YAML documents and aliases", () => {
  it("refuses a second document instead of dropping it", () => {
    const f = fault(() => parseYamlText(BUDGET, "a: 1\n---\nb: 2\n", "t"));
    expect(f.code).toBe("data");
    expect(f.message).toBe(
      "t is not valid YAML at line 2, column 1: a second document starts here, and a data text holds one (documents are separated by --- lines)",
    );
    expect(parseYamlText(BUDGET, "---\na: 1\n...\n", "t")).toEqual({ a: 1 });
  });

  it("ignores a byte order mark, in data files too", () => {
    expect(parseYamlText(BUDGET, "\ufeffa: 1\n", "t")).toEqual({ a: 1 });
    const ctx = makeContext();
    writeFiles(ctx.root, { "bom.yaml": "\ufeffk: v\n", "bom.json": '\ufeff{"k": "v"}' });
    expect(loadDataFile(ctx, "bom.yaml")).toEqual({ k: "v" });
    expect(loadDataFile(ctx, "bom.json")).toEqual({ k: "v" });
  });

  it("gives an alias the value of the last anchor of its name before it, shared", () => {
    const v = parseYamlText(BUDGET, "a: &x [1]\nb: *x\nc: &x 2\nd: *x\n", "t") as Record<string, unknown>;
    expect(v).toEqual({ a: [1], b: [1], c: 2, d: 2 });
    expect(v.b).toBe(v.a);
  });

  it("refuses an alias with no anchor before it, and one inside its own anchor", () => {
    expect(fault(() => parseYamlText(BUDGET, "a: *x\nb: &x 1\n", "t")).message).toBe(
      "t is not valid YAML at line 1, column 4: the alias *x has no anchor &x before it",
    );
    expect(fault(() => parseYamlText(BUDGET, "a: &x [1, *x]\n", "t")).message).toBe(
      "t is not valid YAML at line 1, column 11: the alias *x is inside the value its anchor names, which would contain itself",
    );
  });

  it("refuses a map or a list as a key", () => {
    expect(fault(() => parseYamlText(BUDGET, "? [a, b]\n: c\n", "t")).message).toContain(
      "at line 1, column 3: a map or a list used as a key cannot be a key of data",
    );
  });

  it("resolves many anchors and aliases in one pass", () => {
    // 20 000 anchors each aliased once took the library's toJS 4.7 s (each alias scanned every anchor before it)
    const lines: string[] = [];
    const anchors = heavy(20_000);
    for (let i = 0; i < anchors; i++) lines.push(`a${i}: &x${i} {v: ${i}}`, `b${i}: *x${i}`);
    const v = parseYamlText(BUDGET, `${lines.join("\n")}\n`, "t") as Record<string, { v: number }>;
    const last = anchors - 1;
    expect(v[`b${last}`]).toEqual({ v: last });
    expect(v[`b${last}`]).toBe(v[`a${last}`]);
  });

  it("counts what aliases and merges add against the billion-laughs guard", () => {
    // 1 000 aliases of a 1 001-value list add 1 001 000 values: one too many thousand
    const list = `[${Array(1000).fill("1").join(", ")}]`;
    const text = `base: &b ${list}\nuses: [${Array(1000).fill("*b").join(", ")}]\n`;
    expect(fault(() => parseYamlText(BUDGET, text, "t")).message).toBe(
      't expands YAML aliases to more than 1000000 values (a "billion laughs" document?) and was refused',
    );
    const fewer = `base: &b ${list}\nuses: [${Array(990).fill("*b").join(", ")}]\n`;
    expect((parseYamlText(BUDGET, fewer, "t") as { uses: unknown[] }).uses).toHaveLength(990);
  });
});

describe("YAML within the run's limits", () => {
  it("stops reading when the document's time is up", () => {
    const text = "- a\n".repeat(2000);
    const f = fault(() => parseYamlText({ ...BUDGET, deadline: Date.now() - 1 }, text, "yaml.parse text"));
    expect(f.code).toBe("limit");
    expect(f.message).toBe(
      "time limit reached: the document ran longer than 10000 ms, while reading yaml.parse text as YAML (limit timeoutMs)",
    );
    expect(f.hint).toBe("raise it with --timeout (limits.timeoutMs in the API)");
  });

  it("refuses text with more tokens than 1 KiB of the memory limit each, as it reads", () => {
    const small = { ...BUDGET, limits: { ...BUDGET.limits, maxMemoryMb: 1 } };
    expect(parseYamlText(small, "- a\n".repeat(200), "t")).toHaveLength(200);
    const f = fault(() => parseYamlText(small, "- a\n".repeat(400), "t"));
    expect(f.code).toBe("limit");
    expect(f.message).toContain("t is too large: it has more than 1024 YAML tokens");
    expect(f.message).toContain("(limit maxMemoryMb)");
  });

  it("refuses text longer than maxReadBytes unread", () => {
    const small = { ...BUDGET, limits: { ...BUDGET.limits, maxReadBytes: 100 } };
    const f = fault(() => parseYamlText(small, `s: ${"é".repeat(50)}\n`, "yaml.parse text"));
    expect(f.message).toBe(
      "yaml.parse text is too large: 104 bytes, and YAML text may be at most 100 bytes (limit maxReadBytes)",
    );
  });
});

describe("YAML flow collections nested deep", () => {
  const shallow = { ...BUDGET, limits: { ...BUDGET.limits, maxNestingDepth: 5 } };

  it("are read up to maxNestingDepth, brackets inside quotes not counted", () => {
    expect(parseYamlText(shallow, 'a: [[[[{b: "[[[[[["}]]]]\n', "yaml.parse text")).toEqual({
      a: [[[[{ b: "[[[[[[" }]]]],
    });
  });

  it("are refused past it, before the library's recursion can run the stack out", () => {
    const f = fault(() => parseYamlText(shallow, "[[[[[[1]]]]]]\n", "yaml.parse text"));
    expect(f.code).toBe("limit");
    expect(f.message).toBe("yaml.parse text nests more than 5 lists and maps deep (limit maxNestingDepth)");
    const deep = fault(() => parseYamlText(BUDGET, "[".repeat(100_000), "yaml.parse text"));
    expect(deep.message).toBe(
      "yaml.parse text nests more than 1000 lists and maps deep (limit maxNestingDepth)",
    );
  });
});
