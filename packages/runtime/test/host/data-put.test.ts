/** get/put: array bounds (S8), link cycles (B3), what a link is, YAML edited in place, dry run. */
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dataGet, dataPut, parseLink } from "../../src/host/data.js";
import { parseYamlText, stringifyYaml } from "../../src/host/formats.js";
import { BUDGET, contextFor, fault, makeContext, tempDir, writeFiles } from "./helpers.js";

const read = (root: string, file: string) => fs.readFileSync(path.join(root, file), "utf8");

describe("put into an array", () => {
  it("sets an index up to the length (appending) and refuses one past the end, leaving the file alone", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "arr.json": '{"a": []}' });
    dataPut(ctx, "arr.json", ["a", "0"], "x");
    dataPut(ctx, "arr.json", ["a", "1", "name"], "y");
    expect(dataGet(ctx, "arr.json", ["a"])).toEqual(["x", { name: "y" }]);
    const before = read(ctx.root, "arr.json");
    const f = fault(() => dataPut(ctx, "arr.json", ["a", "50000000"], 1));
    expect(f.code).toBe("data");
    expect(f.message).toBe(
      'cannot put "a.50000000" into "arr.json": a is an array of 2 and 50000000 is past its end (the largest index that can be set is 2, which appends)',
    );
    expect(read(ctx.root, "arr.json")).toBe(before);
  });

  it("applies the same bound in YAML", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "l.yaml": "xs:\n  - 1\n" });
    dataPut(ctx, "l.yaml", ["xs", "1"], 2);
    expect(read(ctx.root, "l.yaml")).toBe("xs:\n  - 1\n  - 2\n");
    expect(fault(() => dataPut(ctx, "l.yaml", ["xs", "9"], 1)).message).toContain("past its end");
  });
});

describe("data links", () => {
  it("follow a link back into a file it came from when there is more path to walk", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, {
      "people.json": '{"alice": {"name": "Alice", "team": "@ teams.json t1"}}',
      "teams.json": '{"t1": {"name": "Core", "lead": "@ people.json alice"}}',
    });
    expect(dataGet(ctx, "people.json", ["alice", "team", "lead", "team", "name"])).toBe("Core");
    expect(dataGet(ctx, "people.json", ["alice", "team", "lead", "team", "lead", "name"])).toBe("Alice");
    dataPut(ctx, "people.json", ["alice", "team", "lead", "team", "size"], 3);
    expect(dataGet(ctx, "teams.json", ["t1", "size"])).toBe(3);
  });

  it("still report a real cycle, with the path left at each step", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "a.json": '{"x": "@ b.json y"}', "b.json": '{"y": "@ a.json x"}' });
    const f = fault(() => dataGet(ctx, "a.json", ["x", "z"]));
    expect(f.message).toBe("data links form a cycle: a.json x.z -> b.json y.z -> a.json x.z");
    expect(fault(() => dataPut(ctx, "a.json", ["x", "z"], 1)).message).toContain("cycle");
  });

  it("stop a link that grows its own path for ever", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "a.json": '{"x": "@ a.json x.y"}' });
    expect(fault(() => dataGet(ctx, "a.json", ["x"])).message).toContain("more than 100 data links in a row");
  });

  it("are only strings whose first word names a data file", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "d.json": '{"note": "@ home today", "who": "@ p.yml me"}', "p.yml": "me: Ky\n" });
    expect(parseLink("@ home today")).toBe(null);
    expect(parseLink("@ notes.txt a")).toBe(null);
    expect(parseLink("@ P.YAML a")).toEqual({ file: "P.YAML", keys: ["a"] });
    expect(dataGet(ctx, "d.json", ["note"])).toBe("@ home today");
    expect(dataGet(ctx, "d.json", ["who"])).toBe("Ky");
    dataPut(ctx, "d.json", ["note"], "@ work");
    expect(dataGet(ctx, "d.json", ["note"])).toBe("@ work");
  });
});

