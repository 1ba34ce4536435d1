/** `outline()` and `builtins()`: what editors are told about a document and the language. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type BuiltinDoc, builtins, type MethodReceiver } from "../src/api/builtins.js";
import { outline as outlineWithoutHost, type XmdSymbol } from "../src/api/outline.js";
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
  // Outlined in each test, not once here: what runs while the file is collected counts for
  // no test, and mutation testing would take the outline's code for code no test reaches.
  const outlined = () => outline(source, { lang: "xmd" });

  it("lists module-level declarations with the ranges of their names", () => {
    const o = outlined();
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
    const o = outlined();
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
    const o = outlined();
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
    const o = outlined();
    expect(o.symbols.filter((s) => s.exported).map((s) => s.name)).toEqual(["total", "shout"]);
  });

  it("lists loop variables and lambda parameters as locals", () => {
    const o = outlined();
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
  // builtins() is called inside each test: at describe level it would run while the file is
  // collected, where mutation testing counts it for no test.
  const of = (kind: string, filter: (d: BuiltinDoc) => boolean = () => true) =>
    builtins()
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
    for (const d of builtins()) {
      expect(d.doc.length).toBeGreaterThan(5);
      expect(d.doc).not.toBe("A reserved word.");
    }
  });
});

describe("outline, statement by statement", () => {
  const names = (list: readonly XmdSymbol[]) => list.map((s) => s.name);
  const xmd = (text: string) => outline(text, { lang: "xmd" });

  it("declares the names a destructure binds, a rest included", () => {
    const text = "destructure user name n, age a\nfunction f items\n  destructure items first, ...rest\n";
    const o = xmd(text);
    expect(names(o.symbols)).toEqual(["n", "a", "f"]);
    for (const s of o.symbols) expect(named(text, s)).toBe(s.name);
    expect(o.symbols[0]?.detail).toBe("destructure user name n, age a");
    expect(o.symbols[2]?.children.map((s) => [s.name, s.kind])).toEqual([
      ["items", "parameter"],
      ["first", "variable"],
      ["rest", "variable"],
    ]);
  });

  it("walks every branch and body: if, elif, else, while, loop, try and catch", () => {
    const text = [
      "if a > 1",
      "  set p 1",
      "elif a > 2",
      "  set q 2",
      "else",
      "  set r 3",
      "while false",
      "  set w 1",
      "loop 2 times",
      "  set lp 1",
      "try",
      "  set t 1",
      "catch err",
      "  set c 1",
      "try",
      "  set t2 1",
      "catch",
      "  set c2 1",
    ].join("\n");
    const o = xmd(text);
    expect(names(o.symbols)).toEqual(["p", "q", "r", "w", "lp", "t", "c", "t2", "c2"]);
    expect(o.locals.map((s) => [s.name, named(text, s)])).toEqual([["err", "err"]]);
  });

  it("finds lambdas in calls, method calls, objects, members and assignment targets", () => {
    const text = [
      "set m list.map((x) => x + 1)",
      "set o {k: (y) => y, n}",
      "set z ((v) => v).call(1)",
      "set obj.field (u) => u",
      "set g f((w) => w)",
      "set h [(q) => q][0]",
    ].join("\n");
    const o = xmd(text);
    expect(names(o.symbols)).toEqual(["m", "o", "z", "g", "h"]);
    expect(o.locals.map((s) => [s.name, text.slice(s.scopeStart, s.scopeEnd)])).toEqual([
      ["x", "(x) => x + 1"],
      ["y", "(y) => y"],
      ["v", "(v) => v"],
      ["u", "(u) => u"],
      ["w", "(w) => w"],
      ["q", "(q) => q"],
    ]);
  });

  it("keeps the first declaration of a name, and a function's set of an outer name is no local", () => {
    const o = xmd("set x 1\nset x 2\nfunction f\n  set x 3\n  set y 4\n  set y 5\n");
    expect(o.symbols.map((s) => [s.name, s.detail])).toEqual([
      ["x", "set x 1"],
      ["f", "function f"],
    ]);
    expect(o.symbols[1]?.children.map((s) => [s.name, s.detail])).toEqual([["y", "set y 4"]]);
  });

  it("gives parameters to functions and methods only", () => {
    const o = xmd("set v 1\nfunction f a\n  return a\nclass C\n  m b\n    return b\n");
    const [v, f, c] = o.symbols;
    expect(v && "params" in v).toBe(false);
    expect(c && "params" in c).toBe(false);
    expect(f?.params).toEqual(["a"]);
    expect(c?.children[0]?.params).toEqual(["b"]);
  });

  it("shows the first line of a declaration, trimmed, and cuts one longer than 120 characters", () => {
    const long = `set a "${"x".repeat(150)}"`;
    const exact = `set b "${"y".repeat(112)}"`; // 120 characters
    const o = xmd(`${long}\n${exact}\r\nset c 1   \nfunction f x\r\n  return x\n`);
    const [a, b, c, f] = o.symbols;
    expect(a?.detail).toBe(`${long.slice(0, 119)}…`);
    expect(exact.length).toBe(120);
    expect(b?.detail).toBe(exact);
    expect(c?.detail).toBe("set c 1");
    expect(f?.detail).toBe("function f x");
  });

  it("lists every form of import, and a computed path as none", () => {
    const md = '<!-- xmd:import part.md -->\n<!-- xmd:set x = import "part.md" -->\n';
    const m = outline(md, { lang: "md" });
    expect(m.imports.map((i) => [i.path, i.form, md.slice(i.pathStart, i.pathEnd)])).toEqual([
      ["part.md", "in-place", "part.md"],
      ["part.md", "in-place", '"part.md"'],
    ]);
    const text = 'import Tasks\nset v import ("a" + "b")\nset w import Part\nimport p, q r from "lib.xmd"\n';
    const o = xmd(text);
    expect(o.imports.map((i) => [i.path, i.form, i.names, text.slice(i.start, i.end)])).toEqual([
      ["Tasks", "module", ["Tasks"], "import Tasks"],
      [null, "value", [], 'import ("a" + "b")'],
      ["Part", "value", [], "import Part"],
      ["lib.xmd", "names", ["p", "r"], 'import p, q r from "lib.xmd"'],
    ]);
    expect(o.symbols.map((s) => [s.name, s.kind])).toEqual([
      ["Tasks", "import"],
      ["v", "variable"],
      ["w", "variable"],
      ["p", "import"],
      ["r", "import"],
    ]);
  });

  it("resolves no import without a host, or without the document's path", () => {
    writeFileSync(join(dir, "near.xmd"), "export set n 1\n");
    const text = 'import n from "near.xmd"\n';
    const doc = join(dir, "doc.xmd");
    expect(outline(text, { path: doc }).imports[0]?.resolved).toBe(join(dir, "near.xmd"));
    expect(outlineWithoutHost(text, { path: doc }).imports[0]?.resolved).toBeNull();
    expect(outline(text, { lang: "xmd" }).imports[0]?.resolved).toBeNull();
  });

  it("marks names an export list in a markdown fence names, and only those", () => {
    const md = "```xmd\nset a 1\nset b 2\nif true\n  set c 3\n```\n\n```xmd\nexport a, c\n```\n";
    const o = outline(md, { lang: "md" });
    expect(o.symbols.map((s) => [s.name, s.exported])).toEqual([
      ["a", true],
      ["b", false],
      ["c", true],
    ]);
  });

  it("moves every offset past a byte order mark: symbols, their children, locals, imports and code", () => {
    const md = [
      "# Title {{ 1 }}",
      "```xmd",
      "function f a",
      "  set b (c) => c",
      "  return b",
      'import g from "lib.xmd"',
      "```",
      "",
    ].join("\n");
    const plain = outline(md, { lang: "md" });
    const marked = outline(`\uFEFF${md}`, { lang: "md" });
    const moved = (s: XmdSymbol): XmdSymbol => ({
      ...s,
      nameStart: s.nameStart + 1,
      nameEnd: s.nameEnd + 1,
      start: s.start + 1,
      end: s.end + 1,
      scopeStart: s.scopeStart + 1,
      scopeEnd: s.scopeEnd + 1,
      children: s.children.map(moved),
    });
    expect(plain.symbols[0]?.children.length).toBe(2);
    expect(plain.locals.length).toBe(1);
    expect(plain.imports.length).toBe(1);
    expect(plain.code.length).toBe(2);
    expect(marked).toEqual({
      symbols: plain.symbols.map(moved),
      locals: plain.locals.map(moved),
      imports: plain.imports.map((i) => ({
        ...i,
        pathStart: i.pathStart + 1,
        pathEnd: i.pathEnd + 1,
        start: i.start + 1,
        end: i.end + 1,
      })),
      code: plain.code.map((c) => ({ ...c, start: c.start + 1, end: c.end + 1 })),
      hasErrors: false,
    });
  });
});
