import { describe, expect, it } from "vitest";
import { Binding } from "../src/resolve/bindings.js";
import { GlobalNames, Resolver } from "../src/resolve/resolver.js";
import { N, NONE, type NodeId } from "../src/syntax/nodes.js";
import { parseCode } from "./support/dump.js";

const BUILTINS = new Set(["print", "map", "len"]);

/** Resolves a program and lists every name use as `name:kind:slot`, in source order. */
function bindings(source: string): {
  uses: string[];
  globals: string[];
  frames: number[];
  captures: string[];
} {
  const { unit, root } = parseCode(source);
  if (unit.problems.length) throw new Error(unit.problems.map((p) => p.message).join("; "));
  const globals = new GlobalNames();
  new Resolver(unit, globals, (key) => BUILTINS.has(String(key))).resolveModule([root]);
  const nodes = unit.nodes;
  const uses: { at: number; text: string }[] = [];
  const names = ["none", "global", "local", "cell", "capture"];
  const seen = new Set<NodeId>();
  const visit = (n: NodeId) => {
    for (let s = n; s !== NONE; s = nodes.next(s)) {
      if (seen.has(s)) continue;
      seen.add(s);
      if (nodes.kind(s) === N.Name) {
        uses.push({
          at: nodes.start(s),
          text: `${unit.names.textOf(nodes.name(s))}:${names[nodes.flags(s)]}${nodes.flags(s) === Binding.None ? "" : `:${nodes.a(s)}`}`,
        });
      }
      for (const child of [nodes.a(s), nodes.b(s), nodes.c(s)])
        if (child !== NONE && nodes.kind(s) !== N.Member && nodes.kind(s) !== N.Pair) visit(child);
      if (nodes.kind(s) === N.Member || nodes.kind(s) === N.Pair) {
        if (nodes.a(s) !== NONE) visit(nodes.a(s));
        if (nodes.b(s) !== NONE) visit(nodes.b(s));
      }
    }
  };
  visit(root);
  for (const f of unit.functions) {
    for (const p of f.params) visit(p);
    visit(f.body);
  }
  return {
    uses: uses.sort((x, y) => x.at - y.at).map((u) => u.text),
    globals: globals.names.map(String),
    frames: unit.functions.map((f) => f.frameSize),
    captures: unit.functions.map(
      (f) =>
        `${f.name}[${f.captures.map((c) => `${c.fromLocal ? "local" : "capture"}:${c.index}`).join(",")}] cells=${f.cellSlots.join(",")}`,
    ),
  };
}

describe("resolver", () => {
  it("binds module names to globals and builtins to nothing", () => {
    const r = bindings("set a 1\nprint a + b\n");
    expect(r.uses).toEqual(["a:global:0", "print:none", "a:global:0", "b:global:1"]);
    expect(r.globals).toEqual(["a", "b"]);
  });

  it("gives parameters and locals frame slots", () => {
    const r = bindings("function f x y\n    set z x + y\n    return z\n");
    expect(r.uses).toEqual([
      "f:global:0",
      "x:local:0",
      "y:local:1",
      "z:local:2",
      "x:local:0",
      "y:local:1",
      "z:local:2",
    ]);
    expect(r.frames).toEqual([3]);
  });

  it("assigns module variables from functions instead of shadowing them", () => {
    const r = bindings("set total 0\nfunction add x\n    set total total + x\n");
    expect(r.uses).toEqual([
      "total:global:0",
      "add:global:1",
      "x:local:0",
      "total:global:0",
      "total:global:0",
      "x:local:0",
    ]);
    expect(r.frames).toEqual([1]);
  });

  it("keeps parameters local even when a global has the same name", () => {
    const r = bindings("set price 1000\nfunction plan price\n    print price\n");
    expect(r.uses).toContain("price:local:0");
  });

  it("puts captured variables in cells and threads captures through nested lambdas", () => {
    const r = bindings("function outer n\n    set k 2\n    return x => (y => x + n + k)\n");
    // Functions are registered as their parse completes: innermost first.
    expect(r.captures).toEqual([
      "lambda[local:0,capture:0,capture:1] cells=",
      "lambda[local:0,local:1] cells=0",
      "outer[] cells=0,1",
    ]);
    expect(r.uses).toContain("n:cell:0");
    expect(r.uses).toContain("x:capture:0");
  });

  it("makes loop and catch variables local in functions", () => {
    const r = bindings(
      "set i 5\nfunction f\n    for i in 1 .. 2\n        print i\n    try\n        print 1\n    catch e\n        print e\n",
    );
    expect(r.uses.filter((u) => u.startsWith("i:"))).toEqual(["i:global:0", "i:local:0", "i:local:0"]);
    expect(r.uses).toContain("e:local:1");
  });
});
