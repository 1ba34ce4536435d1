/** `outline()` and `builtins()`: what editors are told about a document and the language. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { builtins, type MethodReceiver } from "../src/api/builtins.js";
import type { XmdSymbol } from "../src/api/outline.js";
import { GLOBALS, NAMESPACES } from "../src/host/globals.js";
import { methodNames } from "../src/host/methods.js";
// The Node entry's outline and resolveImport look for imports on the disk.
import { createRuntime, outline, resolveImport } from "../src/index.js";
import { KEYWORDS } from "../src/syntax/keywords.js";
import { GeneratorValue } from "../src/values/generator.js";
import { Regex } from "../src/values/regex.js";

const dir = mkdtempSync(join(tmpdir(), "xmd-outline-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The text a symbol's name range covers. */
const named = (source: string, s: XmdSymbol) => source.slice(s.nameStart, s.nameEnd);

describe("outline", () => {
  const source = [
    "set total 0", // 0
    "function add a, b",
    "  set total a + b", // assigns the module's total: not a local
    "  set sum a + b",
    "  return sum",
    "class Dog extends Animal",
    "  constructor name",
    "    set self.name name",
    "  private bark times",
    '    return "woof"',
    "export function shout text",
    "  return text.upper",
    "for i in 1..3",
    "  print add(i, 1)",
    "set twice (x) => x * 2",
    "export total",
  ].join("\n");
  const o = outline(source, { lang: "xmd" });

  it("lists module-level declarations with the ranges of their names", () => {
    expect(o.symbols.map((s) => [s.name, s.kind])).toEqual([
      ["total", "variable"],
      ["add", "function"],
      ["Dog", "class"],
      ["shout", "function"],
      ["twice", "variable"],
    ]);
    for (const s of o.symbols) expect(named(source, s)).toBe(s.name);
    const add = o.symbols[1] as XmdSymbol;
    expect(add.params).toEqual(["a", "b"]);
    expect(add.detail).toBe("function add a, b");
    expect(source.slice(add.start, add.end)).toContain("return sum");
    expect([add.scopeStart, add.scopeEnd]).toEqual([0, source.length]);
  });

  it("gives a function its parameters and locals, scoped to the function", () => {
    const add = o.symbols[1] as XmdSymbol;
    expect(add.children.map((s) => [s.name, s.kind])).toEqual([
      ["a", "parameter"],
      ["b", "parameter"],
      ["sum", "variable"],
    ]);
    for (const s of add.children) {
      expect(named(source, s)).toBe(s.name);
      expect([s.scopeStart, s.scopeEnd]).toEqual([add.start, add.end]);
    }
  });

  it("gives a class its methods, named where they are written", () => {
    const dog = o.symbols[2] as XmdSymbol;
    expect(dog.detail).toBe("class Dog extends Animal");
    expect(dog.children.map((m) => [m.name, m.kind, m.params])).toEqual([
      ["constructor", "method", ["name"]],
      ["bark", "method", ["times"]],
    ]);
    for (const m of dog.children) expect(named(source, m)).toBe(m.name);
    expect(dog.children[1]?.children.map((s) => s.name)).toEqual(["times"]);
  });

  it("marks exported declarations and names in an export list", () => {
    expect(o.symbols.filter((s) => s.exported).map((s) => s.name)).toEqual(["total", "shout"]);
  });

  it("lists loop variables and lambda parameters as locals", () => {
    expect(o.locals.map((s) => s.name)).toEqual(["i", "x"]);
    const x = o.locals[1] as XmdSymbol;
    expect(source.slice(x.scopeStart, x.scopeEnd)).toBe("(x) => x * 2");
  });

  it("finds the code of a markdown document: fences, xmd comments and {{ }}", () => {
    const md = "# Title\n\n```xmd\nset x 1\n```\n\nHi {{ x }} <!-- xmd set y 2 -->\n";
    const m = outline(md, { path: join(dir, "doc.md") });
    expect(m.symbols.map((s) => s.name)).toEqual(["x", "y"]);
    for (const s of m.symbols) expect(named(md, s)).toBe(s.name);
    expect(m.code.map((c) => [c.kind, md.slice(c.start, c.end)])).toEqual([
      ["code", "set x 1\n"],
      ["interpolation", " x "],
      ["code", "set y 2 "],
    ]);
  });

  it("resolves imports as the runtime does, and leaves missing ones unresolved", () => {
    writeFileSync(join(dir, "lib.xmd"), "export function helper x\n  return x\n");
    writeFileSync(join(dir, "data.json"), "{}");
    const doc = join(dir, "main.xmd");
    const text =
      'import helper from "lib.xmd"\nimport lib\nimport data\nimport nothing\nset v import "lib.xmd"\n';
    const m = outline(text, { path: doc });
    expect(m.imports.map((i) => [i.path, i.form, i.names, i.resolved])).toEqual([
      ["lib.xmd", "names", ["helper"], join(dir, "lib.xmd")],
      ["lib", "module", ["lib"], join(dir, "lib.xmd")],
      ["data", "module", ["data"], join(dir, "data.json")],
      ["nothing", "module", ["nothing"], null],
      ["lib.xmd", "value", [], join(dir, "lib.xmd")],
    ]);
    expect(text.slice(m.imports[0]?.pathStart, m.imports[0]?.pathEnd)).toBe('"lib.xmd"');
    // check() agrees: the one import outline cannot resolve is the one it reports.
    const errors = createRuntime().check(text, { path: doc });
    expect(errors.map((e) => e.line)).toEqual([4]);
    expect(resolveImport("lib", doc)).toBe(join(dir, "lib.xmd"));
    expect(resolveImport("lib.md", doc)).toBeNull();
  });

  it("outlines what the parser recovered from a broken document", () => {
    const m = outline("set a 1\nset b = (\nfunction f x\n  return x\n", { lang: "xmd" });
    expect(m.hasErrors).toBe(true);
    expect(m.symbols.map((s) => s.name)).toContain("a");
    expect(outline("set a 1\n", { lang: "xmd" }).hasErrors).toBe(false);
  });

  it("counts offsets in the text given, a byte order mark included", () => {
    const text = "\uFEFFset x 1\n";
    const [x] = outline(text, { lang: "xmd" }).symbols;
    expect(text.slice(x?.nameStart, x?.nameEnd)).toBe("x");
  });
});

