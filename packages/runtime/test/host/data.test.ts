import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { dataGet, dataPut, parseLink } from "../../src/host/data.js";
import { fault, makeContext, tempDir, writeFiles } from "./helpers.js";

describe("parseLink", () => {
  it("recognises '@ file key.path' strings", () => {
    expect(parseLink("@ other.json a.b")).toEqual({ file: "other.json", keys: ["a", "b"] });
    expect(parseLink("@ other.yaml")).toEqual({ file: "other.yaml", keys: [] });
    expect(parseLink("@other.json")).toBe(null);
    expect(parseLink("email@ example.com")).toBe(null);
    expect(parseLink("@ a b c")).toBe(null);
    expect(parseLink(3)).toBe(null);
  });
});

describe("dataGet", () => {
  it("walks a key path in json and yaml", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, {
      "data.json": '{"alice": {"name": "Alice", "tags": ["a", "b"]}}',
      "data.yaml": "me:\n  working: true\n",
    });
    expect(dataGet(ctx, "data.json", ["alice", "name"])).toBe("Alice");
    expect(dataGet(ctx, "data.json", ["alice", "tags", "1"])).toBe("b");
    expect(dataGet(ctx, "data.json", [])).toEqual({ alice: { name: "Alice", tags: ["a", "b"] } });
    expect(dataGet(ctx, "data.yaml", ["me", "working"])).toBe(true);
    expect(dataGet(ctx, "data.json", ["bob", "name"])).toBe(null);
    expect(dataGet(ctx, "data.json", ["alice", "name", "x"])).toBe(null);
    expect(dataGet(ctx, "data.json", ["alice", "tags", "x"])).toBe(null);
    expect(dataGet(ctx, "data.json", ["toString"])).toBe(null);
    expect(ctx.dependencies.has(path.join(ctx.root, "data.json"))).toBe(true);
  });

  it("follows links relative to the file that holds them", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, {
      "team.json": '{"lead": "@ people/all.yaml staff.linh", "all": "@ people/all.yaml"}',
      "people/all.yaml": 'staff:\n  linh:\n    name: Linh\n    city: "@ ../cities.json hanoi"\n',
      "cities.json": '{"hanoi": {"name": "Hà Nội"}}',
    });
    expect(dataGet(ctx, "team.json", ["lead", "name"])).toBe("Linh");
    expect(dataGet(ctx, "team.json", ["lead", "city", "name"])).toBe("Hà Nội");
    expect(dataGet(ctx, "team.json", ["all", "staff", "linh", "name"])).toBe("Linh");
    // the final value is a link too: followed
    expect(dataGet(ctx, "team.json", ["lead", "city"])).toEqual({ name: "Hà Nội" });
    // links deeper than the path stay strings
    expect(dataGet(ctx, "team.json", ["lead"])).toEqual({ name: "Linh", city: "@ ../cities.json hanoi" });
  });

  it("reports a link cycle naming it", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "a.json": '{"x": "@ b.json y"}', "b.json": '{"y": "@ a.json x"}' });
    const f = fault(() => dataGet(ctx, "a.json", ["x", "z"]));
    expect(f.code).toBe("data");
    expect(f.message).toContain("cycle");
    expect(f.message).toContain("b.json y");
    expect(f.message).toContain("a.json x");
  });

  it("keeps links inside the root", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "a.json": '{"x": "@ ../../etc/passwd.json"}' });
    expect(fault(() => dataGet(ctx, "a.json", ["x"])).code).toBe("outside-root");
  });

  it("errors on a missing file, a non-data file and a bad file", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "x.txt": "x", "bad.json": "{" });
    expect(fault(() => dataGet(ctx, "none.json", ["a"])).code).toBe("file");
    expect(fault(() => dataGet(ctx, "x.txt", ["a"])).code).toBe("data");
    expect(fault(() => dataGet(ctx, "bad.json", ["a"])).message).toContain('"bad.json"');
  });
});

