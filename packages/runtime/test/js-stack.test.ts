/**
 * When the JavaScript stack runs out before maxCallDepth, the error must say so. Run on
 * the built package in a plain Node process: under Vite's module transform (the other
 * tests) a stack overflow can surface as a TypeError inside a module getter instead of
 * the RangeError Node raises, which is not what users run.
 */
import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const dist = resolve(dirname(fileURLToPath(import.meta.url)), "../dist/index.js");

const SCRIPT = `
const { createRuntime } = await import(${JSON.stringify(dist)});
const out = {};
for (const memory of ["pooled", "heap"]) {
  try {
    createRuntime({ memory, limits: { maxCallDepth: 1e9 } }).render("function f n\\n    return f n + 1\\nprint f 0\\n", { lang: "xmd" });
    out[memory] = "no error";
  } catch (e) {
    out[memory] = { name: e.name, code: e.code, message: e.message, line: e.line };
  }
}
console.log(JSON.stringify(out));
`;

describe("the JavaScript stack", () => {
  it("is named, not maxCallDepth, when it runs out first, at the recursive call", () => {
    const out = JSON.parse(
      execFileSync(process.execPath, ["--input-type=module", "-e", SCRIPT], { encoding: "utf8" }),
    ) as Record<string, { name: string; code: string; message: string; line: number }>;
    for (const memory of ["pooled", "heap"]) {
      const e = out[memory];
      expect(e?.name).toBe("XmdError");
      expect(e?.code).toBe("limit");
      expect(e?.message).toMatch(/the JavaScript stack ran out at \d+ nested calls, before maxCallDepth/);
      expect(e?.line).toBe(2);
    }
  });
});
