/** The memory plan's promises that tests can check: counts, not timings. */
import { describe, expect, it } from "vitest";
import { createRuntime } from "../src/index.js";

const DOC = [
  "# Report",
  "```xmd",
  "set people",
  '    {name: "An", age: 30},',
  '    {name: "Binh", age: 25},',
  "function label p",
  '    return p.name + " (" + p.age + ")"',
  "for p in people",
  '    print "- " + label p',
  "set total reduce people ((sum, p) => sum + p.age), 0",
  "```",
  "Total age: {{total}}",
  "",
].join("\n");

describe("memory accounting", () => {
  it("returns every pool slot at the end of each render", () => {
    for (const memory of ["pooled", "heap"] as const) {
      const runtime = createRuntime({ memory, checked: true });
      for (let i = 0; i < 20; i++) runtime.render(DOC, { lang: "md" });
      const state = runtime.inspect();
      expect(state.live).toEqual({ nodes: 0, variables: 0, temporaries: 0 });
      for (const pool of state.pools) expect(pool.live).toBe(0);
      runtime.dispose();
    }
  });

  it("serves nearly every allocation request from pools in pooled mode, none in heap mode", () => {
    const pooled = createRuntime({ memory: "pooled" }).render(DOC, { lang: "md" }).stats;
    const heap = createRuntime({ memory: "heap" }).render(DOC, { lang: "md" }).stats;
    expect(pooled.allocations.poolShare).toBeGreaterThan(0.9);
    expect(heap.allocations.poolShare).toBe(0);
    expect(pooled.allocations.requested.node).toBe(heap.allocations.requested.node);
    expect(pooled.pools.map((p) => p.name)).toEqual(["ast-nodes", "variables", "output-chunks"]);
    expect(pooled.intern?.distinct).toBeGreaterThan(0);
  });

  it("reports the interner's counts in pooled mode and null for them in heap mode", () => {
    // `--stats` prints `intern` as given; heap mode has no interner to count.
    const pooled = createRuntime({ memory: "pooled" }).render(DOC, { lang: "md" }).stats;
    const heap = createRuntime({ memory: "heap" }).render(DOC, { lang: "md" }).stats;
    expect(pooled.intern).toEqual({
      distinct: expect.any(Number),
      lookups: expect.any(Number),
      hits: expect.any(Number),
      bytesSaved: expect.any(Number),
    });
    expect(heap.intern).toBeNull();
  });

  it("reuses pool slots across renders instead of growing", () => {
    const runtime = createRuntime({ memory: "pooled" });
    runtime.render(DOC, { lang: "md" });
    const first = runtime.inspect().pools.map((p) => p.capacity);
    for (let i = 0; i < 50; i++) runtime.render(DOC, { lang: "md" });
    const after = runtime.inspect().pools.map((p) => p.capacity);
    expect(after).toEqual(first);
    const nodes = runtime.inspect().pools[0];
    expect(nodes?.reuseRatio).toBeGreaterThan(0.9);
  });

  it("makes a few nodes for a large page of text, whatever its length, and keeps none after the render", () => {
    const runtime = createRuntime({ memory: "pooled" });
    const lines = Array.from({ length: 40_000 }, (_, i) => `Line ${i}: {{a}} and {{b}}.`);
    const page = `<!-- xmd:set a = 1 -->\n<!-- xmd:set b = 2 -->\n${lines.join("\n")}\n`;
    const { stats } = runtime.render(page, { lang: "md" });
    const nodes = stats.pools.find((p) => p.name === "ast-nodes");
    // The text and its {{ a }} and {{ b }} are one run: a node, and a Name per distinct name.
    expect(nodes?.pages).toBe(1);
    expect(nodes?.highWater).toBeLessThan(32);
    const after = runtime.inspect();
    expect(after.live.nodes).toBe(0);
    expect(after.pools.find((p) => p.name === "ast-nodes")?.capacity).toBeLessThanOrEqual(4096);
    expect(runtime.render(DOC, { lang: "md" }).output).toBe(
      createRuntime().render(DOC, { lang: "md" }).output,
    );
  });

  it("grows a kept tree a page at a time, so that it holds within a page of what it needs", () => {
    const source = Array.from({ length: 20_000 }, (_, i) => `set v${i % 500} ${i} + ${i % 7} * 2`).join("\n");
    const parsed = createRuntime({ memory: "pooled" }).parse(source, { lang: "xmd" });
    const [pool] = parsed.pools();
    expect((pool?.capacity ?? 0) - parsed.nodeCount).toBeLessThan(pool?.pageSize ?? 0);
    parsed.release();
  });

  it("returns slots when a render fails", () => {
    const runtime = createRuntime({ memory: "pooled", checked: true });
    expect(() =>
      runtime.render("set a 1\nfunction f x\n    return x + nope\nprint f 1\n", { lang: "xmd" }),
    ).toThrow(/nope/);
    expect(runtime.inspect().live).toEqual({ nodes: 0, variables: 0, temporaries: 0 });
  });

  it("keeps a parsed tree until it is released, and reports what it holds", () => {
    const runtime = createRuntime({ memory: "pooled" });
    const parsed = runtime.parse(DOC, { lang: "md" });
    const count = parsed.nodeCount;
    // The same tree as heap mode builds, node for node.
    expect(count).toBe(createRuntime({ memory: "heap" }).parse(DOC, { lang: "md" }).nodeCount);
    expect(parsed.stats.allocations.requested.node).toBe(count);
    expect(parsed.stats.allocations.pooled.node).toBe(count);
    const [pool] = parsed.pools();
    expect(pool).toMatchObject({ name: "ast-nodes", live: count, bytesPerSlot: 43 });
    expect(pool?.bytes).toBe(pool!.capacity * 43); // trimmed: room for its pages only
    runtime.render(DOC, { lang: "md" });
    parsed.release();
    expect(parsed.nodeCount).toBe(0);
    expect(parsed.pools()[0]?.live).toBe(0);
    expect(runtime.inspect().live.nodes).toBe(0);
  });

  it("reports a compiled document's own pool, and the value stack's bytes in a render", () => {
    const runtime = createRuntime({ memory: "pooled" });
    const doc = runtime.compile(DOC, { lang: "md" });
    expect(doc.pools()[0]?.live).toBe(doc.nodeCount);
    const stats = doc.render().stats;
    expect(stats.stack).toMatchObject({ bytesPerSlot: 13 });
    expect(stats.stack?.bytes).toBeGreaterThan(0);
    doc.release();
    expect(doc.pools()[0]?.live).toBe(0);
    expect(createRuntime({ memory: "heap" }).compile(DOC, { lang: "md" }).pools()).toEqual([]);
  });

  it("reports the output's size in UTF-8 bytes", () => {
    expect(createRuntime().render('print "€€€"\n', { lang: "xmd" }).stats.outputBytes).toBe(10);
  });

  it("gives identical output in both modes", () => {
    const a = createRuntime({ memory: "pooled" }).render(DOC, { lang: "md" }).output;
    const b = createRuntime({ memory: "heap" }).render(DOC, { lang: "md" }).output;
    expect(a).toBe(b);
    expect(a).toBe("# Report\n- An (30)\n- Binh (25)\nTotal age: 55\n");
  });

  it("keeps captured variables out of the pools, so closure-heavy runs do not pile up slots", () => {
    // Each call captures two locals; 20,000 calls used to hold 40,000 variable slots until
    // the end of the run (and ran out of pool capacity at about two million).
    const doc = [
      "function wrap k",
      "    set step 2",
      "    set g (x => x + k * step)",
      "    return g 1",
      "set out (range 20000).map (i => wrap i)",
      "print out[19999]",
      "",
    ].join("\n");
    const pooled = createRuntime({ memory: "pooled", checked: true }).render(doc, { lang: "xmd" });
    const heap = createRuntime({ memory: "heap" }).render(doc, { lang: "xmd" });
    expect(pooled.output).toBe("39999\n");
    expect(heap.output).toBe(pooled.output);
    const variables = pooled.stats.pools.find((p) => p.name === "variables");
    expect(variables?.highWater).toBeLessThan(16);
  });
});