describe("put into YAML", () => {
  it("keeps comments, order, quoting and layout", () => {
    const ctx = makeContext();
    const text = [
      "# Team notes",
      "title: 'Notes' # shown on top",
      "tags: [a, b]",
      "me:",
      "  # am I working?",
      "  working: false # since Monday",
      "  since: 2020",
      "list:",
      "  - one # first",
      "  - two",
      "long: This line is much longer than eighty characters and must not be folded by a put somewhere else.",
      "",
    ].join("\n");
    writeFiles(ctx.root, { "d.yaml": text });
    dataPut(ctx, "d.yaml", ["me", "working"], true);
    dataPut(ctx, "d.yaml", ["me", "role", "name"], "lead");
    dataPut(ctx, "d.yaml", ["list", "0"], "uno");
    expect(read(ctx.root, "d.yaml")).toBe(
      text
        .replace("working: false # since", "working: true # since")
        .replace("  since: 2020\n", "  since: 2020\n  role:\n    name: lead\n")
        .replace("- one # first", "- uno # first"),
    );
  });

  it("writes through a merge key without changing the map merged from", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, {
      "m.yaml": "base: &b\n  x: 1\n  db: {host: a, port: 1}\nprod:\n  <<: *b\n  x: 2\n",
    });
    dataPut(ctx, "m.yaml", ["prod", "db", "host"], "b");
    dataPut(ctx, "m.yaml", ["prod", "y"], 3);
    expect(dataGet(ctx, "m.yaml", [])).toEqual({
      base: { x: 1, db: { host: "a", port: 1 } },
      prod: { x: 2, db: { host: "b", port: 1 }, y: 3 },
    });
    expect(read(ctx.root, "m.yaml")).toContain("<<: *b");
  });

  it("creates a new file, replaces a whole file, and keys that look like numbers stay keys", () => {
    const ctx = makeContext();
    dataPut(ctx, "new.yaml", ["a", "1"], "one");
    expect(read(ctx.root, "new.yaml")).toBe('a:\n  "1": one\n');
    writeFiles(ctx.root, { "n.yaml": "1: one\n" });
    dataPut(ctx, "n.yaml", ["1"], "uno");
    expect(read(ctx.root, "n.yaml")).toBe("1: uno\n");
    // the document's own comment (apart from the first key) stays when the whole value is replaced
    writeFiles(ctx.root, { "w.yaml": "# kept\n\nold: 1\n" });
    dataPut(ctx, "w.yaml", [], { fresh: [1, 2] });
    expect(read(ctx.root, "w.yaml")).toBe("# kept\n\nfresh:\n  - 1\n  - 2\n");
  });

  it("refuses to put into a file it would have to read past an error, leaving it alone", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "bad.yaml": "a: 1\na: 2\n", "bin.yaml": "b: !!binary aGVsbG8=\n" });
    expect(fault(() => dataPut(ctx, "bad.yaml", ["c"], 1)).message).toContain("must be unique");
    expect(fault(() => dataPut(ctx, "bin.yaml", ["c"], 1)).message).toContain("binary");
    expect(read(ctx.root, "bin.yaml")).toBe("b: !!binary aGVsbG8=\n");
  });
});

describe("get and put in a dry run", () => {
  it("put writes to the overlay and get reads it; the disk does not change", () => {
    const root = tempDir();
    writeFiles(root, { "d.json": '{"a": 1}', "y.yaml": "# c\nk: v\n" });
    const overlay = new Map<string, string | null>();
    const ctx = contextFor(root, { overlay });
    dataPut(ctx, "d.json", ["a"], 2);
    dataPut(ctx, "y.yaml", ["k"], "w");
    dataPut(ctx, "new/n.json", ["x"], true);
    expect(dataGet(ctx, "d.json", ["a"])).toBe(2);
    expect(dataGet(ctx, "y.yaml", [])).toEqual({ k: "w" });
    expect(dataGet(ctx, "new/n.json", ["x"])).toBe(true);
    dataPut(ctx, "new/n.json", ["y"], 1);
    expect(dataGet(ctx, "new/n.json", [])).toEqual({ x: true, y: 1 });
    expect(read(root, "d.json")).toBe('{"a": 1}');
    expect(read(root, "y.yaml")).toBe("# c\nk: v\n");
    expect(fs.existsSync(path.join(root, "new"))).toBe(false);
    expect(overlay.get(path.join(root, "y.yaml"))).toBe("# c\nk: w\n");
  });
});