describe("dataPut", () => {
  it("creates the file and missing keys (json: 2 spaces and a final newline)", () => {
    const ctx = makeContext();
    expect(dataPut(ctx, "out/data.json", ["me", "working"], true)).toBe(true);
    expect(fs.readFileSync(path.join(ctx.root, "out/data.json"), "utf8")).toBe(
      '{\n  "me": {\n    "working": true\n  }\n}\n',
    );
    dataPut(ctx, "out/data.json", ["me", "name"], "Ky");
    dataPut(ctx, "out/data.json", ["count"], 3);
    expect(dataGet(ctx, "out/data.json", [])).toEqual({ me: { working: true, name: "Ky" }, count: 3 });
  });

  it("writes yaml as yaml, keeping the other keys", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "d.yaml": "title: Notes\nme:\n  working: false\n" });
    dataPut(ctx, "d.yaml", ["me", "working"], true);
    expect(fs.readFileSync(path.join(ctx.root, "d.yaml"), "utf8")).toBe(
      "title: Notes\nme:\n  working: true\n",
    );
    dataPut(ctx, "d.yaml", ["when"], new Date(Date.UTC(2024, 0, 1)));
    expect(dataGet(ctx, "d.yaml", ["when"])).toBe("2024-01-01T00:00:00.000Z");
  });

  it("sets array items and replaces the whole file on an empty path", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "l.json": '{"xs": [1, 2, 3]}' });
    dataPut(ctx, "l.json", ["xs", "1"], 20);
    expect(dataGet(ctx, "l.json", ["xs"])).toEqual([1, 20, 3]);
    expect(fault(() => dataPut(ctx, "l.json", ["xs", "name"], 1)).message).toContain("not an index");
    dataPut(ctx, "l.json", [], [1, 2]);
    expect(dataGet(ctx, "l.json", [])).toEqual([1, 2]);
  });

  it("refuses to walk into a value that is not an object", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, { "s.json": '{"name": "x"}' });
    const f = fault(() => dataPut(ctx, "s.json", ["name", "first"], "y"));
    expect(f.code).toBe("data");
    expect(f.message).toContain("name is a string");
    expect(fs.readFileSync(path.join(ctx.root, "s.json"), "utf8")).toBe('{"name": "x"}');
  });

  it("writes through a link met on the way; a link at the last key is replaced", () => {
    const ctx = makeContext();
    writeFiles(ctx.root, {
      "team.json": '{"lead": "@ people.json linh"}',
      "people.json": '{"linh": {"name": "Linh"}}',
    });
    dataPut(ctx, "team.json", ["lead", "age"], 30);
    expect(dataGet(ctx, "people.json", ["linh"])).toEqual({ name: "Linh", age: 30 });
    expect(dataGet(ctx, "team.json", [])).toEqual({ lead: "@ people.json linh" });
    dataPut(ctx, "team.json", ["lead"], "nobody");
    expect(dataGet(ctx, "team.json", ["lead"])).toBe("nobody");
  });

  it("refuses functions and paths outside the root, and stores __proto__ as a plain key", () => {
    const ctx = makeContext();
    expect(fault(() => dataPut(ctx, "../x.json", ["a"], 1)).code).toBe("outside-root");
    expect(fs.existsSync(path.join(path.dirname(ctx.root), "x.json"))).toBe(false);
    dataPut(ctx, "p.json", ["__proto__", "polluted"], 1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(fs.readFileSync(path.join(ctx.root, "p.json"), "utf8")).toContain('"__proto__"');
  });

  it("does not write through a symlink out of the root", () => {
    const ctx = makeContext();
    const outside = tempDir("xmd-outside-");
    fs.symlinkSync(path.join(outside, "db.json"), path.join(ctx.root, "db.json"));
    expect(fault(() => dataPut(ctx, "db.json", ["a"], 1)).code).toBe("outside-root");
    expect(fs.readdirSync(outside)).toEqual([]);
  });
});
