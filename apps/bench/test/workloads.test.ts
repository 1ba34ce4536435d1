import { describe, expect, it } from "vitest";
import { ENGINES, makeEngine } from "../src/macro/engines.js";
import { withUniqueComment } from "../src/macro/variants.js";
import {
  normalize,
  w1Interpolate,
  w2Loop,
  w3Nested,
  w4ManyDocs,
  w5LargeProgram,
  w6LargeDocument,
} from "../src/macro/workloads.js";

describe("workloads", () => {
  it("are generated deterministically", () => {
    expect(w2Loop(0.05).data).toEqual(w2Loop(0.05).data);
    expect(w1Interpolate(0.05).xmd.source).toBe(w1Interpolate(0.05).xmd.source);
    expect(w5LargeProgram(20_000)).toBe(w5LargeProgram(20_000));
  });

  it("have the promised sizes", () => {
    const w1 = w1Interpolate(1);
    expect(w1.xmd.source.split("\n").length - 1).toBe(2000);
    expect(w1.xmd.source.match(/\{\{v\d+\}\}/g)).toHaveLength(1000);
    expect(new Set(w1.xmd.source.match(/\{\{v\d+\}\}/g)).size).toBeLessThanOrEqual(100);
    expect((w2Loop(1).data.records as unknown[]).length).toBe(10_000);
    expect((w3Nested(1).data.sections as unknown[]).length).toBe(50);
    expect(w4ManyDocs(1000)).toHaveLength(1000);
    // Disjoint passes: never-seen documents of the same size.
    const [first, later] = [w4ManyDocs(3, 0), w4ManyDocs(3, 3000)];
    expect(later.map((d) => d.mustache.length)).toEqual(first.map((d) => d.mustache.length));
    expect(new Set([...first, ...later].map((d) => d.eta)).size).toBe(6);
    expect(w5LargeProgram().length).toBeGreaterThanOrEqual(1024 * 1024);
  });

  for (const make of [
    () => [w1Interpolate(0.05)],
    () => [w2Loop(0.05)],
    () => [w3Nested(0.1)],
    () => w4ManyDocs(5),
  ]) {
    const ws = make();
    const id = ws[0]?.id;
    for (const engine of ENGINES) {
      it(`${id}: ${engine} renders the same output as the hand-written baseline`, async () => {
        const e = await makeEngine(engine);
        for (const w of ws) {
          const want = normalize(w.baseline(w.data));
          expect(normalize(e.compile(w).render())).toBe(want);
          expect(normalize(e.once(w))).toBe(want);
          // The compile+render variants add a comment that renders to nothing.
          expect(normalize(e.once(withUniqueComment(w, 12345)))).toBe(want);
          e.clearCaches();
        }
        e.dispose();
      });
    }
  }

  it("mustache's view is computed from the data at render time (same logical work as the others)", () => {
    const w = w2Loop(0.01);
    const records = w.data.records as { qty: number }[];
    const view = w.mustacheView(w.data) as { shown: unknown[] };
    expect(view.shown).toHaveLength(records.filter((r) => r.qty > 5).length);
  });

  it("W6 is deterministic for a seed, and the seed changes the values, never the size", () => {
    expect(w6LargeDocument(200, 7).source).toBe(w6LargeDocument(200, 7).source);
    const sizes = new Set<number>();
    const values = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      const d = w6LargeDocument(200, seed);
      sizes.add(Buffer.byteLength(d.source));
      values.add(`${d.name} ${d.count}`);
    }
    expect(sizes.size).toBe(1);
    expect(values.size).toBeGreaterThan(1);
  });

  it("W6 has the issue's shape: two classic set directives, then one line per number", () => {
    const d = w6LargeDocument(50, 3);
    const lines = d.source.split("\n");
    expect(lines.pop()).toBe(""); // ends with a newline
    expect(lines).toHaveLength(52);
    expect(lines[0]).toBe(`<!-- xmd:set name = "${d.name}" -->`);
    expect(lines[1]).toBe(`<!-- xmd:set count = ${d.count} -->`);
    expect(d.name).toMatch(/^[A-Z][a-z]{4}$/);
    expect(d.count).toBeGreaterThanOrEqual(10);
    expect(d.count).toBeLessThan(100);
    lines.slice(2).forEach((line, i) => {
      expect(line).toBe(
        `Line ${i + 1}: Hello {{name}}, you have {{count}} messages and this is filler text.`,
      );
    });
    expect(d.expected().split("\n")[49]).toBe(
      `Line 50: Hello ${d.name}, you have ${d.count} messages and this is filler text.`,
    );
  });

  it("W6 at its full size is 8.09 MB", () => {
    const d = w6LargeDocument();
    expect(d.lines).toBe(100_000);
    expect(Buffer.byteLength(d.source)).toBe(8_088_955);
    expect((Buffer.byteLength(d.source) / 1e6).toFixed(2)).toBe("8.09");
  });

  it("W6 renders to its expected output in both memory modes", async () => {
    const d = w6LargeDocument(40);
    for (const engine of ["xmd-pooled", "xmd-heap"] as const) {
      const e = await makeEngine(engine);
      const out = e.xmd?.runtime.render(d.source, { lang: "md" }).output ?? "";
      expect(normalize(out)).toBe(normalize(d.expected()));
      e.dispose();
    }
  });

  it("W5 parses as XMD in both memory modes", async () => {
    for (const engine of ["xmd-pooled", "xmd-heap"] as const) {
      const e = await makeEngine(engine);
      const parsed = e.xmd?.runtime.parse(w5LargeProgram(30_000), { lang: "xmd" });
      expect(parsed?.nodeCount).toBeGreaterThan(1000);
      parsed?.release();
    }
  });
});
