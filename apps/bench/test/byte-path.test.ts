/**
 * XMD's byte path (`renderTo`, each chunk dropped): what it counts as pool bytes in each
 * memory mode, that its writer sees every byte, and that its output is the string path's.
 * Behaviour only: no test looks at a timing or at a profiled byte count's value.
 */
import { createRuntime, type MemoryMode } from "@xmd/runtime";
import { describe, expect, it } from "vitest";
import {
  ByteCounter,
  bytePathFigures,
  bytePathText,
  profileBytePath,
  tallyBytePath,
} from "../src/macro/byte-path.js";
import { AllocationTally } from "../src/macro/xmd-figures.js";

/** 2,000 lines with multi-byte characters: about 90 KB of output, so more than one 64 KiB chunk. */
const LINES = 2000;
const source = Array.from({ length: LINES }, (_, i) => `Grüße an {{name}} — Zeile ${i} ✓`).join("\n");
const vars = { name: "Jürgen 🦊" };
const expected = source.replaceAll("{{name}}", vars.name);
const expectedBytes = Buffer.byteLength(expected);

function compiled(memory: MemoryMode) {
  const runtime = createRuntime({ memory });
  const doc = runtime.compile(source, { lang: "md", vars: Object.keys(vars) });
  return { runtime, doc };
}

describe("the byte path", () => {
  it("hands the writer the same text as the string path, a reused chunk at a time", () => {
    for (const memory of ["pooled", "heap"] as const) {
      const { runtime, doc } = compiled(memory);
      expect(expectedBytes).toBeGreaterThan(64 * 1024);
      expect(doc.render(vars).output.trimEnd()).toBe(expected);
      expect(bytePathText((write) => doc.renderTo(write, vars)).trimEnd()).toBe(expected);
      expect(bytePathText((write) => runtime.renderTo(source, write, { lang: "md", vars })).trimEnd()).toBe(
        expected,
      );
      const counter = new ByteCounter();
      const { stats } = doc.renderTo(counter.write, vars);
      expect(counter.chunks).toBeGreaterThan(1);
      expect(counter.bytes).toBe(stats.outputBytes);
      doc.release();
      runtime.dispose();
    }
  });

  it("counts the output bytes as pool bytes in pooled mode: slots × slot size + UTF-8 output bytes", () => {
    const { runtime, doc } = compiled("pooled");
    const renders = 3;
    const bytePath = tallyBytePath(runtime, renders, (_, write) => doc.renderTo(write, vars).stats);
    expect(bytePath.renders).toBe(renders);
    expect(bytePath.pooledOutputBytesPerRender).toBe(Buffer.byteLength(doc.render(vars).output));
    expect(bytePath.pooledOutputBytesPerRender).toBeGreaterThanOrEqual(expectedBytes);
    // The slots are the string path's: the two paths differ only in where the output goes.
    const stringPath = new AllocationTally();
    stringPath.add(runtime, () => doc.render(vars).stats);
    expect(bytePath.poolBytesPerRender).toBe(stringPath.poolBytesPerRender);
    expect(bytePath.bytePathPoolBytesPerRender).toBe(
      (bytePath.poolBytesPerRender as number) + (bytePath.pooledOutputBytesPerRender as number),
    );

    const figures = bytePathFigures(bytePath, 10_000);
    const pool = figures.byte_path_pool_bytes_per_render as number;
    expect(figures.byte_path_output_pool_bytes_per_render).toBe(bytePath.pooledOutputBytesPerRender);
    expect(figures.byte_path_js_heap_bytes_per_render).toBe(10_000);
    expect(figures.byte_path_pool_byte_share).toBeCloseTo(pool / (pool + 10_000), 12);
    doc.release();
    runtime.dispose();
  });

  it("counts nothing as pooled in heap mode, whose chunks are fresh allocations: share 0", () => {
    const { runtime, doc } = compiled("heap");
    const tally = tallyBytePath(runtime, 2, (_, write) => doc.renderTo(write, vars).stats);
    expect(tally.pooledOutputBytesPerRender).toBe(0);
    expect(tally.bytePathPoolBytesPerRender).toBe(0);
    expect(bytePathFigures(tally, 10_000)).toEqual({
      byte_path_js_heap_bytes_per_render: 10_000,
      byte_path_output_pool_bytes_per_render: 0,
      byte_path_pool_bytes_per_render: 0,
      byte_path_pool_byte_share: 0,
    });
    doc.release();
    runtime.dispose();
  });

  it("one-shot renders (W4's path) count each document's own output", () => {
    const runtime = createRuntime({ memory: "pooled" });
    const docs = ["short {{name}}", "a little longer: {{name}} and é"];
    const tally = tallyBytePath(
      runtime,
      docs.length,
      (i, write) => runtime.renderTo(docs[i] as string, write, { lang: "md", vars }).stats,
    );
    const total = docs.reduce(
      (a, d) => a + Buffer.byteLength(runtime.render(d, { lang: "md", vars }).output),
      0,
    );
    expect(tally.pooledOutputBytesPerRender).toBe(total / docs.length);
    runtime.dispose();
  });

  it("refuses a writer that was not handed every byte the runtime reports", async () => {
    const { runtime, doc } = compiled("pooled");
    // A render whose chunks do not reach the counter: the figures would not be of this path.
    const lost = () => doc.renderTo(() => {}, vars).stats;
    expect(() => tallyBytePath(runtime, 1, lost)).toThrow(
      /byte path: the writer was handed 0 bytes in render 0/,
    );
    await expect(profileBytePath(lost, { minRuns: 2, minMs: 0, maxRuns: 2 })).rejects.toThrow(
      /over 2 profiled renders/,
    );
    // The real writer passes, and the profile reports its renders.
    const profile = await profileBytePath((_, write) => doc.renderTo(write, vars).stats, {
      minRuns: 2,
      minMs: 0,
      maxRuns: 2,
    });
    expect(profile.calls).toBe(2);
    expect(typeof profile.bytesPerCall).toBe("number");
    doc.release();
    runtime.dispose();
  });
});
