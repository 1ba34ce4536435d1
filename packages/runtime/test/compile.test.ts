/**
 * Compile once, render many: the kept tree survives renders, imports made by a render
 * are freed by it, variables are bound per render, and the output equals `render`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRuntime, type MemoryMode, XmdError } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "xmd-compile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(["pooled", "heap"] as MemoryMode[])("compile (%s)", (memory) => {
  it("renders with each call's variables, the same as render()", () => {
    const runtime = createRuntime({ memory, checked: true });
    const source = "```xmd\nset total 0\nfor n in items\n  set total total + n\n```\n{{who}}: {{total}}\n";
    const doc = runtime.compile(source, { vars: ["who", "items"] });
    for (const vars of [
      { who: "a", items: [1, 2, 3] },
      { who: "b", items: [] },
      { who: "c", items: [10, 20] },
    ]) {
      expect(doc.render(vars).output).toBe(runtime.render(source, { vars }).output);
    }
    expect(doc.render({ who: "a", items: [1, 2, 3] }).output).toBe("a: 6\n");
    doc.release();
    runtime.dispose();
  });

  it("starts every render with only its own variables, however many renders came before", () => {
    const runtime = createRuntime({ memory, checked: true });
    const doc = runtime.compile("{{who}} {{extra}}\n", { vars: ["who"] });
    expect(doc.render({ who: "a", extra: 1 }).output).toBe("a 1\n");
    // `extra` was set by the render before, not by this one: not defined here.
    expect(() => doc.render({ who: "b" })).toThrow(/'extra' is not defined/);
    expect(doc.render({ who: "c", extra: 3 }).output).toBe("c 3\n");
    doc.release();
  });

  it("writes each render's values in a long run of {{ name }}s", () => {
    const runtime = createRuntime({ memory });
    // A run long enough to keep its names' texts while it runs (see text-run.ts).
    const line = "{{a}} and {{b}}\n";
    const doc = runtime.compile(line.repeat(200), { vars: ["a", "b"] });
    for (const [a, b] of [
      ["x", 1],
      ["y", 2.5],
      ["z", "w"],
    ] as const)
      expect(doc.render({ a, b }).output).toBe(`${a} and ${b}\n`.repeat(200));
    doc.release();
  });

  it("lets a function assign a declared variable, as render() does", () => {
    const runtime = createRuntime({ memory });
    const source = "```xmd\nfunction bump()\n  set count count + 1\nbump\nbump\n```\n{{count}}\n";
    const doc = runtime.compile(source, { vars: { count: 0 } });
    expect(doc.render({ count: 5 }).output).toBe("7\n");
    expect(doc.render({ count: 5 }).output).toBe(runtime.render(source, { vars: { count: 5 } }).output);
    doc.release();
  });

  it("sees a variable that was not declared at compile time where the document uses it", () => {
    const runtime = createRuntime({ memory });
    const doc = runtime.compile('{{ name }} {{ exists("extra") }}\n');
    expect(doc.render({ name: "Ada", extra: 1 }).output).toBe("Ada true\n");
    expect(doc.render({ name: "Bo" }).output).toBe("Bo false\n");
  });

  it("frees what each render imported and keeps the compiled tree", () => {
    writeFileSync(join(dir, "lib.xmd"), "export function twice(x)\n  return x * 2\n");
    writeFileSync(join(dir, "part.md"), "part {{ n }}\n");
    const runtime = createRuntime({ memory, checked: true });
    const source = '```xmd\nimport twice from "lib"\n```\n{{ twice(n) }}\n<!-- xmd:import "part.md" -->\n';
    const doc = runtime.compile(source, { path: join(dir, "main.md"), vars: ["n"] });
    const kept = doc.nodeCount;
    // The kept tree is the document's own (its imports are read per render).
    expect(kept).toBe(runtime.parse(source, { path: join(dir, "main.md") }).nodeCount);
    const importNodes =
      runtime.parse(readFileSync(join(dir, "lib.xmd"), "utf8"), { lang: "xmd" }).nodeCount +
      runtime.parse(readFileSync(join(dir, "part.md"), "utf8"), { lang: "md" }).nodeCount;
    for (let n = 1; n <= 3; n++) {
      const result = doc.render({ n });
      expect(result.output).toBe(`${n * 2}\npart ${n}\n`);
      expect(result.dependencies).toContain(join(dir, "lib.xmd"));
      // The imports were parsed by this render (their nodes counted) and are gone after it.
      expect(result.stats.allocations.requested.node).toBe(importNodes);
      expect(runtime.inspect().live.variables).toBe(0);
      expect(doc.nodeCount).toBe(kept);
    }
    // An edit to an imported file shows on the next render: imports are read per render.
    writeFileSync(join(dir, "lib.xmd"), "export function twice(x)\n  return x + x + 1\n");
    expect(doc.render({ n: 1 }).output).toBe("3\npart 1\n");
    doc.release();
    runtime.dispose();
  });

  it("parses nothing per render when there is nothing to import", () => {
    const runtime = createRuntime({ memory });
    const doc = runtime.compile("{{ a }} and {{ a + 1 }}\n", { vars: ["a"] });
    const result = doc.render({ a: 1 });
    expect(result.output).toBe("1 and 2\n");
    expect(result.stats.allocations.requested.node).toBe(0);
    expect(result.stats.parseMs).toBe(0);
  });

  it("reports syntax errors at compile time and runtime errors at render time", () => {
    const runtime = createRuntime({ memory });
    expect(() => runtime.compile("{{ 1 + }}\n", { path: "bad.md" })).toThrow(XmdError);
    const doc = runtime.compile("{{ missing }}\n", { path: "late.md" });
    let error: unknown;
    try {
      doc.render();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XmdError);
    expect((error as XmdError).code).toBe("undefined-name");
    expect((error as XmdError).file).toBe("late.md");
    // The failed render released its slots; the document still renders.
    expect(doc.render({ missing: 1 }).output).toBe("1\n");
  });

  it("refuses to render after release", () => {
    const runtime = createRuntime({ memory });
    const doc = runtime.compile("x\n");
    doc.release();
    expect(() => doc.render()).toThrow(/after release/);
  });

  it("keeps two compiled documents apart from each other and from render()", () => {
    const runtime = createRuntime({ memory, checked: true });
    const a = runtime.compile("```xmd\nset x 1\n```\nA{{x}}\n");
    const b = runtime.compile("```xmd\nset y 2\n```\nB{{y}}\n");
    for (let i = 0; i < 3; i++) {
      expect(a.render().output).toBe("A1\n");
      expect(runtime.render("{{ 40 + 2 }}\n").output).toBe("42\n");
      expect(b.render().output).toBe("B2\n");
    }
    a.release();
    expect(b.render().output).toBe("B2\n");
  });

  it("reports each render's own allocations, not the runtime's running total", () => {
    const runtime = createRuntime({ memory });
    const first = runtime.render("{{ 1 + 2 }} {{ x }}\n", { vars: { x: 1 } }).stats.allocations;
    const second = runtime.render("{{ 1 + 2 }} {{ x }}\n", { vars: { x: 1 } }).stats.allocations;
    expect(second.requested).toEqual(first.requested);
    expect(first.requested.node).toBe(runtime.parse("{{ 1 + 2 }} {{ x }}\n").nodeCount);
  });
});