describe("put into YAML, node by node", () => {
  const put = (text: string, keyPath: string[], value: unknown) => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "d.yaml": text });
    dataPut(ctx, "d.yaml", keyPath, value);
    return read(ctx.root, "d.yaml");
  };

  it("makes a map of a null value, or an empty file, that a path goes through", () => {
    expect(put("a: ~\nb: 1\n", ["a", "c"], 2)).toBe("a:\n  c: 2\nb: 1\n");
    expect(put("a:\n", ["a", "c"], 2)).toBe("a:\n  c: 2\n");
    expect(put("", ["a", "c"], 2)).toBe("a:\n  c: 2\n");
    expect(put("# only a comment\n", ["a"], 2)).toBe("# only a comment\n\na: 2\n");
  });

  it("makes a map of a null list item a path goes through, and appends at the length", () => {
    expect(put("l: [~, 1]\n", ["l", "0", "x"], 2)).toBe("l: [{x: 2}, 1]\n");
    expect(put("l:\n  - a\n", ["l", "1"], "b")).toBe("l:\n  - a\n  - b\n");
    expect(put("l:\n  - a\n", ["l", "1", "k"], "v")).toBe("l:\n  - a\n  - k: v\n");
    expect(put("l:\n  - {k: 1}\n", ["l", "0", "k"], 2)).toBe("l:\n  - {k: 2}\n");
  });

  it("keeps the comment of a list item and of a value it replaces", () => {
    expect(put("l:\n  - 1 # one\n  - 2\n", ["l", "0"], 9)).toBe("l:\n  - 9 # one\n  - 2\n");
    expect(put("a: 1 # note\n", ["a"], { b: 2 })).toContain("# note");
  });

  it("finds the pair of a key written as null or as a number, never a merge key", () => {
    expect(put("~: a\n", [""], "b")).toBe("~: b\n");
    expect(put("2: a\n", ["2"], "b")).toBe("2: b\n");
    // A new key "<<" is written as text, or it would be read back as a merge of 5.
    const ctx = makeContext();
    writeFiles(ctx.root, { "m.yaml": "base: &b {x: 1}\nm:\n  <<: *b\n" });
    dataPut(ctx, "m.yaml", ["m", "<<"], 5);
    expect(read(ctx.root, "m.yaml")).toBe('base: &b {x: 1}\nm:\n  <<: *b\n  !!str "<<": 5\n');
    expect(dataGet(ctx, "m.yaml", ["m"])).toEqual({ x: 1, "<<": 5 });
    dataPut(ctx, "m.yaml", ["m", "<<"], 6);
    expect(dataGet(ctx, "m.yaml", ["m"])).toEqual({ x: 1, "<<": 6 });
  });

  it("copies a map merged in before writing into it, and goes into a map of its own", () => {
    const text = "base: &b\n  db: {host: a}\nm:\n  <<: *b\n  own: {k: 1}\n";
    const after = put(text, ["m", "own", "k"], 2);
    expect(after).toBe("base: &b\n  db: {host: a}\nm:\n  <<: *b\n  own: {k: 2}\n");
    const copied = put(text, ["m", "db", "port"], 5);
    expect(copied).toBe(
      "base: &b\n  db: {host: a}\nm:\n  <<: *b\n  own: {k: 1}\n  db:\n    host: a\n    port: 5\n",
    );
  });
});

describe("YAML written from data reads back as the same data", () => {
  // Keys include "<<", which YAML reads as a merge key unless it is written as text.
  const key = fc.oneof(
    fc.constantFrom("<<", "a", "1", "", "~", "null", "true", "- x", "#", "__proto__"),
    fc.string(),
  );
  const data = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      fc.oneof(
        fc.string(),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x + 0),
        fc.boolean(),
        fc.constant(null),
      ),
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(key, tie("value"), { maxKeys: 4 }),
    ),
  })).value;
  const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

  it("through yaml.stringify", () => {
    fc.assert(
      fc.property(data, (value) => {
        const text = stringifyYaml(BUDGET, value);
        expect(parseYamlText(BUDGET, text, "t"), text).toEqual(plain(value));
      }),
      { numRuns: 300 },
    );
  });

  it("through put, into a new file, a whole file and a key of an existing one", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "keep.yaml": "# notes\nkept: 1\n" });
    fc.assert(
      fc.property(data, (value) => {
        dataPut(ctx, "whole.yaml", [], value);
        expect(dataGet(ctx, "whole.yaml", [])).toEqual(plain(value));
        dataPut(ctx, "keep.yaml", ["<<", "v"], value);
        expect(dataGet(ctx, "keep.yaml", [])).toEqual({ kept: 1, "<<": { v: plain(value) } });
        fs.rmSync(path.join(ctx.root, "whole.yaml"));
      }),
      { numRuns: 100 },
    );
  });
});

describe("put, more paths", () => {
  it("writes through a link met on the way in a YAML file, leaving the file with the link as it was", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, {
      "team.yaml": "# the team\nlead: '@ people.yaml linh'\n",
      "people.yaml": "linh:\n  name: Linh # from HR\n",
    });
    dataPut(ctx, "team.yaml", ["lead", "age"], 30);
    expect(read(ctx.root, "people.yaml")).toBe("linh:\n  name: Linh # from HR\n  age: 30\n");
    expect(read(ctx.root, "team.yaml")).toBe("# the team\nlead: '@ people.yaml linh'\n");
  });

  it("refuses a key into a list that is not all digits, naming where the list is", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "d.json": '{"a": {"l": [1, 2]}, "top": [0]}' });
    for (const key of ["1x", "x1", "-1", "1.0", ""]) {
      expect(fault(() => dataPut(ctx, "d.json", ["a", "l", key], 0)).message).toBe(
        `cannot put "a.l.${key}" into "d.json": a.l is an array and "${key}" is not an index`,
      );
    }
    expect(fault(() => dataPut(ctx, "d.json", ["top", "x"], 0)).message).toBe(
      'cannot put "top.x" into "d.json": top is an array and "x" is not an index',
    );
  });
});