describe("builtins", () => {
  const docs = builtins();
  const of = (kind: string, filter: (d: (typeof docs)[number]) => boolean = () => true) =>
    docs
      .filter((d) => d.kind === kind && filter(d))
      .map((d) => d.name)
      .sort();

  it("documents every global function the evaluator has, and the special forms", () => {
    expect(of("function")).toEqual(
      [...GLOBALS.keys(), "print", "exists", "import", "exec", "cmd", "get", "put"].sort(),
    );
  });

  it("documents every namespace and each of its members", () => {
    expect(of("namespace")).toEqual([...NAMESPACES.keys()].sort());
    for (const [name, ns] of NAMESPACES)
      expect(of("member", (d) => d.namespace === name)).toEqual([...ns.members.keys()].sort());
  });

  it("documents the methods of every kind of value", () => {
    class Sample extends GeneratorValue {
      readonly name = "sample";
      next(): unknown {
        return null;
      }
    }
    const samples: Record<MethodReceiver, unknown> = {
      string: "",
      array: [],
      number: 0,
      date: new Date(0),
      object: {},
      regex: Regex.fromLiteral("/a/"),
      generator: new Sample(),
    };
    for (const [receiver, value] of Object.entries(samples))
      expect(of("method", (d) => d.receiver === receiver)).toEqual(methodNames(value).sort());
  });

  it("documents every reserved word, each with its own line", () => {
    expect(of("keyword")).toEqual([...KEYWORDS].sort());
    for (const d of docs) {
      expect(d.doc.length).toBeGreaterThan(5);
      expect(d.doc).not.toBe("A reserved word.");
    }
  });
});
